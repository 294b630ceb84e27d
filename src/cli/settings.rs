//! `roster settings …`.

use clap::{Args, Subcommand};

/// Office settings: reminder thresholds, controlled categories, the office's name
#[derive(Debug, Args)]
pub struct SettingsArgs {
    #[command(subcommand)]
    pub action: Option<SettingsAction>,
}

#[derive(Debug, Subcommand)]
pub enum SettingsAction {
    /// List every setting with its value and default (the default action)
    List,
    /// Change a setting
    Set(SetArgs),
    /// Return a setting to its default
    Reset(ResetArgs),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The setting's key, e.g. due.window_days
    pub key: String,
    /// The new value
    pub value: String,
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    /// The setting's key
    pub key: String,
}
