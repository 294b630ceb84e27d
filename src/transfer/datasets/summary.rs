//! `summary`: the yearly work summary (年度工作总结, `report summary`) for a
//! spreadsheet, export only: one row per table, panel and measure — the
//! same numbers the report prints, flattened (money in yuan, rates in per
//! cent). `--year` (default this year) and `--panel`.
//!
//! The summary is computed first (a few hundred numbers, bounded by panels
//! × measures, not by the roster's size) and handed to the machinery as a
//! JSON array read back by `json_each`, so the export streams like any other.

use chrono::Datelike;
use serde_json::{Value as Json, json};

use crate::commands::report::summary::compute;
use crate::i18n::pick;
use crate::input::date;
use crate::output::{Cell, Kind, col};
use crate::transfer::{Dataset, Filter, Query, Selection};

pub static DATASET: Dataset = Dataset {
    name: "summary",
    zh: "年度工作总结",
    en: "the yearly work summary",
    columns: &[
        col("year", "年度", "year", Kind::Int),
        col("as_of", "截至", "as of", Kind::Date),
        col("section", "部分", "section", Kind::Text),
        col("panel", "顾问团", "panel", Kind::Text),
        col("panel_name", "名称", "panel name", Kind::Text),
        col("item", "项目", "item", Kind::Text),
        col("value", "数值", "value", Kind::Float),
        col("unit", "单位", "unit", Kind::Text),
        col("key", "代码", "key", Kind::Text),
    ],
    required: &[],
    filters: &[Filter::Year, Filter::Panel],
    export,
    import: None,
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let year = sel.year()?.unwrap_or_else(|| sel.env.today.year());
    let summary = compute(sel.conn, year, sel.env.today, sel.panel()?)?;
    let as_of = date::iso(summary.as_of);
    let mut rows: Vec<Json> = Vec::new();
    for table in &summary.tables {
        let section = pick(table.title.0, table.title.1);
        let columns = &table.rows.columns;
        for row in &table.rows.rows {
            let text = |cell: &Cell| match cell {
                Cell::Text(t) => Json::from(t.clone()),
                _ => Json::Null,
            };
            // A breakdown names its kind (or mode) in its third column.
            let (by_code, by_label) = match (table.dims, row.get(2), columns.get(2)) {
                (3, Some(Cell::Text(code)), Some(c)) => match c.kind {
                    Kind::Enum(domain) => {
                        (format!(".{code}"), format!(" · {}", domain.label(code)))
                    }
                    _ => (format!(".{code}"), format!(" · {code}")),
                },
                _ => (String::new(), String::new()),
            };
            for (column, cell) in columns.iter().zip(row).skip(table.dims) {
                let (value, unit) = match (column.kind, cell) {
                    (_, Cell::Null) => (Json::Null, ""),
                    (Kind::Money, Cell::Int(fen)) => {
                        (json!(*fen as f64 / 100.0), pick("元", "yuan"))
                    }
                    (Kind::Percent, Cell::Float(f)) => (json!((f * 1000.0).round() / 10.0), "%"),
                    (_, Cell::Int(n)) => (json!(n), ""),
                    (_, Cell::Float(f)) => (json!(f), ""),
                    (_, Cell::Text(_)) => (Json::Null, ""),
                };
                rows.push(json!([
                    year,
                    as_of,
                    section,
                    text(&row[0]),
                    text(&row[1]),
                    format!("{}{by_label}", column.header()),
                    value,
                    unit,
                    format!("{}.{}{by_code}", table.key, column.key),
                ]));
            }
        }
    }
    Ok(Query {
        sql: "SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
                     value ->> 6, value ->> 7, value ->> 8
              FROM json_each(?1) ORDER BY CAST(key AS INTEGER)"
            .to_string(),
        params: vec![rusqlite::types::Value::Text(Json::Array(rows).to_string())],
    })
}
