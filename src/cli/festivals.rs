//! `roster festivals [YEAR]`: the festival calendar for greetings.

use clap::Args;

#[derive(Debug, Args)]
pub struct FestivalsArgs {
    /// Year, 1950–2100 (default this year)
    pub year: Option<String>,
}
