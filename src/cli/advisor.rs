//! `roster advisor …`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AdvisorCommand {
    /// Add an advisor to the roster
    Add(AdvisorFields),
    /// List advisors, filtered
    List(AdvisorListArgs),
    /// Show one advisor with their appointments
    Show(AdvisorShowArgs),
    /// Change an advisor's details (only the flags given change; "" clears)
    Edit(AdvisorEditArgs),
    /// Find advisors by name, employer, fields or notes (Chinese substrings work)
    Search(AdvisorSearchArgs),
}

/// An advisor's details. On `add`, --name and --category are required.
#[derive(Debug, Args, Default)]
pub struct AdvisorFields {
    /// Code (generated like A0041 when not given)
    #[arg(long)]
    pub code: Option<String>,
    /// Full name
    #[arg(long)]
    pub name: Option<String>,
    /// male (男) or female (女); taken from the ID number when not given
    #[arg(long)]
    pub gender: Option<String>,
    /// Birth date; taken from the ID number when not given
    #[arg(long, value_name = "DATE")]
    pub birth_date: Option<String>,
    /// Resident ID number (18 characters, check digit verified)
    #[arg(long)]
    pub id_number: Option<String>,
    /// government_advisor, decision_expert, tech_advisor or pool_expert (or the Chinese label)
    #[arg(long)]
    pub category: Option<String>,
    /// pool (入库), active (在岗) or key (关键)
    #[arg(long)]
    pub tier: Option<String>,
    /// Native place (籍贯)
    #[arg(long)]
    pub native_place: Option<String>,
    /// A native working elsewhere (在外人员): yes/no
    #[arg(long)]
    pub native_abroad: Option<String>,
    /// Employer (工作单位)
    #[arg(long)]
    pub employer: Option<String>,
    /// Position (职务)
    #[arg(long)]
    pub position: Option<String>,
    /// Professional title (职称)
    #[arg(long)]
    pub title: Option<String>,
    /// Fields of expertise, separated by 、 or commas
    #[arg(long)]
    pub fields: Option<String>,
    /// Year professional work began
    #[arg(long)]
    pub work_start_year: Option<String>,
    /// Academician (院士): yes/no
    #[arg(long)]
    pub academician: Option<String>,
    /// Phone
    #[arg(long)]
    pub phone: Option<String>,
    /// E-mail
    #[arg(long)]
    pub email: Option<String>,
    /// WeChat id
    #[arg(long)]
    pub wechat: Option<String>,
    /// Postal address
    #[arg(long)]
    pub address: Option<String>,
    /// A personal yearly stipend in yuan (overrides the panel's)
    #[arg(long, value_name = "YUAN")]
    pub stipend: Option<String>,
    /// Notes
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Args, Default)]
pub struct AdvisorListArgs {
    /// Only advisors serving on this panel (id, code or name)
    #[arg(long)]
    pub panel: Option<String>,
    /// Only this category
    #[arg(long)]
    pub category: Option<String>,
    /// Only this tier
    #[arg(long)]
    pub tier: Option<String>,
    /// Only advisors whose fields contain this text
    #[arg(long)]
    pub field: Option<String>,
    /// Only advisors whose name, employer, fields or notes contain this text
    #[arg(long, short = 'q')]
    pub text: Option<String>,
    /// Only advisors serving on this date
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Only advisors serving today (same as --as-of today)
    #[arg(long)]
    pub serving: bool,
    /// At most this many rows (0 = all)
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct AdvisorShowArgs {
    /// Advisor id, code or name
    pub advisor: String,
}

#[derive(Debug, Args)]
pub struct AdvisorEditArgs {
    /// Advisor id, code or name
    pub advisor: String,
    #[command(flatten)]
    pub fields: AdvisorFields,
}

#[derive(Debug, Args)]
pub struct AdvisorSearchArgs {
    /// Words to look for (every word must match)
    #[arg(required = true)]
    pub words: Vec<String>,
    /// At most this many results (0 = all)
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}
