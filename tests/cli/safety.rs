//! Backups and restores (issue #11): an online copy that is private and
//! whole, and a restore that checks the file before replacing anything and
//! keeps the replaced database aside.

use std::path::Path;

use crate::common::{Office, json};

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The names in a folder, without SQLite's transient companions.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    names
}

fn count(path: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_backup_is_a_private_whole_copy_and_replaces_a_file_only_when_told() {
    let office = Office::people();
    let file = office.path("backup.db");
    let out = office.ok_en(&["backup", &office.arg("backup.db")]);
    assert!(
        out.contains("backed up") && out.contains("40 advisors"),
        "{out}"
    );
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);
    // One self-contained file: no write-ahead log beside it, sound, complete.
    assert_eq!(
        listing(office.dir.path()),
        ["backup.db", "roster.db"],
        "no temporary files are left behind"
    );
    let copy = rusqlite::Connection::open(&file).unwrap();
    let journal: String = copy
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "delete");
    roster::db::verify(&copy, "backup.db").unwrap();
    drop(copy);
    assert_eq!(count(&file, "SELECT count(*) FROM advisors"), 40);
    // The backup is audited in the live database (personal data left in a file).
    assert_eq!(
        office.text("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1"),
        "backup"
    );
    assert!(
        office
            .text("SELECT after FROM audit_log ORDER BY id DESC LIMIT 1")
            .contains("backup.db")
    );

    // An existing file is replaced only with --yes; without it nothing changes.
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "新专家",
        "--category",
        "pool_expert",
    ]);
    let before = std::fs::read(&file).unwrap();
    let err = office.fails_en(3, &["backup", &office.arg("backup.db")]);
    assert!(err.contains("--yes") && err.contains("backup.db"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    office.ok(&["--yes", "backup", &office.arg("backup.db")]);
    assert_eq!(count(&file, "SELECT count(*) FROM advisors"), 41);
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);
}

#[test]
fn restore_replaces_the_database_and_keeps_the_old_one_aside() {
    let office = Office::people();
    office.ok(&["backup", &office.arg("monday.db")]);
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "周二新增",
        "--category",
        "pool_expert",
    ]);
    let out = office.ok_en(&["--yes", "restore", &office.arg("monday.db")]);
    assert!(out.contains("restored") && out.contains("kept as"), "{out}");
    assert_eq!(
        office.int("SELECT count(*) FROM advisors WHERE name = '周二新增'"),
        0
    );
    let names = listing(office.dir.path());
    let aside: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("roster.db.replaced-"))
        .collect();
    assert_eq!(aside.len(), 1, "{names:?}");
    assert_eq!(
        names.len(),
        3,
        "no temporary files are left behind: {names:?}"
    );
    // The replaced database is whole: Tuesday's advisor is in it.
    let kept = office.path(aside[0]);
    assert_eq!(
        count(
            &kept,
            "SELECT count(*) FROM advisors WHERE name = '周二新增'"
        ),
        1
    );
    #[cfg(unix)]
    assert_eq!(mode(&office.db), 0o600);
    // The restore is in the restored database's own log, and its chain holds.
    let log = json(&office.ok(&["--format", "json", "log", "--entity", "database"]));
    let last = &log.as_array().unwrap()[0];
    assert_eq!(last["action"], "restore");
    let after = office.text("SELECT after FROM audit_log WHERE action = 'restore'");
    assert!(
        after.contains("monday.db") && after.contains("replaced-"),
        "{after}"
    );
    office.ok(&["check"]);
    assert_eq!(
        office.int("PRAGMA user_version"),
        roster::db::current_version()
    );
}

#[test]
fn restore_recreates_a_database_that_was_lost() {
    let office = Office::people();
    office.ok(&["backup", &office.arg("safe.db")]);
    let lost = Office::bare();
    std::fs::copy(office.path("safe.db"), lost.path("safe.db")).unwrap();
    lost.fails_on_missing(&["restore", &lost.arg("safe.db")]);
    lost.ok(&["--yes", "restore", &lost.arg("safe.db")]);
    assert_eq!(lost.int("SELECT count(*) FROM advisors"), 40);
    #[cfg(unix)]
    assert_eq!(mode(&lost.db), 0o600);
}

#[test]
fn a_refused_restore_leaves_the_database_and_the_folder_as_they_were() {
    let office = Office::people();
    office.ok(&["backup", &office.arg("good.db")]);
    // A backup with a row pointing nowhere, and one with a damaged page.
    std::fs::copy(office.path("good.db"), office.path("orphan.db")).unwrap();
    let conn = rusqlite::Connection::open(office.path("orphan.db")).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO panel_quotas (panel_id, subject, kinds, period, scope, min_count)
         VALUES (999, 'contact', 'visit', 'year', 'advisor', 1);",
    )
    .unwrap();
    drop(conn);
    damage(&office.path("good.db"), &office.path("damaged.db"));
    let names = listing(office.dir.path());
    for (file, says) in [
        ("orphan.db", "foreign key"),
        ("damaged.db", "damaged"),
        ("good.db", "--yes"),
    ] {
        let err = office.fails_en(3, &["restore", &office.arg(file)]);
        assert!(err.contains(says) && err.contains(file), "{file}: {err}");
        assert_eq!(listing(office.dir.path()), names, "{file}");
    }
}

/// Copies `from` to `to` and overwrites the root page of `advisors` with
/// garbage, keeping the header (so the file still claims to be roster's).
pub fn damage(from: &Path, to: &Path) {
    let (root, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(from).unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'advisors'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (root, size)
    };
    let mut bytes = std::fs::read(from).unwrap();
    let start = ((root - 1) * page_size) as usize;
    for (i, b) in bytes[start..start + page_size as usize]
        .iter_mut()
        .enumerate()
    {
        *b = (i * 7 + 13) as u8;
    }
    std::fs::write(to, bytes).unwrap();
}

impl Office {
    /// A command on an office without a database: restore without --yes
    /// must not create one.
    fn fails_on_missing(&self, args: &[&str]) {
        let (code, _, err) = self.run(args);
        assert_eq!(code, 3, "{err}");
        assert!(!self.db.exists());
    }
}

#[test]
fn a_damaged_database_is_exit_5_for_check_and_is_not_backed_up() {
    // A script must tell a damaged file (exit 5) from findings in the data
    // (exit 4), and a nightly backup must not copy the damage as if sound.
    let office = Office::people();
    damage(&office.db, &office.path("damaged.db"));
    for sidecar in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{sidecar}", office.db.display()));
    }
    std::fs::copy(office.path("damaged.db"), &office.db).unwrap();
    for args in [&["check"][..], &["check", "--only", "integrity"]] {
        let (code, _, stderr) = office.run(&[&["--lang", "en"][..], args].concat());
        assert_eq!(code, 5, "{args:?}: {stderr}");
        assert!(stderr.contains("damaged"), "{stderr}");
    }
    let (code, _, stderr) = office.run(&["--lang", "en", "backup", &office.arg("nightly.db")]);
    assert_eq!(code, 5, "{stderr}");
    assert!(stderr.contains("no backup was written"), "{stderr}");
    assert!(!office.path("nightly.db").exists());
    let strays: Vec<_> = std::fs::read_dir(office.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(strays.is_empty(), "{strays:?}");
}

#[test]
fn a_reader_that_stops_early_is_not_a_failure_in_any_format() {
    // `roster … | head`: the pipe closes after a few bytes; roster stops
    // quietly with exit 0, whatever the format.
    use std::io::Read;
    let office = Office::sample();
    for format in ["table", "csv", "json"] {
        let mut child = office
            .process()
            .args(["--format", format, "log", "--limit", "0"])
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
}

#[test]
fn a_value_breaking_a_check_is_a_finding_and_still_backed_up() {
    // Only the file's own damage stops a backup (exit 5); a CHECK broken in
    // the data is `check`'s finding (exit 4), and the nightly backup goes on.
    let office = Office::people();
    let conn = office.conn();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON; UPDATE panels SET notice_days = 99 WHERE id = 1;",
    )
    .unwrap();
    drop(conn);
    let (code, _, stderr) = office.run(&["--lang", "en", "check", "--only", "integrity"]);
    assert_eq!(code, 4, "{stderr}");
    office.ok(&["backup", &office.arg("nightly.db")]);
    assert!(office.path("nightly.db").exists());
}

#[test]
fn text_that_is_not_utf8_is_damage_exit_5() {
    // roster writes only UTF-8: a value that is not (a damaged page SQLite's
    // own checks pass) is the file's damage, named, not an unexpected failure.
    let office = Office::people();
    let conn = office.conn();
    conn.execute_batch(
        "UPDATE advisors SET notes = CAST(X'E6B7' AS TEXT) WHERE id = 1;
         DROP TRIGGER audit_log_no_update;
         UPDATE audit_log SET command = CAST(X'E6B7' AS TEXT) WHERE id = 1;",
    )
    .unwrap();
    drop(conn);
    for args in [&["check"][..], &["export", "audit"]] {
        let (code, _, stderr) = office.run(&[&["--lang", "en"][..], args].concat());
        assert_eq!(code, 5, "{args:?}: {stderr}");
        assert!(stderr.contains("damaged"), "{args:?}: {stderr}");
    }
}
