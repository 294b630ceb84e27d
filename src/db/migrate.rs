//! The migration runner: schema.sql is migration 1; later ones are
//! appended, never edited, and a file is brought up to date in one
//! exclusive transaction (a failing migration leaves it as it was).

use std::path::Path;

use rusqlite::Connection;

use super::database_error;

/// The migrations, in order. Never remove, reorder or edit one; append.
/// Each runs inside the one transaction that brings a file up to date.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../schema.sql"),
    include_str!("../migrations/0002_audit_append_only.sql"),
    include_str!("../migrations/0003_advisor_code_nocase.sql"),
    include_str!("../migrations/0004_panel_eligibility.sql"),
    include_str!("../migrations/0005_quota_lead_days.sql"),
    include_str!("../migrations/0006_reports_are_not_contacts.sql"),
    include_str!("../migrations/0007_routine_care_is_no_visit.sql"),
    include_str!("../migrations/0008_dated_leadership.sql"),
    include_str!("../migrations/0009_seed004_grounds_and_kinds.sql"),
    include_str!("../migrations/0010_roster_reviews.sql"),
    include_str!("../migrations/0011_needs_and_station_reviews.sql"),
    include_str!("../migrations/0012_tier_history.sql"),
    include_str!("../migrations/0013_leaner_advisor_indexes.sql"),
];

/// Applies `MIGRATIONS[user_version..]` in one exclusive transaction.
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> anyhow::Result<()> {
    migrate_with(conn, path, MIGRATIONS)
}

/// Refuses a schema version this binary cannot use.
pub(super) fn known_version(version: i64, current: i64, path: &Path) -> anyhow::Result<()> {
    let shown = path.display();
    if version > current {
        return Err(database_error(crate::tr!(
            "{shown} 的结构版本为 {version}，比本程序支持的 {current} 新；请升级 roster 后再使用",
            "{shown} has schema version {version}, newer than this roster understands ({current}); upgrade roster to use it",
        )));
    }
    if version < 0 {
        return Err(database_error(crate::tr!(
            "{shown} 的结构版本 {version} 无效，文件可能已损坏；请运行 roster check 或从备份恢复",
            "{shown} carries an impossible schema version ({version}) and may be damaged; run `roster check` or restore a backup",
        )));
    }
    Ok(())
}

/// Brings the file up to `migrations.len()`. All of it happens in one
/// exclusive transaction: a failing migration leaves the file as it was.
pub(super) fn migrate_with(
    conn: &mut Connection,
    path: &Path,
    migrations: &[&str],
) -> anyhow::Result<()> {
    let current = migrations.len() as i64;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    known_version(version, current, path)?;
    if version == current {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    // Another process may have migrated the file while this one waited for the lock.
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    known_version(version, current, path)?;
    for (index, migration) in migrations.iter().enumerate().skip(version as usize) {
        if let Err(err) = tx.execute_batch(migration) {
            let (shown, number) = (path.display(), index + 1);
            return Err(database_error(crate::tr!(
                "{shown} 无法升级到结构版本 {current}：第 {number} 号迁移失败（{err}）；文件未被改动，请继续使用旧版 roster 并报告此问题",
                "{shown} could not be upgraded to schema version {current}: migration {number} failed ({err}); the file was left as it was — keep using the older roster and report this",
            )));
        }
    }
    bump_schema_version(&tx)?;
    tx.pragma_update(None, "user_version", current)?;
    tx.commit()?;
    Ok(())
}

/// Tells every other connection to the file to reread its schema. A
/// migration may change a CHECK by editing the table's SQL in
/// sqlite_schema (SQLite's documented way, without copying the table:
/// migration 9), which SQLite does not count as a schema change; the last
/// step of that procedure is this increment of the schema version.
fn bump_schema_version(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "schema_version", version + 1)
}
