//! Entry point: parse, run, and on failure print the error once and exit
//! with its documented code. The only place that prints an error.

use std::process::ExitCode;

use roster::error::{self, exit};

/// Imports parse on one thread and write on another; glibc's allocator
/// serialises the two on its arena lock (a string made by the reader is freed
/// by the writer). mimalloc frees across threads without a shared lock.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // An argument that is not UTF-8 (a path in another encoding) is read
    // with replacement characters and then refused like any bad value,
    // instead of aborting.
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match roster::run_from_args(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let code = error::exit_code_for(&err);
            // `due --fail-on-due` finding items is a status, not an error.
            let prefix = if code == exit::DUE {
                roster::i18n::pick("待办", "due")
            } else {
                roster::i18n::pick("错误", "error")
            };
            let mut message = match error::explain_sqlite(&err) {
                Some(sentence) => format!("{prefix}: {sentence} ({err:#})"),
                None => format!("{prefix}: {err:#}"),
            };
            if io_kind(&err, std::io::ErrorKind::StorageFull) {
                // The disk is full: nothing to report, something to free.
                message.push_str(roster::i18n::pick(
                    "\n（磁盘已满：请腾出空间后重试；数据库中的更改未保存）",
                    "\n(the disk is full: free some space and try again; no change to the database was kept)",
                ));
            } else if code == exit::UNEXPECTED {
                message.push_str(roster::i18n::pick(
                    "\n（意外错误，未写入任何内容；请把这条信息和所用命令报告给维护人员）",
                    "\n(an unexpected failure; nothing was written — please report this message and the command to the maintainers)",
                ));
            }
            // An ID number typed into any flag is never echoed in full.
            eprintln!("{}", roster::privacy::mask_ids(&message));
            ExitCode::from(code as u8)
        }
    }
}

/// A closed pipe (`roster … | head`) is not a failure.
fn broken_pipe(err: &anyhow::Error) -> bool {
    io_kind(err, std::io::ErrorKind::BrokenPipe)
}

/// Whether an I/O error of `kind` (from a write, the CSV writer or the JSON
/// writer) caused `err`.
fn io_kind(err: &anyhow::Error, kind: std::io::ErrorKind) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == kind)
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == kind))
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(kind))
    })
}
