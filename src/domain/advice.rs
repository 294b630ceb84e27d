//! How a piece of advice is handled, as a state machine (DESIGN.md glossary
//! "advice"; seed 002 part 7(4): adoption and implementation reported back;
//! seed 000: feedback to the advisor on how the advice was handled):
//!
//! ```text
//! submitted ─▶ assigned ─▶ adopted ─────────┬─▶ implemented
//!     │        (交办)      partly_adopted ──┘
//!     └──────────────────▶ not_adopted (with its reason)
//! ```
//! Assignment may be skipped (advice adopted at the meeting itself); adoption
//! may not: only adopted or partly adopted advice is implemented. Nothing
//! runs backwards; an outcome may be reconsidered (adopted ↔ partly adopted
//! ↔ not adopted) until the advice is implemented. Every move is dated, never
//! before the previous move nor after today; leader endorsement and feedback
//! to the advisor are dated on or after the submission.

use chrono::NaiveDate;

use crate::labels::ADVICE_STATUS;

/// The decided outcomes.
pub const OUTCOMES: &[&str] = &["adopted", "partly_adopted", "not_adopted"];

/// The position of a status in the handling order.
pub fn rank(status: &str) -> u8 {
    match status {
        "submitted" => 0,
        "assigned" => 1,
        "adopted" | "partly_adopted" | "not_adopted" => 2,
        "implemented" => 3,
        _ => 0,
    }
}

/// The statuses a piece of advice may move to from `status`.
pub fn allowed_next(status: &str) -> Vec<&'static str> {
    match status {
        "submitted" => vec!["assigned", "adopted", "partly_adopted", "not_adopted"],
        "assigned" => OUTCOMES.to_vec(),
        "adopted" => vec!["implemented", "partly_adopted", "not_adopted"],
        "partly_adopted" => vec!["implemented", "adopted", "not_adopted"],
        "not_adopted" => vec!["adopted", "partly_adopted"],
        _ => vec![],
    }
}

fn allowed_sentence(status: &str) -> String {
    let next = allowed_next(status);
    if next.is_empty() {
        crate::tr!(
            "已落实，办理已结束",
            "it is implemented; its handling has ended"
        )
    } else {
        let list = next
            .iter()
            .map(|s| ADVICE_STATUS.label(s))
            .collect::<Vec<_>>()
            .join(crate::i18n::pick("、", ", "));
        crate::tr!("可改为：{list}", "it may move to: {list}")
    }
}

/// Checks a status move of advice #`id` from `from` to `to`.
pub fn check_move(id: i64, from: &str, to: &str) -> anyhow::Result<()> {
    if allowed_next(from).contains(&to) {
        return Ok(());
    }
    let (here, there) = (ADVICE_STATUS.label(from), ADVICE_STATUS.label(to));
    let next = allowed_sentence(from);
    if to == "implemented" {
        if from == "not_adopted" {
            return Err(crate::refused!(
                "--status：意见建议 #{id} 未被采纳，不能登记为已落实；{next}",
                "--status: advice #{id} was not adopted, so it cannot be implemented; {next}",
            ));
        }
        if rank(from) < 2 {
            return Err(crate::refused!(
                "--status：意见建议 #{id} 处于“{here}”，尚未决定是否采纳，不能跳过采纳直接登记为已落实；{next}",
                "--status: advice #{id} is {here} and no decision on adoption was recorded; it cannot skip adoption to be implemented; {next}",
            ));
        }
    }
    if from == to {
        return Err(crate::refused!(
            "--status：意见建议 #{id} 已处于“{here}”；{next}",
            "--status: advice #{id} is already {here}; {next}",
        ));
    }
    Err(crate::refused!(
        "--status：意见建议 #{id} 已处于“{here}”，办理状态不能倒退为“{there}”；{next}",
        "--status: advice #{id} is already {here}; its handling never moves back to {there}; {next}",
    ))
}

/// A status move is dated on or after the previous move and not after today.
pub fn check_move_date(
    flag: &str,
    date: NaiveDate,
    previous: NaiveDate,
    today: NaiveDate,
) -> anyhow::Result<()> {
    if date > today {
        return Err(crate::invalid!(
            "{flag}：日期 {date} 晚于今天（{today}）",
            "{flag}: {date} is after today ({today})",
        ));
    }
    if date < previous {
        return Err(crate::invalid!(
            "{flag}：日期 {date} 早于上一办理环节（{previous}）；办理的日期不能倒退",
            "{flag}: {date} is before the previous step of handling ({previous}); the dates never run backwards",
        ));
    }
    Ok(())
}

/// Endorsement and feedback happen on or after the submission and not after today.
pub fn check_after_submission(
    flag: &str,
    date: NaiveDate,
    submitted: NaiveDate,
    today: NaiveDate,
) -> anyhow::Result<()> {
    if date > today {
        return Err(crate::invalid!(
            "{flag}：日期 {date} 晚于今天（{today}）",
            "{flag}: {date} is after today ({today})",
        ));
    }
    if date < submitted {
        return Err(crate::invalid!(
            "{flag}：日期 {date} 早于意见建议的提交日期（{submitted}）",
            "{flag}: {date} is before the advice was submitted ({submitted})",
        ));
    }
    Ok(())
}

/// What a status move needs: a unit for an assignment, a reason for a refusal.
pub fn check_move_details(
    to: &str,
    unit: Option<&str>,
    reason: Option<&str>,
) -> anyhow::Result<()> {
    let given = |v: Option<&str>| v.is_some_and(|s| !s.trim().is_empty());
    if to == "assigned" && !given(unit) {
        return Err(crate::invalid!(
            "--unit：交办须写明承办单位（如 --unit 区发展改革委）",
            "--unit: an assignment (交办) names the unit it goes to (e.g. --unit 区发展改革委)",
        ));
    }
    if to != "assigned" && given(unit) {
        return Err(crate::invalid!(
            "--unit：承办单位只在交办（--status assigned）时填写",
            "--unit: the unit is given with an assignment (--status assigned) only",
        ));
    }
    if to == "not_adopted" && !given(reason) {
        return Err(crate::invalid!(
            "--reason：未采纳须写明理由",
            "--reason: advice that is not adopted needs the reason why",
        ));
    }
    if to != "not_adopted" && given(reason) {
        return Err(crate::invalid!(
            "--reason：理由只在未采纳（--status not_adopted）时填写；其他说明请用 --note",
            "--reason: a reason is given when the advice is not adopted (--status not_adopted); use --note otherwise",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_whole_way_with_and_without_assignment() {
        check_move(1, "submitted", "assigned").unwrap();
        check_move(1, "assigned", "adopted").unwrap();
        check_move(1, "adopted", "implemented").unwrap();
        check_move(1, "partly_adopted", "implemented").unwrap();
        check_move(1, "submitted", "not_adopted").unwrap();
    }

    #[test]
    fn never_backwards_never_skipping_adoption() {
        let back = check_move(1, "adopted", "assigned")
            .unwrap_err()
            .to_string();
        assert!(back.contains("倒退"), "{back}");
        assert!(check_move(1, "implemented", "adopted").is_err());
        assert!(check_move(1, "assigned", "submitted").is_err());
        assert!(check_move(1, "assigned", "assigned").is_err());
        let skip = check_move(1, "assigned", "implemented")
            .unwrap_err()
            .to_string();
        assert!(skip.contains("跳过采纳"), "{skip}");
        assert!(check_move(1, "submitted", "implemented").is_err());
        assert!(check_move(1, "not_adopted", "implemented").is_err());
    }

    #[test]
    fn an_outcome_may_be_reconsidered_until_implemented() {
        check_move(1, "not_adopted", "adopted").unwrap();
        check_move(1, "adopted", "partly_adopted").unwrap();
        assert!(check_move(1, "implemented", "not_adopted").is_err());
    }

    #[test]
    fn dates_follow_the_submission_and_each_other() {
        let today = d(2026, 11, 20);
        check_move_date("--date", d(2026, 5, 1), d(2026, 5, 1), today).unwrap();
        assert!(check_move_date("--date", d(2026, 4, 30), d(2026, 5, 1), today).is_err());
        assert!(check_move_date("--date", d(2026, 11, 21), d(2026, 5, 1), today).is_err());
        check_after_submission("--feedback-on", d(2026, 5, 1), d(2026, 5, 1), today).unwrap();
        assert!(
            check_after_submission("--feedback-on", d(2026, 4, 1), d(2026, 5, 1), today).is_err()
        );
    }

    #[test]
    fn an_assignment_names_its_unit_a_refusal_its_reason() {
        assert!(check_move_details("assigned", None, None).is_err());
        check_move_details("assigned", Some("区科技局"), None).unwrap();
        assert!(check_move_details("adopted", Some("区科技局"), None).is_err());
        assert!(check_move_details("not_adopted", None, None).is_err());
        check_move_details("not_adopted", None, Some("财力有限")).unwrap();
        assert!(check_move_details("adopted", None, Some("x")).is_err());
    }
}
