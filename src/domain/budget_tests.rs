use super::*;

fn line(id: i64, panel: Option<i64>, category: Option<&str>, cap: i64) -> Line {
    Line {
        id,
        panel_id: panel,
        category: category.map(str::to_string),
        cap_fen: cap,
    }
}

fn used(paid: i64, committed: i64) -> Usage {
    Usage {
        paid_fen: paid,
        committed_fen: committed,
    }
}

fn charge(panel: Option<i64>, category: &str, amount: i64) -> Charge<'_> {
    Charge {
        panel_id: panel,
        category,
        amount_fen: amount,
    }
}

#[test]
fn which_lines_apply() {
    let c = charge(Some(7), "travel", 100);
    assert!(applies(&line(1, None, None, 0), &c));
    assert!(applies(&line(2, None, Some("travel"), 0), &c));
    assert!(applies(&line(3, Some(7), None, 0), &c));
    assert!(applies(&line(4, Some(7), Some("travel"), 0), &c));
    assert!(!applies(&line(5, Some(8), None, 0), &c));
    assert!(!applies(&line(6, None, Some("meeting"), 0), &c));
    assert!(!applies(&line(7, Some(7), Some("meeting"), 0), &c));
    // An expense booked to no panel falls only under office lines.
    assert!(!applies(
        &line(3, Some(7), None, 0),
        &charge(None, "travel", 1)
    ));
}

/// Seed 001 art. 14: at most 500,000 yuan a year in all. Reaching the
/// cap exactly is fine; one fen more is not.
#[test]
fn erenhot_cap_exact_then_one_fen_over() {
    let cap = 50_000_000;
    let lines = vec![(line(1, None, None, cap), used(40_000_000, 9_999_000))];
    assert!(breaches(&lines, &charge(None, "subsidy", 1_000)).is_empty());
    let lines = vec![(line(1, None, None, cap), used(40_000_000, 10_000_000))];
    let found = breaches(&lines, &charge(None, "subsidy", 1));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].remaining_fen(), 0);
    assert_eq!(found[0].amount_fen, 1);
}

#[test]
fn any_applicable_cap_can_refuse_and_all_are_reported_office_first() {
    let lines = vec![
        (line(4, Some(7), Some("travel"), 5_000), used(4_000, 0)),
        (line(1, None, None, 1_000_000), used(0, 0)),
        (line(2, None, Some("travel"), 5_500), used(0, 5_000)),
        (line(3, Some(7), None, 100_000), used(0, 0)),
        (line(5, Some(8), None, 1), used(0, 0)),
    ];
    let found = breaches(&lines, &charge(Some(7), "travel", 1_001));
    let ids: Vec<i64> = found.iter().map(|b| b.line.id).collect();
    assert_eq!(ids, vec![2, 4]);
    assert_eq!(found[0].remaining_fen(), 500);
    assert!(breaches(&lines, &charge(Some(7), "travel", 500)).is_empty());
}

#[test]
fn a_zero_cap_refuses_everything_under_it() {
    let lines = vec![(line(1, None, Some("reception"), 0), used(0, 0))];
    assert_eq!(breaches(&lines, &charge(None, "reception", 1)).len(), 1);
    assert!(breaches(&lines, &charge(None, "travel", 1)).is_empty());
}

/// Seed 001 art. 14: 严控类经费不得无预算执行 — a category line is needed.
#[test]
fn controlled_needs_a_category_line() {
    let c = charge(Some(7), "meeting", 100);
    assert!(!has_category_budget(&[line(1, None, None, 9)], &c));
    assert!(!has_category_budget(&[line(1, Some(7), None, 9)], &c));
    assert!(!has_category_budget(
        &[line(1, None, Some("travel"), 9)],
        &c
    ));
    assert!(!has_category_budget(
        &[line(1, Some(8), Some("meeting"), 9)],
        &c
    ));
    assert!(has_category_budget(
        &[line(1, None, Some("meeting"), 9)],
        &c
    ));
    assert!(has_category_budget(
        &[line(1, Some(7), Some("meeting"), 0)],
        &c
    ));
}

#[test]
fn caps_may_rise_but_not_fall_below_what_is_recorded() {
    let u = used(300, 200);
    assert!(check_new_cap(Some(1_000), 500, u).is_ok());
    assert_eq!(
        check_new_cap(Some(1_000), 499, u),
        Err(CapTooLow { usage: u })
    );
    assert!(check_new_cap(None, 500, u).is_ok());
    assert!(check_new_cap(None, 499, u).is_err());
    // Over the cap already (an override): raising a little is still allowed.
    assert!(check_new_cap(Some(100), 200, u).is_ok());
    assert!(check_new_cap(Some(100), 50, u).is_err());
}

#[test]
fn near_cap_at_ninety_percent() {
    assert!(near_cap(1_000, used(850, 50), 90));
    assert!(!near_cap(1_000, used(850, 49), 90));
    assert!(!near_cap(0, used(0, 0), 90));
}

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn service(panel: i64, stipend: Option<i64>, from: &str, to: &str) -> Service {
    Service {
        panel_id: panel,
        panel_stipend_fen: stipend,
        spans: vec![(day(from), day(to))],
    }
}

/// Seed 002 part 6: a yearly stipend, the advisor's own first; a whole year
/// served is paid it exactly.
#[test]
fn stipend_personal_overrides_panel() {
    let whole = [service(3, Some(10_000_000), "2024-09-01", "2027-08-31")];
    assert_eq!(
        stipend_for(Some(30_000_000), &whole, 2025),
        Some(Stipend {
            amount_fen: 30_000_000,
            yearly_fen: 30_000_000,
            served_days: 365,
            year_days: 365,
            first_day: day("2025-01-01"),
            panel_id: Some(3),
            source: StipendSource::Advisor
        })
    );
    let s = stipend_for(None, &whole, 2025).unwrap();
    assert_eq!(
        (s.amount_fen, s.source, s.prorated()),
        (10_000_000, StipendSource::Panel, false)
    );
    assert_eq!(
        stipend_for(None, &[service(3, None, "2025-01-01", "2025-12-31")], 2025),
        None
    );
    assert_eq!(stipend_for(Some(5), &[], 2025), None);
}

/// Seed 002 六 每人每年30万元，按年支付: per year of service. A term from
/// 2025-06-01 serves 214 of 2025's 365 days; a 3-year term pays three
/// stipends over four calendar years; a resignation on 2025-10-10 (the
/// span ends the day before) pays the 131 days served.
#[test]
fn stipend_is_the_share_of_the_year_served() {
    let term = [service(3, Some(30_000_000), "2025-06-01", "2028-05-31")];
    let paid: Vec<i64> = (2025..=2028)
        .map(|y| stipend_for(None, &term, y).unwrap().amount_fen)
        .collect();
    // 300,000 × 214/365 = 175,890.41…; 152/366 of 2028 = 124,590.16…
    assert_eq!(paid, [17_589_041, 30_000_000, 30_000_000, 12_459_016]);
    // Three years (and 2028's leap day) cost 900,480.57, not 4 × 300,000.
    assert_eq!(paid.iter().sum::<i64>(), 90_048_057);
    let s = stipend_for(None, &term, 2025).unwrap();
    assert_eq!((s.served_days, s.year_days), (214, 365));
    assert_eq!(s.first_day, day("2025-06-01"));
    assert!(s.prorated());
    let resigned = [service(3, Some(30_000_000), "2025-06-01", "2025-10-09")];
    let s = stipend_for(None, &resigned, 2025).unwrap();
    assert_eq!((s.served_days, s.amount_fen), (131, 10_767_123));
    // A renewal the day after the old term ends is one whole year.
    let renewed = Service {
        panel_id: 3,
        panel_stipend_fen: None,
        spans: vec![
            (day("2023-09-01"), day("2026-08-31")),
            (day("2026-09-01"), day("2029-08-31")),
        ],
    };
    let s = stipend_for(Some(30_000_000), &[renewed], 2026).unwrap();
    assert_eq!((s.amount_fen, s.prorated()), (30_000_000, false));
    // A term ended on its first day serves no day: nothing is owed.
    let none = [service(3, Some(30_000_000), "2025-06-01", "2025-05-31")];
    assert_eq!(stipend_for(None, &none, 2025), None);
}

#[test]
fn stipend_among_several_panels() {
    let both = [
        service(3, Some(100), "2025-01-01", "2025-12-31"),
        service(4, Some(200), "2025-01-01", "2025-05-31"),
        service(5, None, "2025-01-01", "2025-12-31"),
    ];
    // Panel 4's 200 for 151 days is 83; panel 3's 100 for the year is more.
    let s = stipend_for(None, &both, 2025).unwrap();
    assert_eq!((s.amount_fen, s.panel_id), (100, Some(3)));
    let s = stipend_for(Some(50), &both, 2025).unwrap();
    assert_eq!((s.amount_fen, s.panel_id), (50, Some(3)));
}

#[test]
fn controlled_set_default_and_stored() {
    assert_eq!(
        controlled_set(None),
        vec!["travel", "meeting", "training", "reception"]
    );
    assert_eq!(controlled_set(Some("")), Vec::<String>::new());
    assert_eq!(
        controlled_set(Some("travel,research")),
        vec!["travel", "research"]
    );
}
