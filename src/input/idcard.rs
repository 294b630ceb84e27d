//! Resident ID numbers (GB 11643-1999): 18 characters, the last a check
//! digit over the first 17 (ISO 7064 MOD 11-2), with the birth date inside.

use chrono::NaiveDate;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// The check character for the first 17 digits.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(CHECK[(sum % 11) as usize] as char)
}

/// What an ID number says about its holder.
#[derive(Debug, PartialEq, Eq)]
pub struct IdInfo {
    pub normalized: String,
    pub birth_date: NaiveDate,
    pub male: bool,
}

/// Validates an ID number typed for `flag`; a lowercase `x` is accepted.
pub fn parse(flag: &str, input: &str) -> anyhow::Result<IdInfo> {
    // A leading apostrophe is how a spreadsheet (WPS keeps it in a CSV)
    // marks a cell typed as text.
    let text = crate::input::text::halfwidth(input.trim())
        .trim_start_matches('\'')
        .trim()
        .to_uppercase();
    // Masked only for a message (an import checks a hundred thousand numbers).
    let masked = || mask(&text);
    // A spreadsheet that took the number for a number: 1.10105E+17.
    if text.contains("E+")
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b"E+.".contains(&b))
    {
        return Err(crate::invalid!(
            "{flag}：身份证号被表格软件显示成了科学计数法（{text}），后几位已经丢失；请把该列设为“文本”格式，重新输入完整号码后再导出",
            "{flag}: the spreadsheet turned the ID number into scientific notation ({text}) and lost its last digits; format the column as text, type the full numbers again and export",
        ));
    }
    // Bytes, not chars: 17 ASCII digits and one more byte make the slices below safe.
    if text.len() != 18 || !text.as_bytes()[..17].iter().all(u8::is_ascii_digit) {
        let masked = masked();
        return Err(crate::invalid!(
            "{flag}：身份证号“{masked}”应为 18 位，前 17 位为数字、末位为数字或 X",
            "{flag}: ID number \"{masked}\" must be 18 characters: 17 digits and a digit or X",
        ));
    }
    let birth_date = crate::input::date::parse_plain(&text[6..14]).ok_or_else(|| {
        let masked = masked();
        crate::invalid!(
            "{flag}：身份证号“{masked}”中的出生日期无效",
            "{flag}: ID number \"{masked}\" carries an impossible birth date",
        )
    })?;
    let expected = check_char(&text[..17]).unwrap_or('?');
    let got = text.chars().last().unwrap_or('?');
    if expected != got {
        let masked = masked();
        return Err(crate::invalid!(
            "{flag}：身份证号“{masked}”校验位错误（末位应为 {expected}，实为 {got}）；请核对号码",
            "{flag}: ID number \"{masked}\" fails its check digit (the last character should be {expected}, not {got}); check the number",
        ));
    }
    let male = (text.as_bytes()[16] - b'0') % 2 == 1;
    Ok(IdInfo {
        normalized: text,
        birth_date,
        male,
    })
}

/// `110101********1234`: the region and the last four kept, the birth date hidden.
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_numbers() {
        // The GB 11643 worked example and a number ending in X.
        assert_eq!(check_char("11010519491231002"), Some('X'));
        assert!(parse("--id-number", "11010519491231002X").is_ok());
        assert!(parse("--id-number", "11010519491231002x").is_ok());
        let info = parse("--id-number", "110105194912310021").unwrap_err();
        assert!(info.to_string().contains("X"));
        // 18 characters but not 18 bytes: refused, not a panic on a char boundary.
        assert!(parse("--id-number", "1234567890123456一X").is_err());
    }

    #[test]
    fn masks() {
        assert_eq!(mask("11010519491231002X"), "110105********002X");
    }
}
