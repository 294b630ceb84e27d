//! `roster due`'s people-centred reads: holiday greetings not yet sent,
//! advisors not contacted within their panel's interval, advisors without a
//! liaison (seeds 000 and 004). The greetings read the festival day's
//! serving roster (`serving.rs`); the other checks share one read of
//! today's (`today.rs`), also used by the leaders holding too few advisors
//! (`leaders.rs`). Who is due is worked out in memory.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};

use super::serving::{self, Day, day};
use super::today::{Seen, Today};
use super::{Ask, Found};
use crate::input::date;

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
    let panels = serving::panels(conn)?;
    let greets = |panel_id: i64| panels.get(&panel_id).is_some_and(|p| p.greets(festival));
    if !panels
        .keys()
        .any(|id| greets(*id) && ask.panel.is_none_or(|p| p == *id))
    {
        return Ok(Found::default());
    }
    let roster = serving::serving_on(conn, day)?;
    let mut greeted = conn.prepare_cached(
        "SELECT ca.advisor_id FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
         WHERE c.festival_date = ?1 AND c.festival = ?2 AND c.voided_at IS NULL",
    )?;
    let greeted: HashSet<i64> = greeted
        .query_map([day, festival], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut hits: Vec<i64> = roster
        .iter()
        .filter(|s| greets(s.panel_id) && ask.panel.is_none_or(|p| p == s.panel_id))
        .map(|s| s.advisor_id)
        .filter(|a| !greeted.contains(a))
        .collect();
    hits.dedup();
    let mut found = Found {
        total: serving::capped(hits.len()),
        rows: Vec::new(),
    };
    for (id, code, name) in serving::first_by_code(conn, &hits, ask.limit)? {
        let panels: Vec<&str> = serving::of_advisor(&roster, id)
            .iter()
            .filter(|s| greets(s.panel_id))
            .filter_map(|s| panels.get(&s.panel_id).map(|p| p.code.as_str()))
            .collect();
        found.rows.push(Ungreeted {
            code,
            name,
            panels: panels.join(","),
        });
    }
    Ok(found)
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

/// Both per-advisor checks of today's roster (`Today`), on the panel asked
/// about, in one pass over it:
///
/// - not contacted: the next contact falls due by `horizon` — the last live
///   contact (or, never contacted, the first appointment) plus the shortest
///   interval of the panels served on (`default_days` where a panel sets
///   none).
/// - without a liaison: no pairing holds them today; since the later of
///   their first appointment and their last pairing's end.
///
/// The grouping by advisor, the thresholds and the order are worked out
/// here; only the advisors listed have their names read.
pub fn unattended(
    conn: &Connection,
    ask: &Ask,
    today: &Today,
    horizon: &str,
    default_days: i64,
) -> anyhow::Result<(Found<Uncontacted>, Found<Unpaired>)> {
    let seen: Vec<&Seen> = today.seen.iter().filter(|s| s.asked).collect();
    let panels = serving::panels(conn)?;
    let horizon = date::from_db(horizon)?;
    let mut thresholds: HashMap<i64, Day> = HashMap::new();
    // (order key, interval, advisor, since, last) and (order key, advisor, ended).
    let mut uncontacted = Vec::new();
    let mut unpaired = Vec::new();
    let mut ended = conn.prepare_cached(
        "SELECT max(end_date) FROM liaison_assignments WHERE advisor_id = ?1 AND end_date < ?2",
    )?;
    for one in seen.chunk_by(|a, b| a.advisor_id == b.advisor_id) {
        let s = &one[0];
        let interval = one
            .iter()
            .map(|x| {
                panels
                    .get(&x.panel_id)
                    .and_then(|p| p.contact_interval_days)
                    .unwrap_or(default_days)
            })
            .min()
            .unwrap_or(default_days);
        let threshold = match thresholds.get(&interval) {
            Some(t) => *t,
            None => {
                let t = serving::day_of(&date::iso(
                    horizon - chrono::Days::new(interval.max(0) as u64),
                ))?;
                thresholds.insert(interval, t);
                t
            }
        };
        let term_start = one
            .iter()
            .map(|x| x.term_start)
            .min()
            .unwrap_or(s.term_start);
        let since = match s.last {
            Some(last) if last >= term_start => term_start,
            _ => one.iter().find_map(|x| x.first).unwrap_or(term_start),
        };
        let from = s.last.unwrap_or_default().max(since);
        if from <= threshold {
            uncontacted.push((from, interval, s.advisor_id, since, s.last));
        }
        if !s.paired {
            let end = ended.query_row(rusqlite::params![s.advisor_id, ask.today], |r| {
                Ok(day(r.get_ref(0)?))
            })??;
            unpaired.push((end.unwrap_or(term_start), s.advisor_id, end));
        }
    }
    uncontacted.sort_unstable();
    unpaired.sort_unstable();
    let served = |advisor_id: i64| -> String {
        let one = &seen[seen.partition_point(|s| s.advisor_id < advisor_id)..];
        let mut ids: Vec<i64> = one
            .iter()
            .take_while(|s| s.advisor_id == advisor_id)
            .map(|s| s.panel_id)
            .collect();
        ids.dedup();
        ids.iter()
            .filter_map(|p| panels.get(p).map(|p| p.code.as_str()))
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut contact = Found {
        total: serving::capped(uncontacted.len()),
        rows: Vec::new(),
    };
    let n = serving::listed(uncontacted.len(), ask.limit);
    for (_, interval, advisor_id, since, last) in uncontacted.into_iter().take(n) {
        let (code, name) = serving::advisor(conn, advisor_id)?;
        contact.rows.push(Uncontacted {
            advisor_id,
            code,
            name,
            panels: served(advisor_id),
            interval,
            since: serving::iso(since),
            last: last.map(serving::iso),
        });
    }
    let mut liaison = Found {
        total: serving::capped(unpaired.len()),
        rows: Vec::new(),
    };
    let n = serving::listed(unpaired.len(), ask.limit);
    for (_, advisor_id, ended) in unpaired.into_iter().take(n) {
        let (code, name) = serving::advisor(conn, advisor_id)?;
        let after = match ended {
            Some(end) => date::iso(date::from_db(&serving::iso(end))? + chrono::Days::new(1)),
            None => String::new(),
        };
        let first = serving::first_appointed(conn, advisor_id)?.unwrap_or_default();
        liaison.rows.push(Unpaired {
            advisor_id,
            code,
            name,
            panels: served(advisor_id),
            since: after.max(first),
        });
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
