//! `roster due`'s people-centred reads: holiday greetings not yet sent,
//! advisors not contacted within their panel's interval, advisors without a
//! liaison, leaders holding too few advisors (seeds 000 and 004).

use rusqlite::{Connection, OptionalExtension, named_params};

use super::{Ask, Found, found};
use crate::store::serving_condition;

/// `(advisor_id, panel_id)` of the appointments serving on `:today` (on
/// `:panel` when given), read from the covering index alone.
fn serving_today() -> String {
    format!(
        "SELECT ap.advisor_id, ap.panel_id, ap.term_start FROM appointments ap
         WHERE {} AND (:panel IS NULL OR ap.panel_id = :panel)",
        serving_condition("ap").replace('?', ":today")
    )
}

/// The last live contact with `s.advisor_id` on or before `:today` (for a
/// `--today` in the past, when `contact_last` holds a later one).
const LAST_BY_TODAY: &str =
    "(SELECT max(c.on_date) FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id
    WHERE ca.advisor_id = s.advisor_id AND c.voided_at IS NULL AND c.on_date <= :today)";

/// The first day an advisor was ever appointed (`c.advisor_id`): only an
/// appointment that was made has a term start, so no state need be read.
const SINCE: &str =
    "(SELECT min(b.term_start) FROM appointments b WHERE b.advisor_id = c.advisor_id)";
/// The same, for `s.advisor_id`.
const SINCE_S: &str =
    "(SELECT min(b.term_start) FROM appointments b WHERE b.advisor_id = s.advisor_id)";

/// A serving advisor not yet greeted for a festival occurrence.
#[derive(Clone, Debug)]
pub struct Ungreeted {
    pub code: String,
    pub name: String,
    /// The panels greeting on that festival the advisor serves on.
    pub panels: String,
}

/// Advisors serving on `day` on a panel that greets on `festival` (code)
/// with no live greeting recorded for that occurrence.
pub fn ungreeted(
    conn: &Connection,
    ask: &Ask,
    festival: &str,
    day: &str,
) -> anyhow::Result<Found<Ungreeted>> {
    let sql = format!(
        "WITH required AS MATERIALIZED (
            SELECT DISTINCT ap.advisor_id FROM appointments ap JOIN panels p ON p.id = ap.panel_id
            WHERE {serving} AND instr(',' || p.greeting_festivals || ',', ',' || :festival || ',') > 0
              AND (:panel IS NULL OR ap.panel_id = :panel)),
         greeted AS (
            SELECT ca.advisor_id FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
            WHERE c.festival_date = :day AND c.festival = :festival AND c.voided_at IS NULL),
         hits AS MATERIALIZED (SELECT advisor_id FROM required WHERE advisor_id NOT IN (SELECT advisor_id FROM greeted)),
         listed AS (SELECT a.id FROM hits h JOIN advisors a ON a.id = h.advisor_id ORDER BY a.code LIMIT :limit)
        SELECT (SELECT count(*) FROM hits), a.code, a.name,
            (SELECT group_concat(p.code, ',') FROM appointments ap JOIN panels p ON p.id = ap.panel_id
              WHERE ap.advisor_id = a.id AND {serving}
                AND instr(',' || p.greeting_festivals || ',', ',' || :festival || ',') > 0)
        FROM listed h JOIN advisors a ON a.id = h.id ORDER BY a.code",
        serving = serving_condition("ap").replace('?', ":day"),
    );
    found(
        conn,
        &sql,
        named_params! { ":festival": festival, ":day": day, ":panel": ask.panel, ":limit": ask.limit },
        |r| {
            Ok(Ungreeted {
                code: r.get(1)?,
                name: r.get(2)?,
                panels: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            })
        },
    )
}

/// A serving advisor whose last contact is older than the interval.
#[derive(Clone, Debug)]
pub struct Uncontacted {
    pub advisor_id: i64,
    pub code: String,
    pub name: String,
    pub panels: String,
    /// The shortest interval among the panels served on (days).
    pub interval: i64,
    /// The first day the advisor was ever appointed.
    pub since: String,
    /// The last live contact, if any.
    pub last: Option<String>,
}

/// A serving advisor held by no liaison today.
#[derive(Clone, Debug)]
pub struct Unpaired {
    pub advisor_id: i64,
    pub code: String,
    pub name: String,
    pub panels: String,
    /// Since when: the later of the first appointment and the last pairing's end.
    pub since: String,
}

/// Both per-advisor checks of the serving roster, in one pass over it:
///
/// - not contacted: the next contact falls due by `horizon` — the last live
///   contact (or, never contacted, the first appointment) plus the shortest
///   interval of the panels served on (`default_days` where a panel sets
///   none). The last contact comes from `contact_last` (one lookup per
///   advisor), or for a day in the past from the contacts themselves.
/// - without a liaison: no pairing holds them today; since the later of
///   their first appointment and their last pairing's end.
pub fn unattended(
    conn: &Connection,
    ask: &Ask,
    horizon: &str,
    default_days: i64,
) -> anyhow::Result<(Found<Uncontacted>, Found<Unpaired>)> {
    let sql = format!(
        "WITH th AS MATERIALIZED (
            SELECT id, IFNULL(contact_interval_days, :default) AS interval,
                   date(:horizon, '-' || IFNULL(contact_interval_days, :default) || ' days') AS threshold
            FROM panels),
         sv AS MATERIALIZED ({SERVING}),
         s AS MATERIALIZED (
            SELECT sv.advisor_id, min(th.interval) AS interval, max(th.threshold) AS threshold,
                   min(sv.term_start) AS term_start
            FROM sv JOIN th ON th.id = sv.panel_id GROUP BY sv.advisor_id),
         c AS MATERIALIZED (
            SELECT s.*, CASE WHEN cl.last_on <= :today THEN cl.last_on ELSE {LAST_BY_TODAY} END AS last
            FROM s LEFT JOIN contact_last cl ON cl.advisor_id = s.advisor_id),
         uncontacted AS MATERIALIZED (
            SELECT advisor_id, interval, since, last FROM (
                SELECT c.*, CASE WHEN last >= term_start THEN term_start ELSE {SINCE} END AS since FROM c)
            WHERE max(IFNULL(last, ''), since) <= threshold),
         unpaired AS MATERIALIZED (
            SELECT s.advisor_id, s.term_start,
                   (SELECT max(la.end_date) FROM liaison_assignments la
                    WHERE la.advisor_id = s.advisor_id AND la.end_date < :today) AS ended
            FROM s WHERE NOT EXISTS (
                SELECT 1 FROM liaison_assignments la WHERE la.advisor_id = s.advisor_id
                  AND la.start_date <= :today AND (la.end_date IS NULL OR la.end_date >= :today))),
         listed AS (
            SELECT * FROM (
                SELECT 1 AS which, advisor_id, interval, since, last FROM uncontacted
                ORDER BY max(IFNULL(last, ''), since), interval, advisor_id LIMIT :limit)
            UNION ALL
            SELECT which, advisor_id, NULL, max(IFNULL(date(ended, '+1 day'), ''), {SINCE_S}), NULL FROM (
                SELECT 2 AS which, advisor_id, ended FROM unpaired
                ORDER BY IFNULL(ended, term_start), advisor_id LIMIT :limit) s)
        SELECT h.which,
            CASE h.which WHEN 1 THEN (SELECT count(*) FROM (SELECT 1 FROM uncontacted LIMIT 10001))
                         ELSE (SELECT count(*) FROM (SELECT 1 FROM unpaired LIMIT 10001)) END,
            a.id, a.code, a.name,
            (SELECT group_concat(code, ',') FROM (SELECT DISTINCT p.code FROM appointments ap
               JOIN panels p ON p.id = ap.panel_id WHERE ap.advisor_id = a.id AND {serving}
                 AND (:panel IS NULL OR ap.panel_id = :panel) ORDER BY p.id)),
            h.interval, h.since, h.last
        FROM listed h JOIN advisors a ON a.id = h.advisor_id",
        SERVING = serving_today(),
        serving = serving_condition("ap").replace('?', ":today"),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(named_params! {
        ":default": default_days, ":today": ask.today, ":panel": ask.panel,
        ":horizon": horizon, ":limit": ask.limit,
    })?;
    let (mut contact, mut liaison) = (Found::default(), Found::default());
    while let Some(r) = rows.next()? {
        let panels = r.get::<_, Option<String>>(5)?.unwrap_or_default();
        if r.get::<_, i64>(0)? == 1 {
            contact.total = r.get(1)?;
            contact.rows.push(Uncontacted {
                advisor_id: r.get(2)?,
                code: r.get(3)?,
                name: r.get(4)?,
                panels,
                interval: r.get(6)?,
                since: r.get(7)?,
                last: r.get(8)?,
            });
        } else {
            liaison.total = r.get(1)?;
            liaison.rows.push(Unpaired {
                advisor_id: r.get(2)?,
                code: r.get(3)?,
                name: r.get(4)?,
                panels,
                since: r.get(7)?,
            });
        }
    }
    Ok((contact, liaison))
}

/// Liaisons to propose for advisors without one: each advisor's own last
/// liaison, else whoever last paired with an advisor of the advisor's first
/// panel (one grouped query for the panels asked about).
pub fn proposed_liaisons(
    conn: &Connection,
    rows: &[Unpaired],
) -> anyhow::Result<Vec<Option<String>>> {
    let mut own = Vec::with_capacity(rows.len());
    let mut stmt = conn.prepare_cached(
        "SELECT l.code FROM liaison_assignments la JOIN liaisons l ON l.id = la.liaison_id
         WHERE la.advisor_id = ?1 ORDER BY la.start_date DESC, la.id DESC LIMIT 1",
    )?;
    for u in rows {
        own.push(
            stmt.query_row([u.advisor_id], |r| r.get::<_, String>(0))
                .optional()?,
        );
    }
    let first_panel = |u: &Unpaired| u.panels.split(',').next().unwrap_or_default().to_string();
    let wanted: Vec<String> = rows
        .iter()
        .zip(&own)
        .filter(|(_, o)| o.is_none())
        .map(|(u, _)| first_panel(u))
        .collect();
    let mut by_panel = std::collections::HashMap::new();
    if !wanted.is_empty() {
        let mut stmt = conn.prepare_cached(
            "SELECT panel, liaison FROM (
                SELECT p.code AS panel, l.code AS liaison,
                       row_number() OVER (PARTITION BY p.id ORDER BY la.start_date DESC, la.id DESC) AS k
                FROM panels p JOIN appointments b ON b.panel_id = p.id AND b.term_start IS NOT NULL
                JOIN liaison_assignments la ON la.advisor_id = b.advisor_id JOIN liaisons l ON l.id = la.liaison_id
                WHERE p.code IN (SELECT value FROM json_each(?1)))
             WHERE k = 1",
        )?;
        let list = serde_json::Value::from(wanted).to_string();
        let found = stmt.query_map([list], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for pair in found {
            let (panel, liaison) = pair?;
            by_panel.insert(panel, liaison);
        }
    }
    Ok(rows
        .iter()
        .zip(own)
        .map(|(u, own)| own.or_else(|| by_panel.get(&first_panel(u)).cloned()))
        .collect())
}

/// A leader (领导班子成员) in post holding fewer serving advisors than the minimum.
#[derive(Clone, Debug)]
pub struct Short {
    pub code: String,
    pub name: String,
    pub unit: Option<String>,
    pub held: i64,
    /// Serving advisors held, "A0022 吴婷婷" joined by commas.
    pub advisors: String,
    /// Since when: the day after the last pairing ended, else the first pairing's start.
    pub since: Option<String>,
}

/// Leaders in post (holding a pairing today, or never paired) holding fewer
/// than `min` advisors serving today; with a panel, only leaders holding
/// someone serving on it.
pub fn leaders_short(conn: &Connection, ask: &Ask, min: i64) -> anyhow::Result<Found<Short>> {
    let sql = format!(
        "WITH held AS (
            SELECT la.liaison_id, la.advisor_id FROM liaisons l JOIN liaison_assignments la ON la.liaison_id = l.id
            WHERE l.is_leader = 1 AND la.start_date <= :today AND (la.end_date IS NULL OR la.end_date >= :today)),
         serving AS (
            SELECT DISTINCT h.liaison_id, h.advisor_id FROM held h
            WHERE EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = h.advisor_id AND {serving})),
         hits AS (
            SELECT l.id, (SELECT count(*) FROM serving s WHERE s.liaison_id = l.id) AS n FROM liaisons l
            WHERE l.is_leader = 1
              AND (l.id IN (SELECT liaison_id FROM held)
                   OR NOT EXISTS (SELECT 1 FROM liaison_assignments x WHERE x.liaison_id = l.id))
              AND (:panel IS NULL OR EXISTS (
                   SELECT 1 FROM serving s JOIN appointments ap ON ap.advisor_id = s.advisor_id
                   WHERE s.liaison_id = l.id AND ap.panel_id = :panel AND {serving}))
              AND (SELECT count(*) FROM serving s WHERE s.liaison_id = l.id) < :min)
        SELECT (SELECT count(*) FROM hits), l.code, l.name, l.unit, h.n,
            (SELECT group_concat(x, ',') FROM (SELECT a.code || ' ' || a.name AS x FROM serving s
               JOIN advisors a ON a.id = s.advisor_id WHERE s.liaison_id = l.id ORDER BY a.code)),
            IFNULL((SELECT date(max(la.end_date), '+1 day') FROM liaison_assignments la
                    WHERE la.liaison_id = l.id AND la.end_date < :today),
                   (SELECT min(la.start_date) FROM liaison_assignments la WHERE la.liaison_id = l.id)) AS since
        FROM hits h JOIN liaisons l ON l.id = h.id ORDER BY since IS NULL, since, l.code LIMIT :limit",
        serving = serving_condition("ap").replace('?', ":today"),
    );
    found(
        conn,
        &sql,
        named_params! { ":today": ask.today, ":panel": ask.panel, ":min": min, ":limit": ask.limit },
        |r| {
            Ok(Short {
                code: r.get(1)?,
                name: r.get(2)?,
                unit: r.get(3)?,
                held: r.get(4)?,
                advisors: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                since: r.get(6)?,
            })
        },
    )
}
