//! Hostile input for the CSV import (issue 11, 3): whatever bytes a file
//! holds — random bytes, broken encodings, ragged rows, stray quotes,
//! headers in any order, cells of any text — an import answers with a
//! summary or an error and never panics. 10,000 cases each, in process,
//! as dry runs against one office holding the sample's panels and advisors.

use std::sync::OnceLock;

use proptest::prelude::*;

use crate::context::{Ctx, Env};
use crate::transfer::import::{ImportOptions, run};
use crate::transfer::{OnDuplicate, find};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 10_000,
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A folder holding the office (panels and advisors of the sample) and the
/// file each case writes.
fn office() -> &'static (tempfile::TempDir, std::path::PathBuf) {
    static OFFICE: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    OFFICE.get_or_init(|| {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let db = dir.path().join("office.db");
        let conn = crate::db::create(&db).expect("create");
        let mut ctx = Ctx { env: env(), conn };
        crate::sample::load_scripts(&mut ctx, |f| {
            f.contains("10-panels") || f.contains("20-advisors")
        })
        .expect("sample");
        (dir, db)
    })
}

fn env() -> Env {
    Env {
        format: crate::output::Format::Csv,
        lang: crate::i18n::Lang::Zh,
        operator: "proptest".to_string(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
        yes: true,
        interactive: false,
        command: "proptest".to_string(),
        quiet: true,
    }
}

thread_local! {
    /// One connection per test thread, opened once.
    static CTX: Ctx = Ctx { env: env(), conn: crate::db::open(&office().1).expect("open") };
}

/// Imports `bytes` as `dataset` (a dry run); true when it was a clean answer.
fn import(dataset: &str, bytes: &[u8], case: u64) -> bool {
    let dir = &office().0;
    let thread = format!("{:?}", std::thread::current().id())
        .replace(|c: char| !c.is_ascii_alphanumeric(), "");
    let path = dir.path().join(format!("case-{thread}.csv"));
    std::fs::write(&path, bytes).expect("write case");
    let dataset = find(dataset, true).expect("dataset");
    let options = ImportOptions {
        charset: None,
        dry_run: true,
        on_duplicate: OnDuplicate::Skip,
        ignore_unknown: case % 2 == 0,
        again: false,
    };
    // Ok or a reported error: both are answers; a panic fails the test.
    CTX.with(|ctx| {
        let _ = run(ctx, dataset, &path, &options);
    });
    true
}

/// Cells that look like the real thing, and cells that do not.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("A0005".to_string()),
        Just("李国栋".to_string()),
        Just("growth".to_string()),
        Just("2025-03-15".to_string()),
        Just("2023-02-30".to_string()),
        Just("顾问团会议".to_string()),
        Just("出席".to_string()),
        Just("1,280.50".to_string()),
        Just("=1+1".to_string()),
        Just("\"quoted, with a comma\"".to_string()),
        Just("11010519491231002X".to_string()),
        "\\PC{0,12}",
        "[0-9.,-]{0,8}",
        any::<String>().prop_map(|s| s.chars().take(16).collect()),
    ]
}

/// A CSV text: a header of the dataset's own column names (Chinese, English
/// or keys, in any order, maybe with strangers) and rows of cells.
fn csv_text(columns: Vec<&'static str>) -> impl Strategy<Value = Vec<u8>> {
    let header = proptest::sample::subsequence(columns.clone(), 0..=columns.len()).prop_shuffle();
    (
        header,
        proptest::collection::vec(proptest::collection::vec(cell(), 0..12), 0..6),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(header, rows, bom, crlf)| {
            let newline = if crlf { "\r\n" } else { "\n" };
            let mut text = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            text.push_str(&header.join(","));
            for row in rows {
                text.push_str(newline);
                text.push_str(&row.join(","));
            }
            text.into_bytes()
        })
}

fn headers(dataset: &str) -> Vec<&'static str> {
    let found = find(dataset, true).expect("dataset");
    found
        .columns
        .iter()
        .flat_map(|c| [c.zh, c.en, c.key])
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes_never_panic_an_import(bytes in proptest::collection::vec(any::<u8>(), 0..600), which in any::<bool>(), case in any::<u64>()) {
        let dataset = if which { "advisors" } else { "activities" };
        prop_assert!(import(dataset, &bytes, case));
    }

    #[test]
    fn csv_of_any_shape_never_panics_an_import(
        (dataset, bytes) in prop_oneof![
            csv_text(headers("advisors")).prop_map(|b| ("advisors", b)),
            csv_text(headers("activities")).prop_map(|b| ("activities", b)),
            csv_text(headers("expenses")).prop_map(|b| ("expenses", b)),
        ],
        case in any::<u64>(),
    ) {
        prop_assert!(import(dataset, &bytes, case));
    }
}
