//! CSV for spreadsheets and scripts: headers in the user's language, an
//! optional UTF-8 BOM, and text cells that a spreadsheet would take for a
//! formula neutralised with a leading apostrophe (OWASP CSV injection).

use std::io::Write;

use super::{Cell, Column, Kind, Shown, Sink, display};

#[derive(Clone, Copy, Debug, Default)]
pub struct CsvOptions {
    pub bom: bool,
    pub neutralize: bool,
    pub mask: bool,
}

impl CsvOptions {
    /// `--format csv` on stdout: no BOM (a script reads it, or a shell
    /// script adds one to a file), personal data masked as a masked export
    /// has it (the clerk's table shows it in full; `export --unmasked`,
    /// audited, is the way to a file in full), and formula cells
    /// neutralised as exports do — a nightly job's CSV ends up in a
    /// spreadsheet as often as in a script.
    pub fn stdout() -> Self {
        CsvOptions {
            neutralize: true,
            mask: true,
            ..CsvOptions::default()
        }
    }
}

pub struct CsvSink<W: Write> {
    /// The destination until the header is written (the BOM goes first).
    pending: Option<W>,
    writer: Option<csv::Writer<W>>,
    columns: Vec<Column>,
    options: CsvOptions,
    record: Vec<String>,
}

impl<W: Write> CsvSink<W> {
    pub fn new(out: W, options: CsvOptions) -> Self {
        CsvSink {
            pending: Some(out),
            writer: None,
            columns: Vec::new(),
            options,
            record: Vec::new(),
        }
    }
}

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Prefixes a formula-looking cell with an apostrophe.
pub fn neutralize(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(FORMULA_START) || text.starts_with('\'') {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Undoes `neutralize` (imports read back what exports wrote).
pub fn unneutralize(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) || rest.starts_with('\'') => rest,
        _ => text,
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn header(&mut self, columns: &[Column]) -> anyhow::Result<()> {
        self.columns = columns.to_vec();
        let mut out = self
            .pending
            .take()
            .ok_or_else(|| anyhow::anyhow!("CSV header written twice"))?;
        if self.options.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut writer = csv::WriterBuilder::new().from_writer(out);
        writer.write_record(columns.iter().map(|c| c.header()))?;
        self.writer = Some(writer);
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> anyhow::Result<()> {
        let shown = Shown {
            mask: self.options.mask,
            grouped: false,
        };
        self.record.clear();
        for (cell, column) in cells.iter().zip(&self.columns) {
            let text = display(cell, column.kind, shown);
            let text = if self.options.neutralize
                && matches!(cell, Cell::Text(_))
                && !matches!(column.kind, Kind::Money)
            {
                neutralize(&text).into_owned()
            } else {
                text
            };
            self.record.push(text);
        }
        match self.writer.as_mut() {
            Some(writer) => writer.write_record(&self.record)?,
            None => anyhow::bail!("CSV row before its header"),
        }
        Ok(())
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        if let Some(writer) = self.writer.as_mut() {
            writer.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_and_restores() {
        for text in ["=1+1", "+86", "-3", "@SUM(A1)", "\tx", "'=x", "'quoted"] {
            let out = neutralize(text);
            assert!(out.starts_with('\''), "{text}");
            assert_eq!(unneutralize(&out), text);
        }
        assert_eq!(neutralize("李明"), "李明");
        assert_eq!(unneutralize("'abc"), "'abc");
    }
}
