//! The command line as typed: clap derive types only (`///` is the help).
//! Each noun's subcommands live in their own file; values arrive as text and
//! are validated by the handlers through the input layer, so a bad value is
//! exit 3 with the field named rather than a usage error.

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
pub mod settings;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::i18n::Lang;
use crate::output::Format;

/// roster — the register of government advisors and experts (专家顾问名册):
/// appointments, liaison, work, money and the annual assessment, in one
/// local SQLite file.
#[derive(Debug, Parser)]
#[command(
    name = "roster",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// The database file
    #[arg(
        long,
        env = "ROSTER_DB",
        default_value = "roster.db",
        global = true,
        value_name = "PATH"
    )]
    pub db: PathBuf,
    /// Output format: a table for people, CSV or JSON for scripts; xlsx for `export`
    #[arg(long, value_enum, default_value = "table", global = true)]
    pub format: Format,
    /// Language of labels, headers and messages
    #[arg(
        long,
        value_enum,
        env = "ROSTER_LANG",
        default_value = "zh",
        global = true
    )]
    pub lang: Lang,
    /// Who is making the change, for the audit log (default: the OS user)
    #[arg(long, env = "ROSTER_OPERATOR", global = true, value_name = "NAME")]
    pub operator: Option<String>,
    /// Answer yes to confirmations (dismissal, confirming an assessment, restoring a backup)
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
    /// Never prompt; a missing value is an error naming the flag
    #[arg(long, global = true)]
    pub no_input: bool,
    /// Pin today's date (for scripts and tests), e.g. 2026-03-01
    #[arg(long, env = "ROSTER_TODAY", global = true, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new database (optionally with the sample office)
    Init(init::InitArgs),
    /// Panels: advisory panels (顾问团), the expert committee (决咨委), professional stations (专业站)
    #[command(subcommand)]
    Panel(panel::PanelCommand),
    /// Advisors on the roster (专家顾问)
    #[command(subcommand, visible_alias = "a")]
    Advisor(advisor::AdvisorCommand),
    /// Appointments (聘任): nomination, procedure steps, renewal, dismissal, resignation
    #[command(subcommand, visible_alias = "appt")]
    Appointment(appointment::AppointmentCommand),
    /// Liaisons (联系人): cadres paired one-to-one with advisors
    #[command(subcommand)]
    Liaison(liaison::LiaisonCommand),
    /// Contacts (联系服务): visits, holiday greetings, calls, materials, care, reported events
    #[command(subcommand)]
    Contact(contact::ContactCommand),
    /// The festivals advisors are greeted on, with their dates in a year (1950–2100)
    Festivals(festivals::FestivalsArgs),
    /// The advisors' work (履职活动): meetings, consultations, written opinions, attendance
    #[command(subcommand, visible_alias = "act")]
    Activity(activity::ActivityCommand),
    /// Advice (意见建议) and its handling: assignment, adoption, endorsement, feedback
    #[command(subcommand)]
    Advice(advice::AdviceCommand),
    /// Recusals (回避): an advisor stepping aside from a matter
    #[command(subcommand)]
    Recusal(recusal::RecusalCommand),
    /// The project needs library (项目需求库): enterprises' needs, the experts matched, the outcome
    #[command(subcommand)]
    Need(need::NeedCommand),
    /// Expenses (经费): travel, lodging, fees, stipends, subsidies; vouchers; the stipend run
    #[command(subcommand, visible_alias = "exp")]
    Expense(expense::ExpenseCommand),
    /// Budgets (预算): yearly caps for the office or a panel; controlled categories
    #[command(subcommand)]
    Budget(budget::BudgetCommand),
    /// The annual assessment (年度考核): rules, run, explain, grade, adjust, confirm
    #[command(subcommand)]
    Assess(assess::AssessCommand),
    /// What is due and what is late, each with the command that deals with it
    Due(due::DueArgs),
    /// Reports: the work ledger (工作台账), spending, coverage, the yearly summary
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Export a dataset (advisors, activities, expenses, …) as CSV or xlsx for spreadsheets
    Export(export::ExportArgs),
    /// Import a CSV file (advisors, activities, expenses, …): every row checked, all or nothing
    Import(import::ImportArgs),
    /// Office settings (reminder thresholds, controlled categories)
    Settings(settings::SettingsArgs),
    /// The audit log: every change, who made it and when
    Log(log::LogArgs),
    /// Copy the database to a file while others keep working
    Backup(backup::BackupArgs),
    /// Replace the database with a checked backup (the old one is kept aside)
    Restore(backup::RestoreArgs),
    /// Check integrity, the roster's rules and the audit chain (exit 4 on problems)
    Check(check::CheckArgs),
}
