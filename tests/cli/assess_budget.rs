//! `assess run` plans the subsidies within the budget lines they will be
//! booked under, as well as the rule set's cap, so `assess confirm` can book
//! them (seed 001 art. 14: 根据考核情况给予…工作补贴; 相关经费不得无预算或超预算
//! 执行). Before, the run looked at the rule cap alone and confirm refused,
//! suggesting a re-run that planned the same amounts again.

use crate::common::{Office, json};
use crate::stipends::at;

/// Every advisor scores 0 points, graded basic: 30,000 yuan each.
const RULES: &str = r#"name = "测试规则"

[[points]]
label = "会议"
count = "attended"
kinds = ["panel_meeting"]
each = 10

[grades]
excellent = 1000
competent = 500
basic = 0
missed_requirement = "basic"

[subsidy]
excellent = 50000
competent = 40000
basic = 30000
incompetent = 0
min = 5000
max = 50000
cap = 500000
cap_covers = "all_spending"
special_max = 100000
"#;

/// Panels econ (E01, E02) and trade (T01) serving all 2026; a 2026 econ
/// line of 120,000 with 84,540 of research spent on it (35,460 left).
fn office() -> (Office, String) {
    let office = Office::empty();
    for (code, name) in [("econ", "经济发展顾问团"), ("trade", "口岸贸易顾问团")] {
        office.ok(&[
            "panel",
            "add",
            "--code",
            code,
            "--name",
            name,
            "--kind",
            "advisory_panel",
            "--lead-unit",
            "市人力资源和社会保障局",
            "--steps",
            "none",
            "--term-years",
            "2",
        ]);
    }
    for (n, (code, panel)) in [("E01", "econ"), ("E02", "econ"), ("T01", "trade")]
        .iter()
        .enumerate()
    {
        office.ok(&[
            "advisor",
            "add",
            "--code",
            code,
            "--name",
            &format!("顾问{code}"),
            "--category",
            "government_advisor",
            "--birth-date",
            "1966-05-01",
            "--work-start-year",
            "1990",
        ]);
        let nominate = [
            "appointment",
            "nominate",
            code,
            "--panel",
            panel,
            "--source",
            "org_recommendation",
            "--date",
            "2025-12-01",
        ];
        at(&office, "2025-12-20", &nominate);
        let id = (n + 1).to_string();
        let certificate = format!("EH-{code}");
        let appoint = [
            "appointment",
            "appoint",
            &id,
            "--certificate",
            &certificate,
            "--start",
            "2026-01-01",
        ];
        at(&office, "2025-12-20", &appoint);
    }
    at(
        &office,
        "2026-01-05",
        &[
            "budget", "set", "--year", "2026", "--panel", "econ", "--cap", "120000",
        ],
    );
    at(
        &office,
        "2026-11-15",
        &[
            "expense",
            "add",
            "E01",
            "--date",
            "2026-11-15",
            "--category",
            "research",
            "--amount",
            "84,540",
        ],
    );
    let rules = office.path("rules.toml");
    std::fs::write(&rules, RULES).unwrap();
    let rules = rules.display().to_string();
    (office, rules)
}

fn subsidies(office: &Office) -> Vec<(String, i64)> {
    let conn = office.conn();
    let mut stmt = conn
        .prepare(
            "SELECT a.code, s.subsidy_fen FROM assessments s JOIN advisors a ON a.id = s.advisor_id
             WHERE s.state = 'draft' ORDER BY a.code",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// QA r6 leader #3: the rule cap leaves 500,000 − 84,540 = 415,460 but the
/// econ line only 35,460, so 2 × 30,000 is planned as 2 × 17,730 and
/// confirmation books them within the line.
#[test]
fn a_panel_run_plans_within_the_panels_budget_line_and_confirm_books_it() {
    let (office, rules) = office();
    let out = at(
        &office,
        "2026-11-20",
        &[
            "--lang", "en", "assess", "run", "--year", "2026", "--panel", "econ", "--rules", &rules,
        ],
    );
    assert_eq!(
        subsidies(&office),
        [("E01".into(), 1_773_000), ("E02".into(), 1_773_000)]
    );
    assert!(
        out.contains("the grades' subsidies come to 60,000.00 yuan, over what is available (the budget line [panel econ·all categories] has 35,460.00 yuan left (cap 120,000.00, spent 84,540.00)), so they were scaled to 35,460.00 yuan"),
        "{out}"
    );
    let shown = at(
        &office,
        "2026-11-20",
        &["assess", "explain", "E01", "--year", "2026"],
    );
    assert!(
        shown.contains("预算【顾问团 econ·全部类别】剩余 35,460.00 元"),
        "{shown}"
    );
    at(
        &office,
        "2026-12-05",
        &["assess", "confirm", "--year", "2026", "--panel", "econ"],
    );
    assert_eq!(
        office.int("SELECT sum(amount_fen) FROM expenses WHERE category = 'subsidy'"),
        3_546_000
    );
}

/// An office-wide run with a line on one panel only: the whole plan is
/// lowered until econ's subsidies fit, the same grade the same amount on
/// both panels; a plan whose minimums cannot fit the line is refused naming
/// it; a line changed after the run makes confirm refuse, and the re-run it
/// suggests then fits.
#[test]
fn an_office_run_fits_each_panels_line_and_confirms_remedy_works() {
    let (office, rules) = office();
    let run = [
        "--lang", "en", "assess", "run", "--year", "2026", "--rules", &rules,
    ];
    let out = at(&office, "2026-11-20", &run);
    let planned = subsidies(&office);
    assert!(
        planned.iter().all(|(_, fen)| *fen == planned[0].1),
        "{planned:?}"
    );
    assert!(
        planned[0].1 * 2 <= 3_546_000 && planned[0].1 * 2 > 3_546_000 - 3,
        "{planned:?}"
    );
    assert!(
        out.contains("the subsidies booked under the budget line [panel econ·all categories] must fit the 35,460.00 yuan it has left"),
        "{out}"
    );
    // Spending after the run: confirm refuses, and says a new run helps.
    at(
        &office,
        "2026-11-25",
        &[
            "expense",
            "add",
            "E02",
            "--date",
            "2026-11-25",
            "--category",
            "research",
            "--amount",
            "10,000",
        ],
    );
    let err = office.fails_en(
        4,
        &[
            "--today",
            "2026-12-05",
            "--yes",
            "assess",
            "confirm",
            "--year",
            "2026",
        ],
    );
    assert!(
        err.contains("panel econ·all categories")
            && err.contains("run `roster assess run --year 2026 --rules FILE` again"),
        "{err}"
    );
    at(&office, "2026-12-05", &run);
    at(
        &office,
        "2026-12-05",
        &["assess", "confirm", "--year", "2026"],
    );
    let spent = json(&office.ok(&["--format", "json", "budget", "show", "--year", "2026"]));
    assert!(
        spent["lines"][0]["remaining"].as_f64().unwrap() >= 0.0,
        "{spent}"
    );
}

/// The minimums alone over what a line leaves: no plan, and the refusal
/// names the line and a remedy that works (raising it).
#[test]
fn minimums_over_a_budget_line_are_refused_naming_it() {
    let (office, rules) = office();
    at(
        &office,
        "2026-11-20",
        &[
            "expense",
            "add",
            "E01",
            "--date",
            "2026-11-20",
            "--category",
            "research",
            "--amount",
            "30,000",
        ],
    );
    let args = [
        "--today",
        "2026-11-20",
        "assess",
        "run",
        "--year",
        "2026",
        "--panel",
        "econ",
        "--rules",
        &rules,
    ];
    let err = office.fails_en(4, &args);
    assert!(
        err.contains("exceed what the budget leaves by 4,540.00 yuan")
            && err.contains("[panel econ·all categories] has 5,460.00 yuan left")
            && err.contains("roster budget set"),
        "{err}"
    );
    at(
        &office,
        "2026-11-20",
        &[
            "budget", "set", "--year", "2026", "--panel", "econ", "--cap", "130000",
        ],
    );
    office.ok(&args);
    assert_eq!(
        subsidies(&office),
        [("E01".into(), 773_000), ("E02".into(), 773_000)]
    );
}

/// A confirmed year locks spending only where the assessment counted it.
/// The sample's tech rule set counts no money (its cap covers subsidies, of
/// which it gives none): a trip of A0032's in November 2025, reimbursed after
/// the year was confirmed, is recorded on its own day; a subsidy for that
/// year is still refused, and so is any spending under Erenhot's cap on all
/// advisor spending (the Erenhot test in assess.rs).
#[test]
fn a_confirmed_year_locks_spending_only_where_the_assessment_counted_it() {
    let office = Office::sample();
    assert_eq!(
        office.int(
            "SELECT count(*) FROM assessments s JOIN advisors a ON a.id = s.advisor_id
                    WHERE a.code = 'A0032' AND s.year = 2025 AND s.state = 'confirmed'"
        ),
        1
    );
    office.ok(&[
        "expense",
        "add",
        "A0032",
        "--category",
        "travel",
        "--amount",
        "860",
        "--date",
        "2025-11-20",
        "--note",
        "参加2025年区级科技计划项目评审往返",
    ]);
    let err = office.fails_en(
        4,
        &[
            "expense",
            "add",
            "A0032",
            "--category",
            "subsidy",
            "--amount",
            "100",
            "--date",
            "2025-11-20",
        ],
    );
    assert!(err.contains("the 2025 assessment is confirmed"), "{err}");
}
