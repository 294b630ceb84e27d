//! Why a sound database cannot be used by this account: the file or its
//! folder is not writable (a WAL database keeps its -wal and -shm files
//! beside it), or the file cannot be read. Told as such, with the path and
//! the fix, rather than as a damaged file.

use std::path::Path;

use super::database_error;

/// Whether SQLite could not open or write a file it found: the file or
/// its folder is not writable (a WAL database needs its `-shm` file).
pub(super) fn is_permission(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|cause| cause.downcast_ref::<rusqlite::Error>().is_some_and(denied))
}

pub(super) fn denied(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
    )
}

/// A sound file roster may not write: which of the file and its folder
/// refuses, and the fix (not "restore a backup").
pub(super) fn not_writable(path: &Path) -> anyhow::Error {
    let shown = path.display();
    if std::fs::File::open(path).is_err() {
        return database_error(crate::tr!(
            "无法读取 {shown}：没有读取权限；请检查文件的权限",
            "cannot read {shown}: permission denied; check the file's permissions",
        ));
    }
    let file = std::fs::OpenOptions::new().write(true).open(path).is_ok();
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // A file made and removed at once: the one sure test on every system
    // (permissions, ACLs, a read-only mount).
    let probe = folder.join(format!(".roster-probe-{}", std::process::id()));
    let in_folder = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .is_ok();
    if in_folder {
        let _ = std::fs::remove_file(&probe);
    }
    let folder = folder.display();
    let what = match (file, in_folder) {
        (false, true) => crate::tr!("文件不可写", "the file is not writable"),
        (true, false) => crate::tr!(
            "所在的文件夹 {folder} 不可写",
            "its folder {folder} is not writable"
        ),
        _ => crate::tr!(
            "文件和所在的文件夹 {folder} 都不可写",
            "the file and its folder {folder} are not writable"
        ),
    };
    database_error(crate::tr!(
        "无法使用 {shown}：{what}（打开数据库时要写入文件，并在它旁边建立 -wal 和 -shm 文件）；请给当前用户写权限，或把数据库复制到可写的文件夹再用",
        "cannot use {shown}: {what} (roster writes to the database when it opens it, and keeps -wal and -shm files beside it); give this account write permission, or copy the database to a writable folder and use the copy",
    ))
}
