//! `roster need …`: the project needs library (项目需求库, seed 003 二(二)1)
//! — enterprises' needs, the experts put in touch with them (对接) and what
//! came of it (企业出题，科学家答题, 二(三)1).

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum NeedCommand {
    /// Record an enterprise's need as received (收集需求)
    Add(NeedAddArgs),
    /// Record the experts put in touch with a need (对接)
    Match(NeedMatchArgs),
    /// Withdraw a match recorded in error (it stays in history)
    Unmatch(NeedUnmatchArgs),
    /// Close a need with its result and what came of it (办结)
    Close(NeedCloseArgs),
    /// Reopen a closed need (its closure stays in the audit log)
    Reopen(NeedReasonArgs),
    /// Void a need recorded in error (it stays, marked, and no longer counts)
    Void(NeedReasonArgs),
    /// List needs, filtered
    List(NeedListArgs),
    /// Show one need: its matches, its outcome, and experts whose fields fit it
    Show(NeedShowArgs),
}

#[derive(Debug, Args)]
pub struct NeedAddArgs {
    /// The enterprise or unit with the need (企业名称)
    #[arg(long)]
    pub unit: Option<String>,
    /// The need, in a line (需求)
    #[arg(long)]
    pub title: Option<String>,
    /// research (研发技术), transfer (成果转化), training (人才培养) or cooperation (科技合作)
    #[arg(long)]
    pub kind: Option<String>,
    /// The field (领域), e.g. 集成电路; experts are suggested by it
    #[arg(long)]
    pub field: Option<String>,
    /// The professional station (专业站) that takes it up: id, code or name
    #[arg(long)]
    pub station: Option<String>,
    /// The day it was received (default today)
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// The enterprise's contact person (联系人)
    #[arg(long)]
    pub contact: Option<String>,
    /// The contact's phone (联系电话)
    #[arg(long)]
    pub phone: Option<String>,
    /// Notes
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct NeedMatchArgs {
    /// Need id
    pub id: i64,
    /// An expert put in touch with it (id, code or name); repeat for several
    #[arg(long = "advisor", value_name = "ADVISOR")]
    pub advisors: Vec<String>,
    /// The day they were put in touch (default today)
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Allow experts who serve on no panel that day (guests), as `activity` does
    #[arg(long)]
    pub guest: bool,
    /// Match despite a recusal that covers the enterprise or the matter; the reason is stored
    #[arg(long = "override", value_name = "REASON")]
    pub override_reason: Option<String>,
    /// Notes
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct NeedUnmatchArgs {
    /// Need id
    pub id: i64,
    /// The expert whose match is withdrawn (id, code or name)
    #[arg(long)]
    pub advisor: Option<String>,
    /// Why
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct NeedCloseArgs {
    /// Need id
    pub id: i64,
    /// resolved (已解决), partly (部分解决) or unresolved (未解决)
    #[arg(long)]
    pub result: Option<String>,
    /// What came of it (成效说明)
    #[arg(long)]
    pub outcome: Option<String>,
    /// The day it was closed (default today)
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

#[derive(Debug, Args)]
pub struct NeedReasonArgs {
    /// Need id
    pub id: i64,
    /// Why
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct NeedListArgs {
    /// Only needs not yet closed
    #[arg(long)]
    pub open: bool,
    /// Only needs booked to this station (id, code or name)
    #[arg(long)]
    pub station: Option<String>,
    /// Only this kind (research, transfer, training, cooperation or the Chinese label)
    #[arg(long)]
    pub kind: Option<String>,
    /// Only needs whose field contains this text
    #[arg(long)]
    pub field: Option<String>,
    /// Only needs this expert was matched with
    #[arg(long)]
    pub advisor: Option<String>,
    /// Only needs received in this calendar year
    #[arg(long)]
    pub year: Option<String>,
    /// Include voided needs, marked
    #[arg(long)]
    pub include_void: bool,
}

#[derive(Debug, Args)]
pub struct NeedShowArgs {
    /// Need id
    pub id: i64,
    /// How many experts to suggest (0: none)
    #[arg(long, default_value_t = 10)]
    pub suggest: usize,
}
