//! The rule file's text, to name the line of an error, and the values
//! `rules::parse` validates with it: one of a list, and a counted condition
//! (which count, which kinds of activity or contact, its bounds).

use toml::Spanned;

use super::model::{COUNTS, Condition, RuleError};
use super::raw::RawCondition;

pub(super) struct Source<'a> {
    pub(super) text: &'a str,
}

impl Source<'_> {
    pub(super) fn line(&self, span: std::ops::Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text[..end].matches('\n').count() + 1
    }

    pub(super) fn error<T>(
        &self,
        span: std::ops::Range<usize>,
        message: String,
    ) -> Result<T, RuleError> {
        Err(RuleError {
            line: self.line(span),
            message,
        })
    }
}

pub(super) fn one_of(
    source: &Source,
    value: &Spanned<String>,
    allowed: &[&str],
    key: &str,
) -> Result<String, RuleError> {
    let v = value.get_ref();
    if allowed.contains(&v.as_str()) {
        Ok(v.clone())
    } else {
        let list = allowed.join(", ");
        source.error(
            value.span(),
            crate::tr!(
                "{key} 的值“{v}”无效；可选：{list}",
                "{key}: \"{v}\" is not one of {list}"
            ),
        )
    }
}

pub(super) fn condition(source: &Source, raw: &RawCondition) -> Result<Condition, RuleError> {
    let count = one_of(source, &raw.count, COUNTS, "count")?;
    let mut kinds = Vec::new();
    for kind in &raw.kinds {
        let k = kind.get_ref();
        if count.starts_with("advice") {
            return source.error(
                kind.span(),
                crate::tr!(
                    "意见建议的计数不分类型，请删去 kinds（“{k}”）",
                    "advice counts take no kinds; remove kinds (\"{k}\")"
                ),
            );
        }
        if count == "contacts" {
            // A reported event (五报告) is the advisor's unit informing the
            // office, not the office reaching the advisor: it never counts.
            if k == "report" {
                return source.error(
                    kind.span(),
                    crate::tr!(
                        "重大事项报告（五报告）是专家方报告，不是联系服务，不计入 contacts；请删去“report”",
                        "a reported event (五报告) is sent in by the advisor's side, not a contact, and never counts as contacts; remove \"report\""
                    ),
                );
            }
            if crate::labels::CONTACT_KIND.codes().any(|c| c == k) {
                kinds.push(k.clone());
                continue;
            }
            let known = crate::labels::CONTACT_KIND
                .codes()
                .filter(|c| *c != "report")
                .collect::<Vec<_>>()
                .join(", ");
            return source.error(
                kind.span(),
                crate::tr!(
                    "未知的联系方式“{k}”；可用的有：{known}",
                    "unknown contact kind \"{k}\"; the kinds are: {known}"
                ),
            );
        }
        if crate::labels::ACTIVITY_KIND.codes().any(|c| c == k) {
            kinds.push(k.clone());
        } else {
            let known = crate::labels::ACTIVITY_KIND
                .codes()
                .collect::<Vec<_>>()
                .join(", ");
            return source.error(
                kind.span(),
                crate::tr!(
                    "未知的活动类型“{k}”；可用的有：{known}",
                    "unknown activity kind \"{k}\"; the kinds are: {known}"
                ),
            );
        }
    }
    for bound in [&raw.min, &raw.max].into_iter().flatten() {
        if *bound.get_ref() < 0 {
            return source.error(
                bound.span(),
                crate::tr!("min/max 不能为负数", "min and max cannot be negative"),
            );
        }
    }
    if let (Some(min), Some(max)) = (&raw.min, &raw.max)
        && min.get_ref() > max.get_ref()
    {
        return source.error(
            min.span(),
            crate::tr!("min 大于 max", "min is greater than max"),
        );
    }
    Ok(Condition {
        count,
        kinds,
        min: raw.min.as_ref().map(|m| *m.get_ref()),
        max: raw.max.as_ref().map(|m| *m.get_ref()),
    })
}
