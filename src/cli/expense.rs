//! `roster expense …`: advisors' expenses in yuan (stored in fen), their
//! payment vouchers, and the yearly stipend run.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ExpenseCommand {
    /// Record an expense for an advisor; refused when it would break a budget
    /// cap, when a controlled (严控) category has no budget line, or when the
    /// advisor serves on no panel on its date — unless --override gives the reason
    Add(ExpenseAddArgs),
    /// List expenses, filtered
    List(ExpenseListArgs),
    /// Show one expense and the budget lines it falls under
    Show(ExpenseShowArgs),
    /// Attach the payment voucher (拨付凭证) to an expense awaiting one: it then counts as paid
    Pay(ExpensePayArgs),
    /// Void an expense recorded in error (it stays in history)
    Void(ExpenseVoidArgs),
    /// Create a year's stipend payments (聘金) for every advisor serving that
    /// year who has one: the share of the year served (a whole year is the
    /// full stipend); one whose term has not begun on the payment date is left
    /// for a later run; running it again creates nothing twice
    PayStipends(PayStipendsArgs),
}

#[derive(Debug, Args)]
pub struct ExpenseAddArgs {
    /// Advisor id, code or name
    pub advisor: String,
    /// The day the cost arose (default today); the advisor must serve on a
    /// panel that day. A later payment is its voucher (`expense pay`)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// travel (差旅费), lodging (食宿费), consultation (咨询费), stipend (聘金),
    /// subsidy (工作补贴), research (课题研究), reward (成果激励), meeting (会议费),
    /// training (培训费), reception (公务接待), other (其他)
    #[arg(long)]
    pub category: Option<String>,
    /// Amount in yuan, at most two decimals (e.g. 2,380.50)
    #[arg(long, value_name = "YUAN", allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// The panel it is booked to (default: the panel the advisor serves on that day)
    #[arg(long)]
    pub panel: Option<String>,
    /// Paying unit (default: the panel's lead unit)
    #[arg(long, visible_alias = "payer-unit")]
    pub payer: Option<String>,
    /// Payment voucher number, if already paid (unique)
    #[arg(long)]
    pub voucher: Option<String>,
    /// The activity this expense belongs to (activity id)
    #[arg(long, value_name = "ID")]
    pub activity: Option<String>,
    /// Note, e.g. the route of a journey or the standard applied
    #[arg(long)]
    pub note: Option<String>,
    /// Record a deliberate exception to a budget or service rule, with its reason
    #[arg(long = "override", value_name = "REASON")]
    pub override_reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExpenseListArgs {
    /// Only this year
    #[arg(long)]
    pub year: Option<String>,
    /// Only this advisor (id, code or name)
    #[arg(long)]
    pub advisor: Option<String>,
    /// Only this panel (id, code or name)
    #[arg(long)]
    pub panel: Option<String>,
    /// Only this category
    #[arg(long)]
    pub category: Option<String>,
    /// paid (已支付), pending (待支付: no voucher yet), voided (已作废) or all; default: paid and pending
    #[arg(long)]
    pub status: Option<String>,
    /// Only expenses recorded with --override
    #[arg(long)]
    pub overrides: bool,
}

#[derive(Debug, Args)]
pub struct ExpenseShowArgs {
    /// Expense id
    pub id: i64,
}

#[derive(Debug, Args)]
pub struct ExpensePayArgs {
    /// Expense id
    pub id: i64,
    /// Payment voucher number (unique)
    #[arg(long)]
    pub voucher: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExpenseVoidArgs {
    /// Expense id
    pub id: i64,
    /// Why it is voided
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct PayStipendsArgs {
    /// The year paid for
    #[arg(long)]
    pub year: Option<String>,
    /// Date of the payments (default today if in that year, else its last day
    /// for a past year or its first day for a future one)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Paying unit (default: each panel's lead unit)
    #[arg(long, visible_alias = "payer-unit")]
    pub payer: Option<String>,
    /// Reason for creating stipends that break a budget cap
    #[arg(long = "override", value_name = "REASON")]
    pub override_reason: Option<String>,
}
