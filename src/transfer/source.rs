//! An import's file, read on a thread of its own: opened, hashed (SHA-256
//! of every byte), sniffed (not CSV? which encoding?), decoded and parsed
//! into records handed over in batches, so that reading a large file
//! overlaps with checking and writing its rows. A malformed byte or a
//! failed read ends the import with a message naming the line.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use csv::StringRecord;
use sha2::{Digest, Sha256};

use super::cells;
use super::encoding::{Charset, Decoding, Malformed, sniff};
use super::row::Prepared;

/// Records per batch handed from the reading thread.
const BATCH: usize = 512;
/// Batches in flight between the threads.
const IN_FLIGHT: usize = 8;

/// Reads the file's bytes once, hashing them and counting for the progress bar.
struct Hashing {
    file: File,
    hasher: Sha256,
    read: Arc<AtomicU64>,
}

impl Read for Hashing {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

type Reader = csv::Reader<Decoding<BufReader<Hashing>>>;

/// An opened import file.
pub struct Source {
    reader: Reader,
    pub charset: Charset,
    /// The file's size, and how many bytes have been read so far.
    pub size: u64,
    pub read: Arc<AtomicU64>,
    shown: String,
}

/// What the reading thread makes of each record of a batch it reads (the
/// dataset's `RowHandler::preparer`, on the records as rows).
pub type PrepareBatch<'a> = Box<dyn FnMut(&[StringRecord]) -> Vec<Prepared> + Send + 'a>;

/// What the reading thread hands over.
pub enum Chunk {
    /// Records, and what `prepare` made of each (empty without one).
    Records(Vec<StringRecord>, Vec<Prepared>),
    /// The end of the file: whether it stopped inside a quoted cell, the
    /// line of the last record, and the file's SHA-256.
    End {
        open_quote: bool,
        last_line: u64,
        sha256: String,
    },
    Failed(anyhow::Error),
}

impl Source {
    /// Opens `path`, refusing what is not CSV text and choosing its
    /// character set (`given`, or detected).
    pub fn open(path: &Path, given: Option<Charset>) -> anyhow::Result<Source> {
        let shown = path.display().to_string();
        let file = File::open(path).map_err(|e| {
            crate::invalid!(
                "FILE：无法打开 {shown}：{e}",
                "FILE: cannot open {shown}: {e}"
            )
        })?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(crate::invalid!(
                "FILE：{shown} 是文件夹，不是文件；请给出 CSV 文件的路径",
                "FILE: {shown} is a folder, not a file; give the path of a CSV file"
            ));
        }
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let read = Arc::new(AtomicU64::new(0));
        let hashing = Hashing {
            file,
            hasher: Sha256::new(),
            read: Arc::clone(&read),
        };
        let mut buffered = BufReader::with_capacity(1 << 16, hashing);
        let head = buffered.fill_buf()?;
        let (charset, bom) = sniff(head, given, &shown)?;
        buffered.consume(bom);
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(Decoding::new(buffered, charset));
        Ok(Source {
            reader,
            charset,
            size,
            read,
            shown,
        })
    }

    /// Reads the next record; a malformed byte or a read failure is a clear error.
    pub fn next(&mut self, record: &mut StringRecord) -> anyhow::Result<bool> {
        let shown = &self.shown;
        match self.reader.read_record(record) {
            Ok(more) => {
                // The record's line in the file, counted by the decoder
                // (the CSV reader's own count misses CRLF and CR endings).
                if let Some(position) = record.position() {
                    let mut position = position.clone();
                    position.set_line(self.reader.get_mut().line_at(position.byte()));
                    record.set_position(Some(position));
                }
                Ok(more)
            }
            Err(err) => {
                if let csv::ErrorKind::Io(io) = err.kind()
                    && let Some(bad) = io.get_ref().and_then(|e| e.downcast_ref::<Malformed>())
                {
                    let (line, name) = (bad.line, bad.charset.name());
                    let hint = match bad.charset {
                        Charset::Utf8 => crate::tr!(
                            "若文件是 GBK 编码，请加 --encoding gbk",
                            "if the file is GBK, add --encoding gbk"
                        ),
                        _ => crate::tr!(
                            "请确认文件编码，或在表格软件中另存为“CSV UTF-8”",
                            "check the file's encoding, or save it as \"CSV UTF-8\" from the spreadsheet"
                        ),
                    };
                    return Err(crate::invalid!(
                        "{shown} 第 {line} 行含有不是 {name} 的字节；{hint}；未写入任何内容",
                        "{shown}, line {line}: bytes that are not {name}; {hint}; nothing was written",
                    ));
                }
                if let csv::ErrorKind::Utf8 { pos, .. } = err.kind() {
                    let line = pos.as_ref().map_or(0, |p| p.line());
                    return Err(crate::invalid!(
                        "{shown} 第 {line} 行不是有效的文本；未写入任何内容",
                        "{shown}, line {line}: not valid text; nothing was written",
                    ));
                }
                Err(anyhow::Error::new(err).context(format!("reading {shown}")))
            }
        }
    }

    /// The SHA-256 of every byte of the file (read to its end first).
    fn sha256(&mut self) -> String {
        let hashing = self.reader.get_mut().get_mut().get_mut();
        let mut tail = Vec::new();
        let _ = hashing.read_to_end(&mut tail);
        hex(&hashing.hasher.clone().finalize())
    }

    /// Reads the rest of the file on a thread of `scope`: batches of
    /// records arrive on the returned receiver, each with what `prepare`
    /// (if any) made of it, and spent batches go back on the sender for
    /// reuse. Dropping the receiver stops the thread.
    pub fn spawn<'scope>(
        mut self,
        scope: &'scope std::thread::Scope<'scope, '_>,
        mut prepare: Option<PrepareBatch<'scope>>,
    ) -> (Receiver<Chunk>, SyncSender<Vec<StringRecord>>) {
        let (out, chunks) = sync_channel::<Chunk>(IN_FLIGHT);
        let (spent, back) = sync_channel::<Vec<StringRecord>>(IN_FLIGHT + 2);
        scope.spawn(move || {
            let mut last_line = 0;
            loop {
                let mut batch = back.try_recv().unwrap_or_default();
                batch.resize_with(BATCH, StringRecord::new);
                let mut filled = 0;
                while filled < BATCH {
                    match self.next(&mut batch[filled]) {
                        Ok(true) => {
                            last_line = batch[filled].position().map_or(last_line, |p| p.line());
                            filled += 1;
                        }
                        Ok(false) => break,
                        Err(err) => {
                            let _ = out.send(Chunk::Failed(err));
                            return;
                        }
                    }
                }
                let done = filled < BATCH;
                batch.truncate(filled);
                let prepared = match prepare.as_mut() {
                    Some(prepare) => prepare(&batch),
                    None => Vec::new(),
                };
                if !batch.is_empty() && out.send(Chunk::Records(batch, prepared)).is_err() {
                    return;
                }
                if done {
                    let open_quote = self.reader.get_ref().open_quote();
                    let sha256 = self.sha256();
                    let _ = out.send(Chunk::End {
                        open_quote,
                        last_line,
                        sha256,
                    });
                    return;
                }
            }
        });
        (chunks, spent)
    }
}

/// SHA-256 of the rows as the dataset sees them (not the bytes): the data
/// rows after the header, rows of blanks left out, each row's cells trimmed
/// and in the dataset's column order. The same rows saved again in another
/// encoding, with other line endings, reordered columns, padded cells or
/// the blank rows a spreadsheet leaves hash the same. Kept by whichever
/// thread has time to spare (`RowHandler::writes_heavily`).
pub struct ContentHash {
    hasher: Sha256,
    /// For each dataset column, its place in the file.
    columns: Vec<Option<usize>>,
    /// A row's hashed bytes, gathered for one `update`.
    row: Vec<u8>,
}

impl ContentHash {
    /// Starts with which columns the file has (`positions`: each dataset
    /// column's place in the file, the header's mapping).
    pub fn new(positions: &[Option<usize>]) -> ContentHash {
        let mut hasher = Sha256::new();
        for place in positions {
            hasher.update([u8::from(place.is_some())]);
        }
        hasher.update([0x1e]);
        ContentHash {
            hasher,
            columns: positions.to_vec(),
            row: Vec::new(),
        }
    }

    /// A data record, in the file's order.
    pub fn row(&mut self, record: &StringRecord) {
        if record.iter().all(|c| cells::trim(c).is_empty()) {
            return;
        }
        self.row.clear();
        for place in self.columns.iter().flatten() {
            let cell = record.get(*place).unwrap_or_default();
            self.row.extend_from_slice(cells::trim(cell).as_bytes());
            self.row.push(0x1f);
        }
        self.row.push(0x1e);
        self.hasher.update(&self.row);
    }

    pub fn digest(&self) -> String {
        hex(&self.hasher.clone().finalize())
    }

    /// One to share between the two threads (only one of them updates it).
    pub fn shared(positions: &[Option<usize>]) -> Mutex<ContentHash> {
        Mutex::new(ContentHash::new(positions))
    }

    pub fn hold(shared: &Mutex<ContentHash>) -> MutexGuard<'_, ContentHash> {
        shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
