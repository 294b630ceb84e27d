//! Seed 004 三(一)3 五报告 (QA F4): a reported event — a post change, a major
//! activity, an achievement, a family event, the expert's health — is what
//! the expert or their unit sends in, not the office reaching the expert. It
//! is put down to no liaison unless `--liaison` names one, counts as no
//! contact of a leader's, does not reset "not contacted for N days", and is
//! counted apart in the yearly summary; after an achievement or hardship it
//! still calls for the 三必访 visit (三(一)1) until one is made.

use super::{find, w};
use crate::common::{Office, csv_rows, json};

/// The contacts `report coverage` credits liaison `code` with this year.
fn leader_contacts(office: &Office, code: &str) -> i64 {
    let report = json(&office.ok(&w("--format json report coverage --year 2026")));
    find(&report["liaisons"], "code", code)["contacts"]
        .as_i64()
        .unwrap()
}

/// `due`'s items of `kind` for `advisor` (their `due` dates), as of `today`.
fn due_items(office: &Office, today: &str, kind: &str, advisor: &str) -> Vec<String> {
    let out = office.ok(&w(&format!("--today {today} --format json due")));
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == kind && i["code"] == advisor)
        .map(|i| {
            format!(
                "{} {}",
                i["due"].as_str().unwrap(),
                i["what"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_report_is_no_contact_of_the_paired_leader() {
    // A0001 谭正清 is held by the leader L001 刘正刚 (seed 004 二: 结对子).
    let office = Office::sample();
    let before = leader_contacts(&office, "L001");
    office.ok(&w(
        "contact add --kind report --event post_change --advisor A0001 --channel phone",
    ));
    let liaison =
        "SELECT IFNULL(l.code, '-') FROM contacts c LEFT JOIN liaisons l ON l.id = c.liaison_id
                   WHERE c.id = (SELECT max(id) FROM contacts)";
    assert_eq!(
        office.text(liaison),
        "-",
        "not put down to the paired leader"
    );
    assert_eq!(leader_contacts(&office, "L001"), before);
    // Named on purpose (the leader took the call), the liaison is kept, and
    // the report is still no contact the leader made.
    office.ok(&w(
        "contact add --kind report --event major_activity --advisor A0001 --liaison L001",
    ));
    assert_eq!(office.text(liaison), "L001");
    assert_eq!(leader_contacts(&office, "L001"), before);
    // The leader's own call is theirs, by default as before.
    office.ok(&w(
        "contact add --kind call --advisor A0001 --channel phone",
    ));
    assert_eq!(office.text(liaison), "L001");
    assert_eq!(leader_contacts(&office, "L001"), before + 1);
    // The yearly roster review (seed 004 二: 每年调整) counts the call alone.
    let review = json(&office.ok(&w("--format json appointment review --year 2026")));
    assert_eq!(find(&review, "code", "A0001")["contacts"], 5);
    // The advisor's row counts the call, and shows the reports by kind.
    let report = json(&office.ok(&w("--format json report coverage --year 2026")));
    let a0001 = find(&report["advisors"], "code", "A0001");
    assert_eq!(a0001["contacts"], 5, "2 visits, a greeting, care, the call");
    assert_eq!(
        a0001["by_kind"],
        serde_json::json!({"visit": 2, "greeting": 1, "call": 1, "care": 1, "report": 2})
    );
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

#[test]
fn a_report_does_not_silence_no_contact_but_calls_for_a_visit() {
    // A0001's last contact was 2026-05-18; the committee's interval is 90 days.
    let office = Office::sample();
    let silent = ["2026-08-16 最近联系 2026-05-18（间隔不超过 90 天）"];
    assert_eq!(
        due_items(&office, "2026-11-20", "no_contact", "A0001"),
        silent
    );
    // Seed 004 五报告 / 三必访: the unit reports a health matter.
    office.ok(&w(
        "contact add --date 2026-11-19 --kind report --event health --advisor A0001 --channel phone",
    ));
    assert_eq!(
        due_items(&office, "2026-11-20", "no_contact", "A0001"),
        silent,
        "still not contacted"
    );
    let owed = ["2026-12-04 2026-11-19 报告重大健康状况，15 天内应走访（三必访，来宾方案）"];
    assert_eq!(
        due_items(&office, "2026-11-20", "visit_owed", "A0001"),
        owed
    );
    let last =
        "SELECT last_on || ' ' || IFNULL(visit_on, '-') FROM contact_last WHERE advisor_id = 1";
    // The last contact is the group health check of 05-18, which is no
    // visit (seed 004 三(五)1, migration 7); the last visit was 03-11.
    assert_eq!(office.text(last), "2026-05-18 2026-03-11");
    let report = json(&office.ok(&w("--format json report coverage --year 2026")));
    let a0001 = find(&report["advisors"], "code", "A0001");
    assert_eq!(a0001["last_contact"], "2026-05-18");
    assert!(a0001["flags"].as_str().unwrap().contains("visit_owed"));
    // A call contacts them; it is not the visit 三必访 asks for.
    office.ok(&w(
        "contact add --kind call --advisor A0001 --channel phone",
    ));
    assert!(due_items(&office, "2026-11-20", "no_contact", "A0001").is_empty());
    assert_eq!(
        due_items(&office, "2026-11-20", "visit_owed", "A0001"),
        owed
    );
    // As of the report's day (before the call) the report still is no contact.
    assert_eq!(
        due_items(&office, "2026-11-19", "no_contact", "A0001"),
        silent
    );
    office.ok(&w(
        "contact add --kind visit --occasion hardship --advisor A0001 --channel in_person",
    ));
    assert!(due_items(&office, "2026-11-20", "visit_owed", "A0001").is_empty());
    assert_eq!(office.text(last), "2026-11-20 2026-11-20");
    // Voiding the report leaves the last contact and visit as they are.
    let report = office.int("SELECT max(id) FROM contacts WHERE kind = 'report'");
    office.ok(&w(&format!("contact void {report} --reason 重复录入")));
    assert_eq!(office.text(last), "2026-11-20 2026-11-20");
}

#[test]
fn the_summary_counts_reports_apart_from_contacts() {
    let office = Office::sample();
    let totals = |office: &Office| {
        let s = json(&office.ok(&w("--format json report summary --year 2026")));
        let t = s["contacts"].as_array().unwrap().last().unwrap().clone();
        let line = s["summary"][3].as_str().unwrap().to_string();
        (t, line)
    };
    let (before, line) = totals(&office);
    // The sample's 2026 reports: A0032's achievement, A0029's family event,
    // A0019's health (seed 004 五报告).
    assert_eq!(before["reports"], 3);
    assert!(line.contains("收到五报告 3 件"), "{line}");
    office.ok(&w(
        "contact add --kind report --event achievement --advisor A0036 --channel phone",
    ));
    let (after, line) = totals(&office);
    assert_eq!(after["reports"], 4);
    for key in ["contacts", "visits", "greetings", "advisors_contacted"] {
        assert_eq!(after[key], before[key], "{key}: a report is no contact");
    }
    assert!(line.contains("收到五报告 4 件"), "{line}");
    // The export carries the same numbers, reports as their own measure.
    let out = office.ok(&w("--format csv export summary --year 2026"));
    let rows = csv_rows(&out);
    let total = |key: &str| -> String {
        rows.iter()
            .find(|r| r[8] == key && r[3].is_empty())
            .unwrap_or_else(|| panic!("no total {key}"))[6]
            .clone()
    };
    assert_eq!(total("contacts.reports"), "4");
    assert_eq!(total("contacts.contacts"), before["contacts"].to_string());
}
