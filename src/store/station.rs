//! Professional stations (专业站, seed 003 二(一)2): their yearly verdicts
//! (三(三): 嘉奖 or 通报批评, the `station_reviews` table) and the experts
//! serving on them by tier (入库/在岗/关键, 二(一)1).

use rusqlite::{Connection, OptionalExtension, params};

use super::serving_condition;
use super::summary::ByPanel;

/// A station's verdict for a year, as recorded.
#[derive(Clone, Debug)]
pub struct Review {
    pub id: i64,
    pub panel_id: i64,
    pub year: i32,
    pub verdict: String,
    pub reason: String,
    pub reference: Option<String>,
    pub on_date: String,
    pub operator: String,
}

/// The live verdict on station `panel_id` for `year`, if any.
pub fn of_year(conn: &Connection, panel_id: i64, year: i32) -> anyhow::Result<Option<Review>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, panel_id, year, verdict, reason, reference, on_date, operator FROM station_reviews
             WHERE panel_id = ?1 AND year = ?2 AND voided_at IS NULL",
        )?
        .query_row(params![panel_id, year], |r| {
            Ok(Review {
                id: r.get(0)?,
                panel_id: r.get(1)?,
                year: r.get(2)?,
                verdict: r.get(3)?,
                reason: r.get(4)?,
                reference: r.get(5)?,
                on_date: r.get(6)?,
                operator: r.get(7)?,
            })
        })
        .optional()?)
}

/// Records a verdict; returns its id.
pub fn insert(conn: &Connection, r: &Review, now: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO station_reviews (panel_id, year, verdict, reason, reference, on_date, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        r.panel_id,
        r.year,
        r.verdict,
        r.reason,
        r.reference,
        r.on_date,
        r.operator,
        now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Distinct advisors serving on each panel (or `panel` alone) on `day`,
/// in all and by the tier each held that day (migration 12): serving, key,
/// active, pool (`store::serving_condition`,
/// as `panel list` and the summary count them).
pub fn tiers(conn: &Connection, panel: Option<i64>, day: &str) -> anyhow::Result<ByPanel> {
    let sql = format!(
        "SELECT panel_id, count(DISTINCT id), count(DISTINCT CASE WHEN tier = 'key' THEN id END),
            count(DISTINCT CASE WHEN tier = 'active' THEN id END),
            count(DISTINCT CASE WHEN tier = 'pool' THEN id END)
         FROM (SELECT ap.panel_id, a.id, {tier} AS tier
               FROM appointments ap JOIN advisors a ON a.id = ap.advisor_id
               WHERE {serving} AND (?2 IS NULL OR ap.panel_id = ?2))
         GROUP BY panel_id",
        tier = crate::store::advisor::tier_on("a", "?1"),
        serving = serving_condition("ap").replace('?', "?1")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![day, panel], |r| {
        Ok((
            r.get::<_, Option<i64>>(0)?,
            vec![r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?],
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
