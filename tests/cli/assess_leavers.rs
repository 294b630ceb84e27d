//! Who and what a year's assessment counts: advisors whose service ended
//! during the year by resignation or dismissal are not assessed (seed 001
//! arts. 13, 16; seed 002 八（一）), and only records dated in an advisor's
//! days in office count — a resignation entered with an earlier date warns
//! of the work on file after it, and `roster check` lists it.

use crate::assess_guangxi::{at, guangxi, rules};
use crate::common::{Office, json};
use serde_json::json;

/// Research reports (八（一）1) and advice, an excellent quota of half
/// (rounded down), and a subsidy by grade so that "no subsidy" shows.
const GRADED: &str = r#"
name = "广西科技顾问年度评价（含补贴）"
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

[excellent_quota]
share = 0.5
rounding = "floor"

[subsidy]
excellent = 10000
competent = 8000
basic = 5000
incompetent = 0
min = 5000
max = 10000
cap = 100000
"#;

/// A research report by `code` on `day`, the work of the panel `extra`
/// names with `--panel` (gx otherwise).
fn report(office: &Office, today: &str, code: &str, day: &str, extra: &[&str]) {
    let panel = match extra {
        ["--panel", p] => p,
        _ => "gx",
    };
    let mut args = vec![
        "activity",
        "add",
        "--kind",
        "research_report",
        "--panel",
        panel,
        "--topic",
        "产业技术研究报告",
        "--date",
        day,
        "--advisor",
        code,
        "--attendance",
        "attended",
        "--role",
        "author",
    ];
    if extra.first() != Some(&"--panel") {
        args.extend_from_slice(extra);
    }
    at(office, today, &args);
}

fn advice(office: &Office, today: &str, code: &str, day: &str) {
    at(
        office,
        today,
        &[
            "advice",
            "add",
            "--advisor",
            code,
            "--title",
            "关于科技成果转化的建议",
            "--channel",
            "report",
            "--date",
            day,
        ],
    );
}

/// QA r6 seed 002 finding 2: G02 resigned after 131 days and G03 was
/// dismissed; both were graded 不称职 on the months after they left, and
/// `assess confirm` locked it in. Seed 001 art. 16 and seed 002 八（一）
/// assess the work of those in office: the run leaves them out — no grade,
/// no subsidy, not in the excellent quota's base — and says so, as do
/// `assess show` and `assess explain`. G05, whose term simply expired on
/// 2025-08-31, is still assessed, prorated.
#[test]
fn who_resigned_or_was_dismissed_during_the_year_is_left_out_not_graded() {
    let office = guangxi();
    at(
        &office,
        "2024-08-20",
        &[
            "advisor",
            "add",
            "--code",
            "G05",
            "--name",
            "院士05",
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
        "2024-08-20",
        &[
            "appointment",
            "nominate",
            "G05",
            "--panel",
            "gx",
            "--source",
            "org_recommendation",
            "--date",
            "2024-08-01",
        ],
    );
    at(
        &office,
        "2024-08-20",
        &[
            "appointment",
            "appoint",
            "5",
            "--certificate",
            "GX-05",
            "--start",
            "2024-09-01",
            "--years",
            "1",
        ],
    );
    report(&office, "2025-04-01", "G05", "2025-03-10", &[]);
    // G01 (report on 11-20, from the fixture) and G04 both reach excellent.
    advice(&office, "2025-12-01", "G01", "2025-11-21");
    report(&office, "2025-12-01", "G04", "2025-11-25", &[]);
    advice(&office, "2025-12-01", "G04", "2025-11-26");
    // Seed 001 art. 13: G02 resigns in writing; art. 12: G03 is dismissed.
    at(
        &office,
        "2025-10-10",
        &[
            "appointment",
            "resign",
            "2",
            "--request-date",
            "2025-09-30",
            "--certificate-returned",
            "no",
        ],
    );
    at(
        &office,
        "2025-11-20",
        &[
            "--yes",
            "appointment",
            "dismiss",
            "3",
            "--ground",
            "nonperformance",
            "--reference",
            "桂科顾〔2025〕9号",
        ],
    );
    let file = rules(&office, "gx.toml", GRADED);
    let table = at(
        &office,
        "2025-12-20",
        &["assess", "run", "--year", "2025", "--rules", &file],
    );
    assert!(
        table.contains("考核 3 人") && table.contains("另有 2 人年内辞去/解聘，不参加本年度考核"),
        "{table}"
    );
    let doc = json(&at(
        &office,
        "2025-12-20",
        &["--format", "json", "assess", "show", "--year", "2025"],
    ));
    let codes = |key: &str| -> Vec<String> {
        doc[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes("results"), ["G01", "G04", "G05"]);
    assert_eq!(codes("left_out"), ["G02", "G03"]);
    let left = doc["left_out"].as_array().unwrap();
    assert_eq!(
        (&left[0]["how"], &left[0]["ended_on"]),
        (&json!("resigned"), &json!("2025-10-10"))
    );
    assert_eq!(
        (&left[1]["how"], &left[1]["ended_on"]),
        (&json!("dismissed"), &json!("2025-11-20"))
    );
    assert_eq!(
        office.int(
            "SELECT count(*) FROM assessments s JOIN advisors a ON a.id = s.advisor_id WHERE a.code IN ('G02','G03')"
        ),
        0
    );
    // The excellent quota's base is the three assessed: floor(3 × 0.5) = 1
    // place (with the leavers, five, it would be 2).
    let grade = |code: &str| {
        doc["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(grade("G01")["grade"], "excellent");
    assert_eq!(grade("G04")["grade"], "competent");
    assert_eq!(grade("G04")["prelim_grade"], "excellent");
    assert!(
        grade("G04")["decision"]
            .as_str()
            .unwrap()
            .contains("优秀名额为 1 个（3 人 × 0.5）"),
        "{}",
        grade("G04")
    );
    // A term that simply expired is assessed, prorated (243 days).
    assert_eq!(grade("G05")["served_days"], 243);
    assert_eq!(grade("G05")["grade"], "competent");
    // `assess explain` says why there is no result, in both languages.
    let zh = at(
        &office,
        "2025-12-20",
        &["assess", "explain", "G02", "--year", "2025"],
    );
    assert!(
        zh.contains("于 2025-10-10 辞去") && zh.contains("年内辞去/解聘，不参加本年度考核"),
        "{zh}"
    );
    let en = at(
        &office,
        "2025-12-20",
        &["--lang", "en", "assess", "explain", "G03", "--year", "2025"],
    );
    assert!(
        en.contains("dismissed on 2025-11-20")
            && en.contains("resigned or dismissed during the year; not assessed this year"),
        "{en}"
    );
    let run_en = at(
        &office,
        "2025-12-20",
        &["--lang", "en", "assess", "show", "--year", "2025"],
    );
    assert!(
        run_en.contains("2 more resigned or dismissed during the year; not assessed this year"),
        "{run_en}"
    );
    // Nothing to grade for a leaver (exit 4, nothing written).
    let err = office.fails(
        4,
        &[
            "--today",
            "2025-12-20",
            "assess",
            "grade",
            "G02",
            "--year",
            "2025",
            "--grade",
            "competent",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("不参加本年度考核"), "{err}");
    // Confirmation pays the three assessed and nobody who left.
    at(
        &office,
        "2025-12-20",
        &[
            "--yes", "assess", "confirm", "--year", "2025", "--panel", "gx",
        ],
    );
    assert_eq!(
        office.text(
            "SELECT group_concat(a.code, ',') FROM (SELECT a.code FROM expenses e JOIN advisors a ON a.id = e.advisor_id
             WHERE e.category = 'subsidy' ORDER BY a.code) a"
        ),
        "G01,G04,G05"
    );
}

/// QA r6 leader finding 2: a resignation entered with an earlier date
/// (`appointment resign … --date 2025-07-15`) left the advisor's later
/// non-guest work counted as service, and `assess run` scored and paid for
/// it (seed 001 art. 13: the resignation ends the service; art. 14: the
/// subsidy follows the work assessed). Now resigning warns of that work
/// (kept on file), `assess run` counts only records dated in the days
/// served — the same days it prorates by — and `roster check` lists the
/// participations dated when the advisor served no panel.
#[test]
fn work_dated_after_a_back_dated_resignation_is_warned_of_listed_and_not_counted() {
    let office = guangxi();
    // G04 also joins a second panel from November, so over the whole
    // office G04 still serves at the year's end and is assessed.
    at(
        &office,
        "2025-10-01",
        &[
            "panel",
            "add",
            "--code",
            "gxlab",
            "--name",
            "广西重点实验室顾问",
            "--kind",
            "advisory_panel",
            "--lead-unit",
            "自治区科学技术厅",
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
    at(
        &office,
        "2025-10-01",
        &[
            "appointment",
            "nominate",
            "G04",
            "--panel",
            "gxlab",
            "--source",
            "org_recommendation",
            "--date",
            "2025-10-01",
        ],
    );
    at(
        &office,
        "2025-10-20",
        &[
            "appointment",
            "appoint",
            "5",
            "--certificate",
            "GXL-01",
            "--start",
            "2025-11-01",
        ],
    );
    // G04's work on gx in September and October, recorded while serving.
    report(&office, "2025-10-20", "G04", "2025-09-10", &[]);
    report(&office, "2025-10-20", "G04", "2025-10-15", &[]);
    advice(&office, "2025-10-20", "G04", "2025-10-15");
    // G01 took part as a guest before the term began (not their service).
    report(&office, "2025-10-20", "G01", "2025-03-01", &["--guest"]);
    let participations = office.int("SELECT count(*) FROM participants WHERE voided_at IS NULL");
    // The resignation, entered on 11-20 with the date it took effect.
    let (code, _, err) = office.run(&[
        "--today",
        "2025-11-20",
        "appointment",
        "resign",
        "4",
        "--date",
        "2025-07-15",
        "--request-date",
        "2025-07-01",
        "--certificate-returned",
        "yes",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("院士04 自 2025-07-15 起不再任职")
            && err.contains("2025-09-10")
            && err.contains("2025-10-15，产业技术研究报告")
            && err.contains("意见建议 #1（2025-10-15"),
        "{err}"
    );
    // Nothing refused, nothing removed.
    assert_eq!(
        office.int("SELECT count(*) FROM participants WHERE voided_at IS NULL"),
        participations
    );
    assert_eq!(
        office.text("SELECT state FROM appointments WHERE id = 4"),
        "resigned"
    );
    // `roster check` lists the two participations dated when G04 served no
    // panel (gx ended 07-15, gxlab began 11-01) — not the guest's.
    let (code, out, _) = office.run(&[
        "--today",
        "2025-11-20",
        "--format",
        "csv",
        "check",
        "--only",
        "participations_in_office",
    ]);
    assert_eq!(code, 4, "{out}");
    let found: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("participations_in_office"))
        .collect();
    assert_eq!(found.len(), 2, "{out}");
    assert!(
        found[0].contains("2025-09-10") && found[1].contains("2025-10-15"),
        "{out}"
    );
    assert!(!out.contains("院士01"), "{out}");
    // The whole office's year counts only G04's days in office (06-01 –
    // 07-14 on gx, 11-01 – 12-31 on gxlab: 105 days), and G01's.
    report(
        &office,
        "2025-11-20",
        "G04",
        "2025-11-10",
        &["--panel", "gxlab"],
    );
    let whole = crate::assess_guangxi::REPORTS_ONLY.replace("panel = \"gx\"\n", "");
    let file = rules(&office, "whole.toml", &whole);
    let doc = json(&at(
        &office,
        "2025-12-20",
        &[
            "--format", "json", "assess", "run", "--year", "2025", "--rules", &file,
        ],
    ));
    let row = |code: &str| {
        doc["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(row("G04")["served_days"], 105);
    assert_eq!(row("G04")["points"], 40.0); // the November report only: not 3 × 40 + 20
    assert_eq!(row("G01")["points"], 40.0); // not the guest report of March
    let explained = json(&at(
        &office,
        "2025-12-20",
        &[
            "--format", "json", "assess", "explain", "G04", "--year", "2025",
        ],
    ));
    let dates: Vec<&str> = explained["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-11-10"]);
    // The re-count agrees with the run.
    office.ok(&[
        "--today",
        "2025-12-20",
        "check",
        "--only",
        "assessments_current",
    ]);
    // Assessed for gx alone, G04 left it by resignation during the year.
    let gx = json(&at(
        &office,
        "2025-12-20",
        &[
            "--format",
            "json",
            "assess",
            "run",
            "--year",
            "2025",
            "--rules",
            &rules(&office, "gx.toml", crate::assess_guangxi::REPORTS_ONLY),
        ],
    ));
    assert_eq!(gx["left_out"][0]["code"], "G04");
}
