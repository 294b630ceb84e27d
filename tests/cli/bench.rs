//! The benchmark at a tiny scale, so its code cannot rot (issue 10: CI does
//! not run it at full scale, but a small run of the same code is a test).

use crate::harness;
use crate::synthetic::Scale;

#[test]
fn the_benchmark_runs_at_a_tiny_scale_and_prints_its_table() {
    let dir = tempfile::TempDir::new().unwrap();
    let roster = std::path::PathBuf::from(env!("CARGO_BIN_EXE_roster"));
    let lines = harness::run(Scale::times(0.0003), dir.path(), &roster, 2).unwrap();
    let table = harness::table(&lines);
    for operation in [
        "export advisors",
        "import advisors",
        "assess run",
        "advisor show",
        "roster --version",
        "binary size",
    ] {
        assert!(
            table.contains(operation),
            "{operation} missing from\n{table}"
        );
    }
    let import = lines
        .iter()
        .find(|l| l.operation.starts_with("import advisors"))
        .unwrap();
    assert_eq!(import.rows, 30);
    assert!(import.seconds > 0.0);
    // Every operation was measured: a failed run is a note, and would hide
    // its figure from the table.
    for line in &lines {
        assert!(
            !line.note.starts_with("not measured"),
            "{}: {}\n{table}",
            line.operation,
            line.note
        );
    }
    // The activities import reads the first tenth of the participations
    // (1,000,000 rows at full scale).
    let activities = lines
        .iter()
        .find(|l| l.operation.starts_with("import activity"))
        .unwrap();
    assert_eq!(activities.rows, 300);
    // Where the shell is installed, each import is set beside SQLite's own
    // share of its work: the same rows copied into the same schema.
    if harness::sqlite3().is_some() {
        for line in [import, activities] {
            assert!(
                line.note
                    .starts_with("SQLite alone, same rows into the same schema: "),
                "{}: {}\n{table}",
                line.operation,
                line.note
            );
        }
    }
}
