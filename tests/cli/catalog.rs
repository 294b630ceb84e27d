//! The bad-input catalog (issue #11, 4): one table of bad invocations
//! across every command. Each row gives the arguments, the exit code, and a
//! piece of text the message must contain (the flag or the problem); the
//! runner also proves that a full dump of the database is unchanged and that
//! no file was left behind in the office's folder.
//!
//! Append rows for a new command in `rows()` — wrong types, out-of-range
//! values, unknown names, wrong states, locked years, over-budget amounts,
//! oversize strings, control characters, SQL-looking text, bad paths.
//! In arguments `{dir}` is the office's folder and `{db}` its database; the
//! files `setup()` makes there (not-a-db.txt, other.db, newer.db, damaged.db,
//! orphan.db, good.db, existing.bak) are available to every row.
//! Messages are in English unless a row sets `--lang` itself.

use crate::common::Office;
use crate::safety::{damage, listing};

struct Bad {
    args: Vec<String>,
    code: i32,
    says: &'static str,
}

fn bad(code: i32, says: &'static str, args: &[&str]) -> Bad {
    Bad {
        args: args.iter().map(|a| a.to_string()).collect(),
        code,
        says,
    }
}

/// `base`, then each default flag the `extra` arguments do not give, then `extra`.
fn command(base: &[&str], defaults: &[(&str, &str)], extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = base.iter().map(|a| a.to_string()).collect();
    for (flag, value) in defaults {
        if !extra.contains(flag) {
            args.extend([flag.to_string(), value.to_string()]);
        }
    }
    args.extend(extra.iter().map(|a| a.to_string()));
    args
}

const SQL: &str = "'; DROP TABLE advisors; --";

#[rustfmt::skip] // a table: one invocation a line
fn rows() -> Vec<Bad> {
    let long_name = "名".repeat(51);
    let long_line = "单".repeat(201);
    let long_note = "注".repeat(4001);
    let long_code = "c".repeat(33);
    let panel = |extra: &[&str]| {
        command(
            &["panel", "add"],
            &[
                ("--code", "new"),
                ("--name", "新顾问团"),
                ("--kind", "advisory_panel"),
            ],
            extra,
        )
    };
    let advisor = |extra: &[&str]| {
        command(
            &["advisor", "add"],
            &[("--name", "测试专家"), ("--category", "pool_expert")],
            extra,
        )
    };
    let quota = |extra: &[&str]| {
        command(
            &["panel", "quota", "add", "health"],
            &[
                ("--subject", "contact"),
                ("--kinds", "visit"),
                ("--period", "year"),
                ("--scope", "advisor"),
                ("--min", "1"),
            ],
            extra,
        )
    };
    let with = |code: i32, says: &'static str, args: Vec<String>| Bad { args, code, says };
    vec![
        // Global options.
        bad(3, "--today", &["--today", "2026-02-30", "panel", "list"]),
        bad(3, "--today", &["--today", "tomorrow", "advisor", "list"]),
        bad(2, "xml", &["--format", "xml", "panel", "list"]),
        bad(2, "fr", &["--lang", "fr", "panel", "list"]),
        bad(3, "--operator", &["--operator", "bad\u{7}name", "panel", "list"]),
        bad(3, "--operator", &["--operator", &long_name, "panel", "list"]),
        bad(5, "roster init", &["--db", "{dir}/missing.db", "panel", "list"]),
        bad(5, "not a roster database", &["--db", "{dir}/not-a-db.txt", "panel", "list"]),
        bad(5, "not a roster database", &["--db", "{dir}/other.db", "advisor", "list"]),
        bad(5, "newer", &["--db", "{dir}/newer.db", "panel", "list"]),
        bad(2, "nosuchcommand", &["nosuchcommand"]),
        // init
        bad(3, "already exists", &["init"]),
        bad(3, "cannot create", &["--db", "{dir}/not-a-db.txt/x.db", "init"]),
        bad(3, "cannot create", &["--db", "{dir}/no/such/folder/x.db", "init"]),
        bad(2, "extra", &["init", "--sample", "extra"]),
        // panel
        bad(3, "--code", &["panel", "add"]),
        with(3, "--code", panel(&["--code", "a b"])),
        with(3, "--code", panel(&["--code", "123"])),
        with(3, "--code", panel(&["--code", &long_code])),
        with(3, "--code", panel(&["--code", SQL])),
        with(3, "--code", panel(&["--code", "health"])),
        with(3, "--name", panel(&["--name", "健康开州顾问团"])),
        with(3, "--name", panel(&["--name", "新\u{1b}[31m顾问团"])),
        with(3, "--name", panel(&["--name", &long_name])),
        with(3, "--kind", panel(&["--kind", "book_club"])),
        with(3, "--term-years", panel(&["--term-years", "0"])),
        with(3, "--term-years", panel(&["--term-years", "three"])),
        with(3, "--max-term-years", panel(&["--max-term-years", "99999999999999999999"])),
        with(3, "--notice-days", panel(&["--notice-days", "61"])),
        with(3, "--stipend", panel(&["--stipend=-5"])),
        with(3, "--stipend", panel(&["--stipend", "1.234"])),
        with(3, "--stipend", panel(&["--stipend", "99999999999999999999"])),
        with(3, "--steps", panel(&["--steps", "审定,初审"])),
        with(3, "--steps", panel(&["--steps", "vetted,lottery"])),
        with(3, "--contact-interval", panel(&["--contact-interval", "0"])),
        with(3, "--direct-renewal", panel(&["--direct-renewal", "maybe"])),
        with(3, "--lead-unit", panel(&["--lead-unit", &long_line])),
        with(3, "--notes", panel(&["--notes", &long_note])),
        bad(3, "no panel", &["panel", "show", "no-such-panel"]),
        bad(3, "no panel", &["panel", "show", SQL]),
        bad(3, "--term-years", &["panel", "edit", "health", "--term-years", "6"]),
        bad(3, "--term-years", &["panel", "edit", "health", "--max-term-years", "1"]),
        bad(3, "no panel", &["panel", "edit", "nowhere", "--notes", "x"]),
        bad(3, "--as-of", &["panel", "list", "--as-of", "2026-13-01"]),
        with(3, "--subject", quota(&["--subject", "gossip"])),
        with(3, "--min", quota(&["--min", "0"])),
        with(3, "--min", quota(&["--min", "1001"])),
        with(3, "--kinds", command(&["panel", "quota", "add", "health", "--subject", "contact", "--period", "year", "--scope", "advisor", "--min", "2"], &[], &[])),
        with(3, "--kinds", quota(&["--kinds", "teleport"])),
        with(3, "--period", quota(&["--period", "decade"])),
        with(3, "--scope", quota(&["--scope", "everyone"])),
        bad(3, "no duty", &["panel", "quota", "void", "99999", "--reason", "x"]),
        bad(2, "abc", &["panel", "quota", "void", "abc", "--reason", "x"]),
        bad(3, "--reason", &["panel", "quota", "void", "1"]),
        bad(3, "no panel", &["panel", "quota", "list", "--panel", "nowhere"]),
        // advisor
        bad(3, "--name", &["advisor", "add"]),
        with(3, "--category", advisor(&["--category", "astronaut"])),
        with(3, "--id-number", advisor(&["--id-number", "110105194912310021"])),
        with(3, "--id-number", advisor(&["--id-number", "1101051949"])),
        with(3, "--id-number", advisor(&["--id-number", "1234567890123456一X"])),
        with(3, "already on the roster", advisor(&["--id-number", "500234195803149374"])),
        with(3, "--id-number", advisor(&["--id-number", "110105203012310018"])),
        with(3, "--birth-date", advisor(&["--birth-date", "2023-02-30"])),
        with(3, "--birth-date", advisor(&["--birth-date", "2030-01-01"])),
        with(3, "--gender", advisor(&["--gender", "unknown"])),
        with(3, "--tier", advisor(&["--tier", "gold"])),
        with(3, "--phone", advisor(&["--phone", "12345"])),
        with(3, "--phone", advisor(&["--phone", SQL])),
        with(3, "--email", advisor(&["--email", "li@@example"])),
        with(3, "--work-start-year", advisor(&["--work-start-year", "1800"])),
        with(3, "--work-start-year", advisor(&["--work-start-year", "99999999999999999999999"])),
        with(3, "--work-start-year", advisor(&["--birth-date", "1990-01-01", "--work-start-year", "1995"])),
        with(3, "--stipend", advisor(&["--stipend", "0"])),
        with(3, "--stipend", advisor(&["--stipend", "1e5"])),
        with(3, "--stipend", advisor(&["--stipend=--5"])),
        with(3, "--notes", advisor(&["--notes", &long_note])),
        with(3, "--notes", advisor(&["--notes", "bell\u{7}"])),
        with(3, "--employer", advisor(&["--employer", &long_line])),
        with(3, "--native-abroad", advisor(&["--native-abroad", "perhaps"])),
        with(3, "--academician", advisor(&["--academician", "2"])),
        with(3, "--code", advisor(&["--code", SQL])),
        with(3, "--code", advisor(&["--code", "A0001"])),
        bad(3, "--name", &["advisor", "add", "--name", &long_name, "--category", "pool_expert"]),
        bad(3, "--name", &["advisor", "add", "--name", "\u{1b}[2J清屏", "--category", "pool_expert"]),
        bad(3, "no advisor", &["advisor", "show", "无此人"]),
        bad(3, "no advisor", &["advisor", "show", SQL]),
        bad(3, "no advisor", &["advisor", "edit", "A9999", "--phone", "13800001111"]),
        bad(3, "--birth-date", &["advisor", "edit", "A0001", "--birth-date", "1990-01-01"]),
        bad(3, "--gender", &["advisor", "edit", "A0001", "--gender", "female"]),
        bad(3, "--birth-date", &["advisor", "edit", "A0002", "--id-number", "500234195803149374"]),
        bad(3, "already on the roster", &["advisor", "edit", "A0002", "--id-number", "500234195803149374", "--birth-date", "1958-03-14", "--gender", "male"]),
        bad(3, "--name", &["advisor", "edit", "A0001", "--name", ""]),
        bad(3, "--category", &["advisor", "list", "--category", "bogus"]),
        bad(3, "--as-of", &["advisor", "list", "--as-of", "2026/2/30"]),
        bad(3, "--panel", &["advisor", "list", "--panel", "x' OR '1'='1"]),
        bad(2, "-1", &["advisor", "list", "--limit", "-1"]),
        bad(2, "WORDS", &["advisor", "search"]),
        bad(3, "WORDS", &["advisor", "search", "   "]),
        // log
        bad(3, "--since", &["log", "--since", "2026-02-30"]),
        bad(3, "--until", &["log", "--until", "yesterday"]),
        bad(2, "abc", &["log", "--limit", "abc"]),
        bad(2, "--id", &["log", "--id", "x"]),
        // backup
        bad(2, "FILE", &["backup"]),
        bad(3, "cannot create", &["backup", "{dir}/no/such/folder/b.db"]),
        bad(3, "cannot create", &["backup", "{dir}/not-a-db.txt/b.db"]),
        bad(3, "the database itself", &["backup", "{db}"]),
        bad(3, "--yes", &["backup", "{dir}/existing.bak"]),
        bad(3, "folder", &["backup", "{dir}"]),
        // restore
        bad(2, "FILE", &["restore"]),
        bad(3, "no backup file", &["--yes", "restore", "{dir}/missing.db"]),
        bad(3, "no backup file", &["--yes", "restore", "{dir}"]),
        bad(3, "not a readable roster database", &["--yes", "restore", "{dir}/not-a-db.txt"]),
        bad(3, "not a roster database", &["--yes", "restore", "{dir}/other.db"]),
        bad(3, "schema version 99", &["--yes", "restore", "{dir}/newer.db"]),
        bad(3, "damaged", &["--yes", "restore", "{dir}/damaged.db"]),
        bad(3, "foreign key", &["--yes", "restore", "{dir}/orphan.db"]),
        bad(3, "--yes", &["restore", "{dir}/good.db"]),
        bad(3, "the database itself", &["--yes", "restore", "{db}"]),
        // export
        bad(3, "unknown dataset", &["export", "nosuch"]),
        bad(3, "the database itself", &["export", "advisors", "--out", "{db}"]),
        bad(3, "--advisor", &["export", "ledger"]),
        bad(3, "no advisor", &["export", "ledger", "--advisor", "无此人"]),
        bad(3, "--year", &["export", "ledger", "--advisor", "A0001", "--year", "20x6"]),
        bad(3, "--year", &["export", "activities", "--year", "1066"]),
        bad(3, "--kind", &["export", "activities", "--kind", "party"]),
        bad(3, "--kind", &["export", "contacts", "--kind", "gossip"]),
        bad(3, "--from", &["export", "advice", "--from", "2026-02-30"]),
        bad(3, "--status", &["export", "advice", "--status", "lost"]),
        bad(3, "--status", &["export", "expenses", "--status", "lost"]),
        bad(3, "--state", &["export", "appointments", "--state", "bogus"]),
        bad(3, "--as-of", &["export", "liaisons", "--as-of", "2026-02-30"]),
        bad(3, "--as-of", &["export", "contacts", "--as-of", "2026-01-01"]),
        bad(3, "no panel", &["export", "assessments", "--panel", "nowhere"]),
        bad(3, "--advisor", &["export", "expenses", "--advisor", SQL]),
        bad(3, "--out", &["export", "recusals", "--out", "{dir}"]),
        // import
        bad(3, "can be exported but not imported", &["import", "ledger", "{dir}/bad-activities.csv"]),
        bad(3, "can be exported but not imported", &["import", "assessments", "{dir}/bad-activities.csv"]),
        bad(3, "cannot open", &["import", "activities", "{dir}/missing.csv"]),
        bad(3, "has no columns", &["import", "advice", "{dir}/not-a-db.txt"]),
        bad(3, "line 2, 专家编码", &["import", "activities", "{dir}/bad-activities.csv"]),
        bad(3, "line 3, 日期", &["import", "activities", "{dir}/bad-activities.csv"]),
        bad(3, "line 2, 金额(元)", &["import", "expenses", "{dir}/bad-expenses.csv"]),
        bad(3, "--on-duplicate", &["import", "contacts", "{dir}/bad-contacts.csv", "--on-duplicate", "update"]),
        bad(4, "第 2 行，专家：A0001 谭正清 从未获聘", &["--lang", "zh", "import", "contacts", "{dir}/bad-contacts.csv"]),
        bad(3, "missing required columns", &["import", "contacts", "{dir}/bad-expenses.csv", "--ignore-unknown"]),
        bad(3, "line 2, 联系人编码: no liaison", &["import", "liaison-assignments", "{dir}/bad-pairings.csv"]),
        // check
        bad(2, "--bogus", &["check", "--bogus"]),
        bad(3, "--only", &["check", "--only", "nosuch"]),
        bad(3, "--only", &["check", "--only", "integrity,'; DROP TABLE audit_log; --"]),
    ]
}

/// The files rows may point at.
fn setup(office: &Office) {
    std::fs::write(office.path("not-a-db.txt"), "名单\n").unwrap();
    std::fs::write(office.path("existing.bak"), "an older backup").unwrap();
    rusqlite::Connection::open(office.path("other.db"))
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    office.ok(&["backup", &office.arg("good.db")]);
    // Taking the backup wrote its audit row; the rows below start from here.
    std::fs::copy(office.path("good.db"), office.path("newer.db")).unwrap();
    rusqlite::Connection::open(office.path("newer.db"))
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    std::fs::copy(office.path("good.db"), office.path("orphan.db")).unwrap();
    rusqlite::Connection::open(office.path("orphan.db"))
        .unwrap()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO advice_advisors (advice_id, advisor_id) VALUES (77, 1);",
        )
        .unwrap();
    damage(&office.path("good.db"), &office.path("damaged.db"));
    std::fs::write(
        office.path("bad-activities.csv"),
        "日期,活动类型,议题,专家编码\n2026-03-02,专题研讨,研讨,A9999\n2026-02-30,专题研讨,研讨,A0001\n",
    )
    .unwrap();
    std::fs::write(
        office.path("bad-expenses.csv"),
        "日期,专家编码,类别,金额(元)\n2026-03-02,A0005,咨询费,1e5\n",
    )
    .unwrap();
    std::fs::write(
        office.path("bad-contacts.csv"),
        "日期,联系方式,专家\n2026-03-02,走访,A0001\n",
    )
    .unwrap();
    std::fs::write(
        office.path("bad-pairings.csv"),
        "联系人编码,专家编码,开始日期\nL001,A0001,someday\n",
    )
    .unwrap();
}

#[test]
fn every_bad_invocation_is_refused_naming_the_problem_and_changing_nothing() {
    let office = Office::people();
    setup(&office);
    let rows = rows();
    assert!(rows.len() >= 60, "the catalog has {} rows", rows.len());
    let dir = office.dir.path().display().to_string();
    let db = office.db.display().to_string();
    let files = listing(office.dir.path());
    for row in rows {
        let mut args: Vec<String> = row
            .args
            .iter()
            .map(|a| a.replace("{dir}", &dir).replace("{db}", &db))
            .collect();
        if !args.iter().any(|a| a == "--lang") {
            args.splice(0..0, ["--lang".to_string(), "en".to_string()]);
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = office.fails(row.code, &refs);
        assert!(
            err.contains(row.says),
            "roster {refs:?}: the message does not name {:?}:\n{err}",
            row.says
        );
        assert!(
            !err.contains("panicked"),
            "roster {refs:?} panicked:\n{err}"
        );
        assert_eq!(
            listing(office.dir.path()),
            files,
            "roster {refs:?} left files behind"
        );
    }
}

/// SQL-looking text is data: stored and found literally, never executed.
#[test]
fn sql_looking_text_is_stored_literally() {
    let office = Office::people();
    office.ok(&[
        "advisor",
        "add",
        "--name",
        SQL,
        "--category",
        "pool_expert",
        "--notes",
        "1; DELETE FROM audit_log",
    ]);
    office.ok(&[
        "panel",
        "add",
        "--code",
        "bobby",
        "--name",
        "Robert'); DROP TABLE panels;--",
        "--kind",
        "advisory_panel",
    ]);
    assert_eq!(
        office.text("SELECT name FROM advisors WHERE code = 'A0041'"),
        SQL
    );
    assert_eq!(office.int("SELECT count(*) FROM advisors"), 41);
    assert_eq!(office.int("SELECT count(*) FROM panels"), 12);
    assert!(office.ok(&["advisor", "show", SQL]).contains("A0041"));
    assert!(
        office
            .ok(&["panel", "show", "Robert'); DROP TABLE panels;--"])
            .contains("bobby")
    );
    // Full-text search syntax in the words is quoted, not interpreted.
    for words in [SQL, "\"", "NEAR(a b)", "* OR name:x", "a AND NOT b"] {
        office.ok(&["advisor", "search", words]);
    }
    office.ok(&["check"]);
}
