//! `roster report …`: reports for leadership and nightly scripts. Each
//! report is one variant; add yours beside the others.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Liaison and contact coverage for a year: who is held, contacted,
    /// greeted and visited, and what is missing
    Coverage(CoverageArgs),
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// The year (default this year); counts run to today within it
    #[arg(long)]
    pub year: Option<String>,
    /// Only advisors serving on this panel (id, code or name)
    #[arg(long)]
    pub panel: Option<String>,
}
