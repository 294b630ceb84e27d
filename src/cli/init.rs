//! `roster init`.

/// Create the database file (mode 0600); refuses to touch an existing file
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Load the sample office (Kaizhou district's committee and ten panels)
    #[arg(long)]
    pub sample: bool,
}
