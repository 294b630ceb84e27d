//! The project needs library where a leader looks (seed 003 二(二)1–2): the
//! experts suggested for a need (the advisor search), an advisor's work
//! ledger, the yearly summary and its export, and the `needs` export —
//! each total checked against the listing it counts.

use serde_json::Value;

use crate::common::{Office, csv_rows, json};
use crate::needs::rows;

fn codes(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|l| {
            l.iter()
                .map(|r| r["code"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_need_suggests_experts_serving_today_whose_fields_fit() {
    let office = Office::sample();
    // #7 数字经济, open, no expert yet: the advisor search for its field,
    // among those serving today.
    let shown = json(&office.ok(&["--format", "json", "need", "show", "7"]));
    let suggested = codes(&shown["suggested"]);
    assert!(suggested.contains(&"A0008".to_string()), "{suggested:?}");
    let searched = codes(&json(&office.ok(&[
        "--format",
        "json",
        "advisor",
        "search",
        "数字经济",
    ])));
    assert!(
        suggested.iter().all(|c| searched.contains(c)),
        "{suggested:?} {searched:?}"
    );
    // #2's field 集成电路: A0037 程博文 is found by the search but serves on
    // no panel, so he is not suggested; the experts already matched are not
    // either, and a closed need suggests no one.
    office.ok(&[
        "need",
        "reopen",
        "2",
        "--reason",
        "量产线融资落实后继续对接",
    ]);
    let shown = json(&office.ok(&["--format", "json", "need", "show", "2"]));
    let suggested = codes(&shown["suggested"]);
    let searched = codes(&json(&office.ok(&[
        "--format",
        "json",
        "advisor",
        "search",
        "集成电路",
    ])));
    assert!(searched.contains(&"A0037".to_string()), "{searched:?}");
    assert!(!suggested.contains(&"A0037".to_string()), "{suggested:?}");
    assert!(
        !suggested.contains(&"A0018".to_string()),
        "matched already: {suggested:?}"
    );
    assert!(suggested.contains(&"A0032".to_string()), "{suggested:?}");
    let closed = json(&office.ok(&["--format", "json", "need", "show", "1"]));
    assert!(closed.get("suggested").is_none(), "{closed}");
    assert_eq!(codes(&closed["matches"]), ["A0008", "A0018"]);
    let table = office.ok(&["need", "show", "1"]);
    assert!(
        table.contains("SMT产线工业互联网改造方案") && table.contains("已解决"),
        "{table}"
    );
    // The contact's phone is personal data: masked in the export.
    let csv = office.ok(&["export", "needs", "--year", "2025"]);
    assert!(
        csv.contains("138****0123") && !csv.contains("13896500123"),
        "{csv}"
    );
}

#[test]
fn the_ledger_lists_an_advisors_matches() {
    // Seed 002's work ledger, with the enterprises an expert was put in touch with.
    let office = Office::sample();
    let ledger = json(&office.ok(&[
        "--format", "json", "report", "ledger", "A0018", "--year", "2025",
    ]));
    let needs: Vec<&Value> = ledger["ledger"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entry"] == "need")
        .collect();
    let listed = rows(
        &office,
        &["need", "list", "--advisor", "A0018", "--year", "2025"],
    );
    assert_eq!(needs.len(), listed.len());
    assert_eq!(ledger["advisor"]["needs"], listed.len());
    assert_eq!(needs[0]["date"], "2025-03-10");
    assert_eq!(needs[0]["kind"], "research");
    assert_eq!(needs[0]["outcome"], "resolved");
    assert_eq!(needs[1]["ref"], 2);
    let table = office.ok(&["report", "ledger", "A0018", "--year", "2025"]);
    assert!(
        table.contains("需求对接")
            && table.contains("企业：重庆汉丰芯测半导体有限公司")
            && table.contains("部分解决"),
        "{table}"
    );
    let en = office.ok_en(&["report", "ledger", "A0019", "--year", "2026"]);
    assert!(
        en.contains("need matched") && en.contains("enterprise: 重庆浦里智能装备有限公司"),
        "{en}"
    );
}

/// Counts of `need list` rows: received, matched, resolved, partly,
/// unresolved, not yet closed — the summary's columns.
fn tally(listed: &[Value]) -> [usize; 6] {
    let status = |s: &str| listed.iter().filter(|n| n["status"] == s).count();
    [
        listed.len(),
        listed.iter().filter(|n| !n["experts"].is_null()).count(),
        status("resolved"),
        status("partly"),
        status("unresolved"),
        listed.iter().filter(|n| n["closed_on"].is_null()).count(),
    ]
}

fn summary_row(row: &Value) -> [usize; 6] {
    [
        "needs_received",
        "needs_matched",
        "needs_resolved",
        "needs_partly",
        "needs_unresolved",
        "needs_open",
    ]
    .map(|k| row[k].as_u64().unwrap() as usize)
}

#[test]
fn the_summary_counts_needs_per_station_as_the_listing_shows_them() {
    let office = Office::sample();
    for (year, expected) in [("2025", [4, 4, 1, 1, 1, 1]), ("2026", [4, 2, 1, 0, 0, 3])] {
        let summary = json(&office.ok(&["--format", "json", "report", "summary", "--year", year]));
        let table = summary["needs"].as_array().unwrap();
        let station = table.iter().find(|r| r["panel"] == "digital").unwrap();
        let listed = rows(
            &office,
            &["need", "list", "--year", year, "--station", "digital"],
        );
        assert_eq!(summary_row(station), tally(&listed), "{year} digital");
        let total = table.last().unwrap();
        assert_eq!(total["name"], "合计");
        let all = rows(&office, &["need", "list", "--year", year]);
        assert_eq!(summary_row(total), tally(&all), "{year} total");
        assert_eq!(summary_row(total), expected, "{year}");
        // The export carries the same numbers, as it does every table.
        let csv = csv_rows(&office.ok(&["--format", "csv", "export", "summary", "--year", year]));
        let received = csv
            .iter()
            .find(|r| r[4] == "合计" && r[8] == "needs.needs_received")
            .expect("needs in the summary export");
        assert_eq!(received[6], expected[0].to_string());
        let exported = csv_rows(&office.ok(&["export", "needs", "--year", year]));
        assert_eq!(exported.len() - 1, all.len());
        let headline = summary["summary"].to_string();
        assert!(
            headline.contains(&format!("项目需求 {} 项", expected[0])),
            "{headline}"
        );
    }
    // 2026's need taken in without a station has a row of its own.
    let summary = json(&office.ok(&["--format", "json", "report", "summary", "--year", "2026"]));
    let unbooked = summary["needs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "（未记入顾问团）")
        .expect("the need booked to no station");
    assert_eq!(unbooked["needs_received"], 1);
    // A voided need counts nowhere.
    office.ok(&["need", "void", "8", "--reason", "重复登记"]);
    let summary = json(&office.ok(&["--format", "json", "report", "summary", "--year", "2026"]));
    assert_eq!(
        summary["needs"].as_array().unwrap().last().unwrap()["needs_received"],
        3
    );
    // One panel's summary: its row alone; an office with no station and no
    // need has no such table.
    let one = json(&office.ok(&[
        "--format", "json", "report", "summary", "--year", "2025", "--panel", "digital",
    ]));
    assert_eq!(one["needs"].as_array().unwrap().len(), 1);
    let growth = json(&office.ok(&[
        "--format", "json", "report", "summary", "--year", "2025", "--panel", "growth",
    ]));
    assert!(growth.get("needs").is_none(), "{growth}");
    let empty = Office::people();
    let summary = json(&empty.ok(&["--format", "json", "report", "summary", "--year", "2026"]));
    assert!(summary.get("needs").is_none());
}

#[test]
fn the_needs_export_filters_as_the_listing_does() {
    let office = Office::sample();
    let exported = |args: &[&str]| {
        let mut all = vec!["--format", "csv", "export", "needs"];
        all.extend_from_slice(args);
        csv_rows(&office.ok(&all)).len() - 1
    };
    assert_eq!(exported(&[]), rows(&office, &["need", "list"]).len());
    assert_eq!(
        exported(&["--advisor", "A0008"]),
        rows(&office, &["need", "list", "--advisor", "A0008"]).len()
    );
    assert_eq!(
        exported(&["--kind", "人才培养"]),
        rows(&office, &["need", "list", "--kind", "training"]).len()
    );
    assert_eq!(exported(&["--panel", "digital", "--year", "2026"]), 3);
    assert_eq!(exported(&["--status", "open"]), 2);
    assert_eq!(exported(&["--field", "工业互联网"]), 2);
    let err = office.fails_en(3, &["export", "needs", "--status", "finished"]);
    assert!(err.contains("--status"), "{err}");
    let err = office.fails_en(3, &["export", "needs", "--tier", "key"]);
    assert!(err.contains("--tier"), "{err}");
    let err = office.fails_en(3, &["import", "needs", "x.csv"]);
    assert!(err.contains("exported but not imported"), "{err}");
}

/// The year's figures are as they stood on its last day (the report's
/// 截至): need #4, received and matched in 2025, closed in January 2026,
/// counts as not yet closed in 2025 — in the summary, its export and the
/// stations' report, on which the year's verdict rests (seed 003 三(三)).
#[test]
fn a_need_closed_after_the_year_counts_as_open_in_it() {
    let office = Office::sample();
    let year = |office: &Office| {
        let summary =
            json(&office.ok(&["--format", "json", "report", "summary", "--year", "2025"]));
        let table = summary["needs"].as_array().unwrap().clone();
        let digital = table
            .iter()
            .find(|r| r["panel"] == "digital")
            .unwrap()
            .clone();
        let stations =
            json(&office.ok(&["--format", "json", "report", "stations", "--year", "2025"]));
        (summary_row(&digital), stations.to_string())
    };
    let (before, _) = year(&office);
    assert_eq!(before, [4, 4, 1, 1, 1, 1]);
    office.ok(&[
        "need",
        "close",
        "4",
        "--result",
        "resolved",
        "--outcome",
        "联合实验室挂牌",
        "--on",
        "2026-01-15",
    ]);
    let (after, _) = year(&office);
    assert_eq!(
        after, before,
        "closed in 2026: still open at the end of 2025"
    );
    // Closed within the year, it counts as resolved.
    office.ok(&["need", "reopen", "4", "--reason", "办结日期有误"]);
    office.ok(&[
        "need",
        "close",
        "4",
        "--result",
        "resolved",
        "--outcome",
        "联合实验室挂牌",
        "--on",
        "2025-12-20",
    ]);
    let (within, _) = year(&office);
    assert_eq!(within, [4, 4, 2, 1, 1, 0]);
}

/// An expert whose standing recusal covers the need's enterprise is not
/// suggested for it (QA r10: he was suggested first; `need match` refuses
/// him).
#[test]
fn a_recused_expert_is_not_suggested() {
    let office = Office::sample();
    let suggested = |office: &Office| {
        codes(&json(&office.ok(&["--format", "json", "need", "show", "7"]))["suggested"])
    };
    assert!(suggested(&office).contains(&"A0008".to_string()));
    office.ok(&[
        "recusal",
        "add",
        "A0008",
        "--matter",
        "电商培训合作",
        "--unit",
        "开州区电子商务协会",
        "--date",
        "2026-11-01",
        "--reason",
        "本人兼任协会理事",
    ]);
    assert!(!suggested(&office).contains(&"A0008".to_string()));
}
