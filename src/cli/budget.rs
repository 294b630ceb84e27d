//! `roster budget …`: yearly caps and the controlled (严控) categories.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum BudgetCommand {
    /// Set a yearly cap for the whole office or one panel, in all or for one
    /// category; a cap cannot be set below what is already recorded
    Set(BudgetSetArgs),
    /// Every budget line of a year: cap, paid, committed, remaining
    Show(BudgetShowArgs),
    /// Show or change which categories are controlled (严控: default travel,
    /// meeting, training, reception — seed 001 art. 14); a controlled
    /// expense needs a budget line naming its category
    Controlled(ControlledArgs),
}

#[derive(Debug, Args)]
pub struct BudgetSetArgs {
    /// The year
    #[arg(long)]
    pub year: Option<String>,
    /// A panel's line (id, code or name); default the whole office
    #[arg(long)]
    pub panel: Option<String>,
    /// One category's line; default all categories
    #[arg(long)]
    pub category: Option<String>,
    /// The cap in yuan (0 allowed: nothing may be spent)
    #[arg(long, value_name = "YUAN", allow_hyphen_values = true)]
    pub cap: Option<String>,
    /// Where the number comes from, e.g. the budget approval
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct BudgetShowArgs {
    /// The year (default this year)
    #[arg(long)]
    pub year: Option<String>,
    /// Only the lines that apply to this panel (office lines and its own)
    #[arg(long)]
    pub panel: Option<String>,
}

#[derive(Debug, Args)]
pub struct ControlledArgs {
    /// The new set, comma-separated categories (e.g. travel,meeting,training,reception), or "none"
    #[arg(long, value_name = "CATEGORIES")]
    pub set: Option<String>,
}
