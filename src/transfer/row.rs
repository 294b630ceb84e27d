//! One data row of an import, as a dataset's handler reads it: cells by
//! column key or place, restored as exported, and what the dataset's
//! `prepare` made of the row on the reading thread.

use std::any::Any;
use std::cell::Cell;

use csv::StringRecord;

use super::cells;
use crate::output::Column;

/// What a dataset's `prepare` made of a row on the reading thread.
pub type Prepared = Option<Box<dyn Any + Send>>;

/// One data row, read by column key; cells come back exactly as exported
/// (protection and neutralisation undone).
pub struct Row<'a> {
    pub(super) record: &'a StringRecord,
    /// For each dataset column, its position in the file (if present).
    pub(super) positions: &'a [Option<usize>],
    pub(super) columns: &'static [Column],
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    pub(super) prepared: Cell<Prepared>,
    /// Columns (bits by place in `columns`) read as absent: masked cells
    /// that leave the value on file as it is (`masked::personal_cells`).
    pub(super) kept: Cell<u64>,
}

impl<'a> Row<'a> {
    /// `record`, from the file's `line`, as a row of `columns`
    /// (`positions`: each column's place in the file).
    pub(super) fn new(
        record: &'a StringRecord,
        positions: &'a [Option<usize>],
        columns: &'static [Column],
        line: u64,
        prepared: Prepared,
    ) -> Row<'a> {
        Row {
            record,
            positions,
            columns,
            line,
            prepared: Cell::new(prepared),
            kept: Cell::new(0),
        }
    }

    /// What the dataset's `prepare` made of this row, once (`None` when it
    /// has none, or when it is taken already).
    pub fn take_prepared<T: Any>(&self) -> Option<T> {
        self.prepared.take()?.downcast::<T>().ok().map(|b| *b)
    }

    fn position(&self, key: &str) -> Option<usize> {
        let index = self.columns.iter().position(|c| c.key == key)?;
        if self.is_kept(index) {
            return None;
        }
        self.positions[index]
    }

    fn is_kept(&self, index: usize) -> bool {
        index < 64 && self.kept.get() & (1 << index) != 0
    }

    /// Reads the dataset's column number `index` as absent from now on:
    /// the value on file stays as it is.
    pub(super) fn keep(&self, index: usize) {
        if index < 64 {
            self.kept.set(self.kept.get() | 1 << index);
        }
    }

    /// The dataset's columns.
    pub fn columns(&self) -> &'static [Column] {
        self.columns
    }

    /// Whether the file has this column.
    pub fn has(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// The cell, restored; `None` when the file has no such column.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.position(key)
            .and_then(|p| self.record.get(p))
            .map(cells::restore)
    }

    /// The cell when it holds something other than blanks.
    pub fn value(&self, key: &str) -> Option<&'a str> {
        self.get(key).filter(|s| !s.trim().is_empty())
    }

    /// As a flag value: `None` when absent or blank.
    pub fn flag(&self, key: &str) -> Option<String> {
        self.value(key).map(str::to_string)
    }

    /// As a flag value for an edit: a blank cell clears (`Some("")`).
    pub fn edit(&self, key: &str) -> Option<String> {
        self.get(key).map(|s| s.trim().to_string())
    }

    /// The cell of the dataset's column number `index` (its place in
    /// `columns`), restored: the fast form of `get` for per-row hot paths.
    pub fn at(&self, index: usize) -> Option<&'a str> {
        if self.is_kept(index) {
            return None;
        }
        self.positions
            .get(index)
            .copied()
            .flatten()
            .and_then(|p| self.record.get(p))
            .map(cells::restore)
    }

    /// `at` when the cell holds something other than blanks, trimmed.
    pub fn value_at(&self, index: usize) -> Option<&'a str> {
        self.at(index).map(cells::trim).filter(|s| !s.is_empty())
    }
}

/// The place of `key` in `columns` (for `Row::at`); a dataset's handler
/// looks its columns up once, at start.
pub fn column_index(columns: &[Column], key: &str) -> anyhow::Result<usize> {
    columns
        .iter()
        .position(|c| c.key == key)
        .ok_or_else(|| anyhow::anyhow!("dataset has no column {key}"))
}
