//! `roster due` across the year's end: what last year owed stays listed for
//! `due.window_days` into the new year — every period of it, not only the
//! last (QA r6: A0008's missed first half dropped off on 1 January while
//! the second half stayed).

use serde_json::Value;

use crate::common::{Office, json};

/// The `quota` items of `due --all` on `today` for `code`, as (due, what).
fn duties(office: &Office, today: &str, code: &str) -> Vec<(String, String)> {
    let (status, out, err) = office.run(&["--today", today, "--format", "json", "due", "--all"]);
    assert!(status == 0 || status == 6, "exit {status}: {err}");
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .filter(|i: &&Value| i["kind"] == "quota" && i["code"] == code)
        .map(|i| {
            (
                i["due"].as_str().unwrap().to_string(),
                i["what"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_missed_first_half_stays_listed_with_the_second_into_the_new_year() {
    // Seed 000 增长极顾问团 二(二): an economic analysis meeting every half
    // year; A0008 attended neither half of 2026.
    let office = Office::sample();
    let december: Vec<String> = duties(&office, "2026-12-05", "A0008")
        .into_iter()
        .map(|(due, _)| due)
        .collect();
    assert_eq!(december, ["2026-06-30", "2026-12-31"]);
    let january = duties(&office, "2027-01-20", "A0008");
    let dues: Vec<&str> = january.iter().map(|(due, _)| due.as_str()).collect();
    assert_eq!(dues, ["2026-06-30", "2026-12-31"], "{january:?}");
    assert!(january[0].1.contains("2026-01-01 至 2026-06-30"));
    // The grace is the general window (30 days): gone after it.
    assert!(duties(&office, "2027-01-31", "A0008").is_empty());
}

#[test]
fn a_year_not_assessed_is_due_and_runs_on_the_last_rule_set() {
    // Seed 001 art. 16 / seed 002 八（一）: the advisors are assessed every
    // year. The tech panel was assessed for 2025 and 2026; by December 2027
    // nothing has been run for 2027 (QA r6: `due` said nothing).
    let office = Office::sample();
    let item = |office: &Office| -> Option<Value> {
        let (status, out, err) =
            office.run(&["--today", "2027-12-05", "--format", "json", "due", "--all"]);
        assert!(status == 0 || status == 6, "exit {status}: {err}");
        json(&out)
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["kind"] == "assessment_run")
            .cloned()
    };
    let owed = item(&office).expect("the 2027 assessment is due");
    assert_eq!(owed["due"], "2027-12-31");
    assert_eq!(owed["code"], "tech");
    assert_eq!(
        owed["command"],
        "roster assess run --year 2027 --panel tech"
    );
    // The command as listed runs on the rule set stored with the 2026 run.
    let out = office.ok(&[
        "--today",
        "2027-12-05",
        "assess",
        "run",
        "--year",
        "2027",
        "--panel",
        "tech",
    ]);
    assert!(
        out.contains("未给 --rules：按 2026 年度考核所用的规则"),
        "{out}"
    );
    assert_eq!(
        office.text("SELECT rules_sha256 FROM assess_runs WHERE year = 2027"),
        office.text("SELECT rules_sha256 FROM assess_runs WHERE year = 2026 AND state = 'draft'")
    );
    assert!(item(&office).is_none());
    // A scope never assessed still needs its rules named.
    let err = office.fails(
        3,
        &[
            "--today",
            "2027-12-05",
            "assess",
            "run",
            "--year",
            "2027",
            "--panel",
            "growth",
        ],
    );
    assert!(err.contains("--rules"), "{err}");
}
