//! Seed 004 三(一)3 五报告 (QA F4): a reported event — a post change, a major
//! activity, an achievement, a family event, the expert's health — is what
//! the expert or their unit sends in, not the office reaching the expert. It
//! is put down to no liaison unless `--liaison` names one, counts as no
//! contact of a leader's, does not reset "not contacted for N days", and is
//! counted apart in the yearly summary; after an achievement or hardship it
//! still calls for the 三必访 visit (三(一)1) until one is made.

use super::{find, w};
use crate::common::{Office, json};

/// The contacts `report coverage` credits liaison `code` with this year.
fn leader_contacts(office: &Office, code: &str) -> i64 {
    let report = json(&office.ok(&w("--format json report coverage --year 2026")));
    find(&report["liaisons"], "code", code)["contacts"]
        .as_i64()
        .unwrap()
}

#[test]
fn a_report_is_no_contact_of_the_paired_leader() {
    // A0001 谭正清 is held by the leader L001 刘正刚 (seed 004 二: 结对子).
    let office = Office::sample();
    let before = leader_contacts(&office, "L001");
    office.ok(&w(
        "contact add --kind report --event post_change --advisor A0001 --channel phone",
    ));
    let liaison = "SELECT IFNULL(l.code, '-') FROM contacts c LEFT JOIN liaisons l ON l.id = c.liaison_id
                   WHERE c.id = (SELECT max(id) FROM contacts)";
    assert_eq!(office.text(liaison), "-", "not put down to the paired leader");
    assert_eq!(leader_contacts(&office, "L001"), before);
    // Named on purpose (the leader took the call), the liaison is kept, and
    // the report is still no contact the leader made.
    office.ok(&w(
        "contact add --kind report --event major_activity --advisor A0001 --liaison L001",
    ));
    assert_eq!(office.text(liaison), "L001");
    assert_eq!(leader_contacts(&office, "L001"), before);
    // The leader's own call is theirs, by default as before.
    office.ok(&w("contact add --kind call --advisor A0001 --channel phone"));
    assert_eq!(office.text(liaison), "L001");
    assert_eq!(leader_contacts(&office, "L001"), before + 1);
}

#[test]
fn an_imported_report_is_put_down_to_no_liaison_either() {
    let office = Office::sample();
    let file = office.path("reports.csv");
    std::fs::write(
        &file,
        "日期,联系方式,专家,报告事项,渠道\n2026-11-19,report,A0001,health,phone\n2026-11-19,call,A0001,,phone\n",
    )
    .unwrap();
    office.ok(&["import", "contacts", &office.arg("reports.csv")]);
    let by_kind = "SELECT group_concat(c.kind || ' ' || IFNULL(l.code, '-'), ', ') FROM
                   (SELECT * FROM contacts ORDER BY id DESC LIMIT 2) c LEFT JOIN liaisons l ON l.id = c.liaison_id";
    assert_eq!(office.text(by_kind), "call L001, report -");
}
