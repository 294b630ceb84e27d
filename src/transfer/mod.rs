//! Export and import: the machinery behind `roster export DATASET` and
//! `roster import DATASET FILE`, and the registry of datasets it serves.
//!
//! The machinery (files beside this one) knows nothing about any dataset:
//! it streams a query's rows into CSV or xlsx (headers in the user's
//! language, masking, formula neutralisation, text protection for ID and
//! phone numbers, GBK/GB18030, a temporary file renamed into place, the
//! audit row of an unmasked export), and it reads CSV back (encoding
//! detection, headers in either language in any order, required and unknown
//! columns, ragged rows, every bad row reported, one transaction, one audit
//! row, `--dry-run`, `--on-duplicate`). A dataset is one small file in
//! `datasets/` that declares its columns, its export query and, when it can
//! be imported, its row handler.
//!
//! # Adding a dataset
//!
//! 1. Create `src/transfer/datasets/NAME.rs` with a
//!    `pub static DATASET: Dataset` (copy `panels.rs`, the smallest with an
//!    import, or `audit.rs`, export only):
//!    - `columns`: `output::col(key, "中文", "English", Kind::…)` in export
//!      order. The key is also the import's third accepted header and, with
//!      `_` as `-`, the CLI flag its validation names (`id_number` ↔
//!      `--id-number`), so errors raised by the input layer are reported
//!      under the right column. `Kind::Phone`/`IdNumber`/`Email`/`Address`
//!      are masked unless `--unmasked`; `Kind::Enum` cells are codes shown as
//!      labels; `Kind::Money` cells are fen shown as yuan.
//!    - `required`: keys an import file must carry (and fill on every row).
//!    - `filters`: the export flags that apply (`Filter::Panel`, …); any other
//!      given flag is refused by the machinery.
//!    - `export`: `fn(&Selection) -> anyhow::Result<Query>` returning SQL
//!      whose result columns are `columns`, in order, with its parameters.
//!      Use `Selection`'s helpers to read the filters; never collect rows.
//!    - `import`: `Some(start)` where `start(&Tx, &ImportSettings)` loads what
//!      the rows need (code → id maps, once) and returns a `Box<dyn RowHandler>`
//!      whose `row(&Tx, &Row)` validates one row through the input layer and
//!      writes it with a cached prepared statement, returning
//!      `Outcome::{Inserted, Updated, Skipped}`; its optional `finish(&Tx)`
//!      runs once after the last row (to move staged rows in one statement,
//!      as `advisors.rs` does so its full-text index is built in bulk). Keep
//!      lookups in `FastMap`s. Duplicates follow
//!      `settings.on_duplicate`; an `Updated` row writes its own audit row
//!      (before and after); nothing else audits per row. Return errors with
//!      `?`: the machinery puts them under the column their flag names.
//!      Use `None` for an export-only dataset.
//!    - Helpers for handlers: `Names` finds advisors, panels or liaisons by
//!      id, code or unique name in memory (as `input::resolve` does, whose
//!      error it gives back); `person` reads a code cell and a name cell;
//!      `Numbers` keeps record numbers (a record without a code is known by
//!      its number: one on file is a duplicate, a new one is kept);
//!      `people_items` reads a cell listing people (`A0005 李国栋、A0006 周敏`);
//!      `ImportSettings::refuse_update`/`duplicate` for datasets an import
//!      never edits; `Row::at`/`value_at` read a cell by its column's place
//!      on hot paths; `RowHandler::check` reports problems found only once
//!      the whole file is read. Reuse the command's own validation (factor it
//!      out of the command when it is written inline) rather than repeating it.
//! 2. Add `mod NAME;` and `&NAME::DATASET` to `DATASETS` in `datasets/mod.rs`
//!    (in the order a clerk imports them).
//! 3. Add its round trip to `tests/cli/datasets.rs` (UTF-8 and GBK) and its
//!    bad input to `tests/cli/dataset_imports.rs`.
//!
//! Nothing else changes: the CLI takes the dataset by name.

mod atomic;
mod cells;
pub mod datasets;
mod encoding;
pub mod export;
pub(crate) mod fastmap;
mod header;
pub mod import;
#[cfg(test)]
mod import_properties;
mod masked;
mod names;
mod numbers;
mod progress;
mod repeat;
mod report;
mod row;
mod source;
mod xlsx;

use rusqlite::Connection;
use rusqlite::types::Value;

use crate::cli::export::ExportFilters;
use crate::context::{Env, Tx};
use crate::input::{date, resolve};
use crate::labels::Domain;
use crate::output::Column;
use crate::store;

pub use self::encoding::Charset;
pub use self::fastmap::{FastMap, fast_map};
pub use self::import::{ImportSettings, OnDuplicate, Outcome, RowHandler};
pub use self::masked::personal_cells;
pub use self::names::{Names, person};
pub use self::numbers::{Number, Numbers};
pub use self::row::{Prepared, Row, column_index};

/// One dataset: what `export` writes and (optionally) what `import` reads.
pub struct Dataset {
    /// The name typed after `roster export` / `roster import`.
    pub name: &'static str,
    /// What it holds, for `roster export --help`-style listings.
    pub zh: &'static str,
    pub en: &'static str,
    pub columns: &'static [Column],
    /// Keys an import file must have (and fill on every row).
    pub required: &'static [&'static str],
    /// Export filters that apply to this dataset.
    pub filters: &'static [Filter],
    pub export: fn(&Selection) -> anyhow::Result<Query>,
    pub import: Option<StartImport>,
    /// Whether the import's handler checks every row in full before it
    /// writes it: each reference (advisor, panel, activity) resolved in
    /// maps loaded inside the import's transaction, each value through the
    /// input layer's rules, which the tables' CHECK constraints only repeat
    /// (a unit test holds the tables' CHECKs against the rules that make
    /// them). The machinery then switches SQLite's foreign-key checks (a
    /// lookup per reference per row, a fifth of a large activities import's
    /// time; and for a table others refer to, such as advisors, a probe of
    /// each referring table per row of a multi-row INSERT) and its CHECK
    /// constraints off for the import: a million activity rows 1.8 s rather
    /// than 1.9 with the CHECKs on, 100,000 advisors 0.59 s rather than 0.69
    /// with both on.
    pub rows_checked: bool,
}

/// The part of a row's checks that needs no database, run on the reading
/// thread (the second core) ahead of the row's handler, which takes its
/// result with `Row::take_prepared` (`RowHandler::preparer`). It may read
/// what the handler loaded (shared with it), never the database. It is
/// given the rows a batch at a time and answers for each, in order (so it
/// may look up every row's record before reading any: lookups back to back
/// wait for memory together).
pub type Preparer = Box<dyn FnMut(&[Row]) -> Vec<Prepared> + Send>;

/// Starts an import: loads what the rows need and returns the row handler.
pub type StartImport = fn(&Tx, &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>>;

/// An export's SQL: result columns equal the dataset's `columns`, in order.
pub struct Query {
    pub sql: String,
    pub params: Vec<Value>,
}

impl Query {
    /// Rows a report computed (a ledger, the stations' year), handed to the
    /// export through a temporary table of this connection, so they go out
    /// through the same machinery as any other query.
    pub fn computed(
        conn: &Connection,
        width: usize,
        rows: &[Vec<crate::output::Cell>],
    ) -> anyhow::Result<Query> {
        use crate::output::Cell;
        const TABLE: &str = "temp.roster_export_rows";
        let names: Vec<String> = (0..width).map(|i| format!("c{i}")).collect();
        conn.execute_batch(&format!(
            "DROP TABLE IF EXISTS {TABLE}; CREATE TABLE {TABLE} ({});",
            names.join(", ")
        ))?;
        let marks = vec!["?"; width].join(", ");
        let mut insert = conn.prepare(&format!("INSERT INTO {TABLE} VALUES ({marks})"))?;
        for row in rows {
            let values = row.iter().map(|cell| match cell {
                Cell::Null => Value::Null,
                Cell::Int(i) => Value::Integer(*i),
                Cell::Float(f) => Value::Real(*f),
                Cell::Text(t) => Value::Text(t.clone()),
            });
            insert.execute(rusqlite::params_from_iter(values))?;
        }
        Ok(Query {
            sql: format!("SELECT {} FROM {TABLE} ORDER BY rowid", names.join(", ")),
            params: Vec::new(),
        })
    }
}

/// The export filters a dataset may accept (`roster export … --FLAG`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    Panel,
    Advisor,
    Category,
    Tier,
    Field,
    Text,
    AsOf,
    Serving,
    From,
    To,
    Year,
    Kind,
    Status,
    Entity,
    By,
    State,
}

impl Filter {
    pub fn flag(self) -> &'static str {
        match self {
            Filter::Panel => "--panel",
            Filter::Advisor => "--advisor",
            Filter::Category => "--category",
            Filter::Tier => "--tier",
            Filter::Field => "--field",
            Filter::Text => "--text",
            Filter::AsOf => "--as-of",
            Filter::Serving => "--serving",
            Filter::From => "--from",
            Filter::To => "--to",
            Filter::Year => "--year",
            Filter::Kind => "--kind",
            Filter::Status => "--status",
            Filter::Entity => "--entity",
            Filter::By => "--by",
            Filter::State => "--state",
        }
    }
}

/// Finds a dataset by name; an unknown name lists the known ones (exit 3).
pub fn find(name: &str, importing: bool) -> anyhow::Result<&'static Dataset> {
    let wanted = name.trim().to_lowercase();
    let usable = |d: &&&Dataset| !importing || d.import.is_some();
    if let Some(found) = datasets::DATASETS
        .iter()
        .filter(usable)
        .find(|d| d.name == wanted)
    {
        return Ok(found);
    }
    let known = datasets::DATASETS
        .iter()
        .filter(usable)
        .map(|d| format!("{} ({})", d.name, crate::i18n::pick(d.zh, d.en)))
        .collect::<Vec<_>>()
        .join(", ");
    if importing && datasets::DATASETS.iter().any(|d| d.name == wanted) {
        return Err(crate::invalid!(
            "DATASET：数据集“{name}”只能导出，不能导入；可导入：{known}",
            "DATASET: dataset \"{name}\" can be exported but not imported; importable: {known}",
        ));
    }
    Err(crate::invalid!(
        "DATASET：未知的数据集“{name}”；可选：{known}",
        "DATASET: unknown dataset \"{name}\"; choose one of: {known}",
    ))
}

/// What an export query sees: the connection (inside the export's read
/// snapshot), the environment and the filters as typed, with helpers that
/// validate them through the input layer.
pub struct Selection<'a> {
    pub conn: &'a Connection,
    pub env: &'a Env,
    pub filters: &'a ExportFilters,
    /// Whether personal data is masked (for values a query derives itself).
    pub mask: bool,
}

impl Selection<'_> {
    /// An optional date filter, validated, as ISO text.
    pub fn date(&self, flag: &str, given: Option<&str>) -> anyhow::Result<Option<String>> {
        given
            .map(|s| date::parse(flag, s, self.env.today).map(date::iso))
            .transpose()
    }

    /// `--from` and `--to` as ISO dates (inclusive).
    pub fn period(&self) -> anyhow::Result<(Option<String>, Option<String>)> {
        Ok((
            self.date("--from", self.filters.from.as_deref())?,
            self.date("--to", self.filters.to.as_deref())?,
        ))
    }

    /// `--panel` resolved to a panel id.
    pub fn panel(&self) -> anyhow::Result<Option<i64>> {
        self.filters
            .panel
            .as_deref()
            .map(|p| resolve::panel(self.conn, self.env, "--panel", p).map(|f| f.id))
            .transpose()
    }

    /// `--advisor` resolved to an advisor id.
    pub fn advisor(&self) -> anyhow::Result<Option<i64>> {
        self.filters
            .advisor
            .as_deref()
            .map(|a| resolve::advisor(self.conn, self.env, "--advisor", a).map(|f| f.id))
            .transpose()
    }

    /// `--year` validated.
    pub fn year(&self) -> anyhow::Result<Option<i32>> {
        self.filters
            .year
            .as_deref()
            .map(|y| date::parse_year("--year", y))
            .transpose()
    }

    /// `--kind` as a code of `domain`.
    pub fn kind(&self, domain: &'static Domain) -> anyhow::Result<Option<&'static str>> {
        self.filters
            .kind
            .as_deref()
            .map(|k| domain.parse("--kind", k))
            .transpose()
    }

    /// `--year`, `--from` and `--to` as conditions on the ISO date `column`.
    pub fn dates(&self, filter: &mut store::Filter, column: &str) -> anyhow::Result<()> {
        if let Some(y) = self.year()? {
            filter.add(
                format!("{column} BETWEEN ? AND ?"),
                [
                    store::text(format!("{y:04}-01-01")),
                    store::text(format!("{y:04}-12-31")),
                ],
            );
        }
        let (from, to) = self.period()?;
        if let Some(from) = from {
            filter.add(format!("{column} >= ?"), [store::text(from)]);
        }
        if let Some(to) = to {
            filter.add(format!("{column} <= ?"), [store::text(to)]);
        }
        Ok(())
    }
}

/// A list of people in one cell, as exports write it and imports read it:
/// `A0005 李国栋、A0006 周敏` (code, space, name; `、` between, or `; ` in
/// English). Reading also accepts `,`, `，`, `;` and `；` between, and a
/// bare code or name. The separator in the user's language:
pub fn people_separator() -> &'static str {
    crate::i18n::pick("、", "; ")
}

/// The items of a list of people in one cell: each a code (or a code and
/// the name it must carry) or a bare name. Items are separated by `、`,
/// `,`, `，`, `;`, `；` or a line break (Alt+Enter in a cell); names alone
/// may also be separated by spaces (`张振华 谢文斌`), while a name padded to
/// line up (`李 国栋`, `王　伟`) stays one name.
pub fn people_items(cell: &str) -> Vec<(String, Option<String>)> {
    let mut items = Vec::new();
    for item in cell
        .split(['、', ',', '，', ';', '；', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let words: Vec<&str> = item.split_whitespace().collect();
        match words.as_slice() {
            [] => {}
            [one] => items.push((one.to_string(), None)),
            [first, rest @ ..] if !first.chars().any(crate::input::text::is_cjk) => {
                let name = crate::input::text::unpadded(&rest.join(" ")).into_owned();
                items.push((first.to_string(), Some(name)));
            }
            words if words.iter().all(|w| w.chars().count() >= 2) => {
                items.extend(words.iter().map(|w| (w.to_string(), None)));
            }
            words => items.push((words.concat(), None)),
        }
    }
    items
}
