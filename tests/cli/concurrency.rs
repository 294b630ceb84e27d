//! Several roster processes on one file at once (issue #11, 2): writers,
//! readers, checks and backups race, and nobody sees "database is locked"
//! within the busy timeout, no write is lost, and every reader sees one
//! consistent snapshot. Real processes, as clerks and nightly jobs run them.

use std::path::Path;

use crate::common::{Office, csv_rows, process};

/// Runs roster on `db` and insists it succeeds; returns stdout.
fn must(db: &Path, args: &[&str]) -> String {
    let out = process(db).args(args).output().expect("run roster");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "roster {args:?} failed ({:?}) while others worked:\n{stderr}",
        out.status.code()
    );
    assert!(!stderr.contains("locked"), "{stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn writers_readers_checks_and_backups_share_one_file() {
    const WRITERS: usize = 3;
    const ADDS: usize = 10;
    const EDITS: usize = 10;
    let office = Office::people();
    let db = office.db.as_path();
    let initial = office.int("SELECT count(*) FROM advisors") as usize;
    let total = initial + WRITERS * ADDS;
    let backups: Vec<String> = (0..3).map(|i| office.arg(&format!("b{i}.db"))).collect();
    std::thread::scope(|s| {
        for w in 0..WRITERS {
            s.spawn(move || {
                for i in 0..ADDS {
                    let name = format!("并发{w}号{i}");
                    must(
                        db,
                        &[
                            "advisor",
                            "add",
                            "--name",
                            &name,
                            "--category",
                            "pool_expert",
                        ],
                    );
                }
            });
        }
        s.spawn(move || {
            for i in 0..EDITS {
                must(
                    db,
                    &[
                        "advisor",
                        "edit",
                        "A0001",
                        "--notes",
                        &format!("第{i}次修改"),
                    ],
                );
            }
        });
        for _ in 0..2 {
            s.spawn(move || {
                // Each listing is one snapshot: whole rows, never fewer than before.
                let mut seen = initial;
                for _ in 0..8 {
                    let rows = csv_rows(&must(
                        db,
                        &["--lang", "en", "--format", "csv", "advisor", "list"],
                    ));
                    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
                    let count = rows.len() - 1;
                    assert!((seen..=total).contains(&count), "{seen} then {count}");
                    seen = count;
                }
            });
        }
        // `check` reads advisors and the audit log together: a torn
        // snapshot would show an advisor without its audit row.
        s.spawn(move || {
            for _ in 0..3 {
                must(db, &["check"]);
            }
        });
        let backups = &backups;
        s.spawn(move || {
            for file in backups {
                must(db, &["backup", file]);
            }
        });
    });
    // Every write landed, exactly once, with its audit row, in one chain.
    assert_eq!(office.int("SELECT count(*) FROM advisors") as usize, total);
    for w in 0..WRITERS {
        for i in 0..ADDS {
            let name = format!("并发{w}号{i}");
            let sql = format!("SELECT count(*) FROM advisors WHERE name = '{name}'");
            assert_eq!(office.int(&sql), 1, "{name}");
        }
    }
    let last = EDITS - 1;
    assert_eq!(
        office.text("SELECT notes FROM advisors WHERE code = 'A0001'"),
        format!("第{last}次修改")
    );
    assert_eq!(
        office.int("SELECT count(*) FROM audit_log WHERE entity = 'advisor' AND action = 'edit'")
            as usize,
        EDITS
    );
    must(db, &["check"]);
    // Each backup is a whole snapshot: sound, and consistent with its own log.
    for file in &backups {
        let copy = Path::new(file);
        let count: i64 = rusqlite::Connection::open(copy)
            .unwrap()
            .query_row("SELECT count(*) FROM advisors", [], |r| r.get(0))
            .unwrap();
        assert!((initial as i64..=total as i64).contains(&count));
        must(copy, &["check"]);
    }
}

#[test]
fn processes_opening_an_old_file_together_migrate_it_once() {
    let office = Office::bare();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.db");
    std::fs::copy(fixture, &office.db).unwrap();
    let db = office.db.as_path();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(move || must(db, &["advisor", "list"]));
        }
    });
    assert_eq!(
        office.int("PRAGMA user_version"),
        roster::db::current_version()
    );
    must(db, &["check"]);
}

/// A clerk's writes, a nightly export and an import at the same time: no
/// lock failures, every write and the whole import land, and every export
/// file is one whole snapshot.
#[test]
fn a_clerk_a_nightly_export_and_an_import_share_one_file() {
    let office = Office::people();
    let db = office.db.as_path();
    let initial = office.int("SELECT count(*) FROM advisors") as usize;
    // A file of 300 new advisors to import (codes B0001…, no ID numbers).
    let file = office.dir.path().join("incoming.csv");
    let mut text = String::from("code,name,category\n");
    for i in 1..=300 {
        text.push_str(&format!("B{i:04},导入专家{i},pool_expert\n"));
    }
    std::fs::write(&file, text).unwrap();
    let file = file.display().to_string();
    const ADDS: usize = 15;
    let exports: Vec<String> = (0..4)
        .map(|i| office.arg(&format!("nightly-{i}.csv")))
        .collect();
    std::thread::scope(|s| {
        s.spawn(move || {
            for i in 0..ADDS {
                must(
                    db,
                    &[
                        "advisor",
                        "add",
                        "--name",
                        &format!("文员录入{i}"),
                        "--category",
                        "pool_expert",
                    ],
                );
            }
        });
        let file = &file;
        s.spawn(move || {
            must(db, &["import", "advisors", file]);
        });
        let exports = &exports;
        s.spawn(move || {
            for out in exports {
                must(
                    db,
                    &[
                        "--lang", "en", "export", "advisors", "--no-bom", "--out", out,
                    ],
                );
            }
        });
    });
    let total = initial + ADDS + 300;
    assert_eq!(office.int("SELECT count(*) FROM advisors") as usize, total);
    assert_eq!(
        office.int("SELECT count(*) FROM advisors WHERE code GLOB 'B[0-9]*'"),
        300
    );
    for out in &exports {
        let rows = csv_rows(&std::fs::read_to_string(out).unwrap());
        assert!(
            rows.iter().all(|r| r.len() == rows[0].len()),
            "{out}: ragged"
        );
        let count = rows.len() - 1;
        assert!((initial..=total).contains(&count), "{out}: {count} rows");
        // The import is one transaction: an export sees all 300 or none.
        let imported = rows.iter().filter(|r| r[0].starts_with('B')).count();
        assert!(
            imported == 0 || imported == 300,
            "{out}: {imported} of the import"
        );
    }
    must(db, &["check"]);
}
