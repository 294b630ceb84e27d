//! Crash safety (issue #11, 1): a harness that starts a roster command,
//! SIGKILLs it at a random moment, and checks what is left — `PRAGMA
//! integrity_check` is `ok` and a caller's all-or-nothing predicate holds —
//! and its use on the long writes that exist today (`init --sample`,
//! `backup`, `restore`).
//!
//! Reuse it for any long write (an import, `assess run`, `assess confirm`):
//!
//! ```ignore
//! use crate::crash::Crash;
//!
//! let tally = Crash::new("import advisors", 20).run(
//!     // 1. the starting state, in a fresh office each round
//!     |office| {
//!         std::fs::copy(sample_db, &office.db).unwrap();
//!         std::fs::write(office.path("big.csv"), big_csv()).unwrap();
//!     },
//!     // 2. the command to kill (a plain std::process::Command)
//!     |office| {
//!         let mut cmd = office.process();
//!         cmd.args(["import", "advisors", &office.arg("big.csv")]);
//!         cmd
//!     },
//!     // 3. all or nothing: name the state found, or say what is wrong
//!     |office| match office.int("SELECT count(*) FROM advisors") {
//!         40 => Ok("nothing".into()),
//!         10_040 => Ok("all".into()),
//!         n => Err(format!("{n} advisors: a partial import")),
//!     },
//! );
//! assert!(tally.interrupted > 0, "no kill landed while it ran: {tally:?}");
//! ```
//!
//! The harness first runs the command to completion once (its duration sets
//! the window, kills land uniformly in 0–120% of it, and the predicate must
//! accept the finished state), then runs `kills` rounds. The kill moments
//! come from a seed, so a failure is reproducible: its message prints the
//! seed. `kills` is the CI scale; environment variables make a soak:
//! `ROSTER_CRASH_KILLS=500 ROSTER_CRASH_SEED=7 cargo test --test cli crash`.

use std::collections::BTreeMap;
use std::time::Instant;

use crate::common::Office;

/// What the rounds found.
#[derive(Debug, Default)]
pub struct Tally {
    pub rounds: usize,
    /// Rounds killed while the command was still running.
    pub interrupted: usize,
    /// Rounds where the command had already finished.
    pub finished: usize,
    /// How often each state named by the predicate was found.
    pub states: BTreeMap<String, usize>,
}

/// A seeded crash run (see the module comment).
pub struct Crash {
    name: String,
    kills: usize,
    seed: u64,
}

impl Crash {
    /// `kills` rounds (ROSTER_CRASH_KILLS overrides), kill moments from a
    /// seed derived from `name` (ROSTER_CRASH_SEED overrides).
    pub fn new(name: &str, kills: usize) -> Self {
        let from_env = |key: &str| std::env::var(key).ok().and_then(|v| v.parse::<u64>().ok());
        let seed = from_env("ROSTER_CRASH_SEED").unwrap_or_else(|| {
            name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            })
        });
        Crash {
            name: name.to_string(),
            kills: from_env("ROSTER_CRASH_KILLS").map_or(kills, |k| k as usize),
            seed,
        }
    }

    pub fn run(
        &self,
        prepare: impl Fn(&Office),
        command: impl Fn(&Office) -> std::process::Command,
        verify: impl Fn(&Office) -> Result<String, String>,
    ) -> Tally {
        let name = &self.name;
        let office = Office::bare();
        prepare(&office);
        let started = Instant::now();
        let out = command(&office).output().expect("run roster");
        let full = started.elapsed();
        assert!(
            out.status.success(),
            "{name}: the command fails even without a kill: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if let Err(why) = sound(&office).and_then(|()| verify(&office)) {
            panic!("{name}: the predicate rejects the finished state: {why}");
        }
        let mut rng = SplitMix64(self.seed);
        let mut tally = Tally::default();
        for round in 0..self.kills {
            let office = Office::bare();
            prepare(&office);
            let delay = full.mul_f64(rng.unit() * 1.2);
            let mut child = command(&office)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("spawn roster");
            std::thread::sleep(delay);
            let running = child.try_wait().expect("poll roster").is_none();
            if running {
                let _ = child.kill(); // SIGKILL on Unix: no cleanup runs
                tally.interrupted += 1;
            } else {
                tally.finished += 1;
            }
            let _ = child.wait();
            let state = sound(&office)
                .and_then(|()| verify(&office))
                .unwrap_or_else(|why| {
                    panic!(
                        "{name}: round {round}, killed after {delay:?} of {full:?}: {why}\n\
                     reproduce with ROSTER_CRASH_SEED={} ROSTER_CRASH_KILLS={}",
                        self.seed, self.kills
                    )
                });
            *tally.states.entry(state).or_default() += 1;
            tally.rounds += 1;
        }
        eprintln!("{name}: {tally:?} (seed {}, full run {full:?})", self.seed);
        tally
    }
}

/// The office's database, if there is one, passes `PRAGMA integrity_check`.
fn sound(office: &Office) -> Result<(), String> {
    if !office.db.exists() {
        return Ok(());
    }
    let conn = rusqlite::Connection::open(&office.db).map_err(|e| e.to_string())?;
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| format!("integrity_check failed to run: {e}"))?;
    if result == "ok" {
        Ok(())
    } else {
        Err(format!("integrity_check: {result}"))
    }
}

/// A small, seeded generator (SplitMix64): reproducible kill moments without
/// another dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Row counts of the tables the sample fills.
fn counts(path: &std::path::Path) -> Result<[i64; 4], String> {
    let conn = rusqlite::Connection::open(path).map_err(|e| e.to_string())?;
    let mut out = [0; 4];
    for (slot, table) in out
        .iter_mut()
        .zip(["panels", "panel_quotas", "advisors", "audit_log"])
    {
        *slot = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| format!("{table}: {e}"))?;
    }
    Ok(out)
}

fn sample_counts() -> [i64; 4] {
    counts(&Office::sample().db).expect("sample counts")
}

/// `init --sample`, killed: no file, an empty one, the schema alone, or the
/// whole sample — never part of it (it loads in one transaction).
#[test]
fn init_sample_is_all_or_nothing_when_killed() {
    let whole = sample_counts();
    let tally = Crash::new("init --sample", 16).run(
        |_| {},
        |office| {
            let mut cmd = office.process();
            cmd.args(["init", "--sample"]);
            cmd
        },
        |office| {
            if !office.db.exists() {
                return Ok("no file".into());
            }
            let version = office.int("PRAGMA user_version");
            if version == 0 {
                return match office.int("SELECT count(*) FROM sqlite_master") {
                    0 => Ok("empty file".into()),
                    n => Err(format!("{n} schema objects without a schema version")),
                };
            }
            match counts(&office.db)? {
                [0, 0, 0, 0] => Ok("schema, no sample".into()),
                c if c == whole => Ok("whole sample".into()),
                c => Err(format!("a partial sample: {c:?} of {whole:?}")),
            }
        },
    );
    assert!(tally.interrupted > 0, "no kill landed mid-run: {tally:?}");
}

/// `backup`, killed: FILE is absent or a whole, sound backup; the live
/// database is untouched either way.
#[test]
fn a_killed_backup_leaves_no_partial_file() {
    let whole = sample_counts();
    Crash::new("backup", 8).run(
        |office| {
            std::fs::copy(Office::sample().db, &office.db).unwrap();
        },
        |office| {
            let mut cmd = office.process();
            cmd.args(["backup", &office.arg("nightly.db")]);
            cmd
        },
        |office| {
            if counts(&office.db)?[..3] != whole[..3] {
                return Err("the live database changed".into());
            }
            let file = office.path("nightly.db");
            if !file.exists() {
                return Ok("no backup".into());
            }
            let conn = rusqlite::Connection::open(&file).map_err(|e| e.to_string())?;
            roster::db::verify(&conn, "nightly.db").map_err(|e| format!("{e:#}"))?;
            match counts(&file)? {
                c if c == whole => Ok("whole backup".into()),
                c => Err(format!("a partial backup: {c:?}")),
            }
        },
    );
}

/// `restore`, killed: the database is never missing or damaged; it is the
/// old one or the restored one, and nothing of the old one is lost.
#[test]
fn a_killed_restore_leaves_the_old_database_or_the_new_one() {
    let mark = |path: &std::path::Path, value: &str| {
        rusqlite::Connection::open(path)
            .unwrap()
            .execute(
                "INSERT INTO settings (key, value) VALUES ('marker', ?1)",
                [value],
            )
            .unwrap();
    };
    let tally = Crash::new("restore", 12).run(
        |office| {
            let sample = Office::sample();
            std::fs::copy(&sample.db, &office.db).unwrap();
            std::fs::copy(&sample.db, office.path("monday.db")).unwrap();
            mark(&office.db, "live");
            mark(&office.path("monday.db"), "monday");
        },
        |office| {
            let mut cmd = office.process();
            cmd.args(["--yes", "restore", &office.arg("monday.db")]);
            cmd
        },
        |office| {
            if !office.db.exists() {
                return Err("the database is missing".into());
            }
            let marker = office.text("SELECT value FROM settings WHERE key = 'marker'");
            match marker.as_str() {
                "live" => Ok("old database".into()),
                "monday" => {
                    let action =
                        office.text("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1");
                    if action != "restore" {
                        return Err("restored without its audit row".into());
                    }
                    // The replaced database was kept, whole.
                    let kept = std::fs::read_dir(office.dir.path())
                        .unwrap()
                        .map(|e| e.unwrap().path())
                        .find(|p| {
                            p.to_string_lossy().contains("roster.db.replaced-")
                                && !p.to_string_lossy().ends_with("-wal")
                        })
                        .ok_or("the replaced database was not kept")?;
                    let old: String = rusqlite::Connection::open(&kept)
                        .and_then(|c| {
                            c.query_row(
                                "SELECT value FROM settings WHERE key = 'marker'",
                                [],
                                |r| r.get(0),
                            )
                        })
                        .map_err(|e| e.to_string())?;
                    if old == "live" {
                        Ok("restored".into())
                    } else {
                        Err(format!("kept {old}"))
                    }
                }
                other => Err(format!("marker {other}")),
            }
        },
    );
    assert!(tally.interrupted > 0, "no kill landed mid-run: {tally:?}");
}
