//! `report summary` (年度工作总结) and the `summary` export on the sample
//! office: every total is checked against the listing it summarises —
//! `appointment list`, `activity list` and `activity attendance`, `advice
//! list`, `contact list`, `report spending`, `assess show` — in both
//! languages; bad input names its flag and changes nothing.

use serde_json::Value;

use crate::common::{Office, csv_rows, json};

fn summary(office: &Office, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json", "report", "summary"];
    all.extend_from_slice(args);
    json(&office.ok(&all))
}

fn listing(office: &Office, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    json(&office.ok(&all)).as_array().unwrap().clone()
}

/// The row of a summary table for a panel code (`None`: the total).
fn row<'a>(s: &'a Value, table: &str, panel: Option<&str>) -> &'a Value {
    s[table]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| match panel {
            Some(code) => r["panel"] == code,
            None => {
                let name = r["name"].as_str().unwrap_or_default();
                r["panel"].is_null() && (name.starts_with("合计") || name.starts_with("total"))
            }
        })
        .unwrap_or_else(|| panic!("no {panel:?} row in {table}: {s:#}"))
}

fn n(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("not a count: {v}"))
}

fn sum(rows: &[Value], key: &str) -> i64 {
    rows.iter().map(|r| r[key].as_i64().unwrap()).sum()
}

fn distinct_advisors(rows: &[Value]) -> usize {
    let mut codes: Vec<&str> = rows
        .iter()
        .map(|r| r["advisor_code"].as_str().unwrap())
        .collect();
    codes.sort();
    codes.dedup();
    codes.len()
}

#[test]
fn the_2025_summary_agrees_with_every_listing() {
    let office = Office::sample();
    let s = summary(&office, &["--year", "2025"]);

    // The roster: serving the day before the year and on 31 December, the endings.
    let roster = row(&s, "roster", None);
    // A person on two panels is counted once in the total, and it says so.
    assert_eq!(roster["name"], "合计（同一人只计一次）");
    let start = listing(&office, &["appointment", "list", "--as-of", "2024-12-31"]);
    let end = listing(&office, &["appointment", "list", "--as-of", "2025-12-31"]);
    assert_eq!(
        n(&roster["serving_start"]),
        distinct_advisors(&start) as i64
    );
    assert_eq!(n(&roster["serving_end"]), distinct_advisors(&end) as i64);
    let tourism = row(&s, "roster", Some("tourism"));
    let tourism_start = listing(
        &office,
        &[
            "appointment",
            "list",
            "--as-of",
            "2024-12-31",
            "--panel",
            "tourism",
        ],
    );
    assert_eq!(n(&tourism["serving_start"]), tourism_start.len() as i64);
    // Seed 001 art. 12(3) and 13: one dismissal and one resignation in 2025.
    let dismissed = listing(&office, &["appointment", "list", "--state", "dismissed"]);
    let resigned = listing(&office, &["appointment", "list", "--state", "resigned"]);
    assert_eq!(
        (n(&roster["dismissed"]), n(&roster["resigned"])),
        (dismissed.len() as i64, resigned.len() as i64)
    );
    assert_eq!((n(&tourism["dismissed"]), n(&tourism["resigned"])), (1, 1));

    // Activities: by panel, by kind, written opinions; attendance.
    let activities = listing(&office, &["activity", "list", "--year", "2025"]);
    let total = row(&s, "activities", None);
    assert_eq!(n(&total["activities"]), activities.len() as i64);
    let health = listing(
        &office,
        &["activity", "list", "--year", "2025", "--panel", "health"],
    );
    assert_eq!(
        n(&row(&s, "activities", Some("health"))["activities"]),
        health.len() as i64
    );
    let written = listing(
        &office,
        &[
            "activity",
            "list",
            "--year",
            "2025",
            "--kind",
            "written_opinion",
        ],
    );
    assert_eq!(n(&total["written_opinions"]), written.len() as i64);
    let lectures = listing(
        &office,
        &["activity", "list", "--year", "2025", "--kind", "lecture"],
    );
    let by_kind = s["activity_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["panel"].is_null() && r["kind"] == "lecture")
        .unwrap();
    assert_eq!(n(&by_kind["activities"]), lectures.len() as i64);
    let modes: i64 = s["activity_modes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["panel"].is_null())
        .map(|r| n(&r["activities"]))
        .sum();
    assert_eq!(modes, activities.len() as i64);
    let attendance = listing(&office, &["activity", "attendance", "--year", "2025"]);
    for key in ["attended", "excused", "absent", "invited"] {
        assert_eq!(n(&total[key]), sum(&attendance, key), "{key}");
    }
    assert_eq!(n(&total["participations"]), sum(&attendance, "activities"));
    let rate = total["attendance_rate"].as_f64().unwrap();
    let (a, e, x) = (
        sum(&attendance, "attended"),
        sum(&attendance, "excused"),
        sum(&attendance, "absent"),
    );
    assert!((rate - a as f64 / (a + e + x) as f64).abs() < 1e-9);
    let tourism_attendance = listing(
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
    assert_eq!(
        n(&row(&s, "activities", Some("tourism"))["absent"]),
        sum(&tourism_attendance, "absent")
    );

    // Advice and its handling.
    let advice = listing(&office, &["advice", "list", "--year", "2025"]);
    let t = row(&s, "advice", None);
    assert_eq!(n(&t["submitted"]), advice.len() as i64);
    // Each as it stood on 2025-12-31 (截至): the listing's status, counted
    // only when the day it was decided, implemented, endorsed or fed back
    // had come by then (the sample adopts #11 and feeds back #1 in 2026).
    let dates = |r: &Value| -> [Option<String>; 4] {
        let id = r["id"].as_i64().unwrap();
        office
            .conn()
            .query_row(
                "SELECT COALESCE(outcome_on, implemented_on), implemented_on, endorsed_on, feedback_on
                 FROM advice WHERE id = ?1",
                [id],
                |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?]),
            )
            .unwrap()
    };
    let by_year_end = |d: &Option<String>| d.as_deref().is_some_and(|d| d <= "2025-12-31");
    let count = |f: &dyn Fn(&Value, &[Option<String>; 4]) -> bool| {
        advice.iter().filter(|r| f(r, &dates(r))).count() as i64
    };
    let adopted = |r: &Value| {
        ["adopted", "partly_adopted", "implemented"].contains(&r["status"].as_str().unwrap())
    };
    assert_eq!(
        n(&t["adopted"]),
        count(&|r, d| adopted(r) && by_year_end(&d[0]))
    );
    assert!(
        n(&t["adopted"]) < count(&|r, _| adopted(r)),
        "adopted after the year"
    );
    assert_eq!(
        n(&t["implemented"]),
        count(&|r, d| r["status"] == "implemented" && by_year_end(&d[1]))
    );
    assert_eq!(
        n(&t["not_adopted"]),
        count(&|r, d| r["status"] == "not_adopted" && by_year_end(&d[0]))
    );
    assert_eq!(n(&t["endorsed"]), count(&|_, d| by_year_end(&d[2])));
    assert_eq!(n(&t["fed_back"]), count(&|_, d| by_year_end(&d[3])));
    assert!(n(&t["fed_back"]) < count(&|r, _| !r["feedback_on"].is_null()));
    let growth = listing(
        &office,
        &["advice", "list", "--year", "2025", "--panel", "growth"],
    );
    assert_eq!(
        n(&row(&s, "advice", Some("growth"))["submitted"]),
        growth.len() as i64
    );

    // Contacts: all of them, and per panel as `contact list --panel` counts;
    // the reported events (seed 004 五报告) apart, sent in by the advisors'
    // units rather than the office reaching them.
    let listed = listing(&office, &["contact", "list", "--year", "2025"]);
    let (reports, contacts): (Vec<Value>, Vec<Value>) =
        listed.into_iter().partition(|r| r["kind"] == "report");
    let c = row(&s, "contacts", None);
    assert!(
        !reports.is_empty(),
        "the sample reports a post change in 2025"
    );
    assert_eq!(n(&c["contacts"]), contacts.len() as i64);
    assert_eq!(n(&c["reports"]), reports.len() as i64);
    assert_eq!(
        n(&c["visits"]),
        contacts
            .iter()
            .filter(|r| r["kind"] == "visit" || r["kind"] == "home_visit")
            .count() as i64
    );
    assert_eq!(
        n(&c["greetings"]),
        contacts.iter().filter(|r| r["kind"] == "greeting").count() as i64
    );
    let industry = listing(
        &office,
        &["contact", "list", "--year", "2025", "--panel", "industry"],
    );
    assert_eq!(
        n(&row(&s, "contacts", Some("industry"))["contacts"]),
        industry.iter().filter(|r| r["kind"] != "report").count() as i64
    );

    // Spending against budget, as `report spending` totals it.
    let spending = json(&office.ok(&["--format", "json", "report", "spending", "--year", "2025"]));
    let money = row(&s, "spending", None);
    assert_eq!(n(&money["expenses"]), n(&spending["totals"]["count"]));
    for key in ["paid", "committed", "cap"] {
        assert_eq!(money[key], spending["totals"][key], "{key}");
    }
    assert_eq!(money["spent"], spending["totals"]["total"]);
    let per_panel = spending["panels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["panel"] == "tech")
        .unwrap();
    let tech = row(&s, "spending", Some("tech"));
    assert_eq!(
        (&tech["spent"], &tech["cap"]),
        (&per_panel["total"], &per_panel["cap"])
    );

    // Grades of the confirmed 2025 assessment (the tech panel).
    let shown = json(&office.ok(&[
        "--format", "json", "assess", "show", "--year", "2025", "--panel", "tech",
    ]));
    let results = shown["results"].as_array().unwrap();
    let grades = row(&s, "grades", Some("tech"));
    assert_eq!(n(&grades["assessed"]), results.len() as i64);
    for grade in ["excellent", "competent", "basic", "incompetent"] {
        assert_eq!(
            n(&grades[grade]),
            results.iter().filter(|r| r["grade"] == grade).count() as i64,
            "{grade}"
        );
    }
    assert_eq!(n(&grades["confirmed"]), results.len() as i64);
}

#[test]
fn this_year_counts_to_today_in_both_languages() {
    let office = Office::sample();
    let s = summary(&office, &["--year", "2026"]);
    assert!(
        s["summary"][0]
            .as_str()
            .unwrap()
            .contains("截至 2026-11-20"),
        "{}",
        s["summary"]
    );
    // The December economic analysis meeting is planned, not yet held.
    let listed = listing(&office, &["activity", "list", "--year", "2026"]);
    let held = listed
        .iter()
        .filter(|r| r["date"].as_str().unwrap() <= "2026-11-20")
        .count() as i64;
    assert_eq!(held, listed.len() as i64 - 1);
    assert_eq!(n(&row(&s, "activities", None)["activities"]), held);
    // Seed 000 art. 7: the 2026 renewals; two not renewed and one rejected renewal expired.
    let roster = row(&s, "roster", None);
    let appointments = listing(&office, &["appointment", "list"]);
    let begun = appointments
        .iter()
        .filter(|r| {
            r["term_start"]
                .as_str()
                .is_some_and(|d| ("2026-01-01"..="2026-11-20").contains(&d))
        })
        .count() as i64;
    assert_eq!(n(&roster["appointed"]) + n(&roster["renewed"]), begun);
    assert_eq!(n(&roster["renewed"]), 28);
    let expired = appointments
        .iter()
        .filter(|r| r["status"] == "expired" && r["term_end"].as_str().unwrap() >= "2025-12-31")
        .count() as i64;
    assert_eq!(n(&roster["expired"]), expired);
    assert_eq!(expired, 3);
    let serving = listing(&office, &["appointment", "list", "--as-of", "2026-11-20"]);
    assert_eq!(
        n(&roster["serving_end"]),
        distinct_advisors(&serving) as i64
    );

    // One panel: its rows only, no total.
    let health = summary(&office, &["--year", "2026", "--panel", "健康开州顾问团"]);
    assert_eq!(health["roster"].as_array().unwrap().len(), 1);
    assert_eq!(health["spending"][0]["panel"], "health");

    let zh = office.ok(&["report", "summary", "--year", "2026"]);
    for words in [
        "年度工作总结",
        "名册变动",
        "年初在聘",
        "出席率",
        "意见建议",
        "节日问候",
        "预算执行率",
        "年度考核等次",
    ] {
        assert!(zh.contains(words), "{words}");
    }
    let en = office.ok_en(&["report", "summary", "--year", "2026"]);
    for words in [
        "Yearly work summary",
        "The roster",
        "serving as the year began",
        "attendance rate",
        "greeting coverage",
        "budget used",
    ] {
        assert!(en.contains(words), "{words}");
    }
    let csv = office.ok(&["--format", "csv", "report", "summary", "--year", "2026"]);
    assert!(csv.contains("顾问团,名称,年初在聘"), "{csv}");
}

#[test]
fn the_summary_exports_one_row_per_panel_and_measure() {
    let office = Office::sample();
    let path = office.arg("summary.csv");
    office.ok(&["export", "summary", "--year", "2025", "--out", &path]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM for spreadsheets");
    let rows = csv_rows(&text);
    assert_eq!(
        rows[0],
        [
            "年度",
            "截至",
            "部分",
            "顾问团",
            "名称",
            "项目",
            "数值",
            "单位",
            "代码"
        ]
    );
    let value = |key: &str, panel: &str| -> String {
        rows.iter()
            .find(|r| r[8] == key && r[3] == panel)
            .unwrap_or_else(|| panic!("{key} {panel}"))[6]
            .clone()
    };
    let s = summary(&office, &["--year", "2025"]);
    assert_eq!(
        value("activities.activities", ""),
        row(&s, "activities", None)["activities"].to_string()
    );
    assert_eq!(
        value("roster.serving_start", "tourism"),
        row(&s, "roster", Some("tourism"))["serving_start"].to_string()
    );
    assert_eq!(value("spending.spent", ""), "386566.3");
    assert_eq!(value("activity_kinds.activities.lecture", "health"), "4");
    // English headers and one panel.
    let en = office.ok_en(&["export", "summary", "--year", "2025", "--panel", "health"]);
    let rows = csv_rows(&en);
    assert_eq!(rows[0][5], "item");
    assert!(rows[1..].iter().all(|r| r[3] == "health"), "{en}");
}

#[test]
fn bad_summary_input_names_the_flag_and_changes_nothing() {
    let office = Office::sample();
    let err = office.fails_en(3, &["report", "summary", "--year", "2030"]);
    assert!(err.contains("--year") && err.contains("not begun"), "{err}");
    let err = office.fails_en(3, &["report", "summary", "--year", "last"]);
    assert!(err.contains("--year"), "{err}");
    let err = office.fails(3, &["report", "summary", "--panel", "无此顾问团"]);
    assert!(err.contains("--panel"), "{err}");
    let err = office.fails_en(3, &["export", "summary", "--kind", "lecture"]);
    assert!(err.contains("--kind"), "{err}");
}

#[test]
fn the_title_names_the_office_and_the_year_apart() {
    let office = Office::sample();
    office.ok(&["settings", "set", "office.name", "中共来宾市委人才办"]);
    let text = office.ok(&["report", "summary", "--year", "2026"]);
    assert!(
        text.contains("中共来宾市委人才办 2026 年度工作总结（截至 2026-11-20）"),
        "{text}"
    );
}

/// The roster table balances for every panel and the office, every year:
/// at the start + appointed − dismissed − resigned − expired = at the end.
/// A term beginning on 1 January is new that year (not also "at the
/// start"), and the office row counts as new only people who served on no
/// panel the day before (the station's members of 2025 already served on
/// other panels).
#[test]
fn the_roster_table_balances_every_year() {
    let office = Office::sample();
    for year in ["2023", "2024", "2025", "2026"] {
        let s = summary(&office, &["--year", year]);
        for r in s["roster"].as_array().unwrap() {
            let n = |k: &str| r[k].as_i64().unwrap();
            assert_eq!(
                n("serving_start") + n("appointed") - n("dismissed") - n("resigned") - n("expired"),
                n("serving_end"),
                "{year}: {r}"
            );
        }
        if year == "2025" {
            let digital = row(&s, "roster", Some("digital"));
            assert_eq!(
                (
                    digital["serving_start"].as_i64(),
                    digital["appointed"].as_i64()
                ),
                (Some(0), Some(3))
            );
            assert_eq!(
                row(&s, "roster", None)["appointed"],
                0,
                "already serving elsewhere"
            );
        }
    }
}

/// A label says what its number counts: the visits column takes in home
/// visits (登门拜访), which the by-method table counts apart, and the
/// attendance rate is of the participations recorded (QA r11).
#[test]
fn the_summary_labels_say_what_they_count() {
    let office = Office::sample();
    let csv = office.ok(&["--format", "csv", "report", "summary", "--year", "2026"]);
    assert!(
        csv.contains("走访（含登门拜访）") && csv.contains("出席率（按已登记）"),
        "{csv}"
    );
    assert!(csv.contains("走访、登门拜访"), "the headline: {csv}");
    // Headed by the sample office's name (seed 000 art. 3, 13).
    assert!(
        csv.contains("重庆市开州区人民政府办公室 2026 年度工作总结"),
        "{csv}"
    );
    let coverage = office.ok(&["--format", "csv", "report", "coverage", "--year", "2026"]);
    assert!(coverage.contains("走访（含登门拜访）"), "{coverage}");
    // The spending report says whose, which year, as of when, and in what.
    let spending = office.ok(&["report", "spending", "--year", "2025"]);
    assert!(
        spending.contains(
            "重庆市开州区人民政府办公室 2025 年度顾问经费支出（截至 2025-12-31；金额单位：元）"
        ),
        "{spending}"
    );
}
