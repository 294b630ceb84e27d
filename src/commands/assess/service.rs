//! Who served on the assessed panel(s) during a year, for how many days,
//! and who left during it by resignation or dismissal (and is therefore
//! not assessed): one query over the year's appointments.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::input::date;

/// An advisor whose service on the assessed panel(s) ended during the year
/// by resignation or dismissal (seed 001 arts. 12–13): left out of the
/// year's assessment — no grade, no subsidy, not in the excellent quota's
/// base. Seed 001 art. 16 and seed 002 八（一） assess the advisors' work in
/// office; grading a leaver on the months after they left would grade them
/// 不称职 for not working when they no longer served. One whose term simply
/// expired is assessed, prorated, as before.
#[derive(Clone, Debug, PartialEq)]
pub struct Leaver {
    pub advisor_id: i64,
    pub code: String,
    pub name: String,
    /// `resigned` or `dismissed`.
    pub how: String,
    /// The day the service ended (`appointments.ended_on`; the last day
    /// served is the day before).
    pub ended_on: String,
    /// The panel left (its code).
    pub panel: String,
}

/// One advisor's service during the year on the assessed panel(s).
pub(super) struct Served {
    pub(super) code: String,
    name: String,
    /// Days in office (inclusive), as appointed.
    pub(super) intervals: Vec<(NaiveDate, NaiveDate)>,
    /// The last day served, and how that service ended.
    last: Option<Last>,
    /// A term of it ended early during the year (resignation or dismissal).
    pub(super) ended_early: bool,
}

/// An advisor's last day served in the year, and how the service ended
/// when it ended during the year by resignation or dismissal.
struct Last {
    day: NaiveDate,
    left: Option<Ending>,
}

/// A service ended by resignation or dismissal.
#[derive(Clone)]
pub(super) struct Ending {
    /// `resigned` or `dismissed`.
    how: String,
    /// `appointments.ended_on`.
    ended_on: String,
    /// The panel's code.
    panel: String,
}

pub(super) fn year_bounds(year: i32) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    crate::domain::served::year_bounds(year).ok_or_else(|| anyhow::anyhow!("bad year {year}"))
}

/// Everyone who served during `year` (on `panel_id`, or on any panel), by id.
pub(super) fn service(
    conn: &Connection,
    year: i32,
    panel_id: Option<i64>,
) -> anyhow::Result<BTreeMap<i64, Served>> {
    let (first, last) = year_bounds(year)?;
    let (first_s, last_s) = (date::iso(first), date::iso(last));
    let mut service: BTreeMap<i64, Served> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT ap.advisor_id, a.code, a.name, ap.term_start, IFNULL(date(ap.ended_on, '-1 day'), ap.term_end),
                ap.state, ap.ended_on, p.code
         FROM appointments ap JOIN advisors a ON a.id = ap.advisor_id JOIN panels p ON p.id = ap.panel_id
         WHERE ap.state IN ('appointed','dismissed','resigned') AND ap.term_start <= ?2 AND ap.term_end >= ?1
           AND (ap.ended_on IS NULL OR ap.ended_on > ?1) AND (?3 IS NULL OR ap.panel_id = ?3)",
    )?;
    let mut rows = stmt.query(params![first_s, last_s, panel_id])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let (start, end): (String, String) = (r.get(3)?, r.get(4)?);
        let (start, end) = (date::from_db(&start)?, date::from_db(&end)?);
        let (state, ended_on): (String, Option<String>) = (r.get(5)?, r.get(6)?);
        let entry = match service.entry(id) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => e.insert(Served {
                code: r.get(1)?,
                name: r.get(2)?,
                intervals: Vec::new(),
                last: None,
                ended_early: false,
            }),
        };
        entry.intervals.push((start, end));
        // Ended early during the year: resigned or dismissed, its last day
        // served before 31 December.
        let left = match ended_on {
            Some(ended_on) if state != "appointed" && end < last => Some(Ending {
                how: state,
                ended_on,
                panel: r.get(7)?,
            }),
            _ => None,
        };
        entry.ended_early |= left.is_some();
        entry.last = Some(match entry.last.take() {
            Some(kept) if kept.day > end => kept,
            // The same last day: ended by resignation or dismissal if either was.
            Some(kept) if kept.day == end => Last {
                day: end,
                left: kept.left.or(left),
            },
            _ => Last { day: end, left },
        });
    }
    Ok(service)
}

impl Served {
    /// How the service ended, when it ended during the year by resignation
    /// or dismissal.
    pub(super) fn left(&self) -> Option<&Ending> {
        self.last.as_ref().and_then(|l| l.left.as_ref())
    }
}

/// Those whose service on `panel_id` (or on any panel) ended during `year`
/// by resignation or dismissal, by code: the run leaves them out.
pub fn leavers(conn: &Connection, year: i32, panel_id: Option<i64>) -> anyhow::Result<Vec<Leaver>> {
    let mut leavers: Vec<Leaver> = service(conn, year, panel_id)?
        .into_iter()
        .filter_map(|(id, served)| {
            let Ending {
                how,
                ended_on,
                panel,
            } = served.left()?.clone();
            Some(Leaver {
                advisor_id: id,
                code: served.code,
                name: served.name,
                how,
                ended_on,
                panel,
            })
        })
        .collect();
    leavers.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(leavers)
}

/// Whether `advisor_id` served during `year` and is assessed for it (not a
/// leaver): on any panel.
pub fn assessed_in(conn: &Connection, advisor_id: i64, year: i32) -> anyhow::Result<bool> {
    Ok(service(conn, year, None)?
        .get(&advisor_id)
        .is_some_and(|s| s.left().is_none()))
}
