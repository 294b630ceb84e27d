//! The yearly stipend run (seed 002 六: 广西科技顾问每人每年30万元（税后）的聘金，
//! 按年支付): paid per year of service — the share of the year a term
//! covers, a whole year exactly — and not before a term has begun.

use crate::common::{Office, json};

/// Runs `args` on `today`; must succeed.
pub fn at(office: &Office, today: &str, args: &[&str]) -> String {
    let mut all = vec!["--today", today, "--yes"];
    all.extend_from_slice(args);
    office.ok(&all)
}

/// A Guangxi office: panel gx (300,000-yuan stipend, 3-year terms, appointed
/// directly) and one advisor per `(code, term start, years)`, appointed in
/// that order (appointment ids 1, 2, …).
pub fn guangxi(terms: &[(&str, &str, &str)]) -> Office {
    let office = Office::empty();
    office.ok(&[
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
        "--steps",
        "none",
        "--term-years",
        "3",
        "--max-age",
        "none",
        "--min-work-years",
        "none",
        "--stipend",
        "300000",
    ]);
    for (n, (code, start, years)) in terms.iter().enumerate() {
        office.ok(&[
            "advisor",
            "add",
            "--code",
            code,
            "--name",
            &format!("院士{code}"),
            "--category",
            "tech_advisor",
        ]);
        let id = (n + 1).to_string();
        at(
            &office,
            "2024-12-20",
            &[
                "appointment",
                "nominate",
                code,
                "--panel",
                "gx",
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
                &id,
                "--certificate",
                &format!("GX-{code}"),
                "--start",
                start,
                "--years",
                years,
            ],
        );
    }
    office
}

/// The stipend rows of a JSON run: (code, outcome, amount, days served).
fn rows(out: &str) -> Vec<(String, String, Option<f64>, i64)> {
    json(out)["stipends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["advisor_code"].as_str().unwrap().to_string(),
                r["outcome"].as_str().unwrap().to_string(),
                r["amount"].as_f64(),
                r["served_days"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn pay(office: &Office, today: &str, year: &str) -> String {
    at(
        office,
        today,
        &[
            "--format",
            "json",
            "expense",
            "pay-stipends",
            "--year",
            year,
        ],
    )
}

fn paid_fen(office: &Office, code: &str) -> i64 {
    office.int(&format!(
        "SELECT IFNULL(sum(e.amount_fen), 0) FROM expenses e JOIN advisors a ON a.id = e.advisor_id
         WHERE a.code = '{code}' AND e.category = 'stipend' AND e.voided_at IS NULL"
    ))
}

/// Seed 002 六 每人每年30万元，按年支付: per year of service. G01's 3-year
/// term from 2025-06-01 is paid 214/365 of 2025, two whole years and 152/366
/// of 2028 — three years' stipends, not 4 × 300,000. G02 serves all of 2025
/// and is paid exactly 300,000. G03 resigns on 2025-10-10 and is paid the
/// 131 days to the day before.
#[test]
fn stipend_is_the_share_of_the_year_served_seed_002_part_6() {
    let office = guangxi(&[
        ("G01", "2025-06-01", "3"),
        ("G02", "2025-01-01", "3"),
        ("G03", "2025-06-01", "3"),
    ]);
    at(
        &office,
        "2025-10-10",
        &[
            "appointment",
            "resign",
            "3",
            "--request-date",
            "2025-09-30",
            "--certificate-returned",
            "yes",
        ],
    );
    let out = pay(&office, "2025-12-20", "2025");
    assert_eq!(
        rows(&out),
        [
            ("G01".into(), "created".into(), Some(175_890.41), 214),
            ("G02".into(), "created".into(), Some(300_000.0), 365),
            ("G03".into(), "created".into(), Some(107_671.23), 131),
        ]
    );
    let notes: Vec<String> = json(&out)["stipends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["note"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(notes[0].contains("214/365"), "{notes:?}");
    assert_eq!(notes[1], "", "a whole year needs no note");
    assert!(notes[2].contains("131/365"), "{notes:?}");
    // The record says how it was prorated, in fen.
    assert_eq!(paid_fen(&office, "G01"), 17_589_041);
    assert_eq!(
        office.text("SELECT note FROM expenses WHERE amount_fen = 17589041"),
        "2025 年在任 214/365 天，按年聘金 300,000.00 元折算"
    );
    // The table shows the days and the share too.
    let table = at(
        &office,
        "2025-12-20",
        &["expense", "pay-stipends", "--year", "2025"],
    );
    assert!(
        table.contains("本年在任天数") && table.contains("214/365"),
        "{table}"
    );
    for (today, year) in [
        ("2026-03-01", "2026"),
        ("2027-03-01", "2027"),
        ("2028-03-01", "2028"),
    ] {
        pay(&office, today, year);
    }
    // 175,890.41 + 2 × 300,000 + 124,590.16 (152 of 2028's 366 days).
    assert_eq!(paid_fen(&office, "G01"), 90_048_057);
    assert_eq!(paid_fen(&office, "G03"), 10_767_123);
    let en = office.ok_en(&[
        "--today",
        "2028-03-01",
        "--format",
        "csv",
        "expense",
        "pay-stipends",
        "--year",
        "2028",
    ]);
    assert!(en.contains("152 of 366 days of 2028 served"), "{en}");
}

/// An advisor whose term has not begun on the payment date is left for a
/// later run, with a note saying so; the run after the term begins pays
/// only them (seed 002 六: the stipend is for a year of service).
#[test]
fn a_stipend_waits_for_the_term_to_begin_and_a_later_run_pays_only_it() {
    let office = guangxi(&[("G01", "2025-01-01", "3"), ("G02", "2025-09-01", "1")]);
    let first = pay(&office, "2025-08-20", "2025");
    assert_eq!(
        rows(&first),
        [
            ("G01".into(), "created".into(), Some(300_000.0), 365),
            ("G02".into(), "not_begun".into(), None, 122),
        ]
    );
    let note = json(&first)["stipends"][1]["note"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        note.contains("2025-09-01") && note.contains("再运行"),
        "{note}"
    );
    assert!(
        json(&first)["summary"][1]
            .as_str()
            .unwrap()
            .contains("1 人的聘期在付款日尚未开始"),
        "{first}"
    );
    assert_eq!(paid_fen(&office, "G02"), 0);
    let count = office.int("SELECT count(*) FROM expenses");
    let second = pay(&office, "2025-09-05", "2025");
    assert_eq!(
        rows(&second),
        [
            ("G01".into(), "existed".into(), Some(300_000.0), 365),
            ("G02".into(), "created".into(), Some(100_273.97), 122),
        ]
    );
    assert_eq!(office.int("SELECT count(*) FROM expenses"), count + 1);
    // G01 resigns after being paid: the resignation says to check the
    // stipend recorded (QA r8), a later run names the difference and how to
    // correct it, and creates nothing.
    let (code, _, err) = office.run(&[
        "--today",
        "2025-11-01",
        "appointment",
        "resign",
        "1",
        "--request-date",
        "2025-10-20",
        "--certificate-returned",
        "yes",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("已记录的聘金 #1（2025 年") && err.contains("pay-stipends --year 2025"),
        "{err}"
    );
    let third = pay(&office, "2025-11-02", "2025");
    let note = json(&third)["stipends"][0]["note"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        note.contains("249,863.01") && note.contains("roster expense void 1"),
        "{note}"
    );
    assert_eq!(office.int("SELECT count(*) FROM expenses"), count + 1);
    // `check` lists the overpaid stipend with the same figures and remedy
    // (exit 4), and is clean once it is voided and paid again.
    let (code, out, _) = office.run(&["--today", "2025-11-02", "check", "--only", "stipends_owed"]);
    assert_eq!(code, 4, "{out}");
    assert!(
        out.contains("#1") && out.contains("249,863.01") && out.contains("roster expense void 1"),
        "{out}"
    );
    office.ok(&[
        "--today",
        "2025-11-02",
        "expense",
        "void",
        "1",
        "--reason",
        "辞去后多付",
    ]);
    pay(&office, "2025-11-02", "2025");
    office.ok(&["--today", "2025-11-02", "check", "--only", "stipends_owed"]);
    assert_eq!(paid_fen(&office, "G01"), 24_986_301);
    // A payment dated before the term, given explicitly, waits too.
    let office = guangxi(&[("G03", "2025-09-01", "1")]);
    let out = at(
        &office,
        "2025-12-01",
        &[
            "--format",
            "json",
            "expense",
            "pay-stipends",
            "--year",
            "2025",
            "--date",
            "2025-08-20",
        ],
    );
    assert_eq!(rows(&out)[0].1, "not_begun");
    assert_eq!(office.int("SELECT count(*) FROM expenses"), 0);
}
