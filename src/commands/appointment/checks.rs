//! The checks an appointment must pass before it is written: its term
//! within the panel's maximum, its start and agreement not before the
//! procedure allows, eligibility (the panel's limits, seed 001 art. 5 by
//! default), no overlapping term, a unique certificate, a renewal of a term
//! served out.

use chrono::NaiveDate;

use crate::context::Tx;
use crate::domain::lifecycle;
use crate::input::date;
use crate::store::appointment::{self as store, Appointment};
use crate::store::panel::Panel;

/// The term an appointment would get: start, end, checked against the
/// panel's maximum.
pub(crate) fn term(
    panel: &Panel,
    start: NaiveDate,
    years: Option<&str>,
    end: Option<NaiveDate>,
) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let years = years
        .map(|y| crate::commands::number("--years", y, 1..=10))
        .transpose()?;
    // The flag the clerk gave (`--end`, else `--years`) is the one named.
    let flag = if end.is_none() && years.is_some() {
        "--years"
    } else {
        "--end"
    };
    let end = match end {
        Some(end) => end,
        None => lifecycle::term_end(start, years.unwrap_or(panel.term_years)),
    };
    if end < start {
        return Err(crate::invalid!(
            "--end：聘期结束 {end} 早于开始 {start}",
            "--end: the term ends ({end}) before it starts ({start})"
        ));
    }
    let max = panel.max_term_years;
    let latest = lifecycle::term_end(start, max);
    if end > latest {
        let name = &panel.name;
        return Err(crate::refused!(
            "{flag}：聘期 {start} 至 {end} 超过{name}的最长聘期 {max} 年（最晚到 {latest}）；请用 --years {max}、--end {latest} 或更短的聘期",
            "{flag}: a term from {start} to {end} is longer than {name}'s maximum of {max} years (at the latest to {latest}); use --years {max}, --end {latest} or a shorter term",
        ));
    }
    // A term runs one to three years (seed 001 art. 3: 聘期一般为1—3年).
    let earliest = lifecycle::term_end(start, 1);
    if end < earliest {
        return Err(crate::refused!(
            "{flag}：聘期 {start} 至 {end} 不足一年（聘期至少 1 年，至早到 {earliest}，见二连浩特办法第三条）；请用 --end {earliest} 或更晚",
            "{flag}: a term from {start} to {end} is shorter than a year (a term runs at least 1 year, to {earliest} at the earliest; seed 001 art. 3); use --end {earliest} or later",
        ));
    }
    Ok((start, end))
}

/// Refuses an advisor `panel` may not appoint on `on` (its age and work
/// limits) unless an exemption is recorded.
pub(crate) fn check_eligibility(
    tx: &Tx,
    panel: &Panel,
    advisor_id: i64,
    on: NaiveDate,
    exemption: Option<&str>,
) -> anyhow::Result<()> {
    let advisor = crate::store::advisor::get(tx, advisor_id)?;
    let birth = advisor
        .birth_date
        .as_deref()
        .map(date::from_db)
        .transpose()?;
    let limits = lifecycle::Limits {
        max_age: panel.max_age,
        min_work_years: panel.min_work_years,
    };
    let problems = lifecycle::eligibility_problems(birth, advisor.work_start_year, on, limits);
    lifecycle::check_eligible(&problems, exemption, limits)
}

/// Refuses a second time in office on the same panel overlapping this term.
pub(crate) fn check_overlap(
    tx: &Tx,
    a: &Appointment,
    start: NaiveDate,
    end: NaiveDate,
) -> anyhow::Result<()> {
    if let Some((other, s, e)) = store::overlapping(tx, a, &date::iso(start), &date::iso(end))? {
        return Err(crate::refused!(
            "该专家在本顾问团已有聘任 #{other}（{s} 至 {e}），与 {start} 至 {end} 重叠",
            "the advisor already holds appointment #{other} on this panel ({s} to {e}), which overlaps {start} to {end}",
        ));
    }
    Ok(())
}

/// Refuses a certificate number another appointment holds.
pub(crate) fn check_certificate(tx: &Tx, number: &str, id: i64) -> anyhow::Result<()> {
    if let Some(holder) = store::certificate_holder(tx, number, id)? {
        return Err(crate::invalid!(
            "--certificate：聘书编号 {number} 已用于聘任 #{holder}",
            "--certificate: certificate number {number} is already used by appointment #{holder}",
        ));
    }
    Ok(())
}

/// A renewal follows a term that was served out: one ended early by
/// dismissal or resignation has nothing left to renew.
pub(crate) fn check_previous_in_office(tx: &Tx, id: i64, previous: i64) -> anyhow::Result<()> {
    let old = store::get(tx, previous)?;
    if matches!(old.state.as_str(), "dismissed" | "resigned") {
        let how = crate::labels::APPOINTMENT_STATE.label(&old.state);
        return Err(crate::refused!(
            "聘任 #{id} 是聘任 #{previous} 的续聘，而后者已{how}，不能再聘任；请用 reject 结束它",
            "appointment #{id} renews appointment #{previous}, which was {how}; it cannot be appointed — end it with reject",
        ));
    }
    Ok(())
}

/// The first day the procedure allows an appointment to take effect and its
/// agreement to be signed (seed 001 art. 4(6): 公示期满无异议后…签订聘任协议、
/// 明确聘期): the day after the public notice, and never before the last
/// step recorded before the appointment nor the nomination; `on` when no
/// step is recorded. The same whether appointing or correcting later.
pub(crate) fn earliest_day(tx: &Tx, a: &Appointment, on: NaiveDate) -> anyhow::Result<NaiveDate> {
    let mut floor = match store::last_step_before_appointment(tx, a.id)? {
        Some(last) => date::from_db(&last)?,
        None => on,
    };
    if !a.nominated_on.is_empty() {
        floor = floor.max(date::from_db(&a.nominated_on)?);
    }
    if let Some(notice_end) = a.notice_end.as_deref() {
        let end = date::from_db(notice_end)?;
        floor = floor.max(end.succ_opt().unwrap_or(end));
    }
    Ok(floor)
}

/// Refuses a date of the appointment earlier than `floor`, the first day
/// the procedure allows it (`earliest_day`).
pub(crate) fn check_not_before(
    flag: &str,
    day: NaiveDate,
    floor: NaiveDate,
    (what_zh, what_en): (&str, &str),
) -> anyhow::Result<()> {
    if day < floor {
        return Err(crate::invalid!(
            "{flag}：{day} 早于程序允许{what_zh}的最早日期 {floor}（公示期满或上一步之后）；请给出 {floor} 或更晚的日期",
            "{flag}: {day} is before {floor}, the first day the procedure allows {what_en} (after the public notice or the last step); give {floor} or later",
        ));
    }
    Ok(())
}

/// The agreement's date, given at `appoint` or corrected by `edit`: not
/// before `floor` (`earliest_day`), not after `today`.
pub(crate) fn check_agreement_date(
    signed: NaiveDate,
    floor: NaiveDate,
    today: NaiveDate,
) -> anyhow::Result<()> {
    if signed > today {
        return Err(crate::invalid!(
            "--agreement-date：协议签订日期 {signed} 晚于今天（{today}）；请给出已签订的日期",
            "--agreement-date: the agreement date {signed} is after today ({today}); give the day it was signed",
        ));
    }
    check_not_before(
        "--agreement-date",
        signed,
        floor,
        ("签订聘任协议", "the agreement to be signed"),
    )
}
