//! `--format xlsx`: the same rows as a real workbook (rust_xlsxwriter in
//! constant-memory mode): a bold frozen header row, columns sized to their
//! contents, numbers and money as numbers, and ID numbers, phones and every
//! other text as text cells (formatted `@`, so they stay text when edited).

use std::io::Write;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::cells::{self, CellStyle};
use super::export::{ExportOptions, progress_for};
use super::progress::STEP;
use super::{Dataset, Query};
use crate::output::Kind;

/// Rows a worksheet holds below its header.
const MAX_ROWS: u64 = 1_048_575;
/// Widest a column is sized, in characters.
const MAX_WIDTH: usize = 60;

fn xlsx_error(err: XlsxError) -> anyhow::Error {
    anyhow::anyhow!("writing the workbook: {err}")
}

/// Display width: CJK and other wide characters count two.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

pub fn write<W: Write + Send>(
    conn: &rusqlite::Connection,
    dataset: &Dataset,
    query: &Query,
    options: ExportOptions,
    out: W,
) -> anyhow::Result<u64> {
    let columns = dataset.columns;
    let mut stmt = conn.prepare(&query.sql)?;
    if stmt.column_count() != columns.len() {
        anyhow::bail!("export query and columns of {} disagree", dataset.name);
    }
    let progress = progress_for(conn, query)?;
    let mut workbook = Workbook::new();
    let header_format = Format::new().set_bold();
    let text_format = Format::new().set_num_format("@");
    let money_format = Format::new().set_num_format("0.00");
    let sheet = workbook
        .add_worksheet_with_constant_memory()
        .map_err(xlsx_error)?;
    let title: String = crate::i18n::pick(dataset.zh, dataset.en)
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    sheet.set_name(title).map_err(xlsx_error)?;
    let mut widths: Vec<usize> = columns.iter().map(|c| width(c.header()) + 2).collect();
    for (i, column) in columns.iter().enumerate() {
        sheet
            .write_string_with_format(0, i as u16, column.header(), &header_format)
            .map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    let style = CellStyle {
        mask: options.mask,
        csv: false,
    };
    let mut buf = String::with_capacity(256);
    let mut count = 0u64;
    let mut rows = stmt.query(rusqlite::params_from_iter(query.params.iter()))?;
    while let Some(row) = rows.next()? {
        count += 1;
        if count > MAX_ROWS {
            return Err(crate::invalid!(
                "--format xlsx：工作表最多容纳 {MAX_ROWS} 行，本次导出更多；请改用 CSV 或加筛选条件",
                "--format xlsx: a worksheet holds at most {MAX_ROWS} rows and this export has more; use CSV or narrow it with filters",
            ));
        }
        let r = count as u32;
        for (i, column) in columns.iter().enumerate() {
            let value = row.get_ref(i)?;
            let c = i as u16;
            match (column.kind, value) {
                (_, rusqlite::types::ValueRef::Null) => continue,
                (Kind::Int, rusqlite::types::ValueRef::Integer(n)) => {
                    sheet.write_number(r, c, n as f64).map_err(xlsx_error)?;
                    widths[i] = widths[i].max(n.to_string().len() + 1);
                    continue;
                }
                // A measure's whole number (the summary's counts) is a number too.
                (Kind::Float, rusqlite::types::ValueRef::Integer(n)) => {
                    sheet.write_number(r, c, n as f64).map_err(xlsx_error)?;
                    continue;
                }
                (Kind::Float, rusqlite::types::ValueRef::Real(f)) => {
                    // + 0.0: a -0.0 score is written 0.
                    sheet.write_number(r, c, f + 0.0).map_err(xlsx_error)?;
                    continue;
                }
                (Kind::Money, rusqlite::types::ValueRef::Integer(fen)) => {
                    sheet
                        .write_number_with_format(r, c, fen as f64 / 100.0, &money_format)
                        .map_err(xlsx_error)?;
                    widths[i] = widths[i].max(fen.to_string().len() + 2);
                    continue;
                }
                _ => {}
            }
            cells::format(&mut buf, value, column.kind, style);
            sheet
                .write_string_with_format(r, c, buf.as_str(), &text_format)
                .map_err(xlsx_error)?;
            let longest = buf.lines().map(width).max().unwrap_or(0);
            widths[i] = widths[i].max(longest + 1);
        }
        if count % STEP == 0 {
            progress.set(count);
        }
    }
    for (i, w) in widths.iter().enumerate() {
        sheet
            .set_column_width(i as u16, (*w).min(MAX_WIDTH) as f64)
            .map_err(xlsx_error)?;
    }
    workbook.save_to_writer(out).map_err(xlsx_error)?;
    progress.finish();
    Ok(count)
}
