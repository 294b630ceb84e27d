//! `samples/nightly.sh`, run with `sh` (dash on Debian) as cron would: the
//! dated folder with every file, the log, and its exit status — 6 when
//! items are late or due today (the files are still written), 0 when
//! nothing is, 1 when a step fails, which it also says on stderr (what cron
//! mails).

use std::path::Path;
use std::process::Command;

use crate::common::{Office, TODAY, bin, csv_rows};

fn nightly(db: &Path, dir: &Path) -> (i32, String) {
    let (code, log, _) = nightly_on(db, dir, TODAY);
    (code, log)
}

/// The job on `day`: its status, log and stderr.
fn nightly_on(db: &Path, dir: &Path, day: &str) -> (i32, String, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/nightly.sh");
    let out = Command::new("sh")
        .arg(script)
        .env("ROSTER", bin())
        .env("ROSTER_DB", db)
        .env("ROSTER_NIGHTLY_DIR", dir)
        .env("ROSTER_TODAY", day)
        .env("ROSTER_OPERATOR", "nightly")
        .env_remove("ROSTER_LANG")
        .output()
        .expect("run sh");
    let log = std::fs::read_to_string(dir.join("nightly.log")).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), log, stderr)
}

#[test]
fn the_nightly_job_writes_every_file_and_exits_6_when_items_are_due() {
    let office = Office::sample();
    let dir = office.path("nightly");
    let (code, log) = nightly(&office.db, &dir);
    assert_eq!(code, 6, "{log}");
    let day = dir.join(TODAY);
    for file in [
        "due.csv",
        "due.json",
        "late.csv",
        "advisors.csv",
        "panels.csv",
        "summary-2026.csv",
        "spending-2026.csv",
        "coverage-2026.csv",
        "roster-2026-11-20.db",
    ] {
        let path = day.join(file);
        assert!(
            path.metadata().map(|m| m.len() > 0).unwrap_or(false),
            "{file} missing: {log}"
        );
    }
    assert!(!day.join(".stderr").exists());
    let due = csv_rows(&std::fs::read_to_string(day.join("due.csv")).unwrap());
    assert_eq!(due[0][0], "到期日");
    assert!(due.iter().any(|r| r[2] == "节日问候" && r[3] == "A0021"));
    let summary = std::fs::read_to_string(day.join("summary-2026.csv")).unwrap();
    assert!(summary.starts_with('\u{feff}') && summary.contains("roster.serving_end"));
    // The backup is a working roster database.
    let copy = Office::bare();
    std::fs::copy(day.join("roster-2026-11-20.db"), &copy.db).unwrap();
    assert_eq!(
        copy.int("SELECT count(*) FROM advisors"),
        office.int("SELECT count(*) FROM advisors")
    );
    let late = csv_rows(&std::fs::read_to_string(day.join("late.csv")).unwrap());
    assert!(
        late.len() > 1 && late.len() < due.len(),
        "late is a part of due"
    );
    assert!(
        late[1..].iter().all(|r| r[1].parse::<i64>().unwrap() <= 0),
        "{late:?}"
    );
    for step in [
        "ok      due\n",
        "ok      due-json",
        "due     late:",
        "ok      backup",
        "ok      summary",
        "ok      coverage",
    ] {
        assert!(log.contains(step), "{step}: {log}");
    }
    assert!(log.contains("items are late or due today"), "{log}");
    // Run again the same day (after a failure, say): the day's backup is
    // replaced, not a failed step.
    let (again, log) = nightly(&office.db, &dir);
    assert_eq!(again, 6, "{log}");
    assert!(!log.contains("FAILED"), "{log}");
}

#[test]
fn nothing_due_exits_0_and_a_failing_step_exits_1() {
    let office = Office::empty();
    let dir = office.path("nightly");
    let (code, log) = nightly(&office.db, &dir);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("nothing late or due today"), "{log}");
    // A database that is not there: every step fails, the job says so in
    // its log and on stderr (cron mails it), and leaves no empty folder.
    let elsewhere = office.path("nightly-missing");
    let (code, log, stderr) = nightly_on(&office.path("missing.db"), &elsewhere, TODAY);
    assert_eq!(code, 1, "{log}");
    assert!(
        log.contains("FAILED  due (exit 5)") && log.contains("with failures"),
        "{log}"
    );
    assert!(
        stderr.contains("due failed (exit 5)") && stderr.contains("missing.db"),
        "{stderr}"
    );
    assert!(!elsewhere.join(TODAY).exists());
    // The day names the folder and files: any other form is refused at once.
    let (code, _, stderr) = nightly_on(&office.db, &dir, "2026/11/20");
    assert_eq!(code, 1);
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
    assert!(!dir.join("2026").exists());
}

#[test]
fn under_cron_the_operator_is_the_account_and_an_empty_date_is_today() {
    // cron sets LOGNAME but not always USER; `ROSTER_TODAY=` in a crontab
    // means no pinned date.
    let office = Office::sample();
    let out = office
        .process()
        .env_remove("ROSTER_OPERATOR")
        .env_remove("USER")
        .env_remove("USERNAME")
        .env("LOGNAME", "nightly")
        .env("ROSTER_TODAY", "")
        .args([
            "contact",
            "add",
            "--kind",
            "call",
            "--advisor",
            "A0001",
            "--date",
            "today",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        office.text("SELECT operator FROM audit_log ORDER BY id DESC LIMIT 1"),
        "nightly"
    );
    assert_eq!(
        office.text("SELECT on_date FROM contacts ORDER BY id DESC LIMIT 1"),
        today
    );
}

#[test]
fn leadership_files_open_in_a_spreadsheet_and_a_failed_rerun_keeps_them() {
    // QA finding 6: spending and coverage were written without a BOM and
    // with live formulas; a failed re-run emptied the day's good files.
    let office = Office::sample();
    let link = "=HYPERLINK(\"http://x\",\"点击查看\")";
    office.ok(&["panel", "edit", "health", "--name", link]);
    // The CSV output layer neutralises formula cells for every listing
    // and report, as exports do.
    let out = office.ok(&["--format", "csv", "report", "spending", "--year", "2026"]);
    assert!(
        out.contains("\"'=HYPERLINK(") && !out.contains("\"=HYPERLINK("),
        "{out}"
    );
    let out = office.ok(&["--format", "csv", "panel", "list"]);
    assert!(
        out.contains("'=HYPERLINK") && !out.contains(",\"=HYPERLINK"),
        "{out}"
    );

    let dir = office.path("nightly");
    let (code, log) = nightly(&office.db, &dir);
    assert_eq!(code, 6, "{log}");
    let day = dir.join(TODAY);
    let files = ["due.csv", "spending-2026.csv", "coverage-2026.csv"];
    let mut written = Vec::new();
    for file in files {
        let bytes = std::fs::read(day.join(file)).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{file}: no BOM");
        written.push(bytes);
    }
    let spending = String::from_utf8(written[1].clone()).unwrap();
    assert!(spending.contains("'=HYPERLINK"), "{spending}");
    assert!(
        !std::fs::read_to_string(day.join("due.json"))
            .unwrap()
            .starts_with('\u{feff}')
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(day.join("spending-2026.csv"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    // The same day again, against a database that is not there: every step
    // fails, and the files of the earlier run are kept as they were.
    let (code, log) = nightly(&office.path("missing.db"), &dir);
    assert_eq!(code, 1, "{log}");
    for (file, bytes) in files.iter().zip(&written) {
        assert_eq!(&std::fs::read(day.join(file)).unwrap(), bytes, "{file}");
    }
    let left: Vec<_> = std::fs::read_dir(&day)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
