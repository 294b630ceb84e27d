//! A file that appears whole or not at all: written to a temporary file in
//! the target's directory (mode 0600 on Unix) and renamed into place; on any
//! failure, or when dropped unfinished, the temporary file is removed.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Large writes: exports are streamed in big blocks.
pub const BUFFER: usize = 1 << 20;

pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file beside `target`.
    pub fn create(target: &Path) -> anyhow::Result<AtomicFile> {
        let shown = target.display();
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // Only a regular file is replaced: a symbolic link, a pipe or a
        // device (/dev/stdout, /dev/full) would be swapped for a plain file.
        if let Ok(meta) = std::fs::symlink_metadata(target)
            && !meta.is_file()
            && !meta.is_dir()
        {
            return Err(crate::invalid!(
                "--out：{shown} 不是普通文件（是符号链接、管道或设备），导出只写普通文件；要输出到屏幕或管道，请省略 --out（或写 --out -）",
                "--out: {shown} is not a regular file (a symbolic link, pipe or device); exports write regular files only — for stdout or a pipe leave out --out (or give --out -)",
            ));
        }
        if target.is_dir() {
            return Err(crate::invalid!(
                "--out：{shown} 是一个目录；请给出文件名",
                "--out: {shown} is a folder; give a file name",
            ));
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "export".to_string());
        let mut attempt = 0u32;
        loop {
            let temp = dir.join(format!(".{name}.{}-{attempt}.part", std::process::id()));
            match open_private(&temp) {
                Ok(file) => {
                    return Ok(AtomicFile {
                        target: target.to_path_buf(),
                        temp,
                        writer: Some(BufWriter::with_capacity(BUFFER, file)),
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => {
                    let folder = dir.display();
                    return Err(crate::invalid!(
                        "--out：无法在 {folder} 中写入文件：{e}；请检查目录是否存在且可写",
                        "--out: cannot write a file in {folder}: {e}; check that the folder exists and is writable",
                    ));
                }
            }
        }
    }

    pub fn writer(&mut self) -> anyhow::Result<&mut BufWriter<File>> {
        self.writer
            .as_mut()
            .ok_or_else(|| anyhow::anyhow!("export file already finished"))
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> anyhow::Result<()> {
        let writer = self
            .writer
            .take()
            .ok_or_else(|| anyhow::anyhow!("export file already finished"))?;
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&self.temp, &self.target)?;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(mut writer) = self.writer.take() {
            let _ = writer.flush();
            drop(writer);
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

#[cfg(unix)]
fn open_private(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}
