//! Running an import: the file is sniffed (not CSV? which encoding?),
//! decoded and parsed as a stream, its header mapped onto the dataset's
//! columns (Chinese, English or key, any order), and every row handed to
//! the dataset's handler inside one transaction. Every bad row is collected
//! (line, column, reason); any at all and nothing is written (exit 3).
//! `--dry-run` runs the same checks and rolls back. One audit row records
//! the file's name, SHA-256 and row count.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use csv::StringRecord;

use super::Dataset;
use super::encoding::Charset;
use super::header::{Header, is_title, map_header};
use super::progress::{LARGE_BYTES, Progress, STEP};
use super::report::{Problems, Summary};
use super::row::{Prepared, Row};
use super::source::{Chunk, ContentHash, PrepareBatch, Source};
use crate::context::{Ctx, Env, Tx};

/// What to do with a row whose code or ID number is already on file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDuplicate {
    Fail,
    Skip,
    Update,
}

impl OnDuplicate {
    pub fn parse(flag: &str, input: &str) -> anyhow::Result<OnDuplicate> {
        match input.trim().to_lowercase().as_str() {
            "fail" | "失败" | "报错" => Ok(OnDuplicate::Fail),
            "skip" | "跳过" => Ok(OnDuplicate::Skip),
            "update" | "更新" => Ok(OnDuplicate::Update),
            other => Err(crate::invalid!(
                "{flag}：“{other}”应为 fail（报错）、skip（跳过）或 update（更新）",
                "{flag}: \"{other}\" should be fail, skip or update",
            )),
        }
    }

    /// The error for a duplicate under `fail`: the column's flag, the record
    /// and the choices.
    pub fn refuse(flag: &str, what: &str) -> anyhow::Error {
        crate::invalid!(
            "{flag}：{what} 已存在；如需跳过或更新已有记录，请加 --on-duplicate skip 或 --on-duplicate update",
            "{flag}: {what} is already on file; to skip or update existing records add --on-duplicate skip or --on-duplicate update",
        )
    }
}

/// What a dataset's handler is told when an import starts.
#[derive(Clone)]
pub struct ImportSettings {
    pub on_duplicate: OnDuplicate,
    /// The command's environment, never interactive: an import never prompts.
    pub env: Env,
}

impl ImportSettings {
    /// `--on-duplicate update` for a dataset whose records an import does
    /// not edit: refused before any row is read, naming the way to edit.
    pub fn refuse_update(&self, name: &str) -> anyhow::Result<()> {
        if self.on_duplicate == OnDuplicate::Update {
            return Err(crate::invalid!(
                "--on-duplicate：数据集 {name} 的导入不更新已有记录（只能 fail 或 skip）；修改已有记录请用相应的 edit 命令",
                "--on-duplicate: importing {name} does not update records already on file (fail or skip only); change them with the dataset's own commands",
            ));
        }
        Ok(())
    }

    /// A row whose record is already on file, under `fail` or `skip` (for
    /// a dataset that refuses `update`).
    pub fn duplicate(&self, flag: &str, what: &str) -> anyhow::Result<Outcome> {
        match self.on_duplicate {
            OnDuplicate::Skip => Ok(Outcome::Skipped),
            _ => Err(crate::invalid!(
                "{flag}：{what} 已存在；如需跳过已有记录，请加 --on-duplicate skip",
                "{flag}: {what} is already on file; to skip records already on file add --on-duplicate skip",
            )),
        }
    }
}

/// What became of one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Inserted,
    Updated,
    Skipped,
    /// Skipped under `--on-duplicate skip` although the row differs from
    /// what is on file (the clerk is told which lines).
    SkippedDiffers,
}

/// A dataset's row handler: validates one row through the input layer and
/// writes it (cached prepared statements; lookups in maps loaded at start).
pub trait RowHandler {
    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome>;

    /// The checks of a row to run on the reading thread, if any (asked once,
    /// after the handler has loaded what it needs).
    fn preparer(&self) -> Option<super::Preparer> {
        None
    }

    /// Whether writing a row outweighs checking it (then the reading
    /// thread, with a preparer, keeps the content digest).
    fn writes_heavily(&self) -> bool {
        false
    }

    /// Runs once after the last row, before the problems are counted: the
    /// checks that need the whole file (a repeat far from its first row),
    /// each a row's error with its line.
    fn check(&mut self, _tx: &Tx) -> anyhow::Result<Vec<(u64, anyhow::Error)>> {
        Ok(Vec::new())
    }

    /// Runs once after the last row when every row was good (before the
    /// audit row and the commit; a dry run runs it too, then rolls back).
    fn finish(&mut self, _tx: &Tx) -> anyhow::Result<()> {
        Ok(())
    }
}

/// How an import runs.
pub struct ImportOptions {
    pub charset: Option<Charset>,
    pub dry_run: bool,
    pub on_duplicate: OnDuplicate,
    pub ignore_unknown: bool,
    /// The same file may be imported into the dataset a second time.
    pub again: bool,
}

/// Marks a dry run's rollback; carries its summary out of the transaction.
#[derive(Debug)]
struct DryRun(Summary);

impl std::fmt::Display for DryRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("dry run")
    }
}

impl std::error::Error for DryRun {}

/// Imports `path` into `dataset`.
pub fn run(
    ctx: &Ctx,
    dataset: &'static Dataset,
    path: &Path,
    options: &ImportOptions,
) -> anyhow::Result<(Summary, bool)> {
    let start = dataset
        .import
        .ok_or_else(|| anyhow::anyhow!("{} cannot be imported", dataset.name))?;
    let mut source = Source::open(path, options.charset)?;
    let shown = path.display().to_string();
    let charset = source.charset;
    let mut record = StringRecord::new();
    let mut title: Option<StringRecord> = None;
    let header = loop {
        if !source.next(&mut record)? {
            // A file of one line that names no column: that line is its header.
            if let Some(title) = &title {
                map_header(dataset, title, options.ignore_unknown, &shown)?;
            }
            return Err(crate::invalid!(
                "{shown} 是空文件（没有表头）；请给出带表头的 CSV 文件",
                "{shown} is empty (no header row); give a CSV file with a header row",
            ));
        }
        if record.iter().any(|c| !c.trim().is_empty()) {
            // A title row above the header is passed over, once.
            if title.is_none() && is_title(dataset, &record) {
                title = Some(record.clone());
                continue;
            }
            break map_header(dataset, &record, options.ignore_unknown, &shown)?;
        }
    };
    let content = &ContentHash::shared(&header.positions);
    let header = &header;
    let settings = ImportSettings {
        on_duplicate: options.on_duplicate,
        env: Env {
            interactive: false,
            ..ctx.env.clone()
        },
    };
    let progress = Progress::new(source.size, LARGE_BYTES, true);
    let read = Arc::clone(&source.read);
    // Index pages updated row by row stay in memory (16 MB, no memory map;
    // this connection ends with the command): 64 MB bought little (80,000
    // contacts 5.49 s against 5.63) and cost where free memory is short (a
    // million activity rows 2.07 s against 1.92; peak 136 MB against 87).
    crate::db::streaming(&ctx.conn, 16_384)?;
    // A handler that checks every row in full needs SQLite to check neither
    // its references nor its values a second time (inside an outer
    // transaction, where the foreign-key pragma is a no-op, both stay on).
    let unchecked = dataset.rows_checked && ctx.conn.is_autocommit();
    if unchecked {
        crate::db::constraints(&ctx.conn, false)?;
    }
    let result = ctx.write(move |tx| {
        let marks = crate::check::database::id_marks(tx)?;
        let mut handler = start(tx, &settings)?;
        // The reading thread checks what it can of each row as it reads. The
        // content digest is kept by the writing thread, unless writing a
        // row is the heavier work.
        let preparer = handler.preparer();
        let digest_reading = handler.writes_heavily() && preparer.is_some();
        let prepare_rows = preparer.map(|mut prepare| {
            Box::new(move |records: &[StringRecord]| -> Vec<Prepared> {
                if digest_reading {
                    let mut digest = ContentHash::hold(content);
                    for record in records {
                        digest.row(record);
                    }
                }
                let rows: Vec<Row> = records
                    .iter()
                    .map(|record| Row::new(record, &header.positions, dataset.columns, 0, None))
                    .collect();
                let mut prepared = prepare(&rows);
                // A row of the wrong width is refused before it is checked.
                for (ready, record) in prepared.iter_mut().zip(records) {
                    if record.len() != header.width {
                        *ready = None;
                    }
                }
                prepared
            }) as PrepareBatch<'_>
        });
        let mut problems = Problems::default();
        let mut summary = Summary {
            encoding: charset.name(),
            ignored: header.ignored.clone(),
            ..Summary::default()
        };
        let (open_quote, last_line) = std::thread::scope(|scope| {
            let (chunks, spent) = source.spawn(scope, prepare_rows);
            loop {
                let (batch, prepared) = match chunks.recv() {
                    Ok(Chunk::Records(batch, prepared)) => (batch, prepared),
                    Ok(Chunk::End { open_quote, last_line, sha256 }) => {
                        summary.sha256 = sha256;
                        summary.content_sha256 = ContentHash::hold(content).digest();
                        break Ok((open_quote, last_line));
                    }
                    Ok(Chunk::Failed(err)) => break Err(err),
                    Err(_) => break Err(anyhow::anyhow!("reading {shown} stopped")),
                };
                let mut prepared = prepared.into_iter();
                let mut digest = (!digest_reading).then(|| ContentHash::hold(content));
                for record in &batch {
                    if let Some(digest) = digest.as_mut() {
                        digest.row(record);
                    }
                    let counts = (&mut problems, &mut summary);
                    let ready = prepared.next().flatten();
                    take_row(tx, dataset, header, handler.as_mut(), (record, ready), counts)?;
                    if summary.rows % STEP == 0 {
                        progress.set(read.load(Ordering::Relaxed));
                    }
                }
                let _ = spent.try_send(batch);
            }
        })?;
        progress.finish();
        if !options.again && options.on_duplicate == OnDuplicate::Fail {
            super::repeat::check_not_imported(tx, dataset.name, &summary, &shown)?;
        }
        if open_quote {
            let line = last_line;
            problems.push(crate::tr!(
                "第 {line} 行：文件在带引号的单元格中结束（引号未配对，文件可能被截断）",
                "line {line}: the file ends inside a quoted cell (an unbalanced quote, or a truncated file)",
            ));
        }
        for (line, err) in handler.check(tx)? {
            problems.push_error(err, line, dataset, header)?;
        }
        problems.fail_if_any(&shown, summary.rows)?;
        handler.finish(tx)?;
        if options.dry_run {
            return Err(DryRun(summary).into());
        }
        // The records this import created, which its one audit row covers.
        let ranges = {
            use crate::check::database::{id_marks, id_ranges};
            id_ranges(&marks, &id_marks(tx)?)
        };
        let after = serde_json::json!({
            "dataset": dataset.name,
            "file": file_name(path),
            "path": shown,
            "sha256": summary.sha256,
            "content_sha256": summary.content_sha256,
            "encoding": summary.encoding,
            "rows": summary.rows,
            "inserted": summary.inserted,
            "updated": summary.updated,
            "skipped": summary.skipped,
            "skipped_differing": summary.differing.len(),
            "ranges": ranges,
        });
        crate::audit::record(tx.conn, tx.env, "import", None, "import", None, Some(&after))?;
        Ok(summary)
    });
    if unchecked {
        crate::db::constraints(&ctx.conn, true)?;
    }
    match result {
        Ok(summary) => Ok((summary, false)),
        Err(err) => match err.downcast::<DryRun>() {
            Ok(DryRun(summary)) => Ok((summary, true)),
            Err(err) => Err(err),
        },
    }
}

/// Checks one record and hands it to the dataset's handler, counting it
/// and collecting its problem if it has one.
fn take_row(
    tx: &Tx,
    dataset: &'static Dataset,
    header: &Header,
    handler: &mut dyn RowHandler,
    (record, prepared): (&StringRecord, Prepared),
    (problems, summary): (&mut Problems, &mut Summary),
) -> anyhow::Result<()> {
    let line = record.position().map_or(0, |p| p.line());
    if record.iter().all(|c| super::cells::trim(c).is_empty()) {
        return Ok(());
    }
    summary.rows += 1;
    if record.len() != header.width {
        let (got, want) = (record.len(), header.width);
        problems.push(crate::tr!(
            "第 {line} 行：有 {got} 个单元格，表头有 {want} 列（文件可能被截断，或某个单元格的引号未配对）",
            "line {line}: {got} cells where the header has {want} columns (a truncated file, or an unbalanced quote in a cell)",
        ));
        return Ok(());
    }
    let row = Row::new(record, &header.positions, dataset.columns, line, prepared);
    if let Some(n) = header.filled_blank(record) {
        problems.push(crate::tr!(
            "第 {line} 行，第 {n} 列：这一列没有表头却有内容；请补上表头（或删去这一列）",
            "line {line}, column {n}: a cell under a column with no header; give the column its header (or delete it)",
        ));
        return Ok(());
    }
    if let Some(column) = header.formula(record) {
        problems.push(crate::tr!(
            "第 {line} 行，{column}：单元格是表格公式；如确为文字，请在开头加英文单引号（'），导出文件即如此处理",
            "line {line}, {column}: the cell is a spreadsheet formula; if it is meant as text, start it with an apostrophe ('), as exports do",
        ));
        return Ok(());
    }
    if let Some(missing) = header.blank_required(&row) {
        problems.push(crate::tr!(
            "第 {line} 行，{missing}：必填，不能为空",
            "line {line}, {missing}: required, must not be empty",
        ));
        return Ok(());
    }
    match handler.row(tx, &row) {
        Ok(Outcome::Inserted) => summary.inserted += 1,
        Ok(Outcome::Updated) => summary.updated += 1,
        Ok(Outcome::Skipped) => summary.skipped += 1,
        Ok(Outcome::SkippedDiffers) => {
            summary.skipped += 1;
            summary.differing.push(line);
        }
        // A bulk write's constraint that still failed (INSERT OR ROLLBACK)
        // has ended the transaction: the import ends with it, before any
        // later row could be written outside it.
        Err(err) if tx.conn.is_autocommit() => return Err(err),
        Err(err) => problems.push_error(err, line, dataset, header)?,
    }
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
