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
    // The sample set one (office.name) as it loaded.
    let sets = "SELECT count(*) FROM audit_log WHERE entity = 'setting' AND action = 'set'";
    assert_eq!(office.int(sets), 1);
    office.ok(&["settings", "set", "due.window_days", "45"]);
    assert_eq!(
        office.text("SELECT value FROM settings WHERE key = 'due.window_days'"),
        "45"
    );
    assert_eq!(office.int(sets), 2);
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

#[test]
fn an_office_may_require_the_work_plan_with_a_nomination() {
    // Seed 002 二（二）: the unit sends 科技顾问人选推荐名单和科技顾问工作方案
    // (主要的研究方向和合作项目) together. Off by default (seeds 000, 001).
    let office = Office::sample();
    let nominate = [
        "appointment",
        "nominate",
        "A0009",
        "--panel",
        "tech",
        "--source",
        "组织推荐",
        "--by",
        "区科技局",
        "--date",
        "2026-11-20",
    ];
    let err = office.fails_en(
        3,
        &["settings", "set", "appointment.work_plan_required", "maybe"],
    );
    assert!(err.contains("appointment.work_plan_required"), "{err}");
    let out = office.ok(&["settings", "set", "appointment.work_plan_required", "是"]);
    assert!(out.contains("appointment.work_plan_required = 是"), "{out}");
    // The clerk reads 是/否 and category labels; scripts the stored values.
    let csv = office.ok(&["--format", "csv", "settings"]);
    assert!(
        csv.contains("appointment.work_plan_required,") && csv.contains(",是,否"),
        "{csv}"
    );
    assert!(csv.contains("差旅费"), "{csv}");
    let json = office.ok(&["--format", "json", "settings"]);
    assert!(
        json.contains("\"value\":\"1\"") || json.contains("\"value\": \"1\""),
        "{json}"
    );
    assert_eq!(
        office.text("SELECT value FROM settings WHERE key = 'appointment.work_plan_required'"),
        "1"
    );
    let err = office.fails(3, &nominate);
    assert!(
        err.contains("--work-plan") && err.contains("广西指引二（二）"),
        "{err}"
    );
    let mut blank = nominate.to_vec();
    blank.extend(["--work-plan", "  "]);
    let err = office.fails(3, &blank);
    assert!(err.contains("--work-plan"), "{err}");
    let mut with_plan = nominate.to_vec();
    with_plan.extend([
        "--work-plan",
        "研究方向：传感器；合作项目：开州传感器产业园",
    ]);
    office.ok(&with_plan);
    assert_eq!(
        office.text("SELECT work_plan FROM appointments ORDER BY id DESC LIMIT 1"),
        "研究方向：传感器；合作项目：开州传感器产业园"
    );
}
