//! The serving roster of one day (a festival's, for the greetings; today's
//! is `today.rs`), and the small lookups `roster due`'s people checks
//! share. At province scale tens of thousands of advisors serve on any day:
//! the roster is read straight off the covering index
//! `appointments_term_end` and the checks are set operations in memory, so
//! no query sorts, groups or de-duplicates the whole roster, and no advisor
//! row is read except for the rows listed.

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};

use crate::store::serving_condition;

/// A stored ISO date as a number (2026-01-10 is 20260110), ordered as the
/// text is: the checks compare tens of thousands of dates without
/// allocating a string for each.
pub type Day = u32;

/// The `Day` of a stored date (`None` for NULL).
pub fn day(value: ValueRef<'_>) -> anyhow::Result<Option<Day>> {
    let text = match value {
        ValueRef::Null => return Ok(None),
        ValueRef::Text(t) => t,
        _ => anyhow::bail!("a stored date is not text; run `roster check`"),
    };
    let not_iso = || {
        anyhow::anyhow!(
            "stored date {:?} is not ISO; run `roster check`",
            String::from_utf8_lossy(text)
        )
    };
    if text.len() != 10 || text[4] != b'-' || text[7] != b'-' {
        return Err(not_iso());
    }
    let mut n = 0;
    for &b in text[0..4].iter().chain(&text[5..7]).chain(&text[8..10]) {
        if !b.is_ascii_digit() {
            return Err(not_iso());
        }
        n = n * 10 + u32::from(b - b'0');
    }
    Ok(Some(n))
}

/// A `Day` of ISO text (`day_of("2026-01-10")`).
pub fn day_of(text: &str) -> anyhow::Result<Day> {
    day(ValueRef::Text(text.as_bytes()))?.ok_or_else(|| anyhow::anyhow!("no date"))
}

/// The day after `day`.
pub fn next_day(day: Day) -> anyhow::Result<Day> {
    chrono::NaiveDate::from_ymd_opt((day / 10000) as i32, day / 100 % 100, day % 100)
        .and_then(|d| d.succ_opt())
        .map(|d| {
            use chrono::Datelike;
            d.year() as u32 * 10000 + d.month() * 100 + d.day()
        })
        .ok_or_else(|| anyhow::anyhow!("stored date {} is not a day; run `roster check`", iso(day)))
}

/// The ISO text of a `Day`.
pub fn iso(day: Day) -> String {
    format!("{:04}-{:02}-{:02}", day / 10000, day / 100 % 100, day % 100)
}

/// One appointment serving on the day.
#[derive(Clone, Debug)]
pub struct Serving {
    pub advisor_id: i64,
    pub panel_id: i64,
    pub term_start: Day,
    pub id: i64,
}

/// Every appointment serving on `on`, ordered by advisor, then term start
/// and id (the order an advisor's own appointments are read in).
pub fn serving_on(conn: &Connection, on: &str) -> anyhow::Result<Vec<Serving>> {
    let sql = format!(
        "SELECT ap.advisor_id, ap.panel_id, ap.term_start, ap.id FROM appointments ap WHERE {}",
        serving_condition("ap").replace('?', "?1")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([on])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Serving {
            advisor_id: r.get(0)?,
            panel_id: r.get(1)?,
            term_start: day(r.get_ref(2)?)?.unwrap_or_default(),
            id: r.get(3)?,
        });
    }
    out.sort_unstable_by_key(|s| (s.advisor_id, s.term_start, s.id));
    Ok(out)
}

/// The slice of `roster` (ordered by advisor) holding `advisor_id`'s appointments.
pub fn of_advisor(roster: &[Serving], advisor_id: i64) -> &[Serving] {
    let from = roster.partition_point(|s| s.advisor_id < advisor_id);
    let to = roster.partition_point(|s| s.advisor_id <= advisor_id);
    &roster[from..to]
}

/// What the people checks need of a panel.
#[derive(Clone, Debug)]
pub struct PanelFacts {
    pub code: String,
    pub contact_interval_days: Option<i64>,
    greeting_festivals: String,
}

impl PanelFacts {
    /// Whether the panel greets its advisors on `festival` (a code).
    pub fn greets(&self, festival: &str) -> bool {
        self.greeting_festivals.split(',').any(|f| f == festival)
    }
}

/// Every panel by id (a province has tens of them).
pub fn panels(conn: &Connection) -> anyhow::Result<HashMap<i64, PanelFacts>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, code, contact_interval_days, greeting_festivals FROM panels")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            PanelFacts {
                code: r.get(1)?,
                contact_interval_days: r.get(2)?,
                greeting_festivals: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An advisor's code and name.
pub fn advisor(conn: &Connection, id: i64) -> anyhow::Result<(String, String)> {
    Ok(conn
        .prepare_cached("SELECT code, name FROM advisors WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// The day an advisor was first appointed: only an appointment that was
/// made has a term start, so no state need be read.
pub fn first_appointed(conn: &Connection, advisor_id: i64) -> anyhow::Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT min(term_start) FROM appointments WHERE advisor_id = ?1")?
        .query_row([advisor_id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// The first `limit` (-1: all) of `ids` (sorted, distinct advisor ids) in
/// the order of their codes, with code and name. A few are looked up one
/// by one and sorted; of many, the code index is walked in order until
/// `limit` of them are met, which reads a few hundred index entries where
/// looking each one up would read most of the advisors table.
pub fn first_by_code(
    conn: &Connection,
    ids: &[i64],
    limit: i64,
) -> anyhow::Result<Vec<(i64, String, String)>> {
    let wanted = if limit < 0 {
        ids.len()
    } else {
        ids.len().min(limit as usize)
    };
    if wanted == 0 {
        return Ok(Vec::new());
    }
    // The walk reads about wanted × advisors / ids entries at a tenth of
    // the cost of one lookup each.
    let advisors: i64 = conn
        .prepare_cached("SELECT IFNULL(max(id), 0) FROM advisors")?
        .query_row([], |r| r.get(0))?;
    let walk = wanted as f64 * advisors as f64 / ids.len() as f64 / 10.0;
    let mut found = Vec::with_capacity(wanted);
    if wanted == ids.len() || walk >= ids.len() as f64 {
        for &id in ids {
            let (code, name) = advisor(conn, id)?;
            found.push((id, code, name));
        }
        found.sort_by(|a, b| a.1.cmp(&b.1));
        found.truncate(wanted);
        return Ok(found);
    }
    let mut stmt = conn.prepare_cached("SELECT id, code FROM advisors ORDER BY code")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if ids.binary_search(&id).is_ok() {
            found.push((id, r.get(1)?, String::new()));
            if found.len() == wanted {
                break;
            }
        }
    }
    drop(rows);
    for row in &mut found {
        row.2 = advisor(conn, row.0)?.1;
    }
    Ok(found)
}

/// A count as `roster due` reports it: up to `COUNT_CAP` and one more.
pub fn capped(n: usize) -> i64 {
    (n as i64).min(super::COUNT_CAP + 1)
}

/// `limit` (-1: all) applied to a length.
pub fn listed(n: usize, limit: i64) -> usize {
    if limit < 0 { n } else { n.min(limit as usize) }
}
