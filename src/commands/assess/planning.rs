//! Planning a run's subsidies: what they may total (the rule set's cap,
//! less other spending where it covers it) and the room the budget lines
//! they will be booked under leave; the plan under the tightest bound, the
//! same grade the same amount; a plan that cannot fit says by how much.
//! `replan` plans a stored run again after a grade or an adjustment.

use rusqlite::params;

use super::budget;
use super::notes::{LineBound, SubsidyNote};
use crate::context::Tx;
use crate::domain::assess::subsidy::Bound;
use crate::domain::assess::{self, Rules, subsidy};
use crate::input::money;

/// One result's claim for the subsidy plan.
pub(crate) struct Item {
    pub code: String,
    /// The panel the subsidy will be booked to (`budget::booked_panels`).
    pub panel_id: Option<i64>,
    pub grade: String,
    pub adjust: Option<i64>,
    pub adjust_reason: Option<String>,
}

/// What the subsidies may total: the rule set's cap, less the year's other
/// advisor spending when the cap covers all of it. Seed 001 art. 14 caps the
/// whole city's advisor funds for a year, so that spending is the office's,
/// whatever panel the run covers, and includes subsidies other runs already
/// booked. A cap on subsidies alone still counts the subsidies already
/// booked for the year (another panel's run, a subsidy entered by hand).
///
/// The year's budget lines come with it: confirmation refuses subsidies
/// that would take a line over its cap, so the plan fits them too.
pub(crate) struct Pot {
    pub cap: i64,
    pub other_spending: i64,
    pub lines: Vec<budget::YearLine>,
}

impl Pot {
    pub fn available(&self) -> i64 {
        (self.cap - self.other_spending).max(0)
    }
}

/// The pot for a year and scope under `rules`.
pub(crate) fn pot(tx: &Tx, rules: &Rules, year: i32) -> anyhow::Result<Pot> {
    let other_spending = tx.query_row(
        "SELECT IFNULL(sum(amount_fen), 0) FROM expenses WHERE voided_at IS NULL AND on_date BETWEEN ?1 AND ?2
           AND (?3 OR category = 'subsidy')",
        params![format!("{year}-01-01"), format!("{year}-12-31"), rules.subsidy.cap_covers_all],
        |r| r.get(0),
    )?;
    Ok(Pot {
        cap: rules.subsidy.cap,
        other_spending,
        lines: budget::year_lines(tx, year)?,
    })
}

/// Subsidy amounts (fen) and how each was computed (stored as JSON, shown
/// in the reader's language) for `items` under `rules`, within the pot and
/// the room every budget line they fall under leaves.
pub(crate) fn plan(rules: &Rules, pot: &Pot, items: &[Item]) -> anyhow::Result<Vec<(i64, String)>> {
    let s = &rules.subsidy;
    let available = pot.available();
    let claims: Vec<subsidy::Claim> = items
        .iter()
        .map(|i| subsidy::Claim {
            code: i.code.clone(),
            base: s.for_grade(&i.grade),
            fixed: i.adjust,
        })
        .collect();
    let panels: Vec<Option<i64>> = items.iter().map(|i| i.panel_id).collect();
    let (rooms, lines) = budget::rooms(&pot.lines, &panels);
    let wanted: i64 = claims.iter().map(|c| c.fixed.unwrap_or(c.base)).sum();
    let (amounts, bound) =
        subsidy::allocate_within(&claims, s.min, available, &rooms).map_err(|(short, bound)| {
            match bound {
                Bound::Cap => cap_shortfall(&claims, s.min, available, short),
                Bound::Room(k) => line_shortfall(&lines[k], s.min, short),
            }
        })?;
    let line = match bound {
        Bound::Cap => None,
        Bound::Room(k) => Some(lines[k].clone()),
    };
    items
        .iter()
        .zip(&claims)
        .zip(amounts)
        .map(|((item, claim), amount)| {
            let note = SubsidyNote {
                grade: item.grade.clone(),
                base: claim.base,
                amount,
                wanted,
                cap: pot.cap,
                other_spending: pot.other_spending,
                special: item.adjust.and(item.adjust_reason.clone()),
                line: line.clone(),
                min: s.min,
            };
            Ok((amount, serde_json::to_string(&note)?))
        })
        .collect()
}

/// Why no plan fits the rule set's cap (`available` of it left).
fn cap_shortfall(
    claims: &[subsidy::Claim],
    min: i64,
    available: i64,
    short: subsidy::Shortfall,
) -> anyhow::Error {
    let cap = money::grouped(available);
    match short {
        subsidy::Shortfall::Minimums(gap) => {
            let (gap, min) = (money::grouped(gap), money::grouped(min));
            let fixed: i64 = claims.iter().filter_map(|c| c.fixed).sum();
            if fixed > 0 {
                // The special contributions are paid whole: they are
                // what leaves too little for everyone's minimum.
                let fixed = money::grouped(fixed);
                crate::refused!(
                    "特殊贡献补贴合计 {fixed} 元全额发放后，按每人最低补贴 {min} 元计，合计比可用补贴额 {cap} 元多出 {gap} 元；无法形成补贴方案——请减少特殊贡献补贴（roster assess adjust），或调整规则（降低最低额或提高上限）",
                    "with the special-contribution subsidies ({fixed} yuan) paid whole, the others at the minimum of {min} yuan each exceed the {cap} yuan available by {gap} yuan; no plan fits — lower a special contribution (roster assess adjust) or change the rules (a lower minimum or a higher cap)",
                )
            } else {
                crate::refused!(
                    "按每人最低补贴 {min} 元计，合计比可用补贴额 {cap} 元多出 {gap} 元；无法形成补贴方案，请调整规则（降低最低额或提高上限）",
                    "at the minimum of {min} yuan each, the subsidies exceed the {cap} yuan available by {gap} yuan; no plan fits — change the rules (a lower minimum or a higher cap)",
                )
            }
        }
        subsidy::Shortfall::Fixed(gap) => {
            let gap = money::grouped(gap);
            crate::refused!(
                "特殊贡献补贴合计比可用补贴额 {cap} 元多出 {gap} 元",
                "the special-contribution subsidies alone exceed the {cap} yuan available by {gap} yuan",
            )
        }
    }
}

/// Why no plan fits a budget line (seed 001 art. 14: not over a budget).
fn line_shortfall(line: &LineBound, min: i64, short: subsidy::Shortfall) -> anyhow::Error {
    let words = line.text();
    let (what, gap) = match short {
        subsidy::Shortfall::Minimums(gap) => {
            let min = money::grouped(min);
            (
                crate::tr!(
                    "按每人最低补贴 {min} 元（特殊贡献全额）计",
                    "at the minimum of {min} yuan each (special contributions whole)"
                ),
                gap,
            )
        }
        subsidy::Shortfall::Fixed(gap) => (
            crate::tr!("特殊贡献补贴", "the special-contribution subsidies"),
            gap,
        ),
    };
    let gap = money::grouped(gap);
    crate::refused!(
        "{what}，补贴比预算所余多出 {gap} 元（{words}）；无法形成补贴方案——请先调整预算（roster budget set），或调整规则（降低最低额）、减少特殊贡献补贴",
        "{what}, the subsidies exceed what the budget leaves by {gap} yuan ({words}); no plan fits — raise the budget line (roster budget set), or lower the rules' minimum or a special contribution",
    )
}

/// The panels the plan books each subsidy to (as confirmation will); a
/// year without budget lines has none to limit them, so over a large roster
/// they are not looked up.
pub(super) fn plan_panels(
    tx: &Tx,
    pot: &Pot,
    year: i32,
    run_panel: Option<i64>,
    advisors: &[i64],
) -> anyhow::Result<Vec<Option<i64>>> {
    if pot.lines.is_empty() {
        return Ok(vec![run_panel; advisors.len()]);
    }
    budget::booked_panels(tx, year, run_panel, advisors)
}

/// Re-plans the subsidies of a stored run after a grade or an adjustment.
pub(crate) fn replan(tx: &Tx, run_id: i64) -> anyhow::Result<()> {
    let (text, year): (String, i32) = tx.query_row(
        "SELECT rules_toml, year FROM assess_runs WHERE id = ?1",
        [run_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let rules =
        assess::parse(&text).map_err(|e| anyhow::anyhow!("stored rules of run #{run_id}: {e}"))?;
    let pot = pot(tx, &rules, year)?;
    let run_panel: Option<i64> = tx.query_row(
        "SELECT panel_id FROM assess_runs WHERE id = ?1",
        [run_id],
        |r| r.get(0),
    )?;
    let mut stmt = tx.prepare(
        "SELECT s.id, s.advisor_id, a.code, s.grade, s.adjust_fen, s.adjust_reason FROM assessments s JOIN advisors a ON a.id = s.advisor_id
         WHERE s.run_id = ?1 ORDER BY a.code",
    )?;
    let mut rows: Vec<(i64, i64, Item)> = stmt
        .query_map([run_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                Item {
                    code: r.get(2)?,
                    panel_id: None,
                    grade: r.get(3)?,
                    adjust: r.get(4)?,
                    adjust_reason: r.get(5)?,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    let advisors: Vec<i64> = rows.iter().map(|(_, a, _)| *a).collect();
    let panels = plan_panels(tx, &pot, year, run_panel, &advisors)?;
    for ((_, _, item), panel) in rows.iter_mut().zip(panels) {
        item.panel_id = panel;
    }
    let (ids, items): (Vec<i64>, Vec<Item>) = rows.into_iter().map(|(id, _, i)| (id, i)).unzip();
    let planned = plan(&rules, &pot, &items)?;
    let mut update = tx.prepare_cached(
        "UPDATE assessments SET subsidy_fen = ?1, subsidy_note = ?2 WHERE id = ?3",
    )?;
    for (id, (amount, note)) in ids.iter().zip(planned) {
        update.execute(params![amount, note, id])?;
    }
    Ok(())
}
