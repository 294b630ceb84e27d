//! `roster export …` and its filters.

use std::path::PathBuf;

use clap::Args;

/// Export a dataset as CSV (default) or xlsx for spreadsheets
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// panels, advisors, appointments, liaisons, liaison-assignments, contacts, recusals,
    /// activities, advice, needs, expenses, assessments, ledger, summary, stations, audit
    /// (`roster export x` describes them)
    pub dataset: String,
    /// Write to this regular file (written to a temporary file and renamed into place, so it is
    /// whole or absent); stdout when not given or `-` (a failure midway leaves the rows before it)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Character set of a CSV: utf-8 (default), gbk or gb18030
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// Leave out the UTF-8 byte-order mark (spreadsheets want it; some scripts do not)
    #[arg(long)]
    pub no_bom: bool,
    /// Show phone, ID, e-mail and address in full (the export is written to the audit log)
    #[arg(long)]
    pub unmasked: bool,
    #[command(flatten)]
    pub filters: ExportFilters,
}

/// Filters; each dataset accepts those that make sense for it.
#[derive(Debug, Args, Default)]
pub struct ExportFilters {
    /// Only this panel (id, code or name)
    #[arg(long)]
    pub panel: Option<String>,
    /// Only this advisor (id, code or name)
    #[arg(long)]
    pub advisor: Option<String>,
    /// Only this category (advisors)
    #[arg(long)]
    pub category: Option<String>,
    /// Only this tier (advisors)
    #[arg(long)]
    pub tier: Option<String>,
    /// Only advisors whose fields contain this text
    #[arg(long)]
    pub field: Option<String>,
    /// Only rows whose name, employer, fields or notes contain this text
    #[arg(long, short = 'q')]
    pub text: Option<String>,
    /// Only advisors serving on this date
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Only advisors serving today
    #[arg(long)]
    pub serving: bool,
    /// Only records on or after this date
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only records on or before this date
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only this year
    #[arg(long)]
    pub year: Option<String>,
    /// Only this kind
    #[arg(long)]
    pub kind: Option<String>,
    /// Only this status (advice: submitted … implemented; expenses: paid, pending, voided or all)
    #[arg(long)]
    pub status: Option<String>,
    /// Only appointments in this state (nominated … appointed, pending, expired, renewed, …, or open)
    #[arg(long)]
    pub state: Option<String>,
    /// Only this kind of record (audit log: advisor, panel, import, …)
    #[arg(long)]
    pub entity: Option<String>,
    /// Only changes by this operator (audit log)
    #[arg(long = "by", value_name = "OPERATOR")]
    pub by: Option<String>,
}

impl ExportFilters {
    /// The flags given on the command line, by their `Filter`.
    pub fn given(&self) -> Vec<crate::transfer::Filter> {
        use crate::transfer::Filter as F;
        let mut out = Vec::new();
        let pairs: [(bool, F); 16] = [
            (self.panel.is_some(), F::Panel),
            (self.advisor.is_some(), F::Advisor),
            (self.category.is_some(), F::Category),
            (self.tier.is_some(), F::Tier),
            (self.field.is_some(), F::Field),
            (self.text.is_some(), F::Text),
            (self.as_of.is_some(), F::AsOf),
            (self.serving, F::Serving),
            (self.from.is_some(), F::From),
            (self.to.is_some(), F::To),
            (self.year.is_some(), F::Year),
            (self.kind.is_some(), F::Kind),
            (self.status.is_some(), F::Status),
            (self.entity.is_some(), F::Entity),
            (self.by.is_some(), F::By),
            (self.state.is_some(), F::State),
        ];
        for (given, filter) in pairs {
            if given {
                out.push(filter);
            }
        }
        out
    }
}
