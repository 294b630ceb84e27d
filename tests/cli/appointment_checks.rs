//! The procedure's checks hold at every command that could get around them
//! (QA seeds01): an agreement date corrected by `edit`, a second nomination
//! beside a term not yet begun, eligibility at `renew`, the resignation's
//! written request. Seed 001 arts. 3–5, 13.

use crate::appointment::{at, erenhot, fails_at, through_notice};
use crate::common::Office;

/// 王海 through the Erenhot procedure (nominated 2024-06-01, notice
/// 2024-06-12 to 2024-06-18) and appointed on 2024-06-19 (appointment 1).
pub(crate) fn appointed() -> (Office, String) {
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

fn agreement(office: &Office, id: &str) -> String {
    office.text(&format!(
        "SELECT agreement_date FROM appointments WHERE id = {id}"
    ))
}

#[test]
fn an_edited_agreement_date_follows_the_public_notice_and_is_not_in_the_future() {
    // Seed 001 art. 4(6): 公示期满无异议后…签订聘任协议. `edit` applies the
    // check `appoint --agreement-date` makes: not before 2024-06-19 (the
    // notice ends 2024-06-18), hence never before the nomination, and not
    // after today.
    let (office, id) = appointed();
    let edit = |day: &'static str| ["appointment", "edit", &id, "--agreement-date", day];
    let err = fails_at(&office, 3, "2024-07-01", &edit("2024-06-15"));
    assert!(
        err.contains("--agreement-date") && err.contains("2024-06-19"),
        "{err}"
    );
    let err = fails_at(&office, 3, "2024-07-01", &edit("2024-05-01"));
    assert!(
        err.contains("--agreement-date") && err.contains("give 2024-06-19 or later"),
        "{err}"
    );
    let err = fails_at(&office, 3, "2024-07-01", &edit("2024-07-02"));
    assert!(
        err.contains("--agreement-date") && err.contains("after today (2024-07-01)"),
        "{err}"
    );
    // In Chinese too, naming the flag.
    let mut zh = vec!["--today", "2024-07-01"];
    zh.extend_from_slice(&edit("2024-06-15"));
    let err = office.fails(3, &zh);
    assert!(
        err.contains("--agreement-date") && err.contains("公示期满"),
        "{err}"
    );
    assert_eq!(agreement(&office, &id), "2024-06-19");

    at(&office, "2024-07-01", &edit("2024-06-20"));
    assert_eq!(agreement(&office, &id), "2024-06-20");
    let log = office.int(&format!(
        "SELECT count(*) FROM audit_log WHERE entity = 'appointment' AND entity_id = {id} AND action = 'edit'"
    ));
    assert_eq!(log, 1);
    // A later step (the resignation) does not move the earliest day.
    at(
        &office,
        "2024-09-01",
        &[
            "appointment",
            "resign",
            &id,
            "--date",
            "2024-09-01",
            "--request-date",
            "2024-08-20",
            "--certificate-returned",
            "yes",
        ],
    );
    at(&office, "2024-09-02", &edit("2024-06-19"));
    assert_eq!(agreement(&office, &id), "2024-06-19");
}

#[test]
fn an_agreement_date_in_the_future_is_refused_at_appointment() {
    // Seed 001 art. 4(6): the agreement is signed when appointing, not later.
    let office = erenhot();
    let id = through_notice(&office, "王海");
    let err = fails_at(
        &office,
        3,
        "2024-06-20",
        &[
            "appointment",
            "appoint",
            &id,
            "--date",
            "2024-06-19",
            "--certificate",
            "EH-2024-001",
            "--agreement-date",
            "2024-06-21",
        ],
    );
    assert!(
        err.contains("--agreement-date") && err.contains("after today"),
        "{err}"
    );
}

#[test]
fn an_advisor_appointed_to_a_term_not_begun_is_not_nominated_again() {
    // Seed 001 art. 3 (动态聘任…聘期一般为1—3年): one term at a time on a
    // panel; a term already appointed goes on by renewal, so a second
    // nomination is refused at once, not at `appoint` after every step.
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
            "--start",
            "2024-07-01",
            "--certificate",
            "EH-2024-001",
        ],
    );
    let nominate = |day: &'static str| {
        [
            "appointment",
            "nominate",
            "王海",
            "--panel",
            "eh",
            "--source",
            "self",
            "--date",
            day,
        ]
    };
    let err = fails_at(&office, 4, "2024-06-25", &nominate("2024-06-25"));
    assert!(
        err.contains("not begun yet")
            && err.contains("2024-07-01")
            && err.contains("roster appointment renew 1"),
        "{err}"
    );
    let mut zh = vec!["--today", "2024-06-25"];
    zh.extend_from_slice(&nominate("2024-06-25"));
    let err = office.fails(4, &zh);
    assert!(err.contains("尚未开始") && err.contains("renew"), "{err}");
    // Serving, the same refusal names the term to renew.
    let err = fails_at(&office, 4, "2024-08-01", &nominate("2024-08-01"));
    assert!(
        err.contains("is serving") && err.contains("roster appointment renew 1"),
        "{err}"
    );
    // Another advisor is nominated as before.
    at(
        &office,
        "2024-06-25",
        &[
            "appointment",
            "nominate",
            "钱新",
            "--panel",
            "eh",
            "--source",
            "self",
            "--exemption",
            "青年人才",
        ],
    );
}

#[test]
fn a_renewal_through_the_procedure_checks_age_on_the_new_terms_first_day() {
    // Seed 001 art. 5(5): 原则上70周岁以下（特殊情况可适当放宽）. 孙老 is 70 when
    // the renewal starts (2025-06-01) but 71 when the new term would begin
    // (2026-06-19, the day after the old term ends): refused at `renew`,
    // as a direct renewal is, with the exemption named.
    let office = erenhot();
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "孙老",
        "--category",
        "government_advisor",
        "--birth-date",
        "1955-03-01",
        "--work-start-year",
        "1980",
    ]);
    let id = through_notice(&office, "孙老");
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
            "EH-2024-009",
        ],
    );
    assert_eq!(
        office.text(&format!(
            "SELECT term_end FROM appointments WHERE id = {id}"
        )),
        "2026-06-18"
    );
    let err = fails_at(&office, 4, "2025-06-01", &["appointment", "renew", &id]);
    assert!(
        err.contains("aged 71 on 2026-06-19") && err.contains("--exemption"),
        "{err}"
    );
    let err = office.fails(4, &["--today", "2025-06-01", "appointment", "renew", &id]);
    assert!(
        err.contains("2026-06-19") && err.contains("--exemption"),
        "{err}"
    );
    at(
        &office,
        "2025-06-01",
        &[
            "appointment",
            "renew",
            &id,
            "--exemption",
            "口岸规划连续性需要，市政府同意放宽",
        ],
    );
    assert_eq!(
        office.text(&format!(
            "SELECT exemption FROM appointments WHERE previous_id = {id}"
        )),
        "口岸规划连续性需要，市政府同意放宽"
    );
}

#[test]
fn a_resignations_written_request_falls_within_the_appointment() {
    // Seed 001 art. 13: 顾问可以申请辞去顾问职务，需以书面形式…提出申请. The
    // request resigns this appointment: not before its nomination
    // (2024-06-01), not after the resignation.
    let (office, id) = appointed();
    let resign = |request: &'static str| {
        [
            "appointment",
            "resign",
            &id,
            "--date",
            "2024-09-01",
            "--request-date",
            request,
            "--certificate-returned",
            "no",
        ]
    };
    let err = fails_at(&office, 3, "2024-09-01", &resign("2024-05-31"));
    assert!(
        err.contains("--request-date") && err.contains("2024-06-01"),
        "{err}"
    );
    let mut zh = vec!["--today", "2024-09-01"];
    zh.extend_from_slice(&resign("2024-01-01"));
    let err = office.fails(3, &zh);
    assert!(
        err.contains("--request-date") && err.contains("推荐日期"),
        "{err}"
    );
    let err = fails_at(&office, 3, "2024-09-01", &resign("2024-09-02"));
    assert!(err.contains("--request-date"), "{err}");
    at(&office, "2024-09-01", &resign("2024-06-01"));
    assert_eq!(
        office.text(&format!(
            "SELECT state || '|' || resign_request_date FROM appointments WHERE id = {id}"
        )),
        "resigned|2024-06-01"
    );
}
