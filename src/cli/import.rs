//! `roster import …`.

use std::path::PathBuf;

use clap::Args;

/// Import a CSV file into a dataset: all rows or none
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// panels, advisors, liaisons, liaison-assignments, contacts, recusals, activities, advice,
    /// expenses (in that order when moving an office: each refers to those before it)
    pub dataset: String,
    /// The CSV file (UTF-8 with or without BOM, GBK or GB18030)
    pub file: PathBuf,
    /// The file's character set when detection is not wanted: utf-8, gbk or gb18030
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// Check every row and report every problem, but write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// A row whose code, ID number or record number is already on file: fail (default) or skip
    /// (every dataset), or update (advisors, panels, liaisons, liaison-assignments)
    #[arg(long, value_name = "WHAT")]
    pub on_duplicate: Option<String>,
    /// Skip columns the dataset does not know instead of refusing the file
    #[arg(long)]
    pub ignore_unknown: bool,
    /// Import a file whose very bytes were imported into this dataset before
    /// (otherwise refused, so a file run twice is not recorded twice)
    #[arg(long)]
    pub again: bool,
}
