//! The assessment rule set: a TOML file the office edits (see
//! `samples/rules/`). Parsing names the line of any error: unknown keys,
//! negative amounts, thresholds out of order, a minimum subsidy above the
//! maximum, an excellent share over 1.

use toml::Spanned;

pub use super::model::{
    COUNTS, Condition, Dismissal, GRADES, PERIODS, PointsRule, Quota, Requirement, RuleError,
    Rules, Subsidy,
};
use super::raw::{RawCondition, RawRules};
use super::source::{Source, condition, one_of};

/// Parses and validates a rule file's text.
pub fn parse(text: &str) -> Result<Rules, RuleError> {
    let source = Source { text };
    let raw: RawRules = toml::from_str(text).map_err(|e| RuleError {
        line: e.span().map_or(1, |s| source.line(s)),
        message: super::raw::toml_message(e.message()),
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
