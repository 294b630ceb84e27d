//! The foundation: init, the database file, panels, advisors, the input and
//! output layers, and the audit log.

use crate::common::{Office, csv_rows, json};

#[test]
fn init_creates_a_private_file_and_refuses_to_touch_it_again() {
    let office = Office::bare();
    let out = office.ok(&["init"]);
    assert!(out.contains("已创建"), "{out}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&office.db).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let err = office.fails(3, &["init"]);
    assert!(err.contains("已存在"), "{err}");
    assert_eq!(
        office.int("PRAGMA user_version"),
        roster::db::current_version()
    );
    assert_eq!(office.text("PRAGMA journal_mode"), "wal");
}

#[test]
fn a_missing_database_is_never_created_by_accident() {
    let office = Office::bare();
    let out = office.cmd().args(["advisor", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&office.db.display().to_string()) && err.contains("roster init"),
        "{err}"
    );
    assert!(!office.db.exists());
    // The festival calendar and a rule-file check read no office.
    for args in [
        &["festivals", "2027"][..],
        &["assess", "rules", "check", "samples/rules/erenhot.toml"],
    ] {
        let out = office.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(!out.stdout.is_empty());
    }
    assert!(!office.db.exists());
}

#[test]
fn a_database_from_a_newer_binary_or_another_program_is_refused() {
    let office = Office::empty();
    office
        .conn()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = office.fails_en(5, &["panel", "list"]);
    assert!(err.contains("newer") && err.contains("99"), "{err}");

    let other = Office::bare();
    rusqlite::Connection::open(&other.db)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let out = other
        .cmd()
        .args(["--lang", "en", "panel", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a roster database"));
}

#[test]
fn the_sample_office_has_the_committee_ten_panels_and_forty_advisors() {
    let office = Office::sample();
    assert_eq!(
        office.int("SELECT count(*) FROM panels WHERE kind = 'advisory_panel'"),
        10
    );
    assert_eq!(
        office.int("SELECT count(*) FROM panels WHERE kind = 'expert_committee'"),
        1
    );
    assert!(office.int("SELECT count(*) FROM advisors") >= 40);
    let list = office.ok(&["panel", "list"]);
    for name in [
        "开州区决策咨询委员会",
        "健康开州顾问团",
        "全市重要绿色工业集聚区顾问团",
        "区经济信息委",
    ] {
        assert!(list.contains(name), "{name} missing from\n{list}");
    }
    // Every sample ID number passes the tool's own check (re-validated by an edit).
    assert_eq!(
        office.int(
            "SELECT count(*) FROM advisors WHERE id_number IS NOT NULL AND length(id_number) <> 18"
        ),
        0
    );
}

#[test]
fn panels_are_added_shown_and_edited() {
    let office = Office::empty();
    office.ok(&[
        "panel",
        "add",
        "--code",
        "eh",
        "--name",
        "二连浩特市人民政府顾问",
        "--kind",
        "advisory_panel",
        "--lead-unit",
        "市人力资源和社会保障局",
        "--term-years",
        "2",
        "--steps",
        "初审、背调、审核、审定、公示",
    ]);
    let shown = json(&office.ok(&["--format", "json", "panel", "show", "eh"]));
    assert_eq!(
        shown["panel"]["steps"],
        "vetted,checked,reviewed,approved,publicized"
    );
    assert_eq!(shown["panel"]["term_years"], 2);
    assert_eq!(shown["panel"]["notice_days"], 7);
    // A panel without a public notice shows no notice days (QA r6: it
    // showed 公示天数 7 for Guangxi's 审核/审定 procedure).
    office.ok(&[
        "panel",
        "add",
        "--code",
        "gx",
        "--name",
        "广西科技顾问",
        "--kind",
        "advisory_panel",
        "--steps",
        "reviewed,approved",
    ]);
    let gx = json(&office.ok(&["--format", "json", "panel", "show", "gx"]));
    assert!(gx["panel"]["notice_days"].is_null(), "{gx}");
    office.ok(&[
        "panel",
        "edit",
        "eh",
        "--notice-days",
        "10",
        "--stipend",
        "300,000",
    ]);
    assert_eq!(
        office.int("SELECT notice_days FROM panels WHERE code = 'eh'"),
        10
    );
    assert_eq!(
        office.int("SELECT stipend_fen FROM panels WHERE code = 'eh'"),
        30_000_000
    );
    let err = office.fails_en(3, &["panel", "edit", "eh", "--steps", "reviewed,vetted"]);
    assert!(err.contains("--steps") && err.contains("order"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "panel",
            "edit",
            "eh",
            "--term-years",
            "4",
            "--max-term-years",
            "3",
        ],
    );
    assert!(err.contains("--term-years"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "panel",
            "add",
            "--code",
            "eh",
            "--name",
            "x",
            "--kind",
            "advisory_panel",
        ],
    );
    assert!(err.contains("--code") && err.contains("already"), "{err}");
}

const GOOD_ID: &str = "11010519491231002X";

#[test]
fn an_advisor_is_added_with_details_taken_from_the_id_number() {
    let office = Office::empty();
    let out = office.ok(&[
        "advisor",
        "add",
        "--name",
        "李明远",
        "--category",
        "科技顾问",
        "--id-number",
        &GOOD_ID.to_lowercase(),
        "--employer",
        "重庆大学",
        "--fields",
        "集成电路，微电子",
        "--phone",
        "138 1234 5678",
        "--email",
        "Li.MY@cqu.edu.cn",
        "--work-start-year",
        "1972",
    ]);
    assert!(out.contains("A0001"), "{out}");
    let conn = office.conn();
    let (gender, birth, id, fields, phone, email): (
        String,
        String,
        String,
        String,
        String,
        String,
    ) = conn
        .query_row(
            "SELECT gender, birth_date, id_number, fields, phone, email FROM advisors",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .unwrap();
    assert_eq!(
        (
            gender.as_str(),
            birth.as_str(),
            id.as_str(),
            fields.as_str(),
            phone.as_str(),
            email.as_str()
        ),
        (
            "female",
            "1949-12-31",
            GOOD_ID,
            "集成电路、微电子",
            "13812345678",
            "li.my@cqu.edu.cn"
        )
    );
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "王强",
        "--category",
        "tech_advisor",
        "--birth-date",
        "1970年3月5日",
    ]);
    assert_eq!(
        office.text("SELECT code FROM advisors WHERE name = '王强'"),
        "A0002"
    );
    assert_eq!(
        office.text("SELECT birth_date FROM advisors WHERE name = '王强'"),
        "1970-03-05"
    );
}

#[test]
fn bad_advisor_input_is_refused_naming_the_field_and_changes_nothing() {
    let office = Office::sample();
    let existing_id = office.text("SELECT id_number FROM advisors WHERE code = 'A0001'");
    let long_name = "名".repeat(51);
    let long_employer = "单位".repeat(150);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--id-number", "110105194912310021"], "--id-number"),
        (vec!["--id-number", &existing_id], "--id-number"),
        (vec!["--id-number", "1101051949"], "--id-number"),
        (vec!["--birth-date", "2023-02-30"], "--birth-date"),
        (vec!["--birth-date", "2030-01-01"], "--birth-date"),
        (vec!["--gender", "unknown"], "--gender"),
        (vec!["--tier", "gold"], "--tier"),
        (vec!["--phone", "12345"], "--phone"),
        (vec!["--email", "li@@example"], "--email"),
        (vec!["--employer", &long_employer], "--employer"),
        (vec!["--work-start-year", "1800"], "--work-start-year"),
        (vec!["--notes", "bad\u{7}bell"], "--notes"),
    ];
    for (extra, field) in cases {
        let mut args = vec![
            "advisor",
            "add",
            "--name",
            "测试专家",
            "--category",
            "pool_expert",
        ];
        args.extend(extra);
        let err = office.fails_en(3, &args);
        assert!(
            err.contains(field),
            "{args:?}: message does not name {field}: {err}"
        );
    }
    let err = office.fails_en(
        3,
        &["advisor", "add", "--name", " ", "--category", "pool_expert"],
    );
    assert!(err.contains("--name") && err.contains("empty"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "advisor",
            "add",
            "--name",
            &long_name,
            "--category",
            "pool_expert",
        ],
    );
    assert!(err.contains("--name") && err.contains("too long"), "{err}");
    let err = office.fails_en(
        3,
        &["advisor", "add", "--name", "x", "--category", "astronaut"],
    );
    assert!(
        err.contains("--category") && err.contains("tech_advisor"),
        "{err}"
    );
}

#[test]
fn missing_values_without_a_terminal_name_every_flag() {
    let office = Office::empty();
    let err = office.fails_en(3, &["advisor", "add"]);
    assert!(
        err.contains("--name") && err.contains("--category"),
        "{err}"
    );
    let err = office.fails_en(3, &["panel", "add", "--code", "x1"]);
    assert!(
        err.contains("--name") && err.contains("--kind") && !err.contains("--code"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2_in_the_readers_language() {
    let office = Office::empty();
    let err = office.fails(2, &["advisor", "show"]);
    assert!(
        err.contains("缺少必填参数：<ADVISOR>") && err.contains("用法：roster advisor show"),
        "{err}"
    );
    let err = office.fails(2, &["advisor", "shw"]);
    assert!(
        err.contains("没有子命令“shw”") && err.contains("“show”"),
        "{err}"
    );
    let err = office.fails_en(2, &["advisor", "show"]);
    assert!(err.contains("required arguments"), "{err}");
    // Help is not an error.
    let out = office.cmd().args(["advisor", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn unknown_and_ambiguous_names_are_refused_with_the_candidates() {
    let office = Office::sample();
    let err = office.fails_en(3, &["advisor", "show", "无此人"]);
    assert!(
        err.contains("no advisor") && err.contains("advisor search"),
        "{err}"
    );
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "周敏",
        "--category",
        "pool_expert",
        "--employer",
        "西南大学",
    ]);
    let err = office.fails_en(3, &["advisor", "edit", "周敏", "--title", "教授"]);
    assert!(
        err.contains("several") && err.contains("A0006") && err.contains("A0041"),
        "{err}"
    );
    let err = office.fails_en(3, &["advisor", "list", "--panel", "no-such-panel"]);
    assert!(err.contains("--panel") && err.contains("no panel"), "{err}");
    // By code and by id both work.
    assert!(
        office
            .ok(&["advisor", "show", "A0041"])
            .contains("西南大学")
    );
    assert!(office.ok(&["advisor", "show", "41"]).contains("西南大学"));
}

#[test]
fn labels_follow_the_language() {
    let office = Office::sample();
    let zh = office.ok(&["advisor", "list", "--category", "tech_advisor"]);
    assert!(zh.contains("姓名") && zh.contains("科技顾问"), "{zh}");
    let en = office.ok_en(&["advisor", "list", "--category", "科技顾问"]);
    assert!(
        en.contains("name") && en.contains("tech advisor") && !en.contains("科技顾问"),
        "{en}"
    );
}

#[test]
fn csv_and_json_carry_the_same_rows() {
    let office = Office::sample();
    let csv = office.ok_en(&["--format", "csv", "advisor", "list"]);
    let json = json(&office.ok(&["--format", "json", "advisor", "list"]));
    let rows = csv_rows(&csv);
    let items = json.as_array().unwrap();
    assert_eq!(rows.len() - 1, items.len());
    assert_eq!(rows[0][1], "code");
    for (row, item) in rows[1..].iter().zip(items) {
        assert_eq!(row[0], item["id"].to_string());
        assert_eq!(row[1], item["code"].as_str().unwrap());
        assert_eq!(row[2], item["name"].as_str().unwrap());
        assert_eq!(row[6], item["employer"].as_str().unwrap_or(""));
        let category = item["category"].as_str().unwrap().replace('_', " ");
        assert_eq!(row[4], category);
    }
}

#[test]
fn search_finds_chinese_substrings_and_follows_edits() {
    let office = Office::sample();
    let hits = office.ok(&["--format", "csv", "advisor", "search", "集成电路"]);
    assert!(
        hits.contains("孙宏宇") && hits.contains("张振华") && hits.contains("程博文"),
        "{hits}"
    );
    let hits = office.ok(&["--format", "csv", "advisor", "search", "中医"]);
    assert!(hits.contains("任杰") && hits.contains("罗晓燕"), "{hits}");
    assert!(
        !office
            .ok(&["--format", "csv", "advisor", "search", "量子通信"])
            .contains("A00")
    );
    office.ok(&["advisor", "edit", "A0033", "--fields", "量子通信、光电子"]);
    let hits = office.ok(&["--format", "csv", "advisor", "search", "量子通信"]);
    assert!(hits.contains("朱丽华"), "{hits}");
    assert!(
        !office
            .ok(&["--format", "csv", "advisor", "search", "传感器"])
            .contains("朱丽华")
    );
    // Every word must match.
    let hits = office.ok(&[
        "--format",
        "csv",
        "advisor",
        "search",
        "集成电路",
        "重庆邮电",
    ]);
    assert_eq!(csv_rows(&hits).len(), 2, "{hits}");
}

#[test]
fn every_change_is_audited_with_before_and_after() {
    let office = Office::empty();
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "李明远",
        "--category",
        "tech_advisor",
        "--id-number",
        GOOD_ID,
    ]);
    office.ok(&["advisor", "edit", "A0001", "--phone", "13900001111"]);
    office.ok(&["advisor", "edit", "A0001", "--phone", "13900001111"]); // no change, no row
    assert_eq!(office.int("SELECT count(*) FROM audit_log"), 2);
    let conn = office.conn();
    let (operator, action, before, after, command): (String, String, String, String, String) = conn
        .query_row(
            "SELECT operator, action, before, after, command FROM audit_log WHERE id = 2",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!((operator.as_str(), action.as_str()), ("tester", "edit"));
    assert!(json(&before)["phone"].is_null());
    assert_eq!(json(&after)["phone"], "13900001111");
    assert!(
        command.starts_with("roster ") && command.contains("--phone"),
        "{command}"
    );
    // No full ID number anywhere in the log.
    let all: String = conn
        .prepare("SELECT command || IFNULL(before, '') || IFNULL(after, '') FROM audit_log")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        !all.contains(GOOD_ID) && all.contains("110105********002X"),
        "{all}"
    );
    let log = office.ok_en(&["log", "--entity", "advisor", "--id", "1"]);
    assert!(log.contains("phone: (empty) → 13900001111"), "{log}");
    let log = json(&office.ok(&["--format", "json", "log", "--by", "nobody"]));
    assert_eq!(log.as_array().unwrap().len(), 0);
    // Scripts get each record before and after in full (the phone masked,
    // as an export masks it), not only the one-line summary.
    let log = json(&office.ok(&["--format", "json", "log", "--limit", "1"]));
    let after = &log[0]["after"];
    assert_eq!(after["name"], "李明远");
    assert_eq!(after["phone"], "139****1111");
    assert!(log[0]["before"]["phone"].is_null());
    let export = office.ok(&["export", "audit"]);
    assert!(
        export.contains("变更后") && export.contains("李明远"),
        "{export}"
    );
    // Nothing in the script formats holds the full phone number: not the
    // summary of the change, not the command line.
    for format in ["json", "csv"] {
        let all = office.ok(&["--format", format, "log"]);
        assert!(
            !all.contains("13900001111") && all.contains("139****1111"),
            "{all}"
        );
    }
}

#[test]
fn dates_are_accepted_in_every_documented_form() {
    let office = Office::empty();
    for (i, typed) in ["1960-03-05", "1960/3/5", "1960.3.5", "1960年3月5日"]
        .iter()
        .enumerate()
    {
        let name = format!("专家{i}");
        office.ok(&[
            "advisor",
            "add",
            "--name",
            &name,
            "--category",
            "pool_expert",
            "--birth-date",
            typed,
        ]);
    }
    assert_eq!(
        office.int("SELECT count(DISTINCT birth_date) FROM advisors"),
        1
    );
    assert_eq!(
        office.text("SELECT birth_date FROM advisors LIMIT 1"),
        "1960-03-05"
    );
    let err = office.fails_en(3, &["--today", "2026-13-01", "advisor", "list"]);
    assert!(err.contains("--today"), "{err}");
}

#[test]
fn percent_and_underscore_are_searched_for_literally() {
    let office = Office::sample();
    let count = |args: &[&str]| {
        let mut all = vec!["--format", "json", "advisor"];
        all.extend_from_slice(args);
        crate::common::json(&office.ok(&all))
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(office.int("SELECT count(*) FROM advisors WHERE instr(name || employer || fields || ifnull(notes, ''), '%') > 0"), 0);
    assert_eq!(count(&["list", "--text", "%"]), 0);
    assert_eq!(count(&["list", "--text", "_"]), 0);
    assert_eq!(count(&["list", "--field", "%"]), 0);
    assert_eq!(count(&["search", "%"]), 0);
    office.ok(&[
        "advisor",
        "edit",
        "A0001",
        "--notes",
        "成果转化率提高 50%_试点",
    ]);
    assert_eq!(count(&["list", "--text", "50%_"]), 1);
    assert_eq!(count(&["search", "%_"]), 1);
}

#[test]
fn a_panel_keeps_the_steps_its_open_appointments_stand_at() {
    // Two tech nominations stand at 初审 (vetted): dropping that step would
    // strand them, so it is refused; dropping an unused one is not.
    let office = Office::sample();
    let err = office.fails_en(
        4,
        &["panel", "edit", "tech", "--steps", "reviewed,approved"],
    );
    assert!(
        err.contains("--steps") && err.contains("2 appointment(s)") && err.contains("vetted"),
        "{err}"
    );
    office.ok(&[
        "panel",
        "edit",
        "tech",
        "--steps",
        "vetted,checked,reviewed,approved",
    ]);
    assert_eq!(
        office.text("SELECT steps FROM panels WHERE code = 'tech'"),
        "vetted,checked,reviewed,approved"
    );
}

/// A script's variable set but empty (`ROSTER_DB=`, `ROSTER_LANG=`) counts
/// as not set: the default file and language, not a usage error.
#[test]
fn an_empty_environment_variable_counts_as_not_set() {
    let office = Office::sample();
    let out = office
        .process()
        .env("ROSTER_LANG", "")
        .args(["settings", "list"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("设置项"));
    let elsewhere = tempfile::TempDir::new().unwrap();
    let out = office
        .process()
        .env("ROSTER_DB", "")
        .current_dir(elsewhere.path())
        .args(["settings", "list"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{err}");
    assert!(
        err.contains("roster.db") && err.contains("roster init"),
        "{err}"
    );
}

/// A script's CSV or JSON is data only, and never silently short: when a
/// listing's limit leaves rows out (`log` shows 50 by default, `advisor
/// search` 20, `due` a number per kind), stderr says so and how to get all;
/// `--limit 0` is all for `advisor search` as for every listing.
#[test]
fn a_cut_listing_says_so_on_stderr_and_limit_0_is_all() {
    let office = Office::sample();
    let run = |args: &[&str]| {
        let out = office.process().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        (
            csv_rows(&String::from_utf8_lossy(&out.stdout)).len() - 1,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (all, quiet) = run(&["--format", "csv", "advisor", "search", "学", "--limit", "0"]);
    assert!(all > 3 && quiet.is_empty(), "{all} {quiet}");
    let (three, said) = run(&["--format", "csv", "advisor", "search", "学", "--limit", "3"]);
    assert_eq!(three, 3);
    assert!(said.contains("--limit 0"), "{said}");
    let (exact, quiet) = run(&[
        "--format",
        "csv",
        "advisor",
        "search",
        "学",
        "--limit",
        &all.to_string(),
    ]);
    assert_eq!((exact, quiet.as_str()), (all, ""));
    let (fifty, said) = run(&["--format", "csv", "log"]);
    assert_eq!(fifty, 50);
    assert!(said.contains("50") && said.contains("--limit 0"), "{said}");
    office.ok(&["settings", "set", "due.list_limit", "3"]);
    let (_, said) = run(&["--format", "csv", "due"]);
    assert!(said.contains("--all"), "{said}");
    let (_, quiet) = run(&["--format", "csv", "due", "--all"]);
    assert!(quiet.is_empty(), "{quiet}");
}

/// A full disk is said as such, with the fix, not as a failure to report
/// to the maintainers (writing to /dev/full).
#[test]
fn a_full_disk_is_named_not_reported_as_a_bug() {
    let office = Office::sample();
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not Linux
    };
    let out = office
        .process()
        .args(["--format", "csv", "advisor", "list"])
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("磁盘已满") && !err.contains("维护人员"),
        "{err}"
    );
}
