//! Office settings (issue 8: thresholds live in the database as settings
//! with sensible defaults).

use crate::common::{Office, csv_rows};

#[test]
fn settings_list_set_reset_and_refuse_bad_values() {
    let office = Office::sample();
    let list = office.ok_en(&["--format", "csv", "settings"]);
    let rows = csv_rows(&list);
    let window = rows.iter().find(|r| r[0] == "due.window_days").unwrap();
    assert_eq!((window[2].as_str(), window[3].as_str()), ("30", "30"));
    office.ok(&["settings", "set", "due.window_days", "45"]);
    assert_eq!(
        office.text("SELECT value FROM settings WHERE key = 'due.window_days'"),
        "45"
    );
    assert_eq!(
        office.int("SELECT count(*) FROM audit_log WHERE entity = 'setting' AND action = 'set'"),
        1
    );
    office.ok(&[
        "settings",
        "set",
        "money.controlled_categories",
        "差旅费、会议费",
    ]);
    assert_eq!(
        office.text("SELECT value FROM settings WHERE key = 'money.controlled_categories'"),
        "travel,meeting"
    );
    office.ok(&["settings", "reset", "due.window_days"]);
    assert_eq!(
        office.text("SELECT value FROM settings WHERE key = 'due.window_days'"),
        "30"
    );
    let err = office.fails_en(3, &["settings", "set", "due.window_days", "0"]);
    assert!(
        err.contains("due.window_days") && err.contains("1 to 366"),
        "{err}"
    );
    let err = office.fails_en(3, &["settings", "set", "due.budget_percent", "ninety"]);
    assert!(err.contains("due.budget_percent"), "{err}");
    let err = office.fails_en(
        3,
        &["settings", "set", "money.controlled_categories", "banquets"],
    );
    assert!(err.contains("banquets"), "{err}");
    let err = office.fails_en(3, &["settings", "set", "colour", "red"]);
    assert!(
        err.contains("no setting") && err.contains("due.window_days"),
        "{err}"
    );
}
