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
#[path = "budget_tests.rs"]
mod tests;
