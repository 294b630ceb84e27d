//! The confirming authority's decisions (seed 001 art. 16: the service
//! units' preliminary rating is confirmed by the government): a manual
//! grade with its reason, a special-contribution subsidy inside the cap, and
//! confirmation, which locks the year and turns subsidies into expenses.

use chrono::Datelike;
use rusqlite::params;

use super::{planning::replan, year};
use crate::cli::assess::{AdjustArgs, ConfirmArgs, GradeArgs};
use crate::context::{Ctx, Tx, now_stamp};
use crate::input::{date, money, resolve, text};
use crate::labels::GRADE;
use crate::store::assess as store;

/// The draft result of `advisor` for `year`, refusing what may not change.
fn draft_result(tx: &Tx, advisor_text: &str, year: i32) -> anyhow::Result<(i64, i64, String)> {
    let advisor = resolve::advisor(tx, tx.env, "ADVISOR", advisor_text)?;
    let name = advisor.name.clone();
    match store::current_result(tx, advisor.id, year)? {
        Some((_, _, state)) if state == "confirmed" => Err(crate::refused!(
            "{year} 年度考核已确定（锁定），不能再更改{name}的结果",
            "the {year} assessment is confirmed (locked); {name}'s result cannot change",
        )),
        Some((id, run, _)) => Ok((id, run, name)),
        None => {
            if let Some(leaver) = super::left::left_out(tx, advisor.id, year)? {
                let why = super::left::sentence(&leaver, year);
                return Err(crate::refused!(
                    "{why}；没有可评定的等次或可调整的补贴",
                    "{why}; there is no grade or subsidy to change"
                ));
            }
            if super::assessed_in(tx, advisor.id, year)? {
                Err(crate::refused!(
                    "{name} 尚无 {year} 年度考核结果；请先运行 roster assess run",
                    "{name} has no {year} result yet; run `roster assess run` first",
                ))
            } else {
                Err(crate::refused!(
                    "{name} 在 {year} 年度未在聘，不能评定等次",
                    "{name} did not serve in {year}; there is nothing to grade"
                ))
            }
        }
    }
}

fn required_reason(given: Option<&str>) -> anyhow::Result<String> {
    match given.map(str::trim).filter(|r| !r.is_empty()) {
        Some(reason) => text::line("--reason", reason, text::LINE_MAX),
        None => Err(crate::invalid!(
            "缺少必填项：--reason（调整须记录理由：确定机关的决定）",
            "missing required values: --reason (a change needs its reason: the confirming authority's decision)",
        )),
    }
}

pub fn grade(ctx: &Ctx, args: &GradeArgs) -> anyhow::Result<()> {
    let year = year(ctx, args.year.as_deref())?;
    let grade = match args.grade.as_deref() {
        Some(g) => GRADE.parse("--grade", g)?,
        None => {
            return Err(crate::invalid!(
                "缺少必填项：--grade",
                "missing required values: --grade"
            ));
        }
    };
    let (id, name, beyond) = ctx.write(|tx| {
        let (id, run, name) = draft_result(tx, &args.advisor, year)?;
        let reason = required_reason(args.reason.as_deref())?;
        let before = tx.snapshot("assessments", id)?;
        tx.execute(
            "UPDATE assessments SET grade = ?1, grade_reason = ?2 WHERE id = ?3",
            params![grade, reason, id],
        )?;
        let beyond = beyond_rules(tx, run, id)?;
        replan(tx, run)?;
        tx.audit(
            "assessment",
            id,
            "grade",
            Some(&before),
            Some(&tx.snapshot("assessments", id)?),
        )?;
        Ok((id, name, beyond))
    })?;
    let label = GRADE.label(grade);
    crate::output::print_done(
        &ctx.env,
        &crate::tr!(
            "{name} {year} 年度等次定为{label}",
            "{name}'s {year} grade set to {label}"
        ),
        "assessment",
        id,
        None,
    )?;
    // On stderr, so a script's JSON or CSV stays whole and the note is
    // still seen in every format.
    for note in beyond {
        crate::output::print_warning(&ctx.env, &note);
    }
    Ok(())
}

/// Where the authority's grades in run `run` (after `id`'s) go beyond the
/// rule set — more excellent than its quota, or a grade above its cap for
/// a missed requirement — one sentence each: the authority decides (seed
/// 001 art. 16), the clerk is told.
fn beyond_rules(tx: &Tx, run: i64, id: i64) -> anyhow::Result<Vec<String>> {
    let text: String = tx.query_row(
        "SELECT rules_toml FROM assess_runs WHERE id = ?1",
        [run],
        |r| r.get(0),
    )?;
    let rules =
        crate::domain::assess::parse(&text).map_err(|e| anyhow::anyhow!("stored rules: {e}"))?;
    let (assessed, excellent): (i64, i64) = tx.query_row(
        "SELECT count(*), IFNULL(sum(grade = 'excellent'), 0) FROM assessments WHERE run_id = ?1",
        [run],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut notes = Vec::new();
    if let Some(q) = &rules.quota {
        let places =
            crate::domain::assess::quota::quota_places(q.share, &q.rounding, assessed as usize)
                as i64;
        if excellent > places {
            notes.push(crate::tr!(
                "注意：优秀 {excellent} 人，超过规则的优秀名额 {places} 人（共 {assessed} 人参加考核）",
                "note: {excellent} graded excellent, more than the rule set's {places} places ({assessed} assessed)"
            ));
        }
    }
    let (grade, requirements): (String, String) = tx.query_row(
        "SELECT grade, requirements FROM assessments WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let missed = serde_json::from_str::<serde_json::Value>(&requirements)
        .ok()
        .and_then(|v| v["requirements"].as_array().cloned())
        .is_some_and(|list| list.iter().any(|r| r["met"] == false));
    let rank = |g: &str| {
        crate::domain::assess::rules::GRADES
            .iter()
            .position(|x| *x == g)
    };
    if missed && rank(&grade) < rank(&rules.missed_requirement) {
        let (given, cap) = (GRADE.label(&grade), GRADE.label(&rules.missed_requirement));
        notes.push(crate::tr!(
            "注意：该顾问未达到履职要求，按规则最高为{cap}，现定为{given}",
            "note: this advisor missed a requirement, which the rule set caps at {cap}; graded {given}"
        ));
    }
    Ok(notes)
}

pub fn adjust(ctx: &Ctx, args: &AdjustArgs) -> anyhow::Result<()> {
    let year = year(ctx, args.year.as_deref())?;
    let amount = match args.subsidy.as_deref() {
        Some(s) if s.trim().is_empty() => None,
        Some(s) => Some(money::parse("--subsidy", s, true)?),
        None => {
            return Err(crate::invalid!(
                "缺少必填项：--subsidy",
                "missing required values: --subsidy"
            ));
        }
    };
    let (id, name) = ctx.write(|tx| {
        let (id, run, name) = draft_result(tx, &args.advisor, year)?;
        let reason = required_reason(args.reason.as_deref())?;
        if let Some(fen) = amount {
            let text: String = tx.query_row(
                "SELECT rules_toml FROM assess_runs WHERE id = ?1",
                [run],
                |r| r.get(0),
            )?;
            let rules = crate::domain::assess::parse(&text)
                .map_err(|e| anyhow::anyhow!("stored rules: {e}"))?;
            // Seed 001 art. 14: a subsidy goes to the competent and above,
            // and a special contribution only raises it.
            let grade: String =
                tx.query_row("SELECT grade FROM assessments WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            let base = rules.subsidy.for_grade(&grade);
            let label = GRADE.label(&grade);
            if base == 0 {
                return Err(crate::refused!(
                    "--subsidy：{name} 的等次为{label}，按规则不发补贴，也就没有可提高的特殊贡献补贴（二连浩特办法第十四条）；如等次有误，请先用 roster assess grade 改定",
                    "--subsidy: {name} is graded {label}, which earns no subsidy under the rules, so there is none to raise for a special contribution (seed 001 art. 14); if the grade is wrong, change it first with roster assess grade",
                ));
            }
            if fen < base {
                let (got, base) = (money::grouped(fen), money::grouped(base));
                return Err(crate::refused!(
                    "--subsidy：特殊贡献只能提高补贴；{name} 按{label}等次应得 {base} 元，不能调低为 {got} 元",
                    "--subsidy: a special contribution only raises a subsidy; {name} earns {base} yuan as {label}, not {got} yuan",
                ));
            }
            let max = rules.subsidy.special_max;
            if fen > max {
                let (got, max) = (money::grouped(fen), money::grouped(max));
                return Err(crate::refused!(
                    "--subsidy：{got} 元超过特殊贡献补贴上限 {max} 元",
                    "--subsidy: {got} yuan is above the special-contribution maximum of {max} yuan",
                ));
            }
        }
        let before = tx.snapshot("assessments", id)?;
        let reason = amount.map(|_| reason);
        tx.execute(
            "UPDATE assessments SET adjust_fen = ?1, adjust_reason = ?2 WHERE id = ?3",
            params![amount, reason, id],
        )?;
        replan(tx, run)?;
        tx.audit(
            "assessment",
            id,
            "adjust",
            Some(&before),
            Some(&tx.snapshot("assessments", id)?),
        )?;
        Ok((id, name))
    })?;
    crate::output::print_done(
        &ctx.env,
        &crate::tr!(
            "已调整{name} {year} 年度补贴",
            "adjusted {name}'s {year} subsidy"
        ),
        "assessment",
        id,
        None,
    )
}

pub fn confirm(ctx: &Ctx, confirm: &ConfirmArgs) -> anyhow::Result<()> {
    let args = &confirm.year;
    let year = year(ctx, args.year.as_deref())?;
    // Confirming locks the year's records, and nothing unlocks a confirmed
    // year: before its last month the rest of the year's meetings and travel
    // (reimbursed at cost, seed 001 art. 14) could no longer be recorded.
    // The yearly assessment (art. 16) is confirmed from December on.
    let season = chrono::NaiveDate::from_ymd_opt(year, 12, 1).unwrap_or(ctx.today());
    if ctx.today() < season && !confirm.before_year_end {
        return Err(crate::refused!(
            "{year} 年尚未到年底（12 月起可确定）；确定后该年度的活动、意见和经费都将锁定，此后的费用无法再登记。确需提前确定请加 --before-year-end",
            "{year} has not reached its last month (confirm from December on); confirming locks the year's activities, advice and expenses, so anything later could not be recorded. Add --before-year-end if it must be now",
        ));
    }
    let (run_id, scope) = ctx.read(|conn| {
        let panel = args
            .panel
            .as_deref()
            .map(|p| resolve::panel(conn, &ctx.env, "--panel", p))
            .transpose()?;
        let one_panel = panel.is_some();
        let scope = panel
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_else(|| crate::i18n::pick("全部", "the whole office").to_string());
        match store::current_run(conn, year, panel.map(|p| p.id))? {
            Some((_, state)) if state == "confirmed" => Err(crate::refused!(
                "{year} 年度考核已确定",
                "the {year} assessment is already confirmed"
            )),
            Some((id, _)) => Ok((id, scope)),
            None => Err(super::read::not_assessed(conn, year, one_panel, &scope)?),
        }
    })?;
    ctx.confirm(&crate::tr!(
        "确定 {year} 年度考核结果（{scope}）？确定后该年度锁定，补贴转为待支付经费",
        "confirm the {year} assessment ({scope})? The year is then locked and subsidies become expenses awaiting payment",
    ))?;
    let (count, total) = ctx.write(|tx| {
        // The subsidies belong to the assessed year's funds (seed 001 art. 14 caps them yearly).
        let on = if tx.today().year() == year { date::iso(tx.today()) } else { format!("{year}-12-31") };
        let now = now_stamp();
        let assessed: Vec<i64> = tx
            .prepare("SELECT advisor_id FROM assessments WHERE run_id = ?1")?
            .query_map([run_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        store::check_not_confirmed(tx, year, &assessed)?;
        tx.execute("UPDATE assess_runs SET state = 'confirmed', confirmed_at = ?1, confirmed_by = ?2 WHERE id = ?3", params![now, tx.env.operator, run_id])?;
        tx.execute("UPDATE assessments SET state = 'confirmed' WHERE run_id = ?1", [run_id])?;
        let mut stmt = tx.prepare(
            "SELECT s.id, s.advisor_id, s.panel_id, s.subsidy_fen, s.grade FROM assessments s WHERE s.run_id = ?1 AND s.subsidy_fen > 0 ORDER BY s.id",
        )?;
        let rows: Vec<(i64, i64, Option<i64>, i64, String)> =
            stmt.query_map([run_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect::<Result<_, _>>()?;
        let controlled = crate::store::budget::controlled(tx)?.iter().any(|c| c == "subsidy");
        let pay_year = year;
        // Each subsidy charged to the panel it was planned under (`assess run`).
        let run_panel: Option<i64> =
            tx.query_row("SELECT panel_id FROM assess_runs WHERE id = ?1", [run_id], |r| r.get(0))?;
        let advisors: Vec<i64> = rows.iter().map(|r| r.1).collect();
        let panels = super::budget::booked_panels(tx, year, run_panel, &advisors)?;
        let charged: Vec<(i64, i64, Option<i64>, i64, String)> = rows
            .iter()
            .zip(panels)
            .map(|((assessment, advisor, _, amount, grade), panel)| (*assessment, *advisor, panel, *amount, grade.clone()))
            .collect();
        // The assessment decides the year's subsidies (seed 001 art. 14:
        // 根据考核情况给予…工作补贴): one already recorded by hand for an
        // advisor it pays would pay them twice.
        let mut by_hand = Vec::new();
        let mut stmt = tx.prepare_cached(
            "SELECT e.id, a.code, e.amount_fen FROM expenses e JOIN advisors a ON a.id = e.advisor_id
             WHERE e.advisor_id = ?1 AND e.category = 'subsidy' AND e.assessment_id IS NULL
               AND e.voided_at IS NULL AND e.on_date BETWEEN ?2 AND ?3 ORDER BY e.id",
        )?;
        // Every assessed advisor: one the assessment pays nothing (不称职)
        // has no subsidy to receive by hand either.
        for advisor in &assessed {
            let found = stmt.query_map(params![advisor, format!("{year}-01-01"), format!("{year}-12-31")], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
            })?;
            for row in found {
                let (id, code, fen) = row?;
                by_hand.push(format!("{code} #{id} {}", money::grouped(fen)));
            }
        }
        drop(stmt);
        if !by_hand.is_empty() {
            let list = by_hand.join(crate::i18n::pick("、", ", "));
            return Err(crate::refused!(
                "未确定：{year} 年已有手工登记的工作补贴（{list} 元），考核将再发一次；工作补贴由考核确定——请先作废手工登记的补贴（roster expense void ID --reason …），特殊贡献用 roster assess adjust",
                "not confirmed: {year} already has subsidies recorded by hand ({list} yuan), which the assessment would pay again; the assessment decides the subsidies — void those first (roster expense void ID --reason …) and give a special contribution with roster assess adjust",
            ));
        }
        // The budget checked once per panel for its subsidies together (and
        // panel after panel, so that together they are checked against the
        // office's lines too): one sentence per line they would break.
        let mut by_panel: std::collections::BTreeMap<Option<i64>, i64> = std::collections::BTreeMap::new();
        for (_, _, panel, amount, _) in &charged {
            *by_panel.entry(*panel).or_default() += amount;
        }
        let mut tally = crate::commands::budget::caps::Tally::default();
        let (mut exceptions, mut over) = (Vec::new(), false);
        for (panel, amount) in by_panel {
            let charge = crate::domain::budget::Charge { panel_id: panel, category: "subsidy", amount_fen: amount };
            let lines = tally.lines(tx, pay_year)?;
            over |= !crate::domain::budget::breaches(lines, &charge).is_empty();
            exceptions.extend(crate::commands::budget::caps::exceptions_against(tx, pay_year, &charge, controlled, lines)?);
            tally.add(pay_year, &charge, false);
        }
        if !exceptions.is_empty() {
            exceptions.dedup();
            let list = exceptions.join(crate::i18n::pick("；", "; "));
            if !over {
                // A controlled category without a line: its sentence says how to set one.
                return Err(crate::refused!("未确定：{list}", "not confirmed: {list}"));
            }
            // `assess run` planned within these lines; they changed since
            // (spending or a lower cap), so a new run replans within what
            // they leave now — or the budget is adjusted.
            let panel = args.panel.as_deref().map(|p| format!(" --panel {p}")).unwrap_or_default();
            return Err(crate::refused!(
                "未确定：补贴将突破预算——{list}。补贴方案是按运行时各预算线的剩余额度制定的，此后预算或列支有变：请调整预算（roster budget set），或重新运行 roster assess run --year {year}{panel} --rules 规则文件，按现在的剩余额度重新分配",
                "not confirmed: the subsidies would break the budget — {list}. The plan fitted the budget lines as they stood when it was run, and they have changed since: adjust the budget (`roster budget set`), or run `roster assess run --year {year}{panel} --rules FILE` again to share the subsidies within what the lines leave now",
            ));
        }
        let mut total = 0;
        for (assessment, advisor, panel, amount, grade) in &charged {
            let grade = GRADE.label(grade);
            let note = crate::tr!("{year} 年度考核工作补贴（{grade}）", "{year} assessment subsidy ({grade})");
            // Paid by the panel's lead unit, as every other expense.
            let payer = crate::commands::expense::lead_unit(tx, *panel)?;
            tx.execute(
                "INSERT INTO expenses (advisor_id, panel_id, on_date, category, amount_fen, assessment_id, payer_unit, note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'subsidy', ?4, ?5, ?6, ?7, ?8, ?8)",
                params![advisor, panel, on, amount, assessment, payer, note, now],
            )?;
            let expense = tx.last_insert_rowid();
            tx.audit("expense", expense, "add", None, Some(&tx.snapshot("expenses", expense)?))?;
            total += amount;
        }
        let summary = serde_json::json!({ "year": year, "subsidies": rows.len(), "total_fen": total });
        crate::audit::record(tx, tx.env, "assess_run", Some(run_id), "confirm", None, Some(&summary))?;
        Ok((rows.len(), total))
    })?;
    let total = money::grouped(total);
    crate::output::print_done(
        &ctx.env,
        &crate::tr!(
            "{year} 年度考核已确定并锁定；生成待支付补贴 {count} 笔，合计 {total} 元",
            "the {year} assessment is confirmed and locked; {count} subsidies totalling {total} yuan await payment",
        ),
        "assess_run",
        run_id,
        None,
    )
}
