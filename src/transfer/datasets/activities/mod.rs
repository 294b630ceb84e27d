//! `activities`: the advisors' work, one row per participant (an activity
//! nobody has joined yet is one row with the advisor's cells blank), the
//! activity's details repeated on each of its rows. Voided activities and
//! removed participants are left out. Exported with the work listings'
//! filters; imported through `activity add`'s and `participant add`'s own
//! rules (`import.rs`): rows sharing an activity number become one
//! activity with several participants.

mod facts;
mod import;
mod ready;
mod write;

use rusqlite::types::Value;

use crate::labels::{ACTIVITY_KIND, ATTENDANCE, MODE, PARTICIPANT_ROLE};
use crate::output::{Kind, col};
use crate::store::Filter as Where;
use crate::transfer::{Dataset, Filter, Query, Selection};

pub static DATASET: Dataset = Dataset {
    name: "activities",
    zh: "履职活动（每位参加专家一行）",
    en: "activities (one row per participant)",
    columns: &[
        col("activity", "活动编号", "activity", Kind::Int),
        col("date", "日期", "date", Kind::Date),
        col("kind", "活动类型", "kind", Kind::Enum(&ACTIVITY_KIND)),
        col("panel", "顾问团", "panel", Kind::Text),
        col("topic", "议题", "topic", Kind::Text),
        col("mode", "方式", "mode", Kind::Enum(&MODE)),
        col("place", "地点", "place", Kind::Text),
        col("hours", "时长(小时)", "hours", Kind::Float),
        col("unit", "委托单位", "requesting unit", Kind::Text),
        col("minutes", "会议纪要", "minutes", Kind::Text),
        col("result", "成果", "result", Kind::Text),
        col("advisor", "专家编码", "advisor code", Kind::Text),
        col("advisor_name", "姓名", "name", Kind::Text),
        col(
            "attendance",
            "出席情况",
            "attendance",
            Kind::Enum(&ATTENDANCE),
        ),
        col("reason", "请假原因", "excuse", Kind::Text),
        col("role", "角色", "role", Kind::Enum(&PARTICIPANT_ROLE)),
        col("opinion", "意见", "opinion", Kind::Text),
        col("guest", "特邀", "guest", Kind::Bool),
        col("override", "回避豁免理由", "recusal override", Kind::Text),
    ],
    required: &["date", "kind", "topic"],
    filters: &[
        Filter::Year,
        Filter::Panel,
        Filter::Advisor,
        Filter::Kind,
        Filter::From,
        Filter::To,
    ],
    export,
    import: Some(import::start),
    rows_checked: true,
};

/// Column places (`Row::at`); a unit test keeps them in step with `columns`.
pub(super) mod at {
    pub const ACTIVITY: usize = 0;
    pub const DATE: usize = 1;
    pub const KIND: usize = 2;
    pub const PANEL: usize = 3;
    pub const TOPIC: usize = 4;
    pub const MODE: usize = 5;
    pub const PLACE: usize = 6;
    pub const HOURS: usize = 7;
    pub const UNIT: usize = 8;
    pub const MINUTES: usize = 9;
    pub const RESULT: usize = 10;
    pub const ADVISOR: usize = 11;
    pub const ADVISOR_NAME: usize = 12;
    pub const ATTENDANCE: usize = 13;
    pub const REASON: usize = 14;
    pub const ROLE: usize = 15;
    pub const OPINION: usize = 16;
    pub const GUEST: usize = 17;
    pub const OVERRIDE: usize = 18;
}

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let mut filter = Where::default();
    filter.add("ac.voided_at IS NULL", []);
    sel.dates(&mut filter, "ac.on_date")?;
    if let Some(panel) = sel.panel()? {
        filter.add("ac.panel_id = ?", [Value::Integer(panel)]);
    }
    if let Some(kind) = sel.kind(&ACTIVITY_KIND)? {
        filter.add("ac.kind = ?", [Value::Text(kind.to_string())]);
    }
    if let Some(advisor) = sel.advisor()? {
        filter.add("pa.advisor_id = ?", [Value::Integer(advisor)]);
    }
    Ok(Query {
        sql: format!(
            "SELECT ac.id, ac.on_date, ac.kind, p.name, ac.topic, ac.mode, ac.place, ac.hours, ac.requesting_unit,
                ac.minutes_ref, ac.result, a.code, a.name, pa.attendance, pa.excuse_reason, pa.role, pa.opinion,
                pa.guest, pa.override_reason
             FROM activities ac
             LEFT JOIN participants pa ON pa.activity_id = ac.id AND pa.voided_at IS NULL
             LEFT JOIN advisors a ON a.id = pa.advisor_id
             LEFT JOIN panels p ON p.id = ac.panel_id{}
             ORDER BY ac.id, pa.id",
            filter.sql()
        ),
        params: filter.params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_places_match_the_columns() {
        let keys: Vec<&str> = DATASET.columns.iter().map(|c| c.key).collect();
        for (index, key) in [
            (at::ACTIVITY, "activity"),
            (at::DATE, "date"),
            (at::KIND, "kind"),
            (at::PANEL, "panel"),
            (at::TOPIC, "topic"),
            (at::MODE, "mode"),
            (at::PLACE, "place"),
            (at::HOURS, "hours"),
            (at::UNIT, "unit"),
            (at::MINUTES, "minutes"),
            (at::RESULT, "result"),
            (at::ADVISOR, "advisor"),
            (at::ADVISOR_NAME, "advisor_name"),
            (at::ATTENDANCE, "attendance"),
            (at::REASON, "reason"),
            (at::ROLE, "role"),
            (at::OPINION, "opinion"),
            (at::GUEST, "guest"),
            (at::OVERRIDE, "override"),
        ] {
            assert_eq!(keys[index], key);
        }
    }
}
