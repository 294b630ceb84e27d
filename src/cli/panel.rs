//! `roster panel …`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum PanelCommand {
    /// Add a panel
    Add(PanelFields),
    /// List panels with how many advisors serve on each
    List(PanelListArgs),
    /// Show one panel: its settings, quotas and serving advisors
    Show(PanelShowArgs),
    /// Change a panel's settings (only the flags given change)
    Edit(PanelEditArgs),
    /// A panel's yearly duties as data (e.g. two visits a year per advisor)
    #[command(subcommand)]
    Quota(QuotaCommand),
    /// A professional station's yearly verdict (seed 003: 嘉奖 or 通报批评), once a
    /// year; `--void --reason` takes one made in error back
    Review(PanelReviewArgs),
}

/// A panel's settings. On `add`, --code, --name and --kind are required.
#[derive(Debug, Args, Default)]
pub struct PanelFields {
    /// Short code, e.g. tech
    #[arg(long)]
    pub code: Option<String>,
    /// Full name, e.g. 科技顾问团
    #[arg(long)]
    pub name: Option<String>,
    /// advisory_panel (顾问团), expert_committee (决咨委) or professional_station (专业站)
    #[arg(long)]
    pub kind: Option<String>,
    /// Lead unit (牵头单位)
    #[arg(long)]
    pub lead_unit: Option<String>,
    /// Liaison office (联系服务办公室)
    #[arg(long)]
    pub liaison_office: Option<String>,
    /// Head of the liaison office
    #[arg(long)]
    pub office_head: Option<String>,
    /// Default term in years (1–5)
    #[arg(long)]
    pub term_years: Option<String>,
    /// Longest term allowed in years (1–5)
    #[arg(long)]
    pub max_term_years: Option<String>,
    /// Procedure steps used, in order, comma-separated (vetted,checked,reviewed,approved,publicized), or "none"
    #[arg(long)]
    pub steps: Option<String>,
    /// Days a public notice lasts (default 7)
    #[arg(long)]
    pub notice_days: Option<String>,
    /// Whether a renewal may skip the procedure (yes/no)
    #[arg(long)]
    pub direct_renewal: Option<String>,
    /// Longest gap without contact before an advisor shows as due (days)
    #[arg(long, value_name = "DAYS")]
    pub contact_interval: Option<String>,
    /// Festivals on which the panel's advisors are greeted, comma-separated
    /// (e.g. 元旦,春节,中秋; default 春节); see `roster festivals`
    #[arg(long, value_name = "FESTIVALS")]
    pub greetings: Option<String>,
    /// Oldest age on a term's first day (default 70, seed 001 art. 5), or
    /// "none" for no limit (e.g. a panel of academicians)
    #[arg(long, value_name = "YEARS")]
    pub max_age: Option<String>,
    /// Fewest years of professional work (default 5, seed 001 art. 5), or "none"
    #[arg(long, value_name = "YEARS")]
    pub min_work_years: Option<String>,
    /// Yearly stipend per serving advisor, in yuan (e.g. 300000)
    #[arg(long, value_name = "YUAN")]
    pub stipend: Option<String>,
    /// Notes
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct PanelListArgs {
    /// Count advisors serving on this date (default today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct PanelShowArgs {
    /// Panel id, code or name
    pub panel: String,
    /// Show who serves on this date (default today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct PanelEditArgs {
    /// Panel id, code or name
    pub panel: String,
    #[command(flatten)]
    pub fields: PanelFields,
}

#[derive(Debug, Args)]
pub struct PanelReviewArgs {
    /// Station id, code or name
    pub panel: String,
    /// The year judged
    #[arg(long)]
    pub year: Option<String>,
    /// commend (嘉奖) or criticize (通报批评)
    #[arg(long)]
    pub verdict: Option<String>,
    /// Why: the year's results it rests on (or, with --void, why the verdict is taken back)
    #[arg(long)]
    pub reason: Option<String>,
    /// The decision's document number (文号)
    #[arg(long)]
    pub reference: Option<String>,
    /// The day of the decision (default today)
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Take back the year's verdict recorded in error (needs --reason)
    #[arg(long)]
    pub void: bool,
}

#[derive(Debug, Subcommand)]
pub enum QuotaCommand {
    /// Add a duty: at least N of these kinds per period
    Add(QuotaAddArgs),
    /// List the duties of one panel or of all
    List(QuotaListArgs),
    /// Withdraw a duty (it stays in history)
    Void(QuotaVoidArgs),
}

#[derive(Debug, Args)]
pub struct QuotaAddArgs {
    /// Panel id, code or name
    pub panel: String,
    /// What is counted: contact, activity or advice
    #[arg(long)]
    pub subject: Option<String>,
    /// Which kinds count, comma-separated codes or Chinese labels (e.g. lecture,clinical_guidance;
    /// seed 004 六活动: contact greeting, online, briefing; activity symposium, work_report,
    /// study — one duty each to count each apart); for advice, activity kinds that count as
    /// well (e.g. research_report: "an opinion, or a report")
    #[arg(long)]
    pub kinds: Option<String>,
    /// year or half
    #[arg(long)]
    pub period: Option<String>,
    /// advisor (each advisor) or panel (the panel as a whole)
    #[arg(long)]
    pub scope: Option<String>,
    /// The least count per period
    #[arg(long = "min")]
    pub min_count: Option<String>,
    /// Where the duty comes from, e.g. the panel's regulation
    #[arg(long)]
    pub note: Option<String>,
    /// Due this many days before the period ends (default 0: at its end);
    /// e.g. 21 for a year's summary due in early December (seed 002 part 8)
    #[arg(long, value_name = "DAYS")]
    pub due_days_before: Option<String>,
}

#[derive(Debug, Args)]
pub struct QuotaListArgs {
    /// Only this panel
    #[arg(long)]
    pub panel: Option<String>,
}

#[derive(Debug, Args)]
pub struct QuotaVoidArgs {
    /// Quota id
    pub id: i64,
    /// Why it is withdrawn
    #[arg(long)]
    pub reason: Option<String>,
}
