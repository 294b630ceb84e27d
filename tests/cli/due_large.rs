//! `roster due` on a large synthetic office (`tests/bench/gen.rs`). Ignored
//! by default: run in release with
//!
//! ```text
//! ROSTER_BENCH_SCALE=1 cargo test --release --test cli due_on_a_large_office -- --ignored --nocapture
//! ```
//!
//! The office is generated once into `target/bench-due-<scale>.db` (or
//! `ROSTER_BENCH_DB`, any existing office) and reused. The generator has no
//! liaisons, quotas, budgets or assessment runs, so a generated office gets
//! a few of each (as SQL, the way an import would) before timing, so every
//! kind of item is computed; point `ROSTER_BENCH_DB` at a copy without them
//! to time the generator's office as it is. `due_kinds_timed` times each
//! kind's query alone (`ROSTER_TODAY` picks the day).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::common::bin;
use crate::synthetic::{Scale, generate};

fn bench_db() -> (PathBuf, f64) {
    let scale: f64 = std::env::var("ROSTER_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.1);
    let path = std::env::var("ROSTER_BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("target")
                .join(format!("bench-due-{scale}.db"))
        });
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let started = Instant::now();
        generate(&partial, Scale::times(scale), 42).expect("generate");
        extras(&partial);
        std::fs::rename(&partial, &path).expect("rename");
        eprintln!("generated {} in {:?}", path.display(), started.elapsed());
    }
    (path, scale)
}

/// Liaisons holding a third of the advisors (a tenth of them leaders short
/// of two), quotas on every panel, budgets, a draft assessment run.
fn extras(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.execute_batch(
        "BEGIN;
         INSERT INTO liaisons (code, name, is_leader, created_at, updated_at)
           SELECT 'X' || printf('%06d', id), '联系人' || id, (id / 30) % 10 = 0, '2026-01-01', '2026-01-01'
           FROM advisors WHERE id % 30 = 0;
         INSERT INTO liaison_assignments (liaison_id, advisor_id, start_date, created_at)
           SELECT l.id, a.id, '2016-01-01', '2026-01-01' FROM advisors a
           JOIN liaisons l ON l.code = 'X' || printf('%06d', 30 * (1 + (a.id / 30) % (SELECT count(*) FROM liaisons WHERE code LIKE 'X%')))
           WHERE a.id % 3 = 0;
         UPDATE liaison_assignments SET end_date = '2020-12-31'
           WHERE liaison_id IN (SELECT id FROM liaisons WHERE is_leader AND id % 2 = 0 AND code LIKE 'X%');
         INSERT INTO panel_quotas (panel_id, subject, kinds, period, scope, min_count, note)
           SELECT id, 'activity', 'lecture,seminar', 'half', 'advisor', 1, '每半年一次讲座' FROM panels;
         INSERT INTO panel_quotas (panel_id, subject, kinds, period, scope, min_count, note)
           SELECT id, 'contact', 'visit,home_visit', 'year', 'advisor', 2, '每年走访2次' FROM panels;
         INSERT INTO panel_quotas (panel_id, subject, kinds, period, scope, min_count, note)
           SELECT id, 'activity', 'seminar', 'year', 'panel', 1, '每年一次研讨会' FROM panels;
         INSERT INTO panel_quotas (panel_id, subject, kinds, period, scope, min_count, note)
           SELECT id, 'activity', 'research_report', 'year', 'advisor', 1, '年终报告' FROM panels WHERE id % 2 = 0;
         UPDATE panels SET greeting_festivals = 'new_year,spring,mid_autumn', contact_interval_days = 60 + id;
         INSERT INTO budgets (year, panel_id, category, cap_fen, created_at, updated_at)
           SELECT y, NULL, NULL, 100000000000, '2026-01-01', '2026-01-01' FROM (SELECT 2025 AS y UNION SELECT 2026);
         INSERT INTO budgets (year, panel_id, category, cap_fen, created_at, updated_at)
           SELECT 2025, id, 'travel', 1000000, '2026-01-01', '2026-01-01' FROM panels;
         INSERT INTO budgets (year, panel_id, category, cap_fen, created_at, updated_at)
           SELECT 2026, id, 'travel', 1000000, '2026-01-01', '2026-01-01' FROM panels;
         INSERT INTO assess_runs (year, panel_id, rules_name, rules_toml, rules_sha256, state, run_at, operator)
           VALUES (2024, NULL, 'bench', '', '', 'draft', '2025-01-10', 'bench');
         COMMIT;
         ANALYZE;",
    )
    .expect("extras");
}

fn time(db: &std::path::Path, today: &str, args: &[&str]) -> (Duration, usize, i32) {
    let mut best = Duration::MAX;
    let mut lines = 0;
    let mut code = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let out = std::process::Command::new(bin())
            .env("ROSTER_DB", db)
            .env("ROSTER_TODAY", today)
            .env_remove("ROSTER_LANG")
            .arg("--no-input")
            .args(args)
            .output()
            .expect("run");
        best = best.min(started.elapsed());
        lines = out.stdout.iter().filter(|b| **b == b'\n').count();
        code = out.status.code().unwrap_or(-1);
        assert!(
            code == 0 || code == 6,
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    (best, lines, code)
}

#[test]
#[ignore = "generates a large office; run in release with --ignored"]
fn due_on_a_large_office() {
    let (db, _) = bench_db();
    eprintln!("office: {}", db.display());
    for today in ["2025-12-05", "2026-01-20", "2026-11-20"] {
        for args in [
            &["due"][..],
            &["--format", "csv", "due"][..],
            &["--format", "json", "due"][..],
            &["due", "--within", "7"][..],
            &["due", "--panel", "P03"][..],
            &["due", "--fail-on-due"][..],
        ] {
            let (took, lines, code) = time(&db, today, args);
            eprintln!("{today} {args:?}: {took:?} best of 5, {lines} lines, exit {code}");
        }
    }
}

/// Each kind's query alone, timed (best of three), to see where `due`'s
/// time goes on the large office.
#[test]
#[ignore = "needs the large office; run in release with --ignored"]
fn due_kinds_timed() {
    use roster::store::due as store;
    let (db, _) = bench_db();
    let conn = rusqlite::Connection::open(&db).expect("open");
    let today = std::env::var("ROSTER_TODAY").unwrap_or_else(|_| "2026-11-20".to_string());
    let ask = store::Ask {
        today: today.clone(),
        panel: None,
        limit: 100,
    };
    let day = chrono::NaiveDate::parse_from_str(&today, "%Y-%m-%d").unwrap();
    let plus = |n: u64| (day + chrono::Days::new(n)).format("%Y-%m-%d").to_string();
    let minus = |n: u64| (day - chrono::Days::new(n)).format("%Y-%m-%d").to_string();
    let time = |name: &str, f: &mut dyn FnMut() -> i64| {
        let mut best = Duration::MAX;
        let mut n = 0;
        for _ in 0..3 {
            let started = Instant::now();
            n = f();
            best = best.min(started.elapsed());
        }
        eprintln!("{name:>18}: {best:>10.1?} ({n})");
    };
    time("terms_ending", &mut || {
        store::terms_ending(&conn, &ask, &plus(90)).unwrap().total
    });
    time("evaluations", &mut || {
        store::evaluations(&conn, &ask, &minus(30), &plus(61))
            .unwrap()
            .total
    });
    time("ready_to_appoint", &mut || {
        store::ready_to_appoint(&conn, &ask, &plus(30))
            .unwrap()
            .total
    });
    for (festival, on) in roster::domain::due::festivals(day, day + chrono::Days::new(45)) {
        let on = on.format("%Y-%m-%d").to_string();
        time(festival.code(), &mut || {
            store::ungreeted(&conn, &ask, festival.code(), &on)
                .unwrap()
                .total
        });
    }
    time("unattended", &mut || {
        let today = store::Today::read(&conn, &ask).unwrap();
        let (a, b) = store::unattended(&conn, &ask, &today, &plus(30), 90).unwrap();
        a.total + b.total
    });
    let today = store::Today::read(&conn, &ask).unwrap();
    time("leaders_short", &mut || {
        store::leaders_short(&conn, &ask, &today, 2).unwrap().total
    });
    time("advice_owed", &mut || {
        store::advice_owed(&conn, &ask, &minus(0)).unwrap().total
    });
    time("draft_runs", &mut || {
        store::draft_runs(&conn, &ask, 2025).unwrap().total
    });
    time("budget lines", &mut || {
        roster::store::budget::lines_with_usage(&conn, chrono::Datelike::year(&day))
            .unwrap()
            .len() as i64
    });
}
