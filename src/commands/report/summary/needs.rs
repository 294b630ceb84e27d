//! The summary's project needs library (项目需求库, seed 003 二(二)1): per
//! station, the needs received in the year, how many an expert was matched
//! with, and how they were closed — the rows of `need list --year Y
//! --station P`, as they stand. Shown where the office has a station or a
//! need in the year, so an office without a service base sees no empty table.

use rusqlite::Connection;

use super::Table;
use super::shape::{Heading, Shape, per_panel};
use crate::output::{Cell, Kind, col};
use crate::store::summary::{self as store, Span};

pub(super) fn needs(
    conn: &Connection,
    span: &Span,
    panels: &[Heading],
    whole: bool,
    tables: &mut Vec<Table>,
) -> anyhow::Result<()> {
    let needs = store::needs(conn, span)?;
    let stations: Vec<i64> = conn
        .prepare_cached("SELECT id FROM panels WHERE kind = 'professional_station'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let shown: Vec<Heading> = panels
        .iter()
        .filter(|h| h.id.is_some_and(|id| stations.contains(&id)) || needs.contains_key(&h.id))
        .cloned()
        .collect();
    if shown.is_empty() && needs.is_empty() {
        return Ok(());
    }
    tables.push(Table {
        key: "needs",
        title: ("项目需求库", "Project needs library"),
        dims: 2,
        rows: per_panel(
            &shown,
            &needs,
            vec![
                col("needs_received", "收到需求", "needs received", Kind::Int),
                col(
                    "needs_matched",
                    "已对接专家",
                    "matched with experts",
                    Kind::Int,
                ),
                col("needs_resolved", "已解决", "resolved", Kind::Int),
                col("needs_partly", "部分解决", "partly resolved", Kind::Int),
                col("needs_unresolved", "未解决", "unresolved", Kind::Int),
                col("needs_open", "未办结", "not yet closed", Kind::Int),
            ],
            |v| v.iter().map(|x| Cell::Int(*x)).collect(),
            Shape {
                totals: None,
                width: 6,
                unbooked: true,
                with_total: whole,
                persons: false,
            },
        ),
    });
    Ok(())
}
