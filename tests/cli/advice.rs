//! Advice and its handling (issue 5): submitted → assigned → adopted /
//! partly adopted / not adopted → implemented, leader endorsement and
//! feedback to the advisor (seed 002 part 7(4), seed 000).

use crate::common::{Office, json};

fn rows(office: &Office, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    json(&office.ok(&all)).as_array().expect("array").clone()
}

fn ids(listed: &[serde_json::Value]) -> Vec<i64> {
    listed.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

/// New advice from A0032 (tech) submitted on 2026-06-01; returns its id.
fn submit(office: &Office) -> String {
    office.ok(&[
        "advice",
        "add",
        "--title",
        "关于建设科技企业孵化器的建议",
        "--date",
        "2026-06-01",
        "--channel",
        "信函",
        "--advisor",
        "A0032",
        "--summary",
        "依托园区闲置厂房建设孵化器",
    ]);
    office.int("SELECT max(id) FROM advice").to_string()
}

#[test]
fn advice_goes_all_the_way_with_endorsement_and_feedback() {
    let office = Office::sample();
    let id = submit(&office);
    assert_eq!(
        office.text(&format!(
            "SELECT p.code FROM advice a JOIN panels p ON p.id = a.panel_id WHERE a.id = {id}"
        )),
        "tech"
    );
    office.ok(&[
        "advice",
        "update",
        &id,
        "--endorsed-by",
        "区政府主要领导",
        "--endorsed-on",
        "2026-06-05",
    ]);
    office.ok(&[
        "advice",
        "update",
        &id,
        "--status",
        "assigned",
        "--date",
        "2026-06-08",
        "--unit",
        "区科技局",
    ]);
    office.ok(&[
        "advice",
        "update",
        &id,
        "--status",
        "已采纳",
        "--date",
        "2026-07-20",
    ]);
    office.ok(&[
        "advice",
        "update",
        &id,
        "--status",
        "implemented",
        "--date",
        "2026-10-31",
        "--note",
        "孵化器挂牌运行",
        "--feedback-by",
        "何志勇",
        "--feedback-on",
        "2026-11-05",
        "--feedback-note",
        "已电话告知并寄送挂牌照片",
    ]);
    let shown = json(&office.ok(&["--format", "json", "advice", "show", &id]));
    let a = &shown["advice"];
    assert_eq!(a["status"], "implemented");
    assert_eq!(a["assigned_unit"], "区科技局");
    assert_eq!(a["outcome_on"], "2026-07-20");
    assert_eq!(a["implemented_on"], "2026-10-31");
    assert_eq!(a["endorsed_by"], "区政府主要领导");
    assert_eq!(a["feedback_on"], "2026-11-05");
    let events: Vec<(String, String)> = shown["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["event"].as_str().unwrap().to_string(),
                e["date"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("submitted", "2026-06-01"),
        ("endorsed", "2026-06-05"),
        ("assigned", "2026-06-08"),
        ("adopted", "2026-07-20"),
        ("implemented", "2026-10-31"),
        ("feedback", "2026-11-05"),
    ];
    assert_eq!(
        events,
        expected
            .map(|(e, d)| (e.to_string(), d.to_string()))
            .to_vec()
    );
    assert_eq!(
        office.int(&format!(
            "SELECT count(*) FROM audit_log WHERE entity = 'advice' AND entity_id = {id}"
        )),
        5
    );
    let table = office.ok(&["advice", "show", &id]);
    assert!(
        table.contains("领导批示") && table.contains("已落实"),
        "{table}"
    );
    let english = office.ok_en(&["advice", "show", &id]);
    assert!(
        english.contains("leader endorsement") && english.contains("implemented"),
        "{english}"
    );
}

#[test]
fn handling_never_runs_backwards_nor_skips_adoption() {
    let office = Office::sample();
    let id = submit(&office);
    // Skipping adoption (nothing decided yet).
    let err = office.fails_en(
        4,
        &[
            "advice",
            "update",
            &id,
            "--status",
            "implemented",
            "--date",
            "2026-06-02",
        ],
    );
    assert!(
        err.contains("--status") && err.contains("skip adoption"),
        "{err}"
    );
    office.ok(&[
        "advice",
        "update",
        &id,
        "--status",
        "assigned",
        "--date",
        "2026-06-08",
        "--unit",
        "区科技局",
    ]);
    let err = office.fails_en(
        4,
        &[
            "advice",
            "update",
            &id,
            "--status",
            "implemented",
            "--date",
            "2026-06-09",
        ],
    );
    assert!(err.contains("skip adoption"), "{err}");
    let err = office.fails_en(
        4,
        &[
            "advice",
            "update",
            &id,
            "--status",
            "assigned",
            "--date",
            "2026-06-09",
            "--unit",
            "区财政局",
        ],
    );
    assert!(err.contains("already assigned"), "{err}");
    office.ok(&[
        "advice",
        "update",
        &id,
        "--status",
        "not_adopted",
        "--date",
        "2026-07-01",
        "--reason",
        "园区已有同类孵化器",
    ]);
    // Backwards.
    let err = office.fails_en(
        4,
        &[
            "advice",
            "update",
            &id,
            "--status",
            "assigned",
            "--date",
            "2026-07-02",
            "--unit",
            "区科技局",
        ],
    );
    assert!(
        err.contains("--status") && err.contains("never moves back"),
        "{err}"
    );
    // Advice not adopted is never implemented.
    let err = office.fails(
        4,
        &[
            "advice",
            "update",
            &id,
            "--status",
            "implemented",
            "--date",
            "2026-07-02",
        ],
    );
    assert!(err.contains("未被采纳"), "{err}");
    // A reconsidered outcome is a move forward in time, and clears the old reason.
    office.ok(&[
        "advice",
        "update",
        &id,
        "--status",
        "partly_adopted",
        "--date",
        "2026-08-01",
    ]);
    assert_eq!(
        office.text(&format!(
            "SELECT status || ':' || IFNULL(not_adopted_reason, '-') FROM advice WHERE id = {id}"
        )),
        "partly_adopted:-"
    );
    // The sample's implemented advice can move nowhere.
    let err = office.fails_en(
        4,
        &[
            "advice",
            "update",
            "1",
            "--status",
            "adopted",
            "--date",
            "2026-01-10",
        ],
    );
    assert!(err.contains("implemented"), "{err}");
}

#[test]
fn handling_is_dated_in_order_and_feedback_never_before_submission() {
    let office = Office::sample();
    let id = submit(&office);
    let err = office.fails_en(
        3,
        &[
            "advice",
            "update",
            &id,
            "--feedback-by",
            "何志勇",
            "--feedback-on",
            "2026-05-31",
        ],
    );
    assert!(
        err.contains("--feedback-on") && err.contains("2026-06-01"),
        "{err}"
    );
    let err = office.fails_en(
        3,
        &[
            "advice",
            "update",
            &id,
            "--endorsed-by",
            "区长",
            "--endorsed-on",
            "2026-05-01",
        ],
    );
    assert!(err.contains("--endorsed-on"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "advice",
            "update",
            &id,
            "--status",
            "adopted",
            "--date",
            "2026-05-20",
        ],
    );
    assert!(
        err.contains("--date") && err.contains("2026-06-01"),
        "{err}"
    );
    let err = office.fails_en(
        3,
        &[
            "advice",
            "update",
            &id,
            "--status",
            "adopted",
            "--date",
            "2026-11-21",
        ],
    );
    assert!(
        err.contains("--date") && err.contains("after today"),
        "{err}"
    );
    office.ok(&[
        "advice",
        "update",
        &id,
        "--status",
        "adopted",
        "--date",
        "2026-07-01",
    ]);
    let err = office.fails_en(
        3,
        &[
            "advice",
            "update",
            &id,
            "--status",
            "implemented",
            "--date",
            "2026-06-30",
        ],
    );
    assert!(err.contains("2026-07-01"), "{err}");
    // Feedback on the day of submission is fine.
    office.ok(&[
        "advice",
        "update",
        &id,
        "--feedback-by",
        "何志勇",
        "--feedback-on",
        "2026-06-01",
    ]);
}

#[test]
fn a_move_names_what_it_needs() {
    let office = Office::sample();
    let id = submit(&office);
    for (args, flag) in [
        (vec!["--status", "assigned"], "--unit"),
        (vec!["--status", "not_adopted"], "--reason"),
        (vec!["--status", "adopted", "--unit", "区科技局"], "--unit"),
        (vec!["--status", "adopted", "--reason", "x"], "--reason"),
        (vec!["--status", "shelved"], "--status"),
        (vec!["--unit", "区科技局"], "--status"),
        (vec!["--feedback-on", "2026-06-02"], "--feedback-by"),
        (vec!["--endorsed-on", "2026-06-02"], "--endorsed-by"),
        (vec![], "--status"),
    ] {
        let mut all = vec!["advice", "update", id.as_str()];
        all.extend(args.iter());
        let err = office.fails_en(3, &all);
        assert!(err.contains(flag), "{args:?}: {err}");
    }
    let err = office.fails_en(3, &["advice", "update", "999", "--status", "adopted"]);
    assert!(err.contains("999"), "{err}");
}

#[test]
fn adding_advice_checks_its_fields() {
    let office = Office::sample();
    let err = office.fails_en(3, &["advice", "add"]);
    for flag in ["--title", "--channel", "--date", "--advisor"] {
        assert!(err.contains(flag), "{flag}: {err}");
    }
    let base = ["advice", "add", "--title", "t", "--advisor", "A0005"];
    for (extra, flag) in [
        (vec!["--channel", "email", "--date", "2026-11-21"], "--date"),
        (
            vec![
                "--channel",
                "email",
                "--date",
                "2026-01-01",
                "--activity",
                "999",
            ],
            "--activity",
        ),
        (
            vec![
                "--channel",
                "email",
                "--date",
                "2025-01-01",
                "--activity",
                "5",
            ],
            "--activity",
        ),
        (
            vec![
                "--channel",
                "email",
                "--date",
                "2026-01-01",
                "--advisor",
                "李国栋",
            ],
            "--advisor",
        ),
        (
            vec!["--channel", "pigeon", "--date", "2026-01-01"],
            "--channel",
        ),
    ] {
        let mut all = base.to_vec();
        all.extend(extra.iter());
        let err = office.fails_en(3, &all);
        assert!(err.contains(flag), "{extra:?}: {err}");
    }
    // Joint advice from a meeting takes the meeting's panel.
    office.ok(&[
        "advice",
        "add",
        "--title",
        "联名建议",
        "--date",
        "2026-07-16",
        "--channel",
        "meeting",
        "--activity",
        "45",
        "--advisor",
        "A0005",
        "--advisor",
        "A0006",
    ]);
    let listed = rows(
        &office,
        &["advice", "list", "--advisor", "A0006", "--year", "2026"],
    );
    let joint = listed.iter().find(|r| r["title"] == "联名建议").unwrap();
    assert_eq!(joint["panel"], "growth");
    assert_eq!(joint["advisors"], serde_json::json!(["李国栋", "周敏"]));
}

#[test]
fn what_the_office_owes_the_advisors() {
    // Seed 000: feedback to the advisors on how their advice was handled.
    let office = Office::sample();
    let overdue = rows(&office, &["advice", "list", "--overdue", "30"]);
    assert_eq!(ids(&overdue), [14, 17, 18]);
    assert_eq!(overdue[0]["waiting_days"], 190);
    assert_eq!(overdue[2]["status"], "adopted");
    let awaiting = rows(&office, &["advice", "list", "--awaiting-feedback"]);
    assert_eq!(ids(&awaiting), [14, 17, 18, 19]);
    // Feedback settles it.
    office.ok(&[
        "advice",
        "update",
        "18",
        "--feedback-by",
        "何志勇",
        "--feedback-on",
        "2026-11-20",
    ]);
    assert_eq!(
        ids(&rows(&office, &["advice", "list", "--overdue", "30d"])),
        [14, 17]
    );
    let err = office.fails_en(3, &["advice", "list", "--overdue", "soon"]);
    assert!(err.contains("--overdue"), "{err}");
}

#[test]
fn advice_listings_filter_by_year_panel_advisor_channel_and_status() {
    let office = Office::sample();
    let all = rows(&office, &["advice", "list"]);
    assert_eq!(all.len(), 18); // the duplicate the sample voided is left out
    assert_eq!(
        rows(&office, &["advice", "list", "--include-void"]).len(),
        19
    );
    assert_eq!(
        ids(&rows(
            &office,
            &["advice", "list", "--panel", "growth", "--year", "2025"]
        )),
        [3, 4, 12]
    );
    assert_eq!(
        ids(&rows(&office, &["advice", "list", "--advisor", "A0004"])),
        [15]
    );
    let letters = rows(&office, &["advice", "list", "--kind", "信函"]);
    assert!(letters.len() >= 3 && letters.iter().all(|r| r["channel"] == "letter"));
    assert_eq!(
        rows(&office, &["advice", "list", "--channel", "letter"]).len(),
        letters.len()
    );
    let refused = rows(&office, &["advice", "list", "--status", "not_adopted"]);
    assert_eq!(refused.len(), 3);
    let csv = office.ok(&["--format", "csv", "advice", "list", "--status", "未采纳"]);
    assert!(
        csv.starts_with("编号,提交日期,标题") && csv.contains("未采纳"),
        "{csv}"
    );
}

#[test]
fn editing_and_voiding_advice_keep_history() {
    let office = Office::sample();
    let id = submit(&office);
    office.ok(&[
        "advice",
        "edit",
        &id,
        "--title",
        "关于建设区级科技企业孵化器的建议",
        "--channel",
        "report",
    ]);
    let (before, after): (String, String) = office
        .conn()
        .query_row(
            &format!("SELECT before, after FROM audit_log WHERE entity = 'advice' AND entity_id = {id} AND action = 'edit'"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(json(&before)["channel"], "letter");
    assert_eq!(json(&after)["channel"], "report");
    let err = office.fails_en(3, &["advice", "void", &id]);
    assert!(err.contains("--reason"), "{err}");
    office.ok(&["advice", "void", &id, "--reason", "专家撤回"]);
    assert!(
        !ids(&rows(&office, &["advice", "list", "--advisor", "A0032"]))
            .contains(&id.parse().unwrap())
    );
    let err = office.fails_en(
        4,
        &[
            "advice",
            "update",
            &id,
            "--status",
            "adopted",
            "--date",
            "2026-07-01",
        ],
    );
    assert!(err.contains("void"), "{err}");
    let shown = json(&office.ok(&["--format", "json", "advice", "show", &id]));
    assert_eq!(shown["advice"]["void_reason"], "专家撤回");
}
