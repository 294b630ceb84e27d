//! Money rules, pure: which yearly budget lines an expense falls under, the
//! caps it would break, whether a controlled (严控) category has a budget,
//! how low a cap may be set, and which yearly stipend an advisor is owed.
//!
//! Sources: seed 001 art. 14 (controlled funds — 三公经费、会议费、培训费、
//! 差旅费 — may not run without a budget or over it; at most 500,000 yuan a
//! year in all) and seed 002 part 6 (a 300,000-yuan stipend, paid yearly:
//! per year of service, so a part year is paid its share).
//!
//! All amounts are integer fen. "Recorded" is what counts against a cap:
//! every expense not voided, paid (voucher attached) or committed (no
//! voucher yet) — a commitment is money the office has promised.

use chrono::NaiveDate;

use crate::domain::due::share;
use crate::domain::served::{covered, days_between, year_bounds};

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
/// days served there (each appointment's first and last day, inclusive).
#[derive(Clone, Debug)]
pub struct Service {
    pub panel_id: i64,
    pub panel_stipend_fen: Option<i64>,
    pub spans: Vec<(NaiveDate, NaiveDate)>,
}

impl Service {
    /// The last day served on the panel (within the spans given).
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.spans.iter().map(|(_, end)| *end).max()
    }
}

/// One year's stipend owed to an advisor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stipend {
    /// What is owed for the year: the yearly stipend × the share served.
    pub amount_fen: i64,
    /// The yearly stipend.
    pub yearly_fen: i64,
    /// Days of the year served (on the stipend's panel, or on any panel for
    /// a personal stipend) and the year's days.
    pub served_days: i64,
    pub year_days: i64,
    /// The first day served in the year (a term may not have begun yet).
    pub first_day: NaiveDate,
    /// The panel the payment is booked to (for panel budget lines).
    pub panel_id: Option<i64>,
    pub source: StipendSource,
}

impl Stipend {
    /// Whether it is less than a whole year's.
    pub fn prorated(&self) -> bool {
        self.served_days < self.year_days
    }
}

/// `yearly` for the days `spans` serve in `first..=last`, prorated as the
/// assessment and `due` prorate (`due::share`, to the fen, a half up).
fn for_days(
    yearly: i64,
    spans: &[(NaiveDate, NaiveDate)],
    first: NaiveDate,
    last: NaiveDate,
) -> Option<(i64, i64, NaiveDate)> {
    let days = covered(spans, first, last);
    let begins = spans
        .iter()
        .filter(|(s, e)| *s <= last && *e >= first && s <= e)
        .map(|(s, _)| (*s).max(first))
        .min()?;
    (days > 0).then(|| (share(yearly, days, days_between(first, last)), days, begins))
}

/// The stipend for an advisor who served on `services` in `year`.
///
/// Seed 002 六 (每人每年30万元（税后）的聘金，按年支付) pays a stipend per
/// year of service: a whole year served is paid the stipend exactly, a part
/// year the share of it its days are (a term beginning or ending within
/// the year, or ended early by resignation or dismissal — the spans already
/// end the day before). The advisor's own stipend overrides the panels' and
/// counts the days on any panel; among several panels with stipends the one
/// owing most applies (one payment per advisor per year), counting the
/// days on that panel. The payment is booked to the stipend's panel, or for
/// a personal stipend to the panel served last that year.
pub fn stipend_for(personal_fen: Option<i64>, services: &[Service], year: i32) -> Option<Stipend> {
    let (first, last) = year_bounds(year)?;
    let year_days = days_between(first, last);
    if let Some(yearly) = personal_fen.filter(|a| *a > 0) {
        let all: Vec<(NaiveDate, NaiveDate)> =
            services.iter().flat_map(|s| s.spans.clone()).collect();
        let (amount_fen, served_days, first_day) = for_days(yearly, &all, first, last)?;
        let booked = services
            .iter()
            .filter_map(|s| s.last_day().map(|d| (d, s.panel_id)))
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        return Some(Stipend {
            amount_fen,
            yearly_fen: yearly,
            served_days,
            year_days,
            first_day,
            panel_id: booked.map(|(_, p)| p),
            source: StipendSource::Advisor,
        });
    }
    services
        .iter()
        .filter_map(|s| {
            let yearly = s.panel_stipend_fen.filter(|a| *a > 0)?;
            let (amount_fen, served_days, first_day) = for_days(yearly, &s.spans, first, last)?;
            Some(Stipend {
                amount_fen,
                yearly_fen: yearly,
                served_days,
                year_days,
                first_day,
                panel_id: Some(s.panel_id),
                source: StipendSource::Panel,
            })
        })
        .max_by(|x, y| {
            (x.amount_fen, x.yearly_fen)
                .cmp(&(y.amount_fen, y.yearly_fen))
                .then(y.panel_id.cmp(&x.panel_id))
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
#[path = "budget_tests.rs"]
mod tests;
