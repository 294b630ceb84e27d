//! `roster backup` and `roster restore`.

use std::path::PathBuf;

/// Copy the database to FILE while others keep working (SQLite's online
/// backup: one consistent snapshot). FILE is created readable by you only;
/// an existing FILE is replaced only after confirmation (--yes)
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy, e.g. backups/roster-2026-11-20.db
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// Replace the database with a backup. FILE is checked first (a roster
/// database, a known schema version, integrity and foreign keys); the
/// replaced database is kept beside it as DB.replaced-YYYYMMDD-HHMMSS.
/// Asks for confirmation unless --yes. Run it while nobody else is working
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup to restore
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}
