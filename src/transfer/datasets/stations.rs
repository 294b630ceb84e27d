//! `stations`: the professional stations' year (seed 003 三(三), `report
//! stations`) for a spreadsheet, export only — one row per station with the
//! year and the day its figures stand on, the same rows the report prints
//! (`Query::computed`). `--year` (default this year) and `--panel` (a
//! station).

use chrono::Datelike;

use crate::commands::report::stations::{COLUMNS, ROW, compute};
use crate::input::date;
use crate::output::Cell;
use crate::transfer::{Dataset, Filter, Query, Selection};

pub static DATASET: Dataset = Dataset {
    name: "stations",
    zh: "专业站年度情况",
    en: "the professional stations' year",
    columns: COLUMNS,
    required: &[],
    filters: &[Filter::Year, Filter::Panel],
    export,
    import: None,
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let year = sel.year()?.unwrap_or_else(|| sel.env.today.year());
    let (as_of, stations) = compute(sel.conn, sel.env, year, sel.filters.panel.as_deref())?;
    let head = [Cell::Int(i64::from(year)), Cell::Text(date::iso(as_of))];
    let rows: Vec<Vec<Cell>> = stations
        .rows
        .into_iter()
        .map(|row| head.iter().cloned().chain(row).collect())
        .collect();
    debug_assert!(rows.iter().all(|r| r.len() == COLUMNS.len()) && ROW == head.len());
    Query::computed(sel.conn, COLUMNS.len(), &rows)
}
