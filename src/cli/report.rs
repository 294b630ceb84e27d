//! `roster report …`: reports for leadership, the office and nightly
//! scripts. Each report is one variant; add yours beside the others.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Liaison and contact coverage for a year: who is held, contacted,
    /// greeted and visited, and what is missing
    Coverage(CoverageArgs),
    /// One advisor's work ledger (工作台账, seed 002): appointments, activities with
    /// attendance and opinions, advice with outcomes, contacts, recusals, needs matched and expenses, in date order
    Ledger(LedgerArgs),
    /// A year's spending per advisor, per panel and per category, against budget
    Spending(SpendingArgs),
    /// The yearly work summary (年度工作总结) per panel and in total: the roster's
    /// changes, activities and attendance, advice, contacts and greetings,
    /// spending against budget, grades; counts run to today within the year
    Summary(SpendingArgs),
    /// The professional stations' year (seed 003 三(三)): experts serving by tier,
    /// activities, participations, advice, needs received, matched and resolved,
    /// and the year's verdict (嘉奖/通报批评); counts run to today within the year
    Stations(SpendingArgs),
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
