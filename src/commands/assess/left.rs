//! Advisors left out of a year's assessment because their service ended
//! during it by resignation or dismissal (`service::Leaver`): how a run,
//! `assess show` and `assess explain` say so. Who they are is read from the
//! appointments as they stand, the same way the run found them.

use rusqlite::{Connection, params};

use super::service::{Leaver, leavers};
use crate::labels::APPOINTMENT_STATE;
use crate::output::{Kind, RowSet, col};

/// The phrase a leaver is listed with.
pub fn not_assessed() -> &'static str {
    crate::i18n::pick(
        "年内辞去/解聘，不参加本年度考核",
        "resigned or dismissed during the year; not assessed this year",
    )
}

/// One leaver as a sentence: who, how and when they left, and that the
/// year does not assess them.
pub fn sentence(l: &Leaver, year: i32) -> String {
    let (name, code, on, panel) = (&l.name, &l.code, &l.ended_on, &l.panel);
    let how = APPOINTMENT_STATE.label(&l.how);
    let phrase = not_assessed();
    crate::tr!(
        "{name}（{code}）于 {on} {how}（顾问团 {panel}），{phrase}：{year} 年度无等次、无补贴，也不计入优秀名额基数",
        "{name} ({code}) {how} on {on} (panel {panel}): {phrase} — no {year} grade or subsidy, and not counted in the excellent quota",
    )
}

/// The leavers of run `run_id`'s scope without a result in it (one who left
/// after the run has a result until the run is repeated; `roster check`
/// says so).
pub fn of_run(conn: &Connection, run_id: i64) -> anyhow::Result<Vec<Leaver>> {
    let (year, panel): (i32, Option<i64>) = conn.query_row(
        "SELECT year, panel_id FROM assess_runs WHERE id = ?1",
        [run_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // Looked up by advisor and year: a province's run has 50,000 results.
    let mut has_result = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM assessments WHERE advisor_id = ?2 AND year = ?3 AND run_id = ?1)",
    )?;
    let mut left = Vec::new();
    for leaver in leavers(conn, year, panel)? {
        if !has_result.query_row(params![run_id, leaver.advisor_id, year], |r| {
            r.get::<_, bool>(0)
        })? {
            left.push(leaver);
        }
    }
    Ok(left)
}

/// The leavers of run `run_id` as a table (`assess run`, `assess show`).
pub fn table(conn: &Connection, run_id: i64) -> anyhow::Result<RowSet> {
    let mut rows = RowSet::new(vec![
        col("code", "编码", "code", Kind::Text),
        col("name", "姓名", "name", Kind::Text),
        col("panel", "顾问团", "panel", Kind::Text),
        col(
            "how",
            "离任方式",
            "how they left",
            Kind::Enum(&APPOINTMENT_STATE),
        ),
        col("ended_on", "离任日期", "left on", Kind::Date),
        col("note", "说明", "note", Kind::Text),
    ]);
    for l in of_run(conn, run_id)? {
        rows.push(vec![
            l.code.into(),
            l.name.into(),
            l.panel.into(),
            l.how.into(),
            l.ended_on.into(),
            not_assessed().to_string().into(),
        ]);
    }
    Ok(rows)
}

/// Whether `advisor_id` was left out of `year` as a leaver: by a run in
/// force for the year (the whole office's or a panel's), or, before any
/// run, on every panel. The caller knows the advisor has no result.
pub fn left_out(conn: &Connection, advisor_id: i64, year: i32) -> anyhow::Result<Option<Leaver>> {
    let mut scopes: Vec<Option<i64>> = conn
        .prepare_cached(
            "SELECT DISTINCT panel_id FROM assess_runs WHERE year = ?1 AND state <> 'superseded'",
        )?
        .query_map([year], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if scopes.is_empty() {
        scopes.push(None);
    }
    for scope in scopes {
        if let Some(l) = leavers(conn, year, scope)?
            .into_iter()
            .find(|l| l.advisor_id == advisor_id)
        {
            return Ok(Some(l));
        }
    }
    Ok(None)
}
