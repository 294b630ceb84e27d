//! Subsidies against the year's budget lines (seed 001 art. 14: no
//! spending over a budget): the panel each subsidy is booked to, and the
//! room the lines it falls under leave — the lines `assess confirm` checks
//! (`domain::budget::applies`, `store::budget::lines_with_usage`), so a plan
//! `assess run` makes is one confirm can book.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::notes::LineBound;
use crate::domain::assess::subsidy::Room;
use crate::domain::budget::{Charge, Line, Usage, applies};

/// The panel each of `advisors`' subsidies is booked to: the run's panel,
/// or for an office-wide run the panel of the advisor's latest term begun
/// by the year's end (none when there is no such term).
pub(crate) fn booked_panels(
    conn: &Connection,
    year: i32,
    run_panel: Option<i64>,
    advisors: &[i64],
) -> anyhow::Result<Vec<Option<i64>>> {
    if run_panel.is_some() {
        return Ok(vec![run_panel; advisors.len()]);
    }
    let mut latest: HashMap<i64, i64> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT advisor_id, panel_id FROM appointments
         WHERE state IN ('appointed','dismissed','resigned') AND term_start <= ?1
         ORDER BY advisor_id, term_start, id",
    )?;
    let mut rows = stmt.query(params![format!("{year}-12-31")])?;
    while let Some(r) = rows.next()? {
        latest.insert(r.get(0)?, r.get(1)?);
    }
    Ok(advisors.iter().map(|a| latest.get(a).copied()).collect())
}

/// A year's budget line with what is recorded on it and its panel's code.
#[derive(Clone, Debug)]
pub(crate) struct YearLine {
    pub line: Line,
    pub usage: Usage,
    pub panel_code: Option<String>,
}

/// Every budget line of `year`, with its usage.
pub(crate) fn year_lines(conn: &Connection, year: i32) -> anyhow::Result<Vec<YearLine>> {
    let mut out = Vec::new();
    for (line, usage) in crate::store::budget::lines_with_usage(conn, year)? {
        let panel_code = match line.panel_id {
            Some(id) => {
                Some(conn.query_row("SELECT code FROM panels WHERE id = ?1", [id], |r| r.get(0))?)
            }
            None => None,
        };
        out.push(YearLine {
            line,
            usage,
            panel_code,
        });
    }
    Ok(out)
}

/// The room each line leaves for subsidies booked to `panels` (one per
/// claim), for the lines that cover any of them, and how the notes name it.
pub(crate) fn rooms(lines: &[YearLine], panels: &[Option<i64>]) -> (Vec<Room>, Vec<LineBound>) {
    let mut rooms = Vec::new();
    let mut named = Vec::new();
    for l in lines {
        let covers: Vec<bool> = panels
            .iter()
            .map(|p| {
                let charge = Charge {
                    panel_id: *p,
                    category: "subsidy",
                    amount_fen: 0,
                };
                applies(&l.line, &charge)
            })
            .collect();
        if !covers.iter().any(|c| *c) {
            continue;
        }
        let partial = !covers.iter().all(|c| *c);
        rooms.push(Room {
            covers,
            room: l.usage.remaining(l.line.cap_fen),
        });
        named.push(LineBound {
            panel: l.panel_code.clone(),
            category: l.line.category.clone(),
            cap: l.line.cap_fen,
            recorded: l.usage.recorded(),
            partial,
        });
    }
    (rooms, named)
}
