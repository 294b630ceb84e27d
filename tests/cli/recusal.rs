//! Recusals (seed 001 art. 10): a recusal refuses a participant whose
//! activity it covers (its related unit is the requesting unit, or its
//! matter appears in the topic) unless overridden with a reason.

use crate::common::Office;
use crate::work::{activity, rows};

#[test]
fn a_recusal_refuses_a_participant_unless_overridden() {
    // Seed 001 art. 10; the rule: the related unit is the requesting unit, or
    // the matter appears in the topic.
    let office = Office::sample();
    let review = activity(&office, "开州区中药材精深加工项目投资论证");
    let err = office.fails_en(4, &["activity", "participant", "add", &review, "A0020"]);
    assert!(
        err.contains("中药材精深加工项目")
            && err.contains("--override")
            && err.contains("recusal #1"),
        "{err}"
    );
    let err = office.fails(
        4,
        &[
            "activity",
            "add",
            "--kind",
            "site_research",
            "--date",
            "2026-11-03",
            "--panel",
            "industry",
            "--topic",
            "企业调研",
            "--unit",
            "太极集团有限公司",
            "--advisor",
            "A0020",
        ],
    );
    assert!(err.contains("回避"), "{err}");
    // The sample's override is stored on the participant, with its reason.
    let reason = office.text(
        "SELECT pa.override_reason FROM participants pa JOIN advisors a ON a.id = pa.advisor_id
         WHERE a.code = 'A0020'",
    );
    assert!(reason.contains("不参与项目评审表决"), "{reason}");
    office.ok(&[
        "activity",
        "participant",
        "add",
        &review,
        "A0020",
        "--attendance",
        "attended",
        "--override",
        "补充说明企业情况，不参与表决",
    ]);
    let listed = rows(&office, &["recusal", "list", "--advisor", "A0020"]);
    assert_eq!(listed[0]["overridden"], 2);
    // A voided recusal no longer blocks.
    office.ok(&["recusal", "void", "2", "--reason", "误登记"]);
    office.ok(&[
        "activity",
        "add",
        "--kind",
        "project_review",
        "--date",
        "2026-11-04",
        "--panel",
        "industry",
        "--topic",
        "抽水蓄能电站配套产业论证",
        "--advisor",
        "A0021",
    ]);
    assert!(rows(&office, &["recusal", "list", "--advisor", "A0021"]).is_empty());
    let all = rows(
        &office,
        &["recusal", "list", "--advisor", "A0021", "--include-void"],
    );
    assert_eq!(all[0]["void_reason"], "误登记");
}

#[test]
fn recusals_are_added_and_listed_by_year_panel_and_advisor() {
    let office = Office::sample();
    let err = office.fails_en(3, &["recusal", "add", "A0012"]);
    assert!(
        err.contains("--matter") && err.contains("--date") && err.contains("--reason"),
        "{err}"
    );
    office.ok(&[
        "recusal",
        "add",
        "邓建平",
        "--matter",
        "老城片区更新",
        "--unit",
        "中国城市规划设计研究院",
        "--date",
        "2026-11-10",
        "--reason",
        "本人单位承担该片区规划编制",
    ]);
    // From its date on, it covers activities on the matter.
    let err = office.fails_en(
        4,
        &[
            "activity",
            "add",
            "--kind",
            "consultation",
            "--date",
            "2026-11-12",
            "--panel",
            "urban",
            "--topic",
            "老城片区更新方案复核",
            "--advisor",
            "A0012",
        ],
    );
    assert!(err.contains("老城片区更新"), "{err}");
    let by_panel = rows(
        &office,
        &["recusal", "list", "--panel", "urban", "--year", "2026"],
    );
    assert_eq!(by_panel.len(), 1);
    assert_eq!(by_panel[0]["code"], "A0012");
    assert_eq!(
        rows(&office, &["recusal", "list", "--year", "2025"]).len(),
        1
    );
    assert_eq!(
        rows(&office, &["recusal", "list", "--panel", "health"]).len(),
        0
    );
}

#[test]
fn an_edit_that_would_break_a_recusal_or_a_members_service_is_refused() {
    let office = Office::sample();
    let id = activity(&office, "食品医药产业集群中药材精深加工项目产业链配套座谈");
    // A0020 took part by override: the topic may change.
    office.ok(&[
        "activity",
        "edit",
        &id,
        "--topic",
        "中药材精深加工项目产业链配套座谈会",
    ]);
    // A0021's recusal (抽水蓄能电站, 2026-02-10) would now cover a participant.
    let other = activity(&office, "开州区中药材精深加工项目投资论证");
    let err = office.fails_en(
        4,
        &[
            "activity",
            "edit",
            &other,
            "--date",
            "2026-03-01",
            "--unit",
            "华润电力控股有限公司",
        ],
    );
    assert!(err.contains("郑凯") && err.contains("recusal"), "{err}");
    // Moving a panel's meeting to another panel leaves its members unqualified.
    let err = office.fails_en(4, &["activity", "edit", &other, "--panel", "tech"]);
    assert!(err.contains("--guest"), "{err}");
}

#[test]
fn a_recusal_without_a_unit_is_quoted_without_empty_brackets() {
    // Seed 001 art. 10 (应当主动申请回避): a recusal may name only the matter;
    // the refusal then says so, without an empty "（）".
    let office = Office::sample();
    office.ok(&[
        "recusal",
        "add",
        "A0012",
        "--matter",
        "水电站",
        "--date",
        "2026-11-10",
        "--reason",
        "亲属任职",
    ]);
    let args = [
        "activity",
        "add",
        "--kind",
        "project_review",
        "--date",
        "2026-11-15",
        "--panel",
        "urban",
        "--topic",
        "水电站论证",
        "--advisor",
        "A0012",
    ];
    let err = office.fails(4, &args);
    assert!(
        err.contains("对“水电站”申请回避") && !err.contains("（）"),
        "{err}"
    );
    let err = office.fails_en(4, &args);
    assert!(
        err.contains("recused from \"水电站\" on 2026-11-10") && !err.contains("()"),
        "{err}"
    );
}
