//! Liaison, contacts and holiday greetings (issue 4): seed 000 (one-to-one
//! liaison, greetings on 元旦 春节 端午 中秋 重阳, yearly visits), seed 004 (every
//! leader holds at least 2 advisors; 三必访; 五报告; health checks), seed 002
//! (visits a year). This file: the festival calendar, greetings and
//! contacts; `contacts/liaison.rs` the pairings; `contacts/coverage.rs` the
//! coverage report; `contacts/reports.rs` the reported events (五报告).

mod coverage;
mod liaison;
mod reports;

use chrono::NaiveDate;
use roster::domain::festival::{self, Festival};

use crate::common::{Office, csv_rows, json};

/// A command line written as one string (no value holds a space).
pub fn w(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// The JSON row of `items` whose `key` is `value`.
pub fn find<'a>(items: &'a serde_json::Value, key: &str, value: &str) -> &'a serde_json::Value {
    items
        .as_array()
        .and_then(|a| a.iter().find(|r| r[key] == value))
        .unwrap_or_else(|| panic!("no {key} = {value} in {items}"))
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Published dates (the State Council's holiday notices and the Purple
/// Mountain Observatory's calendars), 2015–2030: 春节, 清明, 端午, 中秋, 重阳.
const PUBLISHED: &str = "
2015 02-19 04-05 06-20 09-27 10-21
2016 02-08 04-04 06-09 09-15 10-09
2017 01-28 04-04 05-30 10-04 10-28
2018 02-16 04-05 06-18 09-24 10-17
2019 02-05 04-05 06-07 09-13 10-07
2020 01-25 04-04 06-25 10-01 10-25
2021 02-12 04-04 06-14 09-21 10-14
2022 02-01 04-05 06-03 09-10 10-04
2023 01-22 04-05 06-22 09-29 10-23
2024 02-10 04-04 06-10 09-17 10-11
2025 01-29 04-04 05-31 10-06 10-29
2026 02-17 04-05 06-19 09-25 10-18
2027 02-06 04-05 06-09 09-15 10-08
2028 01-26 04-04 05-28 10-03 10-26
2029 02-13 04-04 06-16 09-22 10-16
2030 02-03 04-05 06-05 09-12 10-05
";

#[test]
fn festival_dates_match_the_published_calendar_2015_to_2030() {
    let order = [
        Festival::Spring,
        Festival::Qingming,
        Festival::DragonBoat,
        Festival::MidAutumn,
        Festival::DoubleNinth,
    ];
    let mut years = 0;
    for line in PUBLISHED.lines().filter(|l| !l.is_empty()) {
        let cells = w(line);
        let year: i32 = cells[0].parse().unwrap();
        let new_year = festival::date(Festival::NewYear, year);
        assert_eq!(new_year, Some(d(&format!("{year}-01-01"))));
        for (f, day) in order.iter().zip(&cells[1..]) {
            let expected = d(&format!("{year}-{day}"));
            assert_eq!(festival::date(*f, year), Some(expected), "{f:?} {year}");
        }
        years += 1;
    }
    assert_eq!(years, 16);
}

/// Every year 1950–2100 against a second, table-based calendar (the data
/// file's header explains the two dates where the sources disagree).
#[test]
fn festival_dates_agree_with_an_independent_calendar_1950_to_2100() {
    let text = include_str!("../data/festivals-independent.txt");
    let mut years = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cells = w(line);
        let year: i32 = cells[0].parse().unwrap();
        let ours = festival::calendar(year).unwrap();
        for ((f, day), theirs) in ours.iter().zip(&cells[1..]) {
            let known = matches!(
                (year, f),
                (1954, Festival::Spring) | (2089, Festival::MidAutumn)
            );
            assert_eq!(known, *day != d(theirs), "{f:?} {year}: {day} vs {theirs}");
        }
        years += 1;
    }
    assert_eq!(years, 151);
}

#[test]
fn festivals_prints_a_year_in_three_formats_and_refuses_outside_1950_to_2100() {
    let office = Office::empty();
    let table = office.ok(&w("festivals 2025"));
    assert!(
        table.contains("中秋") && table.contains("2025-10-06"),
        "{table}"
    );
    let csv = csv_rows(&office.ok_en(&w("--format csv festivals 2024")));
    assert_eq!(csv[0], ["festival", "date", "weekday", "rule"]);
    assert_eq!(csv[2][..3], ["Spring Festival", "2024-02-10", "Saturday"]);
    let this_year = json(&office.ok(&w("--format json festivals")));
    assert_eq!(this_year[1]["festival"], "spring");
    assert_eq!(this_year[1]["date"], "2026-02-17", "defaults to this year");
    // The ends of the range.
    let first = json(&office.ok(&w("--format json festivals 1950")));
    assert_eq!(first[1]["date"], "1950-02-17");
    let last = json(&office.ok(&w("--format json festivals 2100")));
    assert_eq!(last[1]["date"], "2100-02-09");
    for year in ["1949", "2101", "next"] {
        let err = office.fails_en(3, &["festivals", year]);
        assert!(err.contains("YEAR") && err.contains("1950"), "{err}");
    }
}

#[test]
fn a_greeting_is_for_the_festival_occurrence_it_was_sent_for() {
    let office = Office::sample();
    // A 元旦 greeting sent on 30 December is for the coming 1 January.
    office.ok(&w(
        "contact add --date 2025-12-30 --kind greeting --festival 元旦 --advisor A0005",
    ));
    // A 春节 greeting sent days before the festival is for that festival.
    office.ok(&w(
        "contact add --date 2026-02-10 --kind greeting --festival spring --advisor A0005",
    ));
    let stored = office.text(
        "SELECT group_concat(festival || ' ' || festival_date || ' ' || occasion, '; ')
         FROM (SELECT * FROM contacts ORDER BY id DESC LIMIT 2)",
    );
    assert_eq!(
        stored,
        "spring 2026-02-17 festival; new_year 2026-01-01 festival"
    );
    // Far from any 中秋: refused, naming the field and the nearest dates.
    let err = office.fails_en(
        3,
        &w("contact add --date 2026-03-01 --kind greeting --festival 中秋 --advisor A0005"),
    );
    assert!(err.contains("--festival"), "{err}");
    assert!(
        err.contains("2025-10-06") && err.contains("2026-09-25"),
        "{err}"
    );
}

#[test]
fn greetings_are_counted_per_festival_and_year() {
    let office = Office::sample();
    // Industry's 元旦 2026 greeting went out on 2025-12-30: it counts for 2026.
    let list = "--format json contact list --festival 元旦 --year 2026 --panel industry";
    let new_year = json(&office.ok(&w(list)));
    assert_eq!(new_year.as_array().unwrap().len(), 1);
    assert_eq!(new_year[0]["date"], "2025-12-30");
    assert_eq!(new_year[0]["festival_date"], "2026-01-01");
    let report = json(&office.ok(&w("--format json report coverage --year 2026")));
    let rows = &report["advisors"];
    assert_eq!(
        find(rows, "code", "A0018")["greeted"],
        "new_year,spring,mid_autumn"
    );
    assert_eq!(find(rows, "code", "A0021")["greeted"], "new_year,spring");
    assert_eq!(find(rows, "code", "A0021")["missed"], "mid_autumn");
    // Tourism greets on five festivals; 端午 2026 was missed, and the voided
    // duplicate 重阳 greeting is not counted.
    let a0022 = find(rows, "code", "A0022");
    assert_eq!(a0022["greeted"], "new_year,spring,mid_autumn,double_ninth");
    assert_eq!(a0022["missed"], "dragon_boat");
    assert_eq!(a0022["greetings"], 3);
    // Before 中秋 had come, it was not missed yet.
    let early = "--today 2026-09-20 --format json report coverage --year 2026 --panel industry";
    let early = json(&office.ok(&w(early)));
    assert!(find(&early["advisors"], "code", "A0021")["missed"].is_null());
    // 2025 counts its own 元旦; the December greeting for 2026 is not one of them.
    let y2025 = "--format json report coverage --year 2025 --panel industry";
    let y2025 = json(&office.ok(&w(y2025)));
    let a0018 = find(&y2025["advisors"], "code", "A0018");
    assert_eq!(a0018["greeted"], "new_year,spring,mid_autumn");
    assert_eq!(
        a0018["greetings"], 4,
        "four greetings dated 2025, one of them for 2026"
    );
}

#[test]
fn contacts_name_advisors_or_a_whole_panel_and_infer_the_liaison() {
    let office = Office::sample();
    // The sample's 端午 2025 greeting to the tourism panel named all three then serving.
    let tourism = json(&office.ok(&w("--format json contact list --festival 端午 --year 2025")));
    assert_eq!(
        tourism[0]["advisors"],
        "A0022 吴婷婷、A0023 蒋国华、A0024 袁媛"
    );
    let add = "--format json contact add --date 2026-11-18 --kind visit \
               --advisor A0013 --advisor 胡雪梅 --advisor A0012 --note 走访";
    let id = json(&office.ok(&w(add)))["id"].as_i64().unwrap();
    let named = format!("SELECT count(*) FROM contact_advisors WHERE contact_id = {id}");
    assert_eq!(office.int(&named), 2);
    let liaison = format!(
        "SELECT l.code FROM contacts c JOIN liaisons l ON l.id = c.liaison_id WHERE c.id = {id}"
    );
    assert_eq!(office.text(&liaison), "L007", "both are held by 刘志坚");
    let audit = format!(
        "SELECT count(*) FROM audit_log WHERE entity = 'contact' AND entity_id = {id} AND after LIKE '%A0012%'"
    );
    assert_eq!(office.int(&audit), 1);
    // Care (seed 004's yearly health check) for a panel, and a reported event (五报告).
    office.ok(&w(
        "contact add --date 2026-11-19 --kind 关心关怀 --care 健康体检 --panel industry",
    ));
    office.ok(&w(
        "contact add --kind report --event 岗位职务变动 --advisor A0026 --channel phone",
    ));
    let last = office.text("SELECT on_date || ' ' || event FROM contacts ORDER BY id DESC LIMIT 1");
    assert_eq!(last, "2026-11-20 post_change", "dated today by default");
    let care = "SELECT count(*) FROM contact_advisors WHERE contact_id = (SELECT max(id) - 1 FROM contacts)";
    assert_eq!(office.int(care), 4);
}

#[test]
fn contact_list_filters() {
    let office = Office::sample();
    let count = |args: &str| -> usize {
        let out = office.ok(&w(&format!("--format json contact list {args}")));
        json(&out).as_array().unwrap().len()
    };
    let live = office.int("SELECT count(*) FROM contacts WHERE voided_at IS NULL") as usize;
    assert_eq!(count(""), live);
    assert_eq!(count("--all"), live + 1);
    let in_2026 = "SELECT count(*) FROM contacts WHERE voided_at IS NULL AND on_date LIKE '2026%'";
    assert_eq!(count("--year 2026"), office.int(in_2026) as usize);
    assert_eq!(count("--advisor A0021 --year 2026 --kind visit"), 1);
    assert_eq!(count("--panel industry --kind 走访"), 15);
    assert_eq!(count("--festival 重阳"), 2);
    assert_eq!(count("--liaison L012 --kind home_visit"), 6);
    assert_eq!(count("--limit 3"), 3);
    let voided = "--format csv contact list --all --festival double_ninth --year 2026";
    let csv = csv_rows(&office.ok(&w(voided)));
    assert_eq!(csv[1].last().unwrap(), "重复录入（同日已按顾问团记录）");
    for (flag, value) in [
        ("--kind", "party"),
        ("--festival", "国庆"),
        ("--year", "twenty"),
        ("--liaison", "nobody"),
        ("--panel", "nowhere"),
    ] {
        let err = office.fails_en(3, &["contact", "list", flag, value]);
        assert!(err.contains(flag), "{err}");
    }
}

/// Every bad contact input the issue names: exit code, the field, nothing written.
#[test]
fn bad_contacts_are_refused_naming_the_field() {
    let office = Office::sample();
    let cases: &[(i32, &str, &str)] = &[
        (3, "--kind party", "--kind"),
        (3, "--kind greeting --festival 国庆", "--festival"),
        (3, "--kind visit --occasion birthday", "--occasion"),
        (3, "--kind visit --channel pigeon", "--channel"),
        (3, "--kind visit --date 2026-11-21", "--date"),
        (3, "--kind visit --date 2026-02-30", "--date"),
        (4, "--kind visit --date 2023-08-31", "--date"),
        (3, "--kind greeting", "--festival"),
        (3, "--kind visit --occasion festival", "--festival"),
        (
            3,
            "--kind visit --festival 春节 --occasion hardship",
            "--occasion",
        ),
        (3, "--kind report", "--event"),
        (3, "--kind report --event wedding", "--event"),
        (3, "--kind visit --event health", "--event"),
        (3, "--kind care", "--care"),
        (3, "--kind call --care health_check", "--care"),
        (3, "--kind visit --liaison nobody", "--liaison"),
        (3, "", "--kind"),
    ];
    for (code, extra, field) in cases {
        let line = format!("contact add --advisor A0001 {extra}");
        let err = office.fails_en(*code, &w(&line));
        assert!(err.contains(field), "{line}: {err}");
    }
    // Before the first appointment: the message gives its date.
    let early = "contact add --kind visit --advisor A0001 --date 2023-08-31";
    let err = office.fails_en(4, &w(early));
    assert!(
        err.contains("2023-09-01") && err.contains("first appointment"),
        "{err}"
    );
    // Never appointed (a pool expert), or no longer serving (resigned
    // 2025-06-30) beyond the 30 days after a term `due` still lists it for.
    let err = office.fails_en(4, &w("contact add --kind call --advisor A0040"));
    assert!(err.contains("--advisor") && err.contains("never"), "{err}");
    let gone = "contact add --kind call --advisor A0023 --date 2025-08-10";
    let err = office.fails_en(4, &w(gone));
    assert!(
        err.contains("--date") && err.contains("2025-06-29"),
        "{err}"
    );
    let err = office.fails_en(3, &w("contact add --kind call"));
    assert!(
        err.contains("--advisor") && err.contains("--panel"),
        "{err}"
    );
    let err = office.fails_en(
        4,
        &w("contact add --kind call --panel tourism --date 2023-01-05"),
    );
    assert!(err.contains("--panel"), "{err}");
    // Chinese messages name the field too.
    let err = office.fails(3, &w("contact add --advisor A0001 --kind 聚餐"));
    assert!(err.contains("--kind") && err.contains("联系方式"), "{err}");
}

#[test]
fn voiding_a_contact_keeps_it_with_its_reason() {
    let office = Office::sample();
    let add = "--format json contact add --kind call --advisor A0004";
    let id = json(&office.ok(&w(add)))["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let err = office.fails_en(3, &["contact", "void", &id]);
    assert!(err.contains("--reason"), "{err}");
    office.ok(&["contact", "void", &id, "--reason", "录错专家"]);
    let reason = format!("SELECT void_reason FROM contacts WHERE id = {id}");
    assert_eq!(office.text(&reason), "录错专家");
    let err = office.fails_en(4, &["contact", "void", &id, "--reason", "again"]);
    assert!(err.contains("already void"), "{err}");
    let err = office.fails_en(3, &w("contact void 9999 --reason x"));
    assert!(err.contains("9999"), "{err}");
    let voids = "SELECT count(*) FROM audit_log WHERE entity = 'contact' AND action = 'void'";
    assert_eq!(office.int(voids), 2, "the sample's and this one");
}

#[test]
fn panels_name_their_greeting_festivals() {
    let office = Office::sample();
    let panel = json(&office.ok(&w("--format json panel show tourism")));
    let festivals = "new_year,spring,dragon_boat,mid_autumn,double_ninth";
    assert_eq!(panel["panel"]["greeting_festivals"], festivals);
    office.ok(&w("panel edit urban --greetings 中秋、春节"));
    let stored = office.text("SELECT greeting_festivals FROM panels WHERE code = 'urban'");
    assert_eq!(stored, "spring,mid_autumn", "in calendar order");
    for bad in ["国庆", ","] {
        let err = office.fails_en(3, &["panel", "edit", "urban", "--greetings", bad]);
        assert!(err.contains("--greetings"), "{err}");
    }
}
