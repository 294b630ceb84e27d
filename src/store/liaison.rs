//! Liaisons and their one-to-one pairings with advisors: the `liaisons` and
//! `liaison_assignments` tables. A pairing holds an advisor from its start
//! date through its end date (inclusive; open when NULL); pairings are ended,
//! never deleted, so the history stays.

use rusqlite::{Connection, OptionalExtension, params};

/// A liaison as stored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Liaison {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub is_leader: bool,
    pub notes: Option<String>,
    /// A leader since this day (`None`: from before the roster knew them).
    pub leader_since: Option<String>,
    /// The last day as a leader, for one who stood down.
    pub leader_until: Option<String>,
}

const COLUMNS: &str =
    "id, code, name, unit, position, phone, is_leader, notes, leader_since, leader_until";

/// Liaison `{l}` is in the leadership on the date `{day}` (an SQL
/// expression or parameter): the dated span `leader_since`..`leader_until`,
/// open-ended while `is_leader` holds (migration 8).
pub fn leader_on(l: &str, day: &str) -> String {
    format!(
        "(IFNULL({l}.leader_since <= {day}, 1) AND CASE WHEN {l}.leader_until IS NULL \
         THEN {l}.is_leader = 1 ELSE {l}.leader_until >= {day} END)"
    )
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Liaison> {
    Ok(Liaison {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        unit: r.get(3)?,
        position: r.get(4)?,
        phone: r.get(5)?,
        is_leader: r.get(6)?,
        notes: r.get(7)?,
        leader_since: r.get(8)?,
        leader_until: r.get(9)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> anyhow::Result<Liaison> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM liaisons WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| anyhow::anyhow!("liaison #{id} not found"))
}

/// Another liaison already using `code`, if any: (code, name).
pub fn code_taken(
    conn: &Connection,
    code: &str,
    except: i64,
) -> anyhow::Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT code, name FROM liaisons WHERE code = ?1 COLLATE NOCASE AND id <> ?2",
        )?
        .query_row(params![code, except], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The next generated code: `L` and the next number, at least three digits.
pub fn next_code(conn: &Connection) -> anyhow::Result<String> {
    let max: Option<i64> = conn
        .prepare_cached(
            "SELECT max(CAST(substr(code, 2) AS INTEGER)) FROM liaisons WHERE code GLOB 'L[0-9]*'",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(format!("L{:03}", max.unwrap_or(0) + 1))
}

pub fn insert(conn: &Connection, l: &Liaison, now: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO liaisons (code, name, unit, position, phone, is_leader, notes, created_at, updated_at,
            leader_since, leader_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10)",
    )?
    .execute(params![
        l.code,
        l.name,
        l.unit,
        l.position,
        l.phone,
        l.is_leader,
        l.notes,
        now,
        l.leader_since,
        l.leader_until
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, l: &Liaison, now: &str) -> anyhow::Result<()> {
    conn.prepare_cached(
        "UPDATE liaisons SET code = ?1, name = ?2, unit = ?3, position = ?4, phone = ?5, is_leader = ?6,
            notes = ?7, updated_at = ?8, leader_since = ?10, leader_until = ?11 WHERE id = ?9",
    )?
    .execute(params![
        l.code,
        l.name,
        l.unit,
        l.position,
        l.phone,
        l.is_leader,
        l.notes,
        now,
        l.id,
        l.leader_since,
        l.leader_until
    ])?;
    Ok(())
}

/// One pairing of a liaison with an advisor.
#[derive(Clone, Debug)]
pub struct Assignment {
    pub id: i64,
    pub liaison_id: i64,
    pub advisor_id: i64,
    pub start_date: String,
    pub end_date: Option<String>,
}

fn assignment(r: &rusqlite::Row) -> rusqlite::Result<Assignment> {
    Ok(Assignment {
        id: r.get(0)?,
        liaison_id: r.get(1)?,
        advisor_id: r.get(2)?,
        start_date: r.get(3)?,
        end_date: r.get(4)?,
    })
}

/// An advisor's pairings that share a day with `start`..`end` (open when
/// `end` is None), optionally only those with one liaison.
pub fn overlapping(
    conn: &Connection,
    advisor_id: i64,
    liaison_id: Option<i64>,
    start: &str,
    end: Option<&str>,
) -> anyhow::Result<Vec<Assignment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, liaison_id, advisor_id, start_date, end_date FROM liaison_assignments
         WHERE advisor_id = ?1 AND (?2 IS NULL OR liaison_id = ?2)
           AND (end_date IS NULL OR end_date >= ?3) AND (?4 IS NULL OR start_date <= ?4)
         ORDER BY start_date, id",
    )?;
    let rows = stmt
        .query_map(params![advisor_id, liaison_id, start, end], assignment)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn insert_assignment(
    conn: &Connection,
    liaison_id: i64,
    advisor_id: i64,
    start: &str,
    end: Option<&str>,
    note: Option<&str>,
    now: &str,
) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO liaison_assignments (liaison_id, advisor_id, start_date, end_date, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![liaison_id, advisor_id, start, end, note, now])?;
    Ok(conn.last_insert_rowid())
}

/// Ends a pairing on `until` (its last day).
pub fn end_assignment(conn: &Connection, id: i64, until: &str) -> anyhow::Result<()> {
    conn.prepare_cached("UPDATE liaison_assignments SET end_date = ?1 WHERE id = ?2")?
        .execute(params![until, id])?;
    Ok(())
}

/// The liaison holding an advisor on `date`, with the pairing's start.
pub fn holder_on(
    conn: &Connection,
    advisor_id: i64,
    date: &str,
) -> anyhow::Result<Option<(Liaison, String)>> {
    let found: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT liaison_id, start_date FROM liaison_assignments
             WHERE advisor_id = ?1 AND start_date <= ?2 AND (end_date IS NULL OR end_date >= ?2)
             ORDER BY start_date DESC, id DESC LIMIT 1",
        )?
        .query_row(params![advisor_id, date], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match found {
        Some((id, start)) => Ok(Some((get(conn, id)?, start))),
        None => Ok(None),
    }
}

/// SQL condition: pairing `{la}` holds its advisor on the date given as the
/// next two `?` parameters.
pub fn holding_condition(la: &str) -> String {
    format!("{la}.start_date <= ? AND ({la}.end_date IS NULL OR {la}.end_date >= ?)")
}

/// Whether leader `liaison_id` is shown by a view of panel `panel_id` on
/// `day` (`due --panel`, `report coverage --panel`) for the check that each
/// leader pairs with at least two experts (seed 004 二): in an office with
/// that one panel, every leader; otherwise a leader one of whose pairings —
/// ended, current or starting later — is with an advisor appointed to the
/// panel by `day`. A leader who handed everyone over, or whose experts'
/// terms ended, still shows; one never paired with anyone belongs to no
/// panel and shows only without `--panel`. Indexed lookups of this one
/// leader's pairings.
pub fn leader_on_panel(
    conn: &Connection,
    liaison_id: i64,
    panel_id: i64,
    day: &str,
) -> anyhow::Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM panels) = 1 OR EXISTS (
                SELECT 1 FROM liaison_assignments la JOIN appointments ap ON ap.advisor_id = la.advisor_id
                WHERE la.liaison_id = ?1 AND ap.panel_id = ?2 AND ap.term_start <= ?3)",
        )?
        .query_row(params![liaison_id, panel_id, day], |r| r.get(0))?)
}
