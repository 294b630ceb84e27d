//! Opening and creating the database file: pragmas, the migration runner
//! (schema.sql is migration 1; later ones are appended, never edited), and
//! the refusal of a file made by a newer binary.

use std::path::Path;

use anyhow::Context as _;
use rusqlite::{Connection, OpenFlags};

use crate::error::UserError;

/// The migrations, in order. Never remove or reorder one; append.
pub const MIGRATIONS: &[&str] = &[include_str!("../schema.sql")];

/// `PRAGMA application_id` of a roster database ("ROST").
pub const APPLICATION_ID: i64 = 0x524F_5354;

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
    create_private_file(path).map_err(|e| {
        crate::invalid!(
            "无法创建 {shown}：{e}；请检查目录是否存在且可写",
            "cannot create {shown}: {e}; check that the folder exists and is writable",
        )
    })?;
    let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
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

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(|_| ())
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map(|_| ())
}

/// Opens an existing database, migrating it forward if it is older.
pub fn open(path: &Path) -> anyhow::Result<Connection> {
    let shown = path.display();
    if !path.exists() {
        return Err(database_error(crate::tr!(
            "找不到数据库 {shown}；请先运行 roster init 创建（或用 --db / ROSTER_DB 指向已有的数据库）",
            "no database at {shown}; create one with `roster init` (or point --db / ROSTER_DB at an existing one)",
        )));
    }
    let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .with_context(|| format!("opening {shown}"))?;
    check_identity(&conn, path)?;
    configure(&conn)?;
    migrate(&mut conn, path)?;
    Ok(conn)
}

/// Refuses a file that is not a roster database, before anything touches it.
fn check_identity(conn: &Connection, path: &Path) -> anyhow::Result<()> {
    let shown = path.display();
    let not_roster = || {
        database_error(crate::tr!(
            "{shown} 不是 roster 数据库（或已损坏）；请检查路径，或从备份恢复",
            "{shown} is not a roster database (or is damaged); check the path or restore a backup",
        ))
    };
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|_| not_roster())?;
    if app_id != APPLICATION_ID {
        return Err(not_roster());
    }
    Ok(())
}

/// Pragmas every connection runs with: foreign keys, WAL, a busy timeout.
pub fn configure(conn: &Connection) -> anyhow::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        anyhow::bail!("could not switch the database to WAL mode (got {mode})");
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// Applies `MIGRATIONS[user_version..]` in one exclusive transaction.
fn migrate(conn: &mut Connection, path: &Path) -> anyhow::Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let current = current_version();
    if version > current {
        let shown = path.display();
        return Err(database_error(crate::tr!(
            "{shown} 的结构版本为 {version}，比本程序支持的 {current} 新；请升级 roster 后再使用",
            "{shown} has schema version {version}, newer than this roster understands ({current}); upgrade roster to use it",
        )));
    }
    if version == current {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(migration)
            .with_context(|| format!("applying migration {}", index + 1))?;
    }
    tx.pragma_update(None, "user_version", current)?;
    tx.commit()?;
    Ok(())
}
