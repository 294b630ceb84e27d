//! `roster liaison …`: cadres paired one-to-one (一对一) with advisors.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum LiaisonCommand {
    /// Add a liaison (a cadre of a lead unit)
    Add(LiaisonFields),
    /// List liaisons with the advisors they hold
    List(LiaisonListArgs),
    /// Show one liaison: details, the advisors held now, the pairing history
    Show(LiaisonShowArgs),
    /// Change a liaison's details (only the flags given change; "" clears)
    Edit(LiaisonEditArgs),
    /// Pair a liaison with one or more advisors from a date
    Assign(AssignArgs),
    /// End a pairing on a date (it stays in the history)
    Unassign(UnassignArgs),
}

/// A liaison's details. On `add`, --name is required.
#[derive(Debug, Args, Default)]
pub struct LiaisonFields {
    /// Code (generated like L001 when not given)
    #[arg(long)]
    pub code: Option<String>,
    /// Full name
    #[arg(long)]
    pub name: Option<String>,
    /// Unit (单位), e.g. 区经济信息委
    #[arg(long)]
    pub unit: Option<String>,
    /// Position (职务), e.g. 副主任
    #[arg(long)]
    pub position: Option<String>,
    /// Phone
    #[arg(long)]
    pub phone: Option<String>,
    /// A member of the unit's leadership (领导班子成员): yes/no (default no)
    #[arg(long)]
    pub leader: Option<String>,
    /// The day the --leader change takes effect (default today; on `add`,
    /// the day they joined the leadership, if the roster should know it):
    /// a past year's coverage judges the leaders of that year
    #[arg(long)]
    pub leader_from: Option<String>,
    /// Notes
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct LiaisonListArgs {
    /// Count the advisors held on this date (default today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Only leaders (yes) or only other cadres (no)
    #[arg(long)]
    pub leader: Option<String>,
}

#[derive(Debug, Args)]
pub struct LiaisonShowArgs {
    /// Liaison id, code or name
    pub liaison: String,
    /// Show the advisors held on this date (default today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct LiaisonEditArgs {
    /// Liaison id, code or name
    pub liaison: String,
    #[command(flatten)]
    pub fields: LiaisonFields,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Liaison id, code or name
    pub liaison: String,
    /// Advisor id, code or name (repeat for several)
    #[arg(long = "advisor", value_name = "ADVISOR")]
    pub advisors: Vec<String>,
    /// First day of the pairing (default today)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of the pairing, if already known
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// End the advisor's pairing with another liaison the day before --from (a change of liaison)
    #[arg(long)]
    pub replace: bool,
    /// Note
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct UnassignArgs {
    /// Liaison id, code or name
    pub liaison: String,
    /// Advisor id, code or name (repeat for several)
    #[arg(long = "advisor", value_name = "ADVISOR")]
    pub advisors: Vec<String>,
    /// Last day the liaison holds the advisor
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}
