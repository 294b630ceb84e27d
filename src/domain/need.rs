//! The project needs library's rules (seed 003 二(二)1–2, 二(三)1: 企业出题，
//! 科学家答题): when an expert may be matched with a need and when a need
//! may be closed, on dates given by the caller (no clock here).

use chrono::NaiveDate;

/// A match is made on or after the day the need was received, and not
/// after today.
pub fn check_match_date(
    id: i64,
    received: NaiveDate,
    on: NaiveDate,
    today: NaiveDate,
) -> anyhow::Result<()> {
    if on > today {
        return Err(crate::invalid!(
            "--on：{on} 晚于今天（{today}）；只登记已经完成的对接",
            "--on: {on} is after today ({today}); only a match already made is recorded"
        ));
    }
    if on < received {
        return Err(crate::invalid!(
            "--on：{on} 早于项目需求 #{id} 的收集日期（{received}）；对接在收集之后",
            "--on: {on} is before need #{id} was received ({received}); experts are matched after it"
        ));
    }
    Ok(())
}

/// Whether a need may be closed on `on` with `result`: not closed already,
/// `resolved` or `partly` only once an expert was matched (the library
/// counts needs answered by its experts; one no expert took up is closed
/// `unresolved`), on or after the day it was received and its last match,
/// and not after today.
pub fn check_close(
    id: i64,
    closed: Option<(&str, &str)>,
    result: &str,
    (received, last_match): (NaiveDate, Option<NaiveDate>),
    on: NaiveDate,
    today: NaiveDate,
) -> anyhow::Result<()> {
    if let Some((closed_on, was)) = closed {
        let was = crate::labels::NEED_RESULT.label(was);
        return Err(crate::refused!(
            "NEED：项目需求 #{id} 已于 {closed_on} 办结（{was}）；如需更正，先重新打开：roster need reopen {id} --reason …",
            "NEED: need #{id} was closed on {closed_on} ({was}); to correct it, reopen it first: roster need reopen {id} --reason …"
        ));
    }
    if result != "unresolved" && last_match.is_none() {
        let shown = crate::labels::NEED_RESULT.label(result);
        return Err(crate::refused!(
            "--result：项目需求 #{id} 尚未对接专家，不能以“{shown}”办结；先登记对接：roster need match {id} --advisor …，或以 unresolved（未解决）办结",
            "--result: need #{id} has no expert matched, so it cannot be closed as {shown}; record the match first (roster need match {id} --advisor …) or close it as unresolved"
        ));
    }
    if on > today {
        return Err(crate::invalid!(
            "--on：{on} 晚于今天（{today}）；只登记已经办结的需求",
            "--on: {on} is after today ({today}); only a need already dealt with is closed"
        ));
    }
    let earliest = last_match.map_or(received, |m| m.max(received));
    if on < earliest {
        return Err(crate::invalid!(
            "--on：{on} 早于项目需求 #{id} 的收集或最后一次对接（{earliest}）；请核对日期",
            "--on: {on} is before need #{id} was received or last matched ({earliest}); check the date"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_match_falls_between_receipt_and_today() {
        let (received, today) = (d("2026-03-05"), d("2026-11-20"));
        assert!(check_match_date(1, received, d("2026-03-05"), today).is_ok());
        assert!(check_match_date(1, received, d("2026-03-04"), today).is_err());
        assert!(check_match_date(1, received, d("2026-11-21"), today).is_err());
    }

    #[test]
    fn only_an_unresolved_need_closes_without_an_expert() {
        let today = d("2026-11-20");
        let dates = (d("2026-03-05"), None);
        assert!(check_close(1, None, "unresolved", dates, d("2026-06-01"), today).is_ok());
        assert!(check_close(1, None, "resolved", dates, d("2026-06-01"), today).is_err());
        let matched = (d("2026-03-05"), Some(d("2026-04-01")));
        assert!(check_close(1, None, "partly", matched, d("2026-04-01"), today).is_ok());
        // Not before the last match, not after today, never twice.
        assert!(check_close(1, None, "resolved", matched, d("2026-03-31"), today).is_err());
        assert!(check_close(1, None, "resolved", matched, d("2026-11-21"), today).is_err());
        let closed = Some(("2026-05-01", "resolved"));
        assert!(check_close(1, closed, "resolved", matched, d("2026-06-01"), today).is_err());
    }
}
