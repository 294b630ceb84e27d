//! The references the speed harness (`transfer_speed.rs`) measures roster
//! against, in the same run on the same data: what SQLite and the csv crate
//! do alone, without roster's parsing, checking or formatting.

use std::path::Path;
use std::time::Instant;

use crate::transfer_speed::SHELL_QUERY;

/// A bare rusqlite loop: the CSV read with the csv crate and inserted by a
/// cached prepared INSERT into an unindexed table, in one transaction.
pub fn bare_loop(file: &Path, db: &Path) -> f64 {
    let start = Instant::now();
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; CREATE TABLE bare (c0,c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,c17,c18); BEGIN;",
    )
    .expect("bare table");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(file)
        .expect("csv");
    {
        let mut insert = conn
            .prepare_cached(
                "INSERT INTO bare VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)",
            )
            .expect("prepare");
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).expect("record") {
            insert
                .execute(rusqlite::params_from_iter(record.iter()))
                .expect("insert");
        }
    }
    conn.execute_batch("COMMIT").expect("commit");
    start.elapsed().as_secs_f64()
}

/// What SQLite itself needs to store the imported rows in roster's tables
/// (their constraints, foreign keys and indexes), with nothing read,
/// parsed or checked: the rows the import made, taken from `imported` into
/// memory, written into a copy of the office without activities the way the
/// import writes them (a hundred rows a statement, secondary indexes built
/// after), timed from BEGIN to COMMIT.
pub fn sqlite_alone(imported: &Path, dir: &Path) -> f64 {
    type Activity = (
        i64,
        String,
        Option<i64>,
        String,
        String,
        String,
        Option<f64>,
        Option<String>,
    );
    type Joined = (i64, i64, String, Option<String>, String, bool);
    let conn = rusqlite::Connection::open(imported).expect("open");
    let activities: Vec<Activity> = conn
        .prepare("SELECT id, on_date, panel_id, kind, topic, mode, hours, requesting_unit FROM activities ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))
        .expect("query")
        .map(Result::unwrap)
        .collect();
    let joined: Vec<Joined> = conn
        .prepare("SELECT activity_id, advisor_id, attendance, excuse_reason, role, guest FROM participants ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .expect("query")
        .map(Result::unwrap)
        .collect();
    drop(conn);
    let target = dir.join("alone.db");
    let template = rusqlite::Connection::open(imported).expect("open");
    template
        .execute_batch(&format!(
            "VACUUM INTO '{}'",
            target.display().to_string().replace('\'', "''")
        ))
        .expect("copy");
    drop(template);
    let conn = roster::db::open(&target).expect("open copy");
    conn.execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM participants; DELETE FROM activities; PRAGMA foreign_keys = ON; VACUUM;")
        .expect("empty");
    conn.pragma_update(None, "cache_size", -65536)
        .expect("cache");
    let start = Instant::now();
    conn.execute_batch("BEGIN IMMEDIATE").expect("begin");
    let indexes: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('activities', 'participants')
             AND sql IS NOT NULL AND sql NOT LIKE '% WHERE %' AND sql NOT LIKE 'CREATE UNIQUE%'",
        )
        .expect("indexes")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("indexes")
        .map(Result::unwrap)
        .collect();
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX {name}"))
            .expect("drop");
    }
    let now = "2026-11-20T00:00:00+08:00";
    for chunk in activities.chunks(100) {
        let one = "(?,?,?,?,?,?,?,?,?,?)";
        let sql = format!(
            "INSERT INTO activities (id, on_date, panel_id, kind, topic, mode, hours, requesting_unit, created_at, updated_at) VALUES {}",
            vec![one; chunk.len()].join(",")
        );
        let mut params: Vec<&dyn rusqlite::ToSql> = Vec::new();
        for a in chunk {
            params.extend_from_slice(&[
                &a.0 as &dyn rusqlite::ToSql,
                &a.1,
                &a.2,
                &a.3,
                &a.4,
                &a.5,
                &a.6,
                &a.7,
                &now,
                &now,
            ]);
        }
        conn.prepare_cached(&sql)
            .expect("prepare")
            .execute(&*params)
            .expect("insert");
    }
    for chunk in joined.chunks(100) {
        let one = "(?,?,?,?,?,?)";
        let sql = format!(
            "INSERT INTO participants (activity_id, advisor_id, attendance, excuse_reason, role, guest) VALUES {}",
            vec![one; chunk.len()].join(",")
        );
        let mut params: Vec<&dyn rusqlite::ToSql> = Vec::new();
        for p in chunk {
            params.extend_from_slice(&[&p.0 as &dyn rusqlite::ToSql, &p.1, &p.2, &p.3, &p.4, &p.5]);
        }
        conn.prepare_cached(&sql)
            .expect("prepare")
            .execute(&*params)
            .expect("insert");
    }
    for (_, sql) in &indexes {
        conn.execute_batch(sql).expect("index");
    }
    conn.execute_batch("COMMIT").expect("commit");
    start.elapsed().as_secs_f64()
}

/// A plain SELECT into a csv writer: what SQLite and the csv crate do alone.
pub fn plain_select(db: &Path, out: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn.prepare(SHELL_QUERY).expect("prepare");
    let width = stmt.column_count();
    let mut writer = csv::Writer::from_path(out).expect("csv");
    let mut rows = stmt.query([]).expect("query");
    let mut buf = String::new();
    while let Some(row) = rows.next().expect("row") {
        for i in 0..width {
            buf.clear();
            match row.get_ref(i).expect("cell") {
                rusqlite::types::ValueRef::Null => {}
                rusqlite::types::ValueRef::Integer(v) => buf.push_str(&v.to_string()),
                rusqlite::types::ValueRef::Real(v) => buf.push_str(&v.to_string()),
                rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                    buf.push_str(&String::from_utf8_lossy(t))
                }
            }
            writer.write_field(&buf).expect("write");
        }
        writer.write_record(None::<&[u8]>).expect("end");
    }
    writer.flush().expect("flush");
}
