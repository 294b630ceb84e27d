//! How fast activities move in and out (issue 10), measured against the
//! `sqlite3` shell on the same data: `.import` of the same CSV into a bare
//! table, and `.mode csv` output of the equivalent query; plus a bare
//! rusqlite loop (a cached prepared INSERT into an unindexed table) for
//! what SQLite itself does here. A small office runs in the suite (so the
//! harness cannot rot, and the round trip is checked); the measured run is
//!
//! ```sh
//! ROSTER_BENCH_IMPORT=0.1 ROSTER_BENCH_EXPORT=1.0 \
//!   cargo test --release --test cli transfer_speed -- --ignored --nocapture
//! ```
//!
//! (`Scale::times(0.1)` is 1,000,000 participations to import; 1.0 is the
//! 10,000,000 to export.) It prints one table: rows, seconds, rows per
//! second, peak memory, and the references with their ratios.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::common::{Office, bin};
use crate::speed_refs::{bare_loop, plain_select, sqlite_alone};
use crate::synthetic::{Scale, generate};

/// The shell's query equivalent to the export (same rows, same columns).
pub const SHELL_QUERY: &str = "SELECT ac.id, ac.on_date, ac.kind, p.name, ac.topic, ac.mode, ac.place, ac.hours, \
    ac.requesting_unit, ac.minutes_ref, ac.result, a.code, a.name, pa.attendance, pa.excuse_reason, pa.role, \
    pa.opinion, pa.guest, pa.override_reason FROM activities ac \
    LEFT JOIN participants pa ON pa.activity_id = ac.id AND pa.voided_at IS NULL \
    LEFT JOIN advisors a ON a.id = pa.advisor_id LEFT JOIN panels p ON p.id = ac.panel_id \
    WHERE ac.voided_at IS NULL ORDER BY ac.id, pa.id;";

struct Timed {
    seconds: f64,
    peak_kb: Option<u64>,
}

/// Runs roster (or another program) and times it, sampling its peak memory.
fn timed(mut cmd: Command) -> Timed {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_file)
            && let Some(line) = text.lines().find(|l| l.starts_with("VmHWM:"))
        {
            peak = line
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
                .or(peak);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                use std::io::Read;
                let _ = e.read_to_string(&mut err);
            }
            assert!(status.success(), "{cmd:?} failed: {err}");
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Timed {
        seconds: start.elapsed().as_secs_f64(),
        peak_kb: peak,
    }
}

fn roster(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.env("ROSTER_DB", db)
        .env("ROSTER_TODAY", "2026-11-20")
        .env("ROSTER_OPERATOR", "bench")
        .env_remove("ROSTER_LANG")
        .arg("--no-input")
        .args(args);
    cmd
}

fn shell_available() -> bool {
    Command::new("sqlite3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A generated office, and a copy of it without its activities (the
/// panels, advisors and terms an activities file refers to).
fn offices(dir: &Path, scale: Scale) -> (std::path::PathBuf, std::path::PathBuf) {
    let full = dir.join("office.db");
    generate(&full, scale, 20_261_120).expect("generate");
    let empty = dir.join("fresh.db");
    let conn = rusqlite::Connection::open(&full).expect("open");
    conn.execute("VACUUM INTO ?1", [empty.to_str().expect("path")])
        .expect("copy");
    drop(conn);
    let conn = rusqlite::Connection::open(&empty).expect("open copy");
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF; DELETE FROM participants; DELETE FROM activities; VACUUM;",
    )
    .expect("empty the copy");
    (full, empty)
}

fn line(what: &str, rows: u64, t: &Timed, refs: &[(&str, f64)]) -> String {
    let rate = rows as f64 / t.seconds;
    let peak = t
        .peak_kb
        .map_or("-".to_string(), |k| format!("{:.1} MB", k as f64 / 1024.0));
    let mut out = format!(
        "{what:<34} {rows:>10} rows {:>7.2} s {rate:>10.0} rows/s  peak {peak}",
        t.seconds
    );
    for (name, seconds) in refs {
        let theirs = rows as f64 / seconds;
        out.push_str(&format!(
            "\n    vs {name:<28} {seconds:>7.2} s {theirs:>10.0} rows/s  ratio {:.2}",
            rate / theirs
        ));
    }
    out
}

/// Imports an activities file made from a generated office into a copy of
/// it without activities, and exports it back; returns the report lines.
fn import_run(dir: &Path, scale: Scale, check_round_trip: bool) -> Vec<String> {
    let (full, fresh) = offices(dir, scale);
    let file = dir.join("activities.csv");
    let out = file.to_str().expect("path");
    let rows = count_rows(&full);
    timed(roster(
        &full,
        &["export", "activities", "--unmasked", "--out", out],
    ));
    let import = timed(roster(&fresh, &["import", "activities", out]));
    let mut refs = Vec::new();
    if shell_available() {
        let bare = dir.join("shell.db");
        let mut shell = Command::new("sqlite3");
        shell
            .arg(&bare)
            .arg(format!(".import --csv --skip 1 {out} bare"));
        // The shell needs the table first when skipping the header.
        Command::new("sqlite3")
            .arg(&bare)
            .arg("CREATE TABLE bare (c0,c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,c17,c18);")
            .output()
            .expect("sqlite3");
        refs.push(("sqlite3 .import (bare table)", timed(shell).seconds));
    }
    refs.push(("bare rusqlite loop", bare_loop(&file, &dir.join("loop.db"))));
    refs.push(("SQLite alone, roster's tables", sqlite_alone(&fresh, dir)));
    if check_round_trip {
        let again = dir.join("again.csv");
        timed(roster(
            &fresh,
            &[
                "export",
                "activities",
                "--unmasked",
                "--out",
                again.to_str().expect("path"),
            ],
        ));
        assert!(
            std::fs::read(&file).expect("file") == std::fs::read(&again).expect("again"),
            "the imported activities export differently"
        );
    }
    vec![line("import activities (validated)", rows, &import, &refs)]
}

/// Exports every activity row of a generated office (masked, neutralised).
fn export_run(dir: &Path, scale: Scale) -> Vec<String> {
    let db = dir.join("export.db");
    generate(&db, scale, 20_261_121).expect("generate");
    let rows = count_rows(&db);
    let out = dir.join("export.csv");
    let export = timed(roster(
        &db,
        &["export", "activities", "--out", out.to_str().expect("path")],
    ));
    let mut refs = Vec::new();
    if shell_available() {
        let mut shell = Command::new("sqlite3");
        shell
            .arg(&db)
            .arg(".headers on")
            .arg(".mode csv")
            .arg(format!(".output {}", dir.join("shell.csv").display()))
            .arg(SHELL_QUERY);
        refs.push(("sqlite3 .mode csv", timed(shell).seconds));
    }
    let start = Instant::now();
    plain_select(&db, &dir.join("plain.csv"));
    refs.push(("bare SELECT into csv writer", start.elapsed().as_secs_f64()));
    vec![line("export activities (masked)", rows, &export, &refs)]
}

fn count_rows(db: &Path) -> u64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(
        &format!(
            "SELECT count(*) FROM ({})",
            SHELL_QUERY.trim_end_matches(';')
        ),
        [],
        |r| r.get::<_, i64>(0),
    )
    .expect("count") as u64
}

#[test]
fn a_generated_office_s_activities_import_and_export_round_trip() {
    let office = Office::bare();
    let lines = import_run(office.dir.path(), Scale::times(0.0005), true);
    assert_eq!(lines.len(), 1);
}

#[test]
#[ignore = "a measurement: run with --release --ignored --nocapture"]
fn transfer_speed() {
    let factor = |name: &str, default: f64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(default)
    };
    // ROSTER_BENCH_DIR keeps the files (for profiling); otherwise a temporary folder.
    let folder = || match std::env::var("ROSTER_BENCH_DIR") {
        Ok(path) => {
            let path = std::path::PathBuf::from(path);
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).expect("bench dir");
            (None, path)
        }
        Err(_) => {
            let dir = tempfile::TempDir::new().expect("dir");
            let path = dir.path().to_path_buf();
            (Some(dir), path)
        }
    };
    let mut report = Vec::new();
    let import = factor("ROSTER_BENCH_IMPORT", 0.1);
    if import > 0.0 {
        let (_keep, dir) = folder();
        report.extend(import_run(&dir, Scale::times(import), true));
    }
    let export = factor("ROSTER_BENCH_EXPORT", 1.0);
    if export > 0.0 {
        let (_keep, dir) = folder();
        let dir = dir.join("export");
        std::fs::create_dir_all(&dir).expect("export dir");
        // The export measures activity rows: the rest of the office stays small.
        let full = Scale::times(export);
        let scale = Scale {
            advice: 10,
            contacts: 10,
            expenses: 10,
            ..full
        };
        report.extend(export_run(&dir, scale));
    }
    println!("\n{}", report.join("\n"));
}
