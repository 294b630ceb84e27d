//! The project needs library (项目需求库, seed 003 二(二)1) and the experts
//! put in touch with each need (对接, 二(二)2): the `needs` and
//! `need_matches` tables.

use rusqlite::{Connection, OptionalExtension, params};

/// A need as stored.
#[derive(Clone, Debug, Default)]
pub struct Need {
    pub id: i64,
    pub on_date: String,
    pub unit: String,
    pub title: String,
    pub kind: String,
    pub field: String,
    pub panel_id: Option<i64>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub note: Option<String>,
    pub result: Option<String>,
    pub outcome: Option<String>,
    pub closed_on: Option<String>,
    pub void_reason: Option<String>,
}

const COLUMNS: &str =
    "id, on_date, unit, title, kind, field, panel_id, contact, phone, note, result, outcome,
    closed_on, void_reason";

fn read(r: &rusqlite::Row) -> rusqlite::Result<Need> {
    Ok(Need {
        id: r.get(0)?,
        on_date: r.get(1)?,
        unit: r.get(2)?,
        title: r.get(3)?,
        kind: r.get(4)?,
        field: r.get(5)?,
        panel_id: r.get(6)?,
        contact: r.get(7)?,
        phone: r.get(8)?,
        note: r.get(9)?,
        result: r.get(10)?,
        outcome: r.get(11)?,
        closed_on: r.get(12)?,
        void_reason: r.get(13)?,
    })
}

/// Need `id`, voided or not; a missing one is bad input naming the listing.
pub fn get(conn: &Connection, id: i64) -> anyhow::Result<Need> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM needs WHERE id = ?1"))?
        .query_row([id], read)
        .optional()?
        .ok_or_else(|| {
            crate::invalid!(
                "NEED：找不到项目需求 #{id}；可用 roster need list 查看",
                "NEED: no need #{id}; see `roster need list`"
            )
        })
}

/// Need `id`, refused when it is void.
pub fn get_live(conn: &Connection, id: i64) -> anyhow::Result<Need> {
    let need = get(conn, id)?;
    if let Some(reason) = &need.void_reason {
        return Err(crate::refused!(
            "NEED：项目需求 #{id} 已作废（{reason}），不能再办理",
            "NEED: need #{id} is void ({reason}); it can no longer change"
        ));
    }
    Ok(need)
}

pub fn insert(conn: &Connection, n: &Need, now: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO needs (on_date, unit, title, kind, field, panel_id, contact, phone, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![
        n.on_date, n.unit, n.title, n.kind, n.field, n.panel_id, n.contact, n.phone, n.note, now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes the closure (result, outcome, date), or clears it (reopening).
pub fn set_closure(conn: &Connection, n: &Need, now: &str) -> anyhow::Result<()> {
    conn.prepare_cached(
        "UPDATE needs SET result = ?1, outcome = ?2, closed_on = ?3, updated_at = ?4 WHERE id = ?5",
    )?
    .execute(params![n.result, n.outcome, n.closed_on, now, n.id])?;
    Ok(())
}

/// An expert put in touch with a need.
#[derive(Clone, Debug, Default)]
pub struct Match {
    pub id: i64,
    pub need_id: i64,
    pub advisor_id: i64,
    pub on_date: String,
    pub guest: bool,
    pub override_reason: Option<String>,
    pub note: Option<String>,
}

/// The live matches of need `id`, in date order.
pub fn matches(conn: &Connection, need_id: i64) -> anyhow::Result<Vec<Match>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, need_id, advisor_id, on_date, guest, override_reason, note FROM need_matches
         WHERE need_id = ?1 AND voided_at IS NULL ORDER BY on_date, id",
    )?;
    let rows = stmt.query_map([need_id], |r| {
        Ok(Match {
            id: r.get(0)?,
            need_id: r.get(1)?,
            advisor_id: r.get(2)?,
            on_date: r.get(3)?,
            guest: r.get(4)?,
            override_reason: r.get(5)?,
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn insert_match(conn: &Connection, m: &Match, now: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO need_matches (need_id, advisor_id, on_date, guest, override_reason, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        m.need_id,
        m.advisor_id,
        m.on_date,
        m.guest,
        m.override_reason,
        m.note,
        now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Marks a row of `needs` or `need_matches` void.
pub fn void(
    conn: &Connection,
    table: &str,
    id: i64,
    reason: &str,
    now: &str,
) -> anyhow::Result<()> {
    let table = if table == "needs" {
        "needs"
    } else {
        "need_matches"
    };
    conn.prepare_cached(&format!(
        "UPDATE {table} SET voided_at = ?1, void_reason = ?2 WHERE id = ?3"
    ))?
    .execute(params![now, reason, id])?;
    Ok(())
}

/// A need's status as listed (labels::NEED_STATUS): `voided` once voided,
/// its result once closed, else `matched` when an expert is in touch with
/// it, else `open`. `{n}` is the needs alias.
pub fn status_expr(n: &str) -> String {
    format!(
        "CASE WHEN {n}.voided_at IS NOT NULL THEN 'voided'
              WHEN {n}.result IS NOT NULL THEN {n}.result
              WHEN EXISTS (SELECT 1 FROM need_matches m WHERE m.need_id = {n}.id AND m.voided_at IS NULL)
              THEN 'matched' ELSE 'open' END"
    )
}

/// The experts matched with need `{n}`, `A0008 彭晓阳` each, as a
/// `Kind::List` cell (date order).
pub fn experts_expr(n: &str) -> String {
    format!(
        "(SELECT group_concat(x, char(31)) FROM (SELECT a.code || ' ' || a.name AS x FROM need_matches m
            JOIN advisors a ON a.id = m.advisor_id WHERE m.need_id = {n}.id AND m.voided_at IS NULL
            ORDER BY m.on_date, m.id))"
    )
}
