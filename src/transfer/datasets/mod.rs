//! The registry: every dataset `roster export` and `roster import` know,
//! one file each (see `transfer`'s module doc for how to add one).

mod activities;
mod advice;
mod advisors;
mod appointments;
mod assessments;
mod audit;
mod contacts;
mod expenses;
mod ledger;
mod liaison_assignments;
mod liaisons;
mod needs;
mod panels;
mod recusals;
mod stations;
mod summary;

use super::Dataset;

/// Every dataset, in the order they are listed to users (and in which a
/// clerk imports them: each refers only to those before it).
pub static DATASETS: &[&Dataset] = &[
    &panels::DATASET,
    &advisors::DATASET,
    &appointments::DATASET,
    &liaisons::DATASET,
    &liaison_assignments::DATASET,
    &contacts::DATASET,
    &recusals::DATASET,
    &activities::DATASET,
    &advice::DATASET,
    &needs::DATASET,
    &expenses::DATASET,
    &assessments::DATASET,
    &ledger::DATASET,
    &summary::DATASET,
    &stations::DATASET,
    &audit::DATASET,
];

#[cfg(test)]
mod tests {
    use super::DATASETS;

    /// `roster export --help` names every dataset.
    #[test]
    fn export_help_names_every_dataset() {
        use clap::CommandFactory;
        let mut cli = crate::cli::Cli::command();
        let export = cli.find_subcommand_mut("export").unwrap();
        let help = export.render_long_help().to_string();
        for dataset in DATASETS {
            assert!(
                help.contains(dataset.name),
                "{} missing from: {help}",
                dataset.name
            );
        }
    }

    /// A header names one column: no column's Chinese or English header or
    /// key is another column's (an import could not tell them apart).
    #[test]
    fn headers_name_one_column_each() {
        let fold = |s: &str| s.trim().to_lowercase().replace('_', " ");
        for dataset in DATASETS {
            for (i, a) in dataset.columns.iter().enumerate() {
                for (j, b) in dataset.columns.iter().enumerate() {
                    if i == j {
                        continue;
                    }
                    for name in [a.zh, a.en, a.key] {
                        assert!(
                            ![b.zh, b.en, b.key].iter().any(|n| fold(n) == fold(name)),
                            "{}: {name} names both {} and {}",
                            dataset.name,
                            a.key,
                            b.key
                        );
                    }
                }
            }
        }
    }
}
