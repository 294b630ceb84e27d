//! JSON is for scripts: the same keys and codes whatever --lang says
//! (README "JSON is for scripts: stable keys, codes"; QA io finding 8,
//! seeds234 F13); tables and CSV keep showing labels in the reader's language.

use crate::common::{Office, json};

/// The command's JSON in Chinese and in English, parsed.
fn both(office: &Office, args: &[&str]) -> (serde_json::Value, serde_json::Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let zh = office.ok(&[&["--lang", "zh"], all.as_slice()].concat());
    let en = office.ok(&[&["--lang", "en"], all.as_slice()].concat());
    (json(&zh), json(&en))
}

/// The command's output in `format` with --lang en.
fn en(office: &Office, format: &str, args: &[&str]) -> String {
    office.ok(&[&["--lang", "en", "--format", format], args].concat())
}

#[test]
fn quota_kinds_are_codes_in_json() {
    let office = Office::sample();
    let args = ["panel", "quota", "list"];
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(&args);
    // No free text changes with the language: the whole output is the same.
    assert_eq!(
        office.ok(&[&["--lang", "zh"], all.as_slice()].concat()),
        office.ok(&[&["--lang", "en"], all.as_slice()].concat())
    );
    let (zh, _) = both(&office, &args);
    let kinds: Vec<&str> = zh
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["kinds"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"panel_meeting"), "{kinds:?}");
    assert!(kinds.contains(&"visit,home_visit"), "{kinds:?}");
    assert!(
        kinds.contains(&"research_report,written_opinion"),
        "{kinds:?}"
    );
    assert!(office.ok(&args).contains("走访、登门拜访"));
    assert!(en(&office, "csv", &args).contains("\"visit, home visit\""));
}

#[test]
fn assess_explain_metrics_and_records_are_codes_in_json() {
    let office = Office::sample();
    let args = ["assess", "explain", "A0034", "--year", "2025"];
    let (zh, en_doc) = both(&office, &args);
    assert_eq!(zh["metrics"], en_doc["metrics"]);
    assert_eq!(zh["records"], en_doc["records"]);
    assert_eq!(zh["assessment"], en_doc["assessment"]);
    let metric = &zh["metrics"][0];
    assert_eq!(metric["metric"], "attended");
    assert_eq!(metric["kind"], "group_consultation");
    assert_eq!(zh["records"][0]["outcome"], "attended");
    assert_eq!(zh["records"][0]["kind"], "group_consultation");
    let table = office.ok(&args);
    assert!(
        table.contains("小组咨询") && table.contains("出席"),
        "{table}"
    );
    let table = en(&office, "table", &args);
    assert!(
        table.contains("group consultation") && table.contains("attended"),
        "{table}"
    );
}

#[test]
fn assess_explain_names_advice_and_its_endorsement_by_code() {
    let office = Office::sample();
    // Someone whose year counts advice: the sample's assessed advisors.
    let who = office.text(
        "SELECT a.code || ' ' || s.year FROM assessments s JOIN advisors a ON a.id = s.advisor_id
          JOIN advice_advisors aa ON aa.advisor_id = a.id JOIN advice ad ON ad.id = aa.advice_id
         WHERE substr(ad.on_date, 1, 4) = CAST(s.year AS TEXT) AND ad.voided_at IS NULL
         ORDER BY ad.endorsed_on IS NULL LIMIT 1",
    );
    let (code, year) = who.split_once(' ').unwrap();
    let args = ["assess", "explain", code, "--year", year];
    let (zh, en_doc) = both(&office, &args);
    assert_eq!(zh["records"], en_doc["records"]);
    let advice: Vec<&serde_json::Value> = zh["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "advice")
        .collect();
    assert!(!advice.is_empty(), "{zh}");
    for r in advice {
        let outcome = r["outcome"].as_str().unwrap();
        assert!(
            outcome.split(',').all(|c| c.is_ascii() && !c.contains(' ')),
            "{outcome}"
        );
    }
    let table = office.ok(&args);
    assert!(table.contains("意见建议"), "{table}");
}

#[test]
fn coverage_counts_liaisons_and_lists_are_structures_in_json() {
    let office = Office::sample();
    let args = ["report", "coverage", "--year", "2026"];
    let (zh, en_doc) = both(&office, &args);
    for key in ["advisors", "liaisons", "quotas"] {
        assert_eq!(zh[key], en_doc[key], "{key}");
    }
    let a0001 = zh["advisors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "A0001")
        .unwrap();
    assert_eq!(
        a0001["by_kind"],
        serde_json::json!({"visit": 2, "greeting": 1, "care": 1})
    );
    assert_eq!(a0001["liaison"], "L001");
    assert_eq!(a0001["liaison_name"], "刘正刚");
    let l001 = &zh["liaisons"][0];
    assert_eq!(
        l001["advisors"],
        serde_json::json!(["A0001 谭正清", "A0002 冉玉华"])
    );
    let industry = zh["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["panel"] == "industry")
        .unwrap();
    assert_eq!(industry["kinds"], "visit,home_visit");
    assert_eq!(industry["short"], serde_json::json!(["A0021 郑凯 1/2"]));
    // People read labels in their language.
    let table = office.ok(&args);
    assert!(table.contains("走访 2、节日慰问 1、关心关怀 1"), "{table}");
    assert!(table.contains("A0001 谭正清、A0002 冉玉华"), "{table}");
    let csv = en(&office, "csv", &args);
    assert!(
        csv.contains("\"visit 2, holiday greeting 1, care 1\""),
        "{csv}"
    );
    assert!(csv.contains("\"A0001 谭正清, A0002 冉玉华\""), "{csv}");
}

#[test]
fn advice_advisors_are_an_array_in_json() {
    let office = Office::sample();
    let args = ["advice", "list"];
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(&args);
    assert_eq!(
        office.ok(&[&["--lang", "zh"], all.as_slice()].concat()),
        office.ok(&[&["--lang", "en"], all.as_slice()].concat())
    );
    let (zh, _) = both(&office, &args);
    let joint = zh
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["advisors"].as_array().is_some_and(|l| l.len() > 1))
        .expect("the sample has joint advice");
    assert_eq!(joint["advisors"], serde_json::json!(["向东海", "陈书琴"]));
    assert!(office.ok(&args).contains("向东海、陈书琴"));
    assert!(en(&office, "csv", &args).contains("\"向东海, 陈书琴\""));
}

#[test]
fn log_before_and_after_are_objects_in_json() {
    let office = Office::sample();
    // The assessment's changes: the sample's later scripts (seed 003's
    // station and needs) put the grade beyond the last 50 changes.
    let args = ["log", "--entity", "assessment", "--limit", "50"];
    let (zh, en_doc) = both(&office, &args);
    let rows = zh.as_array().unwrap();
    let graded = rows.iter().find(|r| r["action"] == "grade").unwrap();
    assert!(
        graded["before"].is_object() && graded["after"].is_object(),
        "{graded}"
    );
    assert_eq!(graded["after"]["grade"], "competent");
    for (z, e) in rows.iter().zip(en_doc.as_array().unwrap()) {
        assert_eq!(z["before"], e["before"]);
        assert_eq!(z["after"], e["after"]);
    }
    // CSV keeps the record as JSON text in one cell.
    let csv = en(&office, "csv", &["log", "--limit", "1"]);
    assert!(csv.contains("\"{\"\""), "{csv}");
}
