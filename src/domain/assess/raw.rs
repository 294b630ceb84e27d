//! The rule file as written: serde structures with spans, so every error
//! can name its line. `rules::parse` validates them into `Rules`.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRules {
    pub(super) name: String,
    #[serde(default)]
    pub(super) panel: Option<String>,
    #[serde(default = "yes")]
    pub(super) prorate: bool,
    #[serde(default, rename = "requirement")]
    pub(super) requirements: Vec<Spanned<RawRequirement>>,
    #[serde(default, rename = "points")]
    pub(super) points: Vec<Spanned<RawCondition>>,
    pub(super) grades: Spanned<RawGrades>,
    #[serde(default)]
    pub(super) excellent_quota: Option<Spanned<RawQuota>>,
    pub(super) subsidy: Spanned<RawSubsidy>,
    #[serde(default)]
    pub(super) dismissal: Option<RawDismissal>,
}

/// When the run lists an advisor as a dismissal candidate (seed 001 art. 12(3)).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDismissal {
    /// Unexcused absences in the year that make a candidate.
    #[serde(default)]
    pub(super) absences: Option<Spanned<i64>>,
    /// Whether missing a written-opinion requirement makes a candidate
    /// (不按期提供书面意见).
    #[serde(default = "yes")]
    pub(super) written_opinions: bool,
}

pub(super) fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    #[serde(default)]
    pub(super) label: Option<String>,
    pub(super) count: Spanned<String>,
    #[serde(default)]
    pub(super) kinds: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) min: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) max: Option<Spanned<i64>>,
    /// Points per counted record (points rules only).
    #[serde(default)]
    pub(super) each: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRequirement {
    pub(super) label: String,
    #[serde(default)]
    pub(super) count: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) kinds: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) min: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) max: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) any: Vec<Spanned<RawCondition>>,
    #[serde(default)]
    pub(super) period: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) on_miss: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGrades {
    pub(super) excellent: Spanned<f64>,
    pub(super) competent: Spanned<f64>,
    pub(super) basic: Spanned<f64>,
    #[serde(default)]
    pub(super) missed_requirement: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuota {
    pub(super) share: Spanned<f64>,
    #[serde(default)]
    pub(super) rounding: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) tie_break: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSubsidy {
    pub(super) excellent: Spanned<f64>,
    pub(super) competent: Spanned<f64>,
    pub(super) basic: Spanned<f64>,
    pub(super) incompetent: Spanned<f64>,
    pub(super) min: Spanned<f64>,
    pub(super) max: Spanned<f64>,
    pub(super) cap: Spanned<f64>,
    #[serde(default)]
    pub(super) special_max: Option<Spanned<f64>>,
    /// "subsidies" (the cap is for subsidies alone, the default) or
    /// "all_spending" (the cap is the year's whole advisor funding, as in
    /// seed 001 art. 14: 全市每年总顾问经费不超过50万元, so other spending
    /// that year comes off it first).
    #[serde(default)]
    pub(super) cap_covers: Option<Spanned<String>>,
}

/// A message of the TOML reader (always English) in the reader's language:
/// the usual ones (an unknown, missing or mistyped setting, a repeated key)
/// in Chinese words, any other as a TOML syntax error quoting the reader.
pub(super) fn toml_message(message: &str) -> String {
    let message = message.trim();
    if crate::i18n::is_en() {
        return message.to_string();
    }
    let after = |prefix: &str| message.strip_prefix(prefix);
    if let Some(rest) = after("unknown field ") {
        return match rest.split_once(", expected ") {
            Some((field, allowed)) => format!(
                "没有设置项 {field}；可用的有：{}",
                allowed.trim_start_matches("one of ")
            ),
            None => format!("没有设置项 {rest}"),
        };
    }
    if let Some(rest) = after("unknown variant ") {
        return match rest.split_once(", expected ") {
            Some((value, allowed)) => format!(
                "取值 {value} 无效；可用的有：{}",
                allowed.trim_start_matches("one of ")
            ),
            None => format!("取值 {rest} 无效"),
        };
    }
    if let Some(field) = after("missing field ") {
        return format!("缺少设置项 {field}");
    }
    if let Some(rest) = after("invalid type: ") {
        return match rest.split_once(", expected ") {
            Some((found, wanted)) => format!(
                "取值类型不对：应为{}，写的是{}",
                toml_type(wanted),
                toml_type(found)
            ),
            None => format!("取值类型不对：{rest}"),
        };
    }
    if let Some(key) = after("duplicate key") {
        let key = key.trim();
        let key = if key.is_empty() {
            "同一设置项"
        } else {
            key
        };
        return format!("{key} 写了两次；每个设置项只能写一次");
    }
    format!("TOML 格式错误（{message}）；请检查引号、方括号和等号")
}

/// A type as the TOML reader names it ("a boolean", `string "yes"`), in Chinese.
fn toml_type(named: &str) -> String {
    let named = named.trim();
    let bare = named
        .trim_start_matches("an ")
        .trim_start_matches("a ")
        .trim_start_matches("one of ");
    let (word, value) = bare.split_once(' ').unwrap_or((bare, ""));
    let zh = match word {
        "boolean" | "bool" => "真假值（true 或 false）",
        "string" | "str" => "文字（加引号）",
        "integer" | "i64" | "u64" | "i32" | "u32" => "整数",
        "float" | "f64" | "number" => "数字",
        "sequence" | "array" => "列表（[ … ]）",
        "map" | "table" | "struct" => "表（[ … ] 下的设置项）",
        _ => return format!(" {named}"),
    };
    if value.is_empty() {
        zh.to_string()
    } else {
        format!("{zh} {value}")
    }
}
