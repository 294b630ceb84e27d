//! `roster due`: what is due and what is late.

use clap::Args;

/// What is due: terms ending and their evaluations, appointments ready to
/// make, holiday greetings, advisors not contacted or without a liaison,
/// leaders holding too few, advice owed feedback, duties behind pace,
/// year-end reports, assessments to confirm, budget lines nearly spent.
/// Each item has its date, the days left (negative when late) and a command
/// that deals with it. Thresholds: `roster settings`.
#[derive(Debug, Args)]
pub struct DueArgs {
    /// Look this many days ahead for every kind (default: each kind's
    /// setting); festivals at most 45 days ahead, as a greeting sent earlier
    /// does not count for the festival
    #[arg(long, value_name = "DAYS")]
    pub within: Option<String>,
    /// Only what concerns this panel (id, code or name)
    #[arg(long)]
    pub panel: Option<String>,
    /// List every item (default: at most `due.list_limit` of each kind)
    #[arg(long)]
    pub all: bool,
    /// Exit with code 6 when anything is due or late (for nightly jobs)
    #[arg(long)]
    pub fail_on_due: bool,
}
