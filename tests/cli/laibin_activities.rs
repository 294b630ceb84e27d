//! Seed 004 (Laibin) 三(一)4 六活动: a greeting, a symposium, an online
//! exchange, a briefing, a work report and a study programme a year, each
//! recorded as a kind of its own (contacts or activities) and counted
//! apart by yearly duties, rule sets, the ledger, coverage and the summary.

use crate::common::{Office, json};
use crate::datasets::{arg, write};

/// Tourism's one serving member (A0022 吴婷婷) owes each of the six.
fn six_duties(office: &Office) {
    for (subject, kind) in [
        ("contact", "节日慰问"),
        ("contact", "线上互动"),
        ("contact", "工作通报"),
        ("activity", "座谈交流"),
        ("activity", "工作汇报"),
        ("activity", "国情区情市情研修"),
    ] {
        office.ok(&[
            "panel",
            "quota",
            "add",
            "tourism",
            "--subject",
            subject,
            "--kinds",
            kind,
            "--period",
            "year",
            "--scope",
            "advisor",
            "--min",
            "1",
        ]);
    }
}

#[test]
fn the_six_activities_are_recorded_and_counted_each_apart() {
    let office = Office::sample();
    six_duties(&office);
    let tourism = office.int("SELECT id FROM panels WHERE code = 'tourism'");
    assert_eq!(
        office.text(&format!(
            "SELECT group_concat(subject || ':' || kinds, ' ') FROM (SELECT * FROM panel_quotas WHERE panel_id = {tourism} ORDER BY id)"
        )),
        "contact:greeting contact:online contact:briefing activity:symposium activity:work_report activity:study"
    );
    let quotas = office.ok(&[
        "--format", "csv", "panel", "quota", "list", "--panel", "tourism",
    ]);
    for label in [
        "线上互动",
        "工作通报",
        "座谈交流",
        "工作汇报",
        "国情区情市情研修",
    ] {
        assert!(quotas.contains(label), "{label}: {quotas}");
    }
    // In December each one not yet held is due on its own (A0022 was
    // greeted this year already).
    let owed = |office: &Office| -> Vec<String> {
        let items = json(
            &office
                .run(&["--format", "json", "due", "--today", "2026-12-05"])
                .1,
        );
        items
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "quota" && i["code"] == "A0022")
            .map(|i| i["what"].as_str().unwrap().to_string())
            .collect()
    };
    let before = owed(&office).join(" | ");
    for label in [
        "线上互动",
        "工作通报",
        "座谈交流",
        "工作汇报",
        "国情区情市情研修",
    ] {
        assert!(before.contains(label), "{label}: {before}");
    }
    assert!(!before.contains("节日慰问"), "{before}");

    let today = ["--today", "2026-12-05"];
    for (kind, channel) in [("线上互动", "video"), ("工作通报", "email")] {
        office.ok(&[
            &today[..],
            &[
                "contact",
                "add",
                "--kind",
                kind,
                "--advisor",
                "A0022",
                "--channel",
                channel,
                "--date",
                "2026-12-01",
            ],
        ]
        .concat());
    }
    for (kind, topic) in [
        ("座谈交流", "市委领导与专家人才座谈会"),
        ("work_report", "吴婷婷向联系领导汇报年度工作"),
        ("国情", "国情区情市情研修班"),
    ] {
        office.ok(&[
            &today[..],
            &[
                "activity",
                "add",
                "--panel",
                "tourism",
                "--kind",
                kind,
                "--date",
                "2026-12-02",
                "--topic",
                topic,
                "--advisor",
                "A0022",
                "--attendance",
                "attended",
            ],
        ]
        .concat());
    }
    assert!(owed(&office).is_empty(), "{:?}", owed(&office));
    assert_eq!(
        office.text("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM contacts WHERE on_date = '2026-12-01' ORDER BY id)"),
        "online briefing"
    );
    assert_eq!(
        office.text("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM activities WHERE on_date = '2026-12-02' ORDER BY id)"),
        "symposium work_report study"
    );

    // The ledger, the coverage and the yearly summary name each of them.
    let ledger = office.ok(&[
        &today[..],
        &[
            "--format", "csv", "report", "ledger", "A0022", "--year", "2026",
        ],
    ]
    .concat());
    for label in [
        "线上互动",
        "工作通报",
        "座谈交流",
        "工作汇报",
        "国情区情市情研修",
    ] {
        assert!(ledger.contains(label), "{label}: {ledger}");
    }
    let coverage = json(
        &office.ok(&[
            &today[..],
            &["--format", "json", "report", "coverage", "--year", "2026"],
        ]
        .concat()),
    );
    let a0022 = coverage["advisors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "A0022")
        .unwrap();
    assert_eq!(a0022["by_kind"]["online"], 1, "{a0022}");
    assert_eq!(a0022["by_kind"]["briefing"], 1, "{a0022}");
    let table = office.ok(&[
        &today[..],
        &["report", "coverage", "--year", "2026", "--panel", "tourism"],
    ]
    .concat());
    assert!(
        table.contains("线上互动") && table.contains("工作通报"),
        "{table}"
    );
    let summary = json(
        &office.ok(&[
            &today[..],
            &["--format", "json", "report", "summary", "--year", "2026"],
        ]
        .concat()),
    );
    let count = |table: &str, panel: Option<&str>, kind: &str| -> i64 {
        summary[table]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["panel"].as_str() == panel && r["kind"] == kind)
            .map_or(0, |r| {
                r[if table == "contact_kinds" {
                    "contacts"
                } else {
                    "activities"
                }]
                .as_i64()
                .unwrap()
            })
    };
    for kind in ["online", "briefing"] {
        assert_eq!(count("contact_kinds", Some("tourism"), kind), 1, "{kind}");
        assert_eq!(count("contact_kinds", None, kind), 1, "{kind}");
    }
    for kind in ["symposium", "work_report", "study"] {
        assert_eq!(count("activity_kinds", Some("tourism"), kind), 1, "{kind}");
    }
    // The office's contacts by kind add up to its contacts, each counted once.
    let by_kind: i64 = summary["contact_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["panel"].is_null())
        .map(|r| r["contacts"].as_i64().unwrap())
        .sum();
    let total = summary["contacts"].as_array().unwrap().last().unwrap()["contacts"]
        .as_i64()
        .unwrap();
    assert_eq!(by_kind, total);
    let text = office.ok(&[&today[..], &["report", "summary", "--year", "2026"]].concat());
    assert!(
        text.contains("联系服务（按方式）") && text.contains("国情区情市情研修"),
        "{text}"
    );
}

#[test]
fn the_six_activities_are_read_from_files_and_rule_sets_by_their_labels() {
    let office = Office::sample();
    let contacts = write(
        &office,
        "contacts.csv",
        "日期,联系方式,专家,渠道\n2026-11-10,线上互动,A0022,视频\n2026-11-11,工作通报,A0022,电子邮件\n",
    );
    office.ok(&["import", "contacts", arg(&contacts)]);
    let activities = write(
        &office,
        "activities.csv",
        "日期,活动类型,顾问团,议题,专家编码,出席情况\n\
         2026-11-12,座谈交流,tourism,专家人才座谈会,A0022,出席\n\
         2026-11-13,工作汇报,tourism,年度工作汇报,A0022,出席\n\
         2026-11-14,国情区情市情研修,tourism,国情区情市情研修班,A0022,出席\n",
    );
    office.ok(&["import", "activities", arg(&activities)]);
    assert_eq!(
        office.text("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM contacts WHERE on_date IN ('2026-11-10','2026-11-11') ORDER BY on_date)"),
        "online briefing"
    );
    assert_eq!(
        office.text("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM activities WHERE topic LIKE '%研修班' OR topic LIKE '%座谈会' OR topic = '年度工作汇报' ORDER BY on_date)"),
        "symposium work_report study"
    );
    // A rule set counts each of them by its code.
    let mut toml = String::from("name = \"来宾六活动\"\npanel = \"tourism\"\n");
    for (count, kind) in [
        ("contacts", "greeting"),
        ("contacts", "online"),
        ("contacts", "briefing"),
        ("attended", "symposium"),
        ("attended", "work_report"),
        ("attended", "study"),
    ] {
        toml.push_str(&format!(
            "[[requirement]]\nlabel = \"六活动：{kind}\"\ncount = \"{count}\"\nkinds = [\"{kind}\"]\nmin = 1\n\n"
        ));
    }
    toml.push_str(
        "[[points]]\nlabel = \"座谈交流\"\ncount = \"attended\"\nkinds = [\"symposium\"]\neach = 10\n\n\
         [grades]\nexcellent = 80\ncompetent = 40\nbasic = 20\nmissed_requirement = \"basic\"\n\n\
         [subsidy]\nexcellent = 0\ncompetent = 0\nbasic = 0\nincompetent = 0\nmin = 0\nmax = 0\ncap = 0\n",
    );
    let rules = write(&office, "laibin.toml", toml);
    let checked = office.ok(&["assess", "rules", "check", arg(&rules)]);
    assert!(!checked.is_empty());
    // A kind of the other list names the subject it belongs to; one no list
    // knows names every kind. Either is bad input and nothing changes.
    let quota = |subject: &'static str, kind: &'static str| {
        [
            "panel",
            "quota",
            "add",
            "tourism",
            "--subject",
            subject,
            "--kinds",
            kind,
            "--period",
            "year",
            "--scope",
            "advisor",
            "--min",
            "1",
        ]
    };
    let err = office.fails(3, &quota("contact", "座谈交流"));
    assert!(
        err.contains("--kinds") && err.contains("--subject activity"),
        "{err}"
    );
    let err = office.fails_en(3, &quota("activity", "线上互动"));
    assert!(
        err.contains("is a contact kind") && err.contains("--subject contact"),
        "{err}"
    );
    let err = office.fails_en(3, &quota("activity", "联欢"));
    assert!(
        err.contains("--kinds") && err.contains("symposium") && err.contains("study"),
        "{err}"
    );
}

/// The same duty added twice would be owed, and listed by `due`, twice
/// (QA r10): refused naming the one in force and how to change it; the
/// kinds are compared as a set, whatever their order or labels.
#[test]
fn the_same_duty_twice_is_refused() {
    let office = Office::sample();
    let add = |kinds: &str| -> Vec<String> {
        [
            "panel",
            "quota",
            "add",
            "health",
            "--subject",
            "contact",
            "--kinds",
            kinds,
            "--period",
            "year",
            "--scope",
            "advisor",
            "--min",
            "1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let args = add("线上互动,工作通报");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    office.ok(&args);
    let again = add("briefing,online");
    let again: Vec<&str> = again.iter().map(String::as_str).collect();
    let err = office.fails(4, &again);
    assert!(err.contains("roster panel quota void"), "{err}");
    // Another period or scope is another duty.
    let half = add("线上互动,工作通报");
    let mut half: Vec<&str> = half.iter().map(String::as_str).collect();
    half[9] = "half";
    office.ok(&half);
}

/// A kind of the six activities given to the wrong command names the
/// command it belongs to (QA r10: the whole list came back).
#[test]
fn a_kind_given_to_the_wrong_command_names_the_right_one() {
    let office = Office::sample();
    let err = office.fails(
        3,
        &["contact", "add", "--kind", "座谈交流", "--advisor", "A0001"],
    );
    assert!(
        err.contains("roster activity add --kind symposium"),
        "{err}"
    );
    let err = office.fails(
        3,
        &[
            "activity",
            "add",
            "--kind",
            "工作通报",
            "--panel",
            "tech",
            "--topic",
            "通报",
        ],
    );
    assert!(err.contains("roster contact add --kind briefing"), "{err}");
}
