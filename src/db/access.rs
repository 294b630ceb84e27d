//! Why a sound database cannot be used by this account: the file or its
//! folder is not writable (a WAL database keeps its -wal and -shm files
//! beside it), or the file cannot be read. Told as such, with the path and
//! the fix, rather than as a damaged file. A file that can be read but not
//! written is opened to read only, as it stands.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{check_identity, current_version, database_error, known_version};

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

/// A file this account may read but not write (a copy on a read-only share
/// or disc, a folder of someone else's): opened to read as it stands, so a
/// leader can browse, report and export; every change is refused
/// (`Ctx::write`). Only a self-contained file at this binary's schema
/// version qualifies: a log beside it holding changes not yet in the file
/// would go unread, and an older file must be migrated, which writes.
pub(super) fn read_only(path: &Path) -> anyhow::Result<Connection> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(not_writable(path));
    }
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(&uri, flags) else {
        return Err(not_writable(path));
    };
    check_identity(&conn, path)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    known_version(version, current_version(), path)?;
    if version != current_version() {
        return Err(not_writable(path));
    }
    // No memory map here: a file on a share that went away would end the
    // process with a signal rather than an error.
    conn.pragma_update(None, "cache_size", -32_768)?;
    Ok(conn)
}

/// `path` for an SQLite `file:` URI: every byte but unreserved ones and `/`
/// percent-encoded (a `?` or `#` in a folder name would end the path).
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for byte in absolute.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(*byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Whether `conn` was opened to read only (`read_only`).
pub fn is_read_only(conn: &Connection) -> bool {
    conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
}

/// The refusal of a change to a database opened to read only.
pub fn read_only_refusal(conn: &Connection) -> anyhow::Error {
    let shown = conn.path().unwrap_or_default().to_string();
    database_error(crate::tr!(
        "{shown} 只能查看：本账户不能写入这个文件或它所在的文件夹，所以不能修改；请给当前用户写权限，或把数据库复制到可写的文件夹再修改",
        "{shown} can only be read: this account cannot write the file or its folder, so nothing can be changed; give this account write permission, or copy the database to a writable folder to change it",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_opened_to_read_only_reads_and_refuses_changes() {
        let dir = tempfile::tempdir().unwrap();
        // A folder name a URI would otherwise cut short.
        let folder = dir.path().join("备份 ?#%");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("roster.db");
        drop(crate::db::create(&path).unwrap());
        let conn = read_only(&path).unwrap();
        assert!(is_read_only(&conn));
        let panels: i64 = conn
            .query_row("SELECT count(*) FROM panels", [], |r| r.get(0))
            .unwrap();
        assert_eq!(panels, 0);
        assert!(conn.execute("DELETE FROM settings", []).is_err());
        let refusal = read_only_refusal(&conn);
        assert_eq!(
            crate::error::exit_code_for(&refusal),
            crate::error::exit::DATABASE
        );
        // A log beside the file holding changes not in it: not opened.
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        std::fs::write(&wal, b"pending").unwrap();
        assert!(read_only(&path).is_err());
    }
}
