//! The one table of enumerations: every stored code with its Chinese and
//! English label. Input accepts any of the three; the database stores the
//! code; output shows the label in the user's language. The schema's CHECK
//! lists are kept equal to these codes by a test.

use crate::i18n::is_en;

#[derive(Debug)]
pub struct Label {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// One enumeration: its name for messages and the columns that store it.
#[derive(Debug)]
pub struct Domain {
    pub zh: &'static str,
    pub en: &'static str,
    pub labels: &'static [Label],
    /// `table.column` pairs whose CHECK constraint lists exactly these codes.
    pub columns: &'static [&'static str],
}

impl Domain {
    /// Accepts a code, an English label or a Chinese label (any part of a
    /// label written with `/`), case-insensitively; `-` may stand for `_`.
    pub fn parse(&self, flag: &str, input: &str) -> anyhow::Result<&'static str> {
        let wanted = input.trim();
        if let Some(code) = self.find(wanted) {
            return Ok(code);
        }
        let choices = self.choices();
        let name = self.name();
        Err(crate::invalid!(
            "{flag}：未知的{name}“{wanted}”；可选：{choices}",
            "{flag}: unknown {name} \"{wanted}\"; choose one of: {choices}",
        ))
    }

    /// The code `wanted` (trimmed) names, if any: `parse` without the error.
    /// Plain ASCII input (the usual code or English label) is compared
    /// without allocating, as an import does for every row.
    fn find(&self, wanted: &str) -> Option<&'static str> {
        if wanted.is_ascii() {
            // Lowercase and `-` as `_` on the input, lowercase and ` ` as `_` on the label.
            let fold = |b: u8| match b.to_ascii_lowercase() {
                b'-' => b'_',
                other => other,
            };
            let label_fold = |b: u8| match b.to_ascii_lowercase() {
                b' ' => b'_',
                other => other,
            };
            let same = |text: &str, folding: &dyn Fn(u8) -> u8| {
                text.len() == wanted.len()
                    && text
                        .bytes()
                        .zip(wanted.bytes())
                        .all(|(a, b)| folding(a) == fold(b))
            };
            return self
                .labels
                .iter()
                .find(|label| {
                    same(label.code, &|b| b)
                        || label.en.eq_ignore_ascii_case(wanted)
                        || (label.en.is_ascii() && same(label.en, &label_fold))
                        || (!label.en.is_ascii()
                            && label.en.to_lowercase().replace(' ', "_")
                                == wanted.to_lowercase().replace('-', "_"))
                        || label.zh == wanted
                        || label.zh.split('/').any(|part| part == wanted)
                })
                .map(|label| label.code);
        }
        // A Chinese label as written (the usual cell of a Chinese export):
        // only a Chinese label can equal non-ASCII text.
        if let Some(label) = self
            .labels
            .iter()
            .find(|label| label.zh == wanted || label.zh.split('/').any(|part| part == wanted))
        {
            return Some(label.code);
        }
        let folded = wanted.to_lowercase().replace('-', "_");
        let exact = self
            .labels
            .iter()
            .find(|label| {
                label.code == folded
                    || label.en.eq_ignore_ascii_case(wanted)
                    || label.en.to_lowercase().replace(' ', "_") == folded
                    || label.zh == wanted
                    || label.zh.split('/').any(|part| part == wanted)
            })
            .map(|label| label.code);
        // The start of one Chinese label and no other, as clerks shorten
        // them (`电话` for 电话联系, `入库` for 入库专家).
        exact.or_else(|| {
            if wanted.chars().count() < 2 || !wanted.chars().any(crate::input::text::is_cjk) {
                return None;
            }
            let mut starting = self
                .labels
                .iter()
                .filter(|label| label.zh.split('/').any(|part| part.starts_with(wanted)));
            match (starting.next(), starting.next()) {
                (Some(one), None) => Some(one.code),
                _ => None,
            }
        })
    }

    pub fn name(&self) -> &'static str {
        if is_en() { self.en } else { self.zh }
    }

    /// The label of a stored code in the user's language (the code itself if unknown).
    pub fn label(&self, code: &str) -> String {
        match self.labels.iter().find(|l| l.code == code) {
            Some(l) if is_en() => l.en.to_string(),
            Some(l) => l.zh.to_string(),
            None => code.to_string(),
        }
    }

    pub fn codes(&self) -> impl Iterator<Item = &'static str> {
        self.labels.iter().map(|l| l.code)
    }

    pub fn choices(&self) -> String {
        self.labels
            .iter()
            .map(|l| format!("{} ({})", l.code, if is_en() { l.en } else { l.zh }))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

macro_rules! domain {
    ($name:ident, $zh:literal, $en:literal, [$($col:literal),* $(,)?], { $($code:literal => $lzh:literal, $len:literal;)* }) => {
        pub static $name: Domain = Domain {
            zh: $zh,
            en: $en,
            columns: &[$($col),*],
            labels: &[$(Label { code: $code, zh: $lzh, en: $len }),*],
        };
    };
}

mod audit;
mod money;
mod people;
mod work;

pub use audit::*;
pub use money::*;
pub use people::*;
pub use work::*;

/// When `input` is not one of `this` but is one of `other` (seed 004's six
/// activities are partly contacts and partly activities), the error that
/// names the command it belongs to; `None` otherwise.
pub fn belongs_elsewhere(
    flag: &str,
    input: Option<&str>,
    this: &Domain,
    other: &Domain,
    command: &str,
) -> Option<anyhow::Error> {
    let input = input?;
    if this.parse(flag, input).is_ok() {
        return None;
    }
    let code = other.parse(flag, input).ok()?;
    let (label, is, not) = (other.label(code), other.name(), this.name());
    Some(crate::invalid!(
        "{flag}：“{label}”是{is}，不是{not}；请用 roster {command} --kind {code}",
        "{flag}: \"{label}\" is a {is}, not a {not}; use roster {command} --kind {code}",
    ))
}

/// Every domain, for the schema consistency test and for help text.
pub static ALL: &[&Domain] = &[
    &GENDER,
    &CATEGORY,
    &TIER,
    &PANEL_KIND,
    &STEP,
    &APPOINTMENT_STATE,
    &APPOINTMENT_STATUS,
    &STEP_EVENT,
    &SOURCE,
    &ROLE,
    &DISMISSAL_GROUND,
    &CONTACT_KIND,
    &CHANNEL,
    &OCCASION,
    &FESTIVAL,
    &CARE_KIND,
    &EVENT,
    &COVERAGE_FLAG,
    &DUE_KIND,
    &ACTIVITY_KIND,
    &MODE,
    &ATTENDANCE,
    &PARTICIPANT_ROLE,
    &ADVICE_CHANNEL,
    &ADVICE_STATUS,
    &ADVICE_EVENT,
    &LEDGER_ENTRY,
    &NEED_KIND,
    &NEED_RESULT,
    &NEED_STATUS,
    &VERDICT,
    &EXPENSE_CATEGORY,
    &EXPENSE_STATUS,
    &SPENDING_SCOPE,
    &NO_LIMIT,
    &STIPEND_SOURCE,
    &STIPEND_OUTCOME,
    &GRADE,
    &ASSESS_COUNT,
    &ASSESS_STATE,
    &QUOTA_SUBJECT,
    &QUOTA_PERIOD,
    &QUOTA_SCOPE,
    &RULE_PERIOD,
    &ROUNDING,
    &AUDIT_ENTITY,
    &AUDIT_ACTION,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule set's periods are labelled, every one of them.
    #[test]
    fn rule_periods_are_the_rule_sets() {
        let labelled: Vec<&str> = RULE_PERIOD.codes().collect();
        assert_eq!(labelled, crate::domain::assess::PERIODS.to_vec());
    }

    /// The CHECK list of every enumerated column equals the codes here, in
    /// the schema every migration leaves (migration 9 widens three lists).
    #[test]
    fn schema_checks_match_labels() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for migration in crate::db::MIGRATIONS {
            conn.execute_batch(migration).unwrap();
        }
        for domain in ALL {
            for column in domain.columns {
                let (table, col) = column.split_once('.').unwrap();
                let schema: String = conn
                    .query_row(
                        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                        [table],
                        |r| r.get(0),
                    )
                    .unwrap();
                let start = schema.find(&format!("CREATE TABLE {table} (")).unwrap();
                let body = &schema[start..];
                let body = &body[..body.find(") STRICT").unwrap()];
                // `CHECK (col IN ('a','b'))`, or `CHECK (col = 'a' OR col = 'b')`
                // where a table written in bulk avoids IN lists (see schema.sql).
                let needle = format!("CHECK ({col} IN (");
                let chain = format!("CHECK ({col} = ");
                let codes: Vec<&str> = if let Some(at) = body.find(&needle) {
                    let list = &body[at + needle.len()..];
                    let list = &list[..list.find(')').unwrap()];
                    list.split(',')
                        .map(|c| c.trim().trim_matches('\''))
                        .collect()
                } else {
                    let at = body
                        .find(&chain)
                        .unwrap_or_else(|| panic!("no CHECK for {column}"));
                    let list = &body[at + "CHECK (".len()..];
                    let list = &list[..list.find(')').unwrap()];
                    list.split(" OR ")
                        .map(|c| {
                            let (left, value) = c.split_once(" = ").unwrap();
                            assert_eq!(left.trim(), col, "{column}: {c}");
                            value.trim().trim_matches('\'')
                        })
                        .collect()
                };
                let mut expected: Vec<&str> = domain.codes().collect();
                let mut got = codes.clone();
                expected.sort();
                got.sort();
                assert_eq!(got, expected, "{column}");
            }
        }
    }

    #[test]
    fn parses_code_and_both_labels() {
        assert_eq!(
            ACTIVITY_KIND.parse("--kind", "written_opinion").unwrap(),
            "written_opinion"
        );
        assert_eq!(
            ACTIVITY_KIND.parse("--kind", "书面意见").unwrap(),
            "written_opinion"
        );
        assert_eq!(
            ACTIVITY_KIND.parse("--kind", "Written Opinion").unwrap(),
            "written_opinion"
        );
        assert_eq!(ACTIVITY_KIND.parse("--kind", "培训").unwrap(), "lecture");
        assert_eq!(
            ACTIVITY_KIND.parse("--kind", "written-opinion").unwrap(),
            "written_opinion"
        );
        assert!(ACTIVITY_KIND.parse("--kind", "party").is_err());
    }
}
