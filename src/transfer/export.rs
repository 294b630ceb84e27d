//! Running an export: the dataset's query in one read snapshot, rows
//! streamed one at a time into CSV (or xlsx) through a reused buffer, to
//! stdout or to a file that appears whole or not at all. An unmasked export
//! is written to the audit log before its file is put in place, or, to
//! stdout, before its first byte leaves: the read needs no write lock, the
//! audit row waits for it up to the busy timeout, and a row that cannot be
//! written refuses the export (exit 5, no file, nothing printed).

use std::io::Write;
use std::path::Path;

use rusqlite::Connection;

use super::atomic::{AtomicFile, BUFFER};
use super::cells::{self, CellStyle};
use super::encoding::{CellEncoder, Charset};
use super::progress::{LARGE_ROWS, Progress, STEP};
use super::{Dataset, Query, Selection};
use crate::cli::export::ExportFilters;
use crate::context::Ctx;
use crate::output::Column;

/// How an export is written.
#[derive(Clone, Copy, Debug)]
pub struct ExportOptions {
    pub charset: Charset,
    pub bom: bool,
    pub mask: bool,
    pub xlsx: bool,
}

/// Exports `dataset` to `out` (stdout when `None`); returns the row count.
pub fn run(
    ctx: &Ctx,
    dataset: &Dataset,
    filters: &ExportFilters,
    options: ExportOptions,
    out: Option<&Path>,
) -> anyhow::Result<u64> {
    refuse_foreign_filters(dataset, filters)?;
    let unmasked_to_stdout = out.is_none() && !options.mask;
    if unmasked_to_stdout {
        record_before_printing(ctx, dataset, filters, options)?;
    }
    // Ten million rows read once: their pages need not stay mapped (this
    // connection ends with the command).
    crate::db::streaming(&ctx.conn, 32_768)?;
    let mut file = None;
    let rows = ctx.read(|conn| {
        let selection = Selection {
            conn,
            env: &ctx.env,
            filters,
            mask: options.mask,
        };
        let query = (dataset.export)(&selection)?;
        match out {
            Some(path) => {
                let mut target = AtomicFile::create(path)?;
                let rows = if options.xlsx {
                    super::xlsx::write(conn, dataset, &query, options, target.writer()?)?
                } else {
                    write_csv(conn, dataset.columns, &query, options, target.writer()?)?
                };
                file = Some(target);
                Ok(rows)
            }
            None => {
                // Stdout cannot be taken back: a character the encoding
                // cannot hold is found by a first pass that writes nothing
                // (the same snapshot), so a nightly job never gets half a file.
                if options.charset != Charset::Utf8 && !unmasked_to_stdout {
                    write_csv(conn, dataset.columns, &query, options, std::io::sink())?;
                }
                let stdout = std::io::stdout();
                let lock = stdout.lock();
                write_csv(conn, dataset.columns, &query, options, lock)
            }
        }
    })?;
    if let Some(target) = file {
        if !options.mask {
            record_unmasked(ctx, dataset, out, rows)?;
        }
        target.commit()?;
    }
    Ok(rows)
}

/// A filter the dataset does not take is refused by name (exit 3).
fn refuse_foreign_filters(dataset: &Dataset, filters: &ExportFilters) -> anyhow::Result<()> {
    let foreign: Vec<&str> = filters
        .given()
        .into_iter()
        .filter(|f| !dataset.filters.contains(f))
        .map(|f| f.flag())
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    let (name, flags) = (dataset.name, foreign.join(", "));
    let accepted = dataset
        .filters
        .iter()
        .map(|f| f.flag())
        .collect::<Vec<_>>()
        .join(", ");
    let accepted = if accepted.is_empty() {
        crate::i18n::pick("（无）", "(none)").to_string()
    } else {
        accepted
    };
    Err(crate::invalid!(
        "{flags}：不适用于数据集 {name}；它接受的筛选：{accepted}",
        "{flags}: does not apply to the {name} dataset; it takes: {accepted}",
    ))
}

/// An unmasked export to stdout, which cannot be taken back, is audited
/// before it is printed: first the encoding pass that finds a character the
/// charset cannot hold (nothing is recorded for an export that fails), then
/// the audit row with the rows counted in its own transaction.
fn record_before_printing(
    ctx: &Ctx,
    dataset: &Dataset,
    filters: &ExportFilters,
    options: ExportOptions,
) -> anyhow::Result<()> {
    let select = |conn: &Connection| {
        (dataset.export)(&Selection {
            conn,
            env: &ctx.env,
            filters,
            mask: options.mask,
        })
    };
    if options.charset != Charset::Utf8 {
        ctx.read(|conn| {
            let query = select(conn)?;
            write_csv(conn, dataset.columns, &query, options, std::io::sink()).map(|_| ())
        })?;
    }
    ctx.write(|tx| {
        let query = select(tx.conn)?;
        let rows: i64 = tx
            .prepare(&format!("SELECT count(*) FROM ({})", query.sql))?
            .query_row(rusqlite::params_from_iter(query.params.iter()), |r| {
                r.get(0)
            })?;
        audit_unmasked(tx.conn, &ctx.env, dataset, None, rows.max(0) as u64)
    })
}

/// One audit row saying who exported what to a file, unmasked.
fn record_unmasked(
    ctx: &Ctx,
    dataset: &Dataset,
    out: Option<&Path>,
    rows: u64,
) -> anyhow::Result<()> {
    ctx.write(|tx| audit_unmasked(tx.conn, tx.env, dataset, out, rows))
}

fn audit_unmasked(
    conn: &Connection,
    env: &crate::context::Env,
    dataset: &Dataset,
    out: Option<&Path>,
    rows: u64,
) -> anyhow::Result<()> {
    let file = out.map(|p| p.display().to_string());
    let after = serde_json::json!({
        "dataset": dataset.name,
        "file": file,
        "rows": rows,
        "unmasked": true,
    });
    crate::audit::record(
        conn,
        env,
        "export",
        None,
        "export_unmasked",
        None,
        Some(&after),
    )
}

/// The row count for a progress bar, asked for only when a bar could show.
pub fn progress_for(conn: &Connection, query: &Query) -> anyhow::Result<Progress> {
    if !Progress::wanted() {
        return Ok(Progress::hidden());
    }
    let total: i64 = conn
        .prepare(&format!("SELECT count(*) FROM ({})", query.sql))?
        .query_row(rusqlite::params_from_iter(query.params.iter()), |r| {
            r.get(0)
        })?;
    Ok(Progress::new(total.max(0) as u64, LARGE_ROWS, false))
}

/// Streams the query's rows as CSV into `out`.
fn write_csv<W: Write>(
    conn: &Connection,
    columns: &[Column],
    query: &Query,
    options: ExportOptions,
    mut out: W,
) -> anyhow::Result<u64> {
    let mut stmt = conn.prepare(&query.sql)?;
    if stmt.column_count() != columns.len() {
        anyhow::bail!(
            "export query returns {} columns for {} declared",
            stmt.column_count(),
            columns.len()
        );
    }
    let progress = progress_for(conn, query)?;
    if options.bom && options.charset == Charset::Utf8 {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut writer = csv::WriterBuilder::new()
        .buffer_capacity(BUFFER)
        .from_writer(out);
    let mut encoder = CellEncoder::new(options.charset);
    for column in columns {
        let header = column.header();
        match encoder.encode(header) {
            Ok(bytes) => writer.write_field(bytes)?,
            Err(c) => return Err(unmappable(0, header, "", c, options.charset)),
        }
    }
    writer.write_record(None::<&[u8]>)?;
    let style = CellStyle {
        mask: options.mask,
        csv: true,
    };
    let mut buf = String::with_capacity(256);
    let mut count = 0u64;
    let mut rows = stmt.query(rusqlite::params_from_iter(query.params.iter()))?;
    while let Some(row) = rows.next()? {
        count += 1;
        for (i, column) in columns.iter().enumerate() {
            cells::format(&mut buf, row.get_ref(i)?, column.kind, style);
            match encoder.encode(&buf) {
                Ok(bytes) => writer.write_field(bytes)?,
                Err(c) => {
                    cells::format(&mut buf, row.get_ref(0)?, columns[0].kind, style);
                    return Err(unmappable(count, column.header(), &buf, c, options.charset));
                }
            }
        }
        writer.write_record(None::<&[u8]>)?;
        if count % STEP == 0 {
            progress.set(count);
        }
    }
    writer.flush()?;
    progress.finish();
    Ok(count)
}

/// A character the chosen encoding cannot hold: where it is and what to do.
fn unmappable(row: u64, column: &str, first: &str, c: char, charset: Charset) -> anyhow::Error {
    let (name, code) = (charset.name(), format!("U+{:04X}", c as u32));
    let first = first.trim_start_matches(['\t', '\'']);
    crate::invalid!(
        "--encoding：第 {row} 条记录（{first}）“{column}”列中的字符“{c}”（{code}）无法用 {name} 表示；请改用 --encoding gb18030 或默认的 UTF-8，未写出文件",
        "--encoding: record {row} ({first}), column \"{column}\": the character \"{c}\" ({code}) cannot be written in {name}; use --encoding gb18030 or the default UTF-8 (no file was written)",
    )
}
