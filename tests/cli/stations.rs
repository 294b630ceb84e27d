//! The professional stations' yearly review (seed 003 三(三) 加强对专业站的督促
//! 指导，每年对成效突出的单位进行嘉奖，对成效较差的单位通报批评): `report
//! stations` counts each station's year as the other reports do, and `panel
//! review` records one verdict per station and year.

use serde_json::Value;

use crate::common::{Office, csv_rows, json};
use crate::needs::rows;

fn stations(office: &Office, year: &str) -> Vec<Value> {
    let doc = json(&office.ok(&["--format", "json", "report", "stations", "--year", year]));
    doc["stations"].as_array().unwrap().clone()
}

#[test]
fn a_stations_year_is_counted_as_the_listings_and_the_summary_count_it() {
    let office = Office::sample();
    let all = stations(&office, "2025");
    assert_eq!(all.len(), 1, "the sample's one station");
    let s = &all[0];
    assert_eq!(s["station"], "digital");
    // Experts serving at the year's end, by tier (二(一)1 入库/在岗/关键).
    let serving = rows(
        &office,
        &[
            "advisor",
            "list",
            "--panel",
            "digital",
            "--as-of",
            "2025-12-31",
        ],
    );
    assert_eq!(s["serving"], serving.len());
    for (tier, key) in [("key", "key"), ("active", "active"), ("pool", "pool")] {
        let n = serving.iter().filter(|a| a["tier"] == tier).count();
        assert_eq!(s[key], n, "{tier}");
    }
    assert_eq!(
        (
            s["serving"].as_u64(),
            s["key"].as_u64(),
            s["active"].as_u64()
        ),
        (Some(3), Some(1), Some(2))
    );
    // Activities, and those serving enterprises apart (二(三)).
    let held = |kind: &[&str]| {
        let mut args = vec!["activity", "list", "--panel", "digital", "--year", "2025"];
        args.extend_from_slice(kind);
        rows(&office, &args).len()
    };
    assert_eq!(s["activities"], held(&[]));
    assert_eq!(
        s["enterprise_service"],
        held(&["--kind", "enterprise_service"])
    );
    assert_eq!(s["site_research"], held(&["--kind", "实地调研"]));
    assert_eq!(s["lecture"], held(&["--kind", "lecture"]));
    // Participations and needs: the station's rows of the yearly summary.
    let summary = json(&office.ok(&["--format", "json", "report", "summary", "--year", "2025"]));
    let row = |table: &str| -> Value {
        summary[table]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["panel"] == "digital")
            .cloned()
            .unwrap()
    };
    assert_eq!(s["participations"], row("activities")["participations"]);
    assert_eq!(s["attended"], row("activities")["attended"]);
    assert_eq!(s["advice"], row("advice")["submitted"]);
    for key in ["needs_received", "needs_matched", "needs_resolved"] {
        assert_eq!(s[key], row("needs")[key], "{key}");
    }
    assert_eq!(
        s["needs_received"],
        rows(
            &office,
            &["need", "list", "--year", "2025", "--station", "digital"]
        )
        .len()
    );
    // The year's verdict beside its figures.
    assert_eq!(s["verdict"], "commend");
    assert_eq!(s["reference"], "开州专家基地〔2026〕1号");
    assert_eq!(stations(&office, "2026")[0]["verdict"], Value::Null);
    let table = office.ok(&["report", "stations", "--year", "2025"]);
    assert!(
        table.contains("嘉奖") && table.contains("截至 2025-12-31"),
        "{table}"
    );
    let en = office.ok_en(&["report", "stations", "--year", "2025", "--panel", "digital"]);
    assert!(en.contains("commended") && en.contains("key"), "{en}");
}

#[test]
fn one_verdict_per_station_and_year_and_a_wrong_one_is_voided() {
    let office = Office::sample();
    let err = office.fails_en(
        4,
        &[
            "panel",
            "review",
            "digital",
            "--year",
            "2025",
            "--verdict",
            "criticize",
            "--reason",
            "x",
        ],
    );
    assert!(
        err.contains("already has a 2025 verdict")
            && err.contains("#1")
            && err.contains("开州专家基地〔2026〕1号")
            && err.contains("roster panel review digital --year 2025 --void --reason"),
        "{err}"
    );
    let err = office.fails_en(
        3,
        &["panel", "review", "digital", "--year", "2025", "--void"],
    );
    assert!(err.contains("--reason"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "panel",
            "review",
            "digital",
            "--year",
            "2025",
            "--void",
            "--reason",
            "x",
            "--verdict",
            "commend",
        ],
    );
    assert!(err.contains("--verdict"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "panel", "review", "digital", "--year", "2024", "--void", "--reason", "x",
        ],
    );
    assert!(err.contains("--void") && err.contains("2024"), "{err}");
    office.ok(&[
        "panel",
        "review",
        "digital",
        "--year",
        "2025",
        "--void",
        "--reason",
        "领导小组复核后撤回",
    ]);
    assert_eq!(
        office
            .text("SELECT void_reason FROM station_reviews WHERE id = 1 AND voided_at IS NOT NULL"),
        "领导小组复核后撤回"
    );
    assert_eq!(stations(&office, "2025")[0]["verdict"], Value::Null);
    let out = office.ok(&[
        "panel",
        "review",
        "digital",
        "--year",
        "2025",
        "--verdict",
        "通报批评",
        "--reason",
        "需求解决率偏低",
        "--reference",
        "开州专家基地〔2026〕3号",
        "--on",
        "2026-02-01",
    ]);
    assert!(out.contains("2025 年度评价：通报批评（#2）"), "{out}");
    assert_eq!(
        office.text(
            "SELECT verdict || ' ' || on_date || ' ' || operator FROM station_reviews WHERE id = 2"
        ),
        "criticize 2026-02-01 tester"
    );
    assert_eq!(stations(&office, "2025")[0]["verdict"], "criticize");
    let shown = json(&office.ok(&["--format", "json", "panel", "show", "digital"]));
    let reviews = shown["reviews"].as_array().unwrap();
    assert_eq!(reviews.len(), 1, "only the live verdict: {reviews:?}");
    assert_eq!(reviews[0]["reference"], "开州专家基地〔2026〕3号");
    assert_eq!(
        office.text(
            "SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log
             WHERE entity = 'station_review' ORDER BY id)"
        ),
        "add,void,add"
    );
    // An advisory panel's show has no verdicts.
    let growth = json(&office.ok(&["--format", "json", "panel", "show", "growth"]));
    assert!(growth.get("reviews").is_none());
}

#[test]
fn a_bad_verdict_names_the_flag_and_changes_nothing() {
    let office = Office::sample();
    let review = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut args = vec![
            "panel",
            "review",
            "digital",
            "--verdict",
            "commend",
            "--reason",
            "成效突出",
        ];
        args.extend_from_slice(extra);
        args
    };
    let err = office.fails_en(3, &review(&[]));
    assert!(err.contains("--year"), "{err}");
    let err = office.fails_en(3, &["panel", "review", "digital", "--year", "2026"]);
    assert!(
        err.contains("--verdict") && err.contains("--reason"),
        "{err}"
    );
    let err = office.fails_en(3, &review(&["--year", "2027"]));
    assert!(
        err.contains("--year") && err.contains("has not begun"),
        "{err}"
    );
    let err = office.fails_en(3, &review(&["--year", "二〇二六"]));
    assert!(err.contains("--year"), "{err}");
    let err = office.fails_en(3, &review(&["--year", "2026", "--on", "2026-11-21"]));
    assert!(err.contains("--on") && err.contains("after today"), "{err}");
    let err = office.fails_en(3, &review(&["--year", "2026", "--on", "2025-12-31"]));
    assert!(
        err.contains("--on") && err.contains("before December 2026"),
        "{err}"
    );
    // A year still under way, or judged halfway through (QA r10): a verdict
    // judges the whole year's results (seed 003 三(三)), from its December.
    let err = office.fails_en(3, &review(&["--year", "2026"]));
    assert!(
        err.contains("--on") && err.contains("December 2026"),
        "{err}"
    );
    let err = office.fails_en(3, &review(&["--year", "2025", "--on", "2025-06-01"]));
    assert!(
        err.contains("--on") && err.contains("December 2025"),
        "{err}"
    );
    // A year before anyone served on the station: nothing to judge.
    let err = office.fails_en(4, &review(&["--year", "2023", "--on", "2024-01-10"]));
    assert!(err.contains("no expert serving in 2023"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "panel",
            "review",
            "digital",
            "--year",
            "2026",
            "--verdict",
            "表扬",
            "--reason",
            "x",
        ],
    );
    assert!(
        err.contains("--verdict") && err.contains("criticize"),
        "{err}"
    );
    // Only a station is reviewed; the message names the way to make one.
    let err = office.fails_en(
        4,
        &[
            "panel",
            "review",
            "growth",
            "--year",
            "2025",
            "--verdict",
            "commend",
            "--reason",
            "x",
        ],
    );
    assert!(
        err.contains("PANEL")
            && err.contains("not a professional station")
            && err.contains("roster panel edit growth --kind professional_station"),
        "{err}"
    );
    let err = office.fails_en(4, &["report", "stations", "--panel", "growth"]);
    assert!(
        err.contains("--panel") && err.contains("--kind professional_station"),
        "{err}"
    );
    let err = office.fails_en(3, &["report", "stations", "--year", "2027"]);
    assert!(err.contains("--year"), "{err}");
    // The fix works as named.
    office.ok(&["panel", "edit", "growth", "--kind", "professional_station"]);
    office.ok(&[
        "panel",
        "review",
        "growth",
        "--year",
        "2025",
        "--verdict",
        "commend",
        "--reason",
        "x",
    ]);
    assert_eq!(stations(&office, "2026").len(), 2);
}

/// A station's experts are counted by the tier each held at the year's end
/// (seed 003 二(一)1, migration 12): promoting 张振华 to 关键 in November 2026
/// shows in 2026 and leaves 2025 — whose verdict is recorded — as it was
/// (QA r10: it rewrote every past year).
#[test]
fn a_tier_given_later_does_not_rewrite_a_past_year() {
    let office = Office::sample();
    let tiers = |office: &Office, year: &str| {
        let s = stations(office, year)[0].clone();
        (s["key"].as_i64().unwrap(), s["active"].as_i64().unwrap())
    };
    assert_eq!(tiers(&office, "2025"), (1, 2));
    office.ok(&["advisor", "edit", "A0018", "--tier", "key"]);
    assert_eq!(tiers(&office, "2025"), (1, 2), "2025 as it stood");
    assert_eq!(tiers(&office, "2026"), (2, 1), "2026 as of today");
    assert_eq!(
        office.int("SELECT count(*) FROM advisor_tiers WHERE advisor_id = (SELECT id FROM advisors WHERE code = 'A0018')"),
        3,
        "none, then active from 2024-12-27, then key from today"
    );
}

/// `export stations` gives `report stations`' rows for a spreadsheet, each
/// with its year and the day the figures stand on; `export needs` names a
/// need's station by code and name; a station holding needs or a verdict
/// cannot be turned into another kind of panel.
#[test]
fn the_stations_year_exports_and_a_station_with_records_stays_one() {
    let office = Office::sample();
    let report = stations(&office, "2025");
    let text = String::from_utf8(crate::exports::bytes(
        &office,
        &["export", "stations", "--year", "2025", "--no-bom"],
    ))
    .unwrap();
    let exported = csv_rows(&text);
    assert_eq!(exported[0][..3], ["年度", "截至", "专业站"]);
    assert_eq!(exported.len(), report.len() + 1);
    let row = &exported[1];
    assert_eq!(row[..3], ["2025", "2025-12-31", "digital"]);
    for (key, at) in [("serving", 5), ("activities", 9), ("needs_received", 17)] {
        assert_eq!(row[at], report[0][key].to_string(), "{key}");
    }
    assert_eq!(row[20], "嘉奖", "the verdict by its label");
    let err = office.fails_en(4, &["export", "stations", "--panel", "growth"]);
    assert!(err.contains("not a professional station"), "{err}");
    // So does a need listing asked for a panel that is not a station (it
    // listed none, exit 0, as if the station had no needs).
    let err = office.fails_en(4, &["need", "list", "--station", "growth"]);
    assert!(err.contains("not a professional station"), "{err}");

    let needs = csv_rows(
        &String::from_utf8(crate::exports::bytes(
            &office,
            &["export", "needs", "--no-bom"],
        ))
        .unwrap(),
    );
    let at = needs[0].iter().position(|h| h == "专业站名称").unwrap();
    assert_eq!(needs[0][at - 1], "专业站");
    assert!(needs.len() > 1);
    for need in &needs[1..] {
        let name = if need[at - 1] == "digital" {
            "开州区专家服务基地数字经济专业站"
        } else {
            ""
        };
        assert_eq!(need[at], name, "{need:?}");
    }

    let err = office.fails_en(4, &["panel", "edit", "digital", "--kind", "advisory_panel"]);
    assert!(
        err.contains("--kind") && err.contains("need(s)") && err.contains("roster need void"),
        "{err}"
    );
}
