//! The advisors' work (issue 5): activities, participants and attendance,
//! recusals, and keeping history by editing and voiding. Seed 000 (each
//! panel's 工作方式), seed 001 arts. 8–12. Advice and the ledger are in
//! `advice.rs`.

use crate::common::{Office, csv_rows, json};

/// The id of the sample activity with this topic.
fn activity(office: &Office, topic: &str) -> String {
    office
        .int(&format!(
            "SELECT id FROM activities WHERE topic = '{topic}' AND voided_at IS NULL"
        ))
        .to_string()
}

/// A `--format json` listing as an array.
fn rows(office: &Office, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    json(&office.ok(&all)).as_array().expect("array").clone()
}

/// One advisor's line of `activity attendance`.
fn counts(lines: &[serde_json::Value], code: &str) -> (i64, i64, i64, i64) {
    let line = lines
        .iter()
        .find(|l| l["code"] == code)
        .unwrap_or_else(|| panic!("{code} not in {lines:?}"));
    let n = |k: &str| line[k].as_i64().unwrap();
    (n("attended"), n("excused"), n("absent"), n("invited"))
}

#[test]
fn a_year_of_the_growth_panel_on_the_sample_office() {
    // Seed 000, 增长极顾问团 二(一)(二): one panel meeting a year, an economic
    // analysis meeting every half year, a year-end report from each advisor.
    let office = Office::sample();
    let year = rows(
        &office,
        &["activity", "list", "--panel", "growth", "--year", "2025"],
    );
    let kinds: Vec<&str> = year.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "panel_meeting",
            "economic_analysis",
            "research_report",
            "research_report",
            "research_report",
            "research_report",
            "economic_analysis"
        ]
    );
    let first_half = &year[1];
    assert_eq!(first_half["date"], "2025-07-17");
    assert_eq!(first_half["participants"], 4);
    assert_eq!(first_half["attended"], 3);
    assert_eq!(first_half["excused"], 1);
    // The minutes name the advisors present and their opinions (seed 001 art. 11).
    let meeting = json(&office.ok(&[
        "--format",
        "json",
        "activity",
        "show",
        &year[0]["id"].to_string(),
    ]));
    assert_eq!(
        meeting["activity"]["minutes"],
        "区发展改革委会议纪要〔2025〕5号"
    );
    let chair = &meeting["participants"][0];
    assert_eq!(chair["code"], "A0005");
    assert_eq!(chair["role"], "chair");
    assert_eq!(chair["attendance"], "attended");
    assert!(
        chair["opinion"]
            .as_str()
            .unwrap()
            .contains("超长期特别国债")
    );
    assert_eq!(meeting["advice"][0]["status"], "implemented");
    // The excused absence carries its reason.
    let excused = json(&office.ok(&[
        "--format",
        "json",
        "activity",
        "show",
        &first_half["id"].to_string(),
    ]));
    let a0008 = excused["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "A0008")
        .unwrap()
        .clone();
    assert_eq!(a0008["attendance"], "excused");
    assert!(a0008["excuse_reason"].as_str().unwrap().contains("请假"));
    // The second half of 2026 is planned with invitations only.
    let planned = rows(
        &office,
        &[
            "activity",
            "list",
            "--panel",
            "growth",
            "--kind",
            "经济运行分析会",
            "--year",
            "2026",
        ],
    );
    assert_eq!(planned.len(), 2);
    assert_eq!(planned[1]["date"], "2026-12-10");
    assert_eq!(planned[1]["attended"], 0);
    // Table and CSV speak the chosen language.
    let table = office.ok(&["activity", "list", "--panel", "growth", "--year", "2025"]);
    assert!(
        table.contains("经济运行分析会") && table.contains("请假"),
        "{table}"
    );
    let english = office.ok_en(&[
        "--format", "csv", "activity", "list", "--panel", "growth", "--year", "2025",
    ]);
    assert!(
        english.starts_with("id,date,kind,panel,topic")
            && english.contains("economic analysis meeting"),
        "{english}"
    );
}

#[test]
fn the_health_panel_visits_every_half_year_but_one_advisor_missed_the_last() {
    // Seed 000, 健康开州顾问团 二(二): a lecture or clinical guidance at least every half year.
    let office = Office::sample();
    let visits = |who: &str, from: &str, to: &str| {
        office.int(&format!(
            "SELECT count(*) FROM participants pa JOIN activities ac ON ac.id = pa.activity_id
             JOIN advisors a ON a.id = pa.advisor_id
             WHERE a.code = '{who}' AND pa.attendance = 'attended' AND ac.voided_at IS NULL
               AND ac.kind IN ('lecture','clinical_guidance') AND ac.on_date BETWEEN '{from}' AND '{to}'"
        ))
    };
    for who in ["A0028", "A0029", "A0030", "A0031"] {
        for (from, to) in [
            ("2025-01-01", "2025-06-30"),
            ("2025-07-01", "2025-12-31"),
            ("2026-01-01", "2026-06-30"),
        ] {
            assert!(visits(who, from, to) >= 1, "{who} {from}");
        }
    }
    for who in ["A0028", "A0029", "A0030"] {
        assert!(visits(who, "2026-07-01", "2026-12-31") >= 1, "{who}");
    }
    assert_eq!(visits("A0031", "2026-07-01", "2026-12-31"), 0);
    let seminar = rows(
        &office,
        &[
            "activity",
            "attendance",
            "--year",
            "2026",
            "--panel",
            "health",
            "--kind",
            "seminar",
        ],
    );
    assert_eq!(counts(&seminar, "A0031"), (0, 1, 0, 0));
}

#[test]
fn attendance_per_advisor_per_year_counts_unexcused_absences() {
    // Seed 001 art. 12(3): not attending without good reason is not performing duties.
    let office = Office::sample();
    let year = rows(&office, &["activity", "attendance", "--year", "2025"]);
    assert_eq!(counts(&year, "A0024"), (0, 0, 2, 0));
    assert_eq!(counts(&year, "A0008"), (4, 1, 0, 0)); // one as a guest reviewer of the tech panel
    assert_eq!(counts(&year, "A0004"), (2, 1, 0, 0));
    // A panel's summary lists everyone who served on it that year, even with nothing.
    let tourism = rows(
        &office,
        &[
            "activity",
            "attendance",
            "--year",
            "2025",
            "--panel",
            "tourism",
        ],
    );
    let codes: Vec<&str> = tourism
        .iter()
        .map(|l| l["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["A0022", "A0023", "A0024"]);
    let industry = rows(
        &office,
        &[
            "activity",
            "attendance",
            "--year",
            "2025",
            "--panel",
            "industry",
        ],
    );
    assert_eq!(counts(&industry, "A0020"), (0, 0, 0, 0));
    // The absences themselves, listed for the advisor.
    let absences = rows(
        &office,
        &[
            "activity",
            "list",
            "--advisor",
            "袁媛",
            "--attendance",
            "absent",
            "--year",
            "2025",
        ],
    );
    let dates: Vec<&str> = absences
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-03-18", "2025-08-14"]);
    assert!(absences.iter().all(|r| r["attendance"] == "absent"));
    // The yearly roster review counts the same absences.
    let review = office.ok(&[
        "--format",
        "csv",
        "appointment",
        "review",
        "--year",
        "2025",
        "--panel",
        "tourism",
    ]);
    let line = csv_rows(&review)
        .into_iter()
        .find(|r| r[1] == "A0024")
        .unwrap();
    assert_eq!(line[7], "2", "{review}");
    // English headers.
    let en = office.ok_en(&[
        "activity",
        "attendance",
        "--year",
        "2025",
        "--advisor",
        "A0024",
    ]);
    assert!(en.contains("unexcused absences"), "{en}");
    // --year is required.
    let err = office.fails_en(3, &["activity", "attendance"]);
    assert!(err.contains("--year"), "{err}");
}

#[test]
fn planning_a_meeting_then_recording_attendance() {
    let office = Office::sample();
    let out = office.ok(&[
        "--today",
        "2026-11-01",
        "activity",
        "add",
        "--kind",
        "专题研讨",
        "--date",
        "2026-11-18",
        "--panel",
        "education",
        "--topic",
        "课后服务专题研讨",
        "--advisor",
        "A0025",
        "--advisor",
        "曾玉珍",
        "--advisor",
        "A0027",
        "--hours",
        "2.5小时",
    ]);
    let id = activity(&office, "课后服务专题研讨");
    assert!(out.contains(&format!("#{id}")), "{out}");
    assert_eq!(
        office.int(&format!(
            "SELECT count(*) FROM participants WHERE activity_id = {id} AND attendance = 'invited'"
        )),
        3
    );
    office.ok(&[
        "activity", "attend", &id, "A0025", "A0026", "--role", "member",
    ]);
    office.ok(&[
        "activity",
        "attend",
        &id,
        "A0025",
        "--role",
        "chair",
        "--opinion",
        "课后服务要分层分类",
    ]);
    office.ok(&["activity", "attend", &id, "A0027", "--attendance", "absent"]);
    let shown = json(&office.ok(&["--format", "json", "activity", "show", &id]));
    let by = |code: &str| {
        shown["participants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(by("A0025")["attendance"], "attended");
    assert_eq!(by("A0025")["role"], "chair");
    assert_eq!(by("A0026")["attendance"], "attended");
    assert_eq!(by("A0027")["attendance"], "absent");
    assert_eq!(shown["activity"]["hours"], 2.5);
    assert_eq!(shown["activity"]["mode"], "on_site");
    // Correcting an absence into an excused one needs the reason.
    let err = office.fails_en(
        3,
        &[
            "activity",
            "attend",
            &id,
            "A0027",
            "--attendance",
            "excused",
        ],
    );
    assert!(err.contains("--reason"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "activity",
            "attend",
            &id,
            "A0026",
            "--attendance",
            "absent",
            "--reason",
            "没来",
        ],
    );
    assert!(err.contains("--reason") && err.contains("excused"), "{err}");
    office.ok(&[
        "activity",
        "attend",
        &id,
        "A0027",
        "--attendance",
        "excused",
        "--reason",
        "学校开学检查",
    ]);
    // Adding an opinion keeps a recorded attendance as it is.
    office.ok(&[
        "activity",
        "attend",
        &id,
        "A0027",
        "--opinion",
        "书面提交意见",
    ]);
    assert_eq!(
        office.text(&format!(
            "SELECT attendance || ':' || excuse_reason FROM participants pa JOIN advisors a ON a.id = pa.advisor_id
             WHERE pa.activity_id = {id} AND a.code = 'A0027'"
        )),
        "excused:学校开学检查"
    );
    // Attending someone who is not on the activity names the fix.
    let err = office.fails_en(3, &["activity", "attend", &id, "A0005"]);
    assert!(err.contains("activity participant add"), "{err}");
}

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
fn listings_filter_by_year_panel_advisor_and_kind() {
    let office = Office::sample();
    let all = rows(&office, &["activity", "list"]);
    let tech_2026 = rows(
        &office,
        &[
            "activity",
            "list",
            "--panel",
            "开州区人民政府科技顾问团",
            "--year",
            "2026",
        ],
    );
    assert!(tech_2026.len() >= 4 && tech_2026.len() < all.len());
    assert!(
        tech_2026
            .iter()
            .all(|r| r["panel"] == "tech" && r["date"].as_str().unwrap().starts_with("2026"))
    );
    let written = rows(&office, &["activity", "list", "--kind", "书面意见"]);
    assert!(written.iter().all(|r| r["kind"] == "written_opinion"));
    assert_eq!(written.len(), 3);
    let a0033 = rows(
        &office,
        &[
            "activity",
            "list",
            "--advisor",
            "A0033",
            "--kind",
            "written_opinion",
        ],
    );
    assert_eq!(a0033.len(), 2);
    assert!(
        a0033
            .iter()
            .all(|r| r["role"] == "author" && r["mode"] == "in_writing")
    );
    let limited = rows(&office, &["activity", "list", "--limit", "3"]);
    assert_eq!(limited.len(), 3);
    for (args, flag) in [
        (vec!["activity", "list", "--year", "20x5"], "--year"),
        (vec!["activity", "list", "--panel", "nowhere"], "--panel"),
        (vec!["activity", "list", "--advisor", "无此人"], "--advisor"),
        (vec!["activity", "list", "--kind", "party"], "--kind"),
        (
            vec!["activity", "list", "--attendance", "maybe"],
            "--attendance",
        ),
    ] {
        let err = office.fails_en(3, &args);
        assert!(err.contains(flag), "{args:?}: {err}");
    }
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
