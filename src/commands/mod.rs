//! Command handlers: glue from parsed arguments to the store and domain,
//! then to the output layer. One file per noun.

pub mod activity;
pub mod advice;
pub mod advisor;
pub mod appointment;
pub mod assess;
pub mod backup;
pub mod budget;
pub mod check;
pub mod contact;
pub mod due;
pub mod expense;
pub mod export;
pub mod festivals;
pub mod import;
pub mod init;
pub mod liaison;
pub mod log;
pub mod need;
pub mod panel;
pub mod recusal;
pub mod report;
pub mod restore;
pub mod settings;
pub mod void;

use crate::cli::Command;
use crate::context::Ctx;

/// Runs every command but `init` and `restore` (which work on the file
/// before any connection is opened).
pub fn dispatch(ctx: &Ctx, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Init(_) => Err(anyhow::anyhow!(
            "init is dispatched before a database is opened"
        )),
        Command::Panel(cmd) => panel::run(ctx, cmd),
        Command::Advisor(cmd) => advisor::run(ctx, cmd),
        Command::Appointment(cmd) => appointment::run(ctx, cmd),
        Command::Assess(cmd) => assess::run(ctx, cmd),
        Command::Expense(cmd) => expense::run(ctx, cmd),
        Command::Budget(cmd) => budget::run(ctx, cmd),
        Command::Settings(args) => settings::run(ctx, args),
        Command::Activity(cmd) => activity::run(ctx, cmd),
        Command::Advice(cmd) => advice::run(ctx, cmd),
        Command::Recusal(cmd) => recusal::run(ctx, cmd),
        Command::Need(cmd) => need::run(ctx, cmd),
        Command::Liaison(cmd) => liaison::run(ctx, cmd),
        Command::Contact(cmd) => contact::run(ctx, cmd),
        Command::Festivals(args) => festivals::run(&ctx.env, &args),
        Command::Due(args) => due::run(ctx, &args),
        Command::Report(cmd) => report::run(ctx, cmd),
        Command::Log(args) => log::run(ctx, args),
        Command::Backup(args) => backup::run(ctx, &args),
        Command::Check(args) => check::run(ctx, &args),
        Command::Restore(_) => Err(anyhow::anyhow!(
            "restore is dispatched before a database is opened"
        )),
        Command::Export(args) => export::run(ctx, args),
        Command::Import(args) => import::run(ctx, args),
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
    match crate::input::text::halfwidth(input).trim().parse::<i64>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(crate::invalid!(
            "{flag}：“{input}”应为 {lo} 到 {hi} 之间的整数",
            "{flag}: \"{input}\" should be a whole number from {lo} to {hi}",
        )),
    }
}

/// Parses a number of days for `flag` (0 to 3650; `90`, `90d` or `90天`).
pub fn days(flag: &str, input: &str) -> anyhow::Result<i64> {
    let trimmed = input.trim().trim_end_matches(['d', 'D', '天']);
    number(flag, trimmed, 0..=3650).map_err(|_| {
        crate::invalid!(
            "{flag}：“{input}”应为天数（0 到 3650），如 90 或 90d",
            "{flag}: \"{input}\" should be a number of days from 0 to 3650, such as 90 or 90d",
        )
    })
}

/// Parses an optional date flag against today.
pub fn date_opt(ctx: &Ctx, flag: &str, given: Option<&str>) -> anyhow::Result<Option<String>> {
    given
        .map(|s| crate::input::date::parse(flag, s, ctx.today()).map(crate::input::date::iso))
        .transpose()
}
