//! The appointment procedure as a state machine (DESIGN.md "The appointment
//! procedure"; seed 001 art. 4, seed 000 art. 5–7): which step may follow
//! which, the public notice, terms, and eligibility (seed 001 art. 5).
//! Every transition a command makes is checked here first.

use chrono::{Datelike, Days, NaiveDate};

use crate::labels::{APPOINTMENT_STATE, STEP_EVENT};

/// The states an appointment moves through before it is appointed, in order.
pub const ORDER: &[&str] = &[
    "nominated",
    "vetted",
    "checked",
    "reviewed",
    "approved",
    "publicized",
    "appointed",
];

/// States from which nothing moves forward any more.
pub const ENDED: &[&str] = &["rejected", "dismissed", "resigned"];

/// The states this panel's appointments pass through: nominated, the
/// panel's steps, appointed.
pub fn pipeline(panel_steps: &str) -> Vec<&str> {
    let mut states = vec!["nominated"];
    states.extend(panel_steps.split(',').filter(|s| !s.is_empty()));
    states.push("appointed");
    states
}

fn label(code: &str) -> String {
    APPOINTMENT_STATE.label(code)
}

/// What may be done next from `state` (for messages).
pub fn allowed_next(state: &str, pipeline: &[&str]) -> Vec<&'static str> {
    let position = pipeline.iter().position(|s| *s == state);
    match state {
        "appointed" => vec!["renew", "dismiss", "resign"],
        s if ENDED.contains(&s) => vec![],
        "publicized" => vec!["appoint", "object", "reject"],
        _ => match position.and_then(|p| pipeline.get(p + 1)) {
            Some(next) => vec![verb(next), "reject"],
            None => vec![],
        },
    }
}

/// The command verb that moves an appointment into `state`.
pub fn verb(state: &str) -> &'static str {
    match state {
        "vetted" => "vet",
        "checked" => "check",
        "reviewed" => "review",
        "approved" => "approve",
        "publicized" => "publicize",
        "appointed" => "appoint",
        _ => "?",
    }
}

/// What can be done next, as the commands a clerk can copy (the verbs
/// alone read as English inside a Chinese sentence).
fn next_sentence(id: i64, state: &str, pipeline: &[&str]) -> String {
    let next = allowed_next(state, pipeline);
    if next.is_empty() {
        crate::tr!(
            "此聘任已结束，不能再办理",
            "this appointment has ended; nothing more can be done with it"
        )
    } else {
        let list = next
            .iter()
            .map(|verb| format!("roster appointment {verb} {id}"))
            .collect::<Vec<_>>();
        let (zh, en) = (list.join("、"), list.join(", "));
        crate::tr!("可办理：{zh}", "allowed next: {en}")
    }
}

/// Checks moving from `state` to procedure state `target` on a panel whose
/// pipeline is `pipeline`: only the next step, never backwards, never a
/// step the panel does not use, never from an ended appointment.
pub fn check_step(id: i64, state: &str, target: &str, pipeline: &[&str]) -> anyhow::Result<()> {
    let here = label(state);
    let there = STEP_EVENT.label(target);
    let next = next_sentence(id, state, pipeline);
    if ENDED.contains(&state) || state == "appointed" {
        return Err(crate::refused!(
            "聘任 #{id} 处于“{here}”，不能再办理“{there}”；{next}",
            "appointment #{id} is {here}; it cannot be {there} now; {next}",
        ));
    }
    let Some(to) = pipeline.iter().position(|s| *s == target) else {
        return Err(crate::refused!(
            "聘任 #{id} 所在的顾问团不使用“{there}”步骤；{next}",
            "the panel of appointment #{id} does not use the step \"{there}\"; {next}",
        ));
    };
    let Some(from) = pipeline.iter().position(|s| *s == state) else {
        return Err(crate::refused!(
            "聘任 #{id} 处于“{here}”，而所在顾问团已不使用这一步骤；请用 panel edit --steps 恢复该步骤后再办理",
            "appointment #{id} is {here}, a step its panel no longer uses; restore the step with panel edit --steps first",
        ));
    };
    if to <= from {
        return Err(crate::refused!(
            "聘任 #{id} 已处于“{here}”，程序不能倒退到“{there}”；{next}",
            "appointment #{id} is already {here}; the procedure never runs back to {there}; {next}",
        ));
    }
    if to > from + 1 {
        let skipped = pipeline[from + 1..to]
            .iter()
            .map(|s| label(s))
            .collect::<Vec<_>>()
            .join(pick_sep());
        return Err(crate::refused!(
            "聘任 #{id} 处于“{here}”，不能跳过“{skipped}”直接“{there}”；{next}",
            "appointment #{id} is {here}; it cannot skip {skipped} to be {there}; {next}",
        ));
    }
    Ok(())
}

fn pick_sep() -> &'static str {
    crate::i18n::pick("、", ", ")
}

/// Refuses a step dated before the previous one or after today.
pub fn check_step_date(
    flag: &str,
    date: NaiveDate,
    previous: NaiveDate,
    today: NaiveDate,
) -> anyhow::Result<()> {
    if date > today {
        let (d, t) = (date, today);
        return Err(crate::invalid!(
            "{flag}：日期 {d} 晚于今天（{t}）",
            "{flag}: {d} is after today ({t})"
        ));
    }
    if date < previous {
        let (d, p) = (date, previous);
        return Err(crate::invalid!(
            "{flag}：日期 {d} 早于上一步（{p}）；程序的日期不能倒退",
            "{flag}: {d} is before the previous step ({p}); the procedure's dates never run backwards",
        ));
    }
    Ok(())
}

/// The last day of a public notice that starts on `start` and lasts `days`.
pub fn notice_end(start: NaiveDate, days: i64) -> NaiveDate {
    start
        .checked_add_days(Days::new(days.max(1) as u64 - 1))
        .unwrap_or(start)
}

/// Appointment after a notice is allowed from the day after it ends
/// (seed 001 art. 4(6): "公示期满无异议后").
pub fn check_notice_over(id: i64, notice_end: NaiveDate, date: NaiveDate) -> anyhow::Result<()> {
    if date <= notice_end {
        let first = notice_end.succ_opt().unwrap_or(notice_end);
        return Err(crate::refused!(
            "聘任 #{id} 的公示期至 {notice_end} 结束，{first} 起方可聘任",
            "the public notice of appointment #{id} runs until {notice_end}; it can be appointed from {first}",
        ));
    }
    Ok(())
}

/// The last day of a term of `years` starting on `start` (3 years from
/// 2023-09-01 end on 2026-08-31).
pub fn term_end(start: NaiveDate, years: i64) -> NaiveDate {
    // The anniversary of 29 February in a common year is 1 March, so a term
    // begun on a leap day ends on 28 February.
    let year = start.year() + years as i32;
    let anniversary = NaiveDate::from_ymd_opt(year, start.month(), start.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(start);
    anniversary.pred_opt().unwrap_or(anniversary)
}

/// The length of a term in whole years, rounded up (for the panel's maximum).
pub fn term_years(start: NaiveDate, end: NaiveDate) -> i64 {
    let mut years = 0;
    while term_end(start, years) < end {
        years += 1;
    }
    years
}

/// Who a panel may appoint: the oldest age on the term's first day and the
/// fewest years of professional work (`None`: no limit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_age: Option<i64>,
    pub min_work_years: Option<i64>,
}

impl Limits {
    /// Seed 001 art. 5: at most 70 years old, at least 5 years of work.
    pub const SEED_001: Limits = Limits {
        max_age: Some(70),
        min_work_years: Some(5),
    };
}

/// Why an advisor is not eligible on `on` under `limits`. Empty when
/// eligible; a fact the limit needs and the roster lacks is a problem too.
pub fn eligibility_problems(
    birth: Option<NaiveDate>,
    work_start_year: Option<i64>,
    on: NaiveDate,
    limits: Limits,
) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(max) = limits.max_age {
        match birth {
            None => problems.push(crate::tr!(
                "未登记出生日期，无法核实年龄（可用 advisor edit --birth-date 补录）",
                "no birth date on record, so the age cannot be checked (add it with advisor edit --birth-date)",
            )),
            Some(b) => {
                let age = i64::from(crate::input::date::age_on(b, on));
                if age > max {
                    problems.push(crate::tr!(
                        "{on} 时年满 {age} 岁，超过 {max} 岁",
                        "aged {age} on {on}, over {max}"
                    ));
                }
            }
        }
    }
    // Zero years asks for nothing, not even a recorded year.
    if let Some(min) = limits.min_work_years.filter(|m| *m > 0) {
        match work_start_year {
            None => problems.push(crate::tr!(
                "未登记参加工作年份，无法核实从业年限（可用 advisor edit --work-start-year 补录）",
                "no work start year on record, so the years of experience cannot be checked (add it with advisor edit --work-start-year)",
            )),
            Some(start) => {
                let years = i64::from(on.year()) - start;
                if years < min {
                    problems.push(crate::tr!(
                        "从事专业工作 {years} 年，不足 {min} 年",
                        "{years} years of professional work, fewer than {min}",
                    ));
                }
            }
        }
    }
    problems
}

/// Refuses an ineligible advisor unless an exemption reason is recorded;
/// the message names where the limits come from.
pub fn check_eligible(
    problems: &[String],
    exemption: Option<&str>,
    limits: Limits,
) -> anyhow::Result<()> {
    if problems.is_empty() || exemption.is_some_and(|e| !e.trim().is_empty()) {
        return Ok(());
    }
    let list = problems.join(pick_sep());
    if limits == Limits::SEED_001 {
        return Err(crate::refused!(
            "不符合聘任条件（二连浩特办法第五条，本顾问团采用）：{list}；确属特殊情况的，请用 --exemption \"理由\" 记录放宽理由（顾问团不设此条件的，可用 panel edit --max-age/--min-work-years none 取消）",
            "not eligible (seed 001 art. 5, as this panel applies it): {list}; if this is a justified exception, record it with --exemption \"reason\" (a panel without these limits drops them with panel edit --max-age/--min-work-years none)",
        ));
    }
    Err(crate::refused!(
        "不符合本顾问团的聘任条件：{list}；确属特殊情况的，请用 --exemption \"理由\" 记录放宽理由",
        "not eligible under this panel's conditions: {list}; if this is a justified exception, record it with --exemption \"reason\"",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const ERENHOT: &str = "vetted,checked,reviewed,approved,publicized";
    const KAIZHOU: &str = "vetted,reviewed,approved";

    #[test]
    fn the_erenhot_procedure_runs_every_step_in_order() {
        let p = pipeline(ERENHOT);
        let mut state = "nominated";
        for next in [
            "vetted",
            "checked",
            "reviewed",
            "approved",
            "publicized",
            "appointed",
        ] {
            check_step(1, state, next, &p).unwrap();
            state = next;
        }
    }

    #[test]
    fn kaizhou_has_no_background_check_and_no_notice() {
        let p = pipeline(KAIZHOU);
        assert!(check_step(1, "vetted", "checked", &p).is_err());
        check_step(1, "vetted", "reviewed", &p).unwrap();
        check_step(1, "approved", "appointed", &p).unwrap();
    }

    #[test]
    fn no_skipping_no_going_back_nothing_after_an_end() {
        let p = pipeline(ERENHOT);
        let skip = check_step(1, "vetted", "reviewed", &p)
            .unwrap_err()
            .to_string();
        assert!(skip.contains("背调"), "{skip}");
        assert!(check_step(1, "reviewed", "vetted", &p).is_err());
        assert!(check_step(1, "reviewed", "reviewed", &p).is_err());
        assert!(check_step(1, "approved", "appointed", &p).is_err());
        for ended in ["rejected", "dismissed", "resigned", "appointed"] {
            assert!(check_step(1, ended, "vetted", &p).is_err(), "{ended}");
        }
    }

    #[test]
    fn seven_day_notice_then_appointment() {
        let end = notice_end(d(2024, 6, 20), 7);
        assert_eq!(end, d(2024, 6, 26));
        assert!(check_notice_over(1, end, d(2024, 6, 26)).is_err());
        check_notice_over(1, end, d(2024, 6, 27)).unwrap();
    }

    #[test]
    fn terms() {
        assert_eq!(term_end(d(2023, 9, 1), 3), d(2026, 8, 31));
        assert_eq!(term_end(d(2024, 2, 29), 1), d(2025, 2, 28));
        assert_eq!(term_end(d(2024, 2, 29), 4), d(2028, 2, 28));
        assert_eq!(term_years(d(2024, 2, 29), d(2025, 2, 28)), 1);
        assert_eq!(term_years(d(2023, 9, 1), d(2026, 8, 31)), 3);
        assert_eq!(term_years(d(2023, 9, 1), d(2026, 9, 1)), 4);
        assert_eq!(term_years(d(2023, 9, 1), d(2024, 3, 1)), 1);
    }

    #[test]
    fn eligibility_by_age_and_experience() {
        let on = d(2026, 9, 1);
        assert!(
            eligibility_problems(Some(d(1956, 9, 1)), Some(1980), on, Limits::SEED_001).is_empty()
        ); // exactly 70
        assert_eq!(
            eligibility_problems(Some(d(1955, 8, 28)), Some(1978), on, Limits::SEED_001).len(),
            1
        ); // 71
        assert_eq!(
            eligibility_problems(Some(d(1990, 1, 1)), Some(2022), on, Limits::SEED_001).len(),
            1
        ); // 4 years
        assert!(
            eligibility_problems(Some(d(1990, 1, 1)), Some(2021), on, Limits::SEED_001).is_empty()
        ); // 5 years
        assert_eq!(
            eligibility_problems(None, None, on, Limits::SEED_001).len(),
            2
        );
        let problems = eligibility_problems(Some(d(1955, 8, 28)), Some(1978), on, Limits::SEED_001);
        assert!(check_eligible(&problems, None, Limits::SEED_001).is_err());
        assert!(check_eligible(&problems, Some("院士，特殊情况放宽"), Limits::SEED_001).is_ok());
        // A panel without limits (seed 002's academicians, seed 003) asks for
        // nothing, not even a birth date; one limit checks only its fact.
        let none = Limits {
            max_age: None,
            min_work_years: None,
        };
        assert!(eligibility_problems(Some(d(1940, 1, 1)), None, on, none).is_empty());
        assert!(eligibility_problems(None, None, on, none).is_empty());
        let age_only = Limits {
            max_age: Some(80),
            min_work_years: None,
        };
        assert!(eligibility_problems(Some(d(1947, 1, 1)), None, on, age_only).is_empty()); // 79
        assert_eq!(
            eligibility_problems(Some(d(1945, 1, 1)), None, on, age_only).len(),
            1
        ); // 81
        let zero_years = Limits {
            max_age: None,
            min_work_years: Some(0),
        };
        assert!(eligibility_problems(None, None, on, zero_years).is_empty());
    }
}
