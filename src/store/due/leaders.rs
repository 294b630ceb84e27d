//! `roster due`'s leaders holding too few advisors (seed 004: every leader
//! pairs with at least two experts): the leaders' pairings in one read,
//! checked against today's serving roster (`today.rs`) in memory.

use rusqlite::Connection;

use super::serving::{self, Day, day};
use super::today::Today;
use super::{Ask, Found};

/// A leader (领导班子成员) in post holding fewer serving advisors than the minimum.
#[derive(Clone, Debug)]
pub struct Short {
    pub code: String,
    pub name: String,
    pub unit: Option<String>,
    pub held: i64,
    /// Serving advisors held, "A0022 吴婷婷" joined by commas.
    pub advisors: String,
    /// Since when: the day after the last pairing ended, else the first
    /// pairing's start, else the day the leader was added.
    pub since: Option<String>,
}

/// A short leader: since when (by the pairings), the leader, the serving
/// advisors held, the few paired advisors no longer serving.
type Hit = (Option<Day>, i64, Vec<i64>, Vec<i64>);

/// At most this many paired advisors no longer serving are looked up for a
/// leader's shortfall date (a leader holds two or three).
const STALE_LOOKUP: usize = 4;

/// One leader's pairings, as read.
struct Leader {
    id: i64,
    /// (advisor, start, end) of every pairing.
    pairings: Vec<(i64, Day, Option<Day>)>,
}

/// Leaders (`is_leader`; one who leaves the leadership is edited to
/// `--leader no`) holding fewer than `min` advisors serving today, however
/// their pairings ended (a leader who handed every advisor over still owes
/// two, seed 004); with a panel, only the leaders that panel's view shows
/// (`liaison::leader_on_panel`, decided in memory here: the panel's
/// advisors are read once).
pub fn leaders_short(
    conn: &Connection,
    ask: &Ask,
    roster: &Today,
    min: i64,
) -> anyhow::Result<Found<Short>> {
    let today = serving::day_of(&ask.today)?;
    // Today's leaders are those holding `is_leader` (a change in the
    // leadership is recorded once it has happened, dated no later than the
    // day it is entered): the partial index `liaisons_leader` alone answers,
    // with no liaison row read (the dated span, `liaison::leader_on`, is
    // for a past year's view; reading it here cost 1,000 pages at
    // province scale).
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
    let on_panel = ask
        .panel
        .map(|p| PanelView::read(conn, p, &ask.today))
        .transpose()?;
    // (since, leader, serving advisors held); `since` is a `Day` here and
    // becomes text for the leaders listed only.
    let mut hits: Vec<Hit> = Vec::new();
    let mut held = Vec::new();
    for leader in leaders {
        held.clear();
        held.extend(
            leader
                .pairings
                .iter()
                .filter(|(_, start, end)| *start <= today && end.is_none_or(|e| e >= today))
                .map(|p| p.0),
        );
        let mut holding: Vec<i64> = held.iter().copied().filter(|a| roster.serves(*a)).collect();
        holding.sort_unstable();
        holding.dedup();
        if holding.len() as i64 >= min {
            continue;
        }
        if let Some(on_panel) = &on_panel
            && !on_panel.shows(&leader.pairings)
        {
            continue;
        }
        let ended = leader
            .pairings
            .iter()
            .filter_map(|p| p.2.filter(|e| *e < today))
            .max();
        let since = match ended {
            Some(end) => Some(serving::next_day(end)?),
            None => match leader.pairings.iter().map(|p| p.1).min() {
                Some(first) => Some(first),
                // Never held anyone: short since the leader was added.
                None => added(conn, leader.id)?.map(|a| a.min(today)),
            },
        };
        let mut gone: Vec<i64> = held
            .iter()
            .copied()
            .filter(|a| !roster.serves(*a))
            .collect();
        gone.sort_unstable();
        gone.dedup();
        if gone.len() > STALE_LOOKUP {
            gone.clear();
        }
        hits.push((since, leader.id, holding, gone));
    }
    // In order of `since` (none last), then code: only the hits up to the
    // last one listed (and any tied with it) have their codes read.
    let key = |since: Option<Day>| (since.is_none(), since);
    hits.sort_by_key(|h| key(h.0));
    let total = serving::capped(hits.len());
    let n = serving::listed(hits.len(), ask.limit);
    let cut = match n.checked_sub(1).and_then(|i| hits.get(i)) {
        Some((last, _, _, _)) => {
            let last = key(*last);
            hits.partition_point(|h| key(h.0) <= last)
        }
        None => 0,
    };
    let mut liaison = conn.prepare_cached("SELECT code, name, unit FROM liaisons WHERE id = ?1")?;
    let mut head = Vec::with_capacity(cut);
    let listed: Vec<Hit> = hits.into_iter().take(cut).collect();
    // An advisor still paired whose term ran out left the leader short
    // from the day after (dismissal and resignation end the pairing
    // itself): read in one statement for the leaders listed, each with a
    // few such advisors; a leader with many stale pairings keeps the date
    // the pairings give.
    let stale: Vec<i64> = listed.iter().flat_map(|h| h.3.iter().copied()).collect();
    let last = last_served(conn, &stale, today)?;
    for (since, id, holding, gone) in listed {
        let (code, name, unit): (String, String, Option<String>) =
            liaison.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let mut since = since;
        for advisor in gone {
            if let Some(day) = last.get(&advisor) {
                since = since.max(Some(serving::next_day(*day)?));
            }
        }
        head.push((since, code, name, unit, holding));
    }
    head.sort_by(|a, b| (key(a.0), &a.1).cmp(&(key(b.0), &b.1)));
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
            since: since.map(serving::iso),
        });
    }
    Ok(found)
}

/// Which leaders a panel's view shows (the rule of
/// `store::liaison::leader_on_panel`): every one in a one-panel office,
/// else those with a pairing, at any time, with an advisor appointed to
/// the panel by today — the panel's advisors read once off its index, so
/// thousands of leaders cost no query each.
struct PanelView {
    only_panel: bool,
    advisors: std::collections::HashSet<i64>,
}

impl PanelView {
    fn read(conn: &Connection, panel: i64, today: &str) -> anyhow::Result<PanelView> {
        let only_panel: bool =
            conn.query_row("SELECT (SELECT count(*) FROM panels) = 1", [], |r| r.get(0))?;
        let mut advisors = std::collections::HashSet::new();
        if !only_panel {
            let mut stmt = conn.prepare_cached(
                "SELECT advisor_id FROM appointments WHERE panel_id = ?1 AND term_start <= ?2",
            )?;
            let mut rows = stmt.query(rusqlite::params![panel, today])?;
            while let Some(r) = rows.next()? {
                advisors.insert(r.get::<_, i64>(0)?);
            }
        }
        Ok(PanelView {
            only_panel,
            advisors,
        })
    }

    fn shows(&self, pairings: &[(i64, Day, Option<Day>)]) -> bool {
        self.only_panel || pairings.iter().any(|p| self.advisors.contains(&p.0))
    }
}

/// The day liaison `id` was added (for a leader who never held anyone).
fn added(conn: &Connection, id: i64) -> anyhow::Result<Option<Day>> {
    let text: String = conn
        .prepare_cached("SELECT substr(created_at, 1, 10) FROM liaisons WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok(day(rusqlite::types::ValueRef::Text(text.as_bytes()))
        .ok()
        .flatten())
}

/// For each of `advisors`, the last day before `today` they served (the
/// latest term's end, or the day before it ended early), in one statement.
fn last_served(
    conn: &Connection,
    advisors: &[i64],
    today: Day,
) -> anyhow::Result<std::collections::HashMap<i64, Day>> {
    let mut out = std::collections::HashMap::new();
    if advisors.is_empty() {
        return Ok(out);
    }
    let list = serde_json::to_string(advisors)?;
    let mut stmt = conn.prepare_cached(
        "SELECT ap.advisor_id, max(CASE WHEN ap.ended_on IS NOT NULL AND ap.ended_on <= ap.term_end
                THEN date(ap.ended_on, '-1 day') ELSE ap.term_end END)
         FROM appointments ap INDEXED BY appointments_advisor
         WHERE ap.advisor_id IN (SELECT value FROM json_each(?1))
           AND ap.state IN ('appointed','dismissed','resigned') AND ap.term_start < ?2
         GROUP BY ap.advisor_id",
    )?;
    let mut rows = stmt.query(rusqlite::params![list, serving::iso(today)])?;
    while let Some(r) = rows.next()? {
        if let Some(last) = day(r.get_ref(1)?)?.filter(|d| *d < today) {
            out.insert(r.get(0)?, last);
        }
    }
    Ok(out)
}
