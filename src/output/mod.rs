//! The one output layer: a row set (columns + cells) rendered as a table for
//! people, CSV for spreadsheets and scripts, or JSON for scripts. Listings,
//! `show` documents and exports all go through the `Sink`s here.
//!
//! Table and CSV speak the user's language (headers, enumeration labels,
//! yes/no); JSON is for scripts and is stable: keys are the column keys,
//! enumerations their codes, money a number of yuan.

mod csv;
mod json;
mod table;

use std::io::Write;

use crate::context::Env;
use crate::i18n::{is_en, pick};
use crate::labels::Domain;

pub use self::csv::{CsvOptions, CsvSink, neutralize, unneutralize};
pub use self::json::JsonSink;
pub use self::table::TableSink;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    /// A workbook: `roster export` only.
    Xlsx,
}

/// How a column's cells are read and shown.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Text,
    Int,
    Float,
    /// Integer fen, shown as yuan with two decimals.
    Money,
    /// ISO date text.
    Date,
    /// 0/1, shown 是/否 or yes/no.
    Bool,
    /// A stored code, shown as its label.
    Enum(&'static Domain),
    /// A ratio 0..1, shown as a percentage.
    Percent,
    /// Personal data, masked in exports unless asked for.
    Phone,
    IdNumber,
    Email,
    Address,
}

/// One column: a stable key (JSON, code) and headers in both languages.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub kind: Kind,
}

/// Shorthand for a column definition.
pub const fn col(key: &'static str, zh: &'static str, en: &'static str, kind: Kind) -> Column {
    Column { key, zh, en, kind }
}

impl Column {
    pub fn header(&self) -> &'static str {
        pick(self.zh, self.en)
    }
}

/// One value, as SQLite holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Float(f64),
    Text(String),
}

impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(v.to_string())
    }
}
impl From<String> for Cell {
    fn from(v: String) -> Self {
        Cell::Text(v)
    }
}
impl From<i64> for Cell {
    fn from(v: i64) -> Self {
        Cell::Int(v)
    }
}
impl From<bool> for Cell {
    fn from(v: bool) -> Self {
        Cell::Int(i64::from(v))
    }
}
impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Cell::Float(v)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Null, Into::into)
    }
}

impl rusqlite::types::FromSql for Cell {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        use rusqlite::types::ValueRef;
        Ok(match value {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(i) => Cell::Int(i),
            ValueRef::Real(f) => Cell::Float(f),
            ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Cell::Text(format!("<{} bytes>", b.len())),
        })
    }
}

/// Options that change how text is shown.
#[derive(Clone, Copy, Debug, Default)]
pub struct Shown {
    /// Mask phone, ID, e-mail and address.
    pub mask: bool,
    /// Money with thousands separators (tables) or plain (CSV).
    pub grouped: bool,
}

/// A cell as text for a table or CSV.
pub fn display(cell: &Cell, kind: Kind, shown: Shown) -> String {
    let text = match cell {
        Cell::Null => return String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) => trim_float(*f),
    };
    match (kind, cell) {
        (Kind::Money, Cell::Int(fen)) => {
            if shown.grouped {
                crate::input::money::grouped(*fen)
            } else {
                crate::input::money::plain(*fen)
            }
        }
        (Kind::Bool, Cell::Int(v)) => if *v != 0 {
            pick("是", "yes")
        } else {
            pick("否", "no")
        }
        .to_string(),
        (Kind::Enum(domain), Cell::Text(code)) => {
            if code.contains(',') {
                code.split(',')
                    .map(|c| domain.label(c))
                    .collect::<Vec<_>>()
                    .join(pick("、", ", "))
            } else {
                domain.label(code)
            }
        }
        (Kind::Percent, Cell::Float(f)) => format!("{:.1}%", f * 100.0),
        (Kind::Percent, Cell::Int(i)) => format!("{:.1}%", *i as f64 * 100.0),
        (Kind::Phone, _) if shown.mask => crate::privacy::mask_phone(&text),
        (Kind::IdNumber, _) if shown.mask => crate::input::idcard::mask(&text),
        (Kind::Email, _) if shown.mask => crate::privacy::mask_email(&text),
        (Kind::Address, _) if shown.mask => crate::privacy::mask_address(&text),
        _ => text,
    }
}

fn trim_float(f: f64) -> String {
    let text = format!("{f:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A cell as a JSON value for scripts.
pub fn json_value(cell: &Cell, kind: Kind, shown: Shown) -> serde_json::Value {
    use serde_json::Value;
    match (kind, cell) {
        (_, Cell::Null) => Value::Null,
        (Kind::Money, Cell::Int(fen)) => Value::from(*fen as f64 / 100.0),
        (Kind::Bool, Cell::Int(v)) => Value::from(*v != 0),
        (Kind::Phone | Kind::IdNumber | Kind::Email | Kind::Address, _) if shown.mask => {
            Value::from(display(cell, kind, shown))
        }
        (_, Cell::Int(i)) => Value::from(*i),
        (_, Cell::Float(f)) => Value::from(*f),
        (_, Cell::Text(t)) => Value::from(t.clone()),
    }
}

/// Rows pushed one at a time: a table, a CSV stream or a JSON array.
pub trait Sink {
    fn header(&mut self, columns: &[Column]) -> anyhow::Result<()>;
    fn row(&mut self, cells: &[Cell]) -> anyhow::Result<()>;
    fn finish(&mut self) -> anyhow::Result<()>;
}

/// A materialised row set (listings).
#[derive(Clone, Debug, Default)]
pub struct RowSet {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl RowSet {
    pub fn new(columns: Vec<Column>) -> Self {
        RowSet {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Runs `sql` and keeps every row; the query's columns must match `columns`.
    pub fn query(
        conn: &rusqlite::Connection,
        columns: Vec<Column>,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> anyhow::Result<Self> {
        let mut stmt = conn.prepare_cached(sql)?;
        let width = columns.len();
        let rows = stmt
            .query_map(params, |r| {
                (0..width)
                    .map(|i| r.get::<_, Cell>(i))
                    .collect::<Result<Vec<_>, _>>()
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RowSet { columns, rows })
    }

    pub fn write_to(&self, sink: &mut dyn Sink) -> anyhow::Result<()> {
        sink.header(&self.columns)?;
        for row in &self.rows {
            sink.row(row)?;
        }
        sink.finish()
    }
}

/// A titled part of a `show` document.
pub enum Section {
    /// One record, shown as field/value pairs.
    Record {
        key: &'static str,
        title: Option<(&'static str, &'static str)>,
        columns: Vec<Column>,
        cells: Vec<Cell>,
    },
    /// A list of rows.
    Table {
        key: &'static str,
        title: (&'static str, &'static str),
        rows: RowSet,
    },
    /// Plain sentences (explanations, warnings).
    Lines {
        key: &'static str,
        title: (&'static str, &'static str),
        lines: Vec<String>,
    },
}

/// What a `show` or report prints: sections in order.
#[derive(Default)]
pub struct Doc {
    pub sections: Vec<Section>,
}

impl Doc {
    pub fn record(mut self, key: &'static str, columns: Vec<Column>, cells: Vec<Cell>) -> Self {
        self.sections.push(Section::Record {
            key,
            title: None,
            columns,
            cells,
        });
        self
    }

    pub fn table(
        mut self,
        key: &'static str,
        title: (&'static str, &'static str),
        rows: RowSet,
    ) -> Self {
        self.sections.push(Section::Table { key, title, rows });
        self
    }

    pub fn lines(
        mut self,
        key: &'static str,
        title: (&'static str, &'static str),
        lines: Vec<String>,
    ) -> Self {
        self.sections.push(Section::Lines { key, title, lines });
        self
    }
}

fn stdout_sink<'a>(env: &Env, out: &'a mut dyn Write) -> anyhow::Result<Box<dyn Sink + 'a>> {
    Ok(match env.format {
        Format::Table => Box::new(TableSink::new(out)),
        Format::Csv => Box::new(CsvSink::new(out, CsvOptions::default())),
        Format::Json => Box::new(JsonSink::new(out, Shown::default())),
        Format::Xlsx => return Err(xlsx_only()),
    })
}

/// `--format xlsx` outside `roster export`.
fn xlsx_only() -> anyhow::Error {
    crate::invalid!(
        "--format：xlsx 只用于 roster export；列表请用 table、csv 或 json",
        "--format: xlsx is for `roster export` only; listings take table, csv or json",
    )
}

/// Prints a listing on stdout in the chosen format.
pub fn print_rows(env: &Env, rows: &RowSet) -> anyhow::Result<()> {
    if env.quiet {
        return Ok(());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut sink = stdout_sink(env, &mut out)?;
    rows.write_to(sink.as_mut())?;
    drop(sink);
    out.flush()?;
    Ok(())
}

/// Prints a document on stdout: sections one after another (JSON: one object).
pub fn print_doc(env: &Env, doc: &Doc) -> anyhow::Result<()> {
    if env.quiet {
        return Ok(());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    write_doc(env.format, doc, &mut out)?;
    out.flush()?;
    Ok(())
}

/// Writes a document in `format` to `out`.
pub fn write_doc(format: Format, doc: &Doc, out: &mut dyn Write) -> anyhow::Result<()> {
    if format == Format::Xlsx {
        return Err(xlsx_only());
    }
    if format == Format::Json {
        return json::write_doc(doc, out);
    }
    for (i, section) in doc.sections.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        match section {
            Section::Record {
                title,
                columns,
                cells,
                ..
            } => {
                if let Some((zh, en)) = title {
                    writeln!(out, "{}", if is_en() { en } else { zh })?;
                }
                match format {
                    Format::Table => table::write_record(columns, cells, out)?,
                    _ => {
                        let mut sink = CsvSink::new(&mut *out, CsvOptions::default());
                        sink.header(columns)?;
                        sink.row(cells)?;
                        sink.finish()?;
                    }
                }
            }
            Section::Table { title, rows, .. } => {
                writeln!(out, "{}", pick(title.0, title.1))?;
                let mut sink: Box<dyn Sink> = match format {
                    Format::Table => Box::new(TableSink::new(&mut *out)),
                    _ => Box::new(CsvSink::new(&mut *out, CsvOptions::default())),
                };
                rows.write_to(sink.as_mut())?;
            }
            Section::Lines { title, lines, .. } => {
                writeln!(out, "{}", pick(title.0, title.1))?;
                for line in lines {
                    writeln!(out, "{line}")?;
                }
            }
        }
    }
    Ok(())
}

/// Reports a completed change: a sentence for people, the record's id and
/// code for scripts.
pub fn print_done(
    env: &Env,
    message: &str,
    entity: &'static str,
    id: i64,
    code: Option<&str>,
) -> anyhow::Result<()> {
    if env.quiet {
        return Ok(());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match env.format {
        Format::Table | Format::Xlsx => writeln!(out, "{message}")?,
        Format::Csv => {
            let mut w = ::csv::Writer::from_writer(&mut out);
            w.write_record(["entity", "id", "code", "message"])?;
            w.write_record([entity, &id.to_string(), code.unwrap_or(""), message])?;
            w.flush()?;
        }
        Format::Json => {
            let value =
                serde_json::json!({ "entity": entity, "id": id, "code": code, "message": message });
            writeln!(out, "{value}")?;
        }
    }
    out.flush()?;
    Ok(())
}
