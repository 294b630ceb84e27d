//! `roster report`: reports for leadership and the office, one file each.

mod ledger;
mod spending;

use crate::cli::report::ReportCommand;
use crate::context::Ctx;

pub fn run(ctx: &Ctx, cmd: ReportCommand) -> anyhow::Result<()> {
    match cmd {
        ReportCommand::Spending(args) => spending::run(ctx, &args),
        ReportCommand::Ledger(args) => ledger::run(ctx, &args),
    }
}
