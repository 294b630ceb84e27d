//! roster: one binary over one SQLite file for offices that appoint and
//! serve government advisors and experts. `main.rs` parses and reports;
//! everything else lives here so tests and benchmarks can reach it.

pub mod audit;
pub mod check;
pub mod cli;
pub mod commands;
pub mod context;
pub mod db;
pub mod domain;
pub mod error;
pub mod files;
pub mod i18n;
pub mod input;
pub mod labels;
pub mod output;
pub mod privacy;
pub mod sample;
pub mod store;
pub mod transfer;
pub mod usage;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command, Global};
use crate::context::{Ctx, Env};

/// The account running roster, for the audit log: `USER`, else `LOGNAME`
/// (all cron sets), else `USERNAME` (Windows), else the name of the
/// process's user id in /etc/passwd.
fn os_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|name| !name.trim().is_empty())
        .or_else(passwd_name)
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(unix)]
fn passwd_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    std::fs::read_to_string("/etc/passwd")
        .ok()?
        .lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .find(|fields| fields.get(2) == Some(&uid.as_str()))
        .and_then(|fields| fields.first().map(|name| name.to_string()))
}

#[cfg(not(unix))]
fn passwd_name() -> Option<String> {
    None
}

/// Builds the validated environment from the global options.
pub fn env_from(global: &Global, command: String) -> anyhow::Result<Env> {
    // An empty ROSTER_TODAY (a crontab's `ROSTER_TODAY=`) means unset.
    let today = match &global.today {
        Some(text) if !text.trim().is_empty() => {
            input::date::parse("--today", text, chrono::Local::now().date_naive())?
        }
        _ => chrono::Local::now().date_naive(),
    };
    let operator = match &global.operator {
        Some(name) if !name.trim().is_empty() => input::text::name("--operator", name)?,
        _ => os_user(),
    };
    Ok(Env {
        format: global.format,
        lang: global.lang,
        operator,
        today,
        yes: global.yes,
        interactive: Env::detect_interactive(global.no_input),
        command,
        quiet: false,
    })
}

/// Parses the command line (exiting on usage errors, `--help` and
/// `--version`) and runs it.
pub fn run_from_args(args: Vec<String>) -> anyhow::Result<()> {
    db::configure_library();
    db::end_on_bus_error();
    // The language is known before anything else can fail.
    let lang_en = args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || args.iter().any(|a| a == "--lang=en")
        || (!args.iter().any(|a| a.starts_with("--lang"))
            && std::env::var("ROSTER_LANG").is_ok_and(|v| v == "en"));
    i18n::set_lang(if lang_en {
        i18n::Lang::En
    } else {
        i18n::Lang::Zh
    });
    // An environment variable set but empty (`ROSTER_DB= roster …`, a
    // script's unset default) counts as not set, as in most tools.
    let mut command = Cli::command();
    for (id, var) in [("db", "ROSTER_DB"), ("lang", "ROSTER_LANG")] {
        if std::env::var_os(var).is_some_and(|v| v.is_empty()) {
            command = command.mut_arg(id, |arg| arg.env(None::<&str>));
        }
    }
    let matches = match command.try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(err) if !lang_en && err.use_stderr() => match usage::in_chinese(&err) {
            Some(message) => {
                eprint!("{message}");
                std::process::exit(error::exit::USAGE)
            }
            None => err.exit(),
        },
        Err(err) => err.exit(),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    i18n::set_lang(cli.global.lang);
    let typed = std::iter::once("roster").chain(args.iter().skip(1).map(String::as_str));
    let command_line =
        shlex::try_join(typed.clone()).unwrap_or_else(|_| typed.collect::<Vec<_>>().join(" "));
    let env = env_from(&cli.global, command_line)?;
    match cli.command {
        Command::Init(ref init) => commands::init::run(&cli.global.db, env, init),
        Command::Restore(ref args) => commands::restore::run(&cli.global.db, env, args),
        // These read no office: they work before `roster init`.
        Command::Festivals(ref args) => commands::festivals::run(&env, args),
        Command::Check(ref args) if args.list => commands::check::list(&env),
        Command::Assess(cli::assess::AssessCommand::Rules(cli::assess::RulesCommand::Check(
            ref args,
        ))) => commands::assess::rules_check(&env, &args.file),
        command => {
            let conn = db::open(&cli.global.db)?;
            let ctx = Ctx { env, conn };
            commands::dispatch(&ctx, command)
        }
    }
}
