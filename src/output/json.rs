//! JSON for scripts: an array of objects keyed by column key, streamed one
//! row at a time; a document is one object keyed by section.

use std::io::Write;

use serde_json::{Map, Value};

use super::{Cell, Column, Doc, Section, Shown, Sink, json_value};

pub struct JsonSink<W: Write> {
    out: W,
    columns: Vec<Column>,
    shown: Shown,
    rows: usize,
}

impl<W: Write> JsonSink<W> {
    pub fn new(out: W, shown: Shown) -> Self {
        JsonSink {
            out,
            columns: Vec::new(),
            shown,
            rows: 0,
        }
    }
}

fn object(columns: &[Column], cells: &[Cell], shown: Shown) -> Value {
    let mut map = Map::new();
    for (column, cell) in columns.iter().zip(cells) {
        map.insert(column.key.to_string(), json_value(cell, column.kind, shown));
    }
    Value::Object(map)
}

impl<W: Write> Sink for JsonSink<W> {
    fn header(&mut self, columns: &[Column]) -> anyhow::Result<()> {
        self.columns = columns.to_vec();
        self.out.write_all(b"[")?;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> anyhow::Result<()> {
        self.out
            .write_all(if self.rows == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut self.out, &object(&self.columns, cells, self.shown))?;
        self.rows += 1;
        Ok(())
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        self.out
            .write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
        self.out.flush()?;
        Ok(())
    }
}

pub fn write_doc(doc: &Doc, out: &mut dyn Write) -> anyhow::Result<()> {
    let shown = Shown::script();
    let mut map = Map::new();
    for section in &doc.sections {
        match section {
            Section::Record {
                key,
                columns,
                cells,
                ..
            } => {
                map.insert(key.to_string(), object(columns, cells, shown));
            }
            Section::Table { key, rows, .. } => {
                let items = rows
                    .rows
                    .iter()
                    .map(|r| object(&rows.columns, r, shown))
                    .collect();
                map.insert(key.to_string(), Value::Array(items));
            }
            Section::Lines { key, lines, .. } => {
                map.insert(key.to_string(), Value::from(lines.clone()));
            }
        }
    }
    serde_json::to_writer_pretty(&mut *out, &Value::Object(map))?;
    writeln!(out)?;
    Ok(())
}
