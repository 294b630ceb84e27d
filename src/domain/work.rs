//! The rules of the advisors' work (seed 001 arts. 8–12, seed 000 工作方式):
//! hours of an activity, recording attendance, and what a recusal covers.
//! No I/O and no clock: callers pass `today`.

use chrono::NaiveDate;

use crate::labels::ATTENDANCE;

/// Hours spent on one activity: 0 to 24 (one day).
pub fn check_hours(flag: &str, hours: f64) -> anyhow::Result<()> {
    if !hours.is_finite() || !(0.0..=24.0).contains(&hours) {
        return Err(crate::invalid!(
            "{flag}：“{hours}”不在 0 到 24 小时之间；多日活动请按天分别登记",
            "{flag}: \"{hours}\" is not between 0 and 24 hours; record a multi-day activity day by day",
        ));
    }
    Ok(())
}

/// Attendance that records what happened (anything but `invited`).
pub fn is_recorded(attendance: &str) -> bool {
    attendance != "invited"
}

/// Attendance cannot be recorded for an activity that has not happened yet:
/// only invitations may be made ahead.
pub fn check_not_future(
    flag: &str,
    activity_id: i64,
    activity_date: NaiveDate,
    attendance: &str,
    today: NaiveDate,
) -> anyhow::Result<()> {
    if is_recorded(attendance) && activity_date > today {
        let shown = ATTENDANCE.label(attendance);
        return Err(crate::refused!(
            "{flag}：活动 #{activity_id} 定于 {activity_date}，尚未举行（今天 {today}），不能登记“{shown}”；举行前只能邀请",
            "{flag}: activity #{activity_id} is on {activity_date}, which has not come yet (today is {today}); it cannot be recorded as {shown}; until then advisors can only be invited",
        ));
    }
    Ok(())
}

/// An excused absence (请假) needs its reason; a reason belongs only to an
/// excused absence (an absence with an accepted reason *is* excused).
pub fn check_excuse(attendance: &str, reason: Option<&str>) -> anyhow::Result<()> {
    let has_reason = reason.is_some_and(|r| !r.trim().is_empty());
    match (attendance == "excused", has_reason) {
        (true, false) => Err(crate::invalid!(
            "--reason：请假须写明原因（如 --reason \"出国学术交流\"）",
            "--reason: an excused absence needs its reason (e.g. --reason \"abroad for a conference\")",
        )),
        (false, true) => Err(crate::invalid!(
            "--reason：只有请假（excused）需要填写原因；理由成立的缺席请登记为请假",
            "--reason: only an excused absence takes a reason; an absence with an accepted reason is recorded as excused",
        )),
        _ => Ok(()),
    }
}

/// Squeezes out whitespace so that "区 经济信息委" and "区经济信息委" match.
fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a recusal (seed 001 art. 10) covers an activity. The rule, in
/// full: the recusal's related unit equals the activity's requesting unit,
/// or the recusal's matter appears in the activity's topic (whitespace and
/// letter case ignored in both comparisons).
pub fn recusal_covers(
    matter: &str,
    related_unit: Option<&str>,
    topic: &str,
    requesting_unit: Option<&str>,
) -> bool {
    let unit_match = match (related_unit.map(squeezed), requesting_unit.map(squeezed)) {
        (Some(r), Some(q)) => !r.is_empty() && r == q,
        _ => false,
    };
    let matter = squeezed(matter);
    unit_match || (!matter.is_empty() && squeezed(topic).contains(&matter))
}

/// The usual mode of a kind: written work is done in writing.
pub fn default_mode(kind: &str) -> &'static str {
    match kind {
        "written_opinion" | "research_report" => "in_writing",
        _ => "on_site",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn hours_are_within_a_day() {
        for ok in [0.0, 0.5, 3.0, 24.0] {
            check_hours("--hours", ok).unwrap();
        }
        for bad in [-0.5, 24.5, f64::NAN, f64::INFINITY] {
            assert!(check_hours("--hours", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_invitations_before_the_day() {
        let today = d(2026, 11, 20);
        check_not_future("--attendance", 1, d(2026, 12, 1), "invited", today).unwrap();
        check_not_future("--attendance", 1, d(2026, 11, 20), "attended", today).unwrap();
        for recorded in ["attended", "excused", "absent"] {
            assert!(check_not_future("--attendance", 1, d(2026, 12, 1), recorded, today).is_err());
        }
    }

    #[test]
    fn excused_needs_a_reason_and_only_excused_has_one() {
        assert!(check_excuse("excused", None).is_err());
        assert!(check_excuse("excused", Some("  ")).is_err());
        check_excuse("excused", Some("出国学术交流")).unwrap();
        assert!(check_excuse("absent", Some("没来")).is_err());
        check_excuse("absent", None).unwrap();
        check_excuse("attended", None).unwrap();
    }

    #[test]
    fn a_recusal_covers_its_unit_or_its_matter() {
        let matter = "中药材精深加工项目";
        let unit = Some("太极集团有限公司");
        // The requesting unit is the related unit.
        assert!(recusal_covers(
            matter,
            unit,
            "产业链配套座谈",
            Some("太极集团 有限公司")
        ));
        // The matter appears in the topic.
        assert!(recusal_covers(
            matter,
            unit,
            "开州中药材精深加工项目投资论证",
            Some("区经济信息委")
        ));
        // Neither.
        assert!(!recusal_covers(
            matter,
            unit,
            "电子信息产业研讨",
            Some("区经济信息委")
        ));
        assert!(!recusal_covers(matter, None, "电子信息产业研讨", None));
        // An empty unit never matches an empty unit.
        assert!(!recusal_covers(matter, Some(""), "电子信息", Some("")));
    }

    #[test]
    fn written_work_defaults_to_in_writing() {
        assert_eq!(default_mode("written_opinion"), "in_writing");
        assert_eq!(default_mode("research_report"), "in_writing");
        assert_eq!(default_mode("panel_meeting"), "on_site");
    }
}
