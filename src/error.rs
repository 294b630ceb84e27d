//! The errors a user can cause, each with its documented exit code.
//!
//! Handlers return `anyhow::Result`; anything that is not one of these is an
//! unexpected failure (exit 1). `main` is the only place that prints an error
//! or chooses an exit code.

use thiserror::Error;

/// Exit codes of record (DESIGN.md, "Exit codes").
pub mod exit {
    pub const OK: i32 = 0;
    pub const UNEXPECTED: i32 = 1;
    pub const USAGE: i32 = 2;
    pub const INVALID: i32 = 3;
    pub const REFUSED: i32 = 4;
    pub const DATABASE: i32 = 5;
    pub const DUE: i32 = 6;
}

#[derive(Debug, Error)]
pub enum UserError {
    /// Malformed or unknown input; nothing was written (exit 3).
    #[error("{0}")]
    Invalid(String),
    /// Well-formed input refused by a rule: wrong state, locked year, over budget (exit 4).
    #[error("{0}")]
    Refused(String),
    /// The database is missing, locked past the timeout, damaged or too new (exit 5).
    #[error("{0}")]
    Database(String),
    /// `due --fail-on-due` found something due (exit 6); the listing was already printed.
    #[error("{0}")]
    Due(String),
}

impl UserError {
    pub fn exit_code(&self) -> i32 {
        match self {
            UserError::Invalid(_) => exit::INVALID,
            UserError::Refused(_) => exit::REFUSED,
            UserError::Database(_) => exit::DATABASE,
            UserError::Due(_) => exit::DUE,
        }
    }
}

/// `invalid!("…", "…")`: an `anyhow::Error` carrying `UserError::Invalid`, message
/// in the user's language (zh first, en second; inline `{captures}` allowed).
#[macro_export]
macro_rules! invalid {
    ($zh:literal, $en:literal $(,)?) => {
        ::anyhow::Error::from($crate::error::UserError::Invalid($crate::tr!($zh, $en)))
    };
}

/// `refused!("…", "…")`: an `anyhow::Error` carrying `UserError::Refused`.
#[macro_export]
macro_rules! refused {
    ($zh:literal, $en:literal $(,)?) => {
        ::anyhow::Error::from($crate::error::UserError::Refused($crate::tr!($zh, $en)))
    };
}

/// Chooses the exit code for an error chain: a `UserError` anywhere in the
/// chain decides; SQLite's busy, corrupt and not-a-database errors are
/// database trouble (5); anything else is unexpected (1).
pub fn exit_code_for(err: &anyhow::Error) -> i32 {
    for cause in err.chain() {
        if let Some(user) = cause.downcast_ref::<UserError>() {
            return user.exit_code();
        }
        if cause
            .downcast_ref::<rusqlite::Error>()
            .is_some_and(is_garbled_text)
        {
            return exit::DATABASE;
        }
        if let Some(sql) = cause.downcast_ref::<rusqlite::Error>()
            && let Some(code) = sql.sqlite_error_code()
        {
            use rusqlite::ErrorCode::*;
            if matches!(
                code,
                DatabaseBusy
                    | DatabaseLocked
                    | DatabaseCorrupt
                    | NotADatabase
                    | CannotOpen
                    | ReadOnly
                    | DiskFull
            ) {
                return exit::DATABASE;
            }
        }
    }
    exit::UNEXPECTED
}

/// Text in the file that is not UTF-8: roster writes only UTF-8, so the
/// file is damaged (exit 5), whatever SQLite's own checks say.
pub fn is_garbled_text(err: &rusqlite::Error) -> bool {
    match err {
        rusqlite::Error::Utf8Error(..) => true,
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => {
            inner.is::<std::str::Utf8Error>() || inner.is::<std::string::FromUtf8Error>()
        }
        // Raised inside one of roster's SQL functions (exports), it reaches
        // here as SQLite's error with the decoder's message.
        rusqlite::Error::SqliteFailure(_, Some(message)) => {
            message.starts_with("invalid utf-8") || message.starts_with("incomplete utf-8")
        }
        _ => false,
    }
}

/// A readable sentence for SQLite's own failures, so a clerk never sees only
/// "database is locked".
pub fn explain_sqlite(err: &anyhow::Error) -> Option<String> {
    for cause in err.chain() {
        if cause
            .downcast_ref::<rusqlite::Error>()
            .is_some_and(is_garbled_text)
        {
            return Some(crate::tr!(
                "数据库文件中有损坏的文字（不是 UTF-8）；请运行 roster check，或从备份恢复（roster restore）",
                "the database file holds damaged text (not UTF-8); run `roster check` or restore a backup (`roster restore`)"
            ));
        }
        if let Some(sql) = cause.downcast_ref::<rusqlite::Error>()
            && let Some(code) = sql.sqlite_error_code()
        {
            use rusqlite::ErrorCode::*;
            let text = match code {
                DatabaseBusy | DatabaseLocked => crate::tr!(
                    "数据库被其他进程占用，等待超时；请稍后重试",
                    "the database stayed locked by another process past the timeout; try again shortly"
                ),
                DatabaseCorrupt | NotADatabase => crate::tr!(
                    "数据库文件已损坏或不是 roster 数据库；请运行 roster check，或从备份恢复（roster restore）",
                    "the database file is damaged or not a roster database; run `roster check` or restore a backup (`roster restore`)"
                ),
                ReadOnly | CannotOpen => crate::tr!(
                    "无法写入数据库文件；请检查文件和目录权限",
                    "cannot write the database file; check the file and folder permissions"
                ),
                DiskFull => crate::tr!(
                    "磁盘已满，未写入任何内容",
                    "the disk is full; nothing was written"
                ),
                _ => return None,
            };
            return Some(text);
        }
    }
    None
}
