//! `assess run`: compute the year's preliminary results under a rule set
//! (given, or the scope's last), store the rule set with the run, and plan
//! the subsidies (`planning.rs`).
//! Re-running replaces the draft (kept as superseded history), carrying
//! over the authority's manual grades and special-contribution amounts.

use std::collections::HashMap;

use rusqlite::params;

use super::planning::{Item, plan, plan_panels, pot};
use super::{load, load_rules, read, stored, year};
use crate::cli::assess::RunArgs;
use crate::context::{Ctx, now_stamp};
use crate::domain::assess;
use crate::i18n::pick;
use crate::input::{Form, resolve};
use crate::store::assess as store;

/// The authority's decisions on a result, carried over when a draft is re-run.
#[derive(Default)]
struct Decision {
    grade: Option<String>,
    reason: Option<String>,
    adjust: Option<i64>,
    adjust_reason: Option<String>,
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
    // A whole year's records are read once: their pages need not stay mapped
    // (they would count as the process's memory: 1.2 GB at province scale
    // against 0.26 without the map).
    crate::db::streaming(&ctx.conn, 32_768)?;
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
