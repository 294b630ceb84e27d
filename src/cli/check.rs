//! `roster check`.

/// Check the database: SQLite's integrity and foreign keys, the roster's own
/// rules (terms, certificates, ID numbers, liaison, budget caps) and the
/// audit log's hash chain. Exit 0 when clean, 4 with the list of problems
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Run only these checks (comma-separated names; see --list)
    #[arg(long, value_name = "NAMES")]
    pub only: Option<String>,
    /// List the checks instead of running them
    #[arg(long)]
    pub list: bool,
}
