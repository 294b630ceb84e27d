//! `roster advice …`: advice (意见建议) from the advisors and how the office
//! handled it — assignment, adoption, implementation, leader endorsement and
//! feedback to the advisor.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AdviceCommand {
    /// Record advice an advisor (or several, jointly) submitted
    Add(AdviceAddArgs),
    /// Move its handling on (交办, 采纳, 落实), record a leader's endorsement (领导批示) or feedback to the advisor (反馈)
    Update(AdviceUpdateArgs),
    /// List advice, filtered; --awaiting-feedback and --overdue show what the office owes the advisors
    List(AdviceListArgs),
    /// Show one piece of advice with its handling history
    Show(AdviceShowArgs),
    /// Correct advice's details (only the flags given change; "" clears)
    Edit(AdviceEditArgs),
    /// Void advice recorded by mistake: it stays, marked, and no longer counts
    Void(AdviceVoidArgs),
}

/// The descriptive details of advice.
#[derive(Debug, Args, Default)]
pub struct AdviceFields {
    /// Title
    #[arg(long)]
    pub title: Option<String>,
    /// meeting (约见/会议), letter (信函), phone (电话), email (电子邮件) — seed 004's four channels — or report (研究报告)
    #[arg(long)]
    pub channel: Option<String>,
    /// The activity it came from (id), if any
    #[arg(long, value_name = "ID")]
    pub activity: Option<String>,
    /// Panel (defaults to the activity's, or the advisor's only panel)
    #[arg(long)]
    pub panel: Option<String>,
    /// Summary of the advice
    #[arg(long)]
    pub summary: Option<String>,
}

#[derive(Debug, Args)]
pub struct AdviceAddArgs {
    #[command(flatten)]
    pub fields: AdviceFields,
    /// Date it was submitted
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// An advisor who gave it (repeat for joint advice)
    #[arg(long = "advisor", value_name = "ADVISOR")]
    pub advisors: Vec<String>,
    /// Advice from an expert not serving on that day (not yet appointed, or whose term ended): a guest
    #[arg(long)]
    pub guest: bool,
}

#[derive(Debug, Args)]
pub struct AdviceUpdateArgs {
    /// Advice id
    pub id: i64,
    /// New status: assigned (交办, with --unit), adopted, partly_adopted, not_adopted (with --reason), implemented
    #[arg(long)]
    pub status: Option<String>,
    /// Date of the status move (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The unit it is assigned to (with --status assigned)
    #[arg(long)]
    pub unit: Option<String>,
    /// Why it was not adopted (with --status not_adopted)
    #[arg(long)]
    pub reason: Option<String>,
    /// Note on the status move
    #[arg(long)]
    pub note: Option<String>,
    /// The leader who endorsed it (领导批示)
    #[arg(long, value_name = "WHO")]
    pub endorsed_by: Option<String>,
    /// Date of the endorsement (default today)
    #[arg(long, value_name = "DATE")]
    pub endorsed_on: Option<String>,
    /// Who gave the advisor feedback on how it was handled (反馈)
    #[arg(long, value_name = "WHO")]
    pub feedback_by: Option<String>,
    /// Date of the feedback (default today)
    #[arg(long, value_name = "DATE")]
    pub feedback_on: Option<String>,
    /// What the advisor was told
    #[arg(long)]
    pub feedback_note: Option<String>,
}

#[derive(Debug, Args)]
pub struct AdviceListArgs {
    /// Only this calendar year (of submission)
    #[arg(long)]
    pub year: Option<String>,
    /// Only this panel
    #[arg(long)]
    pub panel: Option<String>,
    /// Only advice from this advisor
    #[arg(long)]
    pub advisor: Option<String>,
    /// Only this channel (meeting, letter, phone, email, report)
    #[arg(long, visible_alias = "channel")]
    pub kind: Option<String>,
    /// Only this status
    #[arg(long)]
    pub status: Option<String>,
    /// Only advice whose advisors have had no feedback yet
    #[arg(long)]
    pub awaiting_feedback: bool,
    /// Only advice still without feedback more than this many days after submission
    #[arg(long, value_name = "DAYS")]
    pub overdue: Option<String>,
    /// Include voided advice, marked
    #[arg(long)]
    pub include_void: bool,
    /// At most this many rows (0 = all)
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct AdviceShowArgs {
    /// Advice id
    pub id: i64,
}

#[derive(Debug, Args)]
pub struct AdviceEditArgs {
    /// Advice id
    pub id: i64,
    #[command(flatten)]
    pub fields: AdviceFields,
}

#[derive(Debug, Args)]
pub struct AdviceVoidArgs {
    /// Advice id
    pub id: i64,
    /// Why it is void
    #[arg(long)]
    pub reason: Option<String>,
}
