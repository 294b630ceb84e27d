//! What is recorded after an appointment ends and what the clerk sees of
//! its state (QA seeds01): a certificate returned later (seed 001 art. 13),
//! a nomination awaiting re-review after an objection (art. 4(5)–(6)).

use crate::appointment::{at, erenhot, fails_at, through_notice};
use crate::appointment_checks::appointed;
use crate::common::{Office, json};

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
