//! The procedure's checks hold at every command that could get around them
//! (QA seeds01): an agreement date corrected by `edit`, a second nomination
//! beside a term not yet begun, eligibility at `renew`, the resignation's
//! written request, a certificate returned later, the objection's re-review
//! as the clerk sees it. Seed 001 arts. 3–5, 12–13.

use crate::appointment::{at, erenhot, fails_at, through_notice};
use crate::common::{Office, json};

/// 王海 through the Erenhot procedure (nominated 2024-06-01, notice
/// 2024-06-12 to 2024-06-18) and appointed on 2024-06-19 (appointment 1).
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

fn returned(office: &Office, id: &str) -> String {
    office.text(&format!(
        "SELECT IFNULL(CAST(certificate_returned AS TEXT), 'null') FROM appointments WHERE id = {id}"
    ))
}

#[test]
fn a_certificate_not_returned_at_the_end_is_recorded_as_returned_later() {
    // Seed 001 art. 13: 经…批准予以解聘，并收回聘书. A certificate still out
    // when the resignation was recorded is marked returned by `edit`,
    // audited like any correction.
    let (office, id) = appointed();
    let err = fails_at(
        &office,
        4,
        "2024-08-01",
        &["appointment", "edit", &id, "--certificate-returned", "yes"],
    );
    assert!(err.contains("resigned or dismissed"), "{err}");
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
            "no",
        ],
    );
    assert_eq!(returned(&office, &id), "0");
    let err = fails_at(
        &office,
        3,
        "2024-09-10",
        &[
            "appointment",
            "edit",
            &id,
            "--certificate-returned",
            "maybe",
        ],
    );
    assert!(
        err.contains("--certificate-returned") && err.contains("yes or no"),
        "{err}"
    );
    at(
        &office,
        "2024-09-10",
        &["appointment", "edit", &id, "--certificate-returned", "是"],
    );
    assert_eq!(returned(&office, &id), "1");
    let shown = json(&office.ok(&["--format", "json", "appointment", "show", &id]));
    assert_eq!(shown["appointment"]["certificate_returned"], true);
    let after = office.text(&format!(
        "SELECT after FROM audit_log WHERE entity = 'appointment' AND entity_id = {id}
         AND action = 'edit' ORDER BY id DESC LIMIT 1"
    ));
    assert!(after.contains("\"certificate_returned\":1"), "{after}");

    // After a dismissal (art. 12), which records nothing about it.
    let (office, id) = appointed();
    at(
        &office,
        "2024-09-01",
        &[
            "--yes",
            "appointment",
            "dismiss",
            &id,
            "--ground",
            "criminal",
            "--date",
            "2024-09-01",
        ],
    );
    assert_eq!(returned(&office, &id), "null");
    at(
        &office,
        "2024-09-05",
        &["appointment", "edit", &id, "--certificate-returned", "no"],
    );
    assert_eq!(returned(&office, &id), "0");
}

#[test]
fn after_an_objection_the_clerk_sees_it_awaits_re_review() {
    // Seed 001 art. 4(5)–(6): 公示期满无异议后…聘任. An objection sends the
    // nomination back to review; the stored state stays the step before
    // the review (背调, code `checked`, stable in JSON), and `show`, `list`
    // and a refused step say it awaits re-review after an objection.
    let office = erenhot();
    let id = through_notice(&office, "王海");
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "李明",
        "--category",
        "government_advisor",
        "--birth-date",
        "1970-03-03",
        "--work-start-year",
        "1995",
    ]);
    let other = through_notice(&office, "李明");
    at(
        &office,
        "2024-06-14",
        &[
            "appointment",
            "object",
            &id,
            "--date",
            "2024-06-14",
            "--outcome",
            "review",
            "--reason",
            "群众反映学历存疑",
        ],
    );
    let shown = at(&office, "2024-06-15", &["appointment", "show", &id]);
    assert!(shown.contains("公示异议，待复核"), "{shown}");
    let shown = at(
        &office,
        "2024-06-15",
        &["--lang", "en", "appointment", "show", &id],
    );
    assert!(shown.contains("objection: awaiting re-review"), "{shown}");
    let doc = json(&at(
        &office,
        "2024-06-15",
        &["--format", "json", "appointment", "show", &id],
    ));
    assert_eq!(doc["appointment"]["status"], "checked");

    let list = json(&at(
        &office,
        "2024-06-15",
        &["--format", "json", "appointment", "list"],
    ));
    let row = |n: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"].as_i64().map(|i| i.to_string()).as_deref() == Some(n))
            .unwrap()
            .clone()
    };
    assert_eq!(row(&id)["status"], "checked");
    assert_eq!(row(&id)["awaiting_rereview"], true);
    assert_eq!(row(&other)["awaiting_rereview"], serde_json::Value::Null);
    let csv = at(
        &office,
        "2024-06-15",
        &[
            "--format",
            "csv",
            "appointment",
            "list",
            "--state",
            "checked",
        ],
    );
    assert!(
        csv.contains("异议待复核") && csv.contains("背调,是"),
        "{csv}"
    );

    let err = fails_at(&office, 4, "2024-06-15", &["appointment", "approve", &id]);
    assert!(
        err.contains("objection: awaiting re-review") && err.contains("review"),
        "{err}"
    );
    // Once the review is recorded again, the note is gone.
    at(&office, "2024-06-16", &["appointment", "review", &id]);
    let shown = at(&office, "2024-06-16", &["appointment", "show", &id]);
    assert!(!shown.contains("待复核"), "{shown}");
    let list = json(&at(
        &office,
        "2024-06-16",
        &[
            "--format",
            "json",
            "appointment",
            "list",
            "--advisor",
            "王海",
        ],
    ));
    assert_eq!(list[0]["awaiting_rereview"], serde_json::Value::Null);
}
