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

    /// The CHECK constraints of `table`, each whole, its spacing folded.
    fn check_constraints(conn: &rusqlite::Connection, table: &str) -> Vec<String> {
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        let upper = sql.to_ascii_uppercase();
        let mut found = Vec::new();
        for (at, _) in upper.match_indices("CHECK") {
            let rest = sql[at + "CHECK".len()..].trim_start();
            if !rest.starts_with('(') {
                continue;
            }
            let mut depth = 0;
            let end = rest
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '(' => 1,
                        ')' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map(|(i, _)| i)
                .unwrap();
            let body = rest[1..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            found.push(format!("{table}: {body}"));
        }
        found
    }

    /// `column = 'a' OR column = 'b' …` over the codes of `domain`, as the
    /// schema writes an enumeration's CHECK.
    fn one_of(table: &str, column: &str, domain: &crate::labels::Domain) -> String {
        let each: Vec<String> = domain
            .codes()
            .map(|c| format!("{column} = '{c}'"))
            .collect();
        format!("{table}: {}", each.join(" OR "))
    }

    /// An import of a dataset that checks its rows in full (`rows_checked`)
    /// runs with the tables' CHECK constraints off: each must be a rule the
    /// import's row checks apply, named here whole. A CHECK added or changed
    /// on such a table fails this test until its rule is named (and applied
    /// by the import).
    #[test]
    fn every_check_constraint_is_a_rule_the_import_applies() {
        use crate::labels::{ACTIVITY_KIND, ATTENDANCE, MODE, PARTICIPANT_ROLE};
        let activities = vec![
            // ACTIVITY_KIND's codes (activity add's parse_new)
            one_of("activities", "kind", &ACTIVITY_KIND),
            // MODE's codes
            one_of("activities", "mode", &MODE),
            // parse_hours: 0 to 24
            "activities: hours IS NULL OR (hours >= 0 AND hours <= 24)".to_string(),
            // ATTENDANCE's codes (participant add's parse_join_text)
            one_of("participants", "attendance", &ATTENDANCE),
            // PARTICIPANT_ROLE's codes
            one_of("participants", "role", &PARTICIPANT_ROLE),
            // text::yes_no
            "participants: guest IN (0,1)".to_string(),
            // work::check_excuse
            "participants: attendance <> 'excused' OR excuse_reason IS NOT NULL".to_string(),
        ];
        let advisors: Vec<String> = [
            // GENDER's codes, or read from the ID number (advisor add)
            "advisors: gender IN ('male','female')",
            // CATEGORY's codes
            "advisors: category IN ('government_advisor','decision_expert','tech_advisor','pool_expert')",
            // TIER's codes
            "advisors: tier IN ('pool','active','key')",
            // text::yes_no
            "advisors: native_abroad IN (0,1)",
            // 1900 to this year (and --today stops at 2200)
            "advisors: work_start_year BETWEEN 1900 AND 2200",
            // text::yes_no
            "advisors: academician IN (0,1)",
            // money::parse, more than zero
            "advisors: stipend_fen > 0",
            // TIER's codes, or none (a tier changed by --on-duplicate update)
            "advisor_tiers: tier IN ('pool','active','key')",
        ]
        .map(str::to_string)
        .to_vec();
        let rules: &[(&str, &[&str], Vec<String>)] = &[
            ("activities", &["activities", "participants"], activities),
            ("advisors", &["advisors", "advisor_tiers"], advisors),
        ];
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for migration in crate::db::MIGRATIONS {
            conn.execute_batch(migration).unwrap();
        }
        for dataset in DATASETS.iter().filter(|d| d.rows_checked) {
            let Some((_, tables, wanted)) = rules.iter().find(|(name, ..)| *name == dataset.name)
            else {
                panic!(
                    "{}: its CHECK constraints are not listed here",
                    dataset.name
                );
            };
            let found: Vec<String> = tables
                .iter()
                .flat_map(|t| check_constraints(&conn, t))
                .collect();
            assert_eq!(&found, wanted, "{}", dataset.name);
        }
    }
}
