//! `roster log`.

/// List audit rows, newest first
#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// Only this kind of record (advisor, panel, appointment, …)
    #[arg(long)]
    pub entity: Option<String>,
    /// Only this record id (with --entity)
    #[arg(long)]
    pub id: Option<i64>,
    /// Only changes on or after this date
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only changes on or before this date
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only changes by this operator
    #[arg(long = "by", value_name = "OPERATOR")]
    pub by: Option<String>,
    /// At most this many rows (0 = all)
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
}
