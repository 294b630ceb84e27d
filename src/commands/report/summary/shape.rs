//! The shape of the summary's tables: a row per panel (with the records
//! booked to no panel, and the total), and the breakdowns by kind or mode.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::Table;
use crate::i18n::pick;
use crate::output::{Cell, Column, Kind, RowSet, col};
use crate::store::summary::ByPanel;

/// A panel as a row heading.
#[derive(Clone)]
pub(super) struct Heading {
    pub id: Option<i64>,
    pub code: Option<String>,
    pub name: String,
}

pub(super) fn headings(conn: &Connection, panel: Option<i64>) -> anyhow::Result<Vec<Heading>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, name FROM panels WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([panel], |r| {
            Ok(Heading {
                id: Some(r.get(0)?),
                code: Some(r.get(1)?),
                name: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub(super) fn no_panel() -> Heading {
    Heading {
        id: None,
        code: None,
        name: pick("（未记入顾问团）", "(no panel)").to_string(),
    }
}

pub(super) fn total(persons: bool) -> Heading {
    let name = if persons {
        // A person on two panels is one person in the office's total.
        pick("合计（同一人只计一次）", "total (each person once)")
    } else {
        pick("合计", "total")
    };
    Heading {
        id: None,
        code: None,
        name: name.to_string(),
    }
}

pub(super) fn rate(part: i64, whole: i64) -> Cell {
    if whole > 0 {
        Cell::Float(part as f64 / whole as f64)
    } else {
        Cell::Null
    }
}

pub(super) fn head_columns() -> Vec<Column> {
    vec![
        col("panel", "顾问团", "panel", Kind::Text),
        col("name", "名称", "name", Kind::Text),
    ]
}

/// A per-panel table: a row per panel, one for records booked to no panel
/// (when `unbooked` and there are any), and the total (`totals`: given, or
/// the sum of the rows).
/// How a per-panel table ends: its width, the total row (given, or the sum
/// of the rows), whether records booked to no panel get a row.
pub(super) struct Shape<'a> {
    pub totals: Option<&'a [i64]>,
    pub width: usize,
    pub unbooked: bool,
    pub with_total: bool,
    /// The total counts people, each once however many panels they are on.
    pub persons: bool,
}

pub(super) fn per_panel(
    panels: &[Heading],
    values: &ByPanel,
    columns: Vec<Column>,
    cells: impl Fn(&[i64]) -> Vec<Cell>,
    shape: Shape,
) -> RowSet {
    let Shape {
        totals,
        width,
        unbooked,
        with_total,
        persons,
    } = shape;
    let mut rows = RowSet::new([head_columns(), columns].concat());
    let zero = vec![0; width];
    let mut sum = vec![0; width];
    let push = |h: &Heading, v: &[i64], rows: &mut RowSet| {
        rows.push([vec![h.code.clone().into(), h.name.clone().into()], cells(v)].concat());
    };
    for h in panels {
        let v = values.get(&h.id).unwrap_or(&zero);
        sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
        push(h, v, &mut rows);
    }
    if unbooked && let Some(v) = values.get(&None).filter(|v| v.iter().any(|x| *x != 0)) {
        sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
        push(&no_panel(), v, &mut rows);
    }
    if with_total {
        let t = totals.map(<[i64]>::to_vec).unwrap_or(sum);
        push(&total(persons), &t, &mut rows);
    }
    rows
}

/// What a breakdown table counts: its key and title, the kind (or mode)
/// column and the count column, the kinds' order, and the office's totals
/// per kind when they are not the sum of the rows.
pub(super) struct Breakdown<'a> {
    pub key: &'static str,
    pub title: (&'static str, &'static str),
    pub what: Column,
    pub count: Column,
    pub order: Vec<&'a str>,
    /// Given when a record can count for two panels (a contact naming
    /// advisors of both is one contact in the office's total).
    pub totals: Option<Vec<(String, i64)>>,
}

/// A breakdown table: (panel, kind, count) rows for the kinds held, then the totals per kind.
pub(super) fn breakdown(
    panels: &[Heading],
    found: &[(Option<i64>, String, i64)],
    b: Breakdown,
    whole: bool,
) -> Table {
    let Breakdown {
        key,
        title,
        what,
        count,
        order,
        totals: given,
    } = b;
    let mut rows = RowSet::new([head_columns(), vec![what, count]].concat());
    let rank = |k: &str| order.iter().position(|c| *c == k).unwrap_or(usize::MAX);
    let mut totals: BTreeMap<usize, (String, i64)> = BTreeMap::new();
    let mut heads: Vec<Heading> = panels
        .iter()
        .map(|h| Heading {
            id: h.id,
            code: h.code.clone(),
            name: h.name.clone(),
        })
        .collect();
    heads.push(no_panel());
    for h in &heads {
        let mut mine: Vec<&(Option<i64>, String, i64)> =
            found.iter().filter(|(p, _, _)| *p == h.id).collect();
        mine.sort_by_key(|(_, k, _)| rank(k));
        for (_, k, n) in mine {
            rows.push(vec![
                h.code.clone().into(),
                h.name.clone().into(),
                k.clone().into(),
                Cell::Int(*n),
            ]);
            totals.entry(rank(k)).or_insert_with(|| (k.clone(), 0)).1 += n;
        }
    }
    if let Some(given) = given {
        totals = given.into_iter().map(|(k, n)| (rank(&k), (k, n))).collect();
    }
    if whole {
        let t = total(false);
        for (_, (k, n)) in totals {
            rows.push(vec![
                Cell::Null,
                t.name.clone().into(),
                k.into(),
                Cell::Int(n),
            ]);
        }
    }
    Table {
        key,
        title,
        dims: 3,
        rows,
    }
}
