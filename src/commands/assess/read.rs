//! Reading assessments: a run's results (`show`, and after `run`).

use rusqlite::{Connection, OptionalExtension};

use super::{left, notes, year};
use crate::cli::assess::YearArgs;
use crate::context::Ctx;
use crate::input::{money, resolve};
use crate::labels::{ASSESS_STATE, GRADE};
use crate::output::{Cell, Doc, Kind, RowSet, col, print_doc};
use crate::store::assess as store;

/// The results of run `run_id` by code (the first `limit` only, where
/// given), and its dismissal candidates (all of them).
fn results(
    conn: &Connection,
    run_id: i64,
    limit: Option<usize>,
) -> anyhow::Result<(RowSet, RowSet)> {
    let mut results = RowSet::new(vec![
        col("code", "编码", "code", Kind::Text),
        col("name", "姓名", "name", Kind::Text),
        col("served_days", "在任天数", "days served", Kind::Int),
        col("points", "得分", "points", Kind::Float),
        col(
            "prelim_grade",
            "初评等次",
            "preliminary grade",
            Kind::Enum(&GRADE),
        ),
        col("grade", "等次", "grade", Kind::Enum(&GRADE)),
        col(
            "decision",
            "调整说明",
            "why the grade or subsidy changed",
            Kind::Text,
        ),
        col("subsidy", "工作补贴", "subsidy", Kind::Money),
        col("missed", "未达要求", "requirements missed", Kind::Int),
        col("state", "状态", "state", Kind::Enum(&ASSESS_STATE)),
    ]);
    let mut candidates = RowSet::new(vec![
        col("code", "编码", "code", Kind::Text),
        col("name", "姓名", "name", Kind::Text),
        col(
            "evidence",
            "依据（第十二条第三项）",
            "evidence (seed 001 art. 12(3))",
            Kind::Text,
        ),
    ]);
    // A limited table picks its rows by code first, so only those have
    // their texts read (a province's run has 50,000 results).
    let picked = match limit {
        Some(_) => {
            "s.id IN (SELECT s.id FROM assessments s JOIN advisors a ON a.id = s.advisor_id
                WHERE s.run_id = ?1 ORDER BY a.code LIMIT ?2)"
        }
        None => "s.run_id = ?1 AND ?2 < 0",
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT a.code, a.name, s.served_days, s.points, s.prelim_grade, s.grade, s.grade_reason, s.quota_note,
                s.subsidy_fen,
                (length(s.requirements) - length(replace(s.requirements, '\"met\":false', ''))) / 11,
                s.state, s.adjust_fen, s.adjust_reason
         FROM assessments s JOIN advisors a ON a.id = s.advisor_id WHERE {picked} ORDER BY a.code"
    ))?;
    let limit = limit.map_or(-1, |n| n as i64);
    let mut rows = stmt.query(rusqlite::params![run_id, limit])?;
    while let Some(r) = rows.next()? {
        let (code, name): (String, String) = (r.get(0)?, r.get(1)?);
        let reason: Option<String> = r.get(6)?;
        let quota: Option<String> = r.get(7)?;
        let mut decision = reason.or_else(|| quota.as_deref().map(notes::quota));
        // A special-contribution subsidy (`assess adjust`) and its reason.
        if let (Some(fen), Some(why)) = (
            r.get::<_, Option<i64>>(11)?,
            r.get::<_, Option<String>>(12)?,
        ) {
            let amount = crate::input::money::grouped(fen);
            let adjusted = crate::tr!(
                "特殊贡献补贴 {amount} 元：{why}",
                "special contribution {amount} yuan: {why}"
            );
            decision = Some(match decision {
                Some(d) => format!("{d}{}{adjusted}", crate::i18n::pick("；", "; ")),
                None => adjusted,
            });
        }
        results.push(vec![
            code.into(),
            name.into(),
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            decision.into(),
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
        ]);
    }
    let mut stmt = conn.prepare(
        "SELECT a.code, a.name, s.dismissal_candidate
         FROM assessments s JOIN advisors a ON a.id = s.advisor_id
         WHERE s.run_id = ?1 AND s.dismissal_candidate IS NOT NULL ORDER BY a.code",
    )?;
    let mut rows = stmt.query([run_id])?;
    while let Some(r) = rows.next()? {
        let evidence: String = r.get(2)?;
        candidates.push(vec![
            r.get(0)?,
            r.get(1)?,
            Cell::Text(notes::evidence(&evidence)),
        ]);
    }
    Ok((results, candidates))
}

/// Run `run_id` as a document: its summary, results (the first `limit`
/// only, where given), leavers and dismissal candidates.
fn run_doc(conn: &Connection, run_id: i64, limit: Option<usize>) -> anyhow::Result<Doc> {
    let (year, name, sha, state, run_at, assessed, total, excellent): (i64, String, String, String, String, i64, i64, i64) =
        conn.query_row(
            "SELECT r.year, r.rules_name, r.rules_sha256, r.state, r.run_at, count(s.id), IFNULL(sum(s.subsidy_fen), 0),
                IFNULL(sum(s.grade = 'excellent'), 0)
         FROM assess_runs r LEFT JOIN assessments s ON s.run_id = r.id WHERE r.id = ?1",
            [run_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
        )?;
    let state = ASSESS_STATE.label(&state);
    let bound = bound_line(conn, run_id, total)?;
    let total = money::grouped(total);
    let short = &sha[..12.min(sha.len())];
    let summary = vec![
        crate::tr!(
            "{year} 年度考核（#{run_id}，{state}）：规则“{name}”（SHA-256 {short}…），{run_at} 计算",
            "{year} assessment (run #{run_id}, {state}): rules \"{name}\" (SHA-256 {short}…), computed {run_at}"
        ),
        crate::tr!(
            "考核 {assessed} 人，优秀 {excellent} 人，补贴合计 {total} 元",
            "{assessed} assessed, {excellent} excellent, subsidies {total} yuan in all"
        ),
    ];
    let mut summary: Vec<String> = summary.into_iter().chain(bound).collect();
    // Seed 001 art. 16, seed 002 八（一）: the year assesses the work of
    // those in office; who left during it by resignation or dismissal is
    // listed, not graded.
    let left = left::table(conn, run_id)?;
    if !left.rows.is_empty() {
        let (n, phrase) = (left.rows.len(), left::not_assessed());
        summary.push(crate::tr!("另有 {n} 人{phrase}", "{n} more {phrase}"));
    }
    let (results, candidates) = results(conn, run_id, limit)?;
    Ok(Doc::default()
        .lines("run", ("考核", "Assessment"), summary)
        .table("results", ("结果", "Results"), results)
        .table(
            "left_out",
            ("年内辞去/解聘，不参加本年度考核", "Resigned or dismissed during the year: not assessed"),
            left,
        )
        .table(
            "dismissal_candidates",
            ("拟解聘情形（供研究，不自动解聘）", "Dismissal candidates (for the office to decide; nobody is dismissed automatically)"),
            candidates,
        ))
}

/// What the run's subsidies had to fit — the rule set's cap or the budget
/// line leaving least room — and whether they were scaled to fit it (every
/// note of a run carries the same plan-wide figures, so one is read).
fn bound_line(conn: &Connection, run_id: i64, total: i64) -> anyhow::Result<Option<String>> {
    let note: Option<String> = conn
        .prepare("SELECT subsidy_note FROM assessments WHERE run_id = ?1 AND subsidy_note IS NOT NULL LIMIT 1")?
        .query_row([run_id], |r| r.get(0))
        .optional()?;
    let Some(note) = note.and_then(|n| serde_json::from_str::<notes::SubsidyNote>(&n).ok()) else {
        return Ok(None);
    };
    if note.wanted == 0 {
        return Ok(None);
    }
    let (wanted, got, pot) = (
        money::grouped(note.wanted),
        money::grouped(total),
        note.pot(),
    );
    Ok(Some(if total < note.wanted {
        crate::tr!(
            "补贴按等次应为 {wanted} 元，超出可用额度（{pot}），已按比例调整为 {got} 元",
            "the grades' subsidies come to {wanted} yuan, over what is available ({pot}), so they were scaled to {got} yuan",
        )
    } else {
        crate::tr!(
            "补贴合计 {got} 元，在可用额度内（{pot}）",
            "the subsidies, {got} yuan, fit what is available ({pot})"
        )
    }))
}

/// Results a table shows after `assess run`; more are left to `assess show`
/// and `export assessments` (scripts reading CSV or JSON get them all).
const TABLE_LIMIT: usize = 200;

pub(crate) fn print_run(ctx: &Ctx, run_id: i64) -> anyhow::Result<()> {
    let table = ctx.env.format == crate::output::Format::Table;
    let (mut doc, year, total) = ctx.read(|conn| {
        let doc = run_doc(conn, run_id, table.then_some(TABLE_LIMIT))?;
        let (year, total): (i64, i64) = conn.query_row(
            "SELECT r.year, (SELECT count(*) FROM assessments s WHERE s.run_id = r.id)
             FROM assess_runs r WHERE r.id = ?1",
            [run_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((doc, year, total as usize))
    })?;
    if table && total > TABLE_LIMIT {
        doc.sections.push(crate::output::Section::Lines {
            key: "more",
            title: ("更多", "More"),
            lines: vec![crate::tr!(
                "以上为前 {TABLE_LIMIT} 条，共 {total} 条；全部结果：roster assess show --year {year} 或 roster export assessments --year {year}",
                "the first {TABLE_LIMIT} of {total} results; all of them: roster assess show --year {year}, or roster export assessments --year {year}",
            )],
        });
    }
    print_doc(&ctx.env, &doc)
}

pub fn show(ctx: &Ctx, args: &YearArgs) -> anyhow::Result<()> {
    let year = year(ctx, args.year.as_deref())?;
    let doc = ctx.read(|conn| {
        let panel = args.panel.as_deref().map(|p| resolve::panel(conn, &ctx.env, "--panel", p)).transpose()?.map(|p| p.id);
        if let Some((run_id, _)) = store::current_run(conn, year, panel)? {
            return run_doc(conn, run_id, None);
        }
        // No office-wide run: the year may be assessed panel by panel.
        let panels = match panel {
            None => panel_runs(conn, year)?,
            Some(_) => Vec::new(),
        };
        match panels.as_slice() {
            [(run_id, _)] => run_doc(conn, *run_id, None),
            [] => Err(crate::invalid!(
                "{year} 年度尚未考核；请先运行 roster assess run --year {year} --rules 规则文件",
                "no assessment for {year} yet; run `roster assess run --year {year} --rules FILE` first",
            )),
            several => {
                let codes = several.iter().map(|(_, c)| c.as_str()).collect::<Vec<_>>().join("、");
                let first = &several[0].1;
                Err(crate::invalid!(
                    "--panel：{year} 年度按顾问团分别考核（{codes}）；请加 --panel 指定一个，如 --panel {first}",
                    "--panel: {year} was assessed panel by panel ({codes}); name one with --panel, e.g. --panel {first}",
                ))
            }
        }
    })?;
    print_doc(&ctx.env, &doc)
}

/// The current (not superseded) run of each panel assessed on its own in
/// `year`: (run id, panel code), by code.
pub(crate) fn panel_runs(conn: &Connection, year: i32) -> anyhow::Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare(
        "SELECT max(r.id), p.code FROM assess_runs r JOIN panels p ON p.id = r.panel_id
         WHERE r.year = ?1 AND r.state <> 'superseded' GROUP BY r.panel_id ORDER BY p.code",
    )?;
    let runs = stmt
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(runs)
}

/// Why there is no run to confirm for `year` in the scope asked (one
/// panel, or the whole office), and the command that confirms what was assessed:
/// a year assessed panel by panel is confirmed with `--panel`, one assessed
/// for the whole office without it (seed 002 八（一）: an office with one
/// panel assesses it by name).
pub(crate) fn not_assessed(
    conn: &rusqlite::Connection,
    year: i32,
    one_panel: bool,
    scope: &str,
) -> anyhow::Result<anyhow::Error> {
    let panels = panel_runs(conn, year)?;
    let whole = store::current_run(conn, year, None)?.is_some();
    Ok(match (one_panel, panels.as_slice()) {
        (false, [_, ..]) => {
            let codes = panels.iter().map(|(_, c)| c.as_str()).collect::<Vec<_>>();
            let first = codes[0];
            let (zh, en) = (codes.join("、"), codes.join(", "));
            crate::refused!(
                "{year} 年度已对顾问团 {zh} 考核（未做全体考核）；请用 --panel 确定：roster assess confirm --year {year} --panel {first}",
                "{year} was assessed for panel {en} (not for the whole office); confirm with --panel: roster assess confirm --year {year} --panel {first}",
            )
        }
        (true, _) if whole => crate::refused!(
            "{year} 年度尚未对{scope}单独考核；该年度是全体一起考核的，请不加 --panel 确定：roster assess confirm --year {year}",
            "{year} was not assessed for {scope} alone but for the whole office; confirm it without --panel: roster assess confirm --year {year}",
        ),
        _ => crate::refused!(
            "{year} 年度尚未考核（{scope}）；请先运行 roster assess run --year {year} --rules 规则文件",
            "there is no {year} assessment to confirm ({scope}); run `roster assess run --year {year} --rules FILE` first",
        ),
    })
}
