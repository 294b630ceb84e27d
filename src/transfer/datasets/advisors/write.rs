//! Writing an advisor import: new rows 64 to a statement (SQLite's work
//! per statement outweighs a row's: 100,000 advisors take 0.37 s one to a
//! statement, 0.23 s 64 to one). Once an import is large against what is
//! on file, it turns bulk: the search index's insert trigger and the plain
//! indexes are set aside, and at the end the search index is filled by one
//! statement and the indexes built again in one sort each. All of it
//! inside the import's one transaction, so a refused or dry run leaves
//! every index as it was.

use crate::context::Tx;
use crate::store::advisor::Advisor;

const COLUMNS: &str = "main.advisors (code, name, gender, birth_date, id_number, category, tier, \
    native_place, native_abroad, employer, position, title, fields, work_start_year, academician, phone, \
    email, wechat, address, stipend_fen, notes, created_at, updated_at)";

/// Values bound per row (created and updated, the same for every row, are
/// bound once, as `?1`).
const WIDTH: usize = 21;

/// Rows per INSERT statement.
const PER: usize = 64;

/// From this many new rows on (and as many as are on file), an import is
/// bulk.
const BULK: i64 = 1_000;

/// The trigger that keeps the search index in step with `advisors` on insert.
const FTS_TRIGGER: &str = "advisors_fts_insert";

/// The advisors' plain (not UNIQUE) indexes, as the migrations leave them;
/// a test keeps the two in step.
const PLAIN_INDEXES: [(&str, &str); 2] = [
    (
        "advisors_code_nocase",
        "CREATE INDEX advisors_code_nocase ON advisors(code COLLATE NOCASE)",
    ),
    (
        "advisors_name",
        "CREATE INDEX advisors_name ON advisors(name)",
    ),
];

/// New advisors on their way into `advisors`.
pub(super) struct Writer {
    waiting: Vec<Advisor>,
    written: i64,
    bulk_from: i64,
    /// Set once the import is bulk.
    bulk: Option<Bulk>,
    now: String,
    /// The statement for `PER` rows.
    insert_full: String,
}

impl Writer {
    pub(super) fn new(on_file: i64, now: String) -> Writer {
        Writer {
            waiting: Vec::with_capacity(PER),
            written: 0,
            bulk_from: on_file.max(BULK),
            bulk: None,
            now,
            insert_full: insert_sql(PER),
        }
    }

    /// A new advisor, checked.
    pub(super) fn add(&mut self, tx: &Tx, advisor: Advisor) -> anyhow::Result<()> {
        self.waiting.push(advisor);
        if self.waiting.len() == PER {
            self.flush(tx)?;
        }
        Ok(())
    }

    fn flush(&mut self, tx: &Tx) -> anyhow::Result<()> {
        if self.waiting.is_empty() {
            return Ok(());
        }
        if self.bulk.is_none() && self.written + self.waiting.len() as i64 >= self.bulk_from {
            self.bulk = Some(Bulk::begin(tx)?);
        }
        let mut params: Vec<&dyn rusqlite::ToSql> =
            Vec::with_capacity(1 + WIDTH * self.waiting.len());
        params.push(&self.now);
        for a in &self.waiting {
            params.extend_from_slice(&[
                &a.code as &dyn rusqlite::ToSql,
                &a.name,
                &a.gender,
                &a.birth_date,
                &a.id_number,
                &a.category,
                &a.tier,
                &a.native_place,
                &a.native_abroad,
                &a.employer,
                &a.position,
                &a.title,
                &a.fields,
                &a.work_start_year,
                &a.academician,
                &a.phone,
                &a.email,
                &a.wechat,
                &a.address,
                &a.stipend_fen,
                &a.notes,
            ]);
        }
        let sql = match self.waiting.len() {
            PER => std::borrow::Cow::Borrowed(&self.insert_full),
            rows => std::borrow::Cow::Owned(insert_sql(rows)),
        };
        let written = tx.prepare_cached(&sql)?.execute(&*params);
        drop(params);
        // Written or not, these rows are done with: a failure ends the
        // import (see `insert_sql`).
        self.written += self.waiting.len() as i64;
        self.waiting.clear();
        written?;
        Ok(())
    }

    /// Writes what is left and, after a bulk import, puts back what it set
    /// aside.
    pub(super) fn finish(&mut self, tx: &Tx) -> anyhow::Result<()> {
        self.flush(tx)?;
        match self.bulk.take() {
            Some(bulk) => bulk.end(tx),
            None => Ok(()),
        }
    }
}

/// `INSERT INTO advisors VALUES (…), (…)` for `rows` rows. OR ROLLBACK:
/// every row was checked before it got here (codes and ID numbers against
/// the roster and the file), and a constraint that still fails ends the
/// whole import anyway, so SQLite need not keep a statement journal.
fn insert_sql(rows: usize) -> String {
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let first = 2 + r * WIDTH;
            let row: Vec<String> = (first..first + WIDTH).map(|i| format!("?{i}")).collect();
            format!("({},?1,?1)", row.join(","))
        })
        .collect();
    format!(
        "INSERT OR ROLLBACK INTO {COLUMNS} VALUES {}",
        values.join(",")
    )
}

/// What `end` needs to put back.
struct Bulk {
    /// The first id of the rows written from here on (those before went
    /// through the trigger).
    first_new: i64,
    /// The insert trigger's SQL, as it stands in the schema.
    trigger: String,
}

impl Bulk {
    /// Sets the trigger and the plain indexes aside.
    fn begin(tx: &Tx) -> anyhow::Result<Bulk> {
        let trigger: String = tx.query_row(
            "SELECT sql FROM main.sqlite_master WHERE type = 'trigger' AND name = ?1",
            [FTS_TRIGGER],
            |r| r.get(0),
        )?;
        let first_new: i64 = tx.query_row(
            "SELECT coalesce(max(id), 0) + 1 FROM main.advisors",
            [],
            |r| r.get(0),
        )?;
        let drops = PLAIN_INDEXES
            .map(|(name, _)| format!("DROP INDEX main.{name};"))
            .concat();
        tx.execute_batch(&format!("DROP TRIGGER main.{FTS_TRIGGER}; {drops}"))?;
        Ok(Bulk { first_new, trigger })
    }

    /// Fills the search index for the new rows, makes the trigger again and
    /// builds the plain indexes.
    fn end(self, tx: &Tx) -> anyhow::Result<()> {
        tx.execute(
            "INSERT INTO main.advisors_fts (rowid, name, employer, fields, notes)
             SELECT id, name, employer, fields, notes FROM main.advisors WHERE id >= ?1",
            [self.first_new],
        )?;
        tx.execute_batch(&self.trigger)?;
        tx.execute_batch(&PLAIN_INDEXES.map(|(_, sql)| format!("{sql};")).concat())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::PLAIN_INDEXES;

    /// The indexes an import drops and builds again are exactly the plain
    /// indexes of `advisors`, made as the schema makes them.
    #[test]
    fn plain_indexes_match_the_schema() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for migration in crate::db::MIGRATIONS {
            conn.execute_batch(migration).unwrap();
        }
        let mut stmt = conn
            .prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'advisors'
                   AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
            )
            .unwrap();
        let found: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut wanted: Vec<(String, String)> = PLAIN_INDEXES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        wanted.sort();
        assert_eq!(found, wanted);
    }
}
