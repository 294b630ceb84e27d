//! What a term ended by resignation or dismissal still owes in `roster due`:
//! the certificate, when recorded as not returned (seed 001 art. 13:
//! 解聘…并收回聘书), until `appointment edit --certificate-returned yes`.

use serde_json::Value;

use crate::common::{Office, json};

fn items(office: &Office) -> Vec<Value> {
    let (code, out, err) = office.run(&["--format", "json", "due", "--all"]);
    assert!(code == 0 || code == 6, "due: exit {code}: {err}");
    json(&out).as_array().unwrap().clone()
}

fn certificates(office: &Office) -> Vec<Value> {
    items(office)
        .into_iter()
        .filter(|i| i["kind"] == "certificate")
        .collect()
}

#[test]
fn a_certificate_not_returned_is_due_until_recorded_returned() {
    let office = Office::sample();
    // The sample's resignation returned its certificate: nothing owed.
    assert!(certificates(&office).is_empty());
    let id = office
        .int("SELECT id FROM appointments WHERE advisor_id = 5 AND state = 'appointed' AND previous_id IS NOT NULL")
        .to_string();
    office.ok(&[
        "appointment",
        "resign",
        &id,
        "--request-date",
        "2026-11-10",
        "--certificate-returned",
        "否",
        "--date",
        "2026-11-15",
    ]);
    let owed = certificates(&office);
    assert_eq!(owed.len(), 1, "{owed:#?}");
    let item = &owed[0];
    assert_eq!(item["code"], "A0005");
    assert_eq!(item["due"], "2026-11-15");
    assert_eq!(item["days"], -5);
    assert!(
        item["what"].as_str().unwrap().contains("聘书尚未收回"),
        "{item}"
    );
    let command = item["command"].as_str().unwrap();
    assert_eq!(
        command,
        format!("roster appointment edit {id} --certificate-returned yes")
    );
    // In English too, and in the table a clerk reads.
    let en = office.ok_en(&["due", "--all"]);
    assert!(en.contains("certificate is not yet returned"), "{en}");
    // The command it names clears it, and the flag is stored.
    let words = shlex::split(command).unwrap();
    let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    office.ok(&args);
    assert_eq!(
        office.int(&format!(
            "SELECT certificate_returned FROM appointments WHERE id = {id}"
        )),
        1
    );
    assert!(certificates(&office).is_empty());
}

#[test]
fn a_dismissal_recorded_with_the_certificate_outstanding_is_listed_by_panel() {
    let office = Office::sample();
    let id = office
        .int("SELECT id FROM appointments WHERE advisor_id = 5 AND state = 'appointed' AND previous_id IS NOT NULL")
        .to_string();
    let panel = office.text(&format!(
        "SELECT p.code FROM appointments ap JOIN panels p ON p.id = ap.panel_id WHERE ap.id = {id}"
    ));
    office.ok(&[
        "appointment",
        "dismiss",
        &id,
        "--ground",
        "nonperformance",
        "--date",
        "2026-11-16",
        "--yes",
    ]);
    // Not stated either way: not listed.
    assert!(certificates(&office).is_empty());
    office.ok(&["appointment", "edit", &id, "--certificate-returned", "no"]);
    assert_eq!(certificates(&office).len(), 1);
    // Recorded with the dismissal itself, on another term.
    let other = office
        .int("SELECT id FROM appointments WHERE state = 'appointed' AND term_end > '2026-12-31' AND advisor_id <> 5 ORDER BY id LIMIT 1")
        .to_string();
    office.fails(
        3,
        &[
            "appointment",
            "dismiss",
            &other,
            "--ground",
            "nonperformance",
            "--certificate-returned",
            "maybe",
            "--yes",
        ],
    );
    office.ok(&[
        "appointment",
        "dismiss",
        &other,
        "--ground",
        "nonperformance",
        "--date",
        "2026-11-18",
        "--certificate-returned",
        "否",
        "--yes",
    ]);
    assert_eq!(
        office.int(&format!(
            "SELECT certificate_returned FROM appointments WHERE id = {other}"
        )),
        0
    );
    assert_eq!(certificates(&office).len(), 2);
    let (code, out, _) = office.run(&["--format", "json", "due", "--panel", &panel]);
    assert!(code == 0 || code == 6);
    assert!(out.contains("\"certificate\""), "{out}");
    let (code, out, _) = office.run(&["--format", "json", "due", "--panel", "finance"]);
    assert!(code == 0 || code == 6);
    assert!(!out.contains("\"certificate\""), "{out}");
}
