//! Property tests of the input layer (issue #11, hostile input): no parser
//! panics on any input — arbitrary strings, arbitrary Unicode, near-miss
//! dates and amounts, huge numbers — and every valid value survives a round
//! trip through its printed form. 10,000 cases per property.
//!
//! They are unit tests rather than a module of the cli test binary because
//! the parsers are pure functions: run in process they need no database or
//! binary, finish in about a second, and run in `cargo test --lib`, the loop
//! an engineer changing a parser runs anyway.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::{date, idcard, money, text};
use crate::labels;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 10_000,
        // ChaCha, the default, costs ~80 µs a case unoptimised; XorShift is
        // plenty for generating inputs and keeps 10,000 cases well under a second.
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        // Failures found once are kept as named unit tests below rather than
        // in a proptest-regressions folder (the crate's top level is fixed).
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A compiled regex strategy (a bare `&str` strategy re-parses its regex
/// for every case, which would make these tests ten times slower).
fn re(pattern: &str) -> BoxedStrategy<String> {
    proptest::string::string_regex(pattern)
        .map(|s| s.boxed())
        .unwrap_or_else(|e| panic!("bad test regex {pattern}: {e}"))
}

/// Text a hostile or careless user might type.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        re("\\PC{0,30}"),
        re("[0-9年月日/.\\-+ ,¥￥元万xX]{0,24}"),
        re("[0-9]{12,60}(\\.[0-9]{0,9})?"),
        re("[-+]{0,3}[0-9,]{0,20}(\\.[0-9]{0,4})?[元万]{0,2}"),
        re("[0-9]{15,18}[0-9xX\\PC]{0,3}"),
    ]
}

fn a_date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..=2200, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

/// A valid ID number: region, birth date, sequence and its check character.
fn an_id() -> impl Strategy<Value = (String, NaiveDate)> {
    let born = (1900i32..=2025, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
    (110_000u32..=659_999, born, 0u32..1000).prop_map(|(region, born, seq)| {
        let first17 = format!("{region:06}{}{seq:03}", born.format("%Y%m%d"));
        let check = idcard::check_char(&first17).unwrap_or('?');
        (format!("{first17}{check}"), born)
    })
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn dates_never_panic(input in typed()) {
        if let Ok(d) = date::parse("--date", &input, today()) {
            prop_assert!((1900..=2200).contains(&d.year()));
        }
        let _ = date::parse_year("--year", &input);
    }

    #[test]
    fn dates_round_trip_in_every_documented_form(d in a_date(), form in 0usize..5) {
        let (y, m, day) = (d.year(), d.month(), d.day());
        let typed = match form {
            0 => date::iso(d),
            1 => format!("{y}/{m}/{day}"),
            2 => format!("{y}.{m}.{day}"),
            3 => format!("{y}年{m}月{day}日"),
            _ => d.format("%Y%m%d").to_string(),
        };
        prop_assert_eq!(date::parse("--date", &typed, today()).ok(), Some(d));
        prop_assert_eq!(date::from_db(&date::iso(d)).ok(), Some(d));
    }

    #[test]
    fn amounts_never_panic_and_stay_in_range(input in typed(), allow_zero in any::<bool>()) {
        if let Some(fen) = money::parse_fen(&input) {
            prop_assert!(fen.abs() <= 100_000_000_000_000);
        }
        if let Ok(fen) = money::parse("--amount", &input, allow_zero) {
            prop_assert!(fen > 0 || (allow_zero && fen == 0));
        }
    }

    #[test]
    fn fen_survive_plain_and_grouped_text(fen in -100_000_000_000_000i64..=100_000_000_000_000) {
        prop_assert_eq!(money::parse_fen(&money::plain(fen)), Some(fen));
        prop_assert_eq!(money::parse_fen(&money::grouped(fen)), Some(fen));
        if fen > 0 {
            prop_assert_eq!(money::parse("--amount", &money::plain(fen), false).ok(), Some(fen));
        }
    }

    #[test]
    fn ten_thousands_read_as_wan(wan in 0i64..10_000_000, tenths in 0i64..10) {
        let fen = wan * 1_000_000 + tenths * 100_000;
        prop_assert_eq!(money::parse_fen(&format!("{wan}.{tenths}万")), Some(fen));
    }

    #[test]
    fn id_numbers_never_panic(input in typed()) {
        if let Ok(info) = idcard::parse("--id-number", &input) {
            prop_assert_eq!(info.normalized.len(), 18);
        }
        let masked = idcard::mask(&input);
        prop_assert_eq!(masked.chars().count(), input.chars().count());
    }

    #[test]
    fn ids_with_their_check_digit_pass((id, born) in an_id(), lower in any::<bool>()) {
        let typed = if lower { id.to_lowercase() } else { id.clone() };
        let info = idcard::parse("--id-number", &typed);
        prop_assert!(info.is_ok(), "{}", id);
        let info = info.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&info.normalized, &id);
        prop_assert_eq!(info.birth_date, born);
        prop_assert_eq!(info.male, (id.as_bytes()[16] - b'0') % 2 == 1);
    }

    /// ISO 7064 MOD 11-2 catches every single substitution.
    #[test]
    fn one_changed_character_always_fails((id, _) in an_id(), at in 0usize..18, by in 1u8..10) {
        let mut bytes = id.into_bytes();
        bytes[at] = if at < 17 {
            b'0' + (bytes[at] - b'0' + by) % 10
        } else {
            let checks = b"0123456789X";
            let now = checks.iter().position(|c| *c == bytes[17]).unwrap_or(0);
            checks[(now + usize::from(by)) % checks.len()]
        };
        let changed = String::from_utf8(bytes).unwrap_or_default();
        prop_assert!(idcard::parse("--id-number", &changed).is_err(), "{}", changed);
    }

    #[test]
    fn masks_never_reveal_a_birth_date((id, _) in an_id(), before in re("\\PC{0,8}"), after in re("\\PC{0,8}")) {
        let masked = idcard::mask(&id);
        prop_assert_eq!(&masked[6..14], "********");
        let line = format!("{before} {id}。{after}");
        let shown = crate::privacy::mask_ids(&line);
        prop_assert!(!shown.contains(&id), "{}", shown);
        prop_assert!(!crate::audit::mask_command(&line).contains(&id));
    }

    #[test]
    fn enumerations_never_panic_and_answer_only_their_codes(input in typed(), which in 0usize..64) {
        let domain = labels::ALL[which % labels::ALL.len()];
        if let Ok(code) = domain.parse("--kind", &input) {
            prop_assert!(domain.codes().any(|c| c == code));
        }
    }

    #[test]
    fn text_checks_never_panic_and_keep_their_limits(input in typed()) {
        if let Ok(name) = text::name("--name", &input) {
            prop_assert!(!name.is_empty() && name.chars().count() <= text::NAME_MAX);
            prop_assert!(!name.chars().any(char::is_control));
        }
        if let Ok(line) = text::line("--line", &input, text::LINE_MAX) {
            prop_assert!(!line.chars().any(char::is_control));
        }
        if let Ok(note) = text::note("--notes", &input) {
            prop_assert!(note.chars().count() <= text::NOTE_MAX);
        }
        if let Ok(code) = text::code("--code", &input) {
            prop_assert!(code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        }
        let _ = text::phone("--phone", &input);
        let _ = text::email("--email", &input);
        let _ = text::yes_no("--yes", &input);
    }
}

/// Every label of every enumeration reads back as its code (exhaustive, so
/// not a property): what output shows, input accepts.
#[test]
fn every_label_reads_back_as_its_code() {
    for domain in labels::ALL {
        for label in domain.labels {
            for typed in [label.code, label.zh, label.en] {
                assert_eq!(
                    domain.parse("--x", typed).ok(),
                    Some(label.code),
                    "{} {typed:?}",
                    domain.en
                );
            }
        }
    }
}

/// A case proptest once found: 18 characters that are not 18 bytes made
/// the ID parser slice inside a character and panic.
#[test]
fn regression_multibyte_id_number_does_not_panic() {
    assert!(super::idcard::parse("--id-number", "000000000000000A𝒻!").is_err());
}
