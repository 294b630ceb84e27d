//! Schema evolution (issue #11, 9): a database made by the first schema
//! (migration 1, `schema.sql` alone) opens with this binary, migrates in one
//! transaction and loses nothing; a failing migration leaves it as it was.
//!
//! The fixture `tests/fixtures/v1.db` is made by `write_v1_fixture` from
//! `schema.sql` and a few panels, advisors and audit rows. While migration 1
//! is unreleased and `schema.sql` still changes, regenerate it with
//!
//! ```sh
//! ROSTER_WRITE_FIXTURE=1 cargo test --test cli write_v1_fixture
//! ```
//!
//! `the_fixture_matches_schema_sql` fails (saying so) until it is. Once
//! released, `schema.sql` never changes again and neither does the fixture.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde_json::json;

use crate::common::{Office, dump, json as parse_json};

const SCHEMA_V1: &str = include_str!("../../schema.sql");

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.db")
}

/// An office whose database is a copy of the v1 fixture.
fn v1_office() -> Office {
    let office = Office::bare();
    std::fs::copy(fixture(), &office.db).expect("tests/fixtures/v1.db");
    office
}

#[test]
fn write_v1_fixture() {
    if std::env::var_os("ROSTER_WRITE_FIXTURE").is_none() {
        return;
    }
    let path = fixture();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let temp = path.with_extension("db.new");
    let _ = std::fs::remove_file(&temp);
    let mut conn = Connection::open(&temp).unwrap();
    conn.execute_batch(SCHEMA_V1).unwrap();
    conn.pragma_update(None, "application_id", roster::db::APPLICATION_ID)
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    let env = roster::context::Env {
        format: roster::output::Format::Table,
        lang: roster::i18n::Lang::Zh,
        operator: "fixture".into(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        yes: true,
        interactive: false,
        command: "roster (v1 fixture)".into(),
        quiet: true,
    };
    let tx = conn.transaction().unwrap();
    let now = "2026-11-20T09:00:00+08:00";
    let add = |table: &str, entity: &str, id: i64| {
        let after = roster::audit::snapshot(&tx, table, id).unwrap();
        roster::audit::record(&tx, &env, entity, Some(id), "add", None, Some(&after)).unwrap();
    };
    for (id, code, name, kind) in [
        (1, "committee", "开州区决策咨询委员会", "expert_committee"),
        (
            2,
            "growth",
            "渝东北川东北重要增长极顾问团",
            "advisory_panel",
        ),
        (3, "health", "健康开州顾问团", "advisory_panel"),
    ] {
        tx.execute(
            "INSERT INTO panels (id, code, name, kind, lead_unit, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, '区政府办公室', ?5, ?5)",
            rusqlite::params![id, code, name, kind, now],
        )
        .unwrap();
        add("panels", "panel", id);
    }
    tx.execute(
        "INSERT INTO panel_quotas (id, panel_id, subject, kinds, period, scope, min_count, note)
         VALUES (1, 2, 'contact', 'visit,home_visit', 'year', 'advisor', 2, 'seed 000')",
        [],
    )
    .unwrap();
    add("panel_quotas", "panel_quota", 1);
    for (id, name, category, first17) in [
        (1, "谭正清", "decision_expert", "50023419580314937"),
        (2, "冉玉华", "decision_expert", "50023419660902356"),
        (3, "李国栋", "government_advisor", "50023419640719483"),
        (4, "王德明", "tech_advisor", "50023419570512463"),
        (5, "姜小川", "pool_expert", "50011219980601397"),
    ] {
        let number = format!(
            "{first17}{}",
            roster::input::idcard::check_char(first17).unwrap()
        );
        let info = roster::input::idcard::parse("--id-number", &number).unwrap();
        tx.execute(
            "INSERT INTO advisors (id, code, name, gender, birth_date, id_number, category, employer,
                 fields, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '重庆大学', '区域经济、产业政策', ?8, ?8)",
            rusqlite::params![
                id,
                format!("A{id:04}"),
                name,
                if info.male { "male" } else { "female" },
                roster::input::date::iso(info.birth_date),
                number,
                category,
                now
            ],
        )
        .unwrap();
        add("advisors", "advisor", id);
    }
    let before = roster::audit::snapshot(&tx, "advisors", 1).unwrap();
    tx.execute("UPDATE advisors SET phone = '13800001111' WHERE id = 1", [])
        .unwrap();
    let after = roster::audit::snapshot(&tx, "advisors", 1).unwrap();
    roster::audit::record(
        &tx,
        &env,
        "advisor",
        Some(1),
        "edit",
        Some(&before),
        Some(&after),
    )
    .unwrap();
    tx.commit().unwrap();
    conn.execute_batch("VACUUM").unwrap();
    drop(conn);
    std::fs::rename(&temp, &path).unwrap();
    eprintln!("wrote {}", path.display());
}

/// The schema objects of a database, for comparison.
fn objects(conn: &Connection) -> Vec<(String, String, Option<String>)> {
    conn.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_fixture_matches_schema_sql() {
    let office = v1_office();
    let conn = office.conn();
    assert_eq!(office.int("PRAGMA user_version"), 1);
    assert_eq!(
        office.int("PRAGMA application_id"),
        roster::db::APPLICATION_ID
    );
    let fresh = Connection::open_in_memory().unwrap();
    fresh.execute_batch(SCHEMA_V1).unwrap();
    assert!(
        objects(&conn) == objects(&fresh),
        "tests/fixtures/v1.db was made by another schema.sql. While migration 1 is \
         unreleased, regenerate it: ROSTER_WRITE_FIXTURE=1 cargo test --test cli write_v1_fixture \
         (once released, schema.sql must not change: append a migration instead)"
    );
}

#[test]
fn a_v1_database_opens_migrates_and_loses_nothing() {
    let office = v1_office();
    let before = dump(&office.conn());
    assert!(before.starts_with("user_version 1\n"));
    let list = office.ok(&["--format", "csv", "advisor", "list"]);
    for name in ["谭正清", "冉玉华", "李国栋", "王德明", "姜小川"] {
        assert!(list.contains(name), "{name} lost: {list}");
    }
    let current = roster::db::current_version();
    let after = dump(&office.conn());
    // Migration 4 gives every panel seed 001's limits (70, 5), migration 5
    // every yearly duty its due day at the period's end (0), as new last
    // columns; migrations 10 to 12 add tables, empty. Apart from them every
    // row is as it was.
    const NEW_TABLES: &[&str] = &[
        "roster_reviews",
        "needs",
        "need_matches",
        "station_reviews",
        "advisor_tiers",
    ];
    let mut added: Option<&str> = None;
    let mut new_table = false;
    let after: String = after
        .lines()
        .map(|line| {
            if let Some(table) = line.strip_prefix("== ") {
                new_table = NEW_TABLES.contains(&table);
                added = match table {
                    "panels" => Some("|70|5"),
                    "panel_quotas" => Some("|0"),
                    _ => None,
                };
                if new_table {
                    return String::new();
                }
            } else if new_table {
                panic!("a table new in a migration holds a row: {line}");
            } else if let Some(suffix) = added {
                let kept = line
                    .strip_suffix(suffix)
                    .unwrap_or_else(|| panic!("not migrated with {suffix}: {line}"));
                return format!("{kept}\n");
            }
            format!("{line}\n")
        })
        .collect();
    assert_eq!(
        after.replacen(&format!("user_version {current}\n"), "user_version 1\n", 1),
        before,
        "every row of every table survives the migration"
    );
    assert_eq!(
        office.int("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_log_no_%'"),
        2
    );
    // The v1 audit chain verifies, and new work continues it.
    office.ok(&["check"]);
    office.ok(&["advisor", "edit", "A0005", "--title", "工程师"]);
    office.ok(&["check"]);
    // The search index, made again by migration 13, finds everyone and
    // follows an edit.
    let found = office.ok(&["--format", "csv", "advisor", "search", "重庆大学"]);
    assert_eq!(found.lines().count(), 6, "{found}");
    office.ok(&["advisor", "edit", "A0005", "--fields", "深海探测"]);
    let found = office.ok(&["--format", "csv", "advisor", "search", "深海探测"]);
    assert!(
        found.contains("A0005") && found.lines().count() == 2,
        "{found}"
    );
    assert_eq!(
        office.text("SELECT phone FROM advisors WHERE code = 'A0001'"),
        "13800001111"
    );
    // A script reads it masked, as a masked export has it; the table in full.
    let shown = parse_json(&office.ok(&["--format", "json", "advisor", "show", "A0001"]));
    assert_eq!(shown["advisor"]["phone"], json!("138****1111"));
    assert!(
        office
            .ok(&["advisor", "show", "A0001"])
            .contains("13800001111")
    );
}

#[test]
fn a_failing_migration_leaves_the_file_as_it_was() {
    let office = v1_office();
    // Something in the way of migration 2's second trigger: the first is
    // created, then the second fails, and all of it must roll back.
    office
        .conn()
        .execute_batch(
            "CREATE TRIGGER audit_log_no_delete AFTER INSERT ON settings BEGIN SELECT 1; END;",
        )
        .unwrap();
    let err = office.fails_en(5, &["panel", "list"]);
    assert!(
        err.contains("migration 2") && err.contains("left as it was"),
        "{err}"
    );
    assert_eq!(office.int("PRAGMA user_version"), 1);
    assert_eq!(
        office.int("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log_no_update'"),
        0,
        "the first half of the migration was rolled back"
    );
}

#[test]
fn an_old_backup_is_restored_and_brought_up_to_date() {
    let office = Office::sample();
    std::fs::copy(fixture(), office.path("2026-old.db")).unwrap();
    office.ok(&["--yes", "restore", &office.arg("2026-old.db")]);
    assert_eq!(office.int("SELECT count(*) FROM advisors"), 5);
    assert_eq!(
        office.int("PRAGMA user_version"),
        roster::db::current_version()
    );
    // The backup file itself was only read.
    let old = Connection::open(office.path("2026-old.db")).unwrap();
    let version: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    office.ok(&["check"]);
}

#[test]
fn migration_6_takes_reported_events_out_of_the_last_contacts() {
    // A file from before migration 6, whose triggers took a reported event
    // (seed 004 五报告, sent in by the advisor's unit) for the office's last
    // contact with the advisor: `due` then never said they were owed one.
    let office = v1_office();
    office
        .conn()
        .execute_batch(
            "INSERT INTO contacts (id, on_date, kind, event, created_at) VALUES
                (1, '2026-03-01', 'visit', NULL, '2026-03-01T09:00:00+08:00'),
                (2, '2026-09-01', 'report', 'health', '2026-09-01T09:00:00+08:00'),
                (3, '2026-10-01', 'report', 'post_change', '2026-10-01T09:00:00+08:00'),
                (4, '2026-06-01', 'call', NULL, '2026-06-01T09:00:00+08:00');
             INSERT INTO contact_advisors (contact_id, advisor_id) VALUES (1, 1), (2, 1), (3, 2), (4, 3), (2, 3);",
        )
        .unwrap();
    let last = |office: &Office| {
        office.text(
            "SELECT IFNULL(group_concat(row, '; '), '') FROM (SELECT advisor_id || ' ' || last_on || ' ' ||
             IFNULL(visit_on, '-') AS row FROM contact_last ORDER BY advisor_id)",
        )
    };
    assert_eq!(
        last(&office),
        "1 2026-09-01 2026-03-01; 2 2026-10-01 -; 3 2026-09-01 -",
        "the old triggers"
    );
    office.ok(&["advisor", "list"]);
    assert_eq!(
        office.int("PRAGMA user_version"),
        roster::db::current_version()
    );
    // Rebuilt from the contacts: the reports are gone from it, the visit
    // (三必访 reads it) stays; A0002 has had nothing but a report.
    assert_eq!(last(&office), "1 2026-03-01 2026-03-01; 3 2026-06-01 -");
    // The new triggers keep it so: another report moves nothing, voiding
    // the call leaves A0003 without a contact.
    office
        .conn()
        .execute_batch(
            "INSERT INTO contacts (id, on_date, kind, event, created_at) VALUES
                (5, '2026-11-01', 'report', 'achievement', '2026-11-01T09:00:00+08:00');
             INSERT INTO contact_advisors (contact_id, advisor_id) VALUES (5, 1), (5, 2);
             UPDATE contacts SET voided_at = '2026-11-02T09:00:00+08:00', void_reason = 'x' WHERE id = 4;",
        )
        .unwrap();
    assert_eq!(last(&office), "1 2026-03-01 2026-03-01");
    // A new database ends with the same schema as a migrated one.
    let fresh = Office::empty();
    assert!(
        objects(&office.conn()) == objects(&fresh.conn()),
        "a migrated file and a new one differ in schema"
    );
}
