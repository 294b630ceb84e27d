//! The yearly roster adjustment (seed 004 二: 原则上每年进行1次调整补充):
//! one live record a year of when it was made and on what decision.

use rusqlite::{Connection, OptionalExtension, params};

/// A year's adjustment, as recorded.
#[derive(Clone, Debug)]
pub struct Review {
    pub id: i64,
    pub year: i32,
    pub done_on: String,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub operator: String,
}

/// The live record of `year`'s adjustment, if any.
pub fn of_year(conn: &Connection, year: i32) -> anyhow::Result<Option<Review>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, year, done_on, reference, note, operator FROM roster_reviews
             WHERE year = ?1 AND voided_at IS NULL",
        )?
        .query_row([year], |r| {
            Ok(Review {
                id: r.get(0)?,
                year: r.get(1)?,
                done_on: r.get(2)?,
                reference: r.get(3)?,
                note: r.get(4)?,
                operator: r.get(5)?,
            })
        })
        .optional()?)
}

/// Records `year`'s adjustment; returns its id.
pub fn insert(
    conn: &Connection,
    year: i32,
    done_on: &str,
    reference: Option<&str>,
    note: Option<&str>,
    operator: &str,
    now: &str,
) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO roster_reviews (year, done_on, reference, note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![year, done_on, reference, note, operator, now])?;
    Ok(conn.last_insert_rowid())
}
