//! Seed 004 (Laibin's scheme for leaders' liaison with experts) 二: experts
//! who move away (调离我市) or are no longer fit for 违纪违法 or 学术不端 are
//! taken off the list — three grounds beside seed 001 art. 12's six.
//! Migration 9 widens the CHECK lists of an existing file in place (these
//! grounds, and the kinds of `laibin_activities`).

use std::path::Path;

use rusqlite::Connection;

use crate::common::{Office, json};

/// The first `n` serving renewals of 2026 in the sample.
fn serving(office: &Office, n: usize) -> Vec<String> {
    office
        .conn()
        .prepare("SELECT id FROM appointments WHERE previous_id IS NOT NULL AND state = 'appointed' ORDER BY id LIMIT ?1")
        .unwrap()
        .query_map([n as i64], |r| r.get::<_, i64>(0))
        .unwrap()
        .map(|id| id.unwrap().to_string())
        .collect()
}

#[test]
fn seed_004_grounds_take_an_expert_off_the_list() {
    let office = Office::sample();
    let ids = serving(&office, 3);
    // 调离我市 is a fact, not a fault: like seed 001's listed grounds it
    // needs no approval reference (only "other" must say what it is).
    let err = office.fails(3, &["appointment", "dismiss", &ids[0], "--ground", "调离"]);
    assert!(err.contains("调离") && err.contains("--yes"), "{err}");
    let out = office.ok(&[
        "appointment",
        "dismiss",
        &ids[0],
        "--ground",
        "调离",
        "--note",
        "调往南宁市工作",
        "--yes",
    ]);
    assert!(out.contains("解聘"), "{out}");
    office.ok(&[
        "appointment",
        "dismiss",
        &ids[1],
        "--ground",
        "学术不端",
        "--reference",
        "市委人才办通报",
        "--yes",
    ]);
    office.ok(&[
        "appointment",
        "dismiss",
        &ids[2],
        "--ground",
        "violation",
        "--yes",
    ]);
    let stored = office.text(&format!(
        "SELECT group_concat(dismissal_ground || ' ' || ended_on, '; ') FROM
         (SELECT * FROM appointments WHERE id IN ({}) ORDER BY id)",
        ids.join(",")
    ));
    assert_eq!(
        stored,
        "transferred 2026-11-20; academic_misconduct 2026-11-20; violation 2026-11-20"
    );
    // Shown, exported and in the ledger by their labels; JSON keeps codes.
    let shown = office.ok(&["--format", "csv", "appointment", "show", &ids[0]]);
    assert!(shown.contains(",调离,"), "{shown}");
    let shown = office.ok_en(&["--format", "csv", "appointment", "show", &ids[1]]);
    assert!(shown.contains("academic misconduct"), "{shown}");
    let exported = office.ok(&["export", "appointments", "--state", "dismissed"]);
    for label in ["调离", "学术不端", "违纪违法"] {
        assert!(exported.contains(label), "{label}: {exported}");
    }
    let shown = json(&office.ok(&["--format", "json", "appointment", "show", &ids[0]]));
    assert_eq!(
        shown["appointment"]["dismissal_ground"], "transferred",
        "{shown}"
    );
    let advisor = office.text(&format!(
        "SELECT a.code FROM advisors a JOIN appointments ap ON ap.advisor_id = a.id WHERE ap.id = {}",
        ids[0]
    ));
    let ledger = office.ok(&[
        "--format", "csv", "report", "ledger", &advisor, "--year", "2026",
    ]);
    assert!(ledger.contains("情形：调离"), "{ledger}");
    // The listing says why each term ended early: 调离 is not read as a fault.
    let listed = json(&office.ok(&[
        "--format",
        "json",
        "appointment",
        "list",
        "--state",
        "dismissed",
    ]));
    let ground = |id: &str| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"].as_i64().map(|n| n.to_string()).as_deref() == Some(id))
            .unwrap()["ground"]
            .clone()
    };
    assert_eq!(ground(&ids[0]), "transferred");
    assert_eq!(ground(&ids[1]), "academic_misconduct");
    let listed = office.ok(&[
        "--format",
        "csv",
        "appointment",
        "list",
        "--advisor",
        &advisor,
    ]);
    assert!(listed.contains(",解聘,,调离,"), "{listed}");
    // A bad ground names the flag and every ground, the new ones included.
    let err = office.fails_en(
        3,
        &[
            "appointment",
            "dismiss",
            &ids[0],
            "--ground",
            "moved",
            "--yes",
        ],
    );
    assert!(
        err.contains("--ground")
            && err.contains("transferred")
            && err.contains("academic_misconduct"),
        "{err}"
    );
    office.ok(&["check", "--only", "integrity,foreign_keys,audit_chain"]);
}

#[test]
fn migration_9_widens_the_lists_of_an_old_file_in_place() {
    let office = Office::bare();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.db"),
        &office.db,
    )
    .unwrap();
    // A connection that read the old schema before the file was migrated
    // sees the new lists afterwards: the migration bumps the schema version.
    let early = Connection::open(&office.db).unwrap();
    let version: i64 = early
        .query_row("PRAGMA schema_version", [], |r| r.get(0))
        .unwrap();
    office.ok(&["advisor", "list"]);
    assert_eq!(
        office.int("PRAGMA user_version"),
        roster::db::current_version()
    );
    assert!(office.int("PRAGMA schema_version") > version);
    early
        .execute_batch(
            "INSERT INTO contacts (id, on_date, kind, created_at) VALUES (1, '2026-11-01', 'online', '2026-11-01T09:00:00+08:00');
             INSERT INTO contact_advisors (contact_id, advisor_id) VALUES (1, 1);",
        )
        .unwrap();
    // Still a CHECK: a code no label knows is refused by SQLite itself.
    let err = early
        .execute("INSERT INTO activities (on_date, kind, topic, created_at, updated_at) VALUES ('2026-11-01', 'party', 'x', 'x', 'x')", [])
        .unwrap_err();
    assert!(err.to_string().contains("CHECK"), "{err}");
    drop(early);
    office.ok(&["check"]);
    assert_eq!(
        office.text("SELECT last_on FROM contact_last WHERE advisor_id = 1"),
        "2026-11-01"
    );
}

#[test]
fn migration_9_stops_on_lists_it_does_not_expect_and_changes_nothing() {
    let office = Office::bare();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.db"),
        &office.db,
    )
    .unwrap();
    office
        .conn()
        .execute_batch(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = replace(sql, '''misconduct'',''other''', '''misconduct'',''retired'',''other''')
             WHERE name = 'appointments';
             PRAGMA writable_schema = RESET;",
        )
        .unwrap();
    let err = office.fails_en(5, &["advisor", "list"]);
    assert!(
        err.contains("migration 9") && err.contains("left as it was"),
        "{err}"
    );
    assert_eq!(office.int("PRAGMA user_version"), 1);
}
