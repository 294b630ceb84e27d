//! Tables for people: comfy-table with full UTF-8 borders; Chinese text is
//! aligned by display width, and date columns never wrap mid-date.

use std::io::{IsTerminal, Write};

use comfy_table::{
    Cell as TableCell, ColumnConstraint, ContentArrangement, Table, Width, presets::UTF8_FULL,
};

use super::{Cell, Column, Kind, Shown, Sink, display};
use crate::i18n::pick;

pub struct TableSink<'a> {
    out: &'a mut dyn Write,
    columns: Vec<Column>,
    table: Table,
    rows: usize,
}

fn new_table() -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL);
    if std::io::stdout().is_terminal() {
        table.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.set_content_arrangement(ContentArrangement::Disabled);
    }
    table
}

fn right_aligned(kind: Kind) -> bool {
    matches!(kind, Kind::Money | Kind::Int | Kind::Float | Kind::Percent)
}

impl<'a> TableSink<'a> {
    pub fn new(out: &'a mut dyn Write) -> Self {
        TableSink {
            out,
            columns: Vec::new(),
            table: new_table(),
            rows: 0,
        }
    }
}

impl Sink for TableSink<'_> {
    fn header(&mut self, columns: &[Column]) -> anyhow::Result<()> {
        self.columns = columns.to_vec();
        self.table.set_header(columns.iter().map(|c| c.header()));
        for (i, column) in columns.iter().enumerate() {
            if let Some(table_column) = self.table.column_mut(i) {
                if matches!(column.kind, Kind::Date) {
                    table_column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(12)));
                }
                if right_aligned(column.kind) {
                    table_column.set_cell_alignment(comfy_table::CellAlignment::Right);
                }
            }
        }
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> anyhow::Result<()> {
        let shown = Shown {
            mask: false,
            grouped: true,
        };
        self.table.add_row(
            cells
                .iter()
                .zip(&self.columns)
                .map(|(cell, column)| TableCell::new(display(cell, column.kind, shown))),
        );
        self.rows += 1;
        Ok(())
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        if self.rows == 0 {
            writeln!(self.out, "{}", pick("（无记录）", "(no rows)"))?;
        } else {
            writeln!(self.out, "{}", self.table)?;
        }
        Ok(())
    }
}

/// One record as a two-column table of field and value.
pub fn write_record(columns: &[Column], cells: &[Cell], out: &mut dyn Write) -> anyhow::Result<()> {
    let mut table = new_table();
    let shown = Shown {
        mask: false,
        grouped: true,
    };
    for (column, cell) in columns.iter().zip(cells) {
        table.add_row(vec![
            TableCell::new(column.header()),
            TableCell::new(display(cell, column.kind, shown)),
        ]);
    }
    if let Some(first) = table.column_mut(0) {
        first.set_constraint(ColumnConstraint::ContentWidth);
    }
    writeln!(out, "{table}")?;
    Ok(())
}
