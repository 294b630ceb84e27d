//! The rules of liaison and contact coverage (`report coverage`): which
//! festivals were due and missed, what counts as a visit, the periods a
//! quota is counted over, and the leader's minimum (seed 004). Pure
//! functions: the caller passes the year, the as-of date and the facts.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::festival::{self, Festival};

/// Every leader is paired with at least this many advisors (seed 004 part 2:
/// 领导班子成员至少直接联系2名专家人才).
pub const MIN_PER_LEADER: usize = 2;

/// The contact kinds that count as visiting an advisor (seed 000: 实地走访,
/// 登门拜访). A panel whose own contact quota counts a visit together with
/// other kinds counts those as visits for its members too (`visit_kinds`).
pub const VISIT_KINDS: [&str; 2] = ["visit", "home_visit"];

/// What counts as a visit on a panel with these contact quotas (each a
/// list of kind codes): the visit kinds, and the other kinds of any quota
/// that counts a visit (seed 002 四（一）: 邀请科技顾问来桂或者到科技顾问所在单位
/// 拜访 — a reception counts as the year's visit there).
pub fn visit_kinds<'a>(quotas: impl IntoIterator<Item = &'a [String]>) -> Vec<String> {
    let mut kinds: Vec<String> = VISIT_KINDS.iter().map(|k| k.to_string()).collect();
    for quota in quotas {
        if quota.iter().any(|k| VISIT_KINDS.contains(&k.as_str())) {
            for kind in quota {
                if kind != REPORTED && !kinds.contains(kind) {
                    kinds.push(kind.clone());
                }
            }
        }
    }
    kinds
}

/// The contact kind that records an event the advisor or their unit
/// reported (seed 004 三(一)3 五报告): information sent in, not the office
/// reaching the advisor, so it is no contact in any count of contacts (it
/// can call for a 三必访 visit).
pub const REPORTED: &str = "report";

/// The first and last day of `year`.
pub fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// The day a year's report counts to: today within the year, else its last day.
pub fn as_of(year: i32, today: NaiveDate) -> Option<NaiveDate> {
    let (first, last) = year_bounds(year)?;
    (today >= first).then(|| today.min(last))
}

/// The festivals of `year` that have come by `as_of`, in order.
pub fn festivals_due(year: i32, as_of: NaiveDate) -> Vec<(Festival, NaiveDate)> {
    festival::calendar(year)
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, day)| *day <= as_of)
        .collect()
}

/// The periods a quota is counted over in `year` up to `as_of`: the year,
/// or each half that has begun.
pub fn periods(period: &str, year: i32, as_of: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let Some((first, last)) = year_bounds(year) else {
        return Vec::new();
    };
    match period {
        "half" => {
            let (Some(june), Some(july)) = (
                NaiveDate::from_ymd_opt(year, 6, 30),
                NaiveDate::from_ymd_opt(year, 7, 1),
            ) else {
                return Vec::new();
            };
            let mut halves = vec![(first, june)];
            if as_of >= july {
                halves.push((july, last));
            }
            halves
        }
        _ => vec![(first, last)],
    }
}

/// What is known about one advisor for the year.
#[derive(Debug, Default)]
pub struct Facts {
    /// Contacts this year (to the as-of date) by kind.
    pub kinds: BTreeMap<String, i64>,
    /// Festival occurrences greeted (festival, date greeted).
    pub greeted: BTreeSet<(Festival, NaiveDate)>,
    /// Festival occurrences due so far on which the advisor served on a
    /// panel that greets on that festival.
    pub required: Vec<(Festival, NaiveDate)>,
    pub has_liaison: bool,
    /// Per-advisor quotas not met so far.
    pub quota_short: bool,
    /// Reported achievements and hardships not yet followed by a visit
    /// (event code, date reported), seed 004 三必访.
    pub visits_owed: Vec<(String, NaiveDate)>,
    /// The kinds that count as a visit for this advisor (`visit_kinds`;
    /// empty: `VISIT_KINDS`).
    pub visit_kinds: Vec<String>,
}

/// The coverage of one advisor.
#[derive(Debug, Default, PartialEq)]
pub struct Coverage {
    /// Contacts of every kind but reported events.
    pub total: i64,
    pub visits: i64,
    pub greetings: i64,
    /// Festivals greeted this year, in calendar order.
    pub greeted: Vec<Festival>,
    /// Required festivals passed without a greeting.
    pub missed: Vec<(Festival, NaiveDate)>,
    /// `labels::COVERAGE_FLAG` codes.
    pub flags: Vec<&'static str>,
}

pub fn advisor(facts: &Facts) -> Coverage {
    let total = facts
        .kinds
        .iter()
        .filter(|(kind, _)| kind.as_str() != REPORTED)
        .map(|(_, n)| n)
        .sum();
    let count = |kinds: &[&str]| -> i64 {
        kinds
            .iter()
            .map(|k| facts.kinds.get(*k).copied().unwrap_or(0))
            .sum()
    };
    let visits = if facts.visit_kinds.is_empty() {
        count(&VISIT_KINDS)
    } else {
        let kinds: Vec<&str> = facts.visit_kinds.iter().map(String::as_str).collect();
        count(&kinds)
    };
    let greeted: Vec<Festival> = facts
        .greeted
        .iter()
        .map(|(f, _)| *f)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let missed: Vec<(Festival, NaiveDate)> = facts
        .required
        .iter()
        .filter(|due| !facts.greeted.contains(due))
        .copied()
        .collect();
    let mut flags = Vec::new();
    if !facts.has_liaison {
        flags.push("no_liaison");
    }
    if visits == 0 {
        flags.push("not_visited");
    }
    if !missed.is_empty() {
        flags.push("greeting_missed");
    }
    if facts.quota_short {
        flags.push("quota_unmet");
    }
    if !facts.visits_owed.is_empty() {
        flags.push("visit_owed");
    }
    Coverage {
        total,
        visits,
        greetings: count(&["greeting"]),
        greeted,
        missed,
        flags,
    }
}

/// Whether a liaison falls short of seed 004's minimum.
pub fn leader_short(is_leader: bool, holds: usize) -> bool {
    is_leader && holds < MIN_PER_LEADER
}

/// The festivals a panel greets on, from its stored list.
pub fn greeting_festivals(stored: &str) -> BTreeSet<Festival> {
    stored
        .split(',')
        .filter_map(|code| Festival::from_code(code.trim()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn as_of_is_today_within_the_year_else_its_end() {
        assert_eq!(as_of(2026, d("2026-11-20")), Some(d("2026-11-20")));
        assert_eq!(as_of(2025, d("2026-11-20")), Some(d("2025-12-31")));
        assert_eq!(as_of(2027, d("2026-11-20")), None);
    }

    #[test]
    fn festivals_due_stop_at_as_of() {
        let due: Vec<Festival> = festivals_due(2026, d("2026-06-19"))
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            due,
            vec![
                Festival::NewYear,
                Festival::Spring,
                Festival::Qingming,
                Festival::DragonBoat
            ]
        );
    }

    #[test]
    fn halves_begin_in_july() {
        assert_eq!(periods("half", 2026, d("2026-03-01")).len(), 1);
        assert_eq!(periods("half", 2026, d("2026-07-01")).len(), 2);
        assert_eq!(
            periods("year", 2026, d("2026-03-01")),
            vec![(d("2026-01-01"), d("2026-12-31"))]
        );
    }

    #[test]
    fn missed_greetings_and_flags() {
        let mut facts = Facts {
            has_liaison: true,
            ..Facts::default()
        };
        facts.kinds.insert("greeting".into(), 2);
        facts.kinds.insert("visit".into(), 1);
        // Seed 004 五报告: sent in by the advisor's unit, not a contact.
        facts.kinds.insert("report".into(), 4);
        facts.greeted.insert((Festival::Spring, d("2026-02-17")));
        facts.greeted.insert((Festival::NewYear, d("2026-01-01")));
        facts.required = vec![
            (Festival::NewYear, d("2026-01-01")),
            (Festival::Spring, d("2026-02-17")),
            (Festival::MidAutumn, d("2026-09-25")),
        ];
        let c = advisor(&facts);
        assert_eq!(c.total, 3);
        assert_eq!(c.visits, 1);
        assert_eq!(c.greeted, vec![Festival::NewYear, Festival::Spring]);
        assert_eq!(c.missed, vec![(Festival::MidAutumn, d("2026-09-25"))]);
        assert_eq!(c.flags, vec!["greeting_missed"]);
        let bare = advisor(&Facts::default());
        assert_eq!(bare.flags, vec!["no_liaison", "not_visited"]);
    }

    #[test]
    fn a_leader_needs_two() {
        assert!(leader_short(true, 1));
        assert!(leader_short(true, 0));
        assert!(!leader_short(true, 2));
        assert!(!leader_short(false, 0));
    }
}
