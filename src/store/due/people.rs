//! `roster due`'s people-centred reads: holiday greetings not yet sent,
//! advisors not contacted within their panel's interval, advisors without a
//! liaison, leaders holding too few advisors (seeds 000 and 004).

use rusqlite::{Connection, OptionalExtension, named_params};

use super::{Ask, Found, found};
use crate::store::serving_condition;

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
        "WITH required AS (
            SELECT DISTINCT ap.advisor_id FROM appointments ap JOIN panels p ON p.id = ap.panel_id
            WHERE {serving} AND instr(',' || p.greeting_festivals || ',', ',' || :festival || ',') > 0
              AND (:panel IS NULL OR ap.panel_id = :panel)),
         greeted AS (
            SELECT ca.advisor_id FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
            WHERE c.festival_date = :day AND c.festival = :festival AND c.voided_at IS NULL),
         hits AS (SELECT advisor_id FROM required WHERE advisor_id NOT IN (SELECT advisor_id FROM greeted))
        SELECT (SELECT count(*) FROM hits), a.code, a.name,
            (SELECT group_concat(p.code, ',') FROM appointments ap JOIN panels p ON p.id = ap.panel_id
              WHERE ap.advisor_id = a.id AND {serving}
                AND instr(',' || p.greeting_festivals || ',', ',' || :festival || ',') > 0)
        FROM hits h JOIN advisors a ON a.id = h.advisor_id ORDER BY a.code LIMIT :limit",
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

/// The longest contact interval in force (the panels' and the office's).
pub fn longest_interval(conn: &Connection, default_days: i64) -> anyhow::Result<i64> {
    let panels: Option<i64> = conn
        .prepare_cached("SELECT max(contact_interval_days) FROM panels")?
        .query_row([], |r| r.get(0))?;
    Ok(panels.unwrap_or(default_days).max(default_days))
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

/// Serving advisors whose next contact falls due by `horizon`: the last
/// live contact (or, never contacted, the start of their term) plus the
/// shortest interval of the panels they serve on (`default_days` where a
/// panel sets none). The recent contacts are found through the date index
/// (back to `horizon` less the longest interval: anything older cannot
/// keep an advisor off the list); the exact last contact is looked up for
/// the rows listed only, those least recently contacted first.
pub fn uncontacted(
    conn: &Connection,
    ask: &Ask,
    horizon: &str,
    default_days: i64,
    earliest: &str,
) -> anyhow::Result<Found<Uncontacted>> {
    let sql = format!(
        "WITH s AS (
            SELECT ap.advisor_id, min(IFNULL(p.contact_interval_days, :default)) AS interval,
                   (SELECT min(b.term_start) FROM appointments b WHERE b.advisor_id = ap.advisor_id
                      AND b.state IN ('appointed','dismissed','resigned')) AS since,
                   group_concat(DISTINCT p.code) AS panels
            FROM appointments ap JOIN panels p ON p.id = ap.panel_id
            WHERE {serving} AND (:panel IS NULL OR ap.panel_id = :panel)
            GROUP BY ap.advisor_id),
         recent AS (
            SELECT ca.advisor_id, max(c.on_date) AS last FROM contacts c
            JOIN contact_advisors ca ON ca.contact_id = c.id
            WHERE c.on_date > :earliest AND c.on_date <= :today AND c.voided_at IS NULL
            GROUP BY ca.advisor_id),
         hits AS (
            SELECT s.advisor_id, s.interval, s.since, s.panels, r.last
            FROM s LEFT JOIN recent r ON r.advisor_id = s.advisor_id
            WHERE max(IFNULL(r.last, ''), s.since) <= date(:horizon, '-' || s.interval || ' days'))
        SELECT (SELECT count(*) FROM hits), a.id, a.code, a.name, h.panels, h.interval, h.since,
            IFNULL(h.last, (SELECT max(c.on_date) FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id
                             WHERE ca.advisor_id = a.id AND c.voided_at IS NULL AND c.on_date <= :today))
        FROM hits h JOIN advisors a ON a.id = h.advisor_id
        ORDER BY h.last IS NOT NULL, date(max(IFNULL(h.last, ''), h.since), '+' || h.interval || ' days'), a.code
        LIMIT :limit",
        serving = serving_condition("ap").replace('?', ":today"),
    );
    found(
        conn,
        &sql,
        named_params! {
            ":default": default_days, ":today": ask.today, ":panel": ask.panel,
            ":earliest": earliest, ":horizon": horizon, ":limit": ask.limit,
        },
        |r| {
            Ok(Uncontacted {
                advisor_id: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
                panels: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                interval: r.get(5)?,
                since: r.get(6)?,
                last: r.get(7)?,
            })
        },
    )
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

pub fn unpaired(conn: &Connection, ask: &Ask) -> anyhow::Result<Found<Unpaired>> {
    let sql = format!(
        "WITH s AS (
            SELECT ap.advisor_id, group_concat(DISTINCT p.code) AS panels,
                   (SELECT min(b.term_start) FROM appointments b WHERE b.advisor_id = ap.advisor_id
                      AND b.state IN ('appointed','dismissed','resigned')) AS since
            FROM appointments ap JOIN panels p ON p.id = ap.panel_id
            WHERE {serving} AND (:panel IS NULL OR ap.panel_id = :panel)
            GROUP BY ap.advisor_id),
         hits AS (
            SELECT s.advisor_id, s.panels,
                   max(s.since, IFNULL((SELECT date(max(la.end_date), '+1 day') FROM liaison_assignments la
                                        WHERE la.advisor_id = s.advisor_id AND la.end_date < :today), '')) AS since
            FROM s WHERE NOT EXISTS (
                SELECT 1 FROM liaison_assignments la WHERE la.advisor_id = s.advisor_id
                  AND la.start_date <= :today AND (la.end_date IS NULL OR la.end_date >= :today)))
        SELECT (SELECT count(*) FROM hits), a.id, a.code, a.name, h.panels, h.since
        FROM hits h JOIN advisors a ON a.id = h.advisor_id ORDER BY h.since, a.code LIMIT :limit",
        serving = serving_condition("ap").replace('?', ":today"),
    );
    found(
        conn,
        &sql,
        named_params! { ":today": ask.today, ":panel": ask.panel, ":limit": ask.limit },
        |r| {
            Ok(Unpaired {
                advisor_id: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
                panels: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                since: r.get(5)?,
            })
        },
    )
}

/// A liaison to propose for an advisor without one: the advisor's own last
/// liaison, else whoever last paired with an advisor of `panel` (code).
pub fn proposed_liaison(
    conn: &Connection,
    advisor_id: i64,
    panel: &str,
) -> anyhow::Result<Option<String>> {
    let own: Option<String> = conn
        .prepare_cached(
            "SELECT l.code FROM liaison_assignments la JOIN liaisons l ON l.id = la.liaison_id
             WHERE la.advisor_id = ?1 ORDER BY la.start_date DESC, la.id DESC LIMIT 1",
        )?
        .query_row([advisor_id], |r| r.get(0))
        .optional()?;
    if own.is_some() {
        return Ok(own);
    }
    Ok(conn
        .prepare_cached(
            "SELECT l.code FROM panels p JOIN appointments b ON b.panel_id = p.id
             JOIN liaison_assignments la ON la.advisor_id = b.advisor_id JOIN liaisons l ON l.id = la.liaison_id
             WHERE p.code = ?1 AND b.state IN ('appointed','dismissed','resigned')
             ORDER BY la.start_date DESC, la.id DESC LIMIT 1",
        )?
        .query_row([panel], |r| r.get(0))
        .optional()?)
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
