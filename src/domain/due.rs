//! The rules behind `roster due`: how far ahead each kind of item is looked
//! for, the date each falls due, the pace of a panel's duties through the
//! year, and the order items are shown in. Pure: the caller passes today and
//! the office's settings.
//!
//! Pace (data in `panel_quotas`): a duty of N per period (a year, or each
//! half-year) is spread evenly over the period's months, and the k-th of N
//! is due by the end of month ⌈k × months ÷ N⌉ of the period. So one a
//! half-year is due by 30 June and by 31 December; two visits a year, the
//! first by 30 June and the second by 31 December; one a year by 31
//! December; four a year by the end of March, June, September and December.
//! A duty is *behind pace* when the next one owed (held + 1) was due before
//! today. It is listed once that date comes within the window, so a
//! half-yearly lecture not held by the end of June is late from 1 July.
//! Every period of the current year that has begun is looked at (a half
//! missed stays listed until the year is over: the year's duties stand as
//! they are), and every period of the previous year for the window's length
//! after the year ends (a December meeting not yet recorded in early
//! January, and a first half missed with it).

use chrono::{Datelike, Days, Months, NaiveDate};

use super::coverage;
use super::festival::{self, Festival};

/// One thing that is due: what, who, when, and the command that deals with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub due: NaiveDate,
    /// A `labels::DUE_KIND` code.
    pub kind: &'static str,
    /// Who it concerns: an advisor's, liaison's or panel's code (or `#id`).
    pub code: String,
    pub name: String,
    /// Panel codes involved, comma-separated.
    pub panel: Option<String>,
    pub what: String,
    /// A command a clerk can copy (`roster …`).
    pub command: String,
}

/// Days from `today` to `due`: negative when late.
pub fn days_left(due: NaiveDate, today: NaiveDate) -> i64 {
    (due - today).num_days()
}

/// The kinds in the order they are shown on the same day.
pub const KIND_ORDER: [&str; 16] = [
    "term_end",
    "term_evaluation",
    "ready_to_appoint",
    "certificate",
    "festival",
    "no_contact",
    "no_liaison",
    "leader_short",
    "visit_owed",
    "advice_feedback",
    "quota",
    "year_end_report",
    "assessment",
    "assessment_run",
    "roster_review",
    "budget",
];

/// A kind's place in `KIND_ORDER` (an unknown one last).
pub fn rank(kind: &str) -> usize {
    KIND_ORDER
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(KIND_ORDER.len())
}

/// Sorts by due date, then kind, then who.
pub fn sort(items: &mut [Item]) {
    items.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| rank(a.kind).cmp(&rank(b.kind)))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.what.cmp(&b.what))
    });
}

/// How far ahead each kind is looked for, in days (the office's settings).
#[derive(Clone, Copy, Debug)]
pub struct Windows {
    /// `due.window_days`: most kinds.
    pub general: i64,
    /// `due.renewal_days`: terms ending.
    pub renewal: i64,
    /// `due.festival_days`: holiday greetings (at most `festival::DAYS_BEFORE`).
    pub festival: i64,
}

/// The last day looked at, per kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Horizons {
    pub today: NaiveDate,
    pub general: NaiveDate,
    pub renewal: NaiveDate,
    pub festival: NaiveDate,
}

impl Horizons {
    /// From the settings; `--within N` replaces every window with N days
    /// (festivals still at most `festival::DAYS_BEFORE`: a greeting sent
    /// earlier would not count for the festival).
    pub fn new(today: NaiveDate, windows: Windows, within: Option<i64>) -> Horizons {
        let ahead = |days: i64| today + Days::new(days.max(0) as u64);
        let pick = |setting: i64| within.unwrap_or(setting);
        Horizons {
            today,
            general: ahead(pick(windows.general)),
            renewal: ahead(pick(windows.renewal)),
            festival: ahead(pick(windows.festival).min(festival::DAYS_BEFORE)),
        }
    }

    /// Days the general window spans (for the grace after a period ends).
    pub fn general_days(&self) -> i64 {
        (self.general - self.today).num_days()
    }
}

/// The day a term's evaluation is due: `lead_days` before the term ends
/// (seed 002 part 8: one month before; 31 days takes a term ending 31
/// December to 30 November, as `assess term` says).
pub fn term_evaluation_due(term_end: NaiveDate, lead_days: i64) -> NaiveDate {
    term_end
        .checked_sub_days(Days::new(lead_days.max(0) as u64))
        .unwrap_or(term_end)
}

/// Festival occurrences looked at: those from `festival::DAYS_AFTER` days
/// ago (a greeting sent now still counts for them) to `horizon`, in order.
/// Spans a year boundary: a Spring Festival in late January is found in
/// December.
pub fn festivals(today: NaiveDate, horizon: NaiveDate) -> Vec<(Festival, NaiveDate)> {
    let from = today - Days::new(festival::DAYS_AFTER as u64);
    let mut found: Vec<(Festival, NaiveDate)> = (from.year()..=horizon.year())
        .filter_map(festival::calendar)
        .flatten()
        .filter(|(_, day)| *day >= from && *day <= horizon)
        .collect();
    found.sort_by_key(|(f, day)| (*day, *f));
    found
}

/// The periods of a duty looked at on `today`: every period of this year
/// that has begun, and, for `grace_days` after last year ended, every
/// period of last year (a first half missed stays listed with the second:
/// the year's duties stand until the year is over, and then for the grace).
pub fn quota_periods(
    period: &str,
    today: NaiveDate,
    grace_days: i64,
) -> Vec<(NaiveDate, NaiveDate)> {
    let year = today.year();
    let mut out = Vec::new();
    if let Some(last_day) = NaiveDate::from_ymd_opt(year - 1, 12, 31) {
        let since = today - Days::new(grace_days.max(0) as u64);
        if last_day >= since {
            out.extend(coverage::periods(period, year - 1, last_day));
        }
    }
    out.extend(coverage::periods(period, year, today));
    out
}

/// Whole months from `from`'s month to `to`'s month, inclusive.
fn months_in(from: NaiveDate, to: NaiveDate) -> u32 {
    let span = (to.year() * 12 + to.month0() as i32) - (from.year() * 12 + from.month0() as i32);
    u32::try_from(span + 1).unwrap_or(1).max(1)
}

/// The day the `k`-th (from 1) of `min` in the period `from`..=`to` is due:
/// the last day of month ⌈k × months ÷ min⌉ of the period.
pub fn pace_due(from: NaiveDate, to: NaiveDate, min: i64, k: i64) -> NaiveDate {
    let months = i64::from(months_in(from, to));
    let min = min.max(1);
    let k = k.clamp(1, min);
    let month = ((k * months + min - 1) / min).clamp(1, months);
    let first = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    first
        .checked_add_months(Months::new(month as u32))
        .and_then(|d| d.pred_opt())
        .map_or(to, |d| d.min(to))
}

/// A member who joined on `start` during the period `from`..=`to` owes
/// the share of its `min` their days are of the period's (`share`, as the
/// assessment prorates a part year): two a year from 10 October is none,
/// from 1 August one, by the period's end.
pub fn joined_share(from: NaiveDate, to: NaiveDate, min: i64, start: NaiveDate) -> i64 {
    let start = start.max(from);
    let (days, all) = ((to - start).num_days() + 1, (to - from).num_days() + 1);
    if days >= all || all <= 0 {
        return min;
    }
    share(min, days.max(0), all)
}

/// `min` scaled by `days` of `all`, to the nearest whole one (a half up).
pub fn share(min: i64, days: i64, all: i64) -> i64 {
    if all <= 0 {
        return min;
    }
    (2 * min * days + all) / (2 * all)
}

/// When the next of `min` is due, with `held` so far; `None` when met.
pub fn next_due(from: NaiveDate, to: NaiveDate, min: i64, held: i64) -> Option<NaiveDate> {
    (held < min).then(|| pace_due(from, to, min, held + 1))
}

/// A yearly, per-advisor activity duty that asks for a research report is
/// the year-end report (seed 000: 每年年底…提供研判报告; seed 002: 年度工作总结
/// by December): listed as such rather than as a duty behind pace.
pub fn is_year_end_report(subject: &str, period: &str, scope: &str, kinds: &str) -> bool {
    subject == "activity"
        && period == "year"
        && scope == "advisor"
        && kinds.split(',').any(|k| k.trim() == "research_report")
}

/// The day a year's assessment should be confirmed by: the year's last day
/// (seed 002 part 8: the yearly evaluation in early December). A run still
/// a draft after it is late.
pub fn assessment_due(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 12, 31)
}

#[cfg(test)]
#[path = "due_tests.rs"]
mod tests;
