//! `roster report …`: reports for leadership and the office.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// One advisor's work ledger (工作台账, seed 002): appointments, activities with
    /// attendance and opinions, advice with outcomes, contacts, recusals and expenses, in date order
    Ledger(LedgerArgs),
    /// A year's spending per advisor, per panel and per category, against budget
    Spending(SpendingArgs),
}

#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// Advisor id, code or name
    pub advisor: String,
    /// Only this calendar year
    #[arg(long)]
    pub year: Option<String>,
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
