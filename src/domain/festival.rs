//! The festival calendar for holiday greetings (seed 000: 元旦, 春节, 端午,
//! 中秋, 重阳; 清明 as a solar term): Gregorian dates for any year 1950–2100
//! from the tyme4rs lunar calendar (festivals per GB/T 33661-2017), and which
//! occurrence a greeting sent on some date is for. Pure functions: no clock.

use chrono::{Datelike, NaiveDate};
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::SolarTerm;

/// The first and last years the calendar answers for.
pub const FIRST_YEAR: i32 = 1950;
pub const LAST_YEAR: i32 = 2100;

/// A greeting sent up to this many days before a festival is for it.
pub const DAYS_BEFORE: i64 = 45;
/// A greeting sent up to this many days after a festival still counts for it
/// (春节 is greeted through 元宵, the fifteenth day).
pub const DAYS_AFTER: i64 = 15;

/// A festival on which advisors are greeted; `code()` is the stored code
/// (labels::FESTIVAL).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Festival {
    NewYear,
    Spring,
    Qingming,
    DragonBoat,
    MidAutumn,
    DoubleNinth,
}

impl Festival {
    /// Every festival, in the order they fall in a year.
    pub const ALL: [Festival; 6] = [
        Festival::NewYear,
        Festival::Spring,
        Festival::Qingming,
        Festival::DragonBoat,
        Festival::MidAutumn,
        Festival::DoubleNinth,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Festival::NewYear => "new_year",
            Festival::Spring => "spring",
            Festival::Qingming => "qingming",
            Festival::DragonBoat => "dragon_boat",
            Festival::MidAutumn => "mid_autumn",
            Festival::DoubleNinth => "double_ninth",
        }
    }

    pub fn from_code(code: &str) -> Option<Festival> {
        Festival::ALL.into_iter().find(|f| f.code() == code)
    }

    /// Where its date comes from, for people.
    pub fn rule(self) -> (&'static str, &'static str) {
        match self {
            Festival::NewYear => ("公历1月1日", "1 January"),
            Festival::Spring => ("农历正月初一", "lunar 1st month, day 1"),
            Festival::Qingming => ("清明节气", "the Qingming solar term"),
            Festival::DragonBoat => ("农历五月初五", "lunar 5th month, day 5"),
            Festival::MidAutumn => ("农历八月十五", "lunar 8th month, day 15"),
            Festival::DoubleNinth => ("农历九月初九", "lunar 9th month, day 9"),
        }
    }
}

/// Whether the calendar answers for `year`.
pub fn in_range(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

/// The Gregorian date of `festival` in Gregorian `year` (1950–2100), or
/// `None` outside that range. The lunar festivals are taken in the lunar year
/// that begins in `year`; none of them can fall in another Gregorian year.
pub fn date(festival: Festival, year: i32) -> Option<NaiveDate> {
    if !in_range(year) {
        return None;
    }
    let lunar = |month: isize, day: usize| -> Option<NaiveDate> {
        // Never `from_ymd`: it panics. Leap months would be negative; the
        // festivals are all in ordinary months.
        let solar = LunarDay::new(year as isize, month, day)
            .ok()?
            .get_solar_day();
        NaiveDate::from_ymd_opt(
            i32::try_from(solar.get_year()).ok()?,
            u32::try_from(solar.get_month()).ok()?,
            u32::try_from(solar.get_day()).ok()?,
        )
    };
    match festival {
        Festival::NewYear => NaiveDate::from_ymd_opt(year, 1, 1),
        Festival::Spring => lunar(1, 1),
        Festival::DragonBoat => lunar(5, 5),
        Festival::MidAutumn => lunar(8, 15),
        Festival::DoubleNinth => lunar(9, 9),
        Festival::Qingming => {
            let solar = SolarTerm::new(year as isize, "清明").ok()?.get_solar_day();
            NaiveDate::from_ymd_opt(
                i32::try_from(solar.get_year()).ok()?,
                u32::try_from(solar.get_month()).ok()?,
                u32::try_from(solar.get_day()).ok()?,
            )
        }
    }
}

/// Every festival of `year` with its date, in calendar order; `None` outside
/// 1950–2100.
pub fn calendar(year: i32) -> Option<Vec<(Festival, NaiveDate)>> {
    Festival::ALL
        .into_iter()
        .map(|f| date(f, year).map(|d| (f, d)))
        .collect()
}

/// The occurrence of `festival` a greeting sent on `sent` is for: the next
/// one when it is at most `DAYS_BEFORE` days ahead (a 元旦 greeting sent on
/// 30 December is for the coming 1 January), otherwise the last one when it
/// was at most `DAYS_AFTER` days ago. `None` when neither is near (or the
/// date is outside the calendar).
pub fn occurrence_greeted(festival: Festival, sent: NaiveDate) -> Option<NaiveDate> {
    let year = sent.year();
    let next = [year, year + 1]
        .into_iter()
        .filter_map(|y| date(festival, y))
        .find(|d| *d >= sent);
    if let Some(next) = next
        && (next - sent).num_days() <= DAYS_BEFORE
    {
        return Some(next);
    }
    let last = [year, year - 1]
        .into_iter()
        .filter_map(|y| date(festival, y))
        .find(|d| *d < sent);
    last.filter(|last| (sent - *last).num_days() <= DAYS_AFTER)
}

/// The occurrences nearest to `sent` on either side, for an error message.
pub fn nearest(festival: Festival, sent: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let year = sent.year();
    let before = [year, year - 1]
        .into_iter()
        .filter_map(|y| date(festival, y))
        .find(|d| *d < sent);
    let after = [year, year + 1]
        .into_iter()
        .filter_map(|y| date(festival, y))
        .find(|d| *d >= sent);
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn spring_festivals_published() {
        assert_eq!(date(Festival::Spring, 2024), Some(d("2024-02-10")));
        assert_eq!(date(Festival::Spring, 2025), Some(d("2025-01-29")));
        assert_eq!(date(Festival::Spring, 2026), Some(d("2026-02-17")));
        assert_eq!(date(Festival::MidAutumn, 2025), Some(d("2025-10-06")));
    }

    #[test]
    fn outside_the_range_is_none_not_a_panic() {
        assert_eq!(date(Festival::Spring, 1949), None);
        assert_eq!(date(Festival::Qingming, 2101), None);
        assert!(calendar(1949).is_none());
        assert!(calendar(FIRST_YEAR).is_some());
        assert!(calendar(LAST_YEAR).is_some());
    }

    #[test]
    fn every_year_in_range_has_every_festival_in_order() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let days = calendar(year).unwrap();
            for pair in days.windows(2) {
                assert!(pair[0].1 < pair[1].1, "{year}: {pair:?}");
            }
            for (f, day) in days {
                assert_eq!(day.year(), year, "{f:?} {year}");
            }
        }
    }

    #[test]
    fn late_december_new_year_greeting_is_for_next_year() {
        assert_eq!(
            occurrence_greeted(Festival::NewYear, d("2025-12-30")),
            Some(d("2026-01-01"))
        );
        assert_eq!(
            occurrence_greeted(Festival::NewYear, d("2026-01-03")),
            Some(d("2026-01-01"))
        );
    }

    #[test]
    fn spring_greeting_days_before_counts_for_that_festival() {
        assert_eq!(
            occurrence_greeted(Festival::Spring, d("2026-02-10")),
            Some(d("2026-02-17"))
        );
        // During the new-year fortnight it is still this year's.
        assert_eq!(
            occurrence_greeted(Festival::Spring, d("2026-02-25")),
            Some(d("2026-02-17"))
        );
        // Sent the day itself.
        assert_eq!(
            occurrence_greeted(Festival::Spring, d("2025-01-29")),
            Some(d("2025-01-29"))
        );
    }

    #[test]
    fn a_greeting_far_from_the_festival_is_for_none() {
        assert_eq!(
            occurrence_greeted(Festival::MidAutumn, d("2026-03-01")),
            None
        );
        assert_eq!(
            nearest(Festival::MidAutumn, d("2026-03-01")),
            (Some(d("2025-10-06")), Some(d("2026-09-25")))
        );
    }
}
