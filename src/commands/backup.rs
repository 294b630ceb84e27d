//! `roster backup FILE`: a consistent copy of the live database (SQLite's
//! online backup API, one read snapshot, so clerks keep working meanwhile),
//! written private (0600) under a temporary name and renamed into place, so
//! FILE is either the previous file or a whole backup, never half of one.

use crate::cli::backup::BackupArgs;
use crate::context::Ctx;
use crate::files::{self, Staged};

pub fn run(ctx: &Ctx, args: &BackupArgs) -> anyhow::Result<()> {
    let dest = &args.file;
    let shown = dest.display().to_string();
    if dest.is_dir() {
        return Err(crate::invalid!(
            "FILE：{shown} 是一个文件夹；请给出文件名，如 {shown}/roster-backup.db",
            "FILE: {shown} is a folder; give a file name, e.g. {shown}/roster-backup.db",
        ));
    }
    if let Some(db) = ctx.conn.path().filter(|p| !p.is_empty()) {
        if files::is_database(dest, std::path::Path::new(db)) {
            return Err(crate::invalid!(
                "FILE：{shown} 就是数据库本身；请换一个备份文件名",
                "FILE: {shown} is the database itself; choose another file for the backup",
            ));
        }
    }
    if dest.exists() {
        ctx.confirm(&crate::tr!(
            "{shown} 已存在，要用新的备份替换它吗？",
            "{shown} already exists; replace it with a new backup?"
        ))?;
    }
    let staged = Staged::new(dest).map_err(|e| {
        crate::invalid!(
            "FILE：无法创建 {shown}：{e}；请检查文件夹是否存在且可写",
            "FILE: cannot create {shown}: {e}; check that the folder exists and is writable",
        )
    })?;
    crate::db::copy_to(&ctx.conn, staged.path())?;
    let counts = {
        let copy = rusqlite::Connection::open(staged.path())?;
        crate::sample::counts(&copy)?
    };
    staged.commit()?;
    let file = std::fs::canonicalize(dest).unwrap_or_else(|_| dest.clone());
    ctx.write(|tx| {
        let after = serde_json::json!({ "file": file.display().to_string() });
        crate::audit::record(tx, tx.env, "database", None, "backup", None, Some(&after))
    })?;
    crate::output::print_done(
        &ctx.env,
        &crate::tr!(
            "已备份到 {shown}：{counts}",
            "backed up to {shown}: {counts}"
        ),
        "database",
        0,
        None,
    )
}
