//! `roster report`: reports for leadership, one file per report.

mod spending;

use crate::cli::report::ReportCommand;
use crate::context::Ctx;

pub fn run(ctx: &Ctx, cmd: ReportCommand) -> anyhow::Result<()> {
    match cmd {
        ReportCommand::Spending(args) => spending::run(ctx, &args),
    }
}
