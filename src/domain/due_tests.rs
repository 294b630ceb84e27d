//! Unit tests of `domain::due`.

use super::*;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn every_kind_has_its_place_in_the_order_labelled() {
    let labelled: Vec<&str> = crate::labels::DUE_KIND.codes().collect();
    assert_eq!(labelled, KIND_ORDER.to_vec());
}

fn windows() -> Windows {
    Windows {
        general: 30,
        renewal: 90,
        festival: 45,
    }
}

#[test]
fn horizons_from_settings_or_within() {
    let h = Horizons::new(d("2026-11-20"), windows(), None);
    assert_eq!(h.general, d("2026-12-20"));
    assert_eq!(h.renewal, d("2027-02-18"));
    assert_eq!(h.festival, d("2027-01-04"));
    let h = Horizons::new(d("2026-11-20"), windows(), Some(7));
    assert_eq!(
        (h.general, h.renewal, h.festival),
        (d("2026-11-27"), d("2026-11-27"), d("2026-11-27"))
    );
    // A greeting cannot count more than 45 days ahead.
    let h = Horizons::new(d("2026-11-20"), windows(), Some(90));
    assert_eq!(h.festival, d("2027-01-04"));
}

/// A member appointed during the period owes its share, to the nearest.
#[test]
fn a_joiner_owes_the_share_of_the_period() {
    let (from, to) = (d("2026-01-01"), d("2026-12-31"));
    assert_eq!(joined_share(from, to, 2, d("2026-10-10")), 0);
    assert_eq!(joined_share(from, to, 2, d("2026-08-01")), 1);
    // 2 × 274 days of 365 is 1.50…: two; 2 × 273 is 1.49…: one.
    assert_eq!(joined_share(from, to, 2, d("2026-04-02")), 2);
    assert_eq!(joined_share(from, to, 2, d("2026-04-03")), 1);
    assert_eq!(joined_share(from, to, 4, d("2026-01-01")), 4);
    assert_eq!(joined_share(from, to, 1, d("2026-12-31")), 0);
    assert_eq!(joined_share(from, to, 1, d("2026-07-02")), 1);
}

/// Seed 002 part 8: the evaluation one month before the term ends.
#[test]
fn term_evaluation_one_month_before() {
    assert_eq!(term_evaluation_due(d("2026-12-31"), 31), d("2026-11-30"));
    assert_eq!(term_evaluation_due(d("2026-08-31"), 31), d("2026-07-31"));
}

/// Seed 000: 元旦 greeted from late November; 春节 in late January is
/// found from December, across the year boundary.
#[test]
fn festivals_across_the_year_boundary() {
    let found = festivals(d("2026-11-20"), d("2027-01-04"));
    assert_eq!(found, vec![(Festival::NewYear, d("2027-01-01"))]);
    // 2028's Spring Festival is 26 January.
    let found = festivals(d("2027-12-20"), d("2028-02-03"));
    assert_eq!(
        found,
        vec![
            (Festival::NewYear, d("2028-01-01")),
            (Festival::Spring, d("2028-01-26"))
        ]
    );
    // Fifteen days after a festival a greeting still counts; sixteen, no.
    assert_eq!(
        festivals(d("2027-01-16"), d("2027-01-20")),
        vec![(Festival::NewYear, d("2027-01-01"))]
    );
    assert!(festivals(d("2027-01-17"), d("2027-01-20")).is_empty());
}

#[test]
fn pace_spreads_a_duty_over_the_months() {
    let (jan, dec) = (d("2026-01-01"), d("2026-12-31"));
    assert_eq!(pace_due(jan, dec, 2, 1), d("2026-06-30"));
    assert_eq!(pace_due(jan, dec, 2, 2), d("2026-12-31"));
    assert_eq!(pace_due(jan, dec, 1, 1), d("2026-12-31"));
    assert_eq!(pace_due(jan, dec, 4, 1), d("2026-03-31"));
    assert_eq!(pace_due(jan, dec, 4, 3), d("2026-09-30"));
    assert_eq!(pace_due(jan, dec, 24, 1), d("2026-01-31"));
    let (jul, june) = (d("2026-07-01"), d("2026-06-30"));
    assert_eq!(pace_due(jan, june, 1, 1), d("2026-06-30"));
    assert_eq!(pace_due(jul, dec, 1, 1), d("2026-12-31"));
    assert_eq!(pace_due(jul, dec, 3, 1), d("2026-08-31"));
    assert_eq!(next_due(jan, dec, 2, 1), Some(d("2026-12-31")));
    assert_eq!(next_due(jan, dec, 2, 2), None);
}

#[test]
fn periods_this_year_and_last_years_within_grace() {
    let halves = quota_periods("half", d("2026-11-20"), 30);
    assert_eq!(
        halves,
        vec![
            (d("2026-01-01"), d("2026-06-30")),
            (d("2026-07-01"), d("2026-12-31"))
        ]
    );
    let early = quota_periods("half", d("2027-01-10"), 30);
    assert_eq!(
        early,
        vec![
            (d("2026-01-01"), d("2026-06-30")),
            (d("2026-07-01"), d("2026-12-31")),
            (d("2027-01-01"), d("2027-06-30"))
        ]
    );
    assert_eq!(quota_periods("half", d("2027-01-30"), 30).len(), 3);
    assert_eq!(quota_periods("half", d("2027-01-31"), 30).len(), 1);
    assert_eq!(quota_periods("year", d("2027-02-10"), 30).len(), 1);
}

#[test]
fn year_end_reports_are_yearly_per_advisor_reports() {
    assert!(is_year_end_report(
        "activity",
        "year",
        "advisor",
        "research_report,written_opinion"
    ));
    assert!(!is_year_end_report(
        "activity",
        "half",
        "advisor",
        "research_report"
    ));
    assert!(!is_year_end_report(
        "activity", "year", "advisor", "lecture"
    ));
}

#[test]
fn sorted_by_date_then_kind_then_who() {
    let item = |due: &str, kind: &'static str, code: &str| Item {
        due: d(due),
        kind,
        code: code.into(),
        name: String::new(),
        panel: None,
        what: String::new(),
        command: String::new(),
    };
    let mut items = vec![
        item("2026-12-01", "budget", "a"),
        item("2026-11-30", "festival", "b"),
        item("2026-11-30", "term_end", "c"),
        item("2026-11-30", "festival", "a"),
    ];
    sort(&mut items);
    let order: Vec<(&str, &str)> = items.iter().map(|i| (i.kind, i.code.as_str())).collect();
    assert_eq!(
        order,
        vec![
            ("term_end", "c"),
            ("festival", "a"),
            ("festival", "b"),
            ("budget", "a")
        ]
    );
    assert_eq!(days_left(d("2026-11-18"), d("2026-11-20")), -2);
}
