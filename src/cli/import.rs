//! `roster import …`.

use std::path::PathBuf;

use clap::Args;

/// Import a CSV file into a dataset: all rows or none
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// advisors, panels (and every importable dataset later issues add)
    pub dataset: String,
    /// The CSV file (UTF-8 with or without BOM, GBK or GB18030)
    pub file: PathBuf,
    /// The file's character set when detection is not wanted: utf-8, gbk or gb18030
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// Check every row and report every problem, but write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// A row whose code or ID number is already on file: fail (default), skip or update
    #[arg(long, value_name = "WHAT")]
    pub on_duplicate: Option<String>,
    /// Skip columns the dataset does not know instead of refusing the file
    #[arg(long)]
    pub ignore_unknown: bool,
}
