//! Scoring one year: requirements met or missed, points by rule, the
//! preliminary grade, the excellent quota, and dismissal evidence. A pure
//! function of the counted records and the rule set.

use std::collections::BTreeMap;

use super::rules::{Condition, Requirement, Rules};
use crate::labels::{ACTIVITY_KIND, CONTACT_KIND, GRADE};

/// Counts of one kind of record in the year: first half, second half, and
/// the year-end (November–December, part of the second half).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub h1: i64,
    pub h2: i64,
    pub year_end: i64,
}

/// One advisor in the assessed year.
#[derive(Clone, Debug, Default)]
pub struct Subject {
    pub advisor_id: i64,
    pub code: String,
    pub served_days: i64,
    pub year_days: i64,
    /// Days served in each half.
    pub half_days: [i64; 2],
    /// Serving on 31 December (year-end items apply).
    pub serves_year_end: bool,
    /// (count, activity kind or "") → tally.
    pub counts: BTreeMap<(String, String), Tally>,
}

impl Subject {
    fn matching(&self, c: &Condition) -> Tally {
        let mut total = Tally::default();
        for ((count, kind), t) in &self.counts {
            if *count == c.count && (c.kinds.is_empty() || c.kinds.contains(kind)) {
                total.h1 += t.h1;
                total.h2 += t.h2;
                total.year_end += t.year_end;
            }
        }
        total
    }

    /// The year's total of a count over all kinds.
    pub fn total(&self, count: &str) -> i64 {
        self.counts
            .iter()
            .filter(|((c, _), _)| c == count)
            .map(|(_, t)| t.h1 + t.h2)
            .sum()
    }
}

/// How one requirement came out.
#[derive(Clone, Debug, PartialEq)]
pub struct RequirementResult {
    pub label: String,
    pub met: bool,
    pub detail: String,
}

/// Points from one rule.
#[derive(Clone, Debug, PartialEq)]
pub struct PointsLine {
    pub label: String,
    pub count: i64,
    pub each: f64,
    pub points: f64,
}

/// The result for one advisor.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub advisor_id: i64,
    pub code: String,
    pub points: f64,
    pub points_lines: Vec<PointsLine>,
    pub requirements: Vec<RequirementResult>,
    pub prelim_grade: String,
    pub grade: String,
    pub grade_reasons: Vec<String>,
    /// Set when the excellent quota moved this advisor down.
    pub quota: Option<QuotaPlace>,
    /// Grounds under seed 001 art. 12(3), if any.
    pub dismissal: Option<Evidence>,
}

/// Where the excellent quota left an advisor it moved down (stored as JSON,
/// shown in the reader's language).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct QuotaPlace {
    pub places: usize,
    pub total: usize,
    /// As many points as the last who kept excellent: the place was decided
    /// by the rule set's tie-break (then the code), not by points.
    #[serde(default)]
    pub tied: bool,
    pub share: f64,
    pub rank: usize,
}

impl QuotaPlace {
    pub fn text(&self) -> String {
        let QuotaPlace {
            places,
            total,
            share,
            rank,
            tied,
        } = self;
        if *tied {
            return crate::tr!(
                "优秀名额为 {places} 个（{total} 人 × {share}），与保留优秀者同分，按规则的并列顺序（其后按编码）排第 {rank}，调为称职",
                "the excellent quota allows {places} ({total} × {share}); level on points with the last kept excellent, placed {rank} by the rule set's tie-break (then code), so competent",
            );
        }
        crate::tr!(
            "优秀名额为 {places} 个（{total} 人 × {share}），按得分排第 {rank}，调为称职",
            "the excellent quota allows {places} ({total} × {share}); ranked {rank} by points, so competent",
        )
    }
}

/// What makes a dismissal candidate under seed 001 art. 12(3) (stored as
/// JSON, shown in the reader's language). The run never dismisses anyone.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    /// Unexcused absences, when they reach the rule set's number.
    pub absences: Option<i64>,
    /// Written-opinion requirements missed (their labels).
    pub written: Vec<String>,
}

impl Evidence {
    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        if let Some(n) = self.absences {
            parts.push(crate::tr!(
                "无正当理由缺席 {n} 次",
                "{n} unexcused absences"
            ));
        }
        for label in &self.written {
            parts.push(crate::tr!(
                "未按期提供书面意见（{label}）",
                "written opinion not delivered ({label})"
            ));
        }
        parts.join(crate::i18n::pick("；", "; "))
    }
}

/// Half-years count when served at least this many days of them.
const HALF_SERVED: i64 = 91;

fn describe(c: &Condition) -> String {
    let what = match c.count.as_str() {
        "attended" => crate::i18n::pick("出席", "attended"),
        "excused" => crate::i18n::pick("请假", "excused"),
        "absent" => crate::i18n::pick("无故缺席", "absent"),
        "advice_submitted" => crate::i18n::pick("提交意见建议", "advice submitted"),
        "advice_adopted" => crate::i18n::pick("意见建议被采纳", "advice adopted"),
        "advice_implemented" => crate::i18n::pick("意见建议已落实", "advice implemented"),
        "contacts" => crate::i18n::pick("联系服务", "contacts"),
        _ => crate::i18n::pick("意见建议获领导批示", "advice endorsed"),
    };
    let kind_of = if c.count == "contacts" {
        &CONTACT_KIND
    } else {
        &ACTIVITY_KIND
    };
    if c.kinds.is_empty() {
        what.to_string()
    } else {
        let kinds: Vec<String> = c.kinds.iter().map(|k| kind_of.label(k)).collect();
        format!("{what}（{}）", kinds.join(crate::i18n::pick("、", ", ")))
    }
}

fn bounds(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("≥{a}"),
        (None, Some(b)) => format!("≤{b}"),
        (None, None) => String::new(),
    }
}

fn within(value: i64, min: Option<i64>, max: Option<i64>) -> bool {
    min.is_none_or(|m| value >= m) && max.is_none_or(|m| value <= m)
}

fn check(subject: &Subject, req: &Requirement, prorate: bool) -> RequirementResult {
    let mut details = Vec::new();
    let mut met_any = false;
    for c in &req.any {
        let t = subject.matching(c);
        let what = describe(c);
        let (met, detail) = match req.period.as_str() {
            "each_half" => {
                let mut ok = true;
                let mut parts = Vec::new();
                for (i, value) in [t.h1, t.h2].into_iter().enumerate() {
                    let half = if i == 0 {
                        crate::i18n::pick("上半年", "H1")
                    } else {
                        crate::i18n::pick("下半年", "H2")
                    };
                    if subject.half_days[i] < HALF_SERVED {
                        parts.push(format!(
                            "{half} {}",
                            crate::i18n::pick("未满任不计", "not counted (not in office)")
                        ));
                        continue;
                    }
                    ok &= within(value, c.min, c.max);
                    parts.push(format!("{half} {value}"));
                }
                (
                    ok,
                    format!("{what} {}（{}）", parts.join(", "), bounds(c.min, c.max)),
                )
            }
            "year_end" => {
                if !subject.serves_year_end {
                    (
                        true,
                        format!(
                            "{what}：{}",
                            crate::i18n::pick(
                                "年末未在任，不适用",
                                "not in office at year end; does not apply"
                            )
                        ),
                    )
                } else {
                    (
                        within(t.year_end, c.min, c.max),
                        format!("{what} {}（{}）", t.year_end, bounds(c.min, c.max)),
                    )
                }
            }
            _ => {
                let value = t.h1 + t.h2;
                let min = c.min.map(|m| prorated(m, subject, prorate));
                let note = if min != c.min {
                    crate::i18n::pick("，按任职天数折算", ", pro-rated for days in office")
                } else {
                    ""
                };
                (
                    within(value, min, c.max),
                    format!("{what} {value}（{}{note}）", bounds(min, c.max)),
                )
            }
        };
        met_any |= met;
        details.push(detail);
    }
    RequirementResult {
        label: req.label.clone(),
        met: met_any,
        detail: details.join(crate::i18n::pick("；或 ", "; or ")),
    }
}

/// A yearly minimum scaled by the share of the year served, to the nearest
/// whole one (a half up): two meetings a year ask one of five months'
/// service and none of a month's, so a member appointed in December is not
/// graded on meetings held before they came.
pub fn prorated(min: i64, subject: &Subject, prorate: bool) -> i64 {
    if !prorate || subject.served_days >= subject.year_days || subject.year_days == 0 {
        return min;
    }
    crate::domain::due::share(min, subject.served_days, subject.year_days)
}

fn grade_index(grade: &str) -> usize {
    ["excellent", "competent", "basic", "incompetent"]
        .iter()
        .position(|g| *g == grade)
        .unwrap_or(3)
}

/// Scores one advisor (before the excellent quota).
pub fn score(subject: &Subject, rules: &Rules) -> Outcome {
    let requirements: Vec<RequirementResult> = rules
        .requirements
        .iter()
        .map(|r| check(subject, r, rules.prorate))
        .collect();
    let mut points_lines = Vec::new();
    for rule in &rules.points {
        let t = subject.matching(&rule.condition);
        let count = t.h1 + t.h2;
        let mut points = count as f64 * rule.each;
        if let Some(cap) = rule.cap
            && points > cap
        {
            points = cap;
        }
        if count != 0 {
            points_lines.push(PointsLine {
                label: rule.label.clone(),
                count,
                each: rule.each,
                points,
            });
        }
    }
    // + 0.0: an empty sum of floats is -0.0, which would read "-0".
    let points = points_lines.iter().map(|l| l.points).sum::<f64>() + 0.0;
    let [e, c, b] = rules.thresholds;
    let prelim = if points >= e {
        "excellent"
    } else if points >= c {
        "competent"
    } else if points >= b {
        "basic"
    } else {
        "incompetent"
    };
    let shown = crate::output::decimal;
    let (shown_points, e, c, b) = (shown(points), shown(e), shown(c), shown(b));
    let mut reasons = vec![crate::tr!(
        "得分 {shown_points}：优秀≥{e}，称职≥{c}，基本称职≥{b}",
        "{shown_points} points: excellent ≥{e}, competent ≥{c}, basic ≥{b}"
    )];
    let mut grade = prelim;
    for (req, result) in rules.requirements.iter().zip(&requirements) {
        if !result.met && grade_index(&req.on_miss) > grade_index(grade) {
            let (label, cap) = (&req.label, GRADE.label(&req.on_miss));
            reasons.push(crate::tr!(
                "未达到“{label}”，最高评为{cap}",
                "missed \"{label}\", so at most {cap}"
            ));
            grade = if grade_index(&req.on_miss) > grade_index(grade) {
                req.on_miss.as_str()
            } else {
                grade
            };
        }
    }
    let absences = subject.total("absent");
    let mut evidence = Evidence::default();
    let grounds = rules.dismissal.clone().unwrap_or(super::rules::Dismissal {
        absences: None,
        written_opinions: false,
    });
    if grounds.absences.is_some_and(|n| absences >= n) {
        evidence.absences = Some(absences);
    }
    for (req, result) in rules.requirements.iter().zip(&requirements) {
        let written = req.any.iter().any(|c| {
            c.kinds
                .iter()
                .any(|k| k == "written_opinion" || k == "research_report")
        });
        if grounds.written_opinions && written && !result.met {
            evidence.written.push(req.label.clone());
        }
    }
    Outcome {
        advisor_id: subject.advisor_id,
        code: subject.code.clone(),
        points,
        points_lines,
        requirements,
        prelim_grade: grade.to_string(),
        grade: grade.to_string(),
        grade_reasons: reasons,
        quota: None,
        dismissal: (evidence.absences.is_some() || !evidence.written.is_empty())
            .then_some(evidence),
    }
}
