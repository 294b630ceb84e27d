//! The project needs library (seed 003 二(二)1 围绕科学城重点产业发展需要建立
//! 项目需求库; 二(二)2 科创管家……对接创新创业企业产业发展需求; 二(三)1 企业出题，
//! 科学家答题): recording a need, matching experts with it by the rules an
//! activity's participants follow, closing, reopening, withdrawing and
//! voiding — what is printed, what is stored, and every refusal with its
//! exit code, the flag it names and nothing changed.

use serde_json::Value;

use crate::common::{Office, json};

/// A listing in JSON.
pub fn rows(office: &Office, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    json(&office.ok(&all)).as_array().unwrap().clone()
}

/// Adds a need received on 2026-11-01 (the sample holds #1–#8, so it is #9).
pub fn add_need(office: &Office, unit: &str, title: &str) {
    let out = office.ok(&[
        "need",
        "add",
        "--unit",
        unit,
        "--title",
        title,
        "--kind",
        "研发技术",
        "--field",
        "中医药",
        "--on",
        "2026-11-01",
    ]);
    assert!(out.contains("已登记项目需求 #"), "{out}");
}

#[test]
fn a_need_is_recorded_as_received_and_listed() {
    // Seed 003 二(二)1: the library holds what enterprises need, by kind
    // (一(二)1: 研发技术、成果转化、人才培养、科技合作) and field.
    let office = Office::sample();
    let out = office.ok(&[
        "need",
        "add",
        "--unit",
        "重庆开州天和新材料有限公司",
        "--title",
        "石墨烯导热膜中试工艺",
        "--kind",
        "成果转化",
        "--field",
        "集成电路",
        "--station",
        "digital",
        "--on",
        "2026/11/3",
        "--contact",
        "王 工",
        "--phone",
        "138 0000 1111",
        "--note",
        "科创管家走访收集",
    ]);
    assert_eq!(
        out.trim(),
        "已登记项目需求 #9：重庆开州天和新材料有限公司，石墨烯导热膜中试工艺"
    );
    assert_eq!(
        office.text(
            "SELECT n.on_date || ' ' || n.kind || ' ' || p.code || ' ' || n.contact || ' ' || n.phone
             || ' ' || (n.result IS NULL) FROM needs n JOIN panels p ON p.id = n.panel_id WHERE n.id = 9"
        ),
        "2026-11-03 transfer digital 王工 13800001111 1"
    );
    assert_eq!(
        office.int("SELECT count(*) FROM audit_log WHERE entity = 'need' AND entity_id = 9 AND action = 'add'"),
        1
    );
    let listed = rows(
        &office,
        &[
            "need",
            "list",
            "--open",
            "--station",
            "digital",
            "--kind",
            "transfer",
        ],
    );
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["id"], 9);
    assert_eq!(listed[0]["status"], "open");
    assert_eq!(listed[0]["experts"], Value::Null);
    // The labels in English, the field searched as a substring.
    let en = office.ok_en(&["need", "list", "--field", "集成", "--year", "2026"]);
    assert!(
        en.contains("technology transfer") && en.contains("awaiting experts"),
        "{en}"
    );
}

#[test]
fn a_bad_need_names_the_flag_and_changes_nothing() {
    let office = Office::sample();
    let base = [
        "need",
        "add",
        "--unit",
        "某企业",
        "--title",
        "某需求",
        "--field",
        "数字经济",
    ];
    let with = |extra: &[&'static str]| -> Vec<&str> {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        args
    };
    let err = office.fails_en(3, &["need", "add"]);
    for flag in ["--unit", "--title", "--kind", "--field"] {
        assert!(err.contains(flag), "{flag}: {err}");
    }
    let err = office.fails_en(3, &with(&["--kind", "市场推广"]));
    assert!(
        err.contains("--kind") && err.contains("research") && err.contains("cooperation"),
        "{err}"
    );
    let err = office.fails_en(3, &with(&["--kind", "research", "--on", "2026-12-01"]));
    assert!(err.contains("--on") && err.contains("after today"), "{err}");
    let err = office.fails_en(3, &with(&["--kind", "research", "--on", "2026-13-01"]));
    assert!(err.contains("--on"), "{err}");
    let long = "需".repeat(201);
    let args = [
        "need",
        "add",
        "--unit",
        "某企业",
        "--title",
        &long,
        "--field",
        "数字经济",
        "--kind",
        "research",
    ];
    let err = office.fails_en(3, &args);
    assert!(err.contains("--title"), "{err}");
    let err = office.fails_en(3, &with(&["--kind", "research", "--phone", "12345"]));
    assert!(err.contains("--phone"), "{err}");
    let err = office.fails_en(3, &with(&["--kind", "research", "--station", "nowhere"]));
    assert!(
        err.contains("--station") && err.contains("panel list"),
        "{err}"
    );
    // A panel that is not a station (seed 003 二(一)2), with the fix.
    let err = office.fails_en(4, &with(&["--kind", "research", "--station", "growth"]));
    assert!(
        err.contains("--station")
            && err.contains("roster panel edit growth --kind professional_station"),
        "{err}"
    );
}

#[test]
fn experts_are_matched_as_participants_are_admitted() {
    // Seed 003 二(二)2 对接: an expert serving that day, or a guest; a
    // recusal (seed 001 art. 10) covering the enterprise holds unless
    // overridden with a reason, as for an activity.
    let office = Office::sample();
    // A0020 罗晓燕 recused from 太极集团有限公司's project in 2025.
    add_need(&office, "太极集团有限公司", "中药配方颗粒质量标准研究");
    let err = office.fails_en(4, &["need", "match", "9", "--advisor", "A0020"]);
    assert!(
        err.contains("--advisor") && err.contains("recusal #1") && err.contains("--override"),
        "{err}"
    );
    office.ok(&[
        "need",
        "match",
        "9",
        "--advisor",
        "A0020",
        "--override",
        "仅介绍行业标准，不参与商务洽谈",
    ]);
    // Never appointed: a guest only.
    let err = office.fails_en(
        4,
        &[
            "need",
            "match",
            "9",
            "--advisor",
            "A0040",
            "--on",
            "2026-11-10",
        ],
    );
    assert!(
        err.contains("--advisor") && err.contains("A0040") && err.contains("--guest"),
        "{err}"
    );
    let out = office.ok(&[
        "need",
        "match",
        "9",
        "--advisor",
        "A0040",
        "--on",
        "2026-11-10",
        "--guest",
    ]);
    assert_eq!(out.trim(), "项目需求 #9：已登记对接专家 1 位");
    assert_eq!(
        office.text(
            "SELECT group_concat(x, '; ') FROM (SELECT a.code || ' ' || m.on_date || ' ' || m.guest || ' '
             || IFNULL(m.override_reason, '-') AS x FROM need_matches m JOIN advisors a ON a.id = m.advisor_id
             WHERE m.need_id = 9 ORDER BY m.id)"
        ),
        "A0020 2026-11-20 0 仅介绍行业标准，不参与商务洽谈; A0040 2026-11-10 1 -"
    );
    // Once per expert; dates between receipt and today; a need that exists.
    let err = office.fails_en(4, &["need", "match", "9", "--advisor", "A0020"]);
    assert!(err.contains("--advisor") && err.contains("once"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "need",
            "match",
            "9",
            "--advisor",
            "A0030",
            "--on",
            "2026-10-31",
        ],
    );
    assert!(err.contains("--on") && err.contains("2026-11-01"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "need",
            "match",
            "9",
            "--advisor",
            "A0030",
            "--on",
            "2026-11-21",
        ],
    );
    assert!(err.contains("--on") && err.contains("after today"), "{err}");
    let err = office.fails_en(3, &["need", "match", "9", "--advisor", "无此人"]);
    assert!(err.contains("--advisor"), "{err}");
    let err = office.fails_en(3, &["need", "match", "99", "--advisor", "A0030"]);
    assert!(err.contains("NEED") && err.contains("need list"), "{err}");
    let err = office.fails_en(3, &["need", "match", "9"]);
    assert!(err.contains("--advisor"), "{err}");
    // Two at once, all or nothing: A0030 is fine, A0023 resigned in 2025.
    let err = office.fails_en(
        4,
        &[
            "need",
            "match",
            "9",
            "--advisor",
            "A0030",
            "--advisor",
            "A0023",
        ],
    );
    assert!(err.contains("A0023"), "{err}");
    assert_eq!(
        office.int("SELECT count(*) FROM audit_log WHERE entity = 'need_match' AND after LIKE '%\"need_id\":9%'"),
        2
    );
    let shown = json(&office.ok(&["--format", "json", "need", "show", "9"]));
    assert_eq!(shown["need"]["status"], "matched");
    // In date order: the guest on 11-10 first.
    assert_eq!(shown["matches"][0]["code"], "A0040");
    assert_eq!(shown["matches"][0]["guest"], true);
    assert_eq!(
        shown["matches"][1]["override"],
        "仅介绍行业标准，不参与商务洽谈"
    );
}
