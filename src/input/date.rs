//! The one date parser: `2024-03-05`, `2024/3/5`, `2024.3.5`, `2024年3月5日`,
//! `20240305`, `today` / `今天`. Dates are stored and printed ISO.

use chrono::{Datelike, NaiveDate};

/// Parses a date typed for `flag`; `today` resolves against the given date.
pub fn parse(flag: &str, input: &str, today: NaiveDate) -> anyhow::Result<NaiveDate> {
    let text = input.trim();
    if text.eq_ignore_ascii_case("today") || text == "今天" || text == "今日" {
        return Ok(today);
    }
    parse_plain(text).ok_or_else(|| {
        // A date cell a spreadsheet shows as a number: its serial day count.
        if text.len() == 5
            && text.bytes().all(|b| b.is_ascii_digit())
            && let Some(day) = text
                .parse::<i64>()
                .ok()
                .and_then(|n| NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(n as u64)))
        {
            return crate::invalid!(
                "{flag}：“{text}”像是表格软件的日期序号（即 {day}）；请把该列设为日期格式后重新导出，或直接写 {day}",
                "{flag}: \"{text}\" looks like a spreadsheet's day number (that is {day}); format the column as dates and export again, or write {day}",
            );
        }
        crate::invalid!(
            "{flag}：“{text}”不是有效日期；请写成 2024-03-05、2024/3/5、2024.3.5 或 2024年3月5日",
            "{flag}: \"{text}\" is not a valid date; write it as 2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日",
        )
    })
}

/// Parses a date without the `today` keyword; `None` when malformed or impossible.
pub fn parse_plain(text: &str) -> Option<NaiveDate> {
    let text = crate::input::text::halfwidth(text.trim());
    let text = text.as_ref();
    // A time of day after the date (a spreadsheet's `2024/3/5 0:00`) is dropped.
    let text = match text.split_once(' ') {
        Some((day, time))
            if !time.is_empty()
                && time.trim().bytes().all(|b| b.is_ascii_digit() || b == b':')
                && time.contains(':') =>
        {
            day.trim()
        }
        _ => text,
    };
    // The stored form, as every export writes it: read without splitting.
    let b = text.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let num = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |n, d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
        return (1900..=2200).contains(&date.year()).then_some(date);
    }
    let parts: Vec<&str> = if let Some(rest) = text.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        vec![y, m, d]
    } else if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        vec![&text[0..4], &text[4..6], &text[6..8]]
    } else {
        let sep = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
        text.split(sep).collect()
    };
    if parts.len() != 3 {
        return None;
    }
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    let (y, m, d) = (parts[0].trim(), parts[1].trim(), parts[2].trim());
    if y.len() != 4 || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    (1900..=2200).contains(&date.year()).then_some(date)
}

/// A year and month without a day — `1968.05`, `1968-5`, `1968/05`,
/// `1968年5月`, `196805` — as a roster's 出生年月 column gives them; `None`
/// for anything else (a full date included).
pub fn year_month(text: &str) -> Option<(i32, u32)> {
    let text = crate::input::text::halfwidth(text.trim());
    let text = text.as_ref();
    let (y, m) = if let Some(rest) = text.strip_suffix('月') {
        rest.split_once('年')?
    } else if text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) {
        (&text[..4], &text[4..])
    } else {
        let sep = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
        text.split_once(sep)?
    };
    let (y, m) = (y.trim(), m.trim());
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if y.len() != 4 || !digits(y) || m.len() > 2 || !digits(m) {
        return None;
    }
    let (year, month) = (y.parse().ok()?, m.parse().ok()?);
    ((1900..=2200).contains(&year) && (1..=12).contains(&month)).then_some((year, month))
}

/// Parses a year typed for `flag` (1950–2100).
pub fn parse_year(flag: &str, input: &str) -> anyhow::Result<i32> {
    let text = input.trim().trim_end_matches('年');
    match text.parse::<i32>() {
        Ok(year) if (1950..=2100).contains(&year) => Ok(year),
        _ => Err(crate::invalid!(
            "{flag}：“{input}”不是有效年份（1950–2100）",
            "{flag}: \"{input}\" is not a year between 1950 and 2100",
        )),
    }
}

/// ISO text of a date, as stored.
pub fn iso(date: NaiveDate) -> String {
    let year = date.year();
    if (0..=9999).contains(&year) {
        format!("{year:04}-{:02}-{:02}", date.month(), date.day())
    } else {
        date.format("%Y-%m-%d").to_string()
    }
}

/// Reads a stored ISO date; stored dates are always valid (written by `iso`).
pub fn from_db(text: &str) -> anyhow::Result<NaiveDate> {
    let b = text.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' && !text.contains(char::is_whitespace) {
        if let Some(date) = parse_plain(text) {
            return Ok(date);
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| anyhow::anyhow!("stored date {text:?} is not ISO; run `roster check`"))
}

/// Adds whole years, clamping 29 February to 28 February.
pub fn add_years(date: NaiveDate, years: i32) -> NaiveDate {
    let year = date.year() + years;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .unwrap_or(date)
}

/// Age in whole years on `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_year_and_month_alone_is_read_as_such() {
        for text in [
            "1968.05",
            "1968.5",
            "1968-05",
            "1968/5",
            "1968年5月",
            "196805",
            "１９６８．０５",
        ] {
            assert_eq!(year_month(text), Some((1968, 5)), "{text}");
        }
        for text in ["1968.13", "68.05", "1968.05.12", "1968", "19680512", "五月"] {
            assert_eq!(year_month(text), None, "{text}");
        }
    }

    #[test]
    fn accepts_every_documented_form() {
        let today = d(2026, 11, 22);
        for text in [
            "2024-03-05",
            "2024/3/5",
            "2024.3.5",
            "2024年3月5日",
            "20240305",
            " 2024-3-05 ",
        ] {
            assert_eq!(
                parse("--date", text, today).unwrap(),
                d(2024, 3, 5),
                "{text}"
            );
        }
        assert_eq!(parse("--date", "today", today).unwrap(), today);
        assert_eq!(parse("--date", "今天", today).unwrap(), today);
    }

    #[test]
    fn refuses_impossible_and_malformed() {
        let today = d(2026, 11, 22);
        for text in [
            "2023-02-30",
            "2024-13-01",
            "24-3-5",
            "2024-03",
            "",
            "2024-03-05x",
            "2024/3-5",
            "abc",
        ] {
            assert!(parse("--date", text, today).is_err(), "{text}");
        }
    }

    #[test]
    fn ages_and_years() {
        assert_eq!(age_on(d(1956, 6, 1), d(2026, 5, 31)), 69);
        assert_eq!(age_on(d(1956, 6, 1), d(2026, 6, 1)), 70);
        assert_eq!(add_years(d(2024, 2, 29), 3), d(2027, 2, 28));
    }
}
