//! Per-advisor panel duties for `roster due`: who, of the members a duty
//! asks, holds fewer than it needs by now. The members come off the serving
//! rosters read straight from the covering index (`serving.rs`) and the
//! period's events are counted once per group (`store::quota`); the rest is
//! set work in memory, so tens of thousands of members cost no sort, join
//! or lookup in SQL. Codes and names are read for the rows listed only.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::Today;
use super::serving::{self, Day, serving_on};

/// One per-advisor duty asked about: a caller's key, its panel, and how
/// many each member needs by now.
#[derive(Clone, Copy, Debug)]
pub struct DutyAsked {
    pub key: i64,
    pub panel_id: i64,
    pub needed: i64,
}

/// A member short of a duty: who, how many they hold, and — for one who
/// joined the panel during the period — the day their own pace starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ShortOf {
    pub advisor_id: i64,
    pub held: i64,
    pub joined: Option<Day>,
}

/// Duties sharing a subject, kinds and period `from`..=`to`, and the two
/// days their members serve on (see `short_of_duties`).
#[derive(Clone, Copy, Debug)]
pub struct DutyGroup<'a> {
    pub subject: &'a str,
    pub kinds: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub since: &'a str,
    pub until: &'a str,
}

/// How many of a duty one who joined on a day needs by now.
pub type Paced<'a> = &'a dyn Fn(&DutyAsked, Day) -> i64;

/// For duties sharing a subject, kinds and period `from`..=`to`: per duty
/// key, its members short of it, by advisor id.
///
/// A member serves on the duty's panel on `until` — today while the
/// period runs, its last day once it is over (one whose term ended with
/// the period still owes it; one who left during it does not) — and on
/// `since`: the period's first day for a duty kept at a pace, the day it
/// is due for a year-end report (everyone serving then reports on the
/// year). Where `paced` is given, one who joined during the period is a
/// member too, at their own pace from their term's start: `paced(duty,
/// start)` is how many they need by now.
pub fn short_of_duties(
    conn: &Connection,
    now: &Today,
    group: &DutyGroup<'_>,
    asked: &[DutyAsked],
    paced: Option<Paced<'_>>,
) -> anyhow::Result<HashMap<i64, Vec<ShortOf>>> {
    let DutyGroup {
        subject,
        kinds,
        from,
        to,
        since,
        until,
    } = *group;
    let panels: HashSet<i64> = asked.iter().map(|a| a.panel_id).collect();
    let on_panels = |day: &str| -> anyhow::Result<Vec<(i64, i64, Day)>> {
        Ok(serving_on(conn, day)?
            .into_iter()
            .filter(|s| panels.contains(&s.panel_id))
            .map(|s| (s.advisor_id, s.panel_id, s.term_start))
            .collect())
    };
    let at_start: Option<HashSet<(i64, i64)>> = if since == now.day {
        None
    } else {
        Some(
            on_panels(since)?
                .into_iter()
                .map(|(advisor, panel, _)| (advisor, panel))
                .collect(),
        )
    };
    let at_end: Vec<(i64, i64, Day)> = if until == now.day {
        now.seen
            .iter()
            .filter(|s| panels.contains(&s.panel_id))
            .map(|s| (s.advisor_id, s.panel_id, s.term_start))
            .collect()
    } else {
        on_panels(until)?
    };
    // Per panel: (advisor, the day a joiner's pace starts).
    let mut members: HashMap<i64, Vec<(i64, Option<Day>)>> = HashMap::new();
    for (advisor, panel, term_start) in at_end {
        let joined = match &at_start {
            Some(start) if !start.contains(&(advisor, panel)) => match paced {
                Some(_) => Some(term_start),
                None => continue,
            },
            _ => None,
        };
        members.entry(panel).or_default().push((advisor, joined));
    }
    let held = crate::store::quota::advisor_counts(conn, subject, kinds, from, to)?;
    let mut out = HashMap::new();
    for a in asked {
        let mut short: Vec<ShortOf> = members
            .get(&a.panel_id)
            .into_iter()
            .flatten()
            .filter_map(|&(advisor_id, joined)| {
                let needed = match (joined, paced) {
                    (Some(start), Some(paced)) => paced(a, start),
                    _ => a.needed,
                };
                let held = held.get(&advisor_id).copied().unwrap_or(0);
                (held < needed).then_some(ShortOf {
                    advisor_id,
                    held,
                    joined,
                })
            })
            .collect();
        short.sort_unstable();
        short.dedup_by_key(|s| s.advisor_id);
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
