//! Per-advisor panel duties for `roster due`: who, of the members a duty
//! asks, holds fewer than it needs by now. The members come off the serving
//! rosters read straight from the covering index (`serving.rs`) and the
//! period's events are counted once per group (`store::quota`); the rest is
//! set work in memory, so tens of thousands of members cost no sort, join
//! or lookup in SQL. Codes and names are read for the rows listed only.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::Today;
use super::serving::{self, serving_on};

/// One per-advisor duty asked about: a caller's key, its panel, and how
/// many each member needs by now.
#[derive(Clone, Copy, Debug)]
pub struct DutyAsked {
    pub key: i64,
    pub panel_id: i64,
    pub needed: i64,
}

/// For duties sharing a subject, kinds and period `from`..=`to`: per duty
/// key, its members short of it as (advisor id, held), by advisor id. A
/// member serves on the duty's panel today (`now`, today's roster) and on
/// `since` — the period's first day for a duty kept at a pace (one
/// appointed during the period owes from the next one), the day it is due
/// for a year-end report (everyone serving then reports on the year).
pub fn short_of_duties(
    conn: &Connection,
    now: &Today,
    subject: &str,
    kinds: &str,
    (from, to): (&str, &str),
    since: &str,
    asked: &[DutyAsked],
) -> anyhow::Result<HashMap<i64, Vec<(i64, i64)>>> {
    let panels: HashSet<i64> = asked.iter().map(|a| a.panel_id).collect();
    let at_start: Option<HashSet<(i64, i64)>> = if since == now.day {
        None
    } else {
        Some(
            serving_on(conn, since)?
                .into_iter()
                .filter(|s| panels.contains(&s.panel_id))
                .map(|s| (s.advisor_id, s.panel_id))
                .collect(),
        )
    };
    let mut members: HashMap<i64, Vec<i64>> = HashMap::new();
    for s in &now.seen {
        let stayed = at_start
            .as_ref()
            .is_none_or(|start| start.contains(&(s.advisor_id, s.panel_id)));
        if panels.contains(&s.panel_id) && stayed {
            members.entry(s.panel_id).or_default().push(s.advisor_id);
        }
    }
    let held = crate::store::quota::advisor_counts(conn, subject, kinds, from, to)?;
    let mut out = HashMap::new();
    for a in asked {
        let mut short: Vec<(i64, i64)> = members
            .get(&a.panel_id)
            .into_iter()
            .flatten()
            .map(|id| (*id, held.get(id).copied().unwrap_or(0)))
            .filter(|(_, n)| *n < a.needed)
            .collect();
        short.sort_unstable();
        short.dedup();
        out.insert(a.key, short);
    }
    Ok(out)
}

/// The first `limit` (-1: all) of `ids` (sorted, distinct advisor ids) by
/// code, with code and name (see `serving::first_by_code`).
pub fn by_code(
    conn: &Connection,
    ids: &[i64],
    limit: i64,
) -> anyhow::Result<Vec<(i64, String, String)>> {
    serving::first_by_code(conn, ids, limit)
}
