//! Printing on stdout: listings, `show` documents (titled sections, one
//! JSON object) and the one-line report of a completed change.

use std::io::Write;

use super::{
    Cell, Column, CsvOptions, CsvSink, Format, JsonSink, RowSet, Shown, Sink, TableSink, json,
    table,
};
use crate::context::Env;
use crate::i18n::{is_en, pick};

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
        Format::Csv => Box::new(CsvSink::new(out, CsvOptions::stdout())),
        Format::Json => Box::new(JsonSink::new(out, Shown::script())),
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

/// Stdout for a listing or document: Rust's stdout writes every line with
/// a system call of its own (400,000 table rows spent 5.6 s in the kernel),
/// so whole blocks are handed over instead.
fn buffered_stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock())
}

/// Prints a listing on stdout in the chosen format.
pub fn print_rows(env: &Env, rows: &RowSet) -> anyhow::Result<()> {
    if env.quiet {
        return Ok(());
    }
    let mut out = buffered_stdout();
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
    let mut out = buffered_stdout();
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
                    write_line(format, if is_en() { en } else { zh }, out)?;
                }
                match format {
                    Format::Table => table::write_record(columns, cells, out)?,
                    _ => {
                        let mut sink = CsvSink::new(&mut *out, CsvOptions::stdout());
                        sink.header(columns)?;
                        sink.row(cells)?;
                        sink.finish()?;
                    }
                }
            }
            Section::Table { title, rows, .. } => {
                write_line(format, pick(title.0, title.1), out)?;
                let mut sink: Box<dyn Sink> = match format {
                    Format::Table => Box::new(TableSink::new(&mut *out)),
                    _ => Box::new(CsvSink::new(&mut *out, CsvOptions::stdout())),
                };
                rows.write_to(sink.as_mut())?;
            }
            Section::Lines { title, lines, .. } => {
                write_line(format, pick(title.0, title.1), out)?;
                for line in lines {
                    write_line(format, line, out)?;
                }
            }
        }
    }
    Ok(())
}

/// A title or sentence of a document: as it is in a table; in CSV, a
/// record of one cell (quoted where it holds a comma, a quote or a line
/// break), so that every line a script reads is CSV.
fn write_line(format: Format, text: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    if format == Format::Table {
        writeln!(out, "{text}")?;
        return Ok(());
    }
    let mut writer = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(&mut *out);
    writer.write_record([super::neutralize(text).as_ref()])?;
    writer.flush()?;
    Ok(())
}

/// A sentence for people reading a table (`check`'s "all passed"); a
/// script asking for CSV or JSON gets only the data.
pub fn print_note(env: &Env, message: &str) -> anyhow::Result<()> {
    if env.quiet || env.format != Format::Table {
        return Ok(());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "{message}")?;
    out.flush()?;
    Ok(())
}

/// What a command did when its output went to a file (`export --out`): on
/// stderr, and only for a person at a terminal.
pub fn print_status(env: &Env, message: &str) {
    use std::io::IsTerminal;
    if !env.quiet && std::io::stderr().is_terminal() {
        eprintln!("{message}");
    }
}

/// Something the user should know although the command succeeded (a
/// backup whose audit row could not be written): always on stderr, so a
/// nightly script's log keeps it.
pub fn print_warning(env: &Env, message: &str) {
    if !env.quiet {
        eprintln!("{message}");
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Kind, col};

    #[test]
    fn a_document_in_csv_is_csv_line_by_line() {
        let mut rows = RowSet::new(vec![
            col("code", "编码", "code", Kind::Text),
            col("total", "合计", "total", Kind::Int),
        ]);
        rows.push(vec!["A0001".into(), Cell::Int(3)]);
        let sentence = "Spent 12,000.00 of \"travel\", 90% used";
        let doc = Doc::default()
            .lines("notes", ("提示", "Notes"), vec![sentence.to_string()])
            .table("rows", ("明细", "Rows"), rows);
        let mut out = Vec::new();
        write_doc(Format::Csv, &doc, &mut out).unwrap();
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(out.as_slice());
        let records: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        // A sentence with commas and quotes is one cell, read back as written.
        assert_eq!(records[1], vec![sentence.to_string()]);
        assert_eq!(records[3], vec!["编码".to_string(), "合计".to_string()]);
        assert_eq!(records[4], vec!["A0001".to_string(), "3".to_string()]);
    }
}
