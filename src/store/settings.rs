//! Office settings: the thresholds `due` and the reports use, stored in the
//! `settings` table with defaults here, so an office tunes them without a
//! new release. `roster settings` lists and changes them.

use rusqlite::{Connection, OptionalExtension, params};

/// What a setting holds, for validation.
#[derive(Clone, Copy, Debug)]
pub enum Value {
    /// A whole number in a range.
    Number(i64, i64),
    /// A comma-separated list of expense categories.
    Categories,
    /// Free text.
    Text,
    /// Yes or no (是/否), stored as 1 or 0.
    YesNo,
}

/// One known setting.
#[derive(Debug)]
pub struct Setting {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub default: &'static str,
    pub value: Value,
}

impl Setting {
    /// A stored value as a clerk reads it: yes/no as 是/否, categories by
    /// their labels; anything else as stored.
    pub fn shown(&self, stored: &str) -> String {
        match self.value {
            Value::YesNo => match stored {
                "1" => crate::i18n::pick("是", "yes").to_string(),
                "0" => crate::i18n::pick("否", "no").to_string(),
                other => other.to_string(),
            },
            Value::Categories => stored
                .split(',')
                .filter(|c| !c.is_empty())
                .map(|c| crate::labels::EXPENSE_CATEGORY.label(c))
                .collect::<Vec<_>>()
                .join(crate::i18n::pick("、", ", ")),
            _ => stored.to_string(),
        }
    }
}

pub static SETTINGS: &[Setting] = &[
    Setting {
        key: "office.name",
        zh: "单位名称（报表抬头）",
        en: "office name (report headings)",
        default: "",
        value: Value::Text,
    },
    Setting {
        key: "due.window_days",
        zh: "提醒窗口（天）",
        en: "reminder window (days)",
        default: "30",
        value: Value::Number(1, 366),
    },
    Setting {
        key: "due.renewal_days",
        zh: "聘期届满提前提醒（天）",
        en: "term-end notice (days)",
        default: "90",
        value: Value::Number(1, 730),
    },
    Setting {
        key: "due.term_evaluation_days",
        zh: "任期评估提前（天，广西指引：任期结束前一个月，12-31 届满即 11-30 前；0 = 本单位不做任期评估，不提醒）",
        en: "term evaluation lead (days; seed 002: one month, so a term ending 12-31 is evaluated by 11-30; 0 = no term evaluations here, no reminder)",
        default: "31",
        value: Value::Number(0, 365),
    },
    Setting {
        key: "due.festival_days",
        zh: "节日问候提前提醒（天；问候最早可在节前45天）",
        en: "holiday greeting notice (days; a greeting counts from 45 days before)",
        default: "45",
        value: Value::Number(1, 45),
    },
    Setting {
        key: "due.contact_interval_days",
        zh: "未联系提醒（天，顾问团未设定时）",
        en: "no-contact interval (days, when a panel sets none)",
        default: "90",
        value: Value::Number(1, 3650),
    },
    Setting {
        key: "due.visit_days",
        zh: "三必访：报告重大成就或困难后几天内走访（来宾方案）",
        en: "days to visit after a reported achievement or hardship (seed 004 三必访)",
        default: "15",
        value: Value::Number(1, 365),
    },
    Setting {
        key: "due.advice_feedback_days",
        zh: "意见建议反馈时限（天）",
        en: "advice feedback limit (days)",
        default: "30",
        value: Value::Number(1, 3650),
    },
    Setting {
        key: "due.budget_percent",
        zh: "预算使用提醒线（%）",
        en: "budget alert (% spent)",
        default: "90",
        value: Value::Number(1, 100),
    },
    Setting {
        key: "due.leader_min_advisors",
        zh: "领导至少联系专家数（来宾方案）",
        en: "advisors each leader holds at least (seed 004)",
        default: "2",
        value: Value::Number(0, 100),
    },
    Setting {
        key: "due.roster_review_month",
        zh: "名单年度调整补充须在几月底前完成（来宾方案二：原则上每年调整补充1次；0 = 本单位不要求，不提醒）",
        en: "month by whose end the year's roster adjustment is made (seed 004 二: once a year; 0 = not asked of this office, no reminder)",
        default: "0",
        value: Value::Number(0, 12),
    },
    Setting {
        key: "due.list_limit",
        zh: "每类待办最多列出（项，0 为不限；roster due --all 列出全部）",
        en: "items listed per kind (0 = all; `roster due --all` lists all)",
        default: "100",
        value: Value::Number(0, 1_000_000),
    },
    Setting {
        key: "appointment.work_plan_required",
        zh: "推荐时须附工作方案（广西指引二（二）：推荐名单和工作方案一并报送）",
        en: "a nomination needs its work plan (seed 002 part 2(2): the list and the work plan go in together)",
        default: "0",
        value: Value::YesNo,
    },
    Setting {
        key: "money.controlled_categories",
        zh: "严控类经费（须有预算才能列支；默认取自二连浩特办法第十四条）",
        en: "controlled expense categories (spent only within a budget line; the default is from seed 001 art. 14)",
        default: "travel,meeting,training,reception",
        value: Value::Categories,
    },
];

pub fn find(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}

/// The stored value, or the default.
pub fn get(conn: &Connection, key: &str) -> anyhow::Result<String> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    match (stored, find(key)) {
        (Some(v), _) => Ok(v),
        (None, Some(s)) => Ok(s.default.to_string()),
        (None, None) => Err(anyhow::anyhow!("unknown setting {key}")),
    }
}

/// A numeric setting.
pub fn number(conn: &Connection, key: &str) -> anyhow::Result<i64> {
    let text = get(conn, key)?;
    text.parse().map_err(|_| {
        anyhow::anyhow!(
            "setting {key} holds {text:?}, not a number; fix it with `roster settings set {key} …`"
        )
    })
}

/// Whether a value was stored (rather than the default applying).
pub fn stored(conn: &Connection, key: &str) -> anyhow::Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT rowid, value FROM settings WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Validates a typed value for `setting`, returning what is stored.
pub fn validate(setting: &Setting, input: &str) -> anyhow::Result<String> {
    let key = setting.key;
    match setting.value {
        Value::Number(lo, hi) => {
            crate::commands::number(key, input, lo..=hi).map(|n| n.to_string())
        }
        Value::Categories => {
            if matches!(input.trim(), "none" | "无" | "") {
                return Ok(String::new());
            }
            let mut codes = Vec::new();
            for part in input
                .split([',', '，', '、'])
                .filter(|p| !p.trim().is_empty())
            {
                let code = crate::labels::EXPENSE_CATEGORY.parse(key, part)?;
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            Ok(codes.join(","))
        }
        Value::Text => crate::input::text::line(key, input, crate::input::text::LINE_MAX),
        Value::YesNo => crate::input::text::yes_no(key, input).map(|yes| u8::from(yes).to_string()),
    }
}

/// Stores a value; returns the row id.
pub fn put(conn: &Connection, key: &str, value: &str) -> anyhow::Result<i64> {
    conn.prepare_cached("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")?
        .execute(params![key, value])?;
    Ok(
        conn.query_row("SELECT rowid FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })?,
    )
}
