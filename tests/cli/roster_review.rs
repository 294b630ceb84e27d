//! The yearly roster adjustment (seed 004 二: 建立健全专家人才名单动态调整
//! 机制……原则上每年进行1次调整补充): `appointment review --year Y` lists
//! the year's roster, `--done` records the adjustment as made once a year
//! (audited), `--void` takes back a wrong record, and `due` reminds of a
//! year not recorded where the office's setting asks for it.

use serde_json::Value;

use crate::common::{Office, json};

/// The roster_review items of `due` on `today` (exit 0 or 6).
fn reminders(office: &Office, today: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["--format", "json", "--today", today, "due", "--all"];
    args.extend_from_slice(extra);
    let (code, out, err) = office.run(&args);
    assert!(code == 0 || code == 6, "due: exit {code}: {err}");
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "roster_review")
        .cloned()
        .collect()
}

#[test]
fn the_yearly_adjustment_is_recorded_once_a_year() {
    let office = Office::sample();
    let listing = office.ok(&["appointment", "review", "--year", "2026"]);
    assert!(
        listing.contains("2026 年度名单调整补充尚未记录")
            && listing.contains("roster appointment review --year 2026 --done"),
        "{listing}"
    );
    // Scripts get the listing alone.
    let csv = office.ok(&["--format", "csv", "appointment", "review", "--year", "2026"]);
    assert!(!csv.contains("尚未记录"), "{csv}");

    let out = office.ok(&[
        "appointment",
        "review",
        "--year",
        "2026",
        "--done",
        "--date",
        "2026-11-18",
        "--reference",
        "区委人才工作领导小组2026年第3次会议",
        "--note",
        "调出2人，补充3人",
    ]);
    assert!(
        out.contains("已记录 2026 年度专家名单调整补充（2026-11-18"),
        "{out}"
    );
    assert_eq!(
        office.text("SELECT year || ' ' || done_on || ' ' || reference || ' ' || note || ' ' || operator FROM roster_reviews"),
        "2026 2026-11-18 区委人才工作领导小组2026年第3次会议 调出2人，补充3人 tester"
    );
    assert_eq!(
        office.int("SELECT count(*) FROM audit_log WHERE entity = 'roster_review' AND action = 'add' AND entity_id = 1"),
        1
    );
    let listing = office.ok_en(&["appointment", "review", "--year", "2026"]);
    assert!(
        listing.contains("recorded as made on 2026-11-18 (#1)"),
        "{listing}"
    );

    // Once a year: a second record is refused naming the first (exit 4).
    let err = office.fails(4, &["appointment", "review", "--year", "2026", "--done"]);
    assert!(
        err.contains("2026-11-18") && err.contains("#1") && err.contains("--void"),
        "{err}"
    );
    // Another year is its own.
    office.ok(&[
        "appointment",
        "review",
        "--year",
        "2025",
        "--done",
        "--date",
        "2025-12-20",
    ]);

    // A wrong record is voided with a reason (kept, audited) and the year
    // recorded again.
    let err = office.fails(3, &["appointment", "review", "--year", "2026", "--void"]);
    assert!(err.contains("--reason"), "{err}");
    office.ok(&[
        "appointment",
        "review",
        "--year",
        "2026",
        "--void",
        "--reason",
        "会议日期记错",
    ]);
    assert_eq!(
        office.text("SELECT void_reason FROM roster_reviews WHERE id = 1"),
        "会议日期记错"
    );
    let done = json(&office.ok(&[
        "--format",
        "json",
        "appointment",
        "review",
        "--year",
        "2026",
        "--done",
        "--date",
        "2026-11-19",
    ]));
    assert_eq!(done["entity"], "roster_review");
    assert_eq!(
        office.int("SELECT count(*) FROM roster_reviews WHERE year = 2026 AND voided_at IS NULL"),
        1
    );
    office.ok(&["check", "--only", "integrity,audit_chain,audit_coverage"]);
}

#[test]
fn a_bad_adjustment_names_the_flag_and_changes_nothing() {
    let office = Office::sample();
    let review = |extra: &[&'static str]| -> Vec<&'static str> {
        [
            &["appointment", "review", "--year", "2026", "--done"][..],
            extra,
        ]
        .concat()
    };
    for (args, flag) in [
        (review(&["--date", "2026-12-01"]), "--date"),
        (review(&["--date", "2025-12-31"]), "--date"),
        (review(&["--date", "someday"]), "--date"),
        (review(&["--panel", "tech"]), "--panel"),
        (review(&["--reason", "x"]), "--reason"),
        (
            vec!["appointment", "review", "--year", "2026", "--reason", "x"],
            "--reason",
        ),
        (
            vec!["appointment", "review", "--year", "二〇二六", "--done"],
            "--year",
        ),
        (vec!["appointment", "review", "34", "--done"], "--done"),
        (
            vec![
                "appointment",
                "review",
                "--year",
                "2026",
                "--void",
                "--reason",
                "x",
            ],
            "--void",
        ),
    ] {
        let err = office.fails_en(3, &args);
        assert!(err.contains(flag), "{args:?}: {err}");
    }
    let err = office.fails_en(3, &["settings", "set", "due.roster_review_month", "13"]);
    assert!(err.contains("due.roster_review_month"), "{err}");
}

#[test]
fn due_reminds_of_a_year_not_recorded_where_the_office_asks() {
    let office = Office::sample();
    // Kaizhou's regulation (seed 000) asks for no yearly adjustment: off by default.
    assert!(reminders(&office, "2026-12-10", &[]).is_empty());
    office.ok(&["settings", "set", "due.roster_review_month", "12"]);
    let items = reminders(&office, "2026-12-10", &[]);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["due"], "2026-12-31");
    assert_eq!(items[0]["days"], 21);
    assert_eq!(
        items[0]["command"],
        "roster appointment review --year 2026 --done"
    );
    assert!(
        items[0]["what"].as_str().unwrap().contains("2026"),
        "{items:?}"
    );
    // Not yet in view a month and more ahead; one panel's view leaves out the office's list.
    assert!(reminders(&office, "2026-11-20", &[]).is_empty());
    assert!(reminders(&office, "2026-12-10", &["--panel", "tech"]).is_empty());
    // Late into the new year for the window's length, then no longer listed.
    let late = reminders(&office, "2027-01-20", &[]);
    assert_eq!(late[0]["days"], -20);
    assert!(reminders(&office, "2027-02-15", &[]).is_empty());
    // The command it names deals with it.
    let words = shlex::split(late[0]["command"].as_str().unwrap()).unwrap();
    let mut args: Vec<&str> = vec!["--today", "2027-01-20"];
    args.extend(words[1..].iter().map(String::as_str));
    args.extend(["--date", "2026-12-28"]);
    office.ok(&args);
    assert!(reminders(&office, "2027-01-20", &[]).is_empty());
    // Due by the end of March: late from April on, all year.
    office.ok(&["settings", "set", "due.roster_review_month", "3"]);
    let items = reminders(&office, "2027-04-02", &[]);
    assert_eq!(items[0]["due"], "2027-03-31");
    assert_eq!(items[0]["days"], -2);
    let (code, _, _) = office.run(&["--today", "2027-04-02", "due", "--fail-on-due"]);
    assert_eq!(code, 6);
}
