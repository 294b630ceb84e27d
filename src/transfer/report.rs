//! What an import did (`Summary`) and the problems it finds: each placed by line and column, every one
//! of them counted, the first `SHOWN` printed, and the import refused if
//! there is any: exit 3, or exit 4 when every problem is a rule refusing
//! the row (over budget, a locked year) rather than bad input.

use super::Dataset;
use super::header::Header;
use crate::error::UserError;

/// How many problems are printed; the rest are counted.
pub const SHOWN: usize = 200;

#[derive(Default)]
pub struct Problems {
    shown: Vec<String>,
    total: u64,
    refused: u64,
}

impl Problems {
    /// A handler's error on `line` (see `row_problem`).
    pub fn push_error(
        &mut self,
        err: anyhow::Error,
        line: u64,
        dataset: &Dataset,
        header: &Header,
    ) -> anyhow::Result<()> {
        let refused = err
            .chain()
            .any(|c| matches!(c.downcast_ref::<UserError>(), Some(UserError::Refused(_))));
        self.push(row_problem(err, line, dataset, header)?);
        if refused {
            self.refused += 1;
        }
        Ok(())
    }

    pub fn push(&mut self, problem: String) {
        self.total += 1;
        if self.shown.len() < SHOWN {
            self.shown.push(problem);
        }
    }

    /// Refuses the import when anything was found, listing the problems.
    pub fn fail_if_any(&self, file: &str, rows: u64) -> anyhow::Result<()> {
        if self.total == 0 {
            return Ok(());
        }
        let total = self.total;
        let mut list = self.shown.join("\n  ");
        let more = total - self.shown.len() as u64;
        if more > 0 {
            list.push_str(&crate::tr!(
                "\n  ……另有 {more} 处问题未列出",
                "\n  … and {more} more not listed"
            ));
        }
        let zh = format!(
            "{file}：{rows} 行中有 {total} 处问题，未导入任何内容（请改正后重新导入，可先用 --dry-run 检查）：\n  {list}"
        );
        let en = format!(
            "{file}: {total} problems in {rows} rows; nothing was imported (fix them and import again; --dry-run checks without writing):\n  {list}"
        );
        Err(if self.refused == total {
            crate::refused!("{zh}", "{en}")
        } else {
            crate::invalid!("{zh}", "{en}")
        })
    }
}

/// A handler's error as a problem on `line`, under the column its flag
/// names. Errors that are not about the row (I/O, a broken database) end
/// the import instead.
fn row_problem(
    err: anyhow::Error,
    line: u64,
    dataset: &Dataset,
    header: &Header,
) -> anyhow::Result<String> {
    let is_user = err.chain().any(|c| {
        matches!(
            c.downcast_ref::<UserError>(),
            Some(UserError::Invalid(_) | UserError::Refused(_))
        )
    });
    let is_constraint = err.chain().any(|c| {
        c.downcast_ref::<rusqlite::Error>()
            .and_then(rusqlite::Error::sqlite_error_code)
            == Some(rusqlite::ErrorCode::ConstraintViolation)
    });
    if !is_user && !is_constraint {
        return Err(err);
    }
    let message = name_columns(&err.to_string(), dataset, header);
    for (i, column) in dataset.columns.iter().enumerate() {
        let flag = format!("--{}", column.key.replace('_', "-"));
        if let Some(rest) = message.strip_prefix(&flag) {
            // "--stipend" must not match "--stipend-year": a separator follows.
            let reason = rest
                .strip_prefix('：')
                .or_else(|| rest.strip_prefix(": "))
                .or_else(|| rest.strip_prefix(':'));
            if let Some(reason) = reason {
                let name = &header.names[i];
                return Ok(crate::tr!(
                    "第 {line} 行，{name}：{reason}",
                    "line {line}, {name}: {reason}"
                ));
            }
        }
    }
    Ok(crate::tr!(
        "第 {line} 行：{message}",
        "line {line}: {message}"
    ))
}

/// A column's name as a message quotes it.
fn quoted(name: &str) -> String {
    crate::tr!("“{name}”", "\"{name}\"")
}

/// The message with the flags a command would name (`add --guest`) told
/// as the file's columns (`add "特邀"`), after its leading flag: in a file
/// the fix is a cell, not a flag.
fn name_columns(message: &str, dataset: &Dataset, header: &Header) -> String {
    let (head, mut rest) = match message.find(['：', ':']) {
        Some(at) => message.split_at(at),
        None => ("", message),
    };
    let mut out = head.to_string();
    while let Some(at) = rest.find("--") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(tail.len());
        let flag = &tail[..end];
        let column = dataset
            .columns
            .iter()
            .position(|c| c.key.replace('_', "-") == flag);
        match column {
            Some(i) if !flag.is_empty() => out.push_str(&quoted(&header.names[i])),
            _ => {
                out.push_str("--");
                out.push_str(flag);
            }
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// What an import did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Summary {
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub skipped: u64,
    /// Lines skipped under `--on-duplicate skip` that differ from what is
    /// on file.
    pub differing: Vec<u64>,
    pub sha256: String,
    /// SHA-256 of the rows as the dataset sees them (`Source`): blank
    /// rows left out, cells trimmed, columns in the dataset's order.
    pub content_sha256: String,
    pub encoding: &'static str,
    /// Columns skipped under `--ignore-unknown`, as the file names them.
    pub ignored: Vec<String>,
}
