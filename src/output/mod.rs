//! The one output layer: a row set (columns + cells) rendered as a table for
//! people, CSV for spreadsheets and scripts, or JSON for scripts. Listings,
//! `show` documents and exports all go through the `Sink`s here.
//!
//! Table and CSV speak the user's language (headers, enumeration labels,
//! yes/no); JSON is for scripts and is stable: keys are the column keys,
//! enumerations their codes, money a number of yuan.

mod csv;
mod doc;
mod json;
mod table;

use crate::i18n::pick;
use crate::labels::Domain;

pub use self::csv::{CsvOptions, CsvSink, neutralize, unneutralize};
pub use self::doc::{
    Doc, Section, print_doc, print_done, print_note, print_rows, print_status, print_warning,
    write_doc,
};
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
    /// A stored code, shown as its label; several codes joined with `,`
    /// are shown as the labels listed (JSON: the codes as they are).
    Enum(&'static Domain),
    /// A code (or codes joined with `,`) of any of these domains, which
    /// share no code: a column whose rows draw on different enumerations.
    EnumOf(&'static [&'static Domain]),
    /// Counts by code, `code:n,code:n` (see `counts_cell`): shown
    /// "label n、label n"; JSON an object `{"code": n}`.
    Counts(&'static Domain),
    /// Free-text items joined with `LIST_SEP` (see `list_cell`): shown
    /// joined as the language lists them; JSON an array of strings.
    List,
    /// JSON text (an audit snapshot): shown as it is; JSON the value itself.
    Json,
    /// A ratio 0..1, shown as a percentage.
    Percent,
    /// Personal data, masked in exports unless asked for.
    Phone,
    IdNumber,
    Email,
    Address,
    WeChat,
    /// A birth date: with a masked ID number it would give back the digits
    /// the mask hides, so masked it keeps the year only (`1958-**-**`).
    BirthDate,
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

/// What separates the items of a `Kind::List` cell (`char(31)` in SQL):
/// no name or title holds it.
pub const LIST_SEP: char = '\u{1f}';

/// A `Kind::List` cell of these items (Null when there are none).
pub fn list_cell<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Cell {
    let mut text = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            text.push(LIST_SEP);
        }
        text.push_str(item.as_ref());
    }
    if text.is_empty() {
        Cell::Null
    } else {
        Cell::Text(text)
    }
}

/// A `Kind::Counts` cell of these (code, count) pairs (Null when there are none).
pub fn counts_cell<'a>(counts: impl IntoIterator<Item = (&'a str, i64)>) -> Cell {
    let text = counts
        .into_iter()
        .map(|(code, n)| format!("{code}:{n}"))
        .collect::<Vec<_>>()
        .join(",");
    if text.is_empty() {
        Cell::Null
    } else {
        Cell::Text(text)
    }
}

/// The (code, count) pairs of a `Kind::Counts` cell.
fn counts_of(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.split(',')
        .filter(|p| !p.is_empty())
        .map(|pair| pair.rsplit_once(':').unwrap_or((pair, "")))
}

/// The label of `code` in the first of `domains` that has it (else the code).
pub fn label_of(domains: &[&Domain], code: &str) -> String {
    domains
        .iter()
        .find(|d| d.labels.iter().any(|l| l.code == code))
        .map_or_else(|| code.to_string(), |d| d.label(code))
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

impl Shown {
    /// What a script reads on stdout (JSON): personal data masked, as a
    /// masked export has it.
    pub fn script() -> Self {
        Shown {
            mask: true,
            ..Shown::default()
        }
    }
}

/// A cell as text for a table or CSV.
pub fn display(cell: &Cell, kind: Kind, shown: Shown) -> String {
    let text = match cell {
        Cell::Null => return String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) => decimal(*f),
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
        (Kind::EnumOf(domains), Cell::Text(codes)) => codes
            .split(',')
            .map(|c| label_of(domains, c))
            .collect::<Vec<_>>()
            .join(pick("、", ", ")),
        (Kind::Counts(domain), Cell::Text(counts)) => counts_of(counts)
            .map(|(code, n)| format!("{} {n}", domain.label(code)))
            .collect::<Vec<_>>()
            .join(pick("、", ", ")),
        (Kind::List, Cell::Text(items)) => items
            .split(LIST_SEP)
            .collect::<Vec<_>>()
            .join(pick("、", ", ")),
        (Kind::Percent, Cell::Float(f)) => format!("{:.1}%", f * 100.0),
        (Kind::Percent, Cell::Int(i)) => format!("{:.1}%", *i as f64 * 100.0),
        (Kind::Phone, _) if shown.mask => crate::privacy::mask_phone(&text),
        (Kind::IdNumber, _) if shown.mask => crate::input::idcard::mask(&text),
        (Kind::Email, _) if shown.mask => crate::privacy::mask_email(&text),
        (Kind::Address, _) if shown.mask => crate::privacy::mask_address(&text),
        (Kind::WeChat, _) if shown.mask => crate::privacy::mask_wechat(&text),
        (Kind::BirthDate, _) if shown.mask => crate::privacy::mask_birth_date(&text),
        _ => text,
    }
}

/// A figure (a score, points, hours) to at most two decimals, no trailing
/// zeros; -0.0 (an empty sum of floats) and what rounds to it read 0. Every
/// score or points figure printed (cell or sentence) goes through here.
pub fn decimal(f: f64) -> String {
    let text = format!("{f:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    // -0.0 (a score of nothing, less nothing) and what rounds to it read 0.
    if text.is_empty() || text == "-" || text == "-0" {
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
        (
            Kind::Phone
            | Kind::IdNumber
            | Kind::Email
            | Kind::Address
            | Kind::WeChat
            | Kind::BirthDate,
            _,
        ) if shown.mask => Value::from(display(cell, kind, shown)),
        (Kind::Counts(_), Cell::Text(counts)) => Value::Object(
            counts_of(counts)
                .map(|(code, n)| {
                    let n = n
                        .parse::<i64>()
                        .map_or_else(|_| Value::from(n), Value::from);
                    (code.to_string(), n)
                })
                .collect(),
        ),
        (Kind::List, Cell::Text(items)) => items.split(LIST_SEP).map(Value::from).collect(),
        (Kind::Json, Cell::Text(t)) => {
            serde_json::from_str(t).unwrap_or_else(|_| Value::from(t.clone()))
        }
        (_, Cell::Int(i)) => Value::from(*i),
        // + 0.0: -0.0 is written 0.0, not -0.0.
        (_, Cell::Float(f)) => Value::from(*f + 0.0),
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

    /// SQL's LIMIT for a listing cut at `limit` rows (0 = all): one row
    /// more, so `cut_to` can tell that there were more.
    pub fn fetch_limit(limit: usize) -> i64 {
        if limit == 0 { -1 } else { limit as i64 + 1 }
    }

    /// Keeps the first `limit` rows of what `fetch_limit` fetched; if there
    /// were more, says so on stderr (a script's CSV or JSON stays data only).
    pub fn cut_to(&mut self, env: &crate::context::Env, limit: usize) {
        if limit > 0 && self.rows.len() > limit {
            self.rows.truncate(limit);
            doc::print_warning(
                env,
                &crate::tr!(
                    "注意：只列出前 {limit} 条，还有更多；全部列出请加 --limit 0",
                    "note: only the first {limit} listed and there are more; add --limit 0 for all"
                ),
            );
        }
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

#[cfg(test)]
mod tests;
