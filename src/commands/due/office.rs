//! Due items from the office's own records: a year's assessment runs
//! still drafts or not run at all, a year's roster adjustment not recorded,
//! and the year's budget lines nearly spent.

use rusqlite::Connection;

use super::items::{Listed, Plan, item};
use crate::domain::due;
use crate::i18n::pick;
use crate::labels::EXPENSE_CATEGORY;
use crate::store::due::{self as store, Found};

/// A year's assessment runs still drafts; the year's budget lines nearly spent.
pub fn office(conn: &Connection, plan: &Plan, out: &mut Listed) -> anyhow::Result<()> {
    let h = plan.h.general;
    let last_year = match due::assessment_due(chrono::Datelike::year(&h)) {
        Some(end) if end <= h => chrono::Datelike::year(&h),
        _ => chrono::Datelike::year(&h) - 1,
    };
    let found = store::draft_runs(conn, &plan.ask, last_year)?;
    out.add("assessment", found, |d| {
        let (year, n) = (d.year, d.results);
        let what = crate::tr!(
            "{year} 年度考核初评 {n} 人，尚待确定",
            "the {year} assessment: {n} preliminary results awaiting confirmation"
        );
        Ok(assessment_item(
            plan,
            "assessment",
            year,
            d.panel,
            what,
            "roster assess confirm",
        ))
    })?;

    // A year ending with no assessment at all, where the office assessed
    // before (seed 001 art. 16, seed 002 八（一）: every year).
    let found = store::unassessed(conn, &plan.ask, last_year)?;
    out.add("assessment_run", found, |u| {
        let (year, last) = (u.year, u.last);
        let what = crate::tr!(
            "{year} 年度考核尚未进行（上次为 {last} 年度）；未给 --rules 时按上次的规则计算",
            "the {year} assessment has not been run (last: {last}); without --rules it runs on the last rule set"
        );
        Ok(assessment_item(plan, "assessment_run", year, u.panel, what, "roster assess run"))
    })?;

    roster_reviews(conn, plan, out)?;

    let year = chrono::Datelike::year(&plan.h.today);
    let percent = plan.budget_percent;
    let mut found = Found::default();
    for (line, usage) in crate::store::budget::lines_with_usage(conn, year)? {
        if plan.ask.panel.is_some() && line.panel_id != plan.ask.panel {
            continue;
        }
        if crate::domain::budget::near_cap(line.cap_fen, usage, percent) {
            let panel = line
                .panel_id
                .map(|p| crate::store::panel::get(conn, p))
                .transpose()?;
            found.rows.push((line, usage, panel));
        }
    }
    found.total = found.rows.len() as i64;
    out.add("budget", found, |(line, usage, panel)| {
        let category = line.category.as_deref().map_or_else(
            || pick("全部经费", "all spending").to_string(),
            |c| EXPENSE_CATEGORY.label(c),
        );
        let (cap, used) = (
            crate::input::money::grouped(line.cap_fen),
            crate::input::money::grouped(usage.recorded()),
        );
        let share = format!(
            "{:.1}",
            usage.recorded() as f64 * 100.0 / line.cap_fen.max(1) as f64
        );
        let what = crate::tr!(
            "{year} 年{category}预算 {cap} 元，已用 {used} 元（{share}%，提醒线 {percent}%）",
            "{year} {category} budget {cap} yuan: {used} yuan used ({share}%, alert at {percent}%)"
        );
        let (code, name, flag) = match &panel {
            Some(p) => (
                p.code.clone(),
                p.name.clone(),
                format!(" --panel {}", p.code),
            ),
            None => (
                String::new(),
                pick("全办", "whole office").to_string(),
                String::new(),
            ),
        };
        Ok(item(
            plan.h.today,
            "budget",
            &code,
            &name,
            panel.map(|p| p.code),
            what,
            format!("roster report spending --year {year}{flag}"),
        ))
    })
}

/// A year whose roster adjustment is not recorded, where the office asks
/// for one (seed 004 二: 原则上每年进行1次调整补充; `due.roster_review_month`).
/// It is the whole office's: a view of one panel leaves it out.
fn roster_reviews(conn: &Connection, plan: &Plan, out: &mut Listed) -> anyhow::Result<()> {
    let mut found = Found::default();
    if plan.ask.panel.is_none() {
        let years = crate::domain::adjustment::years_in_view(
            plan.h.today,
            plan.h.general,
            plan.h.general_days(),
            plan.roster_review_month,
        );
        for (year, due_on) in years {
            if crate::store::roster_review::of_year(conn, year)?.is_none() {
                found.rows.push((year, due_on));
            }
        }
    }
    found.total = found.rows.len() as i64;
    out.add("roster_review", found, |(year, due_on)| {
        let what = crate::tr!(
            "{year} 年度专家名单调整补充尚未记录（原则上每年1次）；名单见 roster appointment review --year {year}",
            "the {year} roster adjustment is not recorded (once a year); the roster: roster appointment review --year {year}"
        );
        Ok(item(
            due_on,
            "roster_review",
            "",
            pick("全办", "whole office"),
            None,
            what,
            format!("roster appointment review --year {year} --done"),
        ))
    })
}

/// An item of a year's assessment for one panel (code, name) or the whole
/// office, due when the year's assessment is, with `command --year Y
/// [--panel P]` to deal with it.
fn assessment_item(
    plan: &Plan,
    kind: &'static str,
    year: i32,
    panel: Option<(String, String)>,
    what: String,
    command: &str,
) -> crate::domain::due::Item {
    let (code, name, panel_flag) = match &panel {
        Some((code, name)) => (code.clone(), name.clone(), format!(" --panel {code}")),
        None => (
            String::new(),
            pick("全办", "whole office").to_string(),
            String::new(),
        ),
    };
    let due_on = due::assessment_due(year).unwrap_or(plan.h.today);
    item(
        due_on,
        kind,
        &code,
        &name,
        panel.map(|(c, _)| c),
        what,
        format!("{command} --year {year}{panel_flag}"),
    )
}

/// Certificates recorded as not returned after a resignation or dismissal
/// (seed 001 art. 13: 解聘…并收回聘书).
pub fn certificates(conn: &Connection, plan: &Plan, out: &mut Listed) -> anyhow::Result<()> {
    let found = store::certificates_unreturned(conn, &plan.ask)?;
    out.add("certificate", found, |c| {
        let (id, on) = (c.id, &c.ended_on);
        let how = crate::labels::APPOINTMENT_STATE.label(&c.how);
        let what = crate::tr!(
            "聘任 #{id} 已于 {on} {how}，聘书尚未收回",
            "appointment #{id} ended on {on} ({how}); the certificate is not yet returned"
        );
        Ok(item(
            super::items::day(on)?,
            "certificate",
            &c.code,
            &c.name,
            Some(c.panel),
            what,
            format!("roster appointment edit {id} --certificate-returned yes"),
        ))
    })
}
