//! Crash safety of the long writes (issue #11, 1): `import`, `assess run`
//! and `assess confirm`, each SIGKILLed at 50 seeded random moments; after
//! every kill the database passes `integrity_check` and holds the whole
//! write or none of it (each is one transaction).

use std::path::PathBuf;
use std::sync::OnceLock;

use tempfile::TempDir;

use crate::common::Office;
use crate::crash::Crash;
use crate::synthetic::{Scale, generate};

/// A synthetic office whose writes take long enough to be killed midway
/// (600 advisors, 20,000 participations), made once per test run: the
/// office, its advisors as CSV, rules, and the office after `assess run`.
fn office_template() -> &'static (TempDir, PathBuf, PathBuf, PathBuf, PathBuf) {
    static TEMPLATE: OnceLock<(TempDir, PathBuf, PathBuf, PathBuf, PathBuf)> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = TempDir::new().expect("temp dir");
        let db = dir.path().join("office.db");
        let scale = Scale {
            advisors: 600,
            appointments: 900,
            participations: 20_000,
            advice: 1_000,
            contacts: 100,
            expenses: 100,
        };
        generate(&db, scale, 11).expect("generate");
        // The advisors as a CSV file, and rules whose cap covers subsidies alone.
        let csv = dir.path().join("advisors.csv");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_roster"))
            .env("ROSTER_DB", &db)
            .args(["--no-input", "export", "advisors", "--unmasked", "--out"])
            .arg(&csv)
            .output()
            .expect("export");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rules = dir.path().join("rules.toml");
        let text = std::fs::read_to_string("samples/rules/erenhot.toml").expect("rules");
        std::fs::write(
            &rules,
            text.replace("cap_covers = \"all_spending\"", "")
                .replace("cap = 500000", "cap = 500000000"),
        )
        .expect("write rules");
        let assessed = dir.path().join("assessed.db");
        std::fs::copy(&db, &assessed).expect("copy");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_roster"))
            .env("ROSTER_DB", &assessed)
            .args(["--no-input", "assess", "run", "--year", "2024", "--rules"])
            .arg(&rules)
            .output()
            .expect("assess run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (dir, db, csv, rules, assessed)
    })
}

fn count(office: &Office, sql: &str) -> Result<i64, String> {
    rusqlite::Connection::open(&office.db)
        .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
        .map_err(|e| e.to_string())
}

#[test]
fn a_killed_import_leaves_all_of_it_or_none() {
    let (_, _, csv, _, _) = office_template();
    let tally = Crash::new("import advisors", 50).run(
        |office| {
            std::fs::copy(Office::people().db, &office.db).expect("copy");
        },
        |office| {
            let mut cmd = office.process();
            cmd.args(["import", "advisors"]).arg(csv);
            cmd
        },
        |office| match count(office, "SELECT count(*) FROM advisors")? {
            40 => Ok("nothing".into()),
            640 => Ok("all".into()),
            n => Err(format!("{n} advisors: a partial import")),
        },
    );
    assert!(
        tally.interrupted > 0,
        "no kill landed while it ran: {tally:?}"
    );
}

#[test]
fn a_killed_assessment_run_or_confirmation_leaves_the_year_whole() {
    let (_, db, _, rules, assessed) = office_template();
    let run = Crash::new("assess run", 50).run(
        |office| {
            std::fs::copy(db, &office.db).expect("copy");
        },
        |office| {
            let mut cmd = office.process();
            cmd.args(["assess", "run", "--year", "2024", "--rules"])
                .arg(rules);
            cmd
        },
        |office| {
            let runs = count(office, "SELECT count(*) FROM assess_runs")?;
            let results = count(office, "SELECT count(*) FROM assessments")?;
            match (runs, results) {
                (0, 0) => Ok("nothing".into()),
                (1, n) if n > 300 => Ok("all".into()),
                other => Err(format!("runs and results {other:?}: a partial run")),
            }
        },
    );
    assert!(run.interrupted > 0, "no kill landed while it ran: {run:?}");
    let confirm = Crash::new("assess confirm", 50).run(
        |office| {
            std::fs::copy(assessed, &office.db).expect("copy");
        },
        |office| {
            let mut cmd = office.process();
            cmd.args(["--yes", "assess", "confirm", "--year", "2024"]);
            cmd
        },
        |office| {
            let confirmed = count(
                office,
                "SELECT count(*) FROM assess_runs WHERE state = 'confirmed'",
            )?;
            let drafts = count(
                office,
                "SELECT count(*) FROM assessments WHERE state = 'draft'",
            )?;
            let subsidies = count(
                office,
                "SELECT count(*) FROM expenses WHERE category = 'subsidy'",
            )?;
            match (confirmed, drafts, subsidies) {
                (0, d, 0) if d > 0 => Ok("draft".into()),
                (1, 0, s) if s > 0 => Ok("confirmed".into()),
                other => Err(format!(
                    "confirmed runs, drafts, subsidies {other:?}: a partial confirmation"
                )),
            }
        },
    );
    assert!(
        confirm.interrupted > 0,
        "no kill landed while it ran: {confirm:?}"
    );
}
