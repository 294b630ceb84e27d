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

/// Stipends (聘金) recorded for a year, not yet paid, that differ from what
/// the terms as they stand now owe for it (seed 002 六: per year of
/// service): one recorded before a resignation, a dismissal or a term
/// edited later. The remedy is `pay-stipends`'s own: void it and run it
/// again. A stipend paid (its voucher recorded) is money gone out — the
/// resignation or dismissal names it, to be settled by the office — and
/// one in a year the assessment has locked can no longer be voided:
/// neither is listed, as no command could clear it.
pub fn stipends_owed(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    use crate::domain::budget::{Service, stipend_for};
    let mut stmt = scope.conn.prepare(
        "SELECT e.id, e.advisor_id, e.stipend_year, e.amount_fen, a.code, a.name, e.on_date
         FROM expenses e JOIN advisors a ON a.id = e.advisor_id
         WHERE e.stipend_year IS NOT NULL AND e.voided_at IS NULL AND e.voucher_no IS NULL
         ORDER BY e.stipend_year, a.code, e.id",
    )?;
    let recorded = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i32>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut findings = Vec::new();
    let mut owed: std::collections::HashMap<i64, (i64, i64, i64)> = Default::default();
    let mut loaded = None;
    for (id, advisor_id, year, fen, code, name, on) in recorded {
        if loaded != Some(year) {
            // Everyone serving that year, read once per year.
            owed.clear();
            for (advisor, _, _, personal, services) in
                crate::store::expense::serving_in_year(scope.conn, year, None)?
            {
                let plain: Vec<Service> = services.iter().map(|s| s.service.clone()).collect();
                if let Some(s) = stipend_for(personal, &plain, year) {
                    owed.insert(advisor, (s.amount_fen, s.served_days, s.year_days));
                }
            }
            loaded = Some(year);
        }
        let (due, days, all) = owed.get(&advisor_id).copied().unwrap_or((0, 0, 0));
        if due == fen
            || crate::store::assess::check_open_expense(scope.conn, &on, advisor_id, false).is_err()
        {
            continue;
        }
        let (recorded, now) = (money::grouped(fen), money::grouped(due));
        let served = if all > 0 {
            crate::tr!("在任 {days}/{all} 天", "{days} of {all} days served")
        } else {
            crate::i18n::pick("本年未在任或无聘金", "not serving with a stipend that year")
                .to_string()
        };
        findings.push(Finding::new(
            "expenses",
            Some(id),
            crate::tr!(
                "{code} {name} 的 {year} 年聘金 #{id} 记录 {recorded} 元，按现在的聘期应为 {now} 元（{served}）；核对后作废该笔（roster expense void {id} --reason …）再运行 roster expense pay-stipends --year {year}",
                "the {year} stipend #{id} of {code} {name} records {recorded} yuan, but the terms as they stand now owe {now} yuan ({served}); check it, void it (roster expense void {id} --reason …) and run roster expense pay-stipends --year {year} again"
            ),
        ));
    }
    Ok(findings)
}
