//! The sample office that `roster init --sample` loads: scripts of ordinary
//! roster commands under `samples/office/`, run in order inside one
//! transaction, so the sample goes through every rule a clerk's input does
//! and leaves an audit trail like real work.
//!
//! A script line is a command as typed after `roster` (shell quoting; a
//! trailing `\` continues the line; `#` starts a comment). A line may pin its
//! own `--today` and `--operator`; otherwise it runs on `SAMPLE_TODAY`.

use clap::{CommandFactory, FromArgMatches, parser::ValueSource};

use crate::cli::{Cli, Command};
use crate::context::{Ctx, Env};
use crate::input::date;

/// `(path, text)` of each script under `samples/office/`.
macro_rules! scripts {
    ($($name:literal),* $(,)?) => {
        &[$((
            concat!("samples/office/", $name, ".roster"),
            include_str!(concat!("../samples/office/", $name, ".roster")),
        )),*]
    };
}

/// The scripts, in the order they run (one line each: add yours in order).
pub const SCRIPTS: &[(&str, &str)] = scripts![
    "10-panels",
    "20-advisors",
    "30-appointments",
    "35-stations",
    "40-liaisons",
    "50-contacts",
    "60-activities",
    "70-advice",
    "80-money",
    "90-assessment",
    "95-due",
    "97-stations",
];

/// The sample rule sets, built in so the sample office (and a newcomer
/// running from any folder) can name them as `samples/rules/…`.
pub const RULES: &[(&str, &str)] = &[
    (
        "samples/rules/erenhot.toml",
        include_str!("../samples/rules/erenhot.toml"),
    ),
    (
        "samples/rules/kaizhou-tech.toml",
        include_str!("../samples/rules/kaizhou-tech.toml"),
    ),
    (
        "samples/rules/guangxi.toml",
        include_str!("../samples/rules/guangxi.toml"),
    ),
];

/// The built-in copy of a sample rule file named `path`, if it is one.
pub fn rule_file(path: &std::path::Path) -> Option<&'static str> {
    let wanted = path.to_string_lossy().replace('\\', "/");
    RULES
        .iter()
        .find(|(name, _)| wanted == *name || wanted.ends_with(&format!("/{name}")))
        .map(|(_, text)| *text)
}

/// The date the sample office is "as of" when a line does not pin its own.
pub const SAMPLE_TODAY: &str = "2026-11-20";

/// Command lines of a script with their line numbers (continuations joined).
pub fn lines(script: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut pending = String::new();
    let mut start = 0;
    for (index, raw) in script.lines().enumerate() {
        let line = raw.trim();
        if pending.is_empty() {
            start = index + 1;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
        }
        if let Some(head) = line.strip_suffix('\\') {
            pending.push_str(head);
            pending.push(' ');
            continue;
        }
        pending.push_str(line);
        out.push((start, std::mem::take(&mut pending)));
    }
    if !pending.trim().is_empty() {
        out.push((start, pending));
    }
    out
}

/// Loads every script into the (new, empty) database of `ctx`.
pub fn load(ctx: &mut Ctx) -> anyhow::Result<()> {
    load_scripts(ctx, |_| true)
}

/// Loads the scripts whose path `wanted` accepts (tests build smaller
/// offices this way, e.g. only the panels and advisors).
pub fn load_scripts(ctx: &mut Ctx, wanted: impl Fn(&str) -> bool) -> anyhow::Result<()> {
    let outer = ctx.env.clone();
    ctx.conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = run_scripts(ctx, &wanted);
    ctx.env = outer;
    match result {
        Ok(()) => ctx.conn.execute_batch("COMMIT")?,
        Err(err) => {
            let _ = ctx.conn.execute_batch("ROLLBACK");
            return Err(err);
        }
    }
    Ok(())
}

fn run_scripts(ctx: &mut Ctx, wanted: &dyn Fn(&str) -> bool) -> anyhow::Result<()> {
    let default_today = date::parse_plain(SAMPLE_TODAY)
        .ok_or_else(|| anyhow::anyhow!("SAMPLE_TODAY is not a date"))?;
    let lang = ctx.env.lang;
    // One command tree for every line: building it is most of a line's cost.
    let mut command = Cli::command();
    for (file, script) in SCRIPTS.iter().filter(|(file, _)| wanted(file)) {
        for (number, line) in lines(script) {
            run_line(ctx, &mut command, &line, default_today, lang)
                .map_err(|err| err.context(format!("{file}:{number}: {line}")))?;
        }
    }
    Ok(())
}

fn run_line(
    ctx: &mut Ctx,
    command: &mut clap::Command,
    line: &str,
    default_today: chrono::NaiveDate,
    lang: crate::i18n::Lang,
) -> anyhow::Result<()> {
    let words = shlex::split(line).ok_or_else(|| anyhow::anyhow!("unbalanced quotes"))?;
    let matches =
        command.try_get_matches_from_mut(std::iter::once("roster".to_string()).chain(words))?;
    let cli = Cli::from_arg_matches(&matches)?;
    let typed = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
    let today = match (&cli.global.today, typed("today")) {
        (Some(text), true) => date::parse("--today", text, default_today)?,
        _ => default_today,
    };
    let operator = match (&cli.global.operator, typed("operator")) {
        (Some(name), true) => name.clone(),
        _ => "sample".to_string(),
    };
    ctx.env = Env {
        format: crate::output::Format::Table,
        lang,
        operator,
        today,
        yes: true,
        interactive: false,
        command: format!("roster {line}"),
        quiet: true,
    };
    if matches!(cli.command, Command::Init(_)) {
        anyhow::bail!("a sample script cannot run init");
    }
    crate::commands::dispatch(ctx, cli.command)
}

/// A one-line summary of what the database holds.
pub fn counts(conn: &rusqlite::Connection) -> anyhow::Result<String> {
    let count = |table: &str| -> anyhow::Result<i64> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let (panels, advisors, appointments) =
        (count("panels")?, count("advisors")?, count("appointments")?);
    let (liaisons, contacts, activities) =
        (count("liaisons")?, count("contacts")?, count("activities")?);
    let (advice, expenses, assessments) =
        (count("advice")?, count("expenses")?, count("assessments")?);
    Ok(crate::tr!(
        "{panels} 个顾问团，{advisors} 位专家，{appointments} 条聘任记录，{liaisons} 名联系人，{contacts} 次联系服务，{activities} 项履职活动，{advice} 条意见建议，{expenses} 笔经费，{assessments} 条考核结果",
        "{panels} panels, {advisors} advisors, {appointments} appointments, {liaisons} liaisons, {contacts} contacts, {activities} activities, {advice} pieces of advice, {expenses} expenses, {assessments} assessment results",
    ))
}
