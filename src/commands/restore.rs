//! `roster restore FILE`: replaces the database with a backup, safely.
//!
//! 1. FILE is copied (online backup API, so a live or WAL-mode FILE is read
//!    consistently) to a private temporary file beside the database, and the
//!    copy is proven sound (`db::verify`): nothing is replaced otherwise.
//! 2. The user confirms (or `--yes`).
//! 3. The copy is brought up to this binary's schema and records the restore
//!    in its own audit log.
//! 4. The current database's write-ahead log is folded in (refused if
//!    another process is using it), the file is kept aside as
//!    `DB.replaced-YYYYMMDD-HHMMSS` (a hard link, so the live name never goes
//!    missing), and the copy is synced and renamed over the database.
//!
//! A crash at any moment leaves the database either as it was or restored,
//! at worst with a stray temporary file or an extra kept-aside copy.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::cli::backup::RestoreArgs;
use crate::context::{Ctx, Env};
use crate::error::UserError;
use crate::files::{self, Staged};

pub fn run(db: &Path, env: Env, args: &RestoreArgs) -> anyhow::Result<()> {
    let source = &args.file;
    let shown = source.display().to_string();
    let target = db.display().to_string();
    if !source.is_file() {
        return Err(crate::invalid!(
            "FILE：找不到备份文件 {shown}；请检查路径",
            "FILE: there is no backup file {shown}; check the path",
        ));
    }
    if files::same_file(source, db) {
        return Err(crate::invalid!(
            "FILE：{shown} 就是数据库本身，无需恢复",
            "FILE: {shown} is the database itself; there is nothing to restore",
        ));
    }
    let staged = Staged::new(db).map_err(|e| {
        crate::invalid!(
            "--db：无法在 {target} 所在的文件夹中写入：{e}；请检查文件夹是否存在且可写",
            "--db: cannot write in the folder of {target}: {e}; check that it exists and is writable",
        )
    })?;
    copy_from(source, &shown, staged.path())?;
    let (version, incoming) = {
        let copy = Connection::open(staged.path())?;
        let named = crate::tr!("FILE：{shown}", "FILE: {shown}");
        let version = crate::db::verify(&copy, &named)?;
        (version, crate::sample::counts(&copy)?)
    };

    let aside = db.exists().then(|| aside_name(db));
    let question = match &aside {
        Some(aside) => {
            let current = current_counts(db);
            let kept = aside.display();
            crate::tr!(
                "用 {shown}（{incoming}）替换 {target}（{current}）吗？原数据库将保留为 {kept}",
                "replace {target} ({current}) with {shown} ({incoming})? The current database is kept as {kept}"
            )
        }
        None => crate::tr!(
            "{target} 不存在；要从 {shown}（{incoming}）恢复出它吗？",
            "{target} does not exist; restore it from {shown} ({incoming})?"
        ),
    };
    crate::context::confirm(&env, &question)?;

    record_restore(&env, staged.path(), source, aside.as_deref(), version)?;
    if let Some(aside) = &aside {
        fold_wal(db, &target)?;
        keep_aside(db, aside)?;
    }
    staged.commit()?;
    let message = match &aside {
        Some(aside) => {
            let kept = aside.display();
            crate::tr!(
                "已从 {shown} 恢复 {target}：{incoming}；原数据库保留为 {kept}",
                "restored {target} from {shown}: {incoming}; the replaced database is kept as {kept}"
            )
        }
        None => crate::tr!(
            "已从 {shown} 恢复 {target}：{incoming}",
            "restored {target} from {shown}: {incoming}"
        ),
    };
    crate::output::print_done(&env, &message, "database", 0, None)
}

/// Copies FILE into `dest` without writing to FILE (read-only connection).
fn copy_from(source: &Path, shown: &str, dest: &Path) -> anyhow::Result<()> {
    let unreadable = |e: &dyn std::fmt::Display| {
        crate::invalid!(
            "FILE：{shown} 不是可读取的 roster 数据库（{e}）；请检查文件名，或换一个备份",
            "FILE: {shown} is not a readable roster database ({e}); check the file name or pick another backup",
        )
    };
    let from = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| unreadable(&e))?;
    from.busy_timeout(crate::db::BUSY_TIMEOUT)?;
    crate::db::copy_to(&from, dest).map_err(|e| {
        if e.downcast_ref::<UserError>().is_some() {
            e
        } else {
            unreadable(&format!("{e:#}"))
        }
    })
}

/// `DB.replaced-YYYYMMDD-HHMMSS`, with `-2`, `-3`… if taken.
fn aside_name(db: &Path) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let base = files::with_suffix(db, &format!(".replaced-{stamp}"));
    let mut candidate = base.clone();
    let mut n = 2;
    while candidate.exists() {
        candidate = files::with_suffix(&base, &format!("-{n}"));
        n += 1;
    }
    candidate
}

/// A summary of the current database, or a word on why there is none.
fn current_counts(db: &Path) -> String {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(anyhow::Error::from)
        .and_then(|conn| crate::sample::counts(&conn))
        .unwrap_or_else(|_| crate::tr!("无法读取，可能已损坏", "unreadable, perhaps damaged"))
}

/// Migrates the checked copy to this binary's schema and writes the restore
/// into its audit log, then closes it (which folds its WAL back in).
fn record_restore(
    env: &Env,
    copy: &Path,
    source: &Path,
    aside: Option<&Path>,
    version: i64,
) -> anyhow::Result<()> {
    let conn = crate::db::open(copy)?;
    let ctx = Ctx {
        env: env.clone(),
        conn,
    };
    let from = std::fs::canonicalize(source).unwrap_or_else(|_| source.to_path_buf());
    ctx.write(|tx| {
        let after = serde_json::json!({
            "from": from.display().to_string(),
            "schema_version": version,
            "replaced_kept_as": aside.map(|p| p.display().to_string()),
        });
        crate::audit::record(tx, tx.env, "database", None, "restore", None, Some(&after))
    })?;
    ctx.conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Folds the live database's write-ahead log into the file, so the file
/// alone holds every committed change. Refuses while another process is
/// reading or writing; a damaged file is kept aside as it is.
fn fold_wal(db: &Path, target: &str) -> anyhow::Result<()> {
    let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE) else {
        return Ok(());
    };
    conn.busy_timeout(crate::db::BUSY_TIMEOUT)?;
    let in_use = || {
        anyhow::Error::from(UserError::Database(crate::tr!(
            "{target} 正被其他 roster 进程使用；请在无人操作时再恢复",
            "{target} is in use by another roster process; restore when nobody else is working"
        )))
    };
    match conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(0) => {}
        Ok(_) => return Err(in_use()),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => {
            return Err(in_use());
        }
        Err(_) => {} // not readable as a database: kept aside as it is
    }
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Keeps the current database under `aside` without the live name ever
/// going missing: a hard link (a copy where links are not supported). A
/// write-ahead log that could not be folded in moves with it.
fn keep_aside(db: &Path, aside: &Path) -> anyhow::Result<()> {
    if std::fs::hard_link(db, aside).is_err() {
        std::fs::copy(db, aside)?;
        std::fs::File::open(aside)?.sync_all()?;
    }
    let wal = files::with_suffix(db, "-wal");
    if let Ok(meta) = std::fs::metadata(&wal) {
        if meta.len() > 0 {
            std::fs::rename(&wal, files::with_suffix(aside, "-wal"))?;
        } else {
            std::fs::remove_file(&wal)?;
        }
    }
    let shm = files::with_suffix(db, "-shm");
    if shm.exists() {
        std::fs::remove_file(&shm)?;
    }
    files::sync_folder(&files::folder_of(db))?;
    Ok(())
}
