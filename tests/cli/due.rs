//! `roster due` on the sample office (today 2026-11-20 unless a test pins
//! another day): every kind of item appears when it is due and goes once
//! the command it names has been run; festivals on their lunar dates across
//! the year boundary; `--fail-on-due` exit codes; both languages.

use serde_json::Value;

use crate::common::{Office, json};

/// `roster --format json due …` (exit 0 or 6), as rows.
fn due(office: &Office, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["--format", "json", "due"];
    args.extend_from_slice(extra);
    let (code, out, err) = office.run(&args);
    assert!(code == 0 || code == 6, "due {extra:?}: exit {code}: {err}");
    json(&out).as_array().unwrap().clone()
}

fn of_kind<'a>(items: &'a [Value], kind: &str) -> Vec<&'a Value> {
    items.iter().filter(|i| i["kind"] == kind).collect()
}

fn codes(items: &[Value], kind: &str) -> Vec<String> {
    of_kind(items, kind)
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect()
}

fn one<'a>(items: &'a [Value], kind: &str, code: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["kind"] == kind && i["code"] == code)
        .unwrap_or_else(|| panic!("no {kind} item for {code} in {items:#?}"))
}

/// Runs the command an item names (as a clerk would copy it), with `extra`
/// flags for what it would prompt for at a terminal.
fn deal_with(office: &Office, item: &Value, extra: &[&str]) -> String {
    let command = item["command"].as_str().unwrap();
    let words = shlex::split(command).unwrap();
    assert_eq!(words[0], "roster", "{command}");
    let mut args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    args.extend_from_slice(extra);
    office.ok(&args)
}

#[test]
fn the_sample_office_on_20_november_has_most_kinds_due() {
    let office = Office::sample();
    let items = due(&office, &[]);
    // Sorted by due date; days left negative when late.
    let dates: Vec<&str> = items.iter().map(|i| i["due"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    for i in &items {
        let command = i["command"].as_str().unwrap();
        assert!(command.starts_with("roster "), "{i}");
        assert!(shlex::split(command).is_some(), "{command}");
    }
    // Terms ending 2026-12-31: renewal to decide, or the renewal's next step.
    assert_eq!(codes(&items, "term_end"), ["A0004", "A0034", "A0036"]);
    let a0004 = one(&items, "term_end", "A0004");
    assert_eq!(
        (a0004["due"].as_str(), a0004["days"].as_i64()),
        (Some("2026-12-31"), Some(41))
    );
    assert_eq!(a0004["command"], "roster appointment renew 34");
    assert_eq!(
        one(&items, "term_end", "A0034")["command"],
        "roster appointment review 66"
    );
    // Seed 002 part 8: evaluations one month before the term ends; A0034's
    // was recorded with the renewal proposal (95-due.roster).
    assert_eq!(codes(&items, "term_evaluation"), ["A0004", "A0036"]);
    assert_eq!(one(&items, "term_evaluation", "A0036")["due"], "2026-11-30");
    assert_eq!(one(&items, "term_evaluation", "A0036")["days"], 10);
    // Approved, no public notice in Kaizhou: ready to appoint.
    assert_eq!(
        one(&items, "ready_to_appoint", "A0038")["command"],
        "roster appointment appoint 68"
    );
    // 元旦 2027 on the panels that greet on it (seed 000: industry, tourism).
    assert_eq!(
        codes(&items, "festival"),
        ["A0018", "A0019", "A0020", "A0021", "A0022"]
    );
    assert_eq!(one(&items, "festival", "A0021")["due"], "2027-01-01");
    // Seed 004: one-to-one liaison, leaders holding at least two.
    assert_eq!(
        one(&items, "no_liaison", "A0036")["command"],
        "roster liaison assign L016 --advisor A0036"
    );
    assert_eq!(one(&items, "leader_short", "L011")["due"], "2025-10-16");
    // Contact intervals are the panels' (finance 120 days).
    let a0036 = one(&items, "no_contact", "A0036");
    assert_eq!(
        (a0036["due"].as_str(), a0036["days"].as_i64()),
        (Some("2025-05-26"), Some(-543))
    );
    // Advice owed feedback: three late, one due within the window.
    assert_eq!(
        codes(&items, "advice_feedback"),
        ["A0032", "A0019", "A0034", "A0030"]
    );
    assert_eq!(one(&items, "advice_feedback", "A0030")["days"], 7);
    assert_eq!(
        one(&items, "advice_feedback", "A0032")["command"],
        "roster advice update 14 --feedback-by 何志勇"
    );
    // A0008 missed the growth panel's first-half economic analysis meeting.
    assert_eq!(codes(&items, "quota"), ["A0008"]);
    assert_eq!(one(&items, "quota", "A0008")["due"], "2026-06-30");
    assert_eq!(one(&items, "quota", "A0008")["days"], -143);
    // Seed 004 三必访: A0019's health report of 11-12 calls for a visit
    // within 15 days (`due.visit_days`).
    let owed = one(&items, "visit_owed", "A0019");
    assert_eq!(
        (owed["due"].as_str(), owed["days"].as_i64()),
        (Some("2026-11-27"), Some(7))
    );
    assert_eq!(
        owed["command"],
        "roster contact add --kind visit --occasion hardship --advisor A0019"
    );
    assert_eq!(codes(&items, "visit_owed"), ["A0019"]);
    // The health panel's travel line is over 90% spent.
    let budget = one(&items, "budget", "health");
    assert!(
        budget["what"].as_str().unwrap().contains("90.5%"),
        "{budget}"
    );
    // December's kinds are not due yet.
    assert!(of_kind(&items, "year_end_report").is_empty());
    assert!(of_kind(&items, "assessment").is_empty());

    // English: the same items, in English.
    let text = office.ok_en(&["due"]);
    for words in [
        "term ending",
        "holiday greeting",
        "no liaison",
        "advice feedback",
        "budget alert",
        "days left",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
    let csv = office.ok(&["--format", "csv", "due"]);
    assert!(csv.starts_with("到期日,剩余天数,事项"), "{csv}");
}

#[test]
fn each_item_goes_once_its_command_is_run() {
    let office = Office::sample();
    let items = due(&office, &[]);
    // Greet the advisor: the greeting goes (sent 2026-11-20, 42 days before 元旦).
    deal_with(&office, one(&items, "festival", "A0021"), &[]);
    // Contact the advisor.
    deal_with(&office, one(&items, "no_contact", "A0032"), &[]);
    // Feedback on the advice.
    deal_with(&office, one(&items, "advice_feedback", "A0032"), &[]);
    // Record the term evaluation.
    deal_with(
        &office,
        one(&items, "term_evaluation", "A0036"),
        &["--reference", "区金融事务中心任期总结"],
    );
    // Appoint the approved nomination.
    deal_with(
        &office,
        one(&items, "ready_to_appoint", "A0038"),
        &["--certificate", "KZGW-2026-029"],
    );
    // Pair the advisor with the proposed liaison; the leader gets another advisor.
    deal_with(&office, one(&items, "no_liaison", "A0036"), &[]);
    deal_with(
        &office,
        one(&items, "leader_short", "L011"),
        &["--advisor", "A0038"],
    );
    // Record a first-half meeting for the growth advisor who missed the
    // panel's (the half is over: the command is dated on its last day).
    deal_with(
        &office,
        one(&items, "quota", "A0008"),
        &["--topic", "上半年经济运行分析会"],
    );
    // Raise the health panel's travel line.
    office.ok(&[
        "budget",
        "set",
        "--year",
        "2026",
        "--panel",
        "health",
        "--category",
        "travel",
        "--cap",
        "20000",
    ]);

    let after = due(&office, &[]);
    assert!(!codes(&after, "festival").contains(&"A0021".to_string()));
    assert_eq!(codes(&after, "festival").len(), 4);
    assert!(!codes(&after, "no_contact").contains(&"A0032".to_string()));
    assert!(!codes(&after, "advice_feedback").contains(&"A0032".to_string()));
    assert_eq!(codes(&after, "term_evaluation"), ["A0004"]);
    assert!(of_kind(&after, "ready_to_appoint").is_empty());
    assert!(of_kind(&after, "no_liaison").is_empty());
    assert!(of_kind(&after, "leader_short").is_empty());
    assert!(of_kind(&after, "quota").is_empty());
    assert!(of_kind(&after, "budget").is_empty());

    // Renew: the item follows the renewal through the procedure (each
    // command it names) and goes once the new term is appointed.
    let mut steps = 0;
    loop {
        let now = due(&office, &[]);
        let Some(item) = of_kind(&now, "term_end")
            .into_iter()
            .find(|i| i["code"] == "A0004")
            .cloned()
        else {
            break;
        };
        let extra: &[&str] = if item["command"].as_str().unwrap().contains(" appoint ") {
            &["--certificate", "KZGW-2026-030"]
        } else {
            &[]
        };
        deal_with(&office, &item, extra);
        steps += 1;
        assert!(steps < 8, "the renewal never ended: {item}");
    }
    // renew, vet, review, approve, appoint (Kaizhou: 初审, 审核, 审定).
    assert_eq!(steps, 5);
    assert_eq!(codes(&due(&office, &[]), "term_end"), ["A0034", "A0036"]);
}

#[test]
fn december_brings_year_end_reports_and_the_assessment() {
    let office = Office::sample();
    let items = due(&office, &["--today", "2026-12-05"]);
    // Seed 000: the growth panel's advisors report at the year's end.
    assert_eq!(
        codes(&items, "year_end_report"),
        ["A0005", "A0006", "A0007", "A0008"]
    );
    assert_eq!(one(&items, "year_end_report", "A0006")["due"], "2026-12-31");
    // The 2026 assessment of the tech panel is still a draft.
    let run = one(&items, "assessment", "tech");
    assert_eq!(
        run["command"],
        "roster assess confirm --year 2026 --panel tech"
    );
    assert_eq!(run["days"], 26);
    // The year's last duties fall due: the growth panel's second-half
    // analysis meeting (planned for 12-10, attendance not yet recorded),
    // industry's second visit (seed 000), A0031's second-half lecture.
    // A0033 gave no advice but a written
    // opinion, which the tech panel's duty counts as well (seed 000: 意见
    // 建议不少于1条，或者提供1篇科技决策咨询报告), as its rule set does.
    let year_end: Vec<&str> = of_kind(&items, "quota")
        .iter()
        .filter(|i| i["due"] == "2026-12-31")
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        year_end,
        ["A0005", "A0006", "A0007", "A0008", "A0021", "A0031"]
    );
    let opinion = office
        .int("SELECT id FROM activities WHERE kind = 'written_opinion' AND on_date = '2026-09-24'");
    office.ok(&[
        "--today",
        "2026-12-05",
        "activity",
        "void",
        &opinion.to_string(),
        "--reason",
        "误录",
    ]);
    let without = due(&office, &["--today", "2026-12-05"]);
    let a0033 = one(&without, "quota", "A0033");
    assert!(a0033["what"].as_str().unwrap().contains("0/1"), "{a0033}");

    let report = one(&items, "year_end_report", "A0005");
    deal_with(
        &office,
        report,
        &[
            "--today",
            "2026-12-05",
            "--date",
            "2026-12-04",
            "--topic",
            "2026年经济形势研判报告",
            "--role",
            "author",
        ],
    );
    let after = due(&office, &["--today", "2026-12-05"]);
    assert_eq!(
        codes(&after, "year_end_report"),
        ["A0006", "A0007", "A0008"]
    );
    // In January a year's draft assessment is late.
    let january = due(&office, &["--today", "2027-01-10"]);
    assert_eq!(one(&january, "assessment", "tech")["days"], -10);
    office.ok(&[
        "--today",
        "2027-01-10",
        "--yes",
        "assess",
        "confirm",
        "--year",
        "2026",
        "--panel",
        "tech",
    ]);
    assert!(of_kind(&due(&office, &["--today", "2027-01-10"]), "assessment").is_empty());
}

/// Seed 000's festivals on their lunar dates: the Spring Festival of 2028
/// falls on 26 January and is due from December 2027; a 元旦 greeting sent
/// in late December counts for the coming 1 January.
#[test]
fn festivals_across_the_year_boundary() {
    let office = Office::sample();
    let day = "2027-12-20";
    let items = due(&office, &["--today", day]);
    let spring: Vec<&Value> = of_kind(&items, "festival")
        .into_iter()
        .filter(|i| i["due"] == "2028-01-26")
        .collect();
    let new_year: Vec<&Value> = of_kind(&items, "festival")
        .into_iter()
        .filter(|i| i["due"] == "2028-01-01")
        .collect();
    assert!(spring.iter().any(|i| i["code"] == "A0005"), "{items:#?}");
    assert_eq!(new_year.len(), 5);
    // Greeted for 春节 on 28 December and for 元旦 on 30 December.
    office.ok(&[
        "--today",
        "2027-12-28",
        "contact",
        "add",
        "--kind",
        "greeting",
        "--festival",
        "春节",
        "--advisor",
        "A0005",
    ]);
    office.ok(&[
        "--today",
        "2027-12-30",
        "contact",
        "add",
        "--kind",
        "greeting",
        "--festival",
        "元旦",
        "--panel",
        "industry",
    ]);
    let later = due(&office, &["--today", "2027-12-31"]);
    let left = |d: &str| -> Vec<String> {
        of_kind(&later, "festival")
            .iter()
            .filter(|i| i["due"] == d)
            .map(|i| i["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!left("2028-01-26").contains(&"A0005".to_string()));
    assert!(left("2028-01-26").contains(&"A0006".to_string()));
    assert_eq!(left("2028-01-01"), ["A0022"]);
    // In late January the coming Spring Festival (2027-02-06) is found; a
    // festival past by more than 15 days is no longer asked for.
    let january = due(&office, &["--today", "2027-01-20"]);
    assert!(
        of_kind(&january, "festival")
            .iter()
            .any(|i| i["due"] == "2027-02-06")
    );
    assert!(
        of_kind(&january, "festival")
            .iter()
            .all(|i| i["due"] != "2027-01-01")
    );
}

#[test]
fn fail_on_due_exits_6_when_anything_is_due_and_0_otherwise() {
    let office = Office::sample();
    let (code, out, err) = office.run(&["--format", "csv", "due", "--fail-on-due"]);
    assert_eq!(code, 6, "{err}");
    assert!(out.lines().count() > 30, "the list is printed first: {out}");
    assert!(err.contains("项待办"), "{err}");
    let (code, _, err) = office.run(&["--lang", "en", "due", "--within", "0", "--fail-on-due"]);
    assert_eq!(code, 6);
    assert!(err.contains("items due"), "{err}");
    assert_eq!(office.run(&["due"]).0, 0);
    // Nothing due: 0.
    let empty = Office::empty();
    let (code, out, _) = empty.run(&["due", "--fail-on-due"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("无记录"), "{out}");
}

#[test]
fn within_panel_and_the_list_limit() {
    let office = Office::sample();
    let week = due(&office, &["--within", "7"]);
    assert!(of_kind(&week, "term_end").is_empty());
    assert!(of_kind(&week, "festival").is_empty());
    assert!(week.iter().all(|i| i["days"].as_i64().unwrap() <= 7));
    assert_eq!(one(&week, "advice_feedback", "A0030")["days"], 7);
    // One panel's items only.
    let health = due(&office, &["--panel", "健康开州顾问团"]);
    assert!(!health.is_empty());
    assert!(
        health
            .iter()
            .all(|i| i["panel"].as_str().unwrap_or("").contains("health")),
        "{health:#?}"
    );
    assert!(of_kind(&health, "budget").len() == 1);
    // At most `due.list_limit` of each kind; the table says how many there are.
    office.ok(&["settings", "set", "due.list_limit", "2"]);
    let few = due(&office, &[]);
    let listed = of_kind(&few, "no_contact");
    assert_eq!(listed.len(), 2);
    assert!(
        listed.iter().all(|i| i["days"].as_i64().unwrap() < -90),
        "long overdue first: {listed:#?}"
    );
    assert_eq!(of_kind(&few, "festival").len(), 2);
    let all = of_kind(&due(&office, &["--all"]), "no_contact").len();
    assert!(all > 10, "{all}");
    let text = office.ok(&["due"]);
    assert!(
        text.contains(&format!("久未联系：共 {all} 项，列出 2 项"))
            && text.contains("roster due --all"),
        "{text}"
    );
}

#[test]
fn bad_input_names_the_flag_and_changes_nothing() {
    let office = Office::sample();
    let err = office.fails_en(3, &["due", "--within", "soon"]);
    assert!(err.contains("--within"), "{err}");
    let err = office.fails(3, &["due", "--within=-3"]);
    assert!(err.contains("--within"), "{err}");
    let err = office.fails_en(3, &["due", "--panel", "nowhere"]);
    assert!(err.contains("--panel"), "{err}");
    // A term evaluation once, on a term in office (seed 002 part 8).
    let err = office.fails_en(4, &["appointment", "evaluate", "35"]);
    assert!(
        err.contains("already") && err.contains("2026-11-10"),
        "{err}"
    );
    let err = office.fails_en(4, &["appointment", "evaluate", "69"]);
    assert!(err.contains("#69"), "{err}");
    let err = office.fails_en(
        3,
        &["appointment", "evaluate", "34", "--date", "2026-12-01"],
    );
    assert!(err.contains("--date"), "{err}");
}

#[test]
fn a_reported_hardship_is_due_a_visit_until_one_is_made() {
    // Seed 004 三必访: 获得重大成就必访、遭遇特殊困难必访.
    let office = Office::sample();
    office.ok(&["settings", "set", "due.visit_days", "7"]);
    let items = due(&office, &[]);
    assert_eq!(one(&items, "visit_owed", "A0019")["due"], "2026-11-19");
    assert_eq!(one(&items, "visit_owed", "A0019")["days"], -1);
    // A call is not a visit; the visit the item names clears it.
    office.ok(&[
        "contact",
        "add",
        "--kind",
        "call",
        "--advisor",
        "A0019",
        "--channel",
        "phone",
    ]);
    let items = due(&office, &[]);
    let item = one(&items, "visit_owed", "A0019").clone();
    deal_with(&office, &item, &["--channel", "in_person"]);
    assert!(of_kind(&due(&office, &[]), "visit_owed").is_empty());
    // Seen from the day before that visit, it is still owed.
    let before = due(&office, &["--today", "2026-11-19"]);
    assert_eq!(codes(&before, "visit_owed"), ["A0019"]);
    // An achievement reported today is owed an achievement visit.
    office.ok(&[
        "contact",
        "add",
        "--kind",
        "report",
        "--event",
        "achievement",
        "--advisor",
        "A0028",
        "--channel",
        "phone",
        "--note",
        "获省科技进步一等奖",
    ]);
    let items = due(&office, &[]);
    assert_eq!(
        one(&items, "visit_owed", "A0028")["command"],
        "roster contact add --kind visit --occasion achievement --advisor A0028"
    );
    assert_eq!(one(&items, "visit_owed", "A0028")["panel"], "health");
    // Not on another panel's list.
    assert!(of_kind(&due(&office, &["--panel", "tech"]), "visit_owed").is_empty());
}

#[test]
fn a_member_appointed_mid_period_owes_a_share_at_his_own_pace() {
    // Industry's advisors owe two visits a year (seed 000), the first by
    // 06-30. 程博文 (A0037) is appointed to industry in late July: he is not
    // behind on a pace set before he came, but owes the share of the year
    // he serves (2 × 159/365, to the nearest: one) by its end, as the
    // assessment prorates a part year.
    let office = Office::sample();
    let at = |day: &str, args: &[&str]| {
        let mut all = vec!["--today", day];
        all.extend_from_slice(args);
        office.ok(&all)
    };
    at(
        "2026-07-20",
        &[
            "appointment",
            "nominate",
            "A0037",
            "--panel",
            "industry",
            "--source",
            "自荐",
        ],
    );
    let id = office.int(
        "SELECT ap.id FROM appointments ap JOIN panels p ON p.id = ap.panel_id
         WHERE p.code = 'industry' AND ap.advisor_id = 37",
    );
    let id = id.to_string();
    for verb in ["vet", "review", "approve"] {
        at("2026-07-21", &["appointment", verb, &id]);
    }
    at(
        "2026-07-25",
        &[
            "appointment",
            "appoint",
            &id,
            "--certificate",
            "KZGY-2026-037",
        ],
    );
    let start = office.text(&format!(
        "SELECT term_start FROM appointments WHERE id = {id}"
    ));
    let items = due(&office, &[]);
    assert!(
        !codes(&items, "quota").contains(&"A0037".to_string()),
        "{items:#?}"
    );
    let december = due(&office, &["--today", "2026-12-05"]);
    let his: Vec<&Value> = of_kind(&december, "quota")
        .into_iter()
        .filter(|i| i["code"] == "A0037")
        .collect();
    assert_eq!(his.len(), 1, "{december:#?}");
    assert_eq!(his[0]["due"], "2026-12-31");
    let what = his[0]["what"].as_str().unwrap();
    assert!(
        what.contains(&format!("{start} 至 2026-12-31：已 0/1")),
        "{what}"
    );
    // Coverage asks him the same share, not the whole year's two.
    let coverage = crate::common::json(&office.ok(&[
        "--today",
        "2026-12-05",
        "--format",
        "json",
        "report",
        "coverage",
        "--panel",
        "industry",
    ]));
    let short = coverage["quotas"][0]["short"].to_string();
    assert!(short.contains("A0037 程博文 0/1"), "{short}");
    // Next year he owes them like everyone else.
    let next = due(&office, &["--today", "2027-07-10"]);
    assert!(codes(&next, "quota").contains(&"A0037".to_string()));
}

#[test]
fn a_limited_list_shows_the_most_urgent_duties_first_by_code() {
    // Without the first half's meeting, the four growth advisors are behind
    // on the half-yearly duty (all due 06-30); with two listed per kind,
    // the first two codes, and the count says four.
    let office = Office::sample();
    let meeting = office.int(
        "SELECT id FROM activities WHERE kind = 'economic_analysis' AND on_date = '2026-06-25'",
    );
    office.ok(&[
        "activity",
        "void",
        &meeting.to_string(),
        "--reason",
        "录入错误",
    ]);
    office.ok(&["settings", "set", "due.list_limit", "2"]);
    let items = due(&office, &[]);
    assert_eq!(codes(&items, "quota"), ["A0005", "A0006"]);
    let table = office.ok(&["due"]);
    assert!(table.contains("履职要求：共 4 项，列出 2 项"), "{table}");
}

#[test]
fn a_leader_who_handed_every_advisor_over_still_owes_two() {
    // Seed 004: every leader (领导班子成员) holds at least two experts. A
    // hand-over does not end that; leaving the leadership (--leader no) does.
    let office = Office::sample();
    office.ok(&[
        "liaison",
        "assign",
        "L005",
        "--advisor",
        "A0005",
        "--advisor",
        "A0006",
        "--from",
        "2026-11-01",
        "--replace",
    ]);
    let due = office.ok(&["--format", "csv", "due", "--all"]);
    assert!(due.contains("L003"), "{due}");
    let coverage = json(&office.ok(&["--format", "json", "report", "coverage"]));
    let flagged: Vec<String> = coverage["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["flag"] == "leader_under_2")
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    assert!(flagged.contains(&"L003".to_string()), "{flagged:?}");
    office.ok(&["liaison", "edit", "L003", "--leader", "no"]);
    let due = office.ok(&["--format", "csv", "due", "--all"]);
    assert!(!due.contains("L003"), "{due}");
}

#[test]
fn a_duty_may_fall_due_before_its_period_ends() {
    // Seed 002 part 8: the year's work summary in early December.
    use crate::appointment::{at, erenhot, through_notice};
    let office = erenhot();
    let id = through_notice(&office, "王海");
    at(
        &office,
        "2024-06-20",
        &["appointment", "appoint", &id, "--certificate", "EH-1"],
    );
    let add = |lead: &'static str| {
        vec![
            "panel",
            "quota",
            "add",
            "eh",
            "--subject",
            "activity",
            "--kinds",
            "research_report",
            "--period",
            "year",
            "--scope",
            "advisor",
            "--min",
            "1",
            "--due-days-before",
            lead,
            "--note",
            "年度工作总结（每年12月上旬）",
        ]
    };
    at(&office, "2025-01-05", &add("21"));
    let due = at(&office, "2025-12-11", &["--format", "csv", "due", "--all"]);
    let line = due
        .lines()
        .find(|l| l.contains("年度工作总结"))
        .unwrap_or_else(|| panic!("{due}"));
    assert!(line.starts_with("2025-12-10,-1,"), "{line}");
    // Appointed in June 2024, 王海 still owes 2024's summary: a year-end
    // report is owed by whoever serves on the day it is due.
    let due = at(&office, "2024-12-11", &["--format", "csv", "due", "--all"]);
    assert!(
        due.lines()
            .any(|l| l.starts_with("2024-12-10,-1,") && l.contains("年度工作总结")),
        "{due}"
    );
    let quotas = at(
        &office,
        "2025-12-11",
        &["--format", "json", "panel", "quota", "list"],
    );
    assert!(quotas.contains("\"due_days_before\":21"), "{quotas}");
    // Beyond a half-year's reach: refused naming the flag.
    let mut half = add("90");
    half[9] = "half";
    let err = crate::appointment::fails_at(&office, 3, "2025-01-05", &half);
    assert!(err.contains("--due-days-before"), "{err}");
}

#[test]
fn what_a_term_owed_stays_listed_for_the_grace_after_it_ends() {
    // Seed 002 part 8: the term report a month before the term ends, the
    // year's summary in December; seed 004 三必访: a visit after a reported
    // hardship. 甲's term ends 2026-12-31 with all of them undone: on New
    // Year's Day they are still owed (the window's 30 days), as 乙's are.
    let office = Office::empty();
    let ok = |day: &str, args: &[&str]| {
        let mut all = vec!["--today", day];
        all.extend_from_slice(args);
        office.ok(&all)
    };
    let day = "2026-11-20";
    ok(
        day,
        &[
            "panel",
            "add",
            "--code",
            "gx",
            "--name",
            "广西科技顾问",
            "--kind",
            "advisory_panel",
            "--steps",
            "reviewed,approved",
            "--term-years",
            "3",
            "--max-age",
            "none",
            "--min-work-years",
            "none",
        ],
    );
    ok(
        day,
        &[
            "panel",
            "quota",
            "add",
            "gx",
            "--subject",
            "activity",
            "--kinds",
            "research_report",
            "--period",
            "year",
            "--scope",
            "advisor",
            "--min",
            "1",
            "--due-days-before",
            "21",
        ],
    );
    ok(
        day,
        &[
            "panel",
            "quota",
            "add",
            "gx",
            "--subject",
            "contact",
            "--kinds",
            "visit",
            "--period",
            "year",
            "--scope",
            "advisor",
            "--min",
            "1",
        ],
    );
    ok(
        day,
        &[
            "advisor",
            "add",
            "--name",
            "甲",
            "--category",
            "tech_advisor",
            "--id-number",
            "110108194503150116",
        ],
    );
    ok(
        day,
        &[
            "advisor",
            "add",
            "--name",
            "乙",
            "--category",
            "tech_advisor",
            "--id-number",
            "450103197005050411",
        ],
    );
    for (code, dates, start, cert) in [
        (
            "A0001",
            ["2023-10-10", "2023-11-01", "2023-12-01", "2023-12-20"],
            "2024-01-01",
            "C1",
        ),
        (
            "A0002",
            ["2025-04-01", "2025-04-10", "2025-05-10", "2025-05-20"],
            "2025-06-01",
            "C2",
        ),
    ] {
        ok(
            dates[0],
            &[
                "appointment",
                "nominate",
                code,
                "--panel",
                "gx",
                "--source",
                "self",
                "--date",
                dates[0],
            ],
        );
        let id = office
            .int(&format!("SELECT max(ap.id) FROM appointments ap JOIN advisors a ON a.id = ap.advisor_id WHERE a.code = '{code}'"))
            .to_string();
        ok(
            dates[1],
            &["appointment", "review", &id, "--date", dates[1]],
        );
        ok(
            dates[2],
            &["appointment", "approve", &id, "--date", dates[2]],
        );
        ok(
            dates[3],
            &[
                "appointment",
                "appoint",
                &id,
                "--date",
                dates[3],
                "--start",
                start,
                "--certificate",
                cert,
            ],
        );
    }
    ok(
        day,
        &[
            "contact",
            "add",
            "--kind",
            "report",
            "--event",
            "health",
            "--advisor",
            "A0001",
            "--date",
            day,
        ],
    );
    let owed = ["quota", "term_evaluation", "visit_owed", "year_end_report"];
    let kinds_of = |items: &[Value], code: &str| {
        let mut kinds: Vec<String> = items
            .iter()
            .filter(|i| i["code"] == code)
            .map(|i| i["kind"].as_str().unwrap().to_string())
            .filter(|k| owed.contains(&k.as_str()))
            .collect();
        kinds.sort();
        kinds
    };
    let eve = due(&office, &["--today", "2026-12-31"]);
    assert_eq!(kinds_of(&eve, "A0001"), owed, "{eve:#?}");
    let new_year = due(&office, &["--today", "2027-01-01"]);
    assert_eq!(kinds_of(&new_year, "A0001"), owed, "{new_year:#?}");
    assert_eq!(kinds_of(&new_year, "A0002"), ["quota", "year_end_report"]);
    // A past year's duty is recorded in that year: the command is dated on
    // its last day (the clerk puts the day it happened), and clears it.
    let visit = new_year
        .iter()
        .find(|i| i["kind"] == "quota" && i["code"] == "A0002")
        .unwrap();
    assert_eq!(
        visit["command"],
        "roster contact add --kind visit --advisor A0002 --date 2026-12-31"
    );
    deal_with(&office, visit, &["--today", "2027-01-01"]);
    let after = due(&office, &["--today", "2027-01-01"]);
    assert_eq!(kinds_of(&after, "A0002"), ["year_end_report"]);
    // The visit the health report called for is still made, and recorded,
    // in the days after the term: the item goes.
    ok(
        "2027-01-01",
        &[
            "contact",
            "add",
            "--kind",
            "visit",
            "--occasion",
            "hardship",
            "--advisor",
            "A0001",
            "--date",
            "2027-01-01",
        ],
    );
    let visited = due(&office, &["--today", "2027-01-01"]);
    assert_eq!(
        kinds_of(&visited, "A0001"),
        ["quota", "term_evaluation", "year_end_report"]
    );
    // Beyond the window a contact with a former advisor is refused.
    let err = office.fails_en(
        4,
        &[
            "--today",
            "2027-02-15",
            "contact",
            "add",
            "--kind",
            "call",
            "--advisor",
            "A0001",
            "--date",
            "2027-02-15",
        ],
    );
    assert!(
        err.contains("last served 2026-12-31") && err.contains("30 days"),
        "{err}"
    );
    // After the grace they go, as 乙's 2026 duties do.
    let february = due(&office, &["--today", "2027-02-15"]);
    assert!(kinds_of(&february, "A0001").is_empty(), "{february:#?}");
    // An office whose regulations ask for no term evaluation turns it off.
    ok(day, &["settings", "set", "due.term_evaluation_days", "0"]);
    let eve = due(&office, &["--today", "2026-12-31"]);
    assert!(of_kind(&eve, "term_evaluation").is_empty(), "{eve:#?}");
}

#[test]
fn a_dismissal_ends_the_pairing_and_the_leader_is_short_from_then() {
    // Seed 004 二: every leader pairs with at least two experts. L006 holds
    // A0009 and A0010 since 2023; A0010 is dismissed on 2026-11-02, which
    // ends the pairing the day before: L006 is short from that day, not
    // from when the pairings began.
    let office = Office::sample();
    office.ok(&[
        "--yes",
        "appointment",
        "dismiss",
        "45",
        "--ground",
        "other",
        "--note",
        "调离本市",
        "--date",
        "2026-11-02",
    ]);
    assert_eq!(
        office.text(
            "SELECT la.end_date FROM liaison_assignments la JOIN advisors a ON a.id = la.advisor_id
             WHERE a.code = 'A0010'"
        ),
        "2026-11-01"
    );
    let items = due(&office, &[]);
    let short = one(&items, "leader_short", "L006");
    assert_eq!(short["due"], "2026-11-02", "{short}");
    assert_eq!(short["days"], -18);
    // L011's shortfall still dates from the hand-over that caused it.
    assert_eq!(one(&items, "leader_short", "L011")["due"], "2025-10-16");
}
