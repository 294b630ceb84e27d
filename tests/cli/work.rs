//! The advisors' work (issue 5): a year of the panels' work on the sample
//! office, attendance per advisor, planning and recording a meeting, and
//! the listings' filters. Seed 000 (each panel's 工作方式), seed 001 arts.
//! 8–12. Input rules are in `work_rules.rs`, recusals in `recusal.rs`, advice
//! and the ledger in `advice.rs`.

use crate::common::{Office, csv_rows, json};

/// The id of the sample activity with this topic.
pub fn activity(office: &Office, topic: &str) -> String {
    office
        .int(&format!(
            "SELECT id FROM activities WHERE topic = '{topic}' AND voided_at IS NULL"
        ))
        .to_string()
}

/// A `--format json` listing as an array.
pub fn rows(office: &Office, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    json(&office.ok(&all)).as_array().expect("array").clone()
}

/// One advisor's line of `activity attendance`.
pub fn counts(lines: &[serde_json::Value], code: &str) -> (i64, i64, i64, i64) {
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
    assert_eq!(first_half["date"], "2025-06-26");
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
    // One as a guest reviewer of the tech panel, two on the seed 003 station
    // (its enterprise service in March and its lecture in September).
    assert_eq!(counts(&year, "A0008"), (6, 1, 0, 0));
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
fn a_refused_new_activity_is_not_named_by_a_number_it_never_got() {
    // The activity is rolled back with the refusal: its would-be number
    // must not appear in the message.
    let office = Office::sample();
    let next = office.int("SELECT max(id) + 1 FROM activities");
    for lang in ["zh", "en"] {
        let err = office.fails(
            4,
            &[
                "--lang",
                lang,
                "activity",
                "add",
                "--kind",
                "seminar",
                "--date",
                "2026-12-01",
                "--panel",
                "tech",
                "--topic",
                "年终研讨",
                "--advisor",
                "A0032",
                "--attendance",
                "attended",
            ],
        );
        assert!(!err.contains(&format!("#{next}")), "{err}");
        assert!(
            err.contains("本活动定于") || err.contains("this activity is on"),
            "{err}"
        );
    }
}

#[test]
fn attendance_counts_the_activities_held_by_today_as_the_summary_does() {
    // QA r6: growth's meeting of 2026-12-10 was counted with its invitees
    // 待登记 while `report summary` (records up to today) left it out.
    let office = Office::sample();
    let growth = &[
        "activity",
        "attendance",
        "--year",
        "2026",
        "--panel",
        "growth",
    ];
    let before = rows(&office, growth);
    let held = |code: &str| {
        office.int(&format!(
            "SELECT count(*) FROM participants pa JOIN activities ac ON ac.id = pa.activity_id
             JOIN advisors a ON a.id = pa.advisor_id
             WHERE a.code = '{code}' AND ac.panel_id = 2 AND ac.voided_at IS NULL AND pa.voided_at IS NULL
               AND ac.on_date BETWEEN '2026-01-01' AND '2026-11-20'"
        ))
    };
    for line in &before {
        let code = line["code"].as_str().unwrap();
        assert_eq!(line["activities"], held(code), "{code}");
        assert_eq!(line["invited"], 0, "{code}");
    }
    // On the day, the meeting counts, its invitees not yet recorded.
    let on_the_day = {
        let mut args = vec!["--today", "2026-12-10"];
        args.extend_from_slice(growth);
        rows(&office, &args)
    };
    let code = before[0]["code"].as_str().unwrap();
    assert_eq!(counts(&on_the_day, code).3, 1);
}
