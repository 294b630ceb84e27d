//! A writer holding the database (a clerk's long import, `sqlite3 FILE` in
//! BEGIN IMMEDIATE) while the nightly job runs (QA io finding 3): the backup
//! and an unmasked export read a snapshot, which needs no lock; only their
//! audit rows wait for it. The backup stands without its row (a warning);
//! an unmasked export is refused without one (privacy: never an unaudited
//! copy of personal data), leaving no file and printing nothing.

use std::path::Path;
use std::time::Duration;

use crate::common::Office;

/// Holds the write lock on `db` (with a write in progress) until dropped or
/// committed, as another process would.
fn hold(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "BEGIN IMMEDIATE; UPDATE advisors SET notes = 'half-way' WHERE code = 'A0001';",
    )
    .unwrap();
    conn
}

/// Runs roster on the office; (exit code, stdout, stderr).
fn run(office: &Office, args: &[&str]) -> (i32, String, String) {
    let out = office.process().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn audited(office: &Office, action: &str) -> i64 {
    office.int(&format!(
        "SELECT count(*) FROM audit_log WHERE action = '{action}'"
    ))
}

/// The lock is held past the busy timeout: the backup is whole and sound
/// (exit 0, a warning that its audit row is missing); an unmasked export is
/// refused (exit 5) with no file and nothing on stdout; a masked one works.
#[test]
fn under_a_lock_held_past_the_timeout_the_backup_stands_and_unmasked_exports_are_refused() {
    let office = Office::sample();
    let advisors = office.int("SELECT count(*) FROM advisors");
    let lock = hold(&office.db);
    let backup = office.arg("nightly.db");
    let unmasked = office.arg("full.csv");
    let masked = office.arg("masked.csv");
    let (backed, to_file, to_stdout, plain) = std::thread::scope(|s| {
        let b = s.spawn(|| run(&office, &["--lang", "en", "--yes", "backup", &backup]));
        let f = s.spawn(|| {
            run(
                &office,
                &["export", "advisors", "--unmasked", "--out", &unmasked],
            )
        });
        let o = s.spawn(|| {
            run(
                &office,
                &["--lang", "en", "export", "advisors", "--unmasked"],
            )
        });
        let m = s.spawn(|| run(&office, &["export", "advisors", "--out", &masked]));
        (
            b.join().unwrap(),
            f.join().unwrap(),
            o.join().unwrap(),
            m.join().unwrap(),
        )
    });
    drop(lock);

    let (code, stdout, stderr) = backed;
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("backed up"), "{stdout}");
    assert!(
        stderr.contains("warning") && stderr.contains("audit log could not record"),
        "{stderr}"
    );
    assert!(stderr.contains("locked"), "{stderr}");
    // The backup is the committed state: the held write is not in it.
    let copy = rusqlite::Connection::open(&backup).unwrap();
    roster::db::verify(&copy, "nightly.db").unwrap();
    let (count, notes): (i64, Option<String>) = copy
        .query_row(
            "SELECT (SELECT count(*) FROM advisors), (SELECT notes FROM advisors WHERE code = 'A0001')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(count, advisors);
    assert_ne!(notes.as_deref(), Some("half-way"));
    drop(copy);
    let checked = office
        .process()
        .env("ROSTER_DB", &backup)
        .arg("check")
        .output()
        .unwrap();
    assert_ne!(checked.status.code(), Some(5), "{checked:?}");
    assert_eq!(audited(&office, "backup"), 0);

    let (code, stdout, stderr) = to_file;
    assert_eq!(code, 5, "{stderr}");
    assert!(stdout.is_empty());
    assert!(!Path::new(&unmasked).exists());
    let (code, stdout, stderr) = to_stdout;
    assert_eq!(code, 5, "{stderr}");
    assert!(stderr.contains("locked"), "{stderr}");
    assert!(
        stdout.is_empty(),
        "personal data printed unaudited: {stdout}"
    );
    assert_eq!(audited(&office, "export_unmasked"), 0);
    // No temporary file is left beside the exports or the backup.
    let mut names: Vec<String> = std::fs::read_dir(office.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("roster.db"))
        .collect();
    names.sort();
    assert_eq!(names, ["masked.csv", "nightly.db"]);

    let (code, _, stderr) = plain;
    assert_eq!(code, 0, "{stderr}");
}

/// The writer finishes within the busy timeout: the backup and the unmasked
/// export wait for it and write their audit rows; nobody sees a warning.
#[test]
fn a_lock_released_within_the_timeout_delays_only_the_audit_rows() {
    let office = Office::sample();
    let lock = hold(&office.db);
    let backup = office.arg("nightly.db");
    let unmasked = office.arg("full.csv");
    let (backed, exported, printed) = std::thread::scope(|s| {
        let b = s.spawn(|| run(&office, &["--lang", "en", "backup", &backup]));
        let e = s.spawn(|| {
            run(
                &office,
                &["export", "advisors", "--unmasked", "--out", &unmasked],
            )
        });
        let p = s.spawn(|| run(&office, &["export", "advisors", "--unmasked"]));
        std::thread::sleep(Duration::from_millis(1500));
        lock.execute_batch("COMMIT").unwrap();
        (b.join().unwrap(), e.join().unwrap(), p.join().unwrap())
    });
    for (code, _, stderr) in [&backed, &exported, &printed] {
        assert_eq!(*code, 0, "{stderr}");
        assert!(stderr.is_empty(), "{stderr}");
    }
    assert!(printed.1.contains("\t500234195803149374"));
    assert!(Path::new(&backup).exists() && Path::new(&unmasked).exists());
    assert_eq!(audited(&office, "backup"), 1);
    assert_eq!(audited(&office, "export_unmasked"), 2);
}

/// A database another program holds exclusively (`PRAGMA locking_mode =
/// EXCLUSIVE`, as some database browsers do) is busy, not damaged: after the
/// timeout roster says so and to retry (exit 5), never "restore a backup".
#[test]
fn an_exclusive_lock_reads_as_busy_not_damaged() {
    let office = Office::sample();
    let conn = rusqlite::Connection::open(&office.db).unwrap();
    conn.execute_batch(
        "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM advisors;",
    )
    .unwrap();
    let (code, out, err) = run(&office, &["--format", "csv", "panel", "list"]);
    assert_eq!(code, 5, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("稍后重试") && !err.contains("备份"), "{err}");
    drop(conn);
}

/// A page read through the memory map that is no longer there (the file
/// cut short under roster by another program, a share gone) raises SIGBUS:
/// roster ends as on any damaged file, exit 5 with what happened and the
/// fix, and nothing written (here the signal comes while an edit waits for
/// the lock, so nothing of it can have been written).
#[test]
fn a_bus_error_ends_with_the_damaged_file_message_and_nothing_written() {
    let office = Office::sample();
    let before = office.dump();
    let held = hold(&office.db);
    let child = office
        .process()
        .args(["--lang", "en", "advisor", "edit", "A0002", "--notes", "x"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let sent = std::process::Command::new("kill")
        .args(["-BUS", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(
        stderr.contains("cut short") && stderr.contains("nothing was written"),
        "{stderr}"
    );
    drop(held);
    assert_eq!(office.dump(), before);
}
