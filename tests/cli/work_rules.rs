//! The rules for recording the advisors' work (issue 5): no attendance
//! before the day, hours within a day, participants serving or guests, each
//! advisor once, every bad field named; and keeping history by editing and
//! voiding. Each refusal leaves the database unchanged (`Office::fails`).

use crate::common::{Office, json};
use crate::work::{activity, counts, rows};

#[test]
fn attendance_cannot_be_recorded_before_the_day() {
    let office = Office::sample();
    let planned = activity(&office, "2026年下半年经济运行分析会");
    for args in [
        vec!["activity", "attend", planned.as_str(), "A0005"],
        vec![
            "activity",
            "attend",
            planned.as_str(),
            "A0006",
            "--attendance",
            "absent",
        ],
    ] {
        let err = office.fails_en(4, &args);
        assert!(
            err.contains("--attendance") && err.contains("2026-12-10"),
            "{err}"
        );
    }
    let err = office.fails_en(
        4,
        &[
            "activity",
            "add",
            "--kind",
            "seminar",
            "--date",
            "2026-12-01",
            "--panel",
            "growth",
            "--topic",
            "未来",
            "--advisor",
            "A0005",
            "--attendance",
            "attended",
        ],
    );
    assert!(err.contains("--attendance"), "{err}");
    // Moving a held activity into the future would strand its records.
    let held = activity(&office, "2026年上半年经济运行分析会");
    let err = office.fails_en(4, &["activity", "edit", &held, "--date", "2026-12-30"]);
    assert!(err.contains("2026-12-30"), "{err}");
}

#[test]
fn hours_are_between_zero_and_twenty_four() {
    let office = Office::sample();
    for bad in ["-1", "24.5", "三小时"] {
        let err = office.fails_en(
            3,
            &[
                "activity",
                "add",
                "--kind",
                "lecture",
                "--date",
                "2026-11-02",
                "--panel",
                "health",
                "--topic",
                "讲座",
                "--hours",
                bad,
            ],
        );
        assert!(err.contains("--hours"), "{bad}: {err}");
    }
    let id = activity(&office, "中医药适宜技术进基层培训");
    let err = office.fails_en(3, &["activity", "edit", &id, "--hours", "25"]);
    assert!(err.contains("--hours"), "{err}");
    office.ok(&["activity", "edit", &id, "--hours", "24"]);
}

#[test]
fn a_participant_must_serve_on_the_panel_that_day_or_be_a_guest() {
    let office = Office::sample();
    let base = [
        "activity",
        "add",
        "--kind",
        "consultation",
        "--date",
        "2025-08-20",
        "--panel",
        "tourism",
        "--topic",
        "文旅融合咨询",
    ];
    // A0023 resigned on 2025-06-30 (seed 001 art. 13).
    let mut args = base.to_vec();
    args.extend(["--advisor", "A0023"]);
    let err = office.fails_en(4, &args);
    assert!(
        err.contains("--advisor") && err.contains("--guest"),
        "{err}"
    );
    // A0005 serves on another panel.
    let mut args = base.to_vec();
    args.extend(["--advisor", "A0005"]);
    let err = office.fails_en(4, &args);
    assert!(err.contains("serves elsewhere"), "{err}");
    // With --guest both may take part, marked as guests.
    let mut args = base.to_vec();
    args.extend([
        "--advisor",
        "A0023",
        "--advisor",
        "A0005",
        "--advisor",
        "A0022",
        "--guest",
    ]);
    office.ok(&args);
    let id = activity(&office, "文旅融合咨询");
    assert_eq!(
        office.text(&format!(
            "SELECT group_concat(x, ',') FROM (SELECT a.code || '=' || pa.guest AS x FROM participants pa
             JOIN advisors a ON a.id = pa.advisor_id WHERE pa.activity_id = {id} ORDER BY a.code)"
        )),
        "A0005=1,A0022=0,A0023=1"
    );
    // A pool expert serves on no panel at all.
    let err = office.fails_en(4, &["activity", "participant", "add", &id, "A0038"]);
    assert!(err.contains("ADVISOR") && err.contains("--guest"), "{err}");
}

#[test]
fn advice_is_given_in_office_or_as_a_guest() {
    // Advice counts in an advisor's assessment, like the activities they
    // attend: it is recorded on a day they serve. A0023 resigned on
    // 2025-06-30 (seed 001 art. 13); A0038 is in the pool, appointed to
    // nothing.
    let office = Office::sample();
    for (code, date) in [("A0023", "2025-08-20"), ("A0038", "2026-10-01")] {
        let err = office.fails_en(
            4,
            &[
                "advice",
                "add",
                "--title",
                "关于文旅融合的建议",
                "--channel",
                "letter",
                "--advisor",
                code,
                "--date",
                date,
            ],
        );
        assert!(
            err.contains("--advisor") && err.contains(code) && err.contains("--guest"),
            "{err}"
        );
    }
    // Joint advice with one advisor out of office is refused whole.
    office.fails_en(
        4,
        &[
            "advice",
            "add",
            "--title",
            "联名建议",
            "--channel",
            "letter",
            "--advisor",
            "A0022",
            "--advisor",
            "A0023",
            "--date",
            "2025-08-20",
        ],
    );
    // As a guest it is recorded; on a day in office it always was.
    office.ok(&[
        "advice",
        "add",
        "--title",
        "关于文旅融合的建议",
        "--channel",
        "letter",
        "--advisor",
        "A0023",
        "--date",
        "2025-08-20",
        "--guest",
    ]);
    office.ok(&[
        "advice",
        "add",
        "--title",
        "关于旅游线路的建议",
        "--channel",
        "letter",
        "--advisor",
        "A0023",
        "--date",
        "2025-05-20",
    ]);
}

#[test]
fn the_same_advisor_is_on_an_activity_once() {
    let office = Office::sample();
    let err = office.fails_en(
        3,
        &[
            "activity",
            "add",
            "--kind",
            "consultation",
            "--date",
            "2026-11-02",
            "--panel",
            "tech",
            "--topic",
            "重复",
            "--advisor",
            "A0032",
            "--advisor",
            "孙宏宇",
        ],
    );
    assert!(err.contains("--advisor") && err.contains("twice"), "{err}");
    let id = activity(&office, "科技成果转化政策专题研讨");
    let err = office.fails_en(4, &["activity", "participant", "add", &id, "A0033"]);
    assert!(err.contains("already on activity"), "{err}");
}

#[test]
fn adding_an_activity_names_every_missing_or_bad_field() {
    let office = Office::sample();
    let err = office.fails_en(3, &["activity", "add", "--panel", "growth"]);
    assert!(
        err.contains("--kind") && err.contains("--date") && err.contains("--topic"),
        "{err}"
    );
    for (flag, value) in [
        ("--kind", "banquet"),
        ("--date", "2026-02-30"),
        ("--mode", "telepathy"),
        ("--panel", "nowhere"),
    ] {
        let mut args = vec![
            "activity",
            "add",
            "--kind",
            "seminar",
            "--date",
            "2026-11-02",
            "--topic",
            "x",
        ];
        if let Some(at) = args.iter().position(|a| *a == flag) {
            args[at + 1] = value;
        } else {
            args.extend([flag, value]);
        }
        let err = office.fails_en(3, &args);
        assert!(err.contains(flag), "{flag}: {err}");
    }
    let err = office.fails_en(
        3,
        &[
            "activity",
            "add",
            "--kind",
            "seminar",
            "--date",
            "2026-11-02",
            "--topic",
            "x",
            "--attendance",
            "attended",
        ],
    );
    assert!(err.contains("--advisor"), "{err}");
    let err = office.fails_en(3, &["activity", "show", "9999"]);
    assert!(err.contains("9999"), "{err}");
}
#[test]
fn editing_and_voiding_keep_history() {
    let office = Office::sample();
    let id = activity(&office, "小江航道整治工程实地调研");
    // The sample corrected the hours; the audit log holds before and after.
    let (before, after): (String, String) = office
        .conn()
        .query_row(
            &format!(
                "SELECT before, after FROM audit_log WHERE entity = 'activity' AND entity_id = {id} AND action = 'edit'"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(json(&before)["hours"], 8.0);
    assert_eq!(json(&after)["hours"], 7.0);
    // The duplicate it voided stays, marked, and counts nowhere.
    let dup = office
        .int("SELECT id FROM activities WHERE voided_at IS NOT NULL")
        .to_string();
    let listed = rows(
        &office,
        &["activity", "list", "--panel", "transport", "--year", "2025"],
    );
    assert_eq!(listed.len(), 1);
    let with_void = rows(
        &office,
        &[
            "activity",
            "list",
            "--panel",
            "transport",
            "--year",
            "2025",
            "--include-void",
        ],
    );
    assert_eq!(with_void.len(), 2);
    assert!(
        with_void[1]["void_reason"]
            .as_str()
            .unwrap()
            .contains("重复")
    );
    let year = rows(
        &office,
        &[
            "activity",
            "attendance",
            "--year",
            "2025",
            "--panel",
            "transport",
        ],
    );
    assert_eq!(counts(&year, "A0009"), (1, 0, 0, 0));
    let shown = json(&office.ok(&["--format", "json", "activity", "show", &dup]));
    assert!(
        shown["activity"]["void_reason"]
            .as_str()
            .unwrap()
            .contains("重复")
    );
    // A voided record no longer changes.
    let err = office.fails_en(4, &["activity", "edit", &dup, "--hours", "2"]);
    assert!(err.contains("void"), "{err}");
    let err = office.fails_en(4, &["activity", "void", &dup, "--reason", "again"]);
    assert!(err.contains("void"), "{err}");
    let err = office.fails_en(3, &["activity", "void", &id]);
    assert!(err.contains("--reason"), "{err}");
    // Edits are audited; an edit that changes nothing writes nothing.
    let audits = || {
        office.int(&format!(
            "SELECT count(*) FROM audit_log WHERE entity = 'activity' AND entity_id = {id}"
        ))
    };
    let n = audits();
    office.ok(&["activity", "edit", &id, "--hours", "7"]);
    assert_eq!(audits(), n);
    office.ok(&[
        "activity",
        "edit",
        &id,
        "--minutes",
        "区交通局纪要〔2025〕8号",
        "--mode",
        "现场",
    ]);
    assert_eq!(audits(), n + 1);
    // A participant added by mistake is removed (voided) and can come back.
    office.ok(&[
        "activity",
        "participant",
        "remove",
        &id,
        "A0011",
        "--reason",
        "实际未参加调研",
    ]);
    let year = rows(
        &office,
        &[
            "activity",
            "attendance",
            "--year",
            "2025",
            "--panel",
            "transport",
        ],
    );
    assert_eq!(counts(&year, "A0011"), (0, 0, 0, 0));
    let shown = json(&office.ok(&["--format", "json", "activity", "show", &id]));
    assert_eq!(shown["participants"][2]["removed"], "实际未参加调研");
    office.ok(&[
        "activity",
        "participant",
        "add",
        &id,
        "A0011",
        "--attendance",
        "attended",
    ]);
    let year = rows(
        &office,
        &[
            "activity",
            "attendance",
            "--year",
            "2025",
            "--panel",
            "transport",
        ],
    );
    assert_eq!(counts(&year, "A0011"), (1, 0, 0, 0));
    assert_eq!(
        office
            .int("SELECT count(*) FROM audit_log WHERE entity = 'participant' AND action = 'void'"),
        1
    );
}
