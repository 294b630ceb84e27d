//! The assessment rule set: a TOML file the office edits (see
//! `samples/rules/`). Parsing names the line of any error: unknown keys,
//! negative amounts, thresholds out of order, a minimum subsidy above the
//! maximum, an excellent share over 1.

use serde::Deserialize;
use toml::Spanned;

/// What a requirement or a points rule counts, per advisor per year.
pub const COUNTS: &[&str] = &[
    "attended",           // activities attended (by kind)
    "excused",            // excused absences (by kind)
    "absent",             // unexcused absences (by kind), seed 001 art. 12(3)
    "advice_submitted",   // advice the advisor submitted
    "advice_adopted",     // … adopted or partly adopted (incl. implemented)
    "advice_implemented", // … implemented
    "advice_endorsed",    // … endorsed by a leader (领导批示)
];

/// When a requirement is measured.
pub const PERIODS: &[&str] = &["year", "each_half", "year_end"];

pub const GRADES: &[&str] = &["excellent", "competent", "basic", "incompetent"];

/// A rule file's error, with its 1-based line.
#[derive(Debug)]
pub struct RuleError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let line = self.line;
        let message = &self.message;
        write!(
            f,
            "{}",
            crate::tr!("第 {line} 行：{message}", "line {line}: {message}")
        )
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    name: String,
    #[serde(default)]
    panel: Option<String>,
    #[serde(default = "yes")]
    prorate: bool,
    #[serde(default, rename = "requirement")]
    requirements: Vec<Spanned<RawRequirement>>,
    #[serde(default, rename = "points")]
    points: Vec<Spanned<RawCondition>>,
    grades: Spanned<RawGrades>,
    #[serde(default)]
    excellent_quota: Option<Spanned<RawQuota>>,
    subsidy: Spanned<RawSubsidy>,
    #[serde(default)]
    dismissal: Option<RawDismissal>,
}

/// When the run lists an advisor as a dismissal candidate (seed 001 art. 12(3)).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDismissal {
    /// Unexcused absences in the year that make a candidate.
    #[serde(default)]
    absences: Option<Spanned<i64>>,
    /// Whether missing a written-opinion requirement makes a candidate
    /// (不按期提供书面意见).
    #[serde(default = "yes")]
    written_opinions: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    #[serde(default)]
    label: Option<String>,
    count: Spanned<String>,
    #[serde(default)]
    kinds: Vec<Spanned<String>>,
    #[serde(default)]
    min: Option<Spanned<i64>>,
    #[serde(default)]
    max: Option<Spanned<i64>>,
    /// Points per counted record (points rules only).
    #[serde(default)]
    each: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    label: String,
    #[serde(default)]
    count: Option<Spanned<String>>,
    #[serde(default)]
    kinds: Vec<Spanned<String>>,
    #[serde(default)]
    min: Option<Spanned<i64>>,
    #[serde(default)]
    max: Option<Spanned<i64>>,
    #[serde(default)]
    any: Vec<Spanned<RawCondition>>,
    #[serde(default)]
    period: Option<Spanned<String>>,
    #[serde(default)]
    on_miss: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrades {
    excellent: Spanned<f64>,
    competent: Spanned<f64>,
    basic: Spanned<f64>,
    #[serde(default)]
    missed_requirement: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuota {
    share: Spanned<f64>,
    #[serde(default)]
    rounding: Option<Spanned<String>>,
    #[serde(default)]
    tie_break: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSubsidy {
    excellent: Spanned<f64>,
    competent: Spanned<f64>,
    basic: Spanned<f64>,
    incompetent: Spanned<f64>,
    min: Spanned<f64>,
    max: Spanned<f64>,
    cap: Spanned<f64>,
    #[serde(default)]
    special_max: Option<Spanned<f64>>,
    /// "subsidies" (the cap is for subsidies alone, the default) or
    /// "all_spending" (the cap is the year's whole advisor funding, as in
    /// seed 001 art. 14: 全市每年总顾问经费不超过50万元, so other spending
    /// that year comes off it first).
    #[serde(default)]
    cap_covers: Option<Spanned<String>>,
}

/// One thing counted: which count, which kinds (empty: all), bounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub count: String,
    pub kinds: Vec<String>,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    pub label: String,
    /// Met when any one condition holds.
    pub any: Vec<Condition>,
    pub period: String,
    /// The best grade possible when this requirement is missed.
    pub on_miss: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PointsRule {
    pub label: String,
    pub condition: Condition,
    pub each: f64,
    /// At most this many points from this rule.
    pub cap: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quota {
    pub share: f64,
    /// floor | round | ceil
    pub rounding: String,
    /// Keys after points: any count name, or `code`.
    pub tie_break: Vec<String>,
}

/// Subsidy amounts in fen.
#[derive(Clone, Debug, PartialEq)]
pub struct Subsidy {
    pub by_grade: [(String, i64); 4],
    pub min: i64,
    pub max: i64,
    pub cap: i64,
    pub special_max: i64,
    /// The cap covers all of the year's advisor spending, not subsidies alone.
    pub cap_covers_all: bool,
}

impl Subsidy {
    pub fn for_grade(&self, grade: &str) -> i64 {
        self.by_grade
            .iter()
            .find(|(g, _)| g == grade)
            .map_or(0, |(_, v)| *v)
    }
}

/// Grounds the run looks for under seed 001 art. 12(3).
#[derive(Clone, Debug, PartialEq)]
pub struct Dismissal {
    /// Unexcused absences in the year that make a candidate.
    pub absences: Option<i64>,
    /// A missed written-opinion requirement makes a candidate.
    pub written_opinions: bool,
}

/// A validated rule set.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    pub name: String,
    pub panel: Option<String>,
    pub prorate: bool,
    pub requirements: Vec<Requirement>,
    pub points: Vec<PointsRule>,
    /// Points needed for excellent, competent, basic.
    pub thresholds: [f64; 3],
    pub missed_requirement: String,
    pub quota: Option<Quota>,
    pub subsidy: Subsidy,
    /// When an advisor is listed as a dismissal candidate (none without a
    /// `[dismissal]` table).
    pub dismissal: Option<Dismissal>,
}

struct Source<'a> {
    text: &'a str,
}

impl Source<'_> {
    fn line(&self, span: std::ops::Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text[..end].matches('\n').count() + 1
    }

    fn error<T>(&self, span: std::ops::Range<usize>, message: String) -> Result<T, RuleError> {
        Err(RuleError {
            line: self.line(span),
            message,
        })
    }
}

/// Parses and validates a rule file's text.
pub fn parse(text: &str) -> Result<Rules, RuleError> {
    let source = Source { text };
    let raw: RawRules = toml::from_str(text).map_err(|e| RuleError {
        line: e.span().map_or(1, |s| source.line(s)),
        message: e.message().trim().to_string(),
    })?;
    let mut requirements = Vec::new();
    for req in &raw.requirements {
        let span = req.span();
        let r = req.get_ref();
        let mut any = Vec::new();
        if let Some(count) = &r.count {
            let plain = RawCondition {
                label: None,
                count: count.clone(),
                kinds: r.kinds.clone(),
                min: r.min.clone(),
                max: r.max.clone(),
                each: None,
            };
            any.push(condition(&source, &plain)?);
        }
        for alternative in &r.any {
            any.push(condition(&source, alternative.get_ref())?);
        }
        if any.is_empty() {
            let label = &r.label;
            return source.error(
                span,
                crate::tr!(
                    "要求“{label}”缺少 count 或 any",
                    "requirement \"{label}\" needs a count or an any list"
                ),
            );
        }
        if any.iter().any(|c| c.min.is_none() && c.max.is_none()) {
            let label = &r.label;
            return source.error(
                span,
                crate::tr!(
                    "要求“{label}”须给出 min 或 max",
                    "requirement \"{label}\" needs a min or a max"
                ),
            );
        }
        let period = match &r.period {
            Some(p) => one_of(&source, p, PERIODS, "period")?,
            None => "year".to_string(),
        };
        let on_miss = match &r.on_miss {
            Some(g) => one_of(&source, g, GRADES, "on_miss")?,
            None => String::new(),
        };
        requirements.push(Requirement {
            label: r.label.clone(),
            any,
            period,
            on_miss,
        });
    }
    let mut points = Vec::new();
    for rule in &raw.points {
        let r = rule.get_ref();
        let condition = condition(&source, r)?;
        let Some(each) = &r.each else {
            return source.error(
                rule.span(),
                crate::tr!(
                    "计分规则缺少 each（每项分值）",
                    "a points rule needs `each` (points per record)"
                ),
            );
        };
        let label = r.label.clone().unwrap_or_else(|| {
            if condition.kinds.is_empty() {
                condition.count.clone()
            } else {
                format!("{}: {}", condition.count, condition.kinds.join(","))
            }
        });
        let cap = r.max.as_ref().map(|m| *m.get_ref() as f64);
        points.push(PointsRule {
            label,
            condition: Condition {
                min: None,
                max: None,
                ..condition
            },
            each: *each.get_ref(),
            cap,
        });
    }
    let g = raw.grades.get_ref();
    let (e, c, b) = (
        *g.excellent.get_ref(),
        *g.competent.get_ref(),
        *g.basic.get_ref(),
    );
    if e <= c {
        let other = source.line(g.competent.span());
        return source.error(
            g.excellent.span(),
            crate::tr!(
                "优秀分数线 {e} 须高于称职分数线 {c}（第 {other} 行）",
                "the excellent threshold {e} must be above the competent threshold {c} (line {other})",
            ),
        );
    }
    if c <= b {
        let other = source.line(g.basic.span());
        return source.error(
            g.competent.span(),
            crate::tr!(
                "称职分数线 {c} 须高于基本称职分数线 {b}（第 {other} 行）",
                "the competent threshold {c} must be above the basic threshold {b} (line {other})",
            ),
        );
    }
    if b < 0.0 {
        return source.error(
            g.basic.span(),
            crate::tr!("分数线不能为负数", "a threshold cannot be negative"),
        );
    }
    let missed_requirement = match &g.missed_requirement {
        Some(m) => one_of(&source, m, GRADES, "missed_requirement")?,
        None => "basic".to_string(),
    };
    let requirements = requirements
        .into_iter()
        .map(|r| Requirement {
            on_miss: if r.on_miss.is_empty() {
                missed_requirement.clone()
            } else {
                r.on_miss.clone()
            },
            ..r
        })
        .collect();
    let quota = match &raw.excellent_quota {
        None => None,
        Some(q) => {
            let q = q.get_ref();
            let share = *q.share.get_ref();
            if !(0.0..=1.0).contains(&share) {
                return source.error(
                    q.share.span(),
                    crate::tr!(
                        "优秀比例须在 0 到 1 之间（实为 {share}）",
                        "the excellent share must be between 0 and 1 (got {share})"
                    ),
                );
            }
            let rounding = match &q.rounding {
                Some(r) => one_of(&source, r, &["floor", "round", "ceil"], "rounding")?,
                None => "floor".to_string(),
            };
            let mut tie_break = Vec::new();
            for key in &q.tie_break {
                if key.get_ref() == "code" {
                    tie_break.push("code".to_string());
                } else {
                    tie_break.push(one_of(&source, key, COUNTS, "tie_break")?);
                }
            }
            Some(Quota {
                share,
                rounding,
                tie_break,
            })
        }
    };
    let s = raw.subsidy.get_ref();
    let fen = |v: &Spanned<f64>, what: &str| -> Result<i64, RuleError> {
        let yuan = *v.get_ref();
        if yuan < 0.0 || !yuan.is_finite() {
            return source.error(
                v.span(),
                crate::tr!(
                    "{what} 不能为负数（实为 {yuan}）",
                    "{what} cannot be negative (got {yuan})"
                ),
            );
        }
        let fen = (yuan * 100.0).round();
        if (fen - yuan * 100.0).abs() > 1e-6 {
            return source.error(
                v.span(),
                crate::tr!("{what} 最多两位小数", "{what} has more than two decimals"),
            );
        }
        Ok(fen as i64)
    };
    let subsidy = Subsidy {
        by_grade: [
            ("excellent".to_string(), fen(&s.excellent, "excellent")?),
            ("competent".to_string(), fen(&s.competent, "competent")?),
            ("basic".to_string(), fen(&s.basic, "basic")?),
            (
                "incompetent".to_string(),
                fen(&s.incompetent, "incompetent")?,
            ),
        ],
        min: fen(&s.min, "min")?,
        max: fen(&s.max, "max")?,
        cap: fen(&s.cap, "cap")?,
        cap_covers_all: match &s.cap_covers {
            Some(v) => {
                one_of(&source, v, &["subsidies", "all_spending"], "cap_covers")? == "all_spending"
            }
            None => false,
        },
        special_max: match &s.special_max {
            Some(v) => fen(v, "special_max")?,
            None => fen(&s.max, "max")?,
        },
    };
    if subsidy.min > subsidy.max {
        let (min, max) = (*s.min.get_ref(), *s.max.get_ref());
        return source.error(
            s.min.span(),
            crate::tr!(
                "最低补贴 {min} 高于最高补贴 {max}",
                "the minimum subsidy {min} is above the maximum {max}"
            ),
        );
    }
    for ((grade, amount), value) in
        subsidy
            .by_grade
            .iter()
            .zip([&s.excellent, &s.competent, &s.basic, &s.incompetent])
    {
        if *amount != 0 && (*amount < subsidy.min || *amount > subsidy.max) {
            return source.error(
                value.span(),
                crate::tr!(
                    "{grade} 的补贴须为 0 或在最低与最高之间",
                    "the {grade} subsidy must be 0 or between the minimum and the maximum",
                ),
            );
        }
    }
    if subsidy.special_max < subsidy.max {
        return source.error(
            raw.subsidy.span(),
            crate::tr!(
                "special_max 不能低于 max",
                "special_max cannot be below max"
            ),
        );
    }
    let dismissal = match &raw.dismissal {
        None => None,
        Some(d) => {
            if let Some(a) = &d.absences
                && *a.get_ref() < 1
            {
                return source.error(
                    a.span(),
                    crate::tr!(
                        "dismissal.absences 至少为 1",
                        "dismissal.absences must be at least 1"
                    ),
                );
            }
            Some(Dismissal {
                absences: d.absences.as_ref().map(|a| *a.get_ref()),
                written_opinions: d.written_opinions,
            })
        }
    };
    Ok(Rules {
        dismissal,
        name: raw.name,
        panel: raw.panel,
        prorate: raw.prorate,
        requirements,
        points,
        thresholds: [e, c, b],
        missed_requirement,
        quota,
        subsidy,
    })
}

fn one_of(
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

fn condition(source: &Source, raw: &RawCondition) -> Result<Condition, RuleError> {
    let count = one_of(source, &raw.count, COUNTS, "count")?;
    let mut kinds = Vec::new();
    for kind in &raw.kinds {
        if !count.starts_with("advice")
            && crate::labels::ACTIVITY_KIND
                .codes()
                .any(|c| c == kind.get_ref())
        {
            kinds.push(kind.get_ref().clone());
        } else {
            let k = kind.get_ref();
            return source.error(
                kind.span(),
                crate::tr!(
                    "未知的活动类型“{k}”（意见建议不分类型）",
                    "unknown activity kind \"{k}\" (advice counts take no kinds)"
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
