//! Leaders short of two experts (seed 004 二) in a view of one panel
//! (QA seeds234 F8): `due --panel` and `report coverage --panel` show a
//! leader whose pairings — ended, current or starting later — include an
//! advisor appointed to the panel, and in an office with that one panel
//! every leader, so a filtered view never hides the check.

use serde_json::Value;

use crate::common::{Office, json};

/// The leaders `due --panel …` (json) lists as short.
fn due_short(office: &Office, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["--format", "json", "due", "--all"];
    args.extend_from_slice(extra);
    let (code, out, err) = office.run(&args);
    assert!(code == 0 || code == 6, "due {extra:?}: exit {code}: {err}");
    codes(&json(&out), "kind", "leader_short")
}

/// The leaders `report coverage …` (json) flags as short.
fn coverage_short(office: &Office, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["--format", "json", "report", "coverage"];
    args.extend_from_slice(extra);
    codes(&json(&office.ok(&args))["flags"], "flag", "leader_under_2")
}

fn codes(items: &Value, key: &str, value: &str) -> Vec<String> {
    let mut found: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i[key] == value)
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect();
    found.sort();
    found
}

#[test]
fn a_leader_who_handed_a_panels_experts_over_shows_in_that_panels_view() {
    // L003 held A0005 and A0006 (both on `growth`) and hands them to L005.
    let office = Office::sample();
    office.ok(&[
        "liaison",
        "assign",
        "L005",
        "--advisor",
        "A0005",
        "--advisor",
        "A0006",
        "--from",
        "2026-11-01",
        "--replace",
    ]);
    let all = due_short(&office, &[]);
    assert!(all.contains(&"L003".to_string()), "{all:?}");
    // Before, the panel's view checked only leaders holding someone on it.
    assert!(due_short(&office, &["--panel", "growth"]).contains(&"L003".to_string()));
    assert!(coverage_short(&office, &["--panel", "growth"]).contains(&"L003".to_string()));
    // A panel L003 never had an expert of is not its view.
    assert!(!due_short(&office, &["--panel", "tourism"]).contains(&"L003".to_string()));
    assert!(!coverage_short(&office, &["--panel", "tourism"]).contains(&"L003".to_string()));
    // Every leader a panel's view shows is one the whole office's view shows.
    for panel in ["growth", "tourism", "industry", "education"] {
        for code in due_short(&office, &["--panel", panel]) {
            assert!(all.contains(&code), "{panel}: {code} not in {all:?}");
        }
    }
    // Leaving the leadership ends the check in every view.
    office.ok(&["liaison", "edit", "L003", "--leader", "no"]);
    assert!(!due_short(&office, &["--panel", "growth"]).contains(&"L003".to_string()));
    assert!(!coverage_short(&office, &["--panel", "growth"]).contains(&"L003".to_string()));
}

#[test]
fn in_a_one_panel_office_the_panels_view_shows_every_leader() {
    // Laibin (seed 004) has one panel; a leader paired with nobody yet owes two.
    let office = Office::empty();
    office.ok(&[
        "panel",
        "add",
        "--code",
        "lb",
        "--name",
        "来宾市决策咨询专家",
        "--kind",
        "advisory_panel",
    ]);
    office.ok(&[
        "liaison",
        "add",
        "--name",
        "书记甲",
        "--unit",
        "市委",
        "--leader",
        "yes",
    ]);
    assert_eq!(due_short(&office, &[]), ["L001"]);
    assert_eq!(due_short(&office, &["--panel", "lb"]), ["L001"]);
    assert_eq!(coverage_short(&office, &["--panel", "lb"]), ["L001"]);
    // A second panel: a leader who never held anyone belongs to no panel's
    // view, only to the office's.
    office.ok(&[
        "panel",
        "add",
        "--code",
        "tech",
        "--name",
        "科技专家组",
        "--kind",
        "advisory_panel",
    ]);
    assert_eq!(due_short(&office, &[]), ["L001"]);
    assert!(due_short(&office, &["--panel", "lb"]).is_empty());
    assert!(coverage_short(&office, &["--panel", "lb"]).is_empty());
}

#[test]
fn a_leader_who_never_held_anyone_is_short_since_added() {
    // Seed 004 二: a leader added without experts is short from that day
    // on, so the item ages instead of reading "today" on every run.
    let office = Office::sample();
    office.ok(&[
        "liaison",
        "add",
        "--name",
        "新任副区长",
        "--unit",
        "区政府",
        "--leader",
        "yes",
    ]);
    let code = office.text("SELECT code FROM liaisons ORDER BY id DESC LIMIT 1");
    let added =
        office.text("SELECT substr(created_at, 1, 10) FROM liaisons ORDER BY id DESC LIMIT 1");
    let later = "2027-03-01";
    let out = office.ok(&["--today", later, "--format", "json", "due"]);
    let items: serde_json::Value = serde_json::from_str(&out).unwrap();
    let item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "leader_short" && i["code"] == code.as_str())
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(item["due"], added.as_str());
    assert!(item["days"].as_i64().unwrap() < 0, "{item}");
}

#[test]
fn a_leader_is_short_from_the_day_after_his_experts_terms_expired() {
    // Seed 004 二: L017 holds A0004 and A0036, whose terms end 2026-12-31
    // and are not renewed; the pairings stay open. From 2027-01-01 he holds
    // no one serving: short since then, not since the pairings began.
    let office = Office::sample();
    office.ok(&[
        "liaison",
        "add",
        "--name",
        "测试领导",
        "--unit",
        "区政府办",
        "--leader",
        "yes",
    ]);
    let code = office.text("SELECT code FROM liaisons ORDER BY id DESC LIMIT 1");
    office.ok(&[
        "liaison",
        "assign",
        &code,
        "--advisor",
        "A0036",
        "--from",
        "2026-01-10",
    ]);
    office.ok(&[
        "liaison",
        "assign",
        &code,
        "--advisor",
        "A0004",
        "--from",
        "2026-01-10",
        "--replace",
    ]);
    let out = office.ok(&["--today", "2027-02-15", "--format", "json", "due"]);
    let items: Value = serde_json::from_str(&out).unwrap();
    let item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "leader_short" && i["code"] == code.as_str())
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(item["due"], "2027-01-01", "{item}");
    assert_eq!(item["days"], -45);
}

#[test]
fn a_past_years_leaders_are_those_of_that_year() {
    // Seed 004 二 (领导班子成员至少直接联系2名专家人才): whoever held the seat
    // at the time (QA r7: standing a leader down in 2026 erased them from
    // the 2025 coverage, and a leader named in 2026 was short in 2025).
    let office = Office::sample();
    let leaders_2025 = |office: &Office| -> (Vec<String>, Vec<String>) {
        let report = crate::common::json(&office.ok(&[
            "--today",
            "2026-01-05",
            "--format",
            "json",
            "report",
            "coverage",
            "--year",
            "2025",
        ]));
        let leaders = report["liaisons"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["leader"] == true)
            .map(|l| l["code"].as_str().unwrap().to_string())
            .collect();
        let short = report["flags"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["flag"] == "leader_under_2")
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect();
        (leaders, short)
    };
    let (before, short_before) = leaders_2025(&office);
    assert!(before.contains(&"L001".to_string()), "{before:?}");
    office.ok(&[
        "--today",
        "2026-01-05",
        "liaison",
        "edit",
        "L001",
        "--leader",
        "no",
    ]);
    office.ok(&[
        "--today",
        "2026-01-05",
        "liaison",
        "add",
        "--code",
        "L030",
        "--name",
        "丙新领导",
        "--leader",
        "yes",
        "--leader-from",
        "2026-01-05",
    ]);
    // Named without --leader-from: a leader from the day recorded (QA r8).
    office.ok(&[
        "--today",
        "2026-01-05",
        "liaison",
        "add",
        "--code",
        "L031",
        "--name",
        "丁领导",
        "--leader",
        "yes",
    ]);
    assert_eq!(leaders_2025(&office), (before, short_before));
    // Today's view follows the change: L001 no longer owes two, L030 does.
    let shown = crate::common::json(&office.ok(&[
        "--today",
        "2026-01-05",
        "--format",
        "json",
        "liaison",
        "show",
        "L001",
    ]));
    assert_eq!(shown["liaison"]["leader_until"], "2026-01-04");
    let (_, due, _) = office.run(&["--today", "2026-01-05", "--format", "json", "due", "--all"]);
    let short: Vec<String> = crate::common::json(&due)
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "leader_short")
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect();
    assert!(
        short.contains(&"L030".to_string()) && !short.contains(&"L001".to_string()),
        "{short:?}"
    );
    // A stand-down before the leadership began is refused, naming the flag.
    let err = office.fails(
        3,
        &[
            "--today",
            "2026-01-06",
            "liaison",
            "edit",
            "L030",
            "--leader",
            "no",
            "--leader-from",
            "2025-12-01",
        ],
    );
    assert!(err.contains("--leader-from"), "{err}");
}

#[test]
fn a_change_in_the_leadership_is_recorded_once_it_has_happened() {
    let office = Office::sample();
    let err = office.fails(
        3,
        &[
            "liaison",
            "edit",
            "L001",
            "--leader",
            "no",
            "--leader-from",
            "2026-12-01",
        ],
    );
    assert!(
        err.contains("--leader-from") && err.contains("晚于今天"),
        "{err}"
    );
    let err = office.fails(
        3,
        &["liaison", "edit", "L001", "--leader-from", "2026-11-01"],
    );
    assert!(
        err.contains("--leader yes") || err.contains("--leader"),
        "{err}"
    );
}
