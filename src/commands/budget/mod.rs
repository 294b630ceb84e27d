//! `roster budget`: yearly caps for the office or a panel, in all or per
//! category (`set`, `show`), and the office's controlled (严控) categories
//! (`controlled`). The checks an expense goes through live in `caps.rs`.

pub mod caps;

use rusqlite::Connection;

use crate::cli::budget::{BudgetCommand, BudgetSetArgs, BudgetShowArgs, ControlledArgs};
use crate::context::{Ctx, now_stamp};
use crate::domain::budget::{self, Line, Usage};
use crate::i18n::pick;
use crate::input::{Form, date, money, resolve, text};
use crate::labels::EXPENSE_CATEGORY;
use crate::output::{Cell, Doc, Kind, RowSet, col, print_doc, print_done, print_rows};
use crate::store::budget as store;

/// The share of a cap at which a line is reported as nearly used up.
pub const NEAR_PERCENT: i64 = 90;

pub fn run(ctx: &Ctx, cmd: BudgetCommand) -> anyhow::Result<()> {
    match cmd {
        BudgetCommand::Set(args) => set(ctx, &args),
        BudgetCommand::Show(args) => show(ctx, &args),
        BudgetCommand::Controlled(args) => controlled(ctx, &args),
    }
}

/// `--year`, or this year when not given.
pub fn year_or_this(ctx: &Ctx, given: Option<&str>) -> anyhow::Result<i32> {
    use chrono::Datelike;
    match given {
        Some(text) => date::parse_year("--year", text),
        None => Ok(ctx.today().year()),
    }
}

/// A category flag where `all` (全部) means every category.
fn category_or_all(flag: &str, given: Option<&str>) -> anyhow::Result<Option<&'static str>> {
    match given.map(str::trim) {
        None => Ok(None),
        Some(t) if t.eq_ignore_ascii_case("all") || t == "全部" || t.is_empty() => Ok(None),
        Some(t) => EXPENSE_CATEGORY.parse(flag, t).map(Some),
    }
}

fn set(ctx: &Ctx, args: &BudgetSetArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let year = form.value(
        "--year",
        pick("年度", "year"),
        args.year.as_deref(),
        |s| date::parse_year("--year", s),
    )?;
    let cap = form.value(
        "--cap",
        pick("上限（元）", "cap (yuan)"),
        args.cap.as_deref(),
        |s| money::parse("--cap", s, true),
    )?;
    form.finish()?;
    let category = category_or_all("--category", args.category.as_deref())?;
    let note = args
        .note
        .as_deref()
        .map(|s| text::note("--note", s))
        .transpose()?
        .filter(|s| !s.is_empty());
    let (id, name) = ctx.write(|tx| {
        let panel_id = args
            .panel
            .as_deref()
            .map(|p| resolve::panel(tx, &ctx.env, "--panel", p))
            .transpose()?
            .map(|f| f.id);
        let existing = store::find(tx, year, panel_id, category)?;
        let used = store::usage(tx, year, panel_id, category)?;
        let line = Line {
            id: existing.as_ref().map_or(0, |l| l.id),
            panel_id,
            category: category.map(str::to_string),
            cap_fen: cap,
        };
        let name = caps::line_name(tx, &line)?;
        if budget::check_new_cap(existing.as_ref().map(|l| l.cap_fen), cap, used).is_err() {
            let (spent, paid, committed) = (
                money::grouped(used.recorded()),
                money::grouped(used.paid_fen),
                money::grouped(used.committed_fen),
            );
            let wanted = money::grouped(cap);
            return Err(crate::refused!(
                "--cap：{year} 年预算【{name}】已列支 {spent} 元（已付 {paid}，待付 {committed}），上限不能设为低于此数的 {wanted} 元；请先作废误记的经费，或设定不低于 {spent} 元的上限",
                "--cap: the {year} budget line [{name}] already has {spent} yuan spent (paid {paid}, committed {committed}); a cap of {wanted} would be below it. Void mistaken expenses first, or set a cap of at least {spent}",
            ));
        }
        let now = now_stamp();
        let id = match existing {
            Some(old) => {
                let before = tx.snapshot("budgets", old.id)?;
                store::update(tx, old.id, cap, note.as_deref(), &now)?;
                let after = tx.snapshot("budgets", old.id)?;
                if crate::commands::panel::changed(&before, &after) {
                    tx.audit("budget", old.id, "edit", Some(&before), Some(&after))?;
                }
                old.id
            }
            None => {
                let id = store::insert(tx, year, panel_id, category, cap, note.as_deref(), &now)?;
                tx.audit("budget", id, "add", None, Some(&tx.snapshot("budgets", id)?))?;
                id
            }
        };
        Ok((id, name))
    })?;
    let cap = money::grouped(cap);
    print_done(
        &ctx.env,
        &crate::tr!(
            "{year} 年预算【{name}】：上限 {cap} 元",
            "{year} budget line [{name}]: cap {cap} yuan"
        ),
        "budget",
        id,
        None,
    )
}

/// The lines of a year (only those that apply to `panel_id` when given),
/// with cap, paid, committed, remaining and the share used.
pub fn line_rows(conn: &Connection, year: i32, lines: &[(Line, Usage)]) -> anyhow::Result<RowSet> {
    let mut rows = RowSet::new(vec![
        col("id", "编号", "id", Kind::Int),
        col("year", "年度", "year", Kind::Int),
        col("line", "预算项", "line", Kind::Text),
        col("panel", "顾问团", "panel", Kind::Text),
        col(
            "category",
            "类别",
            "category",
            Kind::Enum(&EXPENSE_CATEGORY),
        ),
        col("cap", "上限", "cap", Kind::Money),
        col("paid", "已支付", "paid", Kind::Money),
        col("committed", "待支付", "committed", Kind::Money),
        col("remaining", "剩余", "remaining", Kind::Money),
        col("used", "已用", "used", Kind::Percent),
    ]);
    for (line, used) in lines {
        let panel: Option<String> = match line.panel_id {
            Some(id) => {
                Some(conn.query_row("SELECT code FROM panels WHERE id = ?1", [id], |r| r.get(0))?)
            }
            None => None,
        };
        let share = (line.cap_fen > 0).then(|| used.recorded() as f64 / line.cap_fen as f64);
        rows.push(vec![
            line.id.into(),
            i64::from(year).into(),
            caps::line_name(conn, line)?.into(),
            panel.into(),
            line.category.clone().into(),
            line.cap_fen.into(),
            used.paid_fen.into(),
            used.committed_fen.into(),
            used.remaining(line.cap_fen).into(),
            share.into(),
        ]);
    }
    Ok(rows)
}

/// Sentences about a year's lines: controlled categories without a line,
/// lines nearly used up, lines over their cap.
fn warnings(
    conn: &Connection,
    year: i32,
    lines: &[(Line, Usage)],
    controlled: &[String],
) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    let unbudgeted: Vec<&String> = controlled
        .iter()
        .filter(|code| {
            !lines
                .iter()
                .any(|(l, _)| l.category.as_deref() == Some(code.as_str()))
        })
        .collect();
    for code in &unbudgeted {
        let label = EXPENSE_CATEGORY.label(code);
        out.push(crate::tr!(
            "{label}属严控类经费，{year} 年没有该类别预算：不能列支",
            "{label} is controlled and has no {year} budget line: it cannot be spent",
        ));
    }
    if !unbudgeted.is_empty() {
        let setting = caps::controlled_setting(conn)?;
        out.push(crate::tr!(
            "严控类经费：{setting}",
            "controlled categories: {setting}"
        ));
    }
    for (line, used) in lines {
        let name = caps::line_name(conn, line)?;
        let words = caps::usage_words(line.cap_fen, *used);
        if used.recorded() > line.cap_fen {
            out.push(crate::tr!(
                "【{name}】已超出上限（经 --override 记录的例外）：{words}",
                "[{name}] is over its cap (exceptions recorded with --override): {words}",
            ));
        } else if budget::near_cap(line.cap_fen, *used, NEAR_PERCENT) {
            out.push(crate::tr!(
                "【{name}】已用 {NEAR_PERCENT}% 以上：{words}",
                "[{name}] is {NEAR_PERCENT}% or more used: {words}",
            ));
        }
    }
    Ok(out)
}

fn show(ctx: &Ctx, args: &BudgetShowArgs) -> anyhow::Result<()> {
    let year = year_or_this(ctx, args.year.as_deref())?;
    let doc = ctx.read(|conn| {
        let panel_id = args
            .panel
            .as_deref()
            .map(|p| resolve::panel(conn, &ctx.env, "--panel", p))
            .transpose()?
            .map(|f| f.id);
        let lines: Vec<(Line, Usage)> = store::lines_with_usage(conn, year)?
            .into_iter()
            .filter(|(l, _)| panel_id.is_none() || l.panel_id.is_none() || l.panel_id == panel_id)
            .collect();
        let rows = line_rows(conn, year, &lines)?;
        let notes = warnings(conn, year, &lines, &store::controlled(conn)?)?;
        Ok(Doc::default()
            .table("lines", ("预算执行", "Budget lines"), rows)
            .lines("notes", ("提示", "Notes"), notes))
    })?;
    print_doc(&ctx.env, &doc)
}

fn controlled(ctx: &Ctx, args: &ControlledArgs) -> anyhow::Result<()> {
    if let Some(list) = args.set.as_deref() {
        let mut codes: Vec<&'static str> = Vec::new();
        let trimmed = list.trim();
        if !matches!(trimmed.to_lowercase().as_str(), "none" | "无" | "") {
            for part in trimmed
                .split([',', '，', '、', ' '])
                .filter(|p| !p.trim().is_empty())
            {
                let code = EXPENSE_CATEGORY.parse("--set", part)?;
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
        }
        let value = codes.join(",");
        let id = ctx.write(|tx| {
            let before = store::controlled_stored(tx)?
                .map(|(_, v)| serde_json::json!({ "key": store::CONTROLLED_KEY, "value": v }));
            let id = store::set_controlled(tx, &value)?;
            let after = serde_json::json!({ "key": store::CONTROLLED_KEY, "value": value });
            if before.as_ref() != Some(&after) {
                tx.audit("setting", id, "edit", before.as_ref(), Some(&after))?;
            }
            Ok(id)
        })?;
        let labels = if codes.is_empty() {
            pick("（无）", "(none)").to_string()
        } else {
            codes
                .iter()
                .map(|c| EXPENSE_CATEGORY.label(c))
                .collect::<Vec<_>>()
                .join(pick("、", ", "))
        };
        return print_done(
            &ctx.env,
            &crate::tr!("严控类别：{labels}", "controlled categories: {labels}"),
            "setting",
            id,
            Some(store::CONTROLLED_KEY),
        );
    }
    let set = ctx.read(store::controlled)?;
    let mut rows = RowSet::new(vec![
        col(
            "category",
            "类别",
            "category",
            Kind::Enum(&EXPENSE_CATEGORY),
        ),
        col("controlled", "严控", "controlled", Kind::Bool),
    ]);
    for code in EXPENSE_CATEGORY.codes() {
        rows.push(vec![Cell::from(code), set.iter().any(|c| c == code).into()]);
    }
    print_rows(&ctx.env, &rows)
}
