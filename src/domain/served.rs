//! Days served: how many days of a period an advisor's terms cover, and a
//! yearly figure prorated by them — one reading for the assessment (days in
//! service, prorated minimums), `due` (a joiner's share of a duty) and the
//! yearly stipend (seed 002 六: 每人每年30万元聘金, per year of service).

use chrono::NaiveDate;

/// Days from `first` to `last`, both counted.
pub fn days_between(first: NaiveDate, last: NaiveDate) -> i64 {
    (last - first).num_days() + 1
}

/// Days of `intervals` (inclusive, possibly overlapping) inside `first..=last`.
pub fn covered(intervals: &[(NaiveDate, NaiveDate)], first: NaiveDate, last: NaiveDate) -> i64 {
    let mut clipped: Vec<(NaiveDate, NaiveDate)> = intervals
        .iter()
        .map(|(s, e)| ((*s).max(first), (*e).min(last)))
        .filter(|(s, e)| s <= e)
        .collect();
    clipped.sort();
    let mut total = 0;
    let mut current: Option<(NaiveDate, NaiveDate)> = None;
    for (s, e) in clipped {
        match current {
            Some((cs, ce)) if s <= ce.succ_opt().unwrap_or(ce) => current = Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += days_between(cs, ce);
                current = Some((s, e));
            }
            None => current = Some((s, e)),
        }
    }
    if let Some((cs, ce)) = current {
        total += days_between(cs, ce);
    }
    total
}

/// The first and last day of `year`.
pub fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[test]
    fn covered_days_merge_overlaps_and_clip() {
        let (first, last) = (d(1, 1), d(12, 31));
        assert_eq!(covered(&[(d(1, 1), d(12, 31))], first, last), 365);
        assert_eq!(
            covered(&[(d(3, 1), d(3, 10)), (d(3, 5), d(3, 20))], first, last),
            20
        );
        assert_eq!(
            covered(&[(d(3, 1), d(3, 10)), (d(3, 11), d(3, 20))], first, last),
            20
        );
        let before = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        assert_eq!(covered(&[(before, d(1, 10))], first, last), 10);
        // A term ended on its first day serves none.
        assert_eq!(covered(&[(d(5, 2), d(5, 1))], first, last), 0);
    }
}
