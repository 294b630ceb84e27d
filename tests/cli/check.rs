//! `roster check` (issue #11): the registry of named checks, each shown to
//! find exactly the inconsistency it names and nothing the design allows,
//! and the audit chain's tamper evidence tested with the real `sqlite3` shell.

use std::collections::BTreeSet;

use crate::common::{Office, json};

/// Runs `check --format json`; returns the exit code and the (check, record) pairs.
fn findings(office: &Office) -> (i32, BTreeSet<(String, i64)>, String) {
    let (code, out, err) = office.run(&["--lang", "en", "--format", "json", "check"]);
    let items = json(&out);
    let pairs = items
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["check"].as_str().unwrap().to_string(),
                f["record"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    (code, pairs, format!("{out}\n{err}"))
}

fn pairs(items: &[(&str, i64)]) -> BTreeSet<(String, i64)> {
    items.iter().map(|(c, id)| (c.to_string(), *id)).collect()
}

#[test]
fn a_sound_office_passes_and_says_what_was_not_checked() {
    let office = Office::people();
    let out = office.ok_en(&["check"]);
    assert!(out.contains("checks passed"), "{out}");
    assert!(
        !out.contains("not run"),
        "every registered check runs: {out}"
    );
    assert_eq!(office.ok(&["--format", "json", "check"]).trim(), "[]");
    let csv = office.ok_en(&["--format", "csv", "check"]);
    assert_eq!(csv.trim(), "check,problem,table,record,detail");
    let list = json(&office.ok(&["--format", "json", "check", "--list"]));
    assert!(list.as_array().unwrap().len() >= 12);
    // The names of the checks need no database (QA r12).
    let bare = Office::bare();
    assert_eq!(
        json(&bare.ok(&["--format", "json", "check", "--list"])),
        list
    );
    assert!(!bare.db.exists());
}

/// Appointments (DESIGN.md "The appointment procedure"): only real
/// inconsistencies are reported; an ended term is `expired`, not a problem.
#[test]
fn appointment_inconsistencies_are_listed_and_allowed_states_are_not() {
    let office = Office::people();
    let conn = office.conn();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         CREATE TEMP VIEW ids AS SELECT
            (SELECT id FROM panels WHERE code = 'growth') AS growth;
         INSERT INTO appointments (id, advisor_id, panel_id, state, source, nominated_on,
                certificate_no, term_start, term_end, previous_id, ended_on, created_at, updated_at)
         VALUES
          (1, 5, (SELECT growth FROM ids), 'appointed', 'other', '2026-01-05', NULL, NULL, NULL, NULL, NULL, 'now', 'now'),
          (2, 1, (SELECT growth FROM ids), 'appointed', 'other', '2023-12-01', 'C-2', '2024-01-01', '2026-12-31', NULL, NULL, 'now', 'now'),
          (3, 1, (SELECT growth FROM ids), 'appointed', 'other', '2026-05-01', 'C-3', '2026-06-01', '2029-05-31', NULL, NULL, 'now', 'now'),
          (4, 1, (SELECT growth FROM ids), 'appointed', 'other', '2026-11-01', 'C-4', '2026-12-01', '2029-11-30', 2, NULL, 'now', 'now'),
          (5, 2, (SELECT growth FROM ids), 'appointed', 'other', '2029-05-01', 'C-5', '2029-06-01', '2032-05-31', 3, NULL, 'now', 'now'),
          (6, 3, (SELECT growth FROM ids), 'dismissed', 'other', '2022-12-01', 'C-6', '2023-01-01', '2025-12-31', NULL, '2024-06-01', 'now', 'now'),
          (7, 3, (SELECT growth FROM ids), 'appointed', 'other', '2024-05-01', 'C-7', '2024-06-01', '2027-05-31', NULL, NULL, 'now', 'now'),
          (8, 4, (SELECT growth FROM ids), 'appointed', 'other', '2019-12-01', 'C-8', '2020-01-01', '2022-12-31', NULL, NULL, 'now', 'now'),
          (9, 6, (SELECT growth FROM ids), 'appointed', 'other', '2026-12-01', 'C-9', '2027-01-01', '2026-01-01', NULL, NULL, 'now', 'now'),
          (10, 7, (SELECT growth FROM ids), 'nominated', 'other', '2026/1/5', NULL, NULL, NULL, NULL, NULL, 'now', 'now');
         INSERT INTO liaisons (id, code, name, created_at, updated_at) VALUES (1, 'L1', '联络员', 'now', 'now');
         INSERT INTO liaison_assignments (liaison_id, advisor_id, start_date, end_date, created_at)
         VALUES (1, 1, '2026-01-01', NULL, 'now'), (1, 3, '2024-06-01', '2026-10-31', 'now');",
    )
    .unwrap();
    drop(conn);
    let (code, found, text) = findings(&office);
    assert_eq!(code, 4, "{text}");
    let expected = pairs(&[
        ("appointment_terms", 1),   // appointed without a term
        ("certificate_numbers", 1), // appointed without a certificate
        ("appointment_terms", 9),   // starts after it ends,
        ("integrity", 0),           // which SQLite's CHECK forbids too
        ("overlapping_terms", 3),   // A0001 twice on one panel at once
        ("overlapping_terms", 4),   // #4 overlaps #3 too
        ("renewals", 4),            // renewal begins before #2 ends
        ("renewals", 5),            // renews another advisor's term
        ("stored_dates", 10),       // "2026/1/5" stored as typed
        ("liaison_coverage", 3),    // serving, liaison ended in October
    ]);
    assert_eq!(found, expected, "{text}");
    // Expired (#8), a dismissal followed by a new term (#6, #7) and a paired
    // advisor (A0001) are not problems.
    let csv = office.run(&[
        "--lang", "en", "--format", "csv", "check", "--only", "renewals",
    ]);
    assert_eq!(csv.0, 4);
    assert!(
        csv.1.contains("another advisor") && csv.1.contains("runs until 2026-12-31"),
        "{}",
        csv.1
    );
    // --only narrows the run: the audit chain of this office is intact.
    office.ok(&["check", "--only", "audit_chain,foreign_keys"]);
}

#[test]
fn stored_id_numbers_are_revalidated_and_shown_masked() {
    let office = Office::people();
    let valid17 = "11010119800101123";
    let valid = format!(
        "{valid17}{}",
        roster::input::idcard::check_char(valid17).unwrap()
    );
    let conn = office.conn();
    conn.execute_batch(&format!(
        "INSERT INTO advisors (id, code, name, category, id_number, birth_date, created_at, updated_at) VALUES
          (101, 'X1', '甲', 'pool_expert', '110105194912310021', NULL, 'now', 'now'),
          (102, 'X2', '乙', 'pool_expert', '11010519491231002x', NULL, 'now', 'now'),
          (103, 'X3', '丙', 'pool_expert', '{valid}', '1980-01-02', 'now', 'now');"
    ))
    .unwrap();
    drop(conn);
    let (code, found, text) = findings(&office);
    assert_eq!(code, 4, "{text}");
    assert_eq!(
        found,
        pairs(&[
            ("id_numbers", 101),
            ("id_numbers", 102),
            ("id_numbers", 103),
            // Written around roster: no audit row records them.
            ("audit_coverage", 101),
            ("audit_coverage", 102),
            ("audit_coverage", 103),
        ]),
        "{text}"
    );
    assert!(
        text.contains("check digit") && text.contains("canonical") && text.contains("1980-01-01"),
        "{text}"
    );
    for full in ["110105194912310021", "11010519491231002x", valid.as_str()] {
        assert!(
            !text.contains(full),
            "full ID number {full} printed: {text}"
        );
    }
    assert!(text.contains("110105********0021"), "{text}");
}

#[test]
fn spending_over_a_yearly_cap_is_listed() {
    let office = Office::people();
    let conn = office.conn();
    conn.execute_batch(
        "INSERT INTO budgets (id, year, panel_id, category, cap_fen, created_at, updated_at) VALUES
           (1, 2026, NULL, NULL, 1000000, 'now', 'now'),
           (2, 2026, (SELECT id FROM panels WHERE code = 'growth'), 'travel', 100000, 'now', 'now'),
           (3, 2026, (SELECT id FROM panels WHERE code = 'growth'), 'lodging', 10000, 'now', 'now');
         INSERT INTO expenses (panel_id, on_date, category, amount_fen, voided_at, created_at, updated_at) VALUES
           ((SELECT id FROM panels WHERE code = 'growth'), '2026-03-01', 'travel', 80000, NULL, 'now', 'now'),
           ((SELECT id FROM panels WHERE code = 'growth'), '2026-05-01', 'travel', 30000, NULL, 'now', 'now'),
           ((SELECT id FROM panels WHERE code = 'health'), '2026-07-01', 'meeting', 900000, NULL, 'now', 'now'),
           ((SELECT id FROM panels WHERE code = 'growth'), '2026-08-01', 'travel', 500000, 'voided', 'now', 'now'),
           (NULL, '2025-12-31', 'other', 2000000, NULL, 'now', 'now');",
    )
    .unwrap();
    drop(conn);
    let (code, found, text) = findings(&office);
    assert_eq!(code, 4, "{text}");
    assert_eq!(
        found,
        pairs(&[("budget_caps", 1), ("budget_caps", 2)]),
        "{text}"
    );
    assert!(
        text.contains("10,100.00") && text.contains("100.00 over") && text.contains("travel"),
        "{text}"
    );
    let zh = office.run(&["check", "--only", "budget_caps"]);
    assert!(zh.1.contains("全办") && zh.2.contains("2 个问题"), "{zh:?}");
}

/// Runs the `sqlite3` shell on `db`; `None` when the shell is not installed.
fn sqlite3(db: &std::path::Path, sql: &str) -> Option<std::process::Output> {
    std::process::Command::new("sqlite3")
        .arg(db)
        .arg(sql)
        .output()
        .ok()
}

/// Seed-independent tamper evidence (issue #11, 7): the log refuses edits,
/// and an edit made after dropping the guard is named by `check`.
#[test]
fn tampering_with_the_audit_log_is_refused_or_named() {
    let office = Office::people();
    let Some(out) = sqlite3(
        &office.db,
        "UPDATE audit_log SET operator = 'mallory' WHERE id = 5;",
    ) else {
        eprintln!("sqlite3 shell not installed: skipping the shell tamper test");
        return;
    };
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("append-only"));
    let out = sqlite3(&office.db, "DELETE FROM audit_log WHERE id = 5;").unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("append-only"));
    office.ok(&["check"]);

    let cases: [(&str, i64, &str); 3] = [
        (
            "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = 'mallory' WHERE id = 7;",
            7,
            "changed after it was written",
        ),
        (
            "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 12;",
            13,
            "#12 is missing",
        ),
        (
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET id = -1 WHERE id = 20; UPDATE audit_log SET id = 20 WHERE id = 21;
             UPDATE audit_log SET id = 21 WHERE id = -1;",
            20,
            "does not follow #19",
        ),
    ];
    for (sql, row, says) in cases {
        let office = Office::people();
        // A deleted row also leaves the record it described without an audit row.
        let orphan = office.int("SELECT entity_id FROM audit_log WHERE id = 12");
        let out = sqlite3(&office.db, sql).unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (code, mut found, text) = findings(&office);
        assert_eq!(code, 4, "{sql}: {text}");
        if sql.contains("DELETE") {
            assert!(
                found.remove(&("audit_coverage".to_string(), orphan)),
                "{text}"
            );
        }
        assert_eq!(found, pairs(&[("audit_chain", row)]), "{sql}: {text}");
        assert!(text.contains(says), "{sql}: {text}");
    }

    // Cutting rows off the end leaves a sound chain, but the records they
    // recorded are left without any audit row.
    let office = Office::people();
    let last = office.int("SELECT max(id) FROM audit_log");
    let conn = office.conn();
    let cut: Vec<(String, i64)> = conn
        .prepare("SELECT entity, entity_id FROM audit_log WHERE id > ?1 ORDER BY id")
        .unwrap()
        .query_map([last - 3], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(conn);
    let sql = format!(
        "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > {};",
        last - 3
    );
    assert!(sqlite3(&office.db, &sql).unwrap().status.success());
    let (code, found, text) = findings(&office);
    assert_eq!(code, 4, "{text}");
    let expected: BTreeSet<(String, i64)> = cut
        .iter()
        .map(|(entity, id)| {
            assert_eq!(entity, "advisor");
            ("audit_coverage".to_string(), *id)
        })
        .collect();
    assert_eq!(found, expected, "{text}");
}

/// Codes are one whatever their case; a file from before that rule may
/// hold `y0001` beside `Y0001`. `check` names the later of each pair and
/// the command that parts them; once parted, it is quiet.
#[test]
fn advisor_codes_differing_only_in_case_are_listed() {
    let office = Office::people();
    let conn = office.conn();
    conn.execute_batch(
        "INSERT INTO advisors (id, code, name, category, created_at, updated_at) VALUES
          (201, 'Y0001', '甲', 'pool_expert', 'now', 'now'),
          (202, 'y0001', '乙', 'pool_expert', 'now', 'now'),
          (203, 'Y0002', '丙', 'pool_expert', 'now', 'now');",
    )
    .unwrap();
    drop(conn);
    let (code, found, text) = findings(&office);
    assert_eq!(code, 4, "{text}");
    let codes: Vec<_> = found.iter().filter(|(c, _)| c == "advisor_codes").collect();
    assert_eq!(codes, [&("advisor_codes".to_string(), 202)], "{text}");
    assert!(
        text.contains("y0001 differs from advisor #201's Y0001 only in case")
            && text.contains("roster advisor edit y0001 --code NEW"),
        "{text}"
    );
    // The command it names parts them (the code as written finds 乙).
    office.ok(&["advisor", "edit", "y0001", "--code", "Y0003"]);
    assert_eq!(
        office.text("SELECT name FROM advisors WHERE code = 'Y0003'"),
        "乙"
    );
    let (_, found, text) = findings(&office);
    assert!(!found.iter().any(|(c, _)| c == "advisor_codes"), "{text}");
}
