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

fn service(panel: i64, stipend: Option<i64>, last: &str) -> Service {
    Service {
        panel_id: panel,
        panel_stipend_fen: stipend,
        last_day: last.to_string(),
    }
}

/// Seed 002 part 6: a yearly stipend, the advisor's own first.
#[test]
fn stipend_personal_overrides_panel_and_is_not_prorated() {
    let part_year = [service(3, Some(10_000_000), "2025-06-30")];
    assert_eq!(
        stipend_for(Some(30_000_000), &part_year),
        Some(Stipend {
            amount_fen: 30_000_000,
            panel_id: Some(3),
            source: StipendSource::Advisor
        })
    );
    assert_eq!(
        stipend_for(None, &part_year),
        Some(Stipend {
            amount_fen: 10_000_000,
            panel_id: Some(3),
            source: StipendSource::Panel
        })
    );
    assert_eq!(stipend_for(None, &[service(3, None, "2025-12-31")]), None);
    assert_eq!(stipend_for(Some(5), &[]), None);
}

#[test]
fn stipend_among_several_panels() {
    let both = [
        service(3, Some(100), "2025-12-31"),
        service(4, Some(200), "2025-05-31"),
        service(5, None, "2025-12-31"),
    ];
    let s = stipend_for(None, &both).unwrap();
    assert_eq!((s.amount_fen, s.panel_id), (200, Some(4)));
    let s = stipend_for(Some(50), &both).unwrap();
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
