//! The yearly roster adjustment (seed 004 二: 原则上每年进行1次调整补充):
//! when a year's adjustment is due and which years `due` looks at. An
//! office that asks for one sets the month by whose end it is made
//! (`due.roster_review_month`); 0, the default, asks for none (Kaizhou's
//! regulation, seed 000, has no such adjustment).

use chrono::{Datelike, Days, NaiveDate};

/// The day `year`'s adjustment is due: the last day of `month` (1–12);
/// `None` when the office asks for none (0) or the month is out of range.
pub fn due_on(year: i32, month: i64) -> Option<NaiveDate> {
    let month = u32::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt())
}

/// The years whose adjustment `due` lists if not recorded, with the day
/// each is due: a year once its due day comes within the horizon, until
/// `grace_days` after the year has ended (as a year's other duties are
/// listed into the next one).
pub fn years_in_view(
    today: NaiveDate,
    horizon: NaiveDate,
    grace_days: i64,
    month: i64,
) -> Vec<(i32, NaiveDate)> {
    (today.year() - 1..=horizon.year())
        .filter_map(|year| Some((year, due_on(year, month)?)))
        .filter(|(year, due)| {
            let last_listed = NaiveDate::from_ymd_opt(*year, 12, 31)
                .and_then(|end| end.checked_add_days(Days::new(grace_days.max(0) as u64)));
            *due <= horizon && last_listed.is_some_and(|last| today <= last)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_adjustment_is_due_at_the_end_of_the_month_set() {
        assert_eq!(due_on(2026, 12), Some(d("2026-12-31")));
        assert_eq!(due_on(2028, 2), Some(d("2028-02-29")));
        assert_eq!(due_on(2026, 6), Some(d("2026-06-30")));
        assert_eq!(due_on(2026, 0), None);
        assert_eq!(due_on(2026, 13), None);
    }

    #[test]
    fn a_year_is_in_view_from_its_window_until_the_grace_after_it() {
        // Due 31 December, a 30-day window: from 1 December on …
        assert!(years_in_view(d("2026-11-20"), d("2026-12-20"), 30, 12).is_empty());
        assert_eq!(
            years_in_view(d("2026-12-01"), d("2026-12-31"), 30, 12),
            [(2026, d("2026-12-31"))]
        );
        // … late in January, gone after the grace.
        assert_eq!(
            years_in_view(d("2027-01-30"), d("2027-03-01"), 30, 12),
            [(2026, d("2026-12-31"))]
        );
        assert!(years_in_view(d("2027-01-31"), d("2027-03-02"), 30, 12).is_empty());
        // Due in March: late all the rest of the year, and next year's comes into view.
        assert_eq!(
            years_in_view(d("2026-11-20"), d("2026-12-20"), 30, 3),
            [(2026, d("2026-03-31"))]
        );
        assert_eq!(
            years_in_view(d("2027-03-10"), d("2027-04-09"), 30, 3),
            [(2027, d("2027-03-31"))]
        );
        // Not asked for: nothing.
        assert!(years_in_view(d("2026-12-31"), d("2027-01-30"), 30, 0).is_empty());
    }
}
