//! `roster report …`: reports for leadership.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// A year's spending per advisor, per panel and per category, against budget
    Spending(SpendingArgs),
}

#[derive(Debug, Args)]
pub struct SpendingArgs {
    /// The year (default this year)
    #[arg(long)]
    pub year: Option<String>,
    /// Only this panel (id, code or name)
    #[arg(long)]
    pub panel: Option<String>,
}
