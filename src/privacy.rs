//! Masks for personal data in exports and logs: phone `138****5678`,
//! e-mail `l***@cas.cn`, address shortened to its first few characters.
//! ID numbers are masked by `input::idcard::mask`; `mask_ids` masks every
//! ID-number-shaped token in free text (error messages, logged command lines).

use crate::output::Kind;

/// Masks every token that looks like a resident ID number (18 characters:
/// 17 digits and a digit or X) wherever it appears in `text`, so an ID
/// typed into the wrong flag is never echoed in full.
pub fn mask_ids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if looks_like_id(token) {
            out.push_str(&crate::input::idcard::mask(token));
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
            out.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

fn looks_like_id(token: &str) -> bool {
    token.len() == 18
        && token.as_bytes()[..17].iter().all(u8::is_ascii_digit)
        && matches!(token.as_bytes()[17], b'0'..=b'9' | b'X' | b'x')
}

/// `13812345678` → `138****5678`; landlines keep the area code and last four.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

/// `li.ming@cas.cn` → `l***@cas.cn`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_string(),
    }
}

/// Keeps the first six characters of an address (city and district), masks the rest.
pub fn mask_address(address: &str) -> String {
    // At most half of a short address is kept: 新地址99号 → 新地址****.
    let count = address.chars().count();
    let kept: String = address.chars().take(6.min(count / 2)).collect();
    if count == 0 {
        String::new()
    } else {
        format!("{kept}****")
    }
}

/// A WeChat id: its first two characters kept (`zj_wx123` → `zj****`).
pub fn mask_wechat(id: &str) -> String {
    let kept: String = id.chars().take(2.min(id.chars().count() / 2)).collect();
    if id.is_empty() {
        String::new()
    } else {
        format!("{kept}****")
    }
}

/// `1958-03-14` → `1958-**-**`: the year, which a masked ID number does not
/// give back on its own.
pub fn mask_birth_date(text: &str) -> String {
    match text.get(..4) {
        Some(year) if text.len() > 4 => format!("{year}-**-**"),
        _ => text.to_string(),
    }
}

/// The mask a masked export writes for a value of a personal-data `kind`
/// (`None` for a kind that is not personal data).
pub fn mask(kind: Kind, text: &str) -> Option<String> {
    Some(match kind {
        Kind::Phone => mask_phone(text),
        Kind::IdNumber => crate::input::idcard::mask(text),
        Kind::Email => mask_email(text),
        Kind::Address => mask_address(text),
        Kind::WeChat => mask_wechat(text),
        Kind::BirthDate => mask_birth_date(text),
        _ => return None,
    })
}

/// Whether `cell` has the shape of a mask of `kind` (`139****1021`,
/// `500234********9374`, `l***@cas.cn`, `重庆市开州区****`, `zj****`): what
/// a masked export wrote, never a value to store. Phones and ID numbers
/// never hold a `*`; the others end in the mask's stars.
pub fn looks_masked(kind: Kind, cell: &str) -> bool {
    let cell = cell.trim();
    match kind {
        Kind::Phone | Kind::IdNumber | Kind::BirthDate => cell.contains('*'),
        Kind::Email => cell.contains("***@"),
        Kind::Address | Kind::WeChat => cell.ends_with("****"),
        _ => false,
    }
}

/// Refuses a value typed for a personal-data flag that is a mask from
/// script output or a masked export (`l***@cas.cn`, `重庆市开州区****`,
/// `zj****`): stored, it would replace the real value.
pub fn refuse_masked(flag: &str, kind: Kind, input: &str) -> anyhow::Result<()> {
    if looks_masked(kind, input) {
        let shown = input.trim();
        return Err(crate::invalid!(
            "{flag}：“{shown}”是脱敏后显示的值（部分以 * 遮盖），不是真实的值；请填写完整的值，需要全量数据请用 roster export … --unmasked（会记入日志）",
            "{flag}: \"{shown}\" is a masked value as shown to scripts (partly hidden by *), not the real one; give the full value, or get the full data with roster export … --unmasked (audited)",
        ));
    }
    Ok(())
}

/// Before/after JSON with phone, e-mail, address and WeChat values masked.
pub fn mask_record(text: &str) -> String {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
        return text.to_string();
    };
    if let serde_json::Value::Object(map) = &mut value {
        for (key, v) in map.iter_mut() {
            if let serde_json::Value::String(s) = v {
                let masked = match key.as_str() {
                    "phone" => mask_phone(s),
                    "email" => mask_email(s),
                    "address" => mask_address(s),
                    "wechat" => mask_wechat(s),
                    _ => continue,
                };
                *v = serde_json::Value::String(masked);
            }
        }
    }
    value.to_string()
}

/// A command line with phone numbers and e-mail addresses masked, and the
/// value after `--address` shortened.
pub fn mask_words(command: &str) -> String {
    let Some(words) = shlex::split(command) else {
        return command.to_string();
    };
    let mut out = Vec::with_capacity(words.len());
    let mut after: Option<&str> = None;
    for word in words {
        let masked = if after == Some("--address") {
            mask_address(&word)
        } else if after == Some("--wechat") {
            mask_wechat(&word)
        } else if let Some(value) = word.strip_prefix("--address=") {
            format!("--address={}", mask_address(value))
        } else if let Some(value) = word.strip_prefix("--wechat=") {
            format!("--wechat={}", mask_wechat(value))
        } else if crate::input::text::phone("", &word).is_ok() {
            mask_phone(&word)
        } else if word.contains('@') && !word.starts_with('-') {
            mask_email(&word)
        } else {
            word.clone()
        };
        after = ["--address", "--wechat"]
            .into_iter()
            .find(|flag| word == *flag);
        out.push(masked);
    }
    shlex::try_join(out.iter().map(String::as_str)).unwrap_or_else(|_| out.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_id_numbers_inside_text() {
        assert_eq!(
            mask_ids("--phone: \"11010519491231002X\" is not a phone number"),
            "--phone: \"110105********002X\" is not a phone number"
        );
        assert_eq!(
            mask_ids("证号11010519491231002x。"),
            "证号110105********002x。"
        );
        // Longer digit runs are not ID numbers; neither are 18-letter words.
        assert_eq!(mask_ids("1101051949123100211"), "1101051949123100211");
        assert_eq!(mask_ids("abcdefghijklmnopqr"), "abcdefghijklmnopqr");
    }

    #[test]
    fn masks() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_email("li.ming@cas.cn"), "l***@cas.cn");
        assert_eq!(
            mask_address("重庆市开州区汉丰街道迎宾大道1号"),
            "重庆市开州区****"
        );
        assert_eq!(mask_wechat("zj_wx123"), "zj****");
        assert_eq!(
            mask_words("roster advisor edit A0001 --wechat wx_new_999 --wechat=abc123"),
            "roster advisor edit A0001 --wechat 'wx****' '--wechat=ab****'"
        );
        // A short address keeps at most half of itself.
        assert_eq!(mask_address("新地址99号"), "新地址****");
        assert_eq!(mask_address("开州"), "开****");
    }

    /// Every mask an export writes is recognised as one; real values are not.
    #[test]
    fn masks_are_recognised() {
        let values = [
            (Kind::Phone, "13812345678"),
            (Kind::Phone, "023-12345678"),
            (Kind::IdNumber, "50023419800101937X"),
            (Kind::Email, "li.ming@cas.cn"),
            (Kind::Address, "重庆市开州区汉丰街道迎宾大道1号"),
            (Kind::Address, "开州"),
            (Kind::WeChat, "zj_wx123"),
        ];
        for (kind, value) in values {
            let masked = mask(kind, value).unwrap();
            assert!(looks_masked(kind, &masked), "{masked}");
            assert!(!looks_masked(kind, value), "{value}");
        }
        assert_eq!(mask(Kind::Text, "x"), None);
        assert!(!looks_masked(Kind::Text, "a****"));
    }
}
