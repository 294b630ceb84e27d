//! `report coverage` on the sample office: every flag the issue names (no
//! liaison, a leader holding fewer than 2 under seed 004, not visited this
//! year, a panel's visit quota unmet) plus missed greetings and the visits
//! seed 004's 三必访 calls for.

use super::{find, w};
use crate::common::{Office, json};

#[test]
fn coverage_flags_every_case_on_the_sample_office() {
    let office = Office::sample();
    let report = json(&office.ok(&w("--format json report coverage --year 2026")));
    let flags: Vec<String> = report["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["flag"], f["code"]).replace('"', ""))
        .collect();
    assert_eq!(
        flags,
        [
            "no_liaison A0036",
            "leader_under_2 L011",
            "not_visited A0004",
            "not_visited A0011",
            "not_visited A0013",
            "not_visited A0015",
            "not_visited A0035",
            "not_visited A0036",
            "greeting_missed A0021",
            "greeting_missed A0022",
            "greeting_missed A0036",
            "quota_unmet industry",
            "visit_owed A0019",
        ]
    );
    // Seed 004 三必访: A0019's health report of 2026-11-12 has had no visit;
    // A0032's achievement (visited 01-20) and A0029's family event (care
    // 04-06) were followed up, so they are not flagged.
    let owed = report["flags"][12]["detail"].as_str().unwrap();
    assert_eq!(owed, "2026-11-12 报告重大健康状况，尚未走访");
    let quota = report["flags"][11]["detail"].as_str().unwrap();
    assert!(
        quota.contains("每年实地走访不少于2次") && quota.contains("A0021 郑凯 1/2"),
        "{quota}"
    );
    // Every advisor serving on 2026-11-20 (31), with liaison and last
    // contact, and the three whose terms ran out on 2026-08-31 (the year's
    // coverage answers for everyone it held; QA r7), not visited while
    // they served.
    let advisors = &report["advisors"];
    assert_eq!(advisors.as_array().unwrap().len(), 34);
    let left: Vec<(&str, &str)> = advisors
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["left"].is_null())
        .map(|a| (a["code"].as_str().unwrap(), a["left"].as_str().unwrap()))
        .collect();
    assert_eq!(
        left,
        [
            ("A0011", "2026-08-31"),
            ("A0015", "2026-08-31"),
            ("A0035", "2026-08-31")
        ]
    );
    assert!(
        report["summary"][0]
            .as_str()
            .unwrap()
            .contains("在聘专家 31 位（另有年内离任 3 位，一并列出）")
    );
    let a0036 = find(advisors, "code", "A0036");
    assert!(a0036["liaison"].is_null());
    assert_eq!(a0036["last_contact"], "2025-01-26");
    assert_eq!(a0036["days_since"], 663);
    assert_eq!(a0036["flags"], "no_liaison,not_visited,greeting_missed");
    let a0001 = find(advisors, "code", "A0001");
    assert_eq!(a0001["liaison"], "L001");
    assert_eq!(a0001["liaison_name"], "刘正刚");
    assert_eq!(a0001["visits"], 2);
    assert_eq!(
        a0001["by_kind"],
        serde_json::json!({"visit": 2, "greeting": 1, "care": 1})
    );
    // Liaisons in post with whom they hold; 李红梅 (transferred in 2025)
    // has stood down; 冯涛 held his only advisor until August, so he still
    // answers for this year, holding no one now.
    let liaisons = &report["liaisons"];
    assert!(
        liaisons
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["code"] != "L004")
    );
    assert_eq!(find(liaisons, "code", "L016")["holding"], 0);
    assert_eq!(
        find(liaisons, "code", "L011")["advisors"],
        serde_json::json!(["A0022 吴婷婷"])
    );
    assert_eq!(find(liaisons, "code", "L012")["holding"], 3);
    // Quotas are data: education's home visit is met, industry's two visits are not.
    assert_eq!(find(&report["quotas"], "panel", "education")["met"], "3/3");
    assert_eq!(find(&report["quotas"], "panel", "industry")["met"], "3/4");
    // Withdrawing industry's quota (data, not code) removes its flag.
    office.ok(&w("panel quota void 4 --reason 测试"));
    let after = json(&office.ok(&w(
        "--format json report coverage --year 2026 --panel industry",
    )));
    assert!(
        after["flags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["flag"] != "quota_unmet")
    );
    // A newly named leader who holds nobody is flagged too.
    office.ok(&w(
        "liaison add --name 马新 --unit 区科技局 --position 副局长 --leader yes",
    ));
    let text = office.ok_en(&w("report coverage --year 2026"));
    assert!(
        text.contains("leader holds fewer than 2") && text.contains("holds no advisor"),
        "{text}"
    );
}

#[test]
fn coverage_of_one_panel_lists_its_advisors_and_their_liaisons() {
    let office = Office::sample();
    let by_name = "--format json report coverage --year 2026 --panel 全市重要绿色工业集聚区顾问团";
    let report = json(&office.ok(&w(by_name)));
    let codes: Vec<&str> = report["advisors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["A0018", "A0019", "A0020", "A0021"]);
    let liaisons: Vec<&str> = report["liaisons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(liaisons, ["L009", "L010"]);
    assert_eq!(report["quotas"].as_array().unwrap().len(), 1);
}

#[test]
fn coverage_of_a_past_year_counts_to_its_last_day_and_a_future_year_is_refused() {
    let office = Office::sample();
    let report = json(&office.ok(&w(
        "--format json report coverage --year 2025 --panel tourism",
    )));
    // A0023 resigned and A0024 was dismissed in 2025: not serving on
    // 2025-12-31, listed with their last day (QA r7: they were left out,
    // and the report disagreed with the yearly summary).
    let rows: Vec<(&str, Option<&str>)> = report["advisors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["code"].as_str().unwrap(), a["left"].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("A0022", None),
            ("A0023", Some("2025-06-29")),
            ("A0024", Some("2025-10-14"))
        ]
    );
    // Their pairings ended with their service: no liaison owed.
    assert!(
        report["flags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["flag"] != "no_liaison")
    );
    assert!(
        report["summary"][0]
            .as_str()
            .unwrap()
            .contains("2025-12-31")
    );
    for year in ["2027", "1900", "去年"] {
        let err = office.fails_en(3, &["report", "coverage", "--year", year]);
        assert!(err.contains("--year"), "{err}");
    }
    let err = office.fails_en(3, &w("report coverage --panel nowhere"));
    assert!(err.contains("--panel"), "{err}");
}

#[test]
fn a_visit_after_a_reported_hardship_clears_the_flag() {
    let office = Office::sample();
    let flagged = |office: &Office| {
        let report = json(&office.ok(&w("--format json report coverage --year 2026")));
        report["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["flag"] == "visit_owed")
    };
    assert!(flagged(&office));
    // A call is not the visit 三必访 asks for; a home visit is.
    office.ok(&w(
        "contact add --date 2026-11-13 --kind call --advisor A0019 --channel phone",
    ));
    assert!(flagged(&office));
    office.ok(&w(
        "contact add --date 2026-11-18 --kind home_visit --occasion hardship --advisor A0019 --channel in_person",
    ));
    assert!(!flagged(&office));
}

#[test]
fn the_last_contact_is_the_last_one_by_the_day_reported() {
    // As of a past day, a contact made since does not count: the report's
    // last contact is, for every advisor, the last live one by that day. A
    // reported event (seed 004 五报告) is sent in by the advisor's unit and
    // is no contact (A0019's health report of 2026-11-12 in the sample).
    let office = Office::sample();
    let conn = office.conn();
    let mut truth = conn
        .prepare(
            "SELECT max(c.on_date) FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
             JOIN advisors a ON a.id = ca.advisor_id
             WHERE a.code = ?1 AND c.voided_at IS NULL AND c.kind <> 'report' AND c.on_date <= ?2",
        )
        .unwrap();
    for day in ["2026-03-01", "2026-07-15", "2026-11-20"] {
        let report = json(&office.ok(&w(&format!(
            "--today {day} --format json report coverage --year 2026"
        ))));
        let advisors = report["advisors"].as_array().unwrap();
        assert!(advisors.len() > 20, "{day}");
        let mut later = 0;
        for a in advisors {
            let code = a["code"].as_str().unwrap();
            let expected: Option<String> = truth
                .query_row(rusqlite::params![code, day], |r| r.get(0))
                .unwrap();
            assert_eq!(
                a["last_contact"].as_str(),
                expected.as_deref(),
                "{code} {day}"
            );
            let since: Option<String> = conn
                .query_row(
                    "SELECT last_on FROM contact_last cl JOIN advisors a ON a.id = cl.advisor_id WHERE a.code = ?1",
                    [code],
                    |r| r.get(0),
                )
                .ok();
            later += usize::from(since.is_some_and(|s| s.as_str() > day));
        }
        if day != "2026-11-20" {
            assert!(
                later > 0,
                "{day}: no advisor contacted since, nothing tested"
            );
        }
    }
}

#[test]
fn the_headline_counts_advisors_visited_as_the_rows_do() {
    // QA r6: the headline said 本年已走访 30 — the advisors *contacted*;
    // the rows flag A0004, A0013 and A0036 本年未走访, so 31 − 3 = 28.
    let office = Office::sample();
    let report = json(&office.ok(&w("--format json report coverage --year 2026")));
    let summary = report["summary"][0].as_str().unwrap();
    assert!(summary.ends_with("本年已走访 28 位"), "{summary}");
    let visited = report["advisors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["visits"].as_i64().unwrap() > 0)
        .count();
    assert_eq!(visited, 28);
    // A visit to one who left later in the year is listed on their row but
    // not counted among the serving advisors visited (QA r8: "在聘 2，已走访 1"
    // when neither serving advisor had been visited).
    office.ok(&w(
        "contact add --date 2026-05-01 --kind visit --advisor A0011 --channel in_person",
    ));
    let report = json(&office.ok(&w("--format json report coverage --year 2026")));
    let summary = report["summary"][0].as_str().unwrap();
    assert!(summary.ends_with("本年已走访 28 位"), "{summary}");
    assert_eq!(find(&report["advisors"], "code", "A0011")["visits"], 1);
}

#[test]
fn a_reception_counts_as_the_visit_where_the_panels_quota_counts_it() {
    // Seed 002 四（一）: 每年邀请科技顾问来桂或者到科技顾问所在单位拜访1—2次 —
    // an advisor received in Nanning has had the year's visit. The panel
    // says so in its quota; A0004 on the committee (no such quota) and
    // panels counting visits alone are unchanged.
    let office = Office::sample();
    office.ok(&w(
        "contact add --date 2026-11-10 --kind reception --advisor A0013 --channel in_person",
    ));
    let flagged = |office: &Office| -> Vec<String> {
        let report = json(&office.ok(&w("--format json report coverage --year 2026")));
        report["flags"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["flag"] == "not_visited")
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        flagged(&office),
        ["A0004", "A0011", "A0013", "A0015", "A0035", "A0036"]
    );
    // A0013 serves on urban: its quota counts a reception with a visit.
    office.ok(&w(
        "panel quota add urban --subject contact --kinds visit,reception --period year --scope advisor --min 1",
    ));
    assert_eq!(
        flagged(&office),
        ["A0004", "A0011", "A0015", "A0035", "A0036"]
    );
    let report = json(&office.ok(&w("--format json report coverage --year 2026")));
    assert!(
        report["summary"][0]
            .as_str()
            .unwrap()
            .ends_with("本年已走访 29 位")
    );
    assert_eq!(find(&report["advisors"], "code", "A0013")["visits"], 1);
    let text = office.ok(&w("report coverage --year 2026"));
    assert!(text.contains("2026 年无走访、登门拜访"), "{text}");
}

#[test]
fn a_routine_health_check_is_not_the_visit_a_hardship_calls_for() {
    // Seed 004 三(一)1 三必访 (遭遇特殊困难必访, 面对面联系) against 三(五)1
    // (每年1次的集中体检): the group health check of A0019's panel follows up
    // no one's report (QA r7: it cleared every visit owed); care brought
    // to him does.
    let office = Office::sample();
    let owed = |office: &Office| {
        let report = json(&office.ok(&w("--format json report coverage --year 2026")));
        let flagged = report["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["flag"] == "visit_owed" && f["code"] == "A0019");
        let due = json(&office.ok(&w("--format json due --all")));
        let listed = due
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "visit_owed" && i["code"] == "A0019");
        assert_eq!(flagged, listed, "coverage and due agree");
        flagged
    };
    assert!(owed(&office));
    office.ok(&w(
        "contact add --date 2026-11-14 --kind care --care health_check --panel industry --channel in_person",
    ));
    office.ok(&w(
        "contact add --date 2026-11-15 --kind care --care recuperation --advisor A0019 --channel in_person",
    ));
    assert!(owed(&office));
    office.ok(&w(
        "contact add --date 2026-11-16 --kind care --care hardship_help --occasion hardship --advisor A0019 --channel in_person",
    ));
    assert!(!owed(&office));
}

#[test]
fn a_leader_who_made_no_contact_all_year_is_flagged() {
    // Seed 004 二 (领导班子成员至少直接联系2名专家人才) and 三(一)1 (面对面联系):
    // holding two is not enough if the year passes with no contact (QA r7).
    let office = Office::sample();
    office.ok(&w(
        "liaison add --code L020 --name 马新 --unit 区科技局 --position 局长 --leader yes",
    ));
    office.ok(&w("liaison assign L020 --advisor A0036 --from 2026-11-20"));
    office.ok(&w(
        "liaison assign L020 --advisor A0004 --from 2026-11-20 --replace",
    ));
    let silent = |office: &Office| -> Vec<String> {
        let report = json(&office.ok(&w("--format json report coverage --year 2026")));
        report["flags"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["flag"] == "leader_no_contact")
            .map(|f| format!("{} {}", f["code"], f["detail"]).replace('"', ""))
            .collect()
    };
    let flagged = silent(&office);
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(
        flagged[0].starts_with("L020 联系 2 位专家，2026 年尚无联系记录"),
        "{flagged:?}"
    );
    // A reported event naming him is no contact of his; a visit is.
    office.ok(&w(
        "contact add --date 2026-11-20 --kind report --event post_change --advisor A0036 --liaison L020 --channel phone",
    ));
    assert_eq!(silent(&office).len(), 1);
    office.ok(&w(
        "contact add --date 2026-11-20 --kind visit --advisor A0036 --liaison L020 --channel in_person",
    ));
    assert!(silent(&office).is_empty());
}
