//! Character sets of CSV files: UTF-8 (with or without BOM), GBK and
//! GB18030 through encoding_rs. Writing encodes cell by cell so a character
//! the target cannot hold is reported with its row and column; reading
//! detects the encoding from the file's first bytes (or takes `--encoding`)
//! and decodes as a stream, reporting the line of a malformed byte.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

use encoding_rs::{Decoder, DecoderResult, EncoderResult, Encoding, GB18030, GBK, UTF_8};

/// A CSV file's character set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Gbk,
    Gb18030,
}

impl Charset {
    /// Parses `--encoding` (exit 3 naming the flag on anything else).
    pub fn parse(flag: &str, input: &str) -> anyhow::Result<Charset> {
        let folded = input.trim().to_lowercase().replace(['-', '_'], "");
        match folded.as_str() {
            "utf8" | "utf8bom" => Ok(Charset::Utf8),
            "gbk" | "cp936" | "gb2312" => Ok(Charset::Gbk),
            "gb18030" => Ok(Charset::Gb18030),
            _ => Err(crate::invalid!(
                "{flag}：不支持的编码“{input}”；可选：utf-8、gbk、gb18030",
                "{flag}: unsupported encoding \"{input}\"; choose utf-8, gbk or gb18030",
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Gbk => "GBK",
            Charset::Gb18030 => "GB18030",
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            Charset::Utf8 => UTF_8,
            Charset::Gbk => GBK,
            Charset::Gb18030 => GB18030,
        }
    }
}

/// Encodes cells for a CSV in a legacy character set, one cell at a time.
pub struct CellEncoder {
    encoder: Option<encoding_rs::Encoder>,
    /// GBK as Windows (and so Excel and WPS) reads it: code page 936.
    cp936: bool,
    pub buf: Vec<u8>,
}

/// Whether a two-byte GBK code is one Windows code page 936 reads as a
/// private-use character (a blank box in Excel): the user-defined areas,
/// and the codes GB18030-2005 gave to characters GBK lacked (the vertical
/// forms, ḿ ǹ, the ideographic description characters, and FE50–FEA0, e.g.
/// 䶮), which encoding_rs writes as the standard does.
fn cp936_private(lead: u8, trail: u8) -> bool {
    match lead {
        0xA1..=0xA7 if (0x40..=0xA0).contains(&trail) => true,
        0xA6 => matches!(trail, 0xD9..=0xDF | 0xEC..=0xED | 0xF3),
        0xA8 => matches!(trail, 0xBC | 0xBF),
        0xA9 => (0x89..=0x95).contains(&trail),
        0xAA..=0xAF | 0xF8..=0xFD => trail >= 0xA1,
        0xFE => trail >= 0x50,
        _ => false,
    }
}

impl CellEncoder {
    pub fn new(charset: Charset) -> Self {
        let encoder = (charset != Charset::Utf8).then(|| charset.encoding().new_encoder());
        CellEncoder {
            encoder,
            cp936: charset == Charset::Gbk,
            buf: Vec::with_capacity(256),
        }
    }

    /// The first character of `text` whose GBK code Windows cannot show.
    fn cp936_gap(&self, text: &str) -> Option<char> {
        let mut chars = text.chars().filter(|c| !c.is_ascii());
        let mut bytes = self.buf.iter();
        while let Some(&lead) = bytes.next() {
            if lead < 0x80 {
                continue;
            }
            let c = chars.next();
            // A lone 0x80 is the euro sign (one byte); every other code is two.
            if lead == 0x80 {
                continue;
            }
            let &trail = bytes.next()?;
            if cp936_private(lead, trail) {
                return c;
            }
        }
        None
    }

    /// The bytes of `text` in the target set; `Err(c)` names the first
    /// character it cannot hold. UTF-8 passes through untouched.
    pub fn encode<'a>(&'a mut self, text: &'a str) -> Result<&'a [u8], char> {
        let Some(encoder) = self.encoder.as_mut() else {
            return Ok(text.as_bytes());
        };
        if text.is_ascii() {
            return Ok(text.as_bytes());
        }
        self.buf.clear();
        let mut rest = text;
        loop {
            let need = encoder
                .max_buffer_length_from_utf8_without_replacement(rest.len())
                .unwrap_or(rest.len() * 4);
            self.buf.reserve(need);
            let (result, read) =
                encoder.encode_from_utf8_to_vec_without_replacement(rest, &mut self.buf, false);
            rest = &rest[read..];
            match result {
                EncoderResult::InputEmpty => {
                    if self.cp936
                        && let Some(c) = self.cp936_gap(text)
                    {
                        return Err(c);
                    }
                    return Ok(&self.buf);
                }
                EncoderResult::OutputFull => continue,
                EncoderResult::Unmappable(c) => return Err(c),
            }
        }
    }
}

/// Looks at the first bytes of a file: refuses what is not CSV text and
/// chooses the character set (when not given). Returns the set and how many
/// BOM bytes to skip.
pub fn sniff(head: &[u8], given: Option<Charset>, file: &str) -> anyhow::Result<(Charset, usize)> {
    if head.is_empty() {
        return Err(crate::invalid!(
            "{file} 是空文件；请导出带表头的 CSV 文件",
            "{file} is empty; give a CSV file with a header row",
        ));
    }
    let kind = binary_kind(head);
    if let Some((zh, en)) = kind {
        return Err(crate::invalid!(
            "{file} 不是 CSV 文本文件（看起来是{zh}）；请在表格软件中“另存为 CSV”后再导入",
            "{file} is not a CSV text file (it looks like {en}); save it as CSV from the spreadsheet first",
        ));
    }
    if head.starts_with(b"\xEF\xBB\xBF") {
        return match given {
            None | Some(Charset::Utf8) => Ok((Charset::Utf8, 3)),
            Some(other) => {
                let name = other.name();
                Err(crate::invalid!(
                    "{file} 以 UTF-8 的 BOM 开头，但 --encoding 指定为 {name}；请去掉 --encoding",
                    "{file} starts with a UTF-8 byte-order mark but --encoding says {name}; drop --encoding",
                ))
            }
        };
    }
    // Valid UTF-8 (a character cut at the end of the sample still is) with
    // Chinese in it: a few GBK characters can happen to be valid UTF-8
    // (郑隆 reads as Hebrew and Latin), so Chinese decides, not validity.
    let valid = match std::str::from_utf8(head) {
        Ok(text) => Some(text),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok(),
        Err(_) => None,
    };
    let chinese_utf8 = valid.is_some_and(|t| t.chars().any(crate::input::text::is_cjk));
    if let Some(charset) = given {
        // Chinese text in UTF-8 read as GBK would be stored garbled (寮犱笁
        // for 张三) without a single malformed byte to stop it.
        if charset != Charset::Utf8 && chinese_utf8 {
            let name = charset.name();
            return Err(crate::invalid!(
                "{file} 是 UTF-8 编码（含中文），却指定了 --encoding {name}，按 {name} 读取会成为乱码；请去掉 --encoding",
                "{file} is UTF-8 (with Chinese text) but --encoding says {name}, which would garble it; drop --encoding",
            ));
        }
        return Ok((charset, 0));
    }
    if let Some(text) = valid
        && (text.is_ascii() || chinese_utf8 || !gbk_chinese(head))
    {
        return Ok((Charset::Utf8, 0));
    }
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(head.len() * 2);
    let (result, _) = decoder.decode_to_string_without_replacement(head, &mut out, false);
    match result {
        DecoderResult::Malformed(_, _) => Err(crate::invalid!(
            "{file} 既不是 UTF-8 也不是 GBK/GB18030 编码；请在表格软件中另存为“CSV UTF-8”，或用 --encoding 指明编码",
            "{file} is neither UTF-8 nor GBK/GB18030; save it as \"CSV UTF-8\" from the spreadsheet, or name its encoding with --encoding",
        )),
        _ => Ok((Charset::Gb18030, 0)),
    }
}

/// Recognises common binary files handed to an import by mistake.
fn binary_kind(head: &[u8]) -> Option<(&'static str, &'static str)> {
    const KINDS: &[(&[u8], &str, &str)] = &[
        (b"\x89PNG", "PNG 图片", "a PNG image"),
        (b"\xFF\xD8\xFF", "JPEG 图片", "a JPEG image"),
        (
            b"PK\x03\x04",
            "xlsx 工作簿或 zip 压缩包",
            "an xlsx workbook or a zip archive",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "旧版 Excel（xls）或 Word 文件",
            "an old Excel (xls) or Word file",
        ),
        (b"%PDF", "PDF 文件", "a PDF file"),
        (b"SQLite format 3", "SQLite 数据库", "an SQLite database"),
        (b"\xFF\xFE", "UTF-16 文本", "UTF-16 text"),
        (b"\xFE\xFF", "UTF-16 文本", "UTF-16 text"),
    ];
    for (magic, zh, en) in KINDS {
        if head.starts_with(magic) {
            return Some((zh, en));
        }
    }
    head.contains(&0).then_some(("二进制文件", "a binary file"))
}

/// Whether `head` decodes as GB18030 without error into text with Chinese.
fn gbk_chinese(head: &[u8]) -> bool {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(head.len() * 2);
    let (result, _) = decoder.decode_to_string_without_replacement(head, &mut out, false);
    !matches!(result, DecoderResult::Malformed(_, _)) && out.chars().any(crate::input::text::is_cjk)
}

/// A malformed byte sequence met while decoding, with the line it is on.
#[derive(Debug)]
pub struct Malformed {
    pub line: u64,
    pub charset: Charset,
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "malformed {} on line {}", self.charset.name(), self.line)
    }
}

impl std::error::Error for Malformed {}

/// Decodes a byte stream to UTF-8 as it is read, counting lines so that a
/// malformed byte can be placed.
pub struct Decoding<R: BufRead> {
    inner: R,
    decoder: Decoder,
    charset: Charset,
    out: Vec<u8>,
    pos: usize,
    quotes: u64,
    done: bool,
    /// Decoded bytes handed out before `out`'s first.
    emitted: u64,
    /// Where lines end (offsets in the decoded text) not yet passed by a
    /// record, and how many were passed: `\n`, `\r\n` (once, at its `\r`)
    /// and a lone `\r` each end a line, as spreadsheets write them.
    ends: VecDeque<u64>,
    passed: u64,
    last_cr: Option<u64>,
}

impl<R: BufRead> Decoding<R> {
    pub fn new(inner: R, charset: Charset) -> Self {
        Decoding {
            inner,
            decoder: charset.encoding().new_decoder_without_bom_handling(),
            charset,
            out: Vec::with_capacity(1 << 17),
            pos: 0,
            quotes: 0,
            done: false,
            emitted: 0,
            ends: VecDeque::new(),
            passed: 0,
            last_cr: None,
        }
    }

    /// The line (from 1) of the decoded text's byte `offset`: a record's
    /// line from its starting byte, whatever the file's line endings (the
    /// CSV reader counts only `\n`, and a CRLF's `\n` after the record it
    /// ends). Offsets must be asked in order.
    pub fn line_at(&mut self, offset: u64) -> u64 {
        while self.ends.front().is_some_and(|&end| end < offset) {
            self.ends.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }

    /// Whether the text so far holds an odd number of `"`: read to the end,
    /// the file stops inside a quoted cell (truncated, or a quote unpaired).
    pub fn open_quote(&self) -> bool {
        self.quotes % 2 == 1
    }

    /// The underlying reader.
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// Decodes the next chunk of input into `out`.
    fn refill(&mut self) -> io::Result<()> {
        self.emitted += self.out.len() as u64;
        self.out.clear();
        self.pos = 0;
        while self.out.is_empty() && !self.done {
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let need = self
                .decoder
                .max_utf8_buffer_length_without_replacement(input.len())
                .unwrap_or(input.len() * 3 + 16);
            self.out.reserve(need);
            let spare = self.out.capacity() - self.out.len();
            let mut tmp = std::mem::take(&mut self.out);
            tmp.resize(spare, 0);
            let (result, read, written) = self
                .decoder
                .decode_to_utf8_without_replacement(input, &mut tmp, last);
            tmp.truncate(written);
            self.out = tmp;
            self.inner.consume(read);
            let base = self.emitted;
            for (i, b) in self.out.iter().enumerate() {
                self.quotes += u64::from(*b == b'"');
                let at = base + i as u64;
                match b {
                    b'\r' => {
                        self.ends.push_back(at);
                        self.last_cr = Some(at);
                    }
                    b'\n' if self.last_cr.is_some_and(|cr| cr + 1 == at) => {}
                    b'\n' => self.ends.push_back(at),
                    _ => {}
                }
            }
            match result {
                DecoderResult::InputEmpty => self.done = last,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(_, _) => {
                    let line = self.passed + self.ends.len() as u64 + 1;
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        Malformed {
                            line,
                            charset: self.charset,
                        },
                    ));
                }
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.out.len() {
            self.refill()?;
        }
        let available = &self.out[self.pos..];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
#[path = "encoding_tests.rs"]
mod tests;
