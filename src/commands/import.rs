//! `roster import DATASET FILE`: options validated, the file run through
//! the transfer machinery in one transaction, and what happened reported.

use crate::cli::import::ImportArgs;
use crate::context::Ctx;
use crate::output::print_done;
use crate::transfer::{self, Charset, OnDuplicate, import::ImportOptions};

pub fn run(ctx: &Ctx, args: ImportArgs) -> anyhow::Result<()> {
    let dataset = transfer::find(&args.dataset, true)?;
    let options = ImportOptions {
        charset: args
            .encoding
            .as_deref()
            .map(|e| Charset::parse("--encoding", e))
            .transpose()?,
        dry_run: args.dry_run,
        again: args.again,
        on_duplicate: match args.on_duplicate.as_deref() {
            Some(text) => OnDuplicate::parse("--on-duplicate", text)?,
            None => OnDuplicate::Fail,
        },
        ignore_unknown: args.ignore_unknown,
    };
    let (summary, dry) = transfer::import::run(ctx, dataset, &args.file, &options)?;
    let (name, file) = (dataset.name, args.file.display());
    let (rows, inserted, updated, skipped) = (
        summary.rows,
        summary.inserted,
        summary.updated,
        summary.skipped,
    );
    let (encoding, sha) = (summary.encoding, &summary.sha256);
    let message = if dry {
        crate::tr!(
            "检查通过（--dry-run，未写入任何内容）：{file}（{encoding}）共 {rows} 行，可新增 {inserted}，更新 {updated}，跳过 {skipped}",
            "check passed (--dry-run, nothing written): {file} ({encoding}), {rows} rows: {inserted} to add, {updated} to update, {skipped} to skip",
        )
    } else {
        crate::tr!(
            "已导入 {name}：{file}（{encoding}，SHA-256 {sha}）共 {rows} 行，新增 {inserted}，更新 {updated}，跳过 {skipped}",
            "imported {name}: {file} ({encoding}, SHA-256 {sha}), {rows} rows: {inserted} added, {updated} updated, {skipped} skipped",
        )
    };
    // Rows skipped that differ from the roster: the file and the roster
    // now disagree, and the clerk should know where.
    let message = if summary.differing.is_empty() {
        message
    } else {
        let n = summary.differing.len();
        let mut lines: Vec<String> = summary
            .differing
            .iter()
            .take(10)
            .map(u64::to_string)
            .collect();
        if n > 10 {
            lines.push("…".into());
        }
        let (zh, en) = (lines.join("、"), lines.join(", "));
        message
            + &crate::tr!(
                "；跳过的行中有 {n} 行与已登记的不同，未更新（第 {zh} 行）；要按文件更新请用 --on-duplicate update",
                "; {n} of the rows skipped differ from the roster and were not updated (lines {en}); to update them use --on-duplicate update"
            )
    };
    let message = if summary.ignored.is_empty() {
        message
    } else {
        let list = summary.ignored.join(", ");
        message
            + &crate::tr!(
                "；未导入的列（--ignore-unknown）：{list}",
                "; columns not imported (--ignore-unknown): {list}"
            )
    };
    print_done(&ctx.env, &message, "import", rows as i64, None)
}
