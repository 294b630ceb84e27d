//! Recusals (回避, seed 001 art. 10): the `recusals` table.

use rusqlite::{Connection, OptionalExtension, params};

/// A recusal as typed.
pub struct NewRecusal<'a> {
    /// A number kept by an import; `None` takes the next.
    pub id: Option<i64>,
    pub advisor_id: i64,
    pub matter: &'a str,
    pub related_unit: Option<&'a str>,
    pub on_date: &'a str,
    pub reason: &'a str,
}

pub fn insert(conn: &Connection, r: &NewRecusal, now: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO recusals (id, advisor_id, matter, related_unit, on_date, reason, created_at)
         VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        r.advisor_id,
        r.matter,
        r.related_unit,
        r.on_date,
        r.reason,
        now,
        r.id
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The void reason of recusal `id` (`Some(None)` when it stands), or an error
/// when there is no such recusal.
pub fn void_state(conn: &Connection, id: i64) -> anyhow::Result<Option<String>> {
    let found: Option<Option<String>> = conn
        .prepare_cached("SELECT void_reason FROM recusals WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    found.ok_or_else(|| {
        crate::invalid!(
            "找不到回避记录 #{id}；可用 roster recusal list 查看",
            "no recusal #{id}; see `roster recusal list`"
        )
    })
}
