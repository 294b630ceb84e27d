//! The test office: a temporary directory with a roster database, commands
//! run with a pinned date, operator and language, and a full logical dump of
//! the database to prove that a refused command changed nothing.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use rusqlite::Connection;
use tempfile::TempDir;

/// The date every test runs on unless it says otherwise.
pub const TODAY: &str = "2026-11-20";

pub struct Office {
    pub dir: TempDir,
    pub db: PathBuf,
}

/// A sample office made once per test run and copied for each test.
fn sample_template() -> &'static Path {
    static TEMPLATE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = TEMPLATE.get_or_init(|| {
        let dir = TempDir::new().expect("temp dir");
        let path = dir.path().join("sample.db");
        let out = bare_cmd(&path)
            .args(["init", "--sample"])
            .output()
            .expect("run roster");
        assert!(
            out.status.success(),
            "init --sample failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        (dir, path)
    });
    path
}

/// The roster binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_roster"))
}

/// A plain process (for tests that spawn, race or kill roster) with the
/// same environment as `Office::cmd`.
pub fn process(db: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(bin());
    cmd.env("ROSTER_DB", db)
        .env("ROSTER_TODAY", TODAY)
        .env("ROSTER_OPERATOR", "tester")
        .env_remove("ROSTER_LANG")
        .arg("--no-input")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    cmd
}

fn bare_cmd(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("roster").expect("binary");
    cmd.env("ROSTER_DB", db)
        .env("ROSTER_TODAY", TODAY)
        .env("ROSTER_OPERATOR", "tester")
        .env_remove("ROSTER_LANG")
        .arg("--no-input");
    cmd
}

impl Office {
    /// A directory without a database.
    pub fn bare() -> Self {
        let dir = TempDir::new().expect("temp dir");
        let db = dir.path().join("roster.db");
        Office { dir, db }
    }

    /// An empty, initialised database.
    pub fn empty() -> Self {
        let office = Office::bare();
        office.ok(&["init"]);
        office
    }

    /// The sample office.
    pub fn sample() -> Self {
        let office = Office::bare();
        std::fs::copy(sample_template(), &office.db).expect("copy sample");
        office
    }

    /// Only the sample's panels and advisors: no appointments, liaisons,
    /// work or money yet (for tests that build their own records).
    pub fn people() -> Self {
        static TEMPLATE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
        Office::from_scripts(&TEMPLATE, &["10-panels", "20-advisors"])
    }

    /// The sample's panels, advisors and their appointments (the seed 003
    /// station's too): what a file of liaisons, contacts, work or money
    /// refers to (for round trips).
    pub fn appointed() -> Self {
        static TEMPLATE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
        Office::from_scripts(
            &TEMPLATE,
            &["10-panels", "20-advisors", "30-appointments", "35-stations"],
        )
    }

    /// A copy of a database made once from some of the sample's scripts.
    fn from_scripts(template: &'static OnceLock<(TempDir, PathBuf)>, scripts: &[&str]) -> Self {
        let (_, template) = template.get_or_init(|| {
            let dir = TempDir::new().expect("temp dir");
            let path = dir.path().join("template.db");
            let conn = roster::db::create(&path).expect("create");
            let env = roster::context::Env {
                format: roster::output::Format::Table,
                lang: roster::i18n::Lang::Zh,
                operator: "sample".to_string(),
                today: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
                yes: true,
                interactive: false,
                command: String::new(),
                quiet: true,
            };
            let mut ctx = roster::context::Ctx { env, conn };
            roster::sample::load_scripts(&mut ctx, |f| scripts.iter().any(|s| f.contains(s)))
                .expect("load the sample's scripts");
            drop(ctx);
            (dir, path)
        });
        let office = Office::bare();
        std::fs::copy(template, &office.db).expect("copy template");
        office
    }

    /// A command against this office.
    pub fn cmd(&self) -> Command {
        bare_cmd(&self.db)
    }

    /// A plain process against this office (see `process`).
    pub fn process(&self) -> std::process::Command {
        process(&self.db)
    }

    /// A path inside this office's folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A path inside this office's folder, as text for an argument.
    pub fn arg(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }

    /// Runs a command; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd().args(args).output().expect("run roster");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Runs a command that must succeed; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run roster");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            out.status.success(),
            "roster {args:?} failed ({:?}):\n{stderr}\n{stdout}",
            out.status.code()
        );
        stdout
    }

    /// Runs a command in English that must succeed; returns stdout.
    pub fn ok_en(&self, args: &[&str]) -> String {
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        self.ok(&all)
    }

    /// Runs a command that must fail with `code`, leaving the database
    /// exactly as it was; returns stderr.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        let before = self.dump();
        let out = self.cmd().args(args).output().expect("run roster");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(code),
            "roster {args:?}: expected exit {code}, stderr:\n{stderr}"
        );
        assert!(
            !stderr.trim().is_empty(),
            "roster {args:?}: no message on stderr"
        );
        assert_eq!(
            before,
            self.dump(),
            "roster {args:?} changed the database although it failed"
        );
        stderr
    }

    /// Like `fails`, in English.
    pub fn fails_en(&self, code: i32, args: &[&str]) -> String {
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        self.fails(code, &all)
    }

    pub fn conn(&self) -> Connection {
        Connection::open(&self.db).expect("open db")
    }

    /// One integer from a query.
    pub fn int(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    /// One text value from a query.
    pub fn text(&self, sql: &str) -> String {
        self.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    /// Every row of every table, in a stable order, as text.
    pub fn dump(&self) -> String {
        dump(&self.conn())
    }
}

pub fn dump(conn: &Connection) -> String {
    let mut out = String::new();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    out.push_str(&format!("user_version {version}\n"));
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
    tables.sort();
    for table in tables {
        out.push_str(&format!("== {table}\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1, 2"))
            .expect("select");
        let width = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            let cells: Vec<String> = (0..width)
                .map(|i| match row.get_ref(i).expect("cell") {
                    rusqlite::types::ValueRef::Null => "NULL".to_string(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Real(v) => v.to_string(),
                    rusqlite::types::ValueRef::Text(t) => {
                        format!("{:?}", String::from_utf8_lossy(t))
                    }
                    rusqlite::types::ValueRef::Blob(b) => format!("<{} bytes>", b.len()),
                })
                .collect();
            out.push_str(&cells.join("|"));
            out.push('\n');
        }
    }
    out
}

/// Parses CSV text into rows of strings (header first).
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| r.expect("csv").iter().map(str::to_string).collect())
        .collect()
}

/// Parses JSON text.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}
