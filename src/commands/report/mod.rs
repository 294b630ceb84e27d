//! `roster report`: one file per report, each a variant of `ReportCommand`.

mod coverage;
pub(crate) mod ledger;
mod spending;
pub(crate) mod stations;
pub mod summary;

use crate::cli::report::ReportCommand;
use crate::context::Ctx;

pub fn run(ctx: &Ctx, cmd: ReportCommand) -> anyhow::Result<()> {
    match cmd {
        ReportCommand::Coverage(args) => coverage::run(ctx, &args),
        ReportCommand::Ledger(args) => ledger::run(ctx, &args),
        ReportCommand::Spending(args) => spending::run(ctx, &args),
        ReportCommand::Summary(args) => summary::run(ctx, &args),
        ReportCommand::Stations(args) => stations::run(ctx, &args),
    }
}
