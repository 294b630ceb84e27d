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
