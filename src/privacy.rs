//! Masks for personal data in exports and logs: phone `138****5678`,
//! e-mail `l***@cas.cn`, address shortened to its first few characters.
//! ID numbers are masked by `input::idcard::mask`.

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
    let kept: String = address.chars().take(6).collect();
    if address.chars().count() > 6 {
        format!("{kept}****")
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_email("li.ming@cas.cn"), "l***@cas.cn");
        assert_eq!(
            mask_address("重庆市开州区汉丰街道迎宾大道1号"),
            "重庆市开州区****"
        );
    }
}
