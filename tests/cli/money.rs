//! Money (issue 6): expenses, budgets and caps (seed 001 art. 14), stipends
//! (seed 002 part 6), the spending report, every bad input the issue names.
//! Most tests work in 2024 of the sample office, a year the sample leaves
//! without budget lines or expenses; the first batch serves all of it.

use crate::common::{Office, csv_rows, json};

/// `expense add` on 2024-06-10 with the given extra flags; returns stdout.
fn add(office: &Office, advisor: &str, category: &str, amount: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "expense",
        "add",
        advisor,
        "--date",
        "2024-06-10",
        "--category",
        category,
        "--amount",
        amount,
    ];
    args.extend_from_slice(extra);
    office.ok(&args)
}

fn add_args<'a>(advisor: &'a str, category: &'a str, amount: &'a str) -> Vec<&'a str> {
    vec![
        "--lang",
        "en",
        "expense",
        "add",
        advisor,
        "--date",
        "2024-06-10",
        "--category",
        category,
        "--amount",
        amount,
    ]
}

fn expenses(office: &Office) -> i64 {
    office.int("SELECT count(*) FROM expenses")
}

/// Seed 001 art. 14: 全市每年总顾问经费不超过50万元. A year of expenses
/// reaching 500,000 yuan exactly is fine; one fen more is refused, and the
/// message says which cap, the cap, what is spent and what remains.
#[test]
fn erenhot_cap_reaches_500000_exactly_then_one_fen_more_is_refused() {
    let office = Office::sample();
    office.ok(&["budget", "set", "--year", "2024", "--cap", "500,000"]);
    for advisor in [
        "A0005", "A0006", "A0007", "A0008", "A0009", "A0010", "A0012", "A0013", "A0014",
    ] {
        // Subsidy by assessment, at most 50,000 yuan each (seed 001 art. 14).
        add(&office, advisor, "subsidy", "50,000", &[]);
    }
    add(
        &office,
        "A0001",
        "consultation",
        "49,999.99",
        &["--voucher", "EH-2024-1"],
    );
    add(&office, "A0002", "consultation", "0.01", &[]);
    assert_eq!(
        office.int("SELECT sum(amount_fen) FROM expenses WHERE on_date LIKE '2024%'"),
        50_000_000
    );
    let shown = json(&office.ok(&["--format", "json", "budget", "show", "--year", "2024"]));
    let line = &shown["lines"][0];
    assert_eq!(line["cap"], 500000.0);
    assert_eq!(line["paid"], 49999.99);
    assert_eq!(line["committed"], 450000.01);
    assert_eq!(line["remaining"], 0.0);

    let err = office.fails(4, &add_args("A0003", "consultation", "0.01"));
    for part in [
        "2024",
        "office-wide·all categories",
        "cap 500,000.00",
        "spent 500,000.00",
        "paid 49,999.99",
        "committed 450,000.01",
        "remaining 0.00",
        "this 0.01",
        "--override",
    ] {
        assert!(err.contains(part), "{part} missing from: {err}");
    }
    // The same refusal in Chinese names the line and the numbers too.
    let err = office.fails(
        4,
        &[
            "expense",
            "add",
            "A0003",
            "--date",
            "2024-07-01",
            "--category",
            "咨询费",
            "--amount",
            "0.01",
        ],
    );
    assert!(
        err.contains("全办·全部类别")
            && err.contains("上限 500,000.00")
            && err.contains("剩余 0.00"),
        "{err}"
    );
}

/// Any applicable cap refuses: office-category, panel-all, panel-category.
#[test]
fn every_applicable_line_is_checked_and_named() {
    let office = Office::sample();
    office.ok(&[
        "budget",
        "set",
        "--year",
        "2024",
        "--category",
        "lodging",
        "--cap",
        "1000",
    ]);
    office.ok(&[
        "budget", "set", "--year", "2024", "--panel", "health", "--cap", "3000",
    ]);
    office.ok(&[
        "budget",
        "set",
        "--year",
        "2024",
        "--panel",
        "growth",
        "--category",
        "consultation",
        "--cap",
        "2000",
    ]);
    add(&office, "A0028", "lodging", "900", &[]);
    let err = office.fails(4, &add_args("A0029", "lodging", "100.01"));
    assert!(
        err.contains("office-wide·lodging") && err.contains("remaining 100.00"),
        "{err}"
    );
    add(&office, "A0029", "consultation", "2100", &[]);
    let err = office.fails(4, &add_args("A0030", "consultation", "900.50"));
    assert!(
        err.contains("panel health·all categories") && err.contains("cap 3,000.00"),
        "{err}"
    );
    // A line of another panel does not apply.
    add(&office, "A0005", "consultation", "2000", &[]);
    let err = office.fails(4, &add_args("A0006", "consultation", "1"));
    assert!(err.contains("panel growth·consultation fee"), "{err}");
    // Two broken lines are both reported.
    let err = office.fails(4, &add_args("A0031", "lodging", "950"));
    assert!(
        err.contains("office-wide·lodging") && err.contains("panel health·all categories"),
        "{err}"
    );
}

/// Seed 001 art. 14: 严控类经费不得无预算执行. A controlled category needs a
/// line naming it, office-wide or on the expense's panel; a general cap is
/// not a budget for meetings.
#[test]
fn controlled_category_without_budget_line_is_refused() {
    let office = Office::sample();
    let err = office.fails(4, &add_args("A0005", "meeting", "800"));
    assert!(
        err.contains("controlled") && err.contains("budget set --year 2024 --category meeting"),
        "{err}"
    );
    office.ok(&["budget", "set", "--year", "2024", "--cap", "500000"]);
    office.fails(4, &add_args("A0005", "meeting", "800"));
    office.ok(&[
        "budget",
        "set",
        "--year",
        "2024",
        "--panel",
        "growth",
        "--category",
        "meeting",
        "--cap",
        "5000",
    ]);
    add(&office, "A0005", "meeting", "800", &[]);
    assert_eq!(
        office.int("SELECT controlled FROM expenses WHERE category = 'meeting'"),
        1
    );
    // The growth panel's meeting line is no budget for the health panel.
    office.fails(4, &add_args("A0028", "meeting", "800"));
    // Non-controlled categories need no line of their own.
    add(&office, "A0028", "lodging", "800", &[]);
    assert_eq!(
        office.int("SELECT controlled FROM expenses WHERE category = 'lodging'"),
        0
    );
    let shown = office.ok_en(&["budget", "show", "--year", "2024"]);
    assert!(
        shown.contains("training is controlled and has no 2024 budget line"),
        "{shown}"
    );
}

/// The office changes the controlled set through a stored, audited setting.
#[test]
fn the_controlled_set_is_a_stored_setting() {
    let office = Office::sample();
    let rows = csv_rows(&office.ok_en(&["--format", "csv", "budget", "controlled"]));
    let yes: Vec<&str> = rows[1..]
        .iter()
        .filter(|r| r[1] == "yes")
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(yes, ["travel", "meeting", "training", "reception"]);
    let settings_audited = "SELECT count(*) FROM audit_log WHERE entity = 'setting'";
    let before = office.int(settings_audited);
    office.ok(&["budget", "controlled", "--set", "差旅费,课题研究"]);
    assert_eq!(
        office.text("SELECT value FROM settings WHERE key = 'money.controlled_categories'"),
        "travel,research"
    );
    assert_eq!(office.int(settings_audited), before + 1);
    add(&office, "A0005", "meeting", "800", &[]);
    office.fails(4, &add_args("A0016", "research", "8000"));
    let err = office.fails_en(3, &["budget", "controlled", "--set", "travel,party"]);
    assert!(err.contains("--set") && err.contains("party"), "{err}");
    office.ok(&["budget", "controlled", "--set", "none"]);
    add(&office, "A0016", "research", "8000", &[]);
}

/// `--override "reason"` records a deliberate exception on the expense.
#[test]
fn override_is_recorded_with_its_reason() {
    let office = Office::sample();
    office.ok(&[
        "budget",
        "set",
        "--year",
        "2024",
        "--category",
        "reception",
        "--cap",
        "1000",
    ]);
    office.fails(4, &add_args("A0018", "reception", "1,200"));
    let out = office.ok_en(&[
        "expense",
        "add",
        "A0018",
        "--date",
        "2024-06-10",
        "--category",
        "reception",
        "--amount",
        "1,200",
        "--override",
        "区财政局审核同意超预算执行",
    ]);
    assert!(
        out.contains("recorded as an exception") && out.contains("cap 1,000.00"),
        "{out}"
    );
    assert_eq!(
        office.text("SELECT override_reason FROM expenses WHERE category = 'reception' AND on_date = '2024-06-10'"),
        "区财政局审核同意超预算执行"
    );
    let listed = csv_rows(&office.ok_en(&["--format", "csv", "expense", "list", "--overrides"]));
    // The sample's own 2025 exception and this one.
    assert_eq!(listed.len(), 3, "{listed:?}");
    // An advisor not serving that year needs an override too.
    office.fails(4, &add_args("A0040", "consultation", "500"));
    let mut args = add_args("A0040", "consultation", "500");
    args.extend(["--override", "专家库专家临时咨询，经分管领导批准"]);
    office.ok(&args);
    // Nothing to override: refused as input, nothing written.
    let err = office.fails_en(
        3,
        &[
            "expense",
            "add",
            "A0005",
            "--date",
            "2024-06-10",
            "--category",
            "consultation",
            "--amount",
            "500",
            "--override",
            "just in case",
        ],
    );
    assert!(err.contains("--override"), "{err}");
}

/// Seed 002 part 6: a yearly stipend, paid once per advisor per year; the
/// run reports what it created and what already existed.
#[test]
fn stipend_run_is_idempotent_and_needs_a_voucher() {
    let office = Office::sample();
    office.ok(&["panel", "edit", "health", "--stipend", "50000"]);
    office.ok(&["advisor", "edit", "A0029", "--stipend", "80000"]);
    let first = json(&office.ok(&[
        "--format",
        "json",
        "expense",
        "pay-stipends",
        "--year",
        "2024",
        "--date",
        "2024-03-01",
    ]));
    let rows = first["stipends"].as_array().unwrap();
    let created: Vec<(&str, f64)> = rows
        .iter()
        .filter(|r| r["outcome"] == "created")
        .map(|r| {
            (
                r["advisor_code"].as_str().unwrap(),
                r["amount"].as_f64().unwrap(),
            )
        })
        .collect();
    // A0032's personal stipend comes from the sample; A0029's own overrides the panel's.
    assert_eq!(
        created,
        [
            ("A0028", 50000.0),
            ("A0029", 80000.0),
            ("A0030", 50000.0),
            ("A0031", 50000.0),
            ("A0032", 300000.0)
        ]
    );
    let before = expenses(&office);
    let second = json(&office.ok(&[
        "--format",
        "json",
        "expense",
        "pay-stipends",
        "--year",
        "2024",
    ]));
    assert!(
        second["stipends"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["outcome"] == "existed")
    );
    assert_eq!(second["stipends"].as_array().unwrap().len(), 5);
    let summary = second["summary"][0].as_str().unwrap();
    assert!(
        summary.contains("新建 0 笔") && summary.contains("已有 5 笔"),
        "{summary}"
    );
    assert_eq!(expenses(&office), before);
    // Pending until a voucher is attached.
    let id = office.int("SELECT id FROM expenses WHERE stipend_year = 2024 AND advisor_id = (SELECT id FROM advisors WHERE code = 'A0032')");
    office.ok(&["budget", "set", "--year", "2024", "--cap", "600000"]);
    let shown = json(&office.ok(&["--format", "json", "budget", "show", "--year", "2024"]));
    assert_eq!(shown["lines"][0]["committed"], 530000.0);
    office.ok(&[
        "expense",
        "pay",
        &id.to_string(),
        "--voucher",
        "KJ-2024-001",
    ]);
    let shown = json(&office.ok(&["--format", "json", "budget", "show", "--year", "2024"]));
    assert_eq!(shown["lines"][0]["paid"], 300000.0);
    assert_eq!(shown["lines"][0]["committed"], 230000.0);
    // A manual second stipend for the year is refused.
    let err = office.fails(4, &add_args("A0032", "stipend", "1000"));
    assert!(err.contains("already recorded"), "{err}");
    // Voided, it is created again on the next run (and only it).
    office.ok(&["expense", "void", &id.to_string(), "--reason", "金额有误"]);
    let third = json(&office.ok(&[
        "--format",
        "json",
        "expense",
        "pay-stipends",
        "--year",
        "2024",
    ]));
    let again: Vec<&str> = third["stipends"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] == "created")
        .map(|r| r["advisor_code"].as_str().unwrap())
        .collect();
    assert_eq!(again, ["A0032"]);
    assert_eq!(
        office.text(&format!(
            "SELECT on_date FROM expenses WHERE id = {}",
            before + 1
        )),
        "2024-12-31"
    );
}

/// A stipend run that would break a cap writes nothing, unless overridden.
#[test]
fn stipend_run_respects_caps() {
    let office = Office::sample();
    office.ok(&[
        "budget", "set", "--year", "2024", "--panel", "tech", "--cap", "200000",
    ]);
    let err = office.fails_en(4, &["expense", "pay-stipends", "--year", "2024"]);
    assert!(
        err.contains("A0032") && err.contains("panel tech·all categories"),
        "{err}"
    );
    office.ok(&[
        "expense",
        "pay-stipends",
        "--year",
        "2024",
        "--override",
        "聘金按聘任协议支付",
    ]);
    assert_eq!(
        office.text("SELECT override_reason FROM expenses WHERE stipend_year = 2024"),
        "聘金按聘任协议支付"
    );
    let err = office.fails_en(
        3,
        &[
            "expense",
            "pay-stipends",
            "--year",
            "2024",
            "--date",
            "2025-01-02",
        ],
    );
    assert!(err.contains("--date"), "{err}");
}

/// Integer fen everywhere: 0.10 + 0.20 is 0.30, exactly, in every output.
#[test]
fn totals_are_exact_to_the_fen() {
    let office = Office::sample();
    add(&office, "A0005", "lodging", "0.10", &[]);
    add(&office, "A0005", "lodging", "0.20", &["--voucher", "X-1"]);
    add(&office, "A0006", "consultation", "1,234,567.89", &[]);
    let table = office.ok(&["report", "spending", "--year", "2024"]);
    assert!(
        table.contains("0.30") && table.contains("1,234,568.19"),
        "{table}"
    );
    let csv = office.ok_en(&[
        "--format", "csv", "report", "spending", "--year", "2024", "--panel", "growth",
    ]);
    // A report in CSV is its sections one after another, each with its title.
    assert!(
        csv.lines().any(|l| l == "A0005,李国栋,2,0.20,0.10,0.30"),
        "{csv}"
    );
    assert!(
        csv.lines().any(|l| l == "lodging,no,2,0.20,0.10,0.30,,"),
        "{csv}"
    );
    let report = json(&office.ok(&["--format", "json", "report", "spending", "--year", "2024"]));
    assert_eq!(report["totals"]["total"], 1234568.19);
    assert_eq!(report["totals"]["count"], 3);
    // For scripts the scope is a code in either language.
    assert_eq!(report["totals"]["scope"], "*");
    let en = json(&office.ok_en(&["--format", "json", "report", "spending", "--year", "2024"]));
    assert_eq!(en["totals"], report["totals"]);
}

/// Every bad input the issue names: exit code, the field named, nothing changed.
#[test]
fn bad_inputs_are_refused_and_change_nothing() {
    let office = Office::sample();
    for (amount, words) in [
        ("-5", "greater than zero"),
        ("0", "greater than zero"),
        ("0.00", "greater than zero"),
        ("12.345", "at most two decimals"),
        ("12a", "not an amount"),
        ("一百", "not an amount"),
        ("1,00", "not an amount"),
    ] {
        let err = office.fails(3, &add_args("A0005", "consultation", amount));
        assert!(
            err.contains("--amount") && err.contains(words),
            "{amount}: {err}"
        );
    }
    let err = office.fails(3, &add_args("A0005", "party", "100"));
    assert!(err.contains("--category") && err.contains("party"), "{err}");
    // Not serving that year: A0023 resigned in 2025; pool experts serve nowhere.
    let err = office.fails(
        4,
        &[
            "--lang",
            "en",
            "expense",
            "add",
            "A0023",
            "--date",
            "2026-02-01",
            "--category",
            "travel",
            "--amount",
            "100",
        ],
    );
    assert!(
        err.contains("A0023 蒋国华 serves on no panel on 2026-02-01")
            && err.contains("resigned on 2025-06-30"),
        "{err}"
    );
    office.fails(4, &add_args("A0040", "consultation", "100"));
    // Duplicate voucher, on add and on pay.
    let mut args = add_args("A0005", "consultation", "100");
    args.extend(["--voucher", "FG2025-0021"]);
    let err = office.fails(3, &args);
    assert!(err.contains("--voucher") && err.contains("#2"), "{err}");
    let err = office.fails_en(3, &["expense", "pay", "37", "--voucher", "FG2025-0021"]);
    assert!(err.contains("--voucher"), "{err}");
    // Missing values are named together.
    let err = office.fails_en(3, &["expense", "add", "A0005"]);
    assert!(
        err.contains("--category") && err.contains("--amount"),
        "{err}"
    );
    let err = office.fails_en(3, &["budget", "set", "--year", "2024", "--cap", "-1"]);
    assert!(err.contains("--cap") && err.contains("negative"), "{err}");
    let err = office.fails_en(3, &["budget", "set", "--year", "1900", "--cap", "1"]);
    assert!(err.contains("--year"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "expense",
            "add",
            "A0005",
            "--date",
            "2024-02-30",
            "--category",
            "travel",
            "--amount",
            "1",
        ],
    );
    assert!(err.contains("--date"), "{err}");
    let err = office.fails_en(3, &["expense", "pay", "999", "--voucher", "Z"]);
    assert!(err.contains("#999"), "{err}");
}

/// The panel defaults to the one served that day; two at once need --panel.
#[test]
fn panel_defaults_to_the_one_served_and_ambiguity_is_named() {
    let office = Office::sample();
    add(&office, "A0028", "lodging", "300", &[]);
    assert_eq!(
        office.text("SELECT p.code FROM expenses e JOIN panels p ON p.id = e.panel_id WHERE e.on_date LIKE '2024%'"),
        "health"
    );
    assert_eq!(
        office.text("SELECT payer_unit FROM expenses WHERE on_date LIKE '2024%'"),
        "区卫生健康委"
    );
    office.ok(&[
        "appointment",
        "nominate",
        "A0005",
        "--panel",
        "committee",
        "--source",
        "org_recommendation",
        "--date",
        "2024-01-05",
    ]);
    // The nomination's number (the sample's own end at the seed 003 station's).
    let id = office.int("SELECT max(id) FROM appointments").to_string();
    for step in [
        vec!["appointment", "vet", &id, "--date", "2024-01-10"],
        vec!["appointment", "review", &id, "--date", "2024-01-20"],
        vec!["appointment", "approve", &id, "--date", "2024-02-01"],
        vec![
            "appointment",
            "appoint",
            &id,
            "--date",
            "2024-03-01",
            "--certificate",
            "KZGW-2024-071",
        ],
    ] {
        office.ok(&step);
    }
    let err = office.fails(3, &add_args("A0005", "lodging", "300"));
    assert!(
        err.contains("--panel") && err.contains("committee, growth"),
        "{err}"
    );
    let mut args = add_args("A0005", "lodging", "300");
    args.extend(["--panel", "committee", "--payer", "区政府办公室"]);
    office.ok(&args);
    // A panel not served that year is a rule exception.
    let mut args = add_args("A0005", "lodging", "300");
    args.extend(["--panel", "health"]);
    let err = office.fails(4, &args);
    assert!(err.contains("does not serve on panel health"), "{err}");
}

/// Seed 001 art. 14: a cap may not be lowered below what is recorded.
#[test]
fn lowering_a_cap_below_what_is_recorded_is_refused() {
    let office = Office::sample();
    office.ok(&["budget", "set", "--year", "2024", "--cap", "10000"]);
    add(
        &office,
        "A0005",
        "consultation",
        "6000",
        &["--voucher", "V-1"],
    );
    add(&office, "A0006", "consultation", "2000", &[]);
    let err = office.fails_en(4, &["budget", "set", "--year", "2024", "--cap", "7,999.99"]);
    assert!(
        err.contains("--cap") && err.contains("8,000.00") && err.contains("paid 6,000.00"),
        "{err}"
    );
    office.ok(&["budget", "set", "--year", "2024", "--cap", "8000"]);
    office.ok(&[
        "budget", "set", "--year", "2024", "--cap", "9000", "--note", "追加",
    ]);
    // A new line below what is already recorded is refused the same way.
    office.fails(
        4,
        &[
            "budget",
            "set",
            "--year",
            "2024",
            "--category",
            "consultation",
            "--cap",
            "100",
        ],
    );
    assert_eq!(
        office.int("SELECT count(*) FROM budgets WHERE year = 2024"),
        1
    );
    assert_eq!(office.int("SELECT count(*) FROM audit_log WHERE entity = 'budget' AND entity_id = (SELECT id FROM budgets WHERE year = 2024)"), 3);
}

/// Paying, voiding and linking an activity.
#[test]
fn pay_void_and_activity_link() {
    let office = Office::sample();
    let conn = office.conn();
    conn.execute_batch(
        "INSERT INTO activities (id, on_date, kind, topic, created_at, updated_at) VALUES (501, '2024-06-09', 'seminar', '产业研讨', 'x', 'x');
         INSERT INTO activities (id, on_date, kind, topic, voided_at, void_reason, created_at, updated_at) VALUES (502, '2024-06-09', 'seminar', '误录', 'x', '误录', 'x', 'x');",
    )
    .unwrap();
    drop(conn);
    add(
        &office,
        "A0018",
        "consultation",
        "2000",
        &["--activity", "501"],
    );
    assert_eq!(
        office.int("SELECT activity_id FROM expenses WHERE id = 40"),
        501
    );
    let mut args = add_args("A0018", "consultation", "2000");
    args.extend(["--activity", "502"]);
    let err = office.fails(4, &args);
    assert!(err.contains("--activity") && err.contains("void"), "{err}");
    let mut args = add_args("A0018", "consultation", "2000");
    args.extend(["--activity", "503"]);
    office.fails(3, &args);
    office.ok(&["expense", "pay", "40", "--voucher", "JX2024-0001"]);
    office.fails(4, &["expense", "pay", "40", "--voucher", "JX2024-0002"]);
    office.ok(&["expense", "void", "40", "--reason", "金额录错"]);
    office.fails(4, &["expense", "void", "40", "--reason", "again"]);
    office.fails(3, &["expense", "void", "40"]);
    // The voucher of a voided expense may be used again for its correction.
    add(
        &office,
        "A0018",
        "consultation",
        "2500",
        &["--voucher", "JX2024-0001"],
    );
    let shown = json(&office.ok(&["--format", "json", "expense", "show", "40"]));
    assert_eq!(shown["expense"]["status"], "voided");
    assert_eq!(shown["expense"]["void_reason"], "金额录错");
    let actions: Vec<String> = office
        .conn()
        .prepare(
            "SELECT action FROM audit_log WHERE entity = 'expense' AND entity_id = 40 ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(actions, ["add", "pay", "void"]);
    let listed = csv_rows(&office.ok_en(&[
        "--format", "csv", "expense", "list", "--year", "2024", "--status", "all",
    ]));
    assert_eq!(listed.len(), 3);
}

/// The sample office's money: budgets for 2025 and 2026 under the 500,000
/// cap, A0032's stipend paid for 2025 and awaiting its voucher for 2026, one
/// override, a line over 90% in 2026, every expense inside its advisor's service.
#[test]
fn the_sample_office_money() {
    let office = Office::sample();
    assert_eq!(
        office.int("SELECT count(*) FROM budgets WHERE panel_id IS NULL AND category IS NULL AND cap_fen = 50000000"),
        2
    );
    assert_eq!(
        office.int("SELECT count(*) FROM expenses WHERE stipend_year = 2025 AND voucher_no IS NOT NULL AND amount_fen = 30000000"),
        1
    );
    assert_eq!(
        office.int("SELECT count(*) FROM expenses WHERE stipend_year = 2026 AND voucher_no IS NULL AND amount_fen = 30000000"),
        1
    );
    assert_eq!(
        office.int("SELECT count(*) FROM expenses WHERE override_reason IS NOT NULL"),
        1
    );
    assert_eq!(
        office.int(
            "SELECT count(*) FROM expenses e WHERE NOT EXISTS (SELECT 1 FROM appointments ap
               WHERE ap.advisor_id = e.advisor_id AND ap.state IN ('appointed','dismissed','resigned')
                 AND ap.term_start <= e.on_date AND ap.term_end >= e.on_date
                 AND (ap.ended_on IS NULL OR ap.ended_on > e.on_date))"
        ),
        0
    );
    let shown = office.ok_en(&["budget", "show", "--year", "2026"]);
    assert!(
        shown.contains("[panel health·travel] is 90% or more used"),
        "{shown}"
    );
    for year in ["2025", "2026"] {
        let report = json(&office.ok(&["--format", "json", "report", "spending", "--year", year]));
        assert!(report["totals"]["remaining"].as_f64().unwrap() > 0.0);
    }
}

#[test]
fn a_payment_to_come_is_paid_once_it_has_happened() {
    // A commitment dated after today is recorded without a voucher; the
    // voucher is refused until its day (as `expense add --voucher` is).
    let office = Office::sample();
    let out = office.ok(&[
        "--format",
        "json",
        "expense",
        "add",
        "A0005",
        "--category",
        "travel",
        "--amount",
        "800",
        "--date",
        "2026-12-15",
    ]);
    let id = json(&out)["id"].to_string();
    let err = office.fails_en(4, &["expense", "pay", &id, "--voucher", "PZ-9"]);
    assert!(
        err.contains("after today") && err.contains("2026-12-15"),
        "{err}"
    );
    office.ok(&[
        "--today",
        "2026-12-15",
        "expense",
        "pay",
        &id,
        "--voucher",
        "PZ-9",
    ]);
}
