//! `roster assess …`: the annual assessment (年度考核).

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AssessCommand {
    /// Rule sets: check a rule file before using it
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Compute the year's preliminary results (初评) under a rule set, subsidies
    /// within its cap and the budget lines they fall under; replaces drafts only
    Run(RunArgs),
    /// List a year's results
    Show(YearArgs),
    /// Explain one advisor's result: every metric with its records, requirements, points, grade, subsidy
    Explain(AdvisorYearArgs),
    /// Record the confirming authority's grade for one advisor, with its reason
    Grade(GradeArgs),
    /// Set a special-contribution subsidy for one advisor (kept inside the cap)
    Adjust(AdjustArgs),
    /// Confirm the year (确定): locks it and turns subsidies into expenses awaiting payment
    Confirm(ConfirmArgs),
    /// Summarise a whole term for its evaluation, due one month before it ends (seed 002)
    Term(TermArgs),
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate a rule file; names the line of any error
    Check(RulesCheckArgs),
}

#[derive(Debug, Args)]
pub struct RulesCheckArgs {
    /// The rule file (TOML), e.g. samples/rules/erenhot.toml
    pub file: std::path::PathBuf,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The year assessed
    #[arg(long)]
    pub year: Option<String>,
    /// Only this panel (default: the rule set's panel, or the whole office)
    #[arg(long)]
    pub panel: Option<String>,
    /// The rule file (TOML)
    #[arg(long)]
    pub rules: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct YearArgs {
    /// The year
    #[arg(long)]
    pub year: Option<String>,
    /// Only this panel's assessment
    #[arg(long)]
    pub panel: Option<String>,
}

#[derive(Debug, Args)]
pub struct ConfirmArgs {
    #[command(flatten)]
    pub year: YearArgs,
    /// Confirm before the year's last month: the rest of the year's
    /// activities, advice and expenses are then locked too
    #[arg(long)]
    pub before_year_end: bool,
}

#[derive(Debug, Args)]
pub struct AdvisorYearArgs {
    /// Advisor id, code or name
    pub advisor: String,
    /// The year
    #[arg(long)]
    pub year: Option<String>,
}

#[derive(Debug, Args)]
pub struct GradeArgs {
    /// Advisor id, code or name
    pub advisor: String,
    /// The year
    #[arg(long)]
    pub year: Option<String>,
    /// excellent (优秀), competent (称职), basic (基本称职) or incompetent (不称职)
    #[arg(long)]
    pub grade: Option<String>,
    /// The confirming authority's reason
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct AdjustArgs {
    /// Advisor id, code or name
    pub advisor: String,
    /// The year
    #[arg(long)]
    pub year: Option<String>,
    /// The subsidy in yuan for a special contribution ("" to remove the adjustment)
    #[arg(long, value_name = "YUAN")]
    pub subsidy: Option<String>,
    /// Why (the special contribution)
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct TermArgs {
    /// Appointment id
    pub appointment: i64,
}
