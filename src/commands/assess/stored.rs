//! The JSON texts a result stores (`metrics`, `requirements`), written
//! straight from the subject and the outcome: over a province-sized roster,
//! building a `serde_json::Value` tree for each result first took a fifth of
//! a run's time. The texts are byte for byte what `metrics_json(..)` and
//! `requirements_json(..)` print (keys in sorted order, as serde_json's map
//! keeps them); the tests below hold them to it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::assess::{Outcome, Subject};

#[derive(Serialize)]
struct Metrics<'a> {
    counts: BTreeMap<&'a str, BTreeMap<&'a str, [i64; 3]>>,
    service: Service,
}

#[derive(Serialize)]
struct Service {
    days: i64,
    half: [i64; 2],
    year_days: i64,
    year_end: bool,
}

/// `metrics_json(subject).to_string()`, without the tree.
pub fn metrics_text(subject: &Subject) -> anyhow::Result<String> {
    let mut counts: BTreeMap<&str, BTreeMap<&str, [i64; 3]>> = BTreeMap::new();
    for ((count, kind), t) in &subject.counts {
        counts
            .entry(count.as_str())
            .or_default()
            .insert(kind.as_str(), [t.h1, t.h2, t.year_end]);
    }
    Ok(serde_json::to_string(&Metrics {
        counts,
        service: Service {
            days: subject.served_days,
            half: subject.half_days,
            year_days: subject.year_days,
            year_end: subject.serves_year_end,
        },
    })?)
}

#[derive(Serialize)]
struct Requirements<'a> {
    points: Vec<Points<'a>>,
    reasons: &'a [String],
    requirements: Vec<Requirement<'a>>,
}

#[derive(Serialize)]
struct Points<'a> {
    count: i64,
    each: f64,
    label: &'a str,
    points: f64,
}

#[derive(Serialize)]
struct Requirement<'a> {
    detail: &'a str,
    label: &'a str,
    met: bool,
}

/// How an outcome's requirements and points came out, as a result stores
/// them (`{"points": [...], "reasons": [...], "requirements": [...]}`).
pub fn requirements_text(outcome: &Outcome) -> anyhow::Result<String> {
    Ok(serde_json::to_string(&Requirements {
        points: outcome
            .points_lines
            .iter()
            .map(|p| Points {
                count: p.count,
                each: p.each,
                label: &p.label,
                points: p.points,
            })
            .collect(),
        reasons: &outcome.grade_reasons,
        requirements: outcome
            .requirements
            .iter()
            .map(|r| Requirement {
                detail: &r.detail,
                label: &r.label,
                met: r.met,
            })
            .collect(),
    })?)
}

/// The same as a `serde_json::Value` (what the texts were first written
/// from; kept as the reference the tests compare with).
#[cfg(test)]
fn requirements_json(outcome: &Outcome) -> serde_json::Value {
    serde_json::json!({
        "requirements": outcome.requirements.iter().map(|r| serde_json::json!({"label": r.label, "met": r.met, "detail": r.detail})).collect::<Vec<_>>(),
        "points": outcome.points_lines.iter().map(|p| serde_json::json!({"label": p.label, "count": p.count, "each": p.each, "points": p.points})).collect::<Vec<_>>(),
        "reasons": outcome.grade_reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assess::Tally;
    use crate::domain::assess::score::{PointsLine, RequirementResult};

    #[test]
    fn texts_are_what_the_json_trees_print() {
        let mut subject = Subject {
            advisor_id: 7,
            code: "A0007".into(),
            served_days: 200,
            year_days: 366,
            half_days: [17, 183],
            serves_year_end: true,
            counts: BTreeMap::new(),
        };
        for (count, kind, n) in [
            ("attended", "seminar", 3),
            ("attended", "consultation", 1),
            ("advice_submitted", "", 2),
            ("absent", "lecture", 1),
            ("excused", "\"quoted\" 中文", 4),
        ] {
            let tally = Tally {
                h1: n,
                h2: n * 2,
                year_end: n - 1,
            };
            subject.counts.insert((count.into(), kind.into()), tally);
        }
        assert_eq!(
            metrics_text(&subject).unwrap(),
            super::super::metrics_json(&subject).to_string()
        );
        assert_eq!(
            metrics_text(&Subject::default()).unwrap(),
            super::super::metrics_json(&Subject::default()).to_string()
        );
        let outcome = Outcome {
            advisor_id: 7,
            code: "A0007".into(),
            points: 172.5,
            points_lines: vec![
                PointsLine {
                    label: "参加会议".into(),
                    count: 9,
                    each: 10.0,
                    points: 90.0,
                },
                PointsLine {
                    label: "缺席（扣分）".into(),
                    count: 1,
                    each: -15.5,
                    points: f64::NAN,
                },
            ],
            requirements: vec![RequirementResult {
                label: "不少于2次（第八条）".into(),
                met: false,
                detail: "出席 1（≥2）\n\\".into(),
            }],
            prelim_grade: "excellent".into(),
            grade: "competent".into(),
            grade_reasons: vec!["得分 172.5".into(), "quota".into()],
            quota: None,
            dismissal: None,
        };
        assert_eq!(
            requirements_text(&outcome).unwrap(),
            requirements_json(&outcome).to_string()
        );
        let empty = Outcome {
            points_lines: Vec::new(),
            requirements: Vec::new(),
            grade_reasons: Vec::new(),
            ..outcome
        };
        assert_eq!(
            requirements_text(&empty).unwrap(),
            requirements_json(&empty).to_string()
        );
    }
}
