//! The guard against importing the same rows twice: a nightly job run
//! again, or a clerk importing yesterday's file again (perhaps re-saved by
//! the spreadsheet), would otherwise record every contact or expense twice.

use super::report::Summary;
use crate::context::Tx;

/// Refuses a file whose exact bytes (SHA-256) — or the same rows as the
/// dataset reads them: saved again in another encoding or with other line
/// endings, with the blank rows a spreadsheet writes, columns in another
/// order or cells padded with spaces — were imported into the same
/// dataset before: a nightly job run twice, or a clerk
/// importing yesterday's file again, would otherwise record every contact
/// or expense twice.
pub fn check_not_imported(
    tx: &Tx,
    dataset: &str,
    summary: &Summary,
    shown: &str,
) -> anyhow::Result<()> {
    use rusqlite::OptionalExtension;
    let earlier: Option<(i64, String)> = tx
        .prepare_cached(
            "SELECT id, at FROM audit_log WHERE entity = 'import' AND action = 'import'
               AND json_extract(after, '$.dataset') = ?1
               AND (json_extract(after, '$.sha256') = ?2 OR json_extract(after, '$.content_sha256') = ?3)
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row(
            rusqlite::params![dataset, summary.sha256, summary.content_sha256],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, at)) = earlier {
        let day = at.get(..10).unwrap_or(&at);
        return Err(crate::refused!(
            "{shown}：同样的内容已于 {day} 导入过 {dataset}（操作记录 #{id}），再次导入会重复登记；确需再导入请加 --again",
            "{shown}: the same rows were imported into {dataset} on {day} (log entry #{id}); importing them again would record them twice — add --again if that is meant",
        ));
    }
    Ok(())
}
