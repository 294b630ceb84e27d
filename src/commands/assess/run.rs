//! `assess run`: compute the year's preliminary results under a rule set,
//! store the rule set with the run, and plan the subsidies within the cap
//! and within the budget lines they will be booked under.
//! Re-running replaces the draft (kept as superseded history), carrying
//! over the authority's manual grades and special-contribution amounts.

use std::collections::HashMap;

use rusqlite::params;

use super::notes::{LineBound, SubsidyNote};
use super::{budget, load, load_rules, read, stored, year};
use crate::cli::assess::RunArgs;
use crate::context::{Ctx, Tx, now_stamp};
use crate::domain::assess::subsidy::Bound;
use crate::domain::assess::{self, Rules, subsidy};
use crate::i18n::pick;
use crate::input::{Form, money, resolve};
use crate::store::assess as store;

/// The authority's decisions on a result, carried over when a draft is re-run.
#[derive(Default)]
struct Decision {
    grade: Option<String>,
    reason: Option<String>,
    adjust: Option<i64>,
    adjust_reason: Option<String>,
}

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
fn plan_panels(
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

/// The rule set (text, year, name) of the latest run for `panel` (a code or
/// name; `None`: the whole office's runs), if the scope was ever assessed.
fn last_rules(
    conn: &rusqlite::Connection,
    ctx: &Ctx,
    panel: Option<&str>,
) -> anyhow::Result<Option<(String, i32, String)>> {
    let panel_id = panel
        .map(|p| resolve::panel(conn, &ctx.env, "--panel", p).map(|p| p.id))
        .transpose()?;
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT rules_toml, year, rules_name FROM assess_runs WHERE panel_id IS ?1
             ORDER BY year DESC, id DESC LIMIT 1",
            [panel_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
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

pub fn run(ctx: &Ctx, args: &RunArgs) -> anyhow::Result<()> {
    let year = year(ctx, args.year.as_deref())?;
    // Without --rules, the rule set of the scope's last run: the same rules
    // year after year, as `due` suggests when a year has not been run.
    let last = match &args.rules {
        Some(_) => None,
        None => ctx.read(|conn| last_rules(conn, ctx, args.panel.as_deref()))?,
    };
    let (rules, text) = match last {
        Some((text, used, name)) => {
            let rules = assess::parse(&text)
                .map_err(|e| anyhow::anyhow!("stored rules of the {used} assessment: {e}"))?;
            crate::output::print_note(
                &ctx.env,
                &crate::tr!(
                    "未给 --rules：按 {used} 年度考核所用的规则“{name}”（存于数据库）计算",
                    "no --rules: run on the rule set of the {used} assessment, \"{name}\" (kept in the database)"
                ),
            )?;
            (rules, text)
        }
        None => {
            let mut form = Form::new(&ctx.env);
            let path = form.value(
                "--rules",
                pick("规则文件", "rule file"),
                args.rules.as_ref().and_then(|p| p.to_str()),
                |s| Ok(std::path::PathBuf::from(s)),
            )?;
            form.finish()?;
            load_rules(&path)?
        }
    };
    let run_id = ctx.write(|tx| {
        let panel_name = args.panel.clone().or_else(|| rules.panel.clone());
        let panel = panel_name.map(|p| resolve::panel(tx, &ctx.env, "--panel", &p)).transpose()?;
        if let (Some(given), Some(in_rules)) = (&args.panel, &rules.panel)
            && let Some(p) = &panel
            && resolve::panel(tx, &ctx.env, "--panel", in_rules)?.id != p.id
        {
            return Err(crate::invalid!(
                "--panel：{given} 与规则文件指定的顾问团 {in_rules} 不一致",
                "--panel: {given} differs from the rule set's panel {in_rules}",
            ));
        }
        let panel_id = panel.as_ref().map(|p| p.id);
        for scope in [panel_id, None] {
            if let Some((_, state)) = store::current_run(tx, year, scope)?
                && state == "confirmed"
            {
                return Err(crate::refused!(
                    "{year} 年度考核已确定（锁定），不能重新计算",
                    "the {year} assessment is confirmed (locked); it cannot be run again",
                ));
            }
        }
        let mut subjects = load::subjects(tx, year, panel_id, load::Counting::for_rules(&rules))?;
        if subjects.is_empty() {
            let left = super::leavers(tx, year, panel_id)?.len();
            if left > 0 {
                return Err(crate::refused!(
                    "{year} 年度无可考核：在聘的 {left} 人均年内辞去/解聘，不参加本年度考核",
                    "nobody to assess in {year}: the {left} who served all resigned or were dismissed during it, and are not assessed"
                ));
            }
            return Err(crate::refused!("{year} 年度没有在聘专家，无可考核", "nobody served in {year}; there is nothing to assess"));
        }
        let ids: Vec<i64> = subjects.iter().map(|s| s.advisor_id).collect();
        store::check_not_confirmed(tx, year, &ids)?;
        // Each result's texts are written as it is scored; the lists they
        // are written from are not read again, so they are not kept.
        let mut texts = Vec::with_capacity(subjects.len());
        let mut outcomes = assess::assess_each(&mut subjects, &rules, |s, o| {
            texts.push((stored::metrics_text(s)?, stored::requirements_text(o)?));
            o.points_lines = Vec::new();
            o.requirements = Vec::new();
            anyhow::Ok(())
        })?;
        // The authority's decisions on the draft being replaced carry over.
        let previous = store::current_run(tx, year, panel_id)?.map(|(id, _)| id);
        let mut carried: HashMap<i64, Decision> = HashMap::new();
        if let Some(prev) = previous {
            let mut stmt = tx.prepare(
                "SELECT advisor_id, CASE WHEN grade_reason IS NOT NULL THEN grade END, grade_reason, adjust_fen, adjust_reason
                 FROM assessments WHERE run_id = ?1 AND (grade_reason IS NOT NULL OR adjust_fen IS NOT NULL)",
            )?;
            let rows = stmt.query_map([prev], |r| {
                Ok((r.get(0)?, Decision { grade: r.get(1)?, reason: r.get(2)?, adjust: r.get(3)?, adjust_reason: r.get(4)? }))
            })?;
            for row in rows {
                let (id, decision) = row?;
                carried.insert(id, decision);
            }
            tx.execute("UPDATE assess_runs SET state = 'superseded' WHERE id = ?1", [prev])?;
            tx.execute("UPDATE assessments SET state = 'superseded' WHERE run_id = ?1", [prev])?;
        }
        for outcome in &mut outcomes {
            if let Some(Decision { grade: Some(grade), reason: Some(_), .. }) = carried.get(&outcome.advisor_id) {
                outcome.grade = grade.clone();
            }
        }
        let pot = pot(tx, &rules, year)?;
        let assessed: Vec<i64> = outcomes.iter().map(|o| o.advisor_id).collect();
        let panels = plan_panels(tx, &pot, year, panel_id, &assessed)?;
        let items: Vec<Item> = outcomes
            .iter()
            .zip(panels)
            .map(|(o, panel)| {
                let c = carried.get(&o.advisor_id);
                Item {
                    code: o.code.clone(),
                    panel_id: panel,
                    grade: o.grade.clone(),
                    adjust: c.and_then(|c| c.adjust),
                    adjust_reason: c.and_then(|c| c.adjust_reason.clone()),
                }
            })
            .collect();
        let planned = plan(&rules, &pot, &items)?;
        let sha = crate::audit::sha256_hex(text.as_bytes());
        tx.execute(
            "INSERT INTO assess_runs (year, panel_id, rules_name, rules_toml, rules_sha256, state, run_at, operator)
             VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?7)",
            params![year, panel_id, rules.name, text, sha, now_stamp(), tx.env.operator],
        )?;
        let run_id = tx.last_insert_rowid();
        let mut insert = tx.prepare_cached(
            "INSERT INTO assessments (run_id, year, advisor_id, panel_id, served_days, metrics, requirements, points,
                prelim_grade, grade, grade_reason, quota_note, subsidy_fen, subsidy_note, adjust_fen, adjust_reason,
                dismissal_candidate, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 'draft')",
        )?;
        for (((subject, (metrics, requirements)), outcome), (amount, note)) in
            subjects.iter().zip(texts).zip(&outcomes).zip(&planned)
        {
            let c = carried.get(&outcome.advisor_id);
            insert.execute(params![
                run_id,
                year,
                subject.advisor_id,
                panel_id,
                subject.served_days,
                metrics,
                requirements,
                outcome.points,
                outcome.prelim_grade,
                outcome.grade,
                c.and_then(|c| c.reason.clone()),
                outcome.quota.as_ref().map(serde_json::to_string).transpose()?,
                amount,
                note,
                c.and_then(|c| c.adjust),
                c.and_then(|c| c.adjust_reason.clone()),
                outcome.dismissal.as_ref().map(serde_json::to_string).transpose()?,
            ])?;
        }
        let summary = serde_json::json!({ "year": year, "panel_id": panel_id, "rules": rules.name, "rules_sha256": sha, "assessed": outcomes.len(), "replaces": previous });
        crate::audit::record(tx, tx.env, "assess_run", Some(run_id), "run", None, Some(&summary))?;
        Ok(run_id)
    })?;
    read::print_run(ctx, run_id)
}
