//! Checks for typed text: names, single lines, notes, codes, phones and
//! e-mail addresses. Each names the flag and the fix.

/// Longest values accepted, in characters.
pub const NAME_MAX: usize = 50;
pub const LINE_MAX: usize = 200;
pub const NOTE_MAX: usize = 4000;
pub const CODE_MAX: usize = 32;

fn length_error(flag: &str, max: usize, len: usize) -> anyhow::Error {
    crate::invalid!(
        "{flag}：内容过长（{len} 个字符，最多 {max} 个）；请精简",
        "{flag}: too long ({len} characters, at most {max}); shorten it",
    )
}

fn control_error(flag: &str) -> anyhow::Error {
    crate::invalid!(
        "{flag}：含有控制字符；请删除后重新输入",
        "{flag}: contains control characters; remove them and retype",
    )
}

/// The half-width form of a full-width ASCII character (全角 `１`, `Ａ`,
/// `，`, `．`, `－`, `＠`) or the ideographic space; other characters as
/// they are. Spreadsheets typed with a Chinese input method are full of them.
pub fn halfwidth_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// `text` with full-width ASCII made half-width (`halfwidth_char`), for
/// the values that are ASCII by nature: dates, amounts, numbers, codes, ID
/// numbers, phones and e-mail addresses. Free text keeps its 全角 forms.
pub fn halfwidth(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| halfwidth_char(c) != c) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(halfwidth_char).collect())
    }
}

/// Whether `c` is a Chinese character (CJK unified ideographs and their
/// extensions), between which a person's name holds no spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}

/// A required single-line value (a name, a title): trimmed, not empty.
pub fn required(flag: &str, input: &str, max: usize) -> anyhow::Result<String> {
    let text = input.trim();
    if text.is_empty() {
        return Err(crate::invalid!(
            "{flag}：不能为空",
            "{flag}: must not be empty"
        ));
    }
    line(flag, text, max)
}

/// A person's or panel's name. Spaces between Chinese characters, which
/// rosters use to line two-character names up with three (`王　伟`), are
/// dropped; a name in Latin letters keeps its single spaces.
pub fn name(flag: &str, input: &str) -> anyhow::Result<String> {
    required(flag, &unpadded(input), NAME_MAX)
}

/// `text` without the blanks that stand between two Chinese characters.
pub fn unpadded(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.trim().contains(|c: char| c.is_whitespace()) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
            let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if before.is_some_and(|&b| is_cjk(b)) && after.is_some_and(|&a| is_cjk(a)) {
                continue;
            }
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// An optional single-line value; empty text means none.
pub fn line(flag: &str, input: &str, max: usize) -> anyhow::Result<String> {
    let text = input.trim();
    if text.chars().any(char::is_control) {
        return Err(control_error(flag));
    }
    let len = text.chars().count();
    if len > max {
        return Err(length_error(flag, max, len));
    }
    Ok(text.to_string())
}

/// Free text that may run over several lines (notes, work plans, results).
pub fn note(flag: &str, input: &str) -> anyhow::Result<String> {
    let text = input.trim();
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(control_error(flag));
    }
    let len = text.chars().count();
    if len > NOTE_MAX {
        return Err(length_error(flag, NOTE_MAX, len));
    }
    Ok(text.to_string())
}

/// A short code: letters, digits, `-` and `_`.
pub fn code(flag: &str, input: &str) -> anyhow::Result<String> {
    let input = halfwidth(input);
    let text = input.trim();
    if text.is_empty()
        || text.chars().count() > CODE_MAX
        || !text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        || text.chars().all(|c| c.is_ascii_digit())
    {
        return Err(crate::invalid!(
            "{flag}：编码“{text}”只能由字母、数字、- 和 _ 组成（不能全为数字，最多 {CODE_MAX} 个字符）",
            "{flag}: code \"{text}\" may hold letters, digits, - and _ only (not all digits, at most {CODE_MAX} characters)",
        ));
    }
    Ok(text.to_string())
}

/// A mobile number (11 digits starting 1) or a landline with its area code;
/// spaces and dashes are dropped, a +86 prefix is accepted.
pub fn phone(flag: &str, input: &str) -> anyhow::Result<String> {
    let input = halfwidth(input);
    let raw = input.trim();
    let mut digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if let Some(rest) = digits.strip_prefix("+86") {
        digits = rest.to_string();
    }
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    let mobile =
        all_digits && digits.len() == 11 && digits.starts_with('1') && digits.as_bytes()[1] >= b'3';
    let landline = all_digits && digits.starts_with('0') && (10..=12).contains(&digits.len());
    if mobile {
        Ok(digits)
    } else if landline {
        // One form whatever the separators typed: 区号-号码 (three-digit
        // area codes are 010 and 02x, the rest have four).
        let area = if digits.starts_with("01") || digits.starts_with("02") {
            3
        } else {
            4
        };
        Ok(format!("{}-{}", &digits[..area], &digits[area..]))
    } else {
        Err(crate::invalid!(
            "{flag}：“{raw}”不是有效电话号码；手机号为 11 位（如 13812345678），座机需带区号（如 023-52212345）",
            "{flag}: \"{raw}\" is not a phone number; a mobile has 11 digits (13812345678), a landline needs its area code (023-52212345)",
        ))
    }
}

/// An e-mail address of the usual shape `name@domain.tld`.
pub fn email(flag: &str, input: &str) -> anyhow::Result<String> {
    let input = halfwidth(input);
    let text = input.trim();
    let ok = match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
                && text.chars().all(|c| c.is_ascii_graphic())
        }
        None => false,
    };
    if !ok || text.len() > 254 {
        return Err(crate::invalid!(
            "{flag}：“{text}”不是有效的电子邮件地址（应形如 name@example.cn）",
            "{flag}: \"{text}\" is not an e-mail address (expected name@example.cn)",
        ));
    }
    Ok(text.to_lowercase())
}

/// A yes/no answer typed as a flag value.
pub fn yes_no(flag: &str, input: &str) -> anyhow::Result<bool> {
    // The usual cells of an imported column, without lowercasing a copy.
    match input.trim() {
        "是" | "yes" | "1" => return Ok(true),
        "否" | "no" | "0" => return Ok(false),
        _ => {}
    }
    match input.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "是" | "对" => Ok(true),
        "no" | "n" | "false" | "0" | "否" | "不" => Ok(false),
        other => Err(crate::invalid!(
            "{flag}：“{other}”应为 是/否（yes/no）",
            "{flag}: \"{other}\" should be yes or no",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert_eq!(phone("--phone", "138 1234 5678").unwrap(), "13812345678");
        assert_eq!(phone("--phone", "+86 13812345678").unwrap(), "13812345678");
        assert_eq!(phone("--phone", "023-52212345").unwrap(), "023-52212345");
        // One form for a landline whatever the separators.
        assert_eq!(phone("--phone", "023 5221 2345").unwrap(), "023-52212345");
        assert_eq!(phone("--phone", "07551234 5678").unwrap(), "0755-12345678");
        assert_eq!(phone("--phone", "010-6512-3456").unwrap(), "010-65123456");
        for bad in [
            "12345",
            "1381234567",
            "23812345678",
            "phone",
            "138123456789",
        ] {
            assert!(phone("--phone", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(email("--email", "li.ming@cas.cn").is_ok());
        for bad in [
            "li",
            "li@",
            "@cas.cn",
            "li@cas",
            "li@@cas.cn",
            "li ming@cas.cn",
            "li@cas..cn",
        ] {
            assert!(email("--email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lengths_and_controls() {
        assert!(name("--name", "  ").is_err());
        assert!(name("--name", &"李".repeat(51)).is_err());
        assert!(name("--name", "李\u{7}明").is_err());
        assert!(note("--notes", "第一行\n第二行").is_ok());
        assert!(code("--code", "123").is_err());
        assert!(code("--code", "kz-tech").is_ok());
    }
}
