//! `roster due`'s leaders holding too few advisors (seed 004: every leader
//! pairs with at least two experts): the leaders' pairings in one read,
//! checked against the serving roster in memory.

use std::collections::HashSet;

use rusqlite::Connection;

use super::serving::{self, Day, day};
use super::{Ask, Found};
use crate::input::date;

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

/// One leader's pairings, as read.
struct Leader {
    id: i64,
    /// (advisor, start, end) of every pairing.
    pairings: Vec<(i64, Day, Option<Day>)>,
}

/// Leaders in post (holding a pairing today, or never paired) holding fewer
/// than `min` advisors serving today; with a panel, only leaders holding
/// someone serving on it.
pub fn leaders_short(conn: &Connection, ask: &Ask, min: i64) -> anyhow::Result<Found<Short>> {
    let roster = serving::serving_on(conn, &ask.today)?;
    let today = serving::day_of(&ask.today)?;
    let serving: HashSet<i64> = roster.iter().map(|s| s.advisor_id).collect();
    let on_panel: HashSet<i64> = match ask.panel {
        Some(p) => roster
            .iter()
            .filter(|s| s.panel_id == p)
            .map(|s| s.advisor_id)
            .collect(),
        None => HashSet::new(),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, la.advisor_id, la.start_date, la.end_date
         FROM liaisons l LEFT JOIN liaison_assignments la ON la.liaison_id = l.id
         WHERE l.is_leader = 1 ORDER BY l.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut leaders: Vec<Leader> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if leaders.last().is_none_or(|l| l.id != id) {
            leaders.push(Leader {
                id,
                pairings: Vec::new(),
            });
        }
        if let (Some(advisor), Some(start), Some(leader)) = (
            r.get::<_, Option<i64>>(1)?,
            day(r.get_ref(2)?)?,
            leaders.last_mut(),
        ) {
            leader.pairings.push((advisor, start, day(r.get_ref(3)?)?));
        }
    }
    drop(rows);
    let mut hits = Vec::new();
    for leader in leaders {
        let current = |(_, start, end): &&(i64, Day, Option<Day>)| {
            *start <= today && end.is_none_or(|e| e >= today)
        };
        let held: Vec<i64> = leader
            .pairings
            .iter()
            .filter(current)
            .map(|p| p.0)
            .collect();
        let in_post = !held.is_empty() || leader.pairings.is_empty();
        let mut holding: Vec<i64> = held
            .iter()
            .copied()
            .filter(|a| serving.contains(a))
            .collect();
        holding.sort_unstable();
        holding.dedup();
        let on_panel = ask.panel.is_none() || held.iter().any(|a| on_panel.contains(a));
        if !in_post || holding.len() as i64 >= min || !on_panel {
            continue;
        }
        let ended = leader
            .pairings
            .iter()
            .filter_map(|p| p.2.filter(|e| *e < today))
            .max();
        let since = match ended {
            Some(end) => Some(date::iso(
                date::from_db(&serving::iso(end))? + chrono::Days::new(1),
            )),
            None => leader.pairings.iter().map(|p| serving::iso(p.1)).min(),
        };
        hits.push((since, leader.id, holding));
    }
    // In order of `since`, then code: only the hits up to the last one
    // listed (and any tied with it) have their codes read.
    hits.sort_by(|a, b| (a.0.is_none(), &a.0).cmp(&(b.0.is_none(), &b.0)));
    let total = serving::capped(hits.len());
    let n = serving::listed(hits.len(), ask.limit);
    let cut = match n.checked_sub(1).and_then(|i| hits.get(i)) {
        Some((last, _, _)) => {
            let last = (last.is_none(), last.clone());
            hits.partition_point(|h| (h.0.is_none(), h.0.clone()) <= last)
        }
        None => 0,
    };
    let mut liaison = conn.prepare_cached("SELECT code, name, unit FROM liaisons WHERE id = ?1")?;
    let mut head = Vec::with_capacity(cut);
    for (since, id, holding) in hits.into_iter().take(cut) {
        let (code, name, unit): (String, String, Option<String>) =
            liaison.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        head.push((since, code, name, unit, holding));
    }
    head.sort_by(|a, b| (a.0.is_none(), &a.0, &a.1).cmp(&(b.0.is_none(), &b.0, &b.1)));
    let mut found = Found {
        total,
        rows: Vec::with_capacity(n),
    };
    for (since, code, name, unit, holding) in head.into_iter().take(n) {
        let mut advisors = Vec::with_capacity(holding.len());
        for a in &holding {
            advisors.push(serving::advisor(conn, *a)?);
        }
        advisors.sort();
        let advisors: Vec<String> = advisors
            .into_iter()
            .map(|(code, name)| format!("{code} {name}"))
            .collect();
        found.rows.push(Short {
            code,
            name,
            unit,
            held: holding.len() as i64,
            advisors: advisors.join(","),
            since,
        });
    }
    Ok(found)
}
