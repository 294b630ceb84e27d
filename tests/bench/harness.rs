//! The benchmark's measuring code: it times whole `roster` processes (with
//! their peak memory) against two references measured in the same run on
//! the same data — the `sqlite3` shell doing the same work, and a bare
//! rusqlite loop that marks what SQLite itself can do here — and prints one
//! table. `cargo bench` runs it at scale; the test suite at a tiny scale.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use rusqlite::Connection;

use crate::synthetic::{Scale, generate};

/// One line of the result table.
#[derive(Debug, Clone)]
pub struct Line {
    pub operation: String,
    pub rows: u64,
    pub seconds: f64,
    pub peak_mb: Option<f64>,
    pub shell: Option<f64>,
    pub bare: Option<f64>,
    pub note: String,
}

/// Seconds and peak memory (MB) of a finished child process. The peak is
/// the child's own high-water mark (`VmHWM` in /proc, which starts afresh at
/// exec), sampled every millisecond while it runs; elsewhere it is not taken.
pub fn measured(command: &mut Command, log: &Path) -> anyhow::Result<(f64, Option<f64>)> {
    let err = std::fs::File::create(log)?;
    let start = Instant::now();
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::from(err))
        .spawn()?;
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak_kb: Option<u64> = None;
    let status = loop {
        if let Ok(text) = std::fs::read_to_string(&status_file)
            && let Some(kb) = text
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        {
            peak_kb = Some(peak_kb.map_or(kb, |p| p.max(kb)));
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    };
    let seconds = start.elapsed().as_secs_f64();
    if !status.success() {
        // The first line of the error says why (the rest lists rows).
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let text = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let args: Vec<String> = command
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        anyhow::bail!("roster {} failed: {}", args.join(" "), text.trim());
    }
    Ok((seconds, peak_kb.map(|kb| kb as f64 / 1024.0)))
}

/// The `sqlite3` shell, when installed.
pub fn sqlite3() -> Option<PathBuf> {
    let found = Command::new("sqlite3")
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    found
        .ok()
        .filter(|s| s.success())
        .map(|_| PathBuf::from("sqlite3"))
}

/// Seconds the shell takes to run `script` against `db`.
pub fn shell(db: &Path, script: &str, log: &Path) -> anyhow::Result<Option<f64>> {
    let Some(shell) = sqlite3() else {
        return Ok(None);
    };
    let start = Instant::now();
    let mut child = Command::new(shell)
        .arg("-bail")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(log)?))
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(script.as_bytes())?;
    }
    let status = child.wait()?;
    let seconds = start.elapsed().as_secs_f64();
    if !status.success() {
        anyhow::bail!(
            "sqlite3 failed: {}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
    }
    Ok(Some(seconds))
}

/// Bare rusqlite: a cached prepared INSERT into an unindexed table, one
/// transaction, from a CSV file (the floor an import can reach).
pub fn bare_import(file: &Path, db: &Path) -> anyhow::Result<f64> {
    let start = Instant::now();
    let conn = Connection::open(db)?;
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")?;
    let mut reader = csv::ReaderBuilder::new().from_path(file)?;
    let width = reader.headers()?.len();
    let columns: Vec<String> = (0..width).map(|i| format!("c{i}")).collect();
    conn.execute_batch(&format!(
        "CREATE TABLE bare ({}); BEGIN",
        columns.join(", ")
    ))?;
    {
        let marks = vec!["?"; width].join(", ");
        let mut insert = conn.prepare_cached(&format!("INSERT INTO bare VALUES ({marks})"))?;
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record)? {
            insert.execute(rusqlite::params_from_iter(record.iter()))?;
        }
    }
    conn.execute_batch("COMMIT")?;
    Ok(start.elapsed().as_secs_f64())
}

/// The floor an import can reach in the tool's own schema: the `sqlite3`
/// shell copying `tables` (the rows a roster import wrote into `source`)
/// into `target` (a copy of the database it imported into), in one
/// transaction — keys, CHECKs, triggers and the search index included, and
/// the plain indexes dropped and built again afterwards, as the import
/// does. No parsing and no validation: SQLite's own share of the work.
pub fn schema_floor(
    target: &Path,
    source: &Path,
    tables: &[&str],
    log: &Path,
) -> anyhow::Result<Option<f64>> {
    let conn = Connection::open(target)?;
    let list = tables
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(",");
    let mut stmt = conn.prepare(&format!(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({list})
           AND sql IS NOT NULL AND sql NOT LIKE '% WHERE %' AND sql NOT LIKE 'CREATE UNIQUE%'"
    ))?;
    let indexes = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    drop(stmt);
    drop(conn);
    let mut script = format!(
        "PRAGMA cache_size = -65536;\nATTACH '{}' AS src;\nBEGIN;\n",
        source.display()
    );
    for (name, _) in &indexes {
        script.push_str(&format!("DROP INDEX main.\"{name}\";\n"));
    }
    for table in tables {
        script.push_str(&format!(
            "INSERT INTO main.{table} SELECT * FROM src.{table};\n"
        ));
    }
    script.push_str("PRAGMA threads = 1;\n");
    for (_, sql) in &indexes {
        script.push_str(&format!("{sql};\n"));
    }
    script.push_str("COMMIT;\n");
    shell(target, &script, log)
}

/// Bare rusqlite: a plain SELECT into a csv writer (the floor an export can reach).
pub fn bare_export(db: &Path, sql: &str, out: &Path) -> anyhow::Result<f64> {
    let start = Instant::now();
    let conn = Connection::open(db)?;
    let mut stmt = conn.prepare(sql)?;
    let width = stmt.column_count();
    let mut writer = csv::Writer::from_writer(std::io::BufWriter::with_capacity(
        1 << 20,
        std::fs::File::create(out)?,
    ));
    let mut rows = stmt.query([])?;
    let mut record = Vec::with_capacity(width);
    while let Some(row) = rows.next()? {
        record.clear();
        for i in 0..width {
            record.push(match row.get_ref(i)? {
                rusqlite::types::ValueRef::Null => String::new(),
                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                rusqlite::types::ValueRef::Real(v) => v.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                rusqlite::types::ValueRef::Blob(_) => String::new(),
            });
        }
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(start.elapsed().as_secs_f64())
}

/// Copies the header and the first `rows` records of `from` to `to`;
/// returns how many records were copied.
pub fn first_records(from: &Path, to: &Path, rows: usize) -> anyhow::Result<u64> {
    let mut reader = csv::ReaderBuilder::new().from_path(from)?;
    let mut writer = csv::Writer::from_path(to)?;
    writer.write_byte_record(reader.byte_headers()?)?;
    let mut record = csv::ByteRecord::new();
    let mut copied = 0;
    while copied < rows && reader.read_byte_record(&mut record)? {
        writer.write_byte_record(&record)?;
        copied += 1;
    }
    writer.flush()?;
    Ok(copied as u64)
}

/// Rows in a CSV file, less its header.
pub fn csv_rows(file: &Path) -> anyhow::Result<u64> {
    let mut reader = csv::ReaderBuilder::new().from_path(file)?;
    Ok(reader.records().count() as u64)
}

/// The median wall time (ms) of `runs` whole-process runs, after one run
/// that is not counted (it reads the pages the others find cached).
pub fn median_ms(roster: &Path, db: &Path, args: &[&str], runs: usize) -> anyhow::Result<f64> {
    let mut times = Vec::with_capacity(runs);
    for run in 0..=runs {
        let start = Instant::now();
        let status = Command::new(roster)
            .env("ROSTER_DB", db)
            .env("ROSTER_TODAY", "2026-01-10")
            .arg("--no-input")
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        if run > 0 {
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        if !status.success() && !args.contains(&"--version") && !args.contains(&"due") {
            anyhow::bail!("roster {args:?} failed");
        }
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

/// Prints the result table (fixed width, aligned for a terminal or a README).
pub fn table(lines: &[Line]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| operation | rows | seconds | rows/s | peak MB | sqlite3 shell s | ratio | bare rusqlite s | ratio | note |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for l in lines {
        let rate = if l.rows > 0 && l.seconds > 0.0 {
            format!("{:.0}", l.rows as f64 / l.seconds)
        } else {
            "-".into()
        };
        let opt =
            |v: Option<f64>, digits: usize| v.map_or("-".to_string(), |v| format!("{v:.digits$}"));
        // Ratio > 1 means roster is faster than the reference.
        let ratio = |r: Option<f64>| r.map_or("-".to_string(), |r| format!("{:.2}", r / l.seconds));
        let _ = writeln!(
            out,
            "| {} | {} | {:.3} | {} | {} | {} | {} | {} | {} | {} |",
            l.operation,
            if l.rows > 0 {
                l.rows.to_string()
            } else {
                "-".into()
            },
            l.seconds,
            rate,
            opt(l.peak_mb, 1),
            opt(l.shell, 3),
            ratio(l.shell),
            opt(l.bare, 3),
            ratio(l.bare),
            l.note
        );
    }
    out
}

/// The SQL an activities export runs, for the references (one row per participant).
pub const ACTIVITY_ROWS_SQL: &str = "SELECT ac.id, ac.on_date, p.code, ac.kind, ac.topic, ac.mode, ac.place, ac.hours,
        ac.requesting_unit, ac.minutes_ref, ac.result, a.code, a.name, pa.attendance, pa.excuse_reason, pa.role, pa.opinion
    FROM participants pa JOIN activities ac ON ac.id = pa.activity_id JOIN advisors a ON a.id = pa.advisor_id
    LEFT JOIN panels p ON p.id = ac.panel_id
    WHERE ac.voided_at IS NULL AND pa.voided_at IS NULL ORDER BY ac.id, pa.id";

/// The single aggregate that computes the assessment's counts for a year.
pub fn assess_sql(year: i32) -> String {
    format!(
        "SELECT pa.advisor_id, pa.attendance, ac.kind, ac.on_date >= '{year}-07-01', ac.on_date >= '{year}-11-01', count(*)
         FROM activities ac JOIN participants pa ON pa.activity_id = ac.id
         WHERE ac.on_date BETWEEN '{year}-01-01' AND '{year}-12-31' AND ac.voided_at IS NULL AND pa.voided_at IS NULL
           AND pa.attendance <> 'invited'
         GROUP BY 1, 2, 3, 4, 5;
         SELECT aa.advisor_id, ad.on_date >= '{year}-07-01', ad.on_date >= '{year}-11-01', count(*),
                sum(ad.status IN ('adopted','partly_adopted','implemented')), sum(ad.status = 'implemented'),
                sum(ad.endorsed_on IS NOT NULL)
         FROM advice ad JOIN advice_advisors aa ON aa.advice_id = ad.id
         WHERE ad.on_date BETWEEN '{year}-01-01' AND '{year}-12-31' AND ad.voided_at IS NULL
         GROUP BY 1, 2, 3;"
    )
}

fn roster_cmd(roster: &Path, db: &Path) -> Command {
    let mut cmd = Command::new(roster);
    cmd.env("ROSTER_DB", db)
        .env("ROSTER_TODAY", "2026-01-10")
        .env("ROSTER_OPERATOR", "bench")
        .arg("--no-input");
    cmd
}

/// Runs every measurement at `scale` in `dir`; `runs` whole-process runs
/// for each interactive command.
pub fn run(scale: Scale, dir: &Path, roster: &Path, runs: usize) -> anyhow::Result<Vec<Line>> {
    let mut lines = Vec::new();
    let log = dir.join("last.log");
    let office = dir.join("office.db");
    let start = Instant::now();
    let counts = generate(&office, scale, 20261122)?;
    let generated = (counts.advisors
        + counts.appointments
        + counts.participations
        + counts.activities
        + counts.advice
        + counts.contacts
        + counts.expenses) as u64;
    lines.push(Line {
        operation: "generate the synthetic office".into(),
        rows: generated,
        seconds: start.elapsed().as_secs_f64(),
        peak_mb: None,
        shell: None,
        bare: None,
        note: format!(
            "{} advisors, {} participations",
            counts.advisors, counts.participations
        ),
    });

    // Exports.
    let advisors_csv = dir.join("advisors.csv");
    let (secs, peak) = measured(
        roster_cmd(roster, &office)
            .args(["export", "advisors", "--unmasked", "--no-bom", "--out"])
            .arg(&advisors_csv),
        &log,
    )?;
    let masked = dir.join("advisors-masked.csv");
    let (masked_secs, masked_peak) = measured(
        roster_cmd(roster, &office)
            .args(["export", "advisors", "--out"])
            .arg(&masked),
        &log,
    )?;
    let shell_out = dir.join("advisors-shell.csv");
    let shell_secs = shell(
        &office,
        &format!(
            ".headers on\n.mode csv\n.output {}\nSELECT * FROM advisors ORDER BY code;\n",
            shell_out.display()
        ),
        &log,
    )?;
    let bare = bare_export(
        &office,
        "SELECT * FROM advisors ORDER BY code",
        &dir.join("advisors-bare.csv"),
    )?;
    let rows = csv_rows(&advisors_csv)?;
    lines.push(Line {
        operation: "export advisors (masked, neutralised)".into(),
        rows,
        seconds: masked_secs,
        peak_mb: masked_peak,
        shell: shell_secs,
        bare: Some(bare),
        note: String::new(),
    });
    lines.push(Line {
        operation: "export advisors (unmasked)".into(),
        rows,
        seconds: secs,
        peak_mb: peak,
        shell: shell_secs,
        bare: Some(bare),
        note: String::new(),
    });

    let activities_csv = dir.join("activities.csv");
    let activities = measured(
        roster_cmd(roster, &office)
            .args(["export", "activities", "--out"])
            .arg(&activities_csv),
        &log,
    );
    match activities {
        Ok((secs, peak)) => {
            let rows = csv_rows(&activities_csv)?;
            let out = dir.join("activities-shell.csv");
            let shell_secs = shell(
                &office,
                &format!(
                    ".headers on\n.mode csv\n.output {}\n{ACTIVITY_ROWS_SQL};\n",
                    out.display()
                ),
                &log,
            )?;
            let bare = bare_export(&office, ACTIVITY_ROWS_SQL, &dir.join("activities-bare.csv"))?;
            lines.push(Line {
                operation: "export activity participations (masked, neutralised)".into(),
                rows,
                seconds: secs,
                peak_mb: peak,
                shell: shell_secs,
                bare: Some(bare),
                note: String::new(),
            });
        }
        Err(err) => lines.push(Line {
            operation: "export activity participations".into(),
            rows: 0,
            seconds: 0.0,
            peak_mb: None,
            shell: None,
            bare: None,
            note: format!("not measured: {}", first_line(&err)),
        }),
    }

    // Imports, each after the gigabytes written above are on disk (`sync`):
    // an import timed while the kernel writes them back measures the disk.
    let panels_csv = dir.join("panels.csv");
    measured(
        roster_cmd(roster, &office)
            .args(["export", "panels", "--unmasked", "--out"])
            .arg(&panels_csv),
        &log,
    )?;
    // Each import and its references are run `ROUNDS` times, alternated,
    // each into a new file, and the medians reported.
    let fresh = dir.join("fresh.db");
    let shell_db = dir.join("shell-advisors.db");
    let bare_db = dir.join("bare-advisors.db");
    let floor_db = dir.join("floor-advisors.db");
    let mut rounds = Rounds::default();
    for _ in 0..ROUNDS {
        remove_db(&fresh);
        measured(roster_cmd(roster, &fresh).arg("init"), &log)?;
        measured(
            roster_cmd(roster, &fresh)
                .args(["import", "panels"])
                .arg(&panels_csv),
            &log,
        )?;
        settle();
        rounds.roster(measured(
            roster_cmd(roster, &fresh)
                .args(["import", "advisors"])
                .arg(&advisors_csv),
            &log,
        )?);
        remove_db(&shell_db);
        settle();
        rounds.shell(shell(
            &shell_db,
            &format!(".import --csv {} advisors_bare\n", advisors_csv.display()),
            &log,
        )?);
        remove_db(&bare_db);
        settle();
        rounds.bare.push(bare_import(&advisors_csv, &bare_db)?);
        remove_db(&floor_db);
        measured(roster_cmd(roster, &floor_db).arg("init"), &log)?;
        settle();
        rounds.floor(schema_floor(&floor_db, &fresh, &["advisors"], &log)?);
    }
    lines.push(rounds.line("import advisors (validated, search index)", rows));

    if activities_csv.exists() {
        let unmasked = dir.join("activities-unmasked.csv");
        measured(
            roster_cmd(roster, &office)
                .args(["export", "activities", "--unmasked", "--no-bom", "--out"])
                .arg(&unmasked),
            &log,
        )?;
        // The bar is about a million activity rows: the first tenth
        // of the participations (1,000,000 at full scale), whole records.
        let sample = dir.join("activities-import.csv");
        let rows = first_records(&unmasked, &sample, (scale.participations / 10).max(1))?;
        // The same office without its work (the same seed draws the same
        // panels, advisors, appointments and liaisons first), to import into.
        // Kept as generated (people.db), so the import can be run again by hand.
        let people_db = dir.join("people.db");
        let _ = std::fs::remove_file(&people_db);
        let people = Scale {
            participations: 0,
            advice: 0,
            contacts: 0,
            expenses: 0,
            ..scale
        };
        generate(&people_db, people, 20261122)?;
        let copy = dir.join("import-activities.db");
        let shell_db = dir.join("shell-activities.db");
        let bare_db = dir.join("bare-activities.db");
        let floor_db = dir.join("floor-activities.db");
        let mut rounds = Rounds::default();
        let mut failed = None;
        for _ in 0..ROUNDS {
            remove_db(&copy);
            std::fs::copy(&people_db, &copy)?;
            settle();
            match measured(
                roster_cmd(roster, &copy)
                    .args(["import", "activities"])
                    .arg(&sample),
                &log,
            ) {
                Ok(run) => rounds.roster(run),
                Err(err) => {
                    failed = Some(err);
                    break;
                }
            }
            remove_db(&shell_db);
            settle();
            rounds.shell(shell(
                &shell_db,
                &format!(".import --csv {} activities_bare\n", sample.display()),
                &log,
            )?);
            remove_db(&bare_db);
            settle();
            rounds.bare.push(bare_import(&sample, &bare_db)?);
            remove_db(&floor_db);
            std::fs::copy(&people_db, &floor_db)?;
            settle();
            rounds.floor(schema_floor(
                &floor_db,
                &copy,
                &["activities", "participants"],
                &log,
            )?);
        }
        lines.push(match failed {
            None => rounds.line("import activity participations (validated)", rows),
            Some(err) => Line {
                operation: "import activity participations".into(),
                rows,
                seconds: 0.0,
                peak_mb: None,
                shell: None,
                bare: None,
                note: format!("not measured: {}", first_line(&err)),
            },
        });
    }

    // The assessment of one year over the whole roster.
    let rules = dir.join("rules.toml");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/rules/erenhot.toml"),
    )?;
    std::fs::write(
        &rules,
        text.replace("cap_covers = \"all_spending\"", "")
            .replace("cap = 500000", "cap = 5000000000"),
    )?;
    let copy = dir.join("assess.db");
    std::fs::copy(&office, &copy)?;
    let (secs, peak) = measured(
        roster_cmd(roster, &copy)
            .args(["assess", "run", "--year", "2024", "--rules"])
            .arg(&rules),
        &log,
    )?;
    let assessed =
        Connection::open(&copy)?.query_row("SELECT count(*) FROM assessments", [], |r| {
            r.get::<_, i64>(0)
        })? as u64;
    let shell_secs = shell(
        &office,
        &format!(".output /dev/null\n{}", assess_sql(2024)),
        &log,
    )?;
    lines.push(Line {
        operation: "assess run, one year, whole roster".into(),
        rows: assessed,
        seconds: secs,
        peak_mb: peak,
        shell: shell_secs,
        bare: None,
        note: "shell: the same counts as one SQL aggregate".into(),
    });

    // Interactive commands: the median of whole-process runs, each command
    // run once first (not counted), after the copies above are on disk — a
    // clerk's command does not run while gigabytes are being written back.
    let _ = Command::new("sync").status();
    let middle = format!("A{:06}", counts.advisors / 2 + 1);
    let interactive: Vec<(String, Vec<String>)> = vec![
        ("roster --version".into(), vec!["--version".into()]),
        (
            format!("advisor show {middle}"),
            vec!["advisor".into(), "show".into(), middle.clone()],
        ),
        (
            "advisor search 集成电路".into(),
            vec!["advisor".into(), "search".into(), "集成电路".into()],
        ),
        (
            format!("appointment list --advisor {middle}"),
            vec![
                "appointment".into(),
                "list".into(),
                "--advisor".into(),
                middle.clone(),
            ],
        ),
        (
            format!("report ledger {middle}"),
            vec!["report".into(), "ledger".into(), middle.clone()],
        ),
        ("due".into(), vec!["due".into()]),
    ];
    for (label, args) in interactive {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        match median_ms(roster, &office, &args, runs) {
            Ok(ms) => lines.push(Line {
                operation: label,
                rows: 0,
                seconds: ms / 1000.0,
                peak_mb: None,
                shell: None,
                bare: None,
                note: format!("median of {runs} runs: {ms:.1} ms"),
            }),
            Err(err) => lines.push(Line {
                operation: label,
                rows: 0,
                seconds: 0.0,
                peak_mb: None,
                shell: None,
                bare: None,
                note: format!("not measured: {}", first_line(&err)),
            }),
        }
    }
    let size = std::fs::metadata(roster)?.len() as f64 / 1_048_576.0;
    lines.push(Line {
        operation: "binary size".into(),
        rows: 0,
        seconds: 0.0,
        peak_mb: None,
        shell: None,
        bare: None,
        note: format!("{size:.1} MB"),
    });
    Ok(lines)
}

/// The note of an import line: SQLite's own share (`schema_floor`) and
/// the ratio to the shell that it alone would reach.
fn floor_note(floor: Option<f64>, shell: Option<f64>) -> String {
    match (floor, shell) {
        (Some(floor), Some(shell)) => format!(
            "SQLite alone, same rows into the same schema: {floor:.3} s (ratio {:.2})",
            shell / floor
        ),
        _ => String::new(),
    }
}

/// Rounds of each import measurement: single runs on this shared 2-core
/// machine vary by up to a third, and the bars are ratios near 1.
const ROUNDS: usize = 3;

/// The runs of one import and of its references, round by round.
#[derive(Default)]
struct Rounds {
    roster: Vec<f64>,
    peak: Option<f64>,
    shell: Vec<f64>,
    bare: Vec<f64>,
    floor: Vec<f64>,
}

impl Rounds {
    fn roster(&mut self, (seconds, peak): (f64, Option<f64>)) {
        self.roster.push(seconds);
        self.peak = match (self.peak, peak) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    fn shell(&mut self, seconds: Option<f64>) {
        self.shell.extend(seconds);
    }

    fn floor(&mut self, seconds: Option<f64>) {
        self.floor.extend(seconds);
    }

    /// The table's line: medians, and the highest peak.
    fn line(self, operation: &str, rows: u64) -> Line {
        let shell = median(self.shell);
        let runs = self.roster.len();
        let mut note = floor_note(median(self.floor), shell);
        if runs > 1 {
            note.push_str(&format!("; medians of {runs} alternated runs"));
        }
        Line {
            operation: operation.into(),
            rows,
            seconds: median(self.roster).unwrap_or(0.0),
            peak_mb: self.peak,
            shell,
            bare: median(self.bare),
            note,
        }
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

/// Removes a database and its log files, if there.
fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}

/// Waits for what was written before to reach the disk, so the next
/// measurement does not share the disk with the kernel's write-back.
fn settle() {
    let _ = Command::new("sync").status();
}

fn first_line(err: &anyhow::Error) -> String {
    err.to_string()
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(300)
        .collect()
}
