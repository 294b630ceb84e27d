//! An expense is dated the day its cost arose, and the advisor must serve on
//! some panel that day (seed 001 art. 12: a dismissed advisor, art. 13: one
//! who resigned, art. 3: the term, 聘期一般为1—3年): otherwise it is
//! refused unless `--override` records the approved exception — in
//! `expense add` and in an expenses import alike.

use crate::common::Office;
use crate::stipends::{at, guangxi};

/// G01 serves from 2025-01-01 and is dismissed on 2026-03-01; G02's term
/// begins on 2026-09-01; G03's one-year term expired on 2025-12-31.
fn office() -> Office {
    let office = guangxi(&[
        ("G01", "2025-01-01", "3"),
        ("G02", "2026-09-01", "3"),
        ("G03", "2025-01-01", "1"),
    ]);
    at(
        &office,
        "2026-03-01",
        &[
            "appointment",
            "dismiss",
            "1",
            "--ground",
            "misconduct",
            "--reference",
            "自治区人民政府批准文件",
        ],
    );
    office
}

fn add<'a>(advisor: &'a str, date: &'a str) -> Vec<&'a str> {
    vec![
        "--lang",
        "en",
        "--today",
        "2026-06-01",
        "expense",
        "add",
        advisor,
        "--category",
        "consultation",
        "--amount",
        "3000",
        "--date",
        date,
    ]
}

/// Seed 001 art. 12: after a dismissal the advisor serves no panel, so an
/// expense dated after it is refused (exit 4) naming the advisor, the date
/// and when he served; one dated while he served (reimbursed later) stands.
#[test]
fn an_expense_after_a_dismissal_is_refused_unless_overridden_seed_001_art_12() {
    let office = office();
    let err = office.fails(4, &add("G01", "2026-05-01"));
    assert!(
        err.contains("G01 院士G01 serves on no panel on 2026-05-01 (the expense date")
            && err.contains("panel gx, term 2025-01-01 to 2027-12-31, dismissed on 2026-03-01")
            && err.contains("--override"),
        "{err}"
    );
    // The cost of a day served, reimbursed after the dismissal.
    office.ok(&add("G01", "2026-02-20"));
    // The approved exception is recorded with its reason, booked to the
    // panel served that year.
    let mut args = add("G01", "2026-05-01");
    args.extend(["--override", "解聘前已安排的调研，经批准列支"]);
    let out = office.ok(&args);
    assert!(out.contains("serves on no panel on 2026-05-01"), "{out}");
    assert_eq!(
        office.text(
            "SELECT p.code || '|' || e.override_reason FROM expenses e JOIN panels p ON p.id = e.panel_id
             WHERE e.on_date = '2026-05-01'"
        ),
        "gx|解聘前已安排的调研，经批准列支"
    );
    // Chinese names the same.
    let err = office.fails(4, &add("G01", "2026-05-02")[2..]);
    assert!(
        err.contains("在 2026-05-02（经费日期") && err.contains("2026-03-01 解聘"),
        "{err}"
    );
}

/// A subsidy or stipend is owed for a year's service and paid when the
/// office pays it (seed 001 art. 14: 根据考核情况给予工作补贴; seed 002 六:
/// 聘金按年支付): entered by hand, the advisor must have served that year,
/// not on the payment day.
#[test]
fn a_yearly_payment_after_leaving_needs_only_service_that_year() {
    let office = office();
    let subsidy = |who: &'static str| {
        vec![
            "--lang",
            "en",
            "--today",
            "2026-12-31",
            "expense",
            "add",
            who,
            "--category",
            "subsidy",
            "--amount",
            "5000",
            "--date",
            "2026-12-31",
        ]
    };
    // G01 served January and February 2026.
    office.ok(&subsidy("G01"));
    assert_eq!(
        office.text("SELECT p.code FROM expenses e JOIN panels p ON p.id = e.panel_id WHERE e.category = 'subsidy'"),
        "gx"
    );
    // G03's term ended with 2025.
    let err = office.fails(4, &subsidy("G03"));
    assert!(
        err.contains("G03 院士G03 does not serve in 2026")
            && err.contains("term 2025-01-01 to 2025-12-31"),
        "{err}"
    );
}

/// Seed 001 art. 3 (聘期): before a term begins and after it expires the
/// advisor serves no panel; --panel does not make a day served.
#[test]
fn an_expense_outside_the_term_is_refused_seed_001_art_3() {
    let office = office();
    let err = office.fails(4, &add("G02", "2026-05-01"));
    assert!(
        err.contains("G02") && err.contains("panel gx, term 2026-09-01 to 2029-08-31"),
        "{err}"
    );
    let mut args = add("G03", "2026-02-01");
    args.extend(["--panel", "gx"]);
    let err = office.fails(4, &args);
    assert!(
        err.contains("serves on no panel on 2026-02-01")
            && err.contains("term 2025-01-01 to 2025-12-31"),
        "{err}"
    );
    office.ok(&add("G03", "2025-12-31"));
}

/// An expenses import goes through the same rule: a row for an advisor who
/// serves no panel on its date is refused (the whole file, nothing
/// written) unless its 例外原因 column gives the reason.
#[test]
fn an_imported_expense_after_a_dismissal_needs_its_override_column() {
    let office = office();
    let file = office.path("expenses.csv");
    std::fs::write(
        &file,
        "日期,专家编码,类别,金额(元),例外原因\n\
         2026-02-20,G01,咨询费,1000,\n\
         2026-05-01,G01,咨询费,3000,\n",
    )
    .unwrap();
    let path = file.display().to_string();
    let err = office.fails_en(4, &["--today", "2026-06-01", "import", "expenses", &path]);
    assert!(
        err.contains("line 3:")
            && err.contains("serves on no panel on 2026-05-01")
            && err.contains("例外原因"),
        "{err}"
    );
    std::fs::write(
        &file,
        "日期,专家编码,类别,金额(元),例外原因\n\
         2026-02-20,G01,咨询费,1000,\n\
         2026-05-01,G01,咨询费,3000,解聘前已安排的调研，经批准列支\n",
    )
    .unwrap();
    office.ok(&["--today", "2026-06-01", "import", "expenses", &path]);
    assert_eq!(
        office.int("SELECT count(*) FROM expenses WHERE override_reason IS NOT NULL AND on_date = '2026-05-01'"),
        1
    );
    assert_eq!(office.int("SELECT count(*) FROM expenses"), 2);
}
