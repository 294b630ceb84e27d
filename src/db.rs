//! Opening and creating the database file: pragmas, the migrations
//! (`migrate.rs`), the refusal of a file made by a newer binary, access
//! problems named (`access.rs`), and the whole-file operations
//! `backup` and `restore` build on: an online copy and the proof that a file
//! is a sound roster database.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::UserError;

mod access;
mod migrate;
mod tuning;
use access::{denied, is_permission, read_only};
pub use access::{is_read_only, read_only_refusal};
pub use migrate::MIGRATIONS;
#[cfg(test)]
use migrate::migrate_with;
use migrate::{known_version, migrate};
pub use tuning::{configure_library, constraints, end_on_bus_error, streaming};

/// How long a command waits for another process's write before giving up.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// `PRAGMA application_id` of a roster database ("ROST").
pub const APPLICATION_ID: i64 = 0x524F_5354;

/// How a command opens its database: read-write, never creating it, and
/// without SQLite's per-connection mutex (a `Connection` is used by one
/// thread at a time, as rusqlite itself assumes by default); bulk imports
/// spend a few percent of their time in that mutex otherwise.
fn open_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
}

/// The page size of a database `roster init` makes.
pub const PAGE_SIZE: i64 = 16_384;

/// The schema version this binary writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

fn database_error(message: String) -> anyhow::Error {
    anyhow::Error::from(UserError::Database(message))
}

/// Creates a new database at `path` (mode 0600 on Unix); refuses an existing file.
pub fn create(path: &Path) -> anyhow::Result<Connection> {
    let shown = path.display();
    if path.exists() {
        return Err(crate::invalid!(
            "{shown} 已存在；roster init 不会改动已有的数据库（如需重建，请先备份并移走该文件）",
            "{shown} already exists; roster init never touches an existing database (move it aside first if you mean to start over)",
        ));
    }
    crate::files::create_private(path).map_err(|e| {
        crate::invalid!(
            "无法创建 {shown}：{e}；请检查目录是否存在且可写",
            "cannot create {shown}: {e}; check that the folder exists and is writable",
        )
    })?;
    let mut conn = Connection::open_with_flags(path, open_flags())?;
    // 16 KiB pages (SQLite's default is 4): a bulk import commits a quarter
    // as many log frames (100,000 advisors: 0.10 s rather than 0.16).
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    configure(&conn)?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    for migration in MIGRATIONS {
        tx.execute_batch(migration)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", current_version())?;
    tx.commit()?;
    Ok(conn)
}

/// Opens an existing database, migrating it forward if it is older.
///
/// SQLite answers "busy" without waiting where waiting could deadlock: a
/// connection that read the file in rollback mode and must then write to
/// it (switching it to WAL, or migrating) while another process does the
/// same. The whole opening is then tried again, up to the busy timeout.
pub fn open(path: &Path) -> anyhow::Result<Connection> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match open_once(path) {
            Err(err) if is_busy(&err) && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            result => return result,
        }
    }
}

/// Whether `err` is SQLite's busy or locked.
fn is_busy(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<rusqlite::Error>().is_some_and(|e| {
            matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            )
        })
    })
}

fn open_once(path: &Path) -> anyhow::Result<Connection> {
    let shown = path.display();
    if !path.exists() {
        return Err(database_error(crate::tr!(
            "找不到数据库 {shown}；请先运行 roster init 创建（或用 --db / ROSTER_DB 指向已有的数据库）",
            "no database at {shown}; create one with `roster init` (or point --db / ROSTER_DB at an existing one)",
        )));
    }
    let mut conn = match Connection::open_with_flags(path, open_flags()) {
        Ok(conn) => conn,
        Err(err) if denied(&err) => return read_only(path),
        Err(err) => return Err(anyhow::Error::from(err).context(format!("opening {shown}"))),
    };
    // Wait for another process from the first read on: a file still in
    // rollback mode (an old one, a restored backup) is locked whole while
    // another process switches it to WAL or migrates it.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let prepared = (|| {
        check_identity(&conn, path)?;
        // A file from a newer binary is refused before anything (even WAL mode) touches it.
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        known_version(version, current_version(), path)?;
        configure(&conn)?;
        migrate(&mut conn, path)
    })();
    match prepared {
        Err(err) if is_permission(&err) => {
            drop(conn);
            read_only(path)
        }
        Err(err) => Err(err),
        Ok(()) => Ok(conn),
    }
}

/// A second connection to a database this process has already opened
/// (checked, migrated, in WAL mode), to read side by side with the first
/// (`Ctx::read_both`): it writes nothing.
pub fn reader(path: &Path) -> anyhow::Result<Connection> {
    let conn = Connection::open_with_flags(path, open_flags())?;
    // Not worth waiting for: the first connection can do its reads instead.
    conn.busy_timeout(std::time::Duration::from_millis(100))?;
    conn.pragma_update(None, "query_only", "ON")?;
    tuning::reading(&conn)?;
    Ok(conn)
}

/// Refuses a file that is not a roster database, before anything touches it.
pub(super) fn check_identity(conn: &Connection, path: &Path) -> anyhow::Result<()> {
    let shown = path.display();
    let not_roster = || {
        database_error(crate::tr!(
            "{shown} 不是 roster 数据库（或已损坏）；请检查路径，或从备份恢复",
            "{shown} is not a roster database (or is damaged); check the path or restore a backup",
        ))
    };
    let app_id: i64 = match conn.pragma_query_value(None, "application_id", |r| r.get(0)) {
        Ok(id) => id,
        // A sound file in a folder this account may not write.
        Err(err) if denied(&err) => return Err(err.into()),
        // Held by another program (an exclusive lock, a DB browser): the
        // "locked, retry" message, not "damaged, restore".
        Err(err)
            if err.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                || err.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseLocked) =>
        {
            return Err(err.into());
        }
        Err(_) => return Err(not_roster()),
    };
    if app_id != APPLICATION_ID {
        return Err(not_roster());
    }
    Ok(())
}

/// Pragmas every connection runs with: foreign keys, WAL, a busy timeout.
pub fn configure(conn: &Connection) -> anyhow::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        anyhow::bail!("could not switch the database to WAL mode (got {mode})");
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    tuning::reading(conn)?;
    Ok(())
}

/// Copies the whole database behind `from` into the existing, empty file
/// `dest` with SQLite's online backup API. The copy is taken in one step, so
/// it reads one snapshot: consistent while other processes keep writing
/// (WAL readers never block writers). The copy is left in rollback-journal
/// mode, one self-contained file; `open` switches it back to WAL when used.
pub fn copy_to(from: &Connection, dest: &Path) -> anyhow::Result<()> {
    use rusqlite::backup::{Backup, StepResult};
    let mut to = Connection::open_with_flags(dest, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    {
        let backup = Backup::new(from, &mut to)?;
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                // Busy or locked (the only other outcomes today): wait and retry.
                _ => {
                    if std::time::Instant::now() > deadline {
                        return Err(database_error(crate::tr!(
                            "数据库被其他进程占用，等待超时；请稍后重试",
                            "the database stayed locked by another process past the timeout; try again shortly",
                        )));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            }
        }
    }
    let _mode: String = to.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    to.close().map_err(|(_, err)| err)?;
    Ok(())
}

/// Proves that `conn` holds a sound roster database this binary can use:
/// the application id, a known schema version (older ones are migrated when
/// opened), `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
/// Problems are the user's file, named as `shown`: invalid input (exit 3).
pub fn verify(conn: &Connection, shown: &str) -> anyhow::Result<i64> {
    let not_roster = || {
        crate::invalid!(
            "{shown} 不是 roster 数据库（或已损坏）；请检查文件名，或换一个备份",
            "{shown} is not a roster database (or is damaged); check the file name or pick another backup",
        )
    };
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|_| not_roster())?;
    if app_id != APPLICATION_ID {
        return Err(not_roster());
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let current = current_version();
    if !(1..=current).contains(&version) {
        return Err(crate::invalid!(
            "{shown} 的结构版本为 {version}，本程序只支持 1 到 {current}；请用更新的 roster 处理它",
            "{shown} has schema version {version}; this roster knows versions 1 to {current} (a newer roster may read it)",
        ));
    }
    let damaged = |detail: String| {
        crate::invalid!(
            "{shown} 已损坏（{detail}）；请换一个备份",
            "{shown} is damaged ({detail}); pick another backup",
        )
    };
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|e| damaged(e.to_string()))?;
    if problems != ["ok"] {
        let first = problems.first().cloned().unwrap_or_default();
        let count = problems.len();
        return Err(damaged(format!(
            "integrity_check: {first} (+{})",
            count - 1
        )));
    }
    let orphans: Vec<(String, Option<i64>)> = conn
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|e| damaged(e.to_string()))?;
    if let Some((table, rowid)) = orphans.first() {
        let count = orphans.len();
        // Tables without rowids (link tables) name no row.
        let row = rowid.map(|id| format!(" #{id}")).unwrap_or_default();
        return Err(crate::invalid!(
            "{shown} 有 {count} 处外键不一致（如 {table}{row} 指向不存在的记录）；请换一个备份",
            "{shown} has {count} broken foreign key(s) (e.g. {table}{row} points at a missing record); pick another backup",
        ));
    }
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v1(path: &Path) -> Connection {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('office', 'Kaizhou')",
            [],
        )
        .unwrap();
        conn
    }

    #[test]
    fn a_failing_migration_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let mut conn = v1(&path);
        let broken = [
            MIGRATIONS[0],
            "CREATE TABLE half_done (x INTEGER); INSERT INTO half_done VALUES (1); SELECT no_such_function();",
        ];
        let err = migrate_with(&mut conn, &path, &broken).unwrap_err();
        assert!(err.to_string().contains('2'), "{err}");
        assert_eq!(
            crate::error::exit_code_for(&err),
            crate::error::exit::DATABASE
        );
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 1);
        let half: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(half, 0);
        let kept: String = conn
            .query_row("SELECT value FROM settings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, "Kaizhou");
    }

    #[test]
    fn migrations_run_once_and_versions_out_of_range_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let mut conn = v1(&path);
        migrate_with(&mut conn, &path, MIGRATIONS).unwrap();
        migrate_with(&mut conn, &path, MIGRATIONS).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, current_version());
        assert!(migrate_with(&mut conn, &path, &MIGRATIONS[..1]).is_err());
        conn.pragma_update(None, "user_version", -3).unwrap();
        assert!(migrate_with(&mut conn, &path, MIGRATIONS).is_err());
    }

    #[test]
    fn the_audit_log_is_append_only_after_migration_2() {
        let conn = Connection::open_in_memory().unwrap();
        for migration in MIGRATIONS {
            conn.execute_batch(migration).unwrap();
        }
        conn.execute(
            "INSERT INTO audit_log (id, at, operator, command, entity, action, prev_hash, hash)
             VALUES (1, 'now', 'op', 'roster', 'advisor', 'add', 'p', 'h')",
            [],
        )
        .unwrap();
        let update = conn.execute("UPDATE audit_log SET operator = 'mallory'", []);
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = conn.execute("DELETE FROM audit_log", []);
        assert!(delete.unwrap_err().to_string().contains("append-only"));
    }
}
