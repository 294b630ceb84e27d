//! Counting a panel's duties (`panel_quotas`): what counts for a quota of
//! each subject, per advisor or for the whole panel, over a period. Shared
//! by `report coverage` (contact quotas), `roster due` (every quota behind
//! pace) and `report summary`.
//!
//! What counts, by subject:
//! - contact: live contacts of the quota's kinds naming the advisor;
//! - activity: the advisor's attendance (attended) at live activities of the
//!   kinds; for the whole panel, the panel's activities of the kinds that
//!   someone attended (held, not merely planned);
//! - advice: live advice naming the advisor; for the whole panel, advice
//!   booked to the panel or naming an advisor serving on it that day.

use std::collections::HashMap;

use rusqlite::{Connection, named_params};

use super::serving_condition;

/// `(advisor_id, counted id)` pairs of a subject's events dated
/// `:from`..=`:to` of the kinds `:kinds` (comma-separated; all when empty).
fn events(subject: &str) -> &'static str {
    match subject {
        "contact" => {
            "SELECT ca.advisor_id AS advisor_id, c.id AS id FROM contacts c
             JOIN contact_advisors ca ON ca.contact_id = c.id
             WHERE c.voided_at IS NULL AND c.on_date BETWEEN :from AND :to
               AND (:kinds = '' OR instr(',' || :kinds || ',', ',' || c.kind || ',') > 0)"
        }
        "activity" => {
            "SELECT pa.advisor_id AS advisor_id, ac.id AS id FROM activities ac
             JOIN participants pa ON pa.activity_id = ac.id
             WHERE ac.voided_at IS NULL AND pa.voided_at IS NULL AND pa.attendance = 'attended'
               AND ac.on_date BETWEEN :from AND :to
               AND (:kinds = '' OR instr(',' || :kinds || ',', ',' || ac.kind || ',') > 0)"
        }
        _ => {
            "SELECT aa.advisor_id AS advisor_id, ad.id AS id FROM advice ad
             JOIN advice_advisors aa ON aa.advice_id = ad.id
             WHERE ad.voided_at IS NULL AND ad.on_date BETWEEN :from AND :to AND :kinds = :kinds"
        }
    }
}

/// Advisor id → events of `subject` and `kinds` dated `from`..=`to`.
pub fn advisor_counts(
    conn: &Connection,
    subject: &str,
    kinds: &str,
    from: &str,
    to: &str,
) -> anyhow::Result<HashMap<i64, i64>> {
    let sql = format!(
        "SELECT advisor_id, count(DISTINCT id) FROM ({}) GROUP BY advisor_id",
        events(subject)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        named_params! { ":kinds": kinds, ":from": from, ":to": to },
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What counts for a whole-panel quota dated `from`..=`to`.
pub fn panel_count(
    conn: &Connection,
    subject: &str,
    panel_id: i64,
    kinds: &str,
    from: &str,
    to: &str,
) -> anyhow::Result<i64> {
    let kind_match = |column: &str| {
        format!("(:kinds = '' OR instr(',' || :kinds || ',', ',' || {column} || ',') > 0)")
    };
    let sql = match subject {
        "contact" => format!(
            "SELECT count(DISTINCT c.id) FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
             JOIN appointments ap ON ap.advisor_id = ca.advisor_id AND ap.panel_id = :panel
             WHERE c.voided_at IS NULL AND {} AND c.on_date BETWEEN :from AND :to AND {}",
            kind_match("c.kind"),
            serving_condition("ap").replace('?', "c.on_date")
        ),
        "activity" => format!(
            "SELECT count(*) FROM activities ac
             WHERE ac.panel_id = :panel AND ac.voided_at IS NULL AND {} AND ac.on_date BETWEEN :from AND :to
               AND EXISTS (SELECT 1 FROM participants pa WHERE pa.activity_id = ac.id
                           AND pa.voided_at IS NULL AND pa.attendance = 'attended')",
            kind_match("ac.kind")
        ),
        _ => format!(
            "SELECT count(*) FROM advice ad
             WHERE ad.voided_at IS NULL AND ad.on_date BETWEEN :from AND :to AND :kinds = :kinds
               AND (ad.panel_id = :panel OR EXISTS (
                   SELECT 1 FROM advice_advisors aa JOIN appointments ap ON ap.advisor_id = aa.advisor_id
                   WHERE aa.advice_id = ad.id AND ap.panel_id = :panel AND {}))",
            serving_condition("ap").replace('?', "ad.on_date")
        ),
    };
    Ok(conn.prepare_cached(&sql)?.query_row(
        named_params! { ":panel": panel_id, ":kinds": kinds, ":from": from, ":to": to },
        |r| r.get(0),
    )?)
}

/// An advisor short of a per-advisor quota.
#[derive(Clone, Debug)]
pub struct Short {
    pub advisor_id: i64,
    pub code: String,
    pub name: String,
    pub held: i64,
}

/// Advisors serving on the panel on `on` (and on `member_on`) whose count of
/// `subject`/`kinds` events dated `from`..=`to` is below `needed`: a
/// grouped count of the period's events, the panel's members filtered in
/// SQL, by code, at most `limit` (-1: all), with how many there are in all.
#[allow(clippy::too_many_arguments)]
pub fn short_members(
    conn: &Connection,
    subject: &str,
    panel_id: i64,
    kinds: &str,
    from: &str,
    to: &str,
    on: &str,
    member_on: &str,
    needed: i64,
    limit: i64,
) -> anyhow::Result<(i64, Vec<Short>)> {
    let sql = format!(
        "WITH members AS (
            SELECT DISTINCT ap.advisor_id FROM appointments ap
            WHERE ap.panel_id = :panel AND {serving_on}
              AND EXISTS (SELECT 1 FROM appointments b WHERE b.advisor_id = ap.advisor_id AND b.panel_id = :panel
                          AND {serving_member})),
         held AS (
            SELECT e.advisor_id, count(DISTINCT e.id) AS n FROM ({events}) e
            WHERE e.advisor_id IN (SELECT advisor_id FROM members) GROUP BY e.advisor_id),
         short AS (
            SELECT m.advisor_id, IFNULL(h.n, 0) AS n FROM members m LEFT JOIN held h ON h.advisor_id = m.advisor_id
            WHERE IFNULL(h.n, 0) < :needed)
         SELECT (SELECT count(*) FROM short), a.id, a.code, a.name, s.n
         FROM short s JOIN advisors a ON a.id = s.advisor_id ORDER BY a.code LIMIT :limit",
        serving_on = serving_condition("ap").replace('?', ":on"),
        serving_member = serving_condition("b").replace('?', ":member_on"),
        events = events(subject),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut total = 0;
    let rows = stmt
        .query_map(
            named_params! {
                ":panel": panel_id, ":on": on, ":member_on": member_on, ":kinds": kinds,
                ":from": from, ":to": to, ":needed": needed, ":limit": limit,
            },
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    Short {
                        advisor_id: r.get(1)?,
                        code: r.get(2)?,
                        name: r.get(3)?,
                        held: r.get(4)?,
                    },
                ))
            },
        )?
        .collect::<Result<Vec<_>, _>>()?;
    let rows = rows
        .into_iter()
        .map(|(n, s)| {
            total = n;
            s
        })
        .collect();
    Ok((total, rows))
}
