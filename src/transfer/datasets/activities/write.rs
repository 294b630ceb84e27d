//! Writing an activities import in bulk: rows a hundred at a time (SQLite
//! then evaluates the tables' CHECKs once per statement, not once per row,
//! and a statement's overhead is shared), activities before the
//! participants that point at them; and once an import is large against
//! what is on file, the secondary indexes dropped and built again at the
//! end — one sort instead of a million scattered inserts. All of it inside
//! the import's one transaction, so a refused or dry run leaves every index
//! as it was.

use crate::context::{Tx, now_stamp};
use crate::store::activity::Activity;

const ACTIVITY_COLUMNS: &str = "main.activities (id, on_date, panel_id, kind, topic, mode, place, hours, \
    requesting_unit, minutes_ref, result, created_at, updated_at)";
const PARTICIPANT_COLUMNS: &str = "main.participants (activity_id, advisor_id, attendance, excuse_reason, role, \
    opinion, guest, override_reason)";

/// Rows per INSERT statement.
const PER: usize = 100;

/// From this many participants on, an import this large against what is on
/// file rebuilds the indexes rather than updating them row by row.
const BULK: u64 = 10_000;

/// A participant waiting to be written.
pub struct Joined {
    pub activity_id: i64,
    pub advisor_id: i64,
    pub attendance: &'static str,
    pub reason: Option<String>,
    pub role: &'static str,
    pub opinion: Option<String>,
    pub guest: bool,
    pub override_reason: Option<String>,
}

/// Activities and participants on their way into the tables.
pub struct Writer {
    waiting: Vec<Activity>,
    participants: Vec<Joined>,
    written: u64,
    /// When to stop updating the secondary indexes row by row.
    bulk_from: u64,
    /// The indexes dropped for a bulk load, to build again at the end.
    dropped: Vec<String>,
    now: String,
}

impl Writer {
    pub fn new(tx: &Tx) -> anyhow::Result<Writer> {
        let on_file: i64 = tx.query_row(
            "SELECT IFNULL(max(id), 0) FROM main.participants",
            [],
            |r| r.get(0),
        )?;
        Ok(Writer {
            waiting: Vec::with_capacity(PER),
            participants: Vec::with_capacity(PER),
            written: 0,
            bulk_from: BULK.max(on_file.max(0) as u64 / 4),
            dropped: Vec::new(),
            now: now_stamp(),
        })
    }

    /// A new activity (its id decided).
    pub fn activity(&mut self, tx: &Tx, a: &Activity) -> anyhow::Result<()> {
        self.waiting.push(a.clone());
        if self.waiting.len() >= PER {
            self.flush_activities(tx)?;
        }
        Ok(())
    }

    /// A participant of an activity given before.
    pub fn participant(&mut self, tx: &Tx, p: Joined) -> anyhow::Result<()> {
        self.participants.push(p);
        if self.participants.len() >= PER {
            self.flush(tx)?;
        }
        Ok(())
    }

    /// Writes the activities waiting.
    fn flush_activities(&mut self, tx: &Tx) -> anyhow::Result<()> {
        if self.waiting.is_empty() {
            return Ok(());
        }
        let sql = insert_sql(ACTIVITY_COLUMNS, 13, self.waiting.len());
        let mut params: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(13 * self.waiting.len());
        for a in &self.waiting {
            params.extend_from_slice(&[
                &a.id as &dyn rusqlite::ToSql,
                &a.on_date,
                &a.panel_id,
                &a.kind,
                &a.topic,
                &a.mode,
                &a.place,
                &a.hours,
                &a.requesting_unit,
                &a.minutes_ref,
                &a.result,
                &self.now,
                &self.now,
            ]);
        }
        tx.prepare_cached(&sql)?.execute(&*params)?;
        self.waiting.clear();
        Ok(())
    }

    /// Writes everything waiting (activities first: participants point at them).
    pub fn flush(&mut self, tx: &Tx) -> anyhow::Result<()> {
        self.flush_activities(tx)?;
        if self.participants.is_empty() {
            return Ok(());
        }
        let sql = insert_sql(PARTICIPANT_COLUMNS, 8, self.participants.len());
        let mut params: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(8 * self.participants.len());
        for p in &self.participants {
            params.extend_from_slice(&[
                &p.activity_id as &dyn rusqlite::ToSql,
                &p.advisor_id,
                &p.attendance,
                &p.reason,
                &p.role,
                &p.opinion,
                &p.guest,
                &p.override_reason,
            ]);
        }
        tx.prepare_cached(&sql)?.execute(&*params)?;
        self.written += self.participants.len() as u64;
        self.participants.clear();
        if self.dropped.is_empty() && self.written >= self.bulk_from {
            self.dropped = drop_secondary_indexes(tx)?;
        }
        Ok(())
    }

    /// Writes what is left and builds any dropped index again.
    pub fn finish(&mut self, tx: &Tx) -> anyhow::Result<()> {
        self.flush(tx)?;
        if self.dropped.is_empty() {
            return Ok(());
        }
        // CREATE INDEX sorts in runs the size of the page cache: at SQLite's
        // default (2 MB) they stay in the processor's cache, and a million
        // rows' indexes build a sixth faster, in 40 MB less memory, than at
        // 64 MB (the import keeps 16).
        // The file is read by then, so the second core is idle: one helper
        // thread lets SQLite sort those runs in parallel (a million rows'
        // indexes 0.25 s sooner; more helpers only contend for two cores).
        let cache: i64 = tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let threads: i64 = tx.query_row("PRAGMA threads", [], |r| r.get(0))?;
        tx.pragma_update(None, "cache_size", -2000)?;
        tx.pragma_update(None, "threads", 1)?;
        for sql in std::mem::take(&mut self.dropped) {
            tx.execute_batch(&sql)?;
        }
        tx.pragma_update(None, "threads", threads)?;
        tx.pragma_update(None, "cache_size", cache)?;
        Ok(())
    }
}

/// `INSERT INTO {into} VALUES (…), (…)` for `rows` rows of `width` values.
/// OR ROLLBACK: every row was checked before it got here, and a constraint
/// that still fails ends the whole import anyway, so SQLite need not keep a
/// statement journal to undo half a statement (9 % of a million rows' CPU).
fn insert_sql(into: &str, width: usize, rows: usize) -> String {
    let one = format!("({})", vec!["?"; width].join(","));
    format!(
        "INSERT OR ROLLBACK INTO {into} VALUES {}",
        vec![one; rows].join(",")
    )
}

/// Drops the indexes of `activities` and `participants` that a bulk load
/// builds faster afterwards: not those behind a UNIQUE constraint (SQLite
/// keeps them), nor partial ones (only their few rows are updated).
/// Returns the SQL that makes them again.
fn drop_secondary_indexes(tx: &Tx) -> anyhow::Result<Vec<String>> {
    let mut stmt = tx.prepare(
        "SELECT name, sql FROM main.sqlite_master
         WHERE type = 'index' AND tbl_name IN ('activities', 'participants') AND sql IS NOT NULL
           AND sql NOT LIKE '% WHERE %' AND sql NOT LIKE 'CREATE UNIQUE%'
         ORDER BY name",
    )?;
    let indexes = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut made = Vec::new();
    for (name, sql) in indexes {
        tx.execute_batch(&format!("DROP INDEX main.\"{name}\""))?;
        made.push(sql);
    }
    Ok(made)
}
