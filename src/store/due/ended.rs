//! What a term ended by resignation or dismissal still owes: the
//! certificate, recorded as not returned (seed 001 art. 13: 解聘…并收回聘书).

use rusqlite::{Connection, named_params};

use super::{Ask, Found, found};

/// An ended term whose certificate is recorded as not returned.
#[derive(Clone, Debug)]
pub struct Unreturned {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub panel: String,
    /// `resigned` or `dismissed`.
    pub how: String,
    pub ended_on: String,
}

/// Terms ended by resignation or dismissal on or before today whose
/// certificate is recorded as not returned (one not stated either way is
/// not listed), the longest owed first.
pub fn certificates_unreturned(conn: &Connection, ask: &Ask) -> anyhow::Result<Found<Unreturned>> {
    let sql = "WITH hits AS MATERIALIZED (
            SELECT ap.id, ap.ended_on, ap.advisor_id FROM appointments ap
            WHERE ap.state IN ('resigned','dismissed') AND ap.certificate_returned = 0
              AND ap.ended_on <= :today AND (:panel IS NULL OR ap.panel_id = :panel)),
         listed AS (SELECT h.id FROM hits h JOIN advisors a ON a.id = h.advisor_id
            ORDER BY h.ended_on, a.code, h.id LIMIT :limit)
        SELECT (SELECT count(*) FROM hits), ap.id, a.code, a.name, p.code, ap.state, ap.ended_on
        FROM listed h JOIN appointments ap ON ap.id = h.id JOIN advisors a ON a.id = ap.advisor_id
        JOIN panels p ON p.id = ap.panel_id
        ORDER BY ap.ended_on, a.code, ap.id";
    found(
        conn,
        sql,
        named_params! { ":today": ask.today, ":panel": ask.panel, ":limit": ask.limit },
        |r| {
            Ok(Unreturned {
                id: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
                panel: r.get(4)?,
                how: r.get(5)?,
                ended_on: r.get(6)?,
            })
        },
    )
}
