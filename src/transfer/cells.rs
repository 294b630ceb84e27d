//! One cell of an export, straight from SQLite into a reused buffer: labels,
//! yuan, masks, formula neutralisation and text protection; and the exact
//! undoing of the last two when a file comes back in.
//!
//! Text protection: a cell a spreadsheet would read as a number and spoil
//! (an 18-digit ID number shown as 1.10105E+17, a phone losing a leading
//! zero, a long digit code) is written with a leading tab. Excel, WPS and
//! LibreOffice keep such a cell as text and show no tab; it cannot start a
//! formula because only digits follow. Neutralisation (`output::neutralize`)
//! is applied first, so a tab that came from the data itself is always
//! behind an apostrophe, and an import removes a leading tab before undoing
//! the apostrophe: export → import → export is byte-for-byte the same.

use std::fmt::Write as _;

use rusqlite::types::ValueRef;

use crate::i18n::pick;
use crate::input::{idcard, money};
use crate::output::{Kind, neutralize};
use crate::privacy;

/// How cells are written.
#[derive(Clone, Copy, Debug)]
pub struct CellStyle {
    pub mask: bool,
    /// Protect numbers-as-text with a tab (CSV; xlsx cells are typed text).
    /// Formulas are neutralised in both, so a workbook saved back to CSV
    /// by a spreadsheet still reads as text, not as a formula.
    pub csv: bool,
}

/// Writes the cell `value` of a column of `kind` into `buf` (cleared first).
pub fn format(buf: &mut String, value: ValueRef<'_>, kind: Kind, style: CellStyle) {
    buf.clear();
    match value {
        ValueRef::Null => {}
        ValueRef::Integer(i) => match kind {
            Kind::Money => {
                let sign = if i < 0 { "-" } else { "" };
                let abs = i.unsigned_abs();
                let _ = write!(buf, "{sign}{}.{:02}", abs / 100, abs % 100);
            }
            Kind::Bool => buf.push_str(if i != 0 {
                pick("是", "yes")
            } else {
                pick("否", "no")
            }),
            Kind::Percent => {
                let _ = write!(buf, "{:.1}%", i as f64 * 100.0);
            }
            _ => {
                let _ = write!(buf, "{i}");
            }
        },
        ValueRef::Real(f) => match kind {
            Kind::Percent => {
                let _ = write!(buf, "{:.1}%", f * 100.0);
            }
            _ => {
                // Whole cents (hours such as 3 or 2.5) without the slow
                // exact float formatting: the same text `{:.2}` gives.
                let cents = f * 100.0;
                if cents.fract() == 0.0 && cents.abs() < 1e15 {
                    let cents = cents as i64;
                    let sign = if cents < 0 { "-" } else { "" };
                    let (whole, part) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
                    let _ = match part {
                        0 => write!(buf, "{sign}{whole}"),
                        p if p % 10 == 0 => write!(buf, "{sign}{whole}.{}", p / 10),
                        p => write!(buf, "{sign}{whole}.{p:02}"),
                    };
                    if buf == "-0" {
                        buf.clear();
                        buf.push('0');
                    }
                    return;
                }
                let _ = write!(buf, "{f:.2}");
                let kept = buf.trim_end_matches('0').trim_end_matches('.').len();
                buf.truncate(kept);
                // What rounds to nothing reads 0, never -0 (`output::decimal`).
                if buf.is_empty() || buf == "-" || buf == "-0" {
                    buf.clear();
                    buf.push('0');
                }
            }
        },
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            text_cell(buf, &text, kind, style);
        }
    }
}

fn text_cell(buf: &mut String, text: &str, kind: Kind, style: CellStyle) {
    match kind {
        Kind::Enum(domain) => {
            for (i, code) in text.split(',').enumerate() {
                if i > 0 {
                    buf.push_str(pick("、", ", "));
                }
                match domain.labels.iter().find(|l| l.code == code) {
                    Some(label) => buf.push_str(pick(label.zh, label.en)),
                    None => buf.push_str(code),
                }
            }
            return;
        }
        Kind::EnumOf(_) | Kind::Counts(_) | Kind::List => {
            let cell = crate::output::Cell::Text(text.to_string());
            buf.push_str(&crate::output::display(&cell, kind, Default::default()));
        }
        Kind::Phone if style.mask => buf.push_str(&privacy::mask_phone(text)),
        Kind::IdNumber if style.mask => buf.push_str(&idcard::mask(text)),
        Kind::Email if style.mask => buf.push_str(&privacy::mask_email(text)),
        Kind::Address if style.mask => buf.push_str(&privacy::mask_address(text)),
        Kind::WeChat if style.mask => buf.push_str(&privacy::mask_wechat(text)),
        Kind::BirthDate if style.mask => buf.push_str(&privacy::mask_birth_date(text)),
        Kind::Money => match text.parse::<i64>() {
            Ok(fen) => buf.push_str(&money::plain(fen)),
            Err(_) => buf.push_str(text),
        },
        _ => buf.push_str(text),
    }
    if matches!(kind, Kind::Money) {
        return;
    }
    if let std::borrow::Cow::Owned(safe) = neutralize(buf) {
        buf.clear();
        buf.push_str(&safe);
    } else if style.csv && spoiled_as_number(buf, kind) {
        buf.insert(0, '\t');
    }
}

/// Whether a spreadsheet would read this text as a number and change it.
fn spoiled_as_number(text: &str, kind: Kind) -> bool {
    let bytes = text.as_bytes();
    let Some((&last, body)) = bytes.split_last() else {
        return false;
    };
    match kind {
        // ID numbers (…X too, for a uniform column) and phones of digits and dashes.
        Kind::IdNumber | Kind::Phone => {
            body.iter().all(|b| b.is_ascii_digit() || *b == b'-')
                && (last.is_ascii_digit() || last == b'X' || last == b'x')
        }
        // A digit string that would lose a leading zero or its precision.
        _ => {
            bytes.iter().all(u8::is_ascii_digit)
                && bytes.len() > 1
                && (bytes[0] == b'0' || bytes.len() > 11)
        }
    }
}

/// Undoes what an export did to a text cell: the protecting tab, an
/// `="…"` wrapper some tools write, and the neutralising apostrophe.
pub fn restore(cell: &str) -> &str {
    match cell.as_bytes().first() {
        Some(b'\t' | b'=' | b'\'') => crate::output::unneutralize(unprotect(cell)),
        _ => cell,
    }
}

/// `str::trim`, with a quick answer for the usual cell that starts and
/// ends with a visible ASCII character (nothing to trim): an import trims
/// a dozen cells a row.
#[inline]
pub fn trim(cell: &str) -> &str {
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

/// Whether a cell as read (before the apostrophe is undone) is a live
/// spreadsheet formula rather than text: it starts with `=` or `@`, or with
/// `+`/`-` followed by formula syntax (`+1+cmd|' /C calc'!A0`). A number
/// such as `-3` or a phone such as `+86 138…` is not. Exports never write
/// one: they neutralise such text with an apostrophe.
pub fn is_formula(cell: &str) -> bool {
    // Most cells start with a letter, a digit or a Chinese character.
    match cell.as_bytes().first() {
        None => return false,
        Some(b) if b.is_ascii_alphanumeric() || *b >= 0x80 => return false,
        Some(_) => {}
    }
    let text = unprotect(cell).trim_start_matches([' ', '\t', '\r', '\n']);
    match text.chars().next() {
        Some('=' | '@') => true,
        Some('+' | '-') => text[1..].contains(['=', '(', '!', '|', '"', '+']),
        _ => false,
    }
}

/// The cell without the protecting tab or an `="…"` wrapper.
fn unprotect(cell: &str) -> &str {
    let cell = match cell.strip_prefix('\t') {
        Some(rest) if !rest.is_empty() && !rest.starts_with(['\t', '\'']) => rest,
        _ => cell,
    };
    match cell
        .strip_prefix("=\"")
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) if !inner.contains('"') => inner,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::GENDER;

    fn cell(value: ValueRef<'_>, kind: Kind, mask: bool) -> String {
        let mut buf = String::new();
        format(&mut buf, value, kind, CellStyle { mask, csv: true });
        buf
    }

    #[test]
    fn whole_cents_format_as_the_exact_formatting_does() {
        let exact = |f: f64| {
            let text = format!("{f:.2}");
            let kept = text.trim_end_matches('0').trim_end_matches('.');
            if kept.is_empty() || kept == "-" {
                "0".to_string()
            } else {
                kept.to_string()
            }
        };
        for f in [
            0.0,
            0.5,
            1.25,
            2.5,
            3.0,
            24.0,
            7.75,
            0.1,
            0.3,
            0.07,
            1e6,
            123.45,
            -2.5,
            0.125,
            1.0 / 3.0,
        ] {
            assert_eq!(cell(ValueRef::Real(f), Kind::Float, false), exact(f), "{f}");
        }
        // A score of nothing, or what rounds to it, reads 0 — never -0.
        for f in [-0.0, -0.001, -0.004] {
            assert_eq!(cell(ValueRef::Real(f), Kind::Float, false), "0", "{f}");
            assert_eq!(crate::output::decimal(f), "0", "{f}");
        }
    }

    #[test]
    fn formats_and_restores() {
        let id = ValueRef::Text(b"11010519491231002X");
        assert_eq!(cell(id, Kind::IdNumber, false), "\t11010519491231002X");
        assert_eq!(cell(id, Kind::IdNumber, true), "110105********002X");
        assert_eq!(
            cell(ValueRef::Text(b"13812345678"), Kind::Phone, true),
            "138****5678"
        );
        assert_eq!(
            cell(ValueRef::Integer(500_050), Kind::Money, false),
            "5000.50"
        );
        assert_eq!(
            cell(ValueRef::Text(b"female"), Kind::Enum(&GENDER), false),
            "女"
        );
        assert_eq!(cell(ValueRef::Text(b"=1+1"), Kind::Text, false), "'=1+1");
        assert_eq!(cell(ValueRef::Text(b"007"), Kind::Text, false), "\t007");
        assert_eq!(cell(ValueRef::Text(b"2024"), Kind::Text, false), "2024");
        for original in [
            "=1+1",
            "'x",
            "\t=x",
            "-3",
            "007",
            "11010519491231002X",
            "plain",
        ] {
            let kind = Kind::Text;
            let shown = cell(ValueRef::Text(original.as_bytes()), kind, false);
            assert_eq!(restore(&shown), original, "{original:?} → {shown:?}");
        }
        assert_eq!(restore("=\"110105194912310021\""), "110105194912310021");
        for formula in ["=1+1", "@SUM(A1)", "\t=1+1", "+1+cmd|' /C calc'!A0", "-2+3"] {
            assert!(is_formula(formula), "{formula:?}");
        }
        for text in [
            "'=1+1",
            "-3",
            "+86 13812345678",
            "李明",
            "=\"110105194912310021\"",
        ] {
            assert!(!is_formula(text), "{text:?}");
        }
    }
}
