//! `roster recusal …`: an advisor stepping aside from a matter for a conflict
//! of interest (回避, seed 001 art. 10).

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum RecusalCommand {
    /// Record a recusal: from then on the advisor cannot be added to an activity it covers
    Add(RecusalAddArgs),
    /// List recusals, filtered
    List(RecusalListArgs),
    /// Void a recusal recorded by mistake (it stays, marked, and no longer blocks)
    Void(RecusalVoidArgs),
}

#[derive(Debug, Args)]
pub struct RecusalAddArgs {
    /// Advisor id, code or name
    pub advisor: String,
    /// The matter (事项); an activity whose topic contains it is covered
    #[arg(long)]
    pub matter: Option<String>,
    /// The related unit or project (相关单位/项目); an activity requested by it is covered
    #[arg(long)]
    pub unit: Option<String>,
    /// Date of the recusal
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The conflict of interest
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct RecusalListArgs {
    /// Only this calendar year
    #[arg(long)]
    pub year: Option<String>,
    /// Only advisors serving on this panel on the recusal's date
    #[arg(long)]
    pub panel: Option<String>,
    /// Only this advisor
    #[arg(long)]
    pub advisor: Option<String>,
    /// Include voided recusals, marked
    #[arg(long)]
    pub include_void: bool,
}

#[derive(Debug, Args)]
pub struct RecusalVoidArgs {
    /// Recusal id
    pub id: i64,
    /// Why it is void
    #[arg(long)]
    pub reason: Option<String>,
}
