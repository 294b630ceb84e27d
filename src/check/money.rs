//! Checks of the money: spending against the yearly caps (table `budgets`:
//! an office cap has no panel, a cap in all has no category; money in fen).

use super::{Finding, Scope};
use crate::input::money;
use crate::labels::EXPENSE_CATEGORY;

/// Budget lines whose year's spending (expenses not voided, dated in that
/// year, of that panel and category where the line names them) exceeds the
/// cap. Expenses recorded with `--override "reason"` are approved exceptions
/// (seed 001 art. 14 allows none silently, but an override is on record) and
/// do not count: what is left over the cap got there around roster's rules.
pub fn budget_caps(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = scope.conn.prepare(
        "SELECT id, year, panel, category, cap_fen, spent FROM (
            SELECT b.id, b.year, p.code AS panel, b.category, b.cap_fen,
                   (SELECT IFNULL(sum(e.amount_fen), 0) FROM expenses e
                     WHERE e.voided_at IS NULL AND e.override_reason IS NULL
                       AND e.on_date BETWEEN printf('%04d-01-01', b.year) AND printf('%04d-12-31', b.year)
                       AND (b.panel_id IS NULL OR e.panel_id = b.panel_id)
                       AND (b.category IS NULL OR e.category = b.category)) AS spent
            FROM budgets b LEFT JOIN panels p ON p.id = b.panel_id)
         WHERE spent > cap_fen
         ORDER BY year, id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, year, panel, category, cap, spent)| {
            let whom = panel.unwrap_or_else(|| crate::i18n::pick("全办", "the office").to_string());
            let what = category
                .map(|c| EXPENSE_CATEGORY.label(&c))
                .unwrap_or_else(|| crate::i18n::pick("全部类别", "all categories").to_string());
            let (spent_text, cap_text, over) = (
                money::grouped(spent),
                money::grouped(cap),
                money::grouped(spent - cap),
            );
            Finding::new(
                "budgets",
                Some(id),
                crate::tr!(
                    "{year} 年 {whom}（{what}）支出 {spent_text} 元，超过上限 {cap_text} 元 {over} 元",
                    "{year}, {whom} ({what}): spent {spent_text} yuan against a cap of {cap_text}, {over} over"
                ),
            )
        })
        .collect())
}
