//! The yearly evaluation of Guangxi's science and technology advisors (seed
//! 002): one panel, academicians appointed from 2025-06-01, evaluated every
//! year (八（一）) on their research reports (八（一）1) and on being invited to
//! Guangxi or visited at their own unit 1–2 times a year (四（一）).

use crate::common::{Office, json};

pub(crate) fn at(office: &Office, today: &str, args: &[&str]) -> String {
    let mut all = vec!["--today", today];
    all.extend_from_slice(args);
    office.ok(&all)
}

/// Seed 002's rules without a contact requirement: a research report a
/// year (八（一）1), points for reports and advice. The 聘金 is paid as a
/// stipend (六), so the subsidies are zero.
pub(crate) const REPORTS_ONLY: &str = r#"
name = "广西科技顾问年度评价"
panel = "gx"
prorate = true

[[requirement]]
label = "每年提交研究报告不少于1篇（八（一）1）"
count = "attended"
kinds = ["research_report"]
min = 1

[[points]]
label = "研究报告"
count = "attended"
kinds = ["research_report"]
each = 40

[[points]]
label = "意见建议"
count = "advice_submitted"
each = 20

[grades]
excellent = 60
competent = 40
basic = 20

[subsidy]
excellent = 0
competent = 0
basic = 0
incompetent = 0
min = 0
max = 0
cap = 0
"#;

/// A Guangxi office: panel gx and academicians G01–G04 appointed for three
/// years from 2025-06-01 (the procedure is tested elsewhere; here the
/// panel appoints directly). G01 writes a research report in November.
pub(crate) fn guangxi() -> Office {
    let office = Office::empty();
    at(
        &office,
        "2025-05-20",
        &[
            "panel",
            "add",
            "--code",
            "gx",
            "--name",
            "广西科技顾问",
            "--kind",
            "advisory_panel",
            "--lead-unit",
            "自治区党委科技委员会办公室",
            "--term-years",
            "3",
            "--steps",
            "none",
            "--max-age",
            "none",
            "--min-work-years",
            "none",
        ],
    );
    for i in 1..=4 {
        let code = format!("G{i:02}");
        at(
            &office,
            "2025-05-20",
            &[
                "advisor",
                "add",
                "--code",
                &code,
                "--name",
                &format!("院士{i:02}"),
                "--category",
                "tech_advisor",
                "--birth-date",
                "1955-03-01",
                "--work-start-year",
                "1980",
            ],
        );
        at(
            &office,
            "2025-05-20",
            &[
                "appointment",
                "nominate",
                &code,
                "--panel",
                "gx",
                "--source",
                "org_recommendation",
                "--date",
                "2025-05-01",
            ],
        );
        at(
            &office,
            "2025-05-20",
            &[
                "appointment",
                "appoint",
                &i.to_string(),
                "--certificate",
                &format!("GX-{i:02}"),
                "--start",
                "2025-06-01",
            ],
        );
    }
    at(
        &office,
        "2025-12-01",
        &[
            "activity",
            "add",
            "--kind",
            "research_report",
            "--panel",
            "gx",
            "--topic",
            "广西新材料产业技术路线研究",
            "--date",
            "2025-11-20",
            "--advisor",
            "G01",
            "--attendance",
            "attended",
            "--role",
            "author",
        ],
    );
    office
}

pub(crate) fn rules(office: &Office, name: &str, text: &str) -> String {
    std::fs::write(office.path(name), text).unwrap();
    office.arg(name)
}

/// QA r6 seed 002 finding 2: an advisor with nothing counted scored "-0"
/// (an empty sum of floats is -0.0) in `assess explain`'s "得分 -0：优秀≥60…".
/// A score of nothing reads 0 wherever a score is shown.
#[test]
fn a_score_of_nothing_reads_0_never_minus_0() {
    let office = guangxi();
    let file = rules(&office, "gx.toml", REPORTS_ONLY);
    at(
        &office,
        "2025-12-20",
        &["assess", "run", "--year", "2025", "--rules", &file],
    );
    let zh = at(
        &office,
        "2025-12-20",
        &["assess", "explain", "G02", "--year", "2025"],
    );
    assert!(zh.contains("得分 0：优秀≥60，称职≥40，基本称职≥20"), "{zh}");
    let en = at(
        &office,
        "2025-12-20",
        &["--lang", "en", "assess", "explain", "G02", "--year", "2025"],
    );
    assert!(en.contains("0 points: excellent ≥60"), "{en}");
    for out in [&zh, &en] {
        assert!(!out.contains("-0"), "{out}");
    }
    let doc = json(&at(
        &office,
        "2025-12-20",
        &[
            "--format", "json", "assess", "explain", "G02", "--year", "2025",
        ],
    ));
    assert_eq!(doc["assessment"]["points"], 0.0);
    assert!(!doc["why"].to_string().contains("-0"), "{}", doc["why"]);
    // The reasons the run stored, the results and the export read 0 too.
    assert_eq!(
        office.int("SELECT count(*) FROM assessments WHERE requirements LIKE '%得分 -0%'"),
        0
    );
    for args in [
        vec!["--format", "csv", "assess", "show", "--year", "2025"],
        vec!["export", "assessments", "--year", "2025"],
    ] {
        let out = at(&office, "2025-12-20", &args);
        assert!(!out.contains(",-0,"), "{out}");
    }
}

/// QA r6 seed 002 finding 8: a year assessed for its one panel (seed 002
/// 八（一）: the office's academicians) was "尚未考核（全部）" to `assess confirm`
/// without --panel. The refusal (still exit 4) names the panels assessed and
/// gives the command with --panel; the reverse case says to drop --panel.
#[test]
fn confirming_a_year_assessed_by_panel_names_the_panel_and_the_command() {
    let office = guangxi();
    let file = rules(&office, "gx.toml", REPORTS_ONLY);
    at(
        &office,
        "2025-12-20",
        &["assess", "run", "--year", "2025", "--rules", &file],
    );
    let err = office.fails(
        4,
        &[
            "--today",
            "2025-12-20",
            "--yes",
            "assess",
            "confirm",
            "--year",
            "2025",
        ],
    );
    assert!(
        err.contains("已对顾问团 gx 考核")
            && err.contains("roster assess confirm --year 2025 --panel gx")
            && !err.contains("尚未考核（全部）"),
        "{err}"
    );
    let en = office.fails_en(
        4,
        &[
            "--today",
            "2025-12-20",
            "--yes",
            "assess",
            "confirm",
            "--year",
            "2025",
        ],
    );
    assert!(
        en.contains("assessed for panel gx")
            && en.contains("roster assess confirm --year 2025 --panel gx"),
        "{en}"
    );
    // The command it gives works.
    at(
        &office,
        "2025-12-20",
        &[
            "--yes", "assess", "confirm", "--year", "2025", "--panel", "gx",
        ],
    );
    assert_eq!(
        office.int("SELECT count(*) FROM assess_runs WHERE state = 'confirmed'"),
        1
    );
    // A year assessed for the whole office, confirmed with --panel.
    let whole = REPORTS_ONLY.replace("panel = \"gx\"\n", "");
    let file = rules(&office, "whole.toml", &whole);
    at(
        &office,
        "2026-12-20",
        &["assess", "run", "--year", "2026", "--rules", &file],
    );
    let err = office.fails(
        4,
        &[
            "--today",
            "2026-12-20",
            "--yes",
            "assess",
            "confirm",
            "--year",
            "2026",
            "--panel",
            "gx",
        ],
    );
    assert!(
        err.contains("全体一起考核") && err.contains("roster assess confirm --year 2026"),
        "{err}"
    );
    // A year never assessed says how to assess it.
    let err = office.fails(
        4,
        &[
            "--today",
            "2027-12-20",
            "--yes",
            "assess",
            "confirm",
            "--year",
            "2027",
        ],
    );
    assert!(
        err.contains("2027 年度尚未考核（全部）") && err.contains("roster assess run --year 2027"),
        "{err}"
    );
}
