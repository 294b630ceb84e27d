//! `assessments`: a year's results (年度考核, seed 001 art. 13–14), export
//! only — each advisor's days served, points, preliminary and final grade
//! with the reason it changed, the subsidy and how it was reached, the
//! requirements missed and whether the year is confirmed. The result in
//! force for each advisor and year (superseded runs left out); `--year`,
//! `--panel` (the panel assessed with) and `--advisor` narrow it.

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;

use crate::commands::assess::notes;
use crate::labels::{ASSESS_STATE, GRADE};
use crate::output::{Kind, col};
use crate::store::Filter as Where;
use crate::transfer::{Dataset, Filter, Query, Selection};

pub static DATASET: Dataset = Dataset {
    name: "assessments",
    zh: "年度考核结果",
    en: "annual assessment results",
    columns: &[
        col("year", "年度", "year", Kind::Int),
        col("advisor", "专家编码", "advisor code", Kind::Text),
        col("advisor_name", "姓名", "name", Kind::Text),
        col("panel", "顾问团", "panel", Kind::Text),
        col("served_days", "在任天数", "days served", Kind::Int),
        col("points", "得分", "points", Kind::Float),
        col(
            "prelim_grade",
            "初评等次",
            "preliminary grade",
            Kind::Enum(&GRADE),
        ),
        col("grade", "等次", "grade", Kind::Enum(&GRADE)),
        col("decision", "调整说明", "why the grade changed", Kind::Text),
        col("subsidy", "工作补贴(元)", "subsidy (yuan)", Kind::Money),
        col(
            "subsidy_note",
            "补贴说明",
            "how the subsidy was reached",
            Kind::Text,
        ),
        col("missed", "未达要求", "requirements missed", Kind::Int),
        col("state", "状态", "state", Kind::Enum(&ASSESS_STATE)),
    ],
    required: &[],
    filters: &[Filter::Year, Filter::Panel, Filter::Advisor],
    export,
    import: None,
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    // Stored explanations are JSON, shown as `assess show` shows them.
    sel.conn
        .create_scalar_function("roster_quota_note", 1, flags, |ctx| {
            let stored: Option<String> = ctx.get(0)?;
            Ok(stored.map(|s| notes::quota(&s)))
        })?;
    sel.conn
        .create_scalar_function("roster_subsidy_note", 1, flags, |ctx| {
            let stored: Option<String> = ctx.get(0)?;
            Ok(stored.map(|s| notes::subsidy(&s)))
        })?;
    let mut filter = Where::default();
    filter.add("s.state <> 'superseded'", []);
    if let Some(year) = sel.year()? {
        filter.add("s.year = ?", [Value::Integer(i64::from(year))]);
    }
    if let Some(panel) = sel.panel()? {
        filter.add("s.panel_id = ?", [Value::Integer(panel)]);
    }
    if let Some(advisor) = sel.advisor()? {
        filter.add("s.advisor_id = ?", [Value::Integer(advisor)]);
    }
    Ok(Query {
        sql: format!(
            "SELECT s.year, a.code, a.name, p.name, s.served_days, s.points, s.prelim_grade, s.grade,
                IFNULL(s.grade_reason, roster_quota_note(s.quota_note)), s.subsidy_fen,
                roster_subsidy_note(s.subsidy_note),
                (SELECT count(*) FROM json_each(s.requirements, '$.requirements') j
                  WHERE json_extract(j.value, '$.met') = 0),
                s.state
             FROM assessments s JOIN advisors a ON a.id = s.advisor_id LEFT JOIN panels p ON p.id = s.panel_id{}
             ORDER BY s.year, a.code, s.id",
            filter.sql()
        ),
        params: filter.params,
    })
}
