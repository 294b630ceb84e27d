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
//!   booked to the panel or naming an advisor serving on it that day. An
//!   advice quota's kinds, if any, are activity kinds that count as well —
//!   "an opinion, or a research report" (seed 000, the tech panel: 提供决策咨询
//!   意见和建议不少于1条，或者提供1篇科技决策咨询报告) — attended as above.

use std::collections::HashMap;

use rusqlite::{Connection, named_params};

use super::serving_condition;

/// The kinds `:kinds` (comma-separated codes) as a set SQL can search an
/// index with.
const KINDS: &str =
    "(SELECT value FROM json_each('[\"' || replace(:kinds, ',', '\",\"') || '\"]'))";

/// `(advisor_id, counted id)` pairs of a subject's events dated
/// `:from`..=`:to` of the kinds `:kinds` (comma-separated codes; advice has
/// none). The period's events are found first, on the date (or kind)
/// index, and only then their advisors: never the other way round, which
/// would walk every member's whole history.
fn events(subject: &str) -> String {
    match subject {
        "contact" => format!(
            "WITH ev AS MATERIALIZED (
                SELECT c.id FROM contacts c
                WHERE c.on_date BETWEEN :from AND :to AND c.voided_at IS NULL AND c.kind IN {KINDS})
             SELECT ca.advisor_id AS advisor_id, ca.contact_id AS id FROM ev
             JOIN contact_advisors ca ON ca.contact_id = ev.id"
        ),
        "activity" => format!(
            "WITH ev AS MATERIALIZED (
                SELECT ac.id FROM activities ac
                WHERE ac.kind IN {KINDS} AND ac.on_date BETWEEN :from AND :to AND ac.voided_at IS NULL)
             SELECT pa.advisor_id AS advisor_id, pa.activity_id AS id FROM ev
             JOIN participants pa ON pa.activity_id = ev.id
             WHERE pa.voided_at IS NULL AND pa.attendance = 'attended'"
        ),
        // Activities counted instead of advice carry negative ids, so the
        // two never meet in a `count(DISTINCT id)`.
        _ => format!(
            "WITH ev AS MATERIALIZED (
                SELECT ad.id FROM advice ad
                WHERE ad.on_date BETWEEN :from AND :to AND ad.voided_at IS NULL),
             alt AS MATERIALIZED (
                SELECT ac.id FROM activities ac
                WHERE :kinds <> '' AND ac.kind IN {KINDS} AND ac.on_date BETWEEN :from AND :to AND ac.voided_at IS NULL)
             SELECT aa.advisor_id AS advisor_id, aa.advice_id AS id FROM ev
             JOIN advice_advisors aa ON aa.advice_id = ev.id
             UNION ALL
             SELECT pa.advisor_id, -pa.activity_id FROM alt
             JOIN participants pa ON pa.activity_id = alt.id
             WHERE pa.voided_at IS NULL AND pa.attendance = 'attended'"
        ),
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

/// What counts for a whole-panel quota dated `from`..=`to`, counted up
/// to `upto` (-1: all): a duty only asks whether it is met, so `due` stops
/// at the count it needs instead of counting a year's records.
#[allow(clippy::too_many_arguments)]
pub fn panel_count(
    conn: &Connection,
    subject: &str,
    panel_id: i64,
    kinds: &str,
    from: &str,
    to: &str,
    upto: i64,
) -> anyhow::Result<i64> {
    let kind_match = |column: &str| format!("{column} IN {KINDS}");
    let sql = match subject {
        "contact" => format!(
            "SELECT count(*) FROM (SELECT DISTINCT c.id FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
             JOIN appointments ap ON ap.advisor_id = ca.advisor_id AND ap.panel_id = :panel
             WHERE c.voided_at IS NULL AND {} AND c.on_date BETWEEN :from AND :to AND {} LIMIT :upto)",
            kind_match("c.kind"),
            serving_condition("ap").replace('?', "c.on_date")
        ),
        "activity" => format!(
            "SELECT count(*) FROM (SELECT 1 FROM activities ac
             WHERE ac.panel_id = :panel AND ac.voided_at IS NULL AND {} AND ac.on_date BETWEEN :from AND :to
               AND EXISTS (SELECT 1 FROM participants pa WHERE pa.activity_id = ac.id
                           AND pa.voided_at IS NULL AND pa.attendance = 'attended') LIMIT :upto)",
            kind_match("ac.kind")
        ),
        _ => format!(
            "SELECT (SELECT count(*) FROM (SELECT 1 FROM advice ad
               WHERE ad.voided_at IS NULL AND ad.on_date BETWEEN :from AND :to
                 AND (ad.panel_id = :panel OR EXISTS (
                   SELECT 1 FROM advice_advisors aa JOIN appointments ap ON ap.advisor_id = aa.advisor_id
                   WHERE aa.advice_id = ad.id AND ap.panel_id = :panel AND {})) LIMIT :upto))
             + (SELECT count(*) FROM (SELECT 1 FROM activities ac
               WHERE :kinds <> '' AND ac.panel_id = :panel AND ac.voided_at IS NULL AND {}
                 AND ac.on_date BETWEEN :from AND :to
                 AND EXISTS (SELECT 1 FROM participants pa WHERE pa.activity_id = ac.id
                             AND pa.voided_at IS NULL AND pa.attendance = 'attended') LIMIT :upto))",
            serving_condition("ap").replace('?', "ad.on_date"),
            kind_match("ac.kind")
        ),
    };
    Ok(conn.prepare_cached(&sql)?.query_row(
        named_params! { ":panel": panel_id, ":kinds": kinds, ":from": from, ":to": to, ":upto": upto },
        |r| r.get(0),
    )?)
}
