//! The annual assessment end to end (issue 7): the Erenhot case (seed 001
//! arts. 12(3), 14, 16) — ten advisors, a year of varied work, subsidies by
//! grade within the 500,000-yuan yearly funding cap, the excellent quota, a
//! dismissal candidate — and the Kaizhou science panel's quotas (seed 000).

use crate::common::{Office, json};

const RULES: &str = "samples/rules/erenhot.toml";

fn at(office: &Office, today: &str, args: &[&str]) -> String {
    let mut all = vec!["--today", today];
    all.extend_from_slice(args);
    office.ok(&all)
}

/// Ten Erenhot advisors E01–E10 serving 2025–2026, a year of their work,
/// and 260,000 yuan of other advisor spending in 2025.
fn erenhot_year() -> Office {
    let office = Office::empty();
    // The procedure itself is tested elsewhere; here the panel appoints directly.
    office.ok(&[
        "panel",
        "add",
        "--code",
        "eh",
        "--name",
        "二连浩特市人民政府顾问",
        "--kind",
        "advisory_panel",
        "--lead-unit",
        "市人力资源和社会保障局",
        "--steps",
        "none",
        "--term-years",
        "2",
    ]);
    for i in 1..=10 {
        let code = format!("E{i:02}");
        let name = format!("顾问{i:02}");
        office.ok(&[
            "advisor",
            "add",
            "--code",
            &code,
            "--name",
            &name,
            "--category",
            "government_advisor",
            "--birth-date",
            "1966-05-01",
            "--work-start-year",
            "1990",
        ]);
        at(
            &office,
            "2024-12-20",
            &[
                "appointment",
                "nominate",
                &code,
                "--panel",
                "eh",
                "--source",
                "org_recommendation",
                "--date",
                "2024-12-01",
            ],
        );
        at(
            &office,
            "2024-12-20",
            &[
                "appointment",
                "appoint",
                &i.to_string(),
                "--certificate",
                &format!("EH-{i:02}"),
                "--start",
                "2025-01-01",
            ],
        );
    }
    office.ok(&[
        "advisor",
        "add",
        "--code",
        "X01",
        "--name",
        "未聘者",
        "--category",
        "pool_expert",
    ]);
    let all: Vec<String> = (1..=10).map(|i| format!("E{i:02}")).collect();
    let mut meeting = vec![
        "activity",
        "add",
        "--kind",
        "panel_meeting",
        "--panel",
        "eh",
        "--topic",
        "口岸经济形势研讨",
        "--attendance",
        "attended",
    ];
    for code in &all {
        meeting.extend(["--advisor", code.as_str()]);
    }
    for (n, day) in ["2025-03-15", "2025-06-15", "2025-09-15", "2025-12-15"]
        .iter()
        .enumerate()
    {
        let mut args = meeting.clone();
        args.extend(["--date", day]);
        at(&office, "2026-01-10", &args);
        let id = (n + 1).to_string();
        // E08 excused once; E10 absent twice without reason (seed 001 art. 12(3)).
        if n == 1 {
            at(
                &office,
                "2026-01-10",
                &[
                    "activity",
                    "attend",
                    &id,
                    "E08",
                    "--attendance",
                    "excused",
                    "--reason",
                    "出国访问",
                ],
            );
        }
        if n >= 2 {
            at(
                &office,
                "2026-01-10",
                &["activity", "attend", &id, "E10", "--attendance", "absent"],
            );
        }
    }
    let written = |code: &str, day: &str| {
        at(
            &office,
            "2026-01-10",
            &[
                "activity",
                "add",
                "--kind",
                "written_opinion",
                "--panel",
                "eh",
                "--topic",
                "书面意见",
                "--date",
                day,
                "--advisor",
                code,
                "--attendance",
                "attended",
                "--role",
                "author",
            ],
        );
    };
    for code in ["E01", "E02", "E03"] {
        written(code, "2025-04-01");
        written(code, "2025-10-01");
    }
    for code in ["E04", "E05", "E06", "E07", "E08", "E09"] {
        written(code, "2025-05-01");
    }
    let advice = |code: &str, title: &str, adopt: bool, endorse: bool| {
        let out = at(
            &office,
            "2026-01-10",
            &[
                "--format",
                "json",
                "advice",
                "add",
                "--advisor",
                code,
                "--title",
                title,
                "--channel",
                "report",
                "--date",
                "2025-05-10",
            ],
        );
        let id = json(&out)["id"].to_string();
        if adopt {
            let mut args = vec![
                "advice",
                "update",
                id.as_str(),
                "--status",
                "adopted",
                "--date",
                "2025-06-10",
            ];
            if endorse {
                args.extend(["--endorsed-by", "市长", "--endorsed-on", "2025-06-12"]);
            }
            at(&office, "2026-01-10", &args);
        }
    };
    advice("E01", "关于口岸物流通道的建议", true, true);
    advice("E01", "关于边民互市贸易的建议", true, false);
    advice("E02", "关于跨境电商的建议", true, false);
    advice("E03", "关于国际班列的建议", true, false);
    advice("E09", "关于口岸旅游的建议", true, false);
    for code in ["E04", "E05", "E06", "E07"] {
        advice(code, "关于营商环境的建议", false, false);
    }
    // Other advisor spending in 2025: travel reimbursed as spent (art. 14).
    at(
        &office,
        "2026-01-10",
        &["budget", "set", "--year", "2025", "--cap", "500000"],
    );
    at(
        &office,
        "2026-01-10",
        &[
            "budget",
            "set",
            "--year",
            "2025",
            "--category",
            "travel",
            "--cap",
            "300000",
        ],
    );
    for code in &all {
        at(
            &office,
            "2026-01-10",
            &[
                "expense",
                "add",
                code,
                "--date",
                "2025-09-16",
                "--category",
                "travel",
                "--amount",
                "26,000",
                "--voucher",
                &format!("V-{code}"),
            ],
        );
    }
    office
}

fn results(office: &Office) -> Vec<serde_json::Value> {
    let doc = json(&at(
        office,
        "2026-01-10",
        &["--format", "json", "assess", "show", "--year", "2025"],
    ));
    doc["results"].as_array().unwrap().clone()
}

fn field<'a>(rows: &'a [serde_json::Value], code: &str) -> &'a serde_json::Value {
    rows.iter().find(|r| r["code"] == code).unwrap()
}

#[test]
fn the_erenhot_year_grades_caps_and_lists_a_dismissal_candidate() {
    let office = erenhot_year();
    let out = at(
        &office,
        "2026-01-10",
        &[
            "--format", "json", "assess", "run", "--year", "2025", "--rules", RULES,
        ],
    );
    let doc = json(&out);
    let rows = doc["results"].as_array().unwrap();
    let grade = |code: &str| field(rows, code)["grade"].as_str().unwrap().to_string();
    assert_eq!(field(rows, "E01")["points"], 120.0); // 4×10 + 2×15 + 2×5 + 2×15 + 10 (endorsed)
    assert_eq!(field(rows, "E02")["points"], 90.0);
    assert_eq!(field(rows, "E03")["points"], 90.0);
    // A fifth may be excellent (2 of 10): E03 ties E02 and loses on code.
    assert_eq!(
        (grade("E01"), grade("E02"), grade("E03")),
        ("excellent".into(), "excellent".into(), "competent".into())
    );
    assert_eq!(field(rows, "E03")["prelim_grade"], "excellent");
    // Its explanation says the place went by the tie-break, not by points.
    let why = at(
        &office,
        "2026-01-10",
        &["assess", "explain", "E03", "--year", "2025"],
    );
    assert!(
        why.contains("与保留优秀者同分") && why.contains("排第 3"),
        "{why}"
    );
    for code in ["E04", "E05", "E06", "E07", "E09"] {
        assert_eq!(grade(code), "competent", "{code}");
    }
    assert_eq!(grade("E08"), "basic"); // 3×10 + 15 = 45
    assert_eq!(grade("E10"), "incompetent"); // two unexcused absences cap it
    let candidates = doc["dismissal_candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 1);
    assert_eq!(candidates[0]["code"], "E10");
    assert!(candidates[0]["evidence"].as_str().unwrap().contains('2'));
    // Wanted 2×50,000 + 6×30,000 + 10,000 = 290,000; the 2025 funding cap of
    // 500,000 less 260,000 of travel leaves 240,000: scaled to fit, to the
    // fen, the same grade to the same amount (a few fen may stay unspent).
    let fen: i64 = office.int("SELECT sum(subsidy_fen) FROM assessments WHERE state = 'draft'");
    assert!((23_999_990..=24_000_000).contains(&fen), "{fen}");
    assert_eq!(
        office.int("SELECT count(DISTINCT subsidy_fen) FROM assessments WHERE state = 'draft' AND grade = 'competent'"),
        1
    );
    assert!(
        rows.iter()
            .filter(|r| r["code"] != "E10")
            .all(|r| r["subsidy"].as_f64().unwrap() >= 5_000.0)
    );
    assert_eq!(field(rows, "E10")["subsidy"], 0.0);
    let e01 = field(rows, "E01")["subsidy"].as_f64().unwrap();
    let e04 = field(rows, "E04")["subsidy"].as_f64().unwrap();
    assert!((e01 / e04 - 50.0 / 30.0).abs() < 0.001, "{e01} {e04}");
    // The rule set is stored with the run.
    assert_eq!(office.int("SELECT count(*) FROM assess_runs WHERE rules_toml LIKE '%二连浩特%' AND length(rules_sha256) = 64"), 1);
    // The city's run (art. 16) reads as the whole office's in the summary,
    // not as records booked to no panel.
    let summary = at(
        &office,
        "2026-01-10",
        &["--format", "csv", "report", "summary", "--year", "2025"],
    );
    assert!(
        summary.contains(",全办考核（不分顾问团）,10,2,"),
        "{summary}"
    );
    assert!(!summary.contains("未记入顾问团"), "{summary}");
}

#[test]
fn explain_agrees_with_the_numbers() {
    let office = erenhot_year();
    at(
        &office,
        "2026-01-10",
        &["assess", "run", "--year", "2025", "--rules", RULES],
    );
    let doc = json(&at(
        &office,
        "2026-01-10",
        &[
            "--format", "json", "assess", "explain", "E01", "--year", "2025",
        ],
    ));
    let points: f64 = doc["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["points"].as_f64().unwrap())
        .sum();
    assert_eq!(points, doc["assessment"]["points"].as_f64().unwrap());
    assert_eq!(doc["records"].as_array().unwrap().len(), 8); // 4 meetings, 2 opinions, 2 pieces of advice
    assert!(
        doc["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["met"] == true)
    );
    let why = doc["why"].to_string();
    assert!(why.contains("240,000.00"), "{why}");
    let e03 = at(
        &office,
        "2026-01-10",
        &["--lang", "en", "assess", "explain", "E03", "--year", "2025"],
    );
    assert!(
        e03.contains("excellent quota allows 2")
            && e03.contains("placed 3 by the rule set's tie-break"),
        "{e03}"
    );
    let e10 = at(
        &office,
        "2026-01-10",
        &["--lang", "en", "assess", "explain", "E10", "--year", "2025"],
    );
    assert!(
        e10.contains("dismissal candidate") && e10.contains("absent"),
        "{e10}"
    );
}

#[test]
fn the_authority_grades_adjusts_and_confirms_then_the_year_is_locked() {
    let office = erenhot_year();
    at(
        &office,
        "2026-01-10",
        &["assess", "run", "--year", "2025", "--rules", RULES],
    );
    let before = office.dump();
    let out = office
        .cmd()
        .args([
            "--lang",
            "en",
            "--today",
            "2026-01-10",
            "assess",
            "grade",
            "E08",
            "--year",
            "2025",
            "--grade",
            "competent",
        ])
        .output()
        .unwrap();
    // A missing reason is a missing value (exit 3), as everywhere.
    assert_eq!(
        out.status.code(),
        Some(3),
        "a manual grade needs its reason"
    );
    assert_eq!(before, office.dump());
    let out = office
        .cmd()
        .args([
            "--lang",
            "en",
            "--today",
            "2026-01-10",
            "assess",
            "grade",
            "X01",
            "--year",
            "2025",
            "--grade",
            "competent",
            "--reason",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did not serve"));
    at(
        &office,
        "2026-01-10",
        &[
            "assess",
            "grade",
            "E08",
            "--year",
            "2025",
            "--grade",
            "称职",
            "--reason",
            "市政府常务会议确定",
        ],
    );
    // A special contribution of 100,000 (art. 14) is fixed; the rest shrink to fit.
    at(
        &office,
        "2026-01-10",
        &[
            "assess",
            "adjust",
            "E01",
            "--year",
            "2025",
            "--subsidy",
            "100,000",
            "--reason",
            "促成国际班列开通的特殊贡献",
        ],
    );
    let rows = results(&office);
    assert_eq!(field(&rows, "E08")["grade"], "competent");
    assert_eq!(field(&rows, "E01")["subsidy"], 100_000.0);
    let fen = office.int("SELECT sum(subsidy_fen) FROM assessments WHERE state = 'draft'");
    assert!((23_999_990..=24_000_000).contains(&fen), "{fen}");
    let err = office.fails_en(
        4,
        &[
            "--today",
            "2026-01-10",
            "assess",
            "adjust",
            "E02",
            "--year",
            "2025",
            "--subsidy",
            "150000",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("100,000"), "{err}");
    // Art. 14: a special contribution raises a subsidy; it never lowers the
    // grade's amount, and a grade without a subsidy has none to raise.
    let err = office.fails_en(
        4,
        &[
            "--today",
            "2026-01-10",
            "assess",
            "adjust",
            "E02",
            "--year",
            "2025",
            "--subsidy",
            "0.01",
            "--reason",
            "x",
        ],
    );
    assert!(
        err.contains("only raises") && err.contains("--subsidy"),
        "{err}"
    );
    let failing = office.text(
        "SELECT a.code FROM assessments s JOIN advisors a ON a.id = s.advisor_id
         WHERE s.state = 'draft' AND s.year = 2025 AND s.grade = 'incompetent' ORDER BY a.code LIMIT 1",
    );
    let err = office.fails_en(
        4,
        &[
            "--today",
            "2026-01-10",
            "assess",
            "adjust",
            &failing,
            "--year",
            "2025",
            "--subsidy",
            "60000",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("earns no subsidy"), "{err}");
    // Re-running replaces the draft and keeps the authority's decisions.
    at(
        &office,
        "2026-01-10",
        &["assess", "run", "--year", "2025", "--rules", RULES],
    );
    let rows = results(&office);
    assert_eq!(field(&rows, "E08")["grade"], "competent");
    assert_eq!(field(&rows, "E01")["subsidy"], 100_000.0);
    assert_eq!(
        office.int("SELECT count(*) FROM assess_runs WHERE state = 'superseded'"),
        1
    );
    // Confirmation asks first, then locks the year and books the subsidies.
    let err = office.fails_en(
        3,
        &[
            "--today",
            "2026-01-10",
            "assess",
            "confirm",
            "--year",
            "2025",
        ],
    );
    assert!(err.contains("--yes"), "{err}");
    at(
        &office,
        "2026-01-10",
        &["assess", "confirm", "--year", "2025", "--yes"],
    );
    assert_eq!(office.int("SELECT count(*) FROM expenses WHERE category = 'subsidy' AND on_date = '2025-12-31' AND voucher_no IS NULL"), 9);
    // Paid by the panel's lead unit, as every expense (art. 14).
    assert_eq!(
        office.text(
            "SELECT group_concat(DISTINCT payer_unit) FROM expenses WHERE category = 'subsidy'"
        ),
        office.text("SELECT lead_unit FROM panels WHERE code = 'eh'")
    );
    // The special contribution shows with its reason beside the grades.
    let shown = at(&office, "2026-01-10", &["assess", "show", "--year", "2025"]);
    assert!(shown.contains("特殊贡献补贴 100,000.00 元"), "{shown}");
    // The year's spending reaches the 500,000 cap, short of it by the few
    // fen no grade could share equally.
    let spent = office.int(
        "SELECT sum(amount_fen) FROM expenses WHERE voided_at IS NULL AND on_date LIKE '2025-%'",
    );
    assert!((49_999_990..=50_000_000).contains(&spent), "{spent}");
    for args in [
        vec!["assess", "run", "--year", "2025", "--rules", RULES],
        vec![
            "assess", "grade", "E02", "--year", "2025", "--grade", "basic", "--reason", "x",
        ],
        vec![
            "assess",
            "adjust",
            "E02",
            "--year",
            "2025",
            "--subsidy",
            "1000",
            "--reason",
            "x",
        ],
        vec![
            "activity",
            "add",
            "--kind",
            "consultation",
            "--panel",
            "eh",
            "--topic",
            "补登",
            "--date",
            "2025-11-01",
            "--advisor",
            "E02",
            "--attendance",
            "attended",
        ],
        vec![
            "activity",
            "attend",
            "1",
            "E10",
            "--attendance",
            "excused",
            "--reason",
            "补假",
        ],
        vec!["activity", "void", "1", "--reason", "x"],
        vec![
            "advice",
            "update",
            "4",
            "--status",
            "implemented",
            "--date",
            "2025-12-01",
        ],
        vec![
            "expense",
            "add",
            "E03",
            "--date",
            "2025-12-20",
            "--category",
            "lodging",
            "--amount",
            "100",
            "--voucher",
            "V-late",
        ],
    ] {
        let mut all = vec!["--today", "2026-01-10"];
        all.extend(args.iter().copied());
        let err = office.fails_en(4, &all);
        assert!(
            err.contains("2025") && (err.contains("confirmed") || err.contains("locked")),
            "{args:?}: {err}"
        );
    }
    // Handling that the assessment does not count goes on into the next
    // year: E04's 2025 advice is assigned and answered in January; adopting
    // it would change what the confirmed year counted.
    for args in [
        &[
            "advice",
            "update",
            "6",
            "--status",
            "assigned",
            "--unit",
            "市商务局",
            "--date",
            "2026-01-05",
        ][..],
        &[
            "advice",
            "update",
            "6",
            "--feedback-by",
            "市商务局",
            "--feedback-on",
            "2026-01-08",
            "--feedback-note",
            "已交办",
        ],
    ] {
        at(&office, "2026-01-10", args);
    }
    let err = office.fails_en(
        4,
        &[
            "--today",
            "2026-01-10",
            "advice",
            "update",
            "6",
            "--status",
            "adopted",
            "--date",
            "2026-01-09",
        ],
    );
    assert!(err.contains("2025"), "{err}");
    // `check` re-counts a confirmed year: a locked record changed behind roster's back is named.
    office.ok(&[
        "--today",
        "2026-01-10",
        "check",
        "--only",
        "assessments_current",
    ]);
    office.conn().execute("UPDATE participants SET attendance = 'attended' WHERE advisor_id = 10 AND attendance = 'absent'", []).unwrap();
    let out = office
        .cmd()
        .args([
            "--lang",
            "en",
            "--today",
            "2026-01-10",
            "check",
            "--only",
            "assessments_current",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stdout).contains("locked records were changed"));
    // 2026 stays open.
    at(
        &office,
        "2026-01-10",
        &[
            "activity",
            "add",
            "--kind",
            "consultation",
            "--panel",
            "eh",
            "--topic",
            "新年座谈",
            "--date",
            "2026-01-05",
            "--advisor",
            "E02",
            "--attendance",
            "attended",
        ],
    );
}

#[test]
fn a_plan_that_cannot_fit_says_by_how_much() {
    let office = erenhot_year();
    // 480,000 of other spending leaves 20,000 for nine subsidies of at least 5,000.
    at(
        &office,
        "2026-01-10",
        &[
            "budget",
            "set",
            "--year",
            "2025",
            "--category",
            "travel",
            "--cap",
            "500000",
        ],
    );
    at(
        &office,
        "2026-01-10",
        &[
            "expense",
            "add",
            "E01",
            "--date",
            "2025-10-01",
            "--category",
            "travel",
            "--amount",
            "220000",
            "--voucher",
            "V-big",
        ],
    );
    let err = office.fails_en(
        4,
        &[
            "--today",
            "2026-01-10",
            "assess",
            "run",
            "--year",
            "2025",
            "--rules",
            RULES,
        ],
    );
    assert!(err.contains("25,000.00"), "{err}"); // 9 × 5,000 − 20,000
}

#[test]
fn bad_rule_files_name_their_line() {
    let office = Office::empty();
    let dir = office.dir.path();
    let good = std::fs::read_to_string(RULES).unwrap();
    for (find, replace, needle) in [
        ("prorate = true", "prorate = true\nbonus = 1", "bonus"),
        ("competent = 30000", "competent = -30000", "negative"),
        ("excellent = 90", "excellent = 50", "must be above"),
        ("min = 5000", "min = 80000", "minimum"),
        ("share = 0.2", "share = 1.2", "between 0 and 1"),
    ] {
        let text = good.replacen(find, replace, 1);
        let line = text
            .lines()
            .position(|l| l.contains(replace.lines().last().unwrap()))
            .unwrap()
            + 1;
        let path = dir.join("bad.toml");
        std::fs::write(&path, &text).unwrap();
        let err = office.fails_en(3, &["assess", "rules", "check", path.to_str().unwrap()]);
        assert!(
            err.contains(&format!("line {line}")) && err.contains(needle),
            "{find}: {err}"
        );
        let err = office.fails_en(
            3,
            &[
                "assess",
                "run",
                "--year",
                "2025",
                "--rules",
                path.to_str().unwrap(),
            ],
        );
        assert!(err.contains(&format!("line {line}")), "{err}");
    }
    office.ok(&["assess", "rules", "check", RULES]);

    // The TOML reader's own messages, in Chinese for a Chinese clerk.
    for (find, replace, needle) in [
        (
            "prorate = true",
            "prorate = true\nbonus = 1",
            "没有设置项 `bonus`",
        ),
        ("prorate = true", "prorate = \"yes\"", "取值类型不对"),
        (
            "prorate = true",
            "prorate = true\nprorate = false",
            "写了两次",
        ),
        ("prorate = true", "[prorate", "TOML 格式错误"),
        (
            "\"site_research\"",
            "\"site_reserch\"",
            "可用的有：consultation",
        ),
    ] {
        let path = dir.join("bad.toml");
        std::fs::write(&path, good.replacen(find, replace, 1)).unwrap();
        let err = office.fails(3, &["assess", "rules", "check", path.to_str().unwrap()]);
        assert!(
            err.contains(needle) && err.contains("行"),
            "{replace}: {err}"
        );
    }
}

#[test]
fn the_kaizhou_science_panel_quotas_met_and_missed() {
    // Seed 000, 科技顾问团 二(一): at least one consultation a year and one
    // piece of advice or one report. The sample ran and confirmed 2025.
    let office = Office::sample();
    let doc = json(&office.ok(&[
        "--format", "json", "assess", "show", "--year", "2025", "--panel", "tech",
    ]));
    let rows = doc["results"].as_array().unwrap();
    assert_eq!(rows.len(), 3, "the tech panel's three advisors");
    let met: Vec<bool> = rows.iter().map(|r| r["missed"] == 0).collect();
    assert!(met.contains(&true) && met.contains(&false), "{rows:?}");
    // Kaizhou's rules name no dismissal grounds.
    assert_eq!(doc["dismissal_candidates"].as_array().unwrap().len(), 0);
    // The confirmed year cannot be run again; 2026's draft can.
    let err = office.fails_en(
        4,
        &[
            "assess",
            "run",
            "--year",
            "2025",
            "--rules",
            "samples/rules/kaizhou-tech.toml",
        ],
    );
    assert!(err.contains("confirmed"), "{err}");
    office.ok(&[
        "assess",
        "run",
        "--year",
        "2026",
        "--rules",
        "samples/rules/kaizhou-tech.toml",
    ]);
    let term = office.ok_en(&["assess", "term", "34"]);
    assert!(
        term.contains("due by 2026-11-30") && term.contains("2025"),
        "{term}"
    );
}

#[test]
fn one_confirmed_result_per_advisor_and_year_whatever_the_scope() {
    // Seed 001 art. 16: the confirmed result stands. The sample confirmed the
    // tech panel's 2025; an office-wide run would assess (and pay) them twice.
    let office = Office::sample();
    let err = office.fails_en(4, &["assess", "run", "--year", "2025", "--rules", RULES]);
    assert!(
        err.contains("already has a confirmed 2025 result")
            && err.contains("开州区人民政府科技顾问团"),
        "{err}"
    );
    // The same when the office-wide draft came first and the panel confirmed since.
    office.ok(&["assess", "run", "--year", "2026", "--rules", RULES]);
    office.ok(&[
        "assess",
        "run",
        "--year",
        "2026",
        "--rules",
        "samples/rules/kaizhou-tech.toml",
    ]);
    // A year is confirmed after it ends, or before only when asked for.
    let err = office.fails_en(
        4,
        &[
            "--yes", "assess", "confirm", "--year", "2026", "--panel", "tech",
        ],
    );
    assert!(
        err.contains("2026 has not reached its last month") && err.contains("--before-year-end"),
        "{err}"
    );
    office.ok(&[
        "--yes",
        "assess",
        "confirm",
        "--year",
        "2026",
        "--panel",
        "tech",
        "--before-year-end",
    ]);
    let err = office.fails_en(
        4,
        &[
            "--yes",
            "assess",
            "confirm",
            "--year",
            "2026",
            "--before-year-end",
        ],
    );
    assert!(err.contains("already has a confirmed 2026 result"), "{err}");
}

#[test]
fn a_panel_run_under_a_cap_on_all_spending_counts_the_whole_office() {
    // Seed 001 art. 14: 全市每年总顾问经费不超过50万元 — the city's cap, so a
    // panel's run leaves room only after every panel's spending that year.
    let office = Office::sample();
    let rules = std::fs::read_to_string(RULES).unwrap();
    let rules = rules.replacen("\nname = ", "\npanel = \"growth\"\nname = ", 1);
    let path = office.path("growth.toml");
    std::fs::write(&path, rules).unwrap();
    office.ok(&[
        "assess",
        "run",
        "--year",
        "2026",
        "--rules",
        &office.arg("growth.toml"),
    ]);
    let all = office.int(
        "SELECT sum(amount_fen) FROM expenses WHERE voided_at IS NULL AND on_date LIKE '2026-%'",
    );
    let growth = office.int(
        "SELECT IFNULL(sum(amount_fen), 0) FROM expenses WHERE voided_at IS NULL AND on_date LIKE '2026-%' AND panel_id = 2",
    );
    assert!(all > growth, "the sample spends on other panels too");
    let counted = office.int(
        "SELECT DISTINCT json_extract(subsidy_note, '$.other_spending') FROM assessments WHERE year = 2026 AND state = 'draft'",
    );
    assert_eq!(counted, all);
}

#[test]
fn a_year_assessed_by_one_panel_shows_without_naming_it() {
    // The sample assesses the tech panel on its own; `assess show --year`
    // finds that run (it said the year was not assessed).
    let office = Office::sample();
    for year in ["2025", "2026"] {
        let shown = json(&office.ok(&["--format", "json", "assess", "show", "--year", year]));
        let by_panel = json(&office.ok(&[
            "--format", "json", "assess", "show", "--year", year, "--panel", "tech",
        ]));
        assert_eq!(shown, by_panel, "{year}");
    }
    let err = office.fails(3, &["assess", "show", "--year", "2024"]);
    assert!(err.contains("尚未考核"), "{err}");
}

#[test]
fn a_subsidy_recorded_by_hand_is_not_paid_again_at_confirmation() {
    // Seed 001 art. 14: the subsidy is given 根据考核情况 — the assessment
    // decides it. E05 was paid 60,000 by hand in 2025; confirming would pay
    // the assessment's subsidy on top, so it is refused, naming the record.
    let office = erenhot_year();
    at(
        &office,
        "2026-01-10",
        &[
            "expense",
            "add",
            "E05",
            "--date",
            "2025-05-10",
            "--category",
            "subsidy",
            "--amount",
            "60000",
        ],
    );
    let hand = office.int("SELECT max(id) FROM expenses");
    at(
        &office,
        "2026-01-10",
        &["assess", "run", "--year", "2025", "--rules", RULES],
    );
    let err = office.fails_en(
        4,
        &[
            "--today",
            "2026-01-10",
            "assess",
            "confirm",
            "--year",
            "2025",
            "--yes",
        ],
    );
    assert!(
        err.contains(&format!("E05 #{hand} 60,000.00")) && err.contains("expense void"),
        "{err}"
    );
    at(
        &office,
        "2026-01-10",
        &[
            "expense",
            "void",
            &hand.to_string(),
            "--reason",
            "应由考核确定",
        ],
    );
    // Nor by hand for one the assessment pays nothing (不称职).
    let unpaid = office.text(
        "SELECT a.code FROM assessments s JOIN advisors a ON a.id = s.advisor_id
         WHERE s.year = 2025 AND s.state = 'draft' AND s.subsidy_fen = 0 ORDER BY a.code LIMIT 1",
    );
    at(
        &office,
        "2026-01-10",
        &[
            "expense",
            "add",
            &unpaid,
            "--date",
            "2025-05-10",
            "--category",
            "subsidy",
            "--amount",
            "8000",
        ],
    );
    let unpaid_hand = office.int("SELECT max(id) FROM expenses");
    let err = office.fails_en(
        4,
        &[
            "--today",
            "2026-01-10",
            "assess",
            "confirm",
            "--year",
            "2025",
            "--yes",
        ],
    );
    assert!(
        err.contains(&format!("{unpaid} #{unpaid_hand} 8,000.00")),
        "{err}"
    );
    at(
        &office,
        "2026-01-10",
        &[
            "expense",
            "void",
            &unpaid_hand.to_string(),
            "--reason",
            "不称职不发补贴",
        ],
    );
    at(
        &office,
        "2026-01-10",
        &["assess", "run", "--year", "2025", "--rules", RULES],
    );
    at(
        &office,
        "2026-01-10",
        &["assess", "confirm", "--year", "2025", "--yes"],
    );
}

#[test]
fn a_plan_that_cannot_fit_for_a_special_contribution_says_so() {
    // A special contribution (seed 001 art. 14) is paid whole: when it is
    // what leaves too little for the others' minimums, the refusal says so.
    let office = erenhot_year();
    at(
        &office,
        "2026-01-10",
        &["assess", "run", "--year", "2025", "--rules", RULES],
    );
    at(
        &office,
        "2026-01-10",
        &[
            "assess",
            "adjust",
            "E01",
            "--year",
            "2025",
            "--subsidy",
            "100000",
            "--reason",
            "口岸扩能特殊贡献",
        ],
    );
    at(
        &office,
        "2026-01-10",
        &[
            "budget",
            "set",
            "--year",
            "2025",
            "--category",
            "travel",
            "--cap",
            "500000",
        ],
    );
    at(
        &office,
        "2026-01-10",
        &[
            "expense",
            "add",
            "E02",
            "--date",
            "2025-10-01",
            "--category",
            "travel",
            "--amount",
            "120000",
            "--voucher",
            "V-trip",
        ],
    );
    let err = office.fails_en(
        4,
        &[
            "--today",
            "2026-01-10",
            "assess",
            "run",
            "--year",
            "2025",
            "--rules",
            RULES,
        ],
    );
    assert!(
        err.contains("special-contribution subsidies (100,000.00 yuan)")
            && err.contains("assess adjust"),
        "{err}"
    );
}

#[test]
fn a_grade_beyond_the_rules_is_recorded_with_a_note() {
    // Seed 001 art. 16: the government confirms the grades, so it may go
    // beyond the rule set; the clerk is told where it does.
    let office = erenhot_year();
    at(
        &office,
        "2026-01-10",
        &["assess", "run", "--year", "2025", "--rules", RULES],
    );
    let grades = |grade: &str| {
        office.text(&format!(
            "SELECT IFNULL(group_concat(code, ','), '') FROM (SELECT a.code FROM assessments s JOIN advisors a ON a.id = s.advisor_id
             WHERE s.year = 2025 AND s.state = 'draft' AND s.grade = '{grade}' ORDER BY a.code)"
        ))
    };
    let excellent = grades("excellent");
    let places = excellent.split(',').count();
    let missed = office.text(
        "SELECT a.code FROM assessments s JOIN advisors a ON a.id = s.advisor_id
         WHERE s.year = 2025 AND s.state = 'draft' AND s.requirements LIKE '%\"met\":false%' ORDER BY a.code LIMIT 1",
    );
    // The notes go to stderr, so a script's JSON stays whole.
    let (code, json_out, out) = office.run(&[
        "--today",
        "2026-01-10",
        "--lang",
        "en",
        "--format",
        "json",
        "assess",
        "grade",
        &missed,
        "--year",
        "2025",
        "--grade",
        "excellent",
        "--reason",
        "市政府常务会议确定",
    ]);
    assert_eq!(code, 0, "{out}");
    crate::common::json(&json_out);
    assert!(
        out.contains(&format!(
            "{} graded excellent, more than the rule set's {places} places",
            places + 1
        )),
        "{out}"
    );
    assert!(
        out.contains("missed a requirement, which the rule set caps at basic"),
        "{out}"
    );
    // Within the rules, nothing is said.
    let (_, _, out) = office.run(&[
        "--today",
        "2026-01-10",
        "--lang",
        "en",
        "assess",
        "grade",
        &missed,
        "--year",
        "2025",
        "--grade",
        "basic",
        "--reason",
        "复核",
    ]);
    assert!(!out.contains("note:"), "{out}");
}
