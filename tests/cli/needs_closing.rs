//! Closing a need with its result (seed 003 二(三)1 企业出题，科学家答题: what
//! came of it), reopening it to correct the closure, and withdrawing a match
//! or voiding a need made in error — printed, stored, audited, and every
//! refusal naming its flag with nothing changed.

use crate::common::Office;
use crate::needs::{add_need, rows};

#[test]
fn a_need_is_closed_with_its_result_and_reopened_to_correct_it() {
    let office = Office::sample();
    add_need(
        &office,
        "重庆开州道地药材有限公司",
        "林下中药材种植技术培训",
    );
    // Resolved only once an expert took it up (企业出题，科学家答题).
    let err = office.fails_en(
        4,
        &[
            "need",
            "close",
            "9",
            "--result",
            "resolved",
            "--outcome",
            "已解决",
        ],
    );
    assert!(
        err.contains("--result") && err.contains("roster need match 9"),
        "{err}"
    );
    let err = office.fails_en(3, &["need", "close", "9", "--result", "resolved"]);
    assert!(err.contains("--outcome"), "{err}");
    let err = office.fails_en(
        3,
        &["need", "close", "9", "--result", "done", "--outcome", "x"],
    );
    assert!(
        err.contains("--result") && err.contains("unresolved"),
        "{err}"
    );
    office.ok(&[
        "need",
        "match",
        "9",
        "--advisor",
        "A0030",
        "--on",
        "2026-11-10",
    ]);
    let err = office.fails_en(
        3,
        &[
            "need",
            "close",
            "9",
            "--result",
            "partly",
            "--outcome",
            "x",
            "--on",
            "2026-11-05",
        ],
    );
    assert!(err.contains("--on") && err.contains("2026-11-10"), "{err}");
    let out = office.ok(&[
        "need",
        "close",
        "9",
        "--result",
        "部分解决",
        "--outcome",
        "完成一期培训，二期待定",
        "--on",
        "2026-11-18",
    ]);
    assert_eq!(out.trim(), "项目需求 #9 已办结：部分解决");
    assert_eq!(
        office.text("SELECT result || ' ' || closed_on || ' ' || outcome FROM needs WHERE id = 9"),
        "partly 2026-11-18 完成一期培训，二期待定"
    );
    // Closed: not twice, no new expert, none withdrawn — reopen first.
    for args in [
        vec![
            "need",
            "close",
            "9",
            "--result",
            "resolved",
            "--outcome",
            "x",
        ],
        vec!["need", "match", "9", "--advisor", "A0029"],
        vec![
            "need",
            "unmatch",
            "9",
            "--advisor",
            "A0030",
            "--reason",
            "x",
        ],
    ] {
        let err = office.fails_en(4, &args);
        assert!(err.contains("roster need reopen 9"), "{args:?}: {err}");
    }
    let err = office.fails_en(3, &["need", "reopen", "9"]);
    assert!(err.contains("--reason"), "{err}");
    office.ok(&[
        "need",
        "reopen",
        "9",
        "--reason",
        "二期培训已落实，改按已解决办结",
    ]);
    assert_eq!(
        office.int(
            "SELECT count(*) FROM needs WHERE id = 9 AND result IS NULL AND closed_on IS NULL"
        ),
        1
    );
    assert_eq!(
        office.text(
            "SELECT json_extract(before, '$.result') || ' ' || json_extract(after, '$.reopen_reason')
             FROM audit_log WHERE entity = 'need' AND entity_id = 9 AND action = 'reopen'"
        ),
        "partly 二期培训已落实，改按已解决办结"
    );
    let err = office.fails_en(4, &["need", "reopen", "9", "--reason", "x"]);
    assert!(err.contains("not closed"), "{err}");
    office.ok(&[
        "need",
        "close",
        "9",
        "--result",
        "resolved",
        "--outcome",
        "两期培训完成",
    ]);
    assert_eq!(
        office.text("SELECT result || ' ' || closed_on FROM needs WHERE id = 9"),
        "resolved 2026-11-20"
    );
    // A need no expert took up is closed unresolved.
    add_need(&office, "开州区某合作社", "茶叶深加工");
    office.ok(&[
        "need",
        "close",
        "10",
        "--result",
        "unresolved",
        "--outcome",
        "暂无对口专家",
    ]);
    let listed = rows(&office, &["need", "list", "--year", "2026", "--open"]);
    assert!(
        listed.iter().all(|n| n["id"] != 9 && n["id"] != 10),
        "{listed:?}"
    );
}

#[test]
fn a_match_or_a_need_made_in_error_is_voided_and_stays_in_history() {
    let office = Office::sample();
    add_need(&office, "重庆开州道地药材有限公司", "中药饮片炮制标准");
    office.ok(&["need", "match", "9", "--advisor", "A0030"]);
    let err = office.fails_en(
        3,
        &[
            "need",
            "unmatch",
            "9",
            "--advisor",
            "A0029",
            "--reason",
            "x",
        ],
    );
    assert!(
        err.contains("--advisor") && err.contains("not matched"),
        "{err}"
    );
    let out = office.ok(&[
        "need",
        "unmatch",
        "9",
        "--advisor",
        "A0030",
        "--reason",
        "录错专家",
    ]);
    assert!(out.contains("已撤销 任杰 的对接（录错专家）"), "{out}");
    assert_eq!(
        office.int("SELECT count(*) FROM need_matches WHERE need_id = 9 AND voided_at IS NOT NULL"),
        1
    );
    assert_eq!(
        rows(&office, &["need", "list", "--advisor", "A0030"]).len(),
        0
    );
    // The same expert may be matched again; the voided row stays.
    office.ok(&["need", "match", "9", "--advisor", "A0030"]);
    assert_eq!(
        office.int("SELECT count(*) FROM need_matches WHERE need_id = 9"),
        2
    );
    let err = office.fails_en(3, &["need", "void", "9"]);
    assert!(err.contains("--reason"), "{err}");
    office.ok(&["need", "void", "9", "--reason", "重复登记"]);
    assert_eq!(
        rows(&office, &["need", "list", "--year", "2026"])
            .iter()
            .filter(|n| n["id"] == 9)
            .count(),
        0
    );
    let all = rows(
        &office,
        &["need", "list", "--year", "2026", "--include-void"],
    );
    let voided = all
        .iter()
        .find(|n| n["id"] == 9)
        .expect("listed with --include-void");
    assert_eq!(voided["void_reason"], "重复登记");
    for args in [
        vec!["need", "match", "9", "--advisor", "A0029"],
        vec![
            "need",
            "close",
            "9",
            "--result",
            "unresolved",
            "--outcome",
            "x",
        ],
    ] {
        let err = office.fails_en(4, &args);
        assert!(err.contains("void"), "{args:?}: {err}");
    }
    let err = office.fails_en(4, &["need", "void", "9", "--reason", "x"]);
    assert!(err.contains("already void"), "{err}");
    assert_eq!(
        office.int("SELECT count(*) FROM audit_log WHERE entity IN ('need', 'need_match') AND (entity_id = 9 OR after LIKE '%\"need_id\":9%')"),
        5,
        "add, match, unmatch, match, void"
    );
}

/// A voided need reads as voided wherever it is listed (QA r10: it read
/// 待对接, "open" to a script), and `export needs --status voided` gives it.
#[test]
fn a_voided_need_reads_as_voided() {
    let office = Office::sample();
    office.ok(&["need", "void", "8", "--reason", "重复登记"]);
    let listed = office.ok(&["--format", "json", "need", "list", "--include-void"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    let eight = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == 8)
        .unwrap();
    assert_eq!(eight["status"], "voided");
    assert!(office.ok(&["need", "show", "8"]).contains("已作废"));
    let file = office.path("void.csv");
    office.ok(&[
        "export",
        "needs",
        "--status",
        "voided",
        "--out",
        file.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("已作废"), "{text}");
}
