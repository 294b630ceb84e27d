//! Contacts (the office reaching advisors): the `contacts` table and the
//! advisors each contact names (`contact_advisors`). Wrong records are
//! voided with a reason, never deleted.

use rusqlite::{Connection, params};

/// A contact to be stored.
#[derive(Clone, Debug, Default)]
pub struct Contact {
    /// A number kept by an import; `None` takes the next.
    pub id: Option<i64>,
    pub on_date: String,
    pub kind: String,
    pub liaison_id: Option<i64>,
    pub channel: Option<String>,
    pub occasion: Option<String>,
    pub festival: Option<String>,
    pub festival_date: Option<String>,
    pub care_kind: Option<String>,
    pub event: Option<String>,
    pub note: Option<String>,
}

pub fn insert(
    conn: &Connection,
    c: &Contact,
    advisor_ids: &[i64],
    now: &str,
) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO contacts (id, on_date, kind, liaison_id, channel, occasion, festival, festival_date, care_kind,
            event, note, created_at)
         VALUES (?12, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        c.on_date,
        c.kind,
        c.liaison_id,
        c.channel,
        c.occasion,
        c.festival,
        c.festival_date,
        c.care_kind,
        c.event,
        c.note,
        now,
        c.id
    ])?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO contact_advisors (contact_id, advisor_id) VALUES (?1, ?2)",
    )?;
    for advisor in advisor_ids {
        stmt.execute(params![id, advisor])?;
    }
    Ok(id)
}

pub fn void(conn: &Connection, id: i64, reason: &str, now: &str) -> anyhow::Result<()> {
    conn.prepare_cached("UPDATE contacts SET voided_at = ?1, void_reason = ?2 WHERE id = ?3")?
        .execute(params![now, reason, id])?;
    Ok(())
}

/// The first day an advisor was ever appointed (the earliest term start of
/// an appointment that reached `appointed`), if any.
pub fn first_term_start(conn: &Connection, advisor_id: i64) -> anyhow::Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT min(term_start) FROM appointments
             WHERE advisor_id = ?1 AND state IN ('appointed','dismissed','resigned')",
        )?
        .query_row([advisor_id], |r| r.get(0))?)
}

/// The last day an advisor served before `date` (for a message), if any.
pub fn last_served_before(
    conn: &Connection,
    advisor_id: i64,
    date: &str,
) -> anyhow::Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT max(CASE WHEN ended_on IS NOT NULL AND ended_on <= term_end
                             THEN date(ended_on, '-1 day') ELSE term_end END)
             FROM appointments
             WHERE advisor_id = ?1 AND state IN ('appointed','dismissed','resigned') AND term_start <= ?2",
        )?
        .query_row(params![advisor_id, date], |r| r.get(0))?)
}

/// Advisors serving on a panel on `date`, with the start of the term they
/// serve in: (id, code, name, term start).
pub fn serving_on_panel_since(
    conn: &Connection,
    panel_id: i64,
    date: &str,
) -> anyhow::Result<Vec<(i64, String, String, String)>> {
    let sql = format!(
        "SELECT a.id, a.code, a.name, max(ap.term_start) FROM appointments ap JOIN advisors a ON a.id = ap.advisor_id
         WHERE ap.panel_id = ? AND {} GROUP BY a.id ORDER BY a.code",
        super::serving_condition("ap")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params![panel_id, date, date, date], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Advisors serving on a panel on `date`: (id, code, name).
pub fn serving_on_panel(
    conn: &Connection,
    panel_id: i64,
    date: &str,
) -> anyhow::Result<Vec<(i64, String, String)>> {
    let sql = format!(
        "SELECT DISTINCT a.id, a.code, a.name FROM appointments ap JOIN advisors a ON a.id = ap.advisor_id
         WHERE ap.panel_id = ? AND {} ORDER BY a.code",
        super::serving_condition("ap")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params![panel_id, date, date, date], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
