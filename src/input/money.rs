//! The one money parser: yuan as typed (`5000`, `5,000.50`, `￥300,000`,
//! `5000元`, `3万`) to integer fen, and fen back to yuan text.

/// Parses an amount in yuan typed for `flag` into fen. At most two decimals;
/// must be positive unless `allow_zero`.
pub fn parse(flag: &str, input: &str, allow_zero: bool) -> anyhow::Result<i64> {
    let fen = parse_fen(input).ok_or_else(|| {
        crate::invalid!(
            "{flag}：“{input}”不是有效金额；请写成元，最多两位小数，如 5000、5,000.50",
            "{flag}: \"{input}\" is not an amount; write yuan with at most two decimals, e.g. 5000 or 5,000.50",
        )
    })?;
    if fen < 0 && allow_zero {
        return Err(crate::invalid!(
            "{flag}：金额不能为负数（输入为“{input}”）",
            "{flag}: the amount must not be negative (got \"{input}\")",
        ));
    }
    if fen < 0 || (fen == 0 && !allow_zero) {
        return Err(crate::invalid!(
            "{flag}：金额必须大于零（输入为“{input}”）",
            "{flag}: the amount must be greater than zero (got \"{input}\")",
        ));
    }
    Ok(fen)
}

/// Parses yuan text into fen; `None` when malformed. Accepts a leading sign,
/// `¥`/`￥`, thousands separators in groups of three, a trailing `元` and
/// a `万` (ten thousand) suffix.
pub fn parse_fen(input: &str) -> Option<i64> {
    let input = crate::input::text::halfwidth(input);
    let mut text = input.trim();
    // At most one sign: "--5" or "+-5" is a typo, not an amount.
    let negative = text.starts_with('-');
    text = text.strip_prefix(['-', '+']).unwrap_or(text).trim_start();
    text = text.trim_start_matches(['¥', '￥']).trim();
    text = text.strip_suffix('元').unwrap_or(text).trim();
    let (text, scale) = match text.strip_suffix('万') {
        Some(rest) => (rest.trim(), 10_000i64),
        None => (text, 1i64),
    };
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    if whole.is_empty() || !valid_grouping(whole) {
        return None;
    }
    let whole: String = whole.chars().filter(|c| *c != ',').collect();
    let max_decimals = if scale == 1 { 2 } else { 6 };
    if frac.len() > max_decimals
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || (text.contains('.') && frac.is_empty())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    // value in units of 10^-6 yuan, then to fen
    let mut micro: i64 = 0;
    for (i, b) in frac.bytes().enumerate() {
        micro += i64::from(b - b'0') * 10i64.pow(5 - i as u32);
    }
    let total_micro = whole
        .checked_mul(1_000_000)?
        .checked_add(micro)?
        .checked_mul(scale)?;
    if total_micro % 10_000 != 0 {
        return None; // finer than a fen
    }
    let fen = total_micro / 10_000;
    if fen > 100_000_000_000_000 {
        return None; // beyond a trillion yuan: a typo, not an amount
    }
    Some(if negative { -fen } else { fen })
}

fn valid_grouping(whole: &str) -> bool {
    if !whole.contains(',') {
        return whole.bytes().all(|b| b.is_ascii_digit());
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let first = groups[0];
    !first.is_empty()
        && first.len() <= 3
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Fen as yuan with two decimals and no separators: `500000.00`.
pub fn plain(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Fen as yuan with thousands separators: `500,000.00`.
pub fn grouped(fen: i64) -> String {
    let text = plain(fen);
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text.as_str()),
    };
    let (whole, frac) = rest.split_once('.').unwrap_or((rest, "00"));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}.{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_yuan_to_fen() {
        assert_eq!(parse_fen("5000"), Some(500_000));
        assert_eq!(parse_fen("5,000.50"), Some(500_050));
        assert_eq!(parse_fen("￥300,000"), Some(30_000_000));
        assert_eq!(parse_fen("0.1"), Some(10));
        assert_eq!(parse_fen("0.01"), Some(1));
        assert_eq!(parse_fen("3万"), Some(3_000_000));
        assert_eq!(parse_fen("1.5万元"), Some(1_500_000));
        assert_eq!(parse_fen("-20"), Some(-2000));
    }

    #[test]
    fn refuses_malformed() {
        for text in [
            "", "abc", "12a", "1.234", "1,00", "1,0000", ",100", "1.", ".5", "1..2", "1.2.3",
            "5 000", "--5", "+-5", "-+5",
        ] {
            assert_eq!(parse_fen(text), None, "{text}");
        }
        assert!(parse("--amount", "0", false).is_err());
        assert!(parse("--amount", "-5", false).is_err());
    }

    #[test]
    fn formats_fen() {
        assert_eq!(plain(30), "0.30");
        assert_eq!(plain(50_000_000), "500000.00");
        assert_eq!(grouped(50_000_000), "500,000.00");
        assert_eq!(grouped(-123_456_789), "-1,234,567.89");
        assert_eq!(grouped(5), "0.05");
    }
}
