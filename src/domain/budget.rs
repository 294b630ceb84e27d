//! Money rules, pure: which yearly budget lines an expense falls under, the
//! caps it would break, whether a controlled (严控) category has a budget,
//! how low a cap may be set, and which yearly stipend an advisor is owed.
//!
//! Sources: seed 001 art. 14 (controlled funds — 三公经费、会议费、培训费、
//! 差旅费 — may not run without a budget or over it; at most 500,000 yuan a
//! year in all) and seed 002 part 6 (a 300,000-yuan stipend, paid yearly).
//!
//! All amounts are integer fen. "Recorded" is what counts against a cap:
//! every expense not voided, paid (voucher attached) or committed (no
//! voucher yet) — a commitment is money the office has promised.

/// The categories controlled by default (seed 001 art. 14): travel,
/// meetings, training and official reception (the 三公经费 an advisors'
/// office incurs).
pub const DEFAULT_CONTROLLED: &[&str] = &["travel", "meeting", "training", "reception"];

/// One budget line: a yearly cap for the office (`panel_id` None) or one
/// panel, for all categories (`category` None) or one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub id: i64,
    pub panel_id: Option<i64>,
    pub category: Option<String>,
    pub cap_fen: i64,
}

/// What is already recorded against a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Voucher attached.
    pub paid_fen: i64,
    /// Recorded, no voucher yet.
    pub committed_fen: i64,
}

impl Usage {
    pub fn recorded(&self) -> i64 {
        self.paid_fen + self.committed_fen
    }

    /// What remains under `cap` (negative when an override went over it).
    pub fn remaining(&self, cap_fen: i64) -> i64 {
        cap_fen - self.recorded()
    }
}

/// An expense about to be recorded, as the caps see it.
#[derive(Clone, Copy, Debug)]
pub struct Charge<'a> {
    pub panel_id: Option<i64>,
    pub category: &'a str,
    pub amount_fen: i64,
}

/// Whether a line covers a charge: an office line covers every panel, an
/// "all" line every category.
pub fn applies(line: &Line, charge: &Charge) -> bool {
    line.panel_id.is_none_or(|p| charge.panel_id == Some(p))
        && line
            .category
            .as_deref()
            .is_none_or(|c| c == charge.category)
}

/// Sort key: office before panel, "all" before a category.
fn rank(line: &Line) -> (bool, bool) {
    (line.panel_id.is_some(), line.category.is_some())
}

/// A cap the charge would break.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breach {
    pub line: Line,
    pub usage: Usage,
    pub amount_fen: i64,
}

impl Breach {
    pub fn remaining_fen(&self) -> i64 {
        self.usage.remaining(self.line.cap_fen)
    }
}

/// Every applicable line (office-all, office-category, panel-all,
/// panel-category) whose recorded total plus the charge would exceed its
/// cap, office lines first. Reaching the cap exactly is allowed.
pub fn breaches(lines: &[(Line, Usage)], charge: &Charge) -> Vec<Breach> {
    let mut out: Vec<Breach> = lines
        .iter()
        .filter(|(line, _)| applies(line, charge))
        .filter(|(line, usage)| usage.recorded() + charge.amount_fen > line.cap_fen)
        .map(|(line, usage)| Breach {
            line: line.clone(),
            usage: *usage,
            amount_fen: charge.amount_fen,
        })
        .collect();
    out.sort_by_key(|b| rank(&b.line));
    out
}

/// Whether a controlled charge has a budget: seed 001 art. 14 forbids
/// controlled spending "without a budget", and a general cap is not a
/// budget for meetings or travel. So the rule is: a line for that year
/// naming the charge's category, at office level or on the charge's panel.
/// An "all categories" line alone does not count.
pub fn has_category_budget(lines: &[Line], charge: &Charge) -> bool {
    lines
        .iter()
        .any(|line| line.category.is_some() && applies(line, charge))
}

/// Why a new cap is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CapTooLow {
    pub usage: Usage,
}

/// A cap may be raised freely, but not set (new line) or lowered below what
/// is already recorded on the line: the office would be over budget the
/// moment it wrote the number down.
pub fn check_new_cap(old_fen: Option<i64>, new_fen: i64, usage: Usage) -> Result<(), CapTooLow> {
    let lowering = old_fen.is_none_or(|old| new_fen < old);
    if lowering && new_fen < usage.recorded() {
        Err(CapTooLow { usage })
    } else {
        Ok(())
    }
}

/// Whether a line has used `percent` or more of its cap (for reminders).
pub fn near_cap(cap_fen: i64, usage: Usage, percent: i64) -> bool {
    cap_fen > 0 && usage.recorded() * 100 >= cap_fen * percent
}

/// Where a stipend comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StipendSource {
    /// The advisor's own stipend (it overrides any panel's).
    Advisor,
    /// The stipend every advisor of the panel carries.
    Panel,
}

impl StipendSource {
    pub fn code(self) -> &'static str {
        match self {
            StipendSource::Advisor => "advisor",
            StipendSource::Panel => "panel",
        }
    }
}

/// A panel an advisor served on during the year, with its stipend and the
/// last day served there that year (ISO), for choosing among several.
#[derive(Clone, Debug)]
pub struct Service {
    pub panel_id: i64,
    pub panel_stipend_fen: Option<i64>,
    pub last_day: String,
}

/// One year's stipend owed to an advisor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stipend {
    pub amount_fen: i64,
    /// The panel the payment is booked to (for panel budget lines).
    pub panel_id: Option<i64>,
    pub source: StipendSource,
}

/// The stipend for an advisor who served on `services` in a year.
///
/// A stipend is yearly and not pro-rated (seed 002 part 6: 每人每年30万元，
/// 按年支付): anyone serving on any day of the year is owed one payment. The
/// advisor's own stipend overrides the panels'; among several panels with
/// stipends the largest applies (one payment per advisor per year). The
/// payment is booked to the stipend's panel, or for a personal stipend to
/// the panel served last that year.
pub fn stipend_for(personal_fen: Option<i64>, services: &[Service]) -> Option<Stipend> {
    if services.is_empty() {
        return None;
    }
    if let Some(amount_fen) = personal_fen.filter(|a| *a > 0) {
        let last = services.iter().max_by(|a, b| {
            a.last_day
                .cmp(&b.last_day)
                .then(b.panel_id.cmp(&a.panel_id))
        });
        return Some(Stipend {
            amount_fen,
            panel_id: last.map(|s| s.panel_id),
            source: StipendSource::Advisor,
        });
    }
    services
        .iter()
        .filter_map(|s| s.panel_stipend_fen.filter(|a| *a > 0).map(|a| (a, s)))
        .max_by(|(a, x), (b, y)| a.cmp(b).then(y.panel_id.cmp(&x.panel_id)))
        .map(|(amount_fen, s)| Stipend {
            amount_fen,
            panel_id: Some(s.panel_id),
            source: StipendSource::Panel,
        })
}

/// Parses the stored set of controlled categories (comma-separated codes);
/// `None` (never set) means the default set.
pub fn controlled_set(stored: Option<&str>) -> Vec<String> {
    match stored {
        None => DEFAULT_CONTROLLED.iter().map(|c| c.to_string()).collect(),
        Some(text) => text
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
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
}
