//! Command handlers: glue from parsed arguments to the store and domain,
//! then to the output layer. One file per noun.

pub mod advisor;
pub mod appointment;
pub mod contact;
pub mod festivals;
pub mod init;
pub mod liaison;
pub mod log;
pub mod panel;
pub mod report;

use crate::cli::Command;
use crate::context::Ctx;

/// Runs every command but `init` (which makes its own database).
pub fn dispatch(ctx: &Ctx, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Init(_) => Err(anyhow::anyhow!(
            "init is dispatched before a database is opened"
        )),
        Command::Panel(cmd) => panel::run(ctx, cmd),
        Command::Advisor(cmd) => advisor::run(ctx, cmd),
        Command::Appointment(cmd) => appointment::run(ctx, cmd),
        Command::Liaison(cmd) => liaison::run(ctx, cmd),
        Command::Contact(cmd) => contact::run(ctx, cmd),
        Command::Festivals(args) => festivals::run(ctx, &args),
        Command::Report(cmd) => report::run(ctx, cmd),
        Command::Log(args) => log::run(ctx, args),
    }
}

/// Edits a required value: untouched when not given, parsed when given.
pub fn set<T>(
    slot: &mut T,
    given: Option<&str>,
    parse: impl FnOnce(&str) -> anyhow::Result<T>,
) -> anyhow::Result<()> {
    if let Some(text) = given {
        *slot = parse(text)?;
    }
    Ok(())
}

/// Edits an optional value: untouched when not given, cleared by "", parsed otherwise.
pub fn set_opt<T>(
    slot: &mut Option<T>,
    given: Option<&str>,
    parse: impl FnOnce(&str) -> anyhow::Result<T>,
) -> anyhow::Result<()> {
    match given {
        None => {}
        Some(text) if text.trim().is_empty() => *slot = None,
        Some(text) => *slot = Some(parse(text)?),
    }
    Ok(())
}

/// Parses a whole number for `flag` within `range`.
pub fn number(
    flag: &str,
    input: &str,
    range: std::ops::RangeInclusive<i64>,
) -> anyhow::Result<i64> {
    let (lo, hi) = (*range.start(), *range.end());
    match input.trim().parse::<i64>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(crate::invalid!(
            "{flag}：“{input}”应为 {lo} 到 {hi} 之间的整数",
            "{flag}: \"{input}\" should be a whole number from {lo} to {hi}",
        )),
    }
}

/// Parses an optional date flag against today.
pub fn date_opt(ctx: &Ctx, flag: &str, given: Option<&str>) -> anyhow::Result<Option<String>> {
    given
        .map(|s| crate::input::date::parse(flag, s, ctx.today()).map(crate::input::date::iso))
        .transpose()
}
