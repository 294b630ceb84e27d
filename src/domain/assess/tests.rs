//! The assessment as pure functions: rule files, scoring, the quota.

use super::*;

const ERENHOT: &str = include_str!("../../../samples/rules/erenhot.toml");
const KAIZHOU: &str = include_str!("../../../samples/rules/kaizhou-tech.toml");

fn subject(code: &str, counts: &[(&str, &str, i64, i64)]) -> Subject {
    let mut s = Subject {
        advisor_id: code[1..].parse().unwrap_or(0),
        code: code.to_string(),
        served_days: 365,
        year_days: 365,
        half_days: [181, 184],
        serves_year_end: true,
        ..Subject::default()
    };
    for (count, kind, h1, h2) in counts {
        s.counts.insert(
            (count.to_string(), kind.to_string()),
            Tally {
                h1: *h1,
                h2: *h2,
                year_end: 0,
            },
        );
    }
    s
}

#[test]
fn the_sample_rule_sets_parse() {
    let erenhot = parse(ERENHOT).unwrap();
    assert_eq!(erenhot.requirements.len(), 3);
    assert_eq!(erenhot.subsidy.cap, 50_000_000);
    assert_eq!(erenhot.subsidy.for_grade("excellent"), 5_000_000);
    let kaizhou = parse(KAIZHOU).unwrap();
    assert_eq!(kaizhou.panel.as_deref(), Some("tech"));
    assert_eq!(kaizhou.requirements[1].any.len(), 2);
}

fn error_line(text: &str) -> (usize, String) {
    let err = parse(text).unwrap_err();
    (err.line, err.message)
}

#[test]
fn errors_name_their_line() {
    let unknown = ERENHOT.replace("prorate = true", "prorate = true\ncolour = \"red\"");
    let line = unknown
        .lines()
        .position(|l| l.starts_with("colour"))
        .unwrap()
        + 1;
    let (at, message) = error_line(&unknown);
    assert_eq!(at, line, "{message}");
    assert!(message.contains("colour"), "{message}");

    let negative = ERENHOT.replace("competent = 30000", "competent = -30000");
    let line = negative
        .lines()
        .position(|l| l.starts_with("competent = -30000"))
        .unwrap()
        + 1;
    assert_eq!(error_line(&negative).0, line);

    let disorder = ERENHOT.replace("competent = 60", "competent = 95");
    let line = disorder
        .lines()
        .position(|l| l.starts_with("competent = 95"))
        .unwrap()
        + 1;
    let (at, message) = error_line(&disorder);
    assert_eq!(at, line - 1, "{message}"); // the excellent line, which names the competent one
    assert!(message.contains(&line.to_string()), "{message}");

    let min_above_max = ERENHOT.replace("min = 5000", "min = 60000");
    let line = min_above_max
        .lines()
        .position(|l| l.starts_with("min = 60000"))
        .unwrap()
        + 1;
    assert_eq!(error_line(&min_above_max).0, line);

    let share = ERENHOT.replace("share = 0.2", "share = 1.5");
    let line = share
        .lines()
        .position(|l| l.starts_with("share = 1.5"))
        .unwrap()
        + 1;
    assert_eq!(error_line(&share).0, line);

    let kind = ERENHOT.replace(
        "\"panel_meeting\", \"seminar\", \"group_consultation\"]",
        "\"banquet\"]",
    );
    assert!(error_line(&kind).1.contains("banquet"));
}

#[test]
fn requirements_points_and_grades() {
    let rules = parse(ERENHOT).unwrap();
    let diligent = subject(
        "A01",
        &[
            ("attended", "panel_meeting", 1, 1),
            ("attended", "seminar", 1, 1),
            ("attended", "written_opinion", 1, 1),
            ("advice_submitted", "", 2, 1),
            ("advice_adopted", "", 1, 1),
        ],
    );
    let o = score::score(&diligent, &rules);
    // 4 × 10 + 2 × 15 + 3 × 5 + 2 × 15 = 115
    assert_eq!(o.points, 115.0);
    assert!(o.requirements.iter().all(|r| r.met));
    assert_eq!(o.grade, "excellent");

    let absent = subject(
        "A02",
        &[
            ("attended", "panel_meeting", 1, 1),
            ("absent", "seminar", 1, 1),
            ("attended", "written_opinion", 0, 1),
        ],
    );
    let o = score::score(&absent, &rules);
    assert!(!o.requirements[2].met);
    assert_eq!(o.grade, "incompetent"); // the absence rule caps at incompetent
    assert_eq!(o.dismissal.as_ref().and_then(|e| e.absences), Some(2));

    let silent = subject("A03", &[("attended", "panel_meeting", 5, 5)]);
    let o = score::score(&silent, &rules);
    assert_eq!(o.points, 100.0);
    assert!(!o.requirements[1].met);
    assert_eq!(o.prelim_grade, "basic"); // a missed requirement caps at basic
    assert_eq!(o.dismissal.as_ref().map(|e| e.written.len()), Some(1)); // no written opinion (art. 12(3))
}

#[test]
fn part_year_service_prorates_minimums() {
    let rules = parse(ERENHOT).unwrap();
    let mut half = subject(
        "A04",
        &[
            ("attended", "seminar", 0, 1),
            ("attended", "written_opinion", 0, 1),
        ],
    );
    half.served_days = 150;
    half.half_days = [0, 150];
    let o = score::score(&half, &rules);
    assert!(o.requirements[0].met, "{:?}", o.requirements[0]); // 2 × 150/365 is 1 to the nearest
    // Appointed for the last 33 days: no meeting or opinion is asked of him
    // (2 × 33/365 and 33/365 are 0 to the nearest), so he is not graded
    // 不称职 nor listed under art. 12(3) for what fell before he came.
    let mut december = subject("A05", &[]);
    december.served_days = 33;
    december.half_days = [0, 33];
    let o = score::score(&december, &rules);
    assert!(o.requirements.iter().all(|r| r.met), "{:?}", o.requirements);
    assert!(o.dismissal.is_none(), "{:?}", o.dismissal);
}

#[test]
fn the_kaizhou_either_or_requirement() {
    let rules = parse(KAIZHOU).unwrap();
    let report = subject(
        "A32",
        &[
            ("attended", "consultation", 1, 0),
            ("attended", "research_report", 0, 1),
        ],
    );
    assert!(
        score::score(&report, &rules)
            .requirements
            .iter()
            .all(|r| r.met)
    );
    let advice = subject(
        "A33",
        &[
            ("attended", "seminar", 1, 0),
            ("advice_submitted", "", 0, 1),
        ],
    );
    assert!(
        score::score(&advice, &rules)
            .requirements
            .iter()
            .all(|r| r.met)
    );
    let neither = subject("A34", &[("attended", "seminar", 1, 0)]);
    let o = score::score(&neither, &rules);
    assert!(!o.requirements[1].met);
    assert_eq!(o.grade, "basic");
}

#[test]
fn the_excellent_quota_moves_the_lowest_down_deterministically() {
    let rules = parse(ERENHOT).unwrap();
    // Ten advisors, all excellent on points; a fifth (2) may stay excellent.
    let subjects: Vec<Subject> = (0..10)
        .map(|i| {
            subject(
                &format!("A{i:02}"),
                &[
                    ("attended", "panel_meeting", 3, 3),
                    ("attended", "written_opinion", 1, 1 + i64::from(i == 3)),
                    ("advice_adopted", "", i64::from(i == 7), 0),
                ],
            )
        })
        .collect();
    let outcomes = assess(&subjects, &rules);
    let excellent: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.grade == "excellent")
        .map(|o| o.code.as_str())
        .collect();
    // A03 (an extra written opinion) and A07 (adopted advice) score highest.
    assert_eq!(excellent, ["A03", "A07"]);
    let moved = outcomes.iter().find(|o| o.code == "A00").unwrap();
    assert_eq!(moved.prelim_grade, "excellent");
    assert_eq!(
        moved.quota.as_ref().map(|q| (q.places, q.rank)),
        Some((2, 3))
    );
    assert_eq!(quota::quota_places(0.1, "floor", 30), 3);
    assert_eq!(quota::quota_places(0.15, "round", 10), 2);
    assert_eq!(quota::quota_places(0.15, "ceil", 10), 2);
    assert_eq!(quota::quota_places(0.15, "floor", 10), 1);
}

#[test]
fn assessing_each_in_turn_gives_the_same_outcomes() {
    // Equal points, so the quota's tie-break (advice adopted, then attended,
    // then code) decides: the counts it reads must survive the cutting down.
    for text in [ERENHOT, KAIZHOU] {
        let rules = parse(text).unwrap();
        let mut subjects: Vec<Subject> = (0..12)
            .map(|i| {
                subject(
                    &format!("A{i:02}"),
                    &[
                        ("attended", "panel_meeting", 3, 3 + i64::from(i % 3 == 0)),
                        ("attended", "written_opinion", 1, 1),
                        ("advice_adopted", "", i64::from(i % 4 == 0), 0),
                        ("absent", "seminar", i64::from(i == 5), 0),
                    ],
                )
            })
            .collect();
        let expected = assess(&subjects, &rules);
        let mut seen = Vec::new();
        let outcomes = assess_each(&mut subjects, &rules, |s, o| {
            seen.push((s.code.clone(), s.counts.len(), o.clone()));
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(outcomes, expected);
        // Each subject was seen whole with its outcome (before the quota),
        // then kept only the totals the tie-break reads.
        for (i, (code, n, outcome)) in seen.iter().enumerate() {
            assert_eq!(
                (code, outcome.points),
                (&expected[i].code, expected[i].points)
            );
            assert!(*n >= 3);
        }
        assert!(subjects.iter().all(|s| s.counts.len() <= 2));
        assert!(
            subjects
                .iter()
                .all(|s| s.counts.keys().all(|(c, _)| c != "absent"))
        );
    }
}
