//! Record numbers an import keeps. Activities, contacts, advice and
//! expenses have no code; their number (`编号`) is their identity in an
//! export, in `activity show 17`, and in the records that point at them
//! (advice and expenses name an activity by number). So an import keeps a
//! number the file gives: a number already on file is a duplicate (the
//! `--on-duplicate` choice), a new number is created as given — above the
//! highest on file before the import, so the import's one audit row can
//! cover its records as an id range — and a blank one gets the next free
//! number. Moving records between databases this way keeps every reference.

use rusqlite::{Connection, OptionalExtension};

use super::{FastMap, fast_map};

/// What a row's number turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Number {
    /// Not on file: the record is created with this number.
    New(i64),
    /// Already on file (a duplicate).
    OnFile(i64),
}

/// The numbers of one table during an import.
pub struct Numbers {
    table: &'static str,
    max_before: i64,
    next: i64,
    /// Numbers this import has handed out, with the line that took each.
    used: FastMap<i64, u64>,
}

impl Numbers {
    pub fn load(conn: &Connection, table: &'static str) -> anyhow::Result<Numbers> {
        let max_before: i64 = conn.query_row(
            &format!("SELECT IFNULL(max(id), 0) FROM {table}"),
            [],
            |r| r.get(0),
        )?;
        Ok(Numbers {
            table,
            max_before,
            next: max_before + 1,
            used: fast_map(),
        })
    }

    /// The number for the record on `line`: the file's (`given`, validated
    /// under `flag`) or, when blank, the next free one.
    pub fn claim(
        &mut self,
        conn: &Connection,
        flag: &str,
        given: Option<&str>,
        line: u64,
    ) -> anyhow::Result<Number> {
        let Some(text) = given.map(str::trim).filter(|t| !t.is_empty()) else {
            while self.used.contains_key(&self.next) {
                self.next += 1;
            }
            let number = self.next;
            self.used.insert(number, line);
            self.next += 1;
            return Ok(Number::New(number));
        };
        let number = crate::commands::number(flag, text.trim_start_matches('#'), 1..=i64::MAX)?;
        if number <= self.max_before {
            let on_file: Option<i64> = conn
                .prepare_cached(&format!("SELECT id FROM {} WHERE id = ?1", self.table))?
                .query_row([number], |r| r.get(0))
                .optional()?;
            if on_file.is_some() {
                return Ok(Number::OnFile(number));
            }
            let max = self.max_before;
            return Err(crate::invalid!(
                "{flag}：编号 {number} 不在库中，而新记录的编号须大于库中现有的最大编号 {max}；新记录请留空编号",
                "{flag}: number {number} is not on file, and a new record's number must be above the highest on file ({max}); leave it blank for a new record",
            ));
        }
        if let Some(first) = self.used.insert(number, line) {
            self.used.insert(number, first);
            return Err(crate::invalid!(
                "{flag}：编号 {number} 已用于第 {first} 行的记录（未填编号的记录按顺序取号）",
                "{flag}: number {number} is already taken by the record on line {first} (records without a number take the next free one)",
            ));
        }
        Ok(Number::New(number))
    }

    /// Gives back a number claimed for a record that could not be made.
    pub fn release(&mut self, number: i64) {
        self.used.remove(&number);
        self.next = self.next.min(number.max(self.max_before + 1));
    }
}
