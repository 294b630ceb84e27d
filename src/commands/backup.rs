//! `roster backup FILE`: a consistent copy of the live database (SQLite's
//! online backup API, one read snapshot, so clerks keep working meanwhile),
//! written private (0600) under a temporary name and renamed into place, so
//! FILE is either the previous file or a whole backup, never half of one.
//! A damaged database is not backed up (exit 5). The copy needs no write
//! lock, so a clerk's long import does not stop the nightly backup: the file
//! is put in place first, then its audit row is written (waiting for the
//! write lock up to the busy timeout). A row that still cannot be written
//! leaves the backup standing: a warning on stderr, exit 0 — the row records
//! a copy of the database, not personal data leaving it (`export
//! --unmasked` refuses instead).

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
        sound(&copy)?;
        crate::sample::counts(&copy)?
    };
    let file = std::fs::canonicalize(files::folder_of(dest))
        .map(|folder| folder.join(dest.file_name().unwrap_or_default()))
        .unwrap_or_else(|_| dest.clone());
    staged
        .commit()
        .map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    let after = serde_json::json!({ "file": file.display().to_string() });
    let recorded = ctx.write(|tx| {
        crate::audit::record(tx, tx.env, "database", None, "backup", None, Some(&after))
    });
    if let Err(err) = recorded {
        let why = crate::error::explain_sqlite(&err).unwrap_or_else(|| format!("{err:#}"));
        crate::output::print_warning(
            &ctx.env,
            &crate::tr!(
                "警告：备份已写好，但审计日志未能记下这次备份（{why}）",
                "warning: the backup was written, but the audit log could not record it ({why})"
            ),
        );
    }
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

/// A copy SQLite's quick check finds sound: a damaged database is not
/// backed up as if it were good (exit 5, and no file is written).
fn sound(copy: &rusqlite::Connection) -> anyhow::Result<()> {
    let problems: Vec<String> = copy
        .prepare("PRAGMA quick_check")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_else(|err| vec![err.to_string()]);
    // A CHECK broken in the data is `check`'s finding, not damage: backed up.
    if let Some(first) = problems
        .iter()
        .find(|line| crate::check::database::is_file_damage(line))
    {
        return Err(crate::error::UserError::Database(crate::tr!(
            "数据库文件已损坏（{first}），未写入备份；请运行 roster check，并用最近的完好备份恢复（roster restore）",
            "the database file is damaged ({first}); no backup was written — run roster check and restore the latest sound backup (roster restore)"
        ))
        .into());
    }
    Ok(())
}
