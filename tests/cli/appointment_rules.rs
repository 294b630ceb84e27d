//! The procedure's dates and lengths as the regulations set them, and what
//! ending a term does to a renewal already appointed: seed 001 arts. 3,
//! 4(5)–(6), 12–13; seed 002 part 8.

use crate::appointment::{at, erenhot, fails_at, through_notice};
use crate::common::Office;

fn refs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// 王海 nominated on the Erenhot panel and approved (appointment 1),
/// awaiting the public notice.
fn approved() -> Office {
    let office = erenhot();
    at(
        &office,
        "2024-06-01",
        &[
            "appointment",
            "nominate",
            "王海",
            "--panel",
            "eh",
            "--source",
            "自荐",
        ],
    );
    for verb in ["vet", "check", "review", "approve"] {
        at(&office, "2024-06-10", &["appointment", verb, "1"]);
    }
    office
}

/// 王海 appointed on the Erenhot panel from 2024-06-19 (two years).
fn appointed() -> (Office, String) {
    let office = erenhot();
    let id = through_notice(&office, "王海");
    at(
        &office,
        "2024-06-20",
        &[
            "appointment",
            "appoint",
            &id,
            "--date",
            "2024-06-19",
            "--certificate",
            "EH-2024-001",
        ],
    );
    (office, id)
}

#[test]
fn the_term_and_the_agreement_begin_after_the_public_notice() {
    // Art. 4(6): 公示期满无异议后…签订聘任协议、明确聘期. The notice runs
    // 2024-06-12 to 2024-06-18.
    let office = erenhot();
    let id = through_notice(&office, "王海");
    let appoint = |extra: &[&'static str]| -> Vec<String> {
        let mut args: Vec<String> = [
            "appointment",
            "appoint",
            &id,
            "--date",
            "2024-06-19",
            "--certificate",
            "EH-2024-001",
        ]
        .map(String::from)
        .to_vec();
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };

    let err = fails_at(
        &office,
        3,
        "2024-06-20",
        &refs(&appoint(&["--start", "2024-06-15"])),
    );
    assert!(
        err.contains("--start") && err.contains("2024-06-19"),
        "{err}"
    );
    let err = fails_at(
        &office,
        3,
        "2024-06-20",
        &refs(&appoint(&["--start", "2024-01-01"])),
    );
    assert!(err.contains("--start"), "{err}");
    let err = fails_at(
        &office,
        3,
        "2024-06-20",
        &refs(&appoint(&["--agreement-date", "2024-06-01"])),
    );
    assert!(err.contains("--agreement-date"), "{err}");
    at(
        &office,
        "2024-06-20",
        &refs(&appoint(&["--start", "2024-07-01"])),
    );
    assert_eq!(
        office.text(&format!(
            "SELECT term_start || '|' || term_end || '|' || agreement_date FROM appointments WHERE id = {id}"
        )),
        "2024-07-01|2026-06-30|2024-06-19"
    );
}

#[test]
fn a_public_notice_is_never_shorter_than_the_panels() {
    // Art. 4(5): 公示期为7天. Longer is allowed.
    let office = approved();
    let err = fails_at(
        &office,
        4,
        "2024-06-10",
        &["appointment", "publicize", "1", "--notice-days", "1"],
    );
    assert!(
        err.contains("--notice-days") && err.contains("7 days"),
        "{err}"
    );
    at(
        &office,
        "2024-06-10",
        &["appointment", "publicize", "1", "--notice-days", "10"],
    );
    assert_eq!(
        office.text("SELECT notice_end FROM appointments WHERE id = 1"),
        "2024-06-19"
    );
}

#[test]
fn a_term_runs_one_year_to_the_panels_maximum() {
    // Art. 3: 聘期一般为1—3年; this panel's maximum is 3 years.
    let office = erenhot();
    let id = through_notice(&office, "王海");
    let appoint = |end: &str| {
        vec![
            "appointment".to_string(),
            "appoint".into(),
            id.clone(),
            "--date".into(),
            "2024-06-19".into(),
            "--certificate".into(),
            "EH-2024-001".into(),
            "--end".into(),
            end.into(),
        ]
    };
    let args = appoint("2027-06-19");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let err = fails_at(&office, 4, "2024-06-20", &args);
    assert!(
        err.contains("--end 2027-06-18") && err.contains("maximum of 3 years"),
        "{err}"
    );
    let args = appoint("2024-06-29");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let err = fails_at(&office, 4, "2024-06-20", &args);
    assert!(err.contains("--end 2025-06-18"), "{err}");
    let args = appoint("2027-06-18");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    at(&office, "2024-06-20", &args);
}

#[test]
fn dismissal_rejects_a_renewal_already_appointed_that_has_not_begun() {
    // Arts. 12–13: a dismissed advisor does not serve the renewed term.
    let (office, id) = appointed();
    at(&office, "2026-03-01", &["appointment", "renew", &id]);
    let renewal = office.int("SELECT max(id) FROM appointments").to_string();
    for verb in ["vet", "check", "review", "approve", "publicize"] {
        at(&office, "2026-03-02", &["appointment", verb, &renewal]);
    }
    at(
        &office,
        "2026-03-10",
        &[
            "appointment",
            "appoint",
            &renewal,
            "--certificate",
            "EH-2026-001",
        ],
    );
    assert_eq!(
        office.text(&format!(
            "SELECT state || '|' || term_start FROM appointments WHERE id = {renewal}"
        )),
        "appointed|2026-06-19"
    );
    // Renewing the renewal before it begins is refused.
    let err = fails_at(
        &office,
        4,
        "2026-03-11",
        &["appointment", "renew", &renewal],
    );
    assert!(err.contains("has not begun"), "{err}");
    let out = at(
        &office,
        "2026-04-01",
        &[
            "appointment",
            "dismiss",
            &id,
            "--ground",
            "criminal",
            "--yes",
        ],
    );
    assert!(out.contains(&format!("#{renewal}")), "{out}");
    assert_eq!(
        office.text(&format!(
            "SELECT state FROM appointments WHERE id = {renewal}"
        )),
        "rejected"
    );
    let serving = at(
        &office,
        "2026-04-01",
        &["advisor", "list", "--serving", "--as-of", "2026-08-01"],
    );
    assert!(!serving.contains("王海"), "{serving}");
    // Listed as of a day he served, he reads as serving then.
    let then = at(
        &office,
        "2026-04-01",
        &[
            "--format",
            "json",
            "appointment",
            "list",
            "--as-of",
            "2025-01-01",
        ],
    );
    assert_eq!(
        crate::common::json(&then)[0]["status"],
        "appointed",
        "{then}"
    );
    let now = at(
        &office,
        "2026-04-01",
        &["--format", "json", "appointment", "list"],
    );
    assert!(now.contains("\"dismissed\""), "{now}");
}

#[test]
fn the_term_evaluation_is_made_near_the_end_of_the_term() {
    // Seed 002 part 8: 任期结束前一个月. The term ends 2026-06-18: its
    // last three months run from 2026-03-19 (not 03-18, a day early).
    let (office, id) = appointed();
    let err = fails_at(&office, 4, "2024-07-05", &["appointment", "evaluate", &id]);
    assert!(err.contains("from 2026-03-19"), "{err}");
    let err = fails_at(&office, 4, "2026-03-18", &["appointment", "evaluate", &id]);
    assert!(err.contains("from 2026-03-19"), "{err}");
    at(&office, "2026-03-19", &["appointment", "evaluate", &id]);
}

#[test]
fn an_objection_waits_for_the_notice_to_begin() {
    let office = approved();
    at(
        &office,
        "2024-06-10",
        &[
            "appointment",
            "publicize",
            "1",
            "--notice-start",
            "2024-06-20",
        ],
    );
    let err = fails_at(
        &office,
        4,
        "2024-06-12",
        &[
            "appointment",
            "object",
            "1",
            "--outcome",
            "reject",
            "--reason",
            "群众来信",
        ],
    );
    assert!(err.contains("begins on 2024-06-20"), "{err}");
}

#[test]
fn each_panel_sets_its_own_age_and_work_limits() {
    // Seed 001 art. 5 (at most 70, five years' work) is the default; seed
    // 002 appoints academicians, often older, and seed 003 sets no limit.
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
        "--steps",
        "reviewed,approved",
        "--max-age",
        "无",
        "--min-work-years",
        "none",
    ]);
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "黄院士",
        "--category",
        "tech_advisor",
        "--birth-date",
        "1948-03-10",
    ]);
    let nominate = [
        "appointment",
        "nominate",
        "黄院士",
        "--panel",
        "gx",
        "--source",
        "组织推荐",
    ];
    let id = at(
        &office,
        "2026-03-01",
        &[&["--format", "json"][..], &nominate].concat(),
    );
    assert!(id.contains("\"id\":1"), "{id}");
    assert!(
        office
            .text("SELECT IFNULL(exemption, '') FROM appointments WHERE id = 1")
            .is_empty()
    );
    // A limit of the panel's own: refused with its figure, named as the panel's.
    office.ok(&["panel", "edit", "gx", "--max-age", "75"]);
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "李院士",
        "--category",
        "tech_advisor",
        "--birth-date",
        "1945-01-01",
    ]);
    let err = fails_at(
        &office,
        4,
        "2026-03-01",
        &[
            "appointment",
            "nominate",
            "李院士",
            "--panel",
            "gx",
            "--source",
            "组织推荐",
        ],
    );
    assert!(
        err.contains("over 75") && err.contains("this panel's conditions"),
        "{err}"
    );
    // Bad values name the flag; the limit survives an export and import.
    let err = office.fails_en(3, &["panel", "edit", "gx", "--max-age", "10"]);
    assert!(err.contains("--max-age"), "{err}");
    office.ok(&["panel", "edit", "gx", "--max-age", "none"]);
    let csv = office.ok(&["export", "panels"]);
    assert!(
        csv.contains("年龄上限(岁)") && csv.contains(",无,无,"),
        "{csv}"
    );
    let moved = Office::empty();
    std::fs::write(moved.path("panels.csv"), &csv).unwrap();
    moved.ok(&["import", "panels", &moved.arg("panels.csv")]);
    assert_eq!(
        moved.int("SELECT count(*) FROM panels WHERE max_age IS NULL AND min_work_years IS NULL"),
        1
    );
}
