//! `roster report summary --year Y [--panel P]`: the yearly work summary
//! (年度工作总结) leadership reads, per panel and in total, over the year's
//! records up to the as-of date (today within the year, else 31 December):
//! the roster's changes, activities by kind and mode with attendance,
//! written opinions, advice and its handling, contacts and festival
//! coverage, the project needs library (seed 003), spending against
//! budget, and the grades once assessed. Every
//! number is the count of a listing's rows (see `store::summary`).
//!
//! `compute` builds the tables; the report prints them, and the `summary`
//! export dataset flattens them into one row per panel and measure.

mod needs;
mod shape;
mod tables;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::cli::report::SpendingArgs;
use crate::context::Ctx;
use crate::domain::coverage;
use crate::input::{date, resolve};
use crate::output::{Cell, Doc, RowSet, print_doc};
use crate::store::summary::Span;

use self::shape::headings;

/// One table of the summary: its key and title, how many leading columns
/// name the row (panel, name, and for the breakdowns the kind or mode).
pub struct Table {
    pub key: &'static str,
    pub title: (&'static str, &'static str),
    pub dims: usize,
    pub rows: RowSet,
}

/// The whole summary.
pub struct Summary {
    pub year: i32,
    pub as_of: NaiveDate,
    pub lines: Vec<String>,
    pub tables: Vec<Table>,
}

pub fn run(ctx: &Ctx, args: &SpendingArgs) -> anyhow::Result<()> {
    let year = match &args.year {
        Some(text) => date::parse_year("--year", text)?,
        None => ctx.today().year(),
    };
    let summary = ctx.read(|conn| {
        let panel = args
            .panel
            .as_deref()
            .map(|p| resolve::panel(conn, &ctx.env, "--panel", p).map(|p| p.id))
            .transpose()?;
        compute(conn, year, ctx.today(), panel)
    })?;
    let mut doc = Doc::default().lines(
        "summary",
        ("年度工作总结", "Yearly work summary"),
        summary.lines,
    );
    for t in summary.tables {
        doc = doc.table(t.key, t.title, t.rows);
    }
    print_doc(&ctx.env, &doc)
}

/// The window the summary counts: `year` from 1 January to today within
/// it, else to 31 December; a year not begun is bad input. `report
/// stations` counts over the same window.
pub(crate) fn span_of(
    year: i32,
    today: NaiveDate,
    panel: Option<i64>,
) -> anyhow::Result<(Span, NaiveDate)> {
    let as_of = coverage::as_of(year, today).ok_or_else(|| {
        let now = date::iso(today);
        crate::invalid!(
            "--year：{year} 年尚未开始（今天是 {now}）",
            "--year: {year} has not begun (today is {now})"
        )
    })?;
    let span = Span {
        first: format!("{year:04}-01-01"),
        as_of: date::iso(as_of),
        year,
        panel,
    };
    Ok((span, as_of))
}

/// Builds the summary of `year` as of `today` (for one panel, or all).
pub fn compute(
    conn: &Connection,
    year: i32,
    today: NaiveDate,
    panel: Option<i64>,
) -> anyhow::Result<Summary> {
    let (span, as_of) = span_of(year, today, panel)?;
    let panels = headings(conn, panel)?;
    let whole = panel.is_none();
    let mut tables = Vec::new();

    tables::roster(conn, &span, &panels, whole, &mut tables)?;
    tables::work(conn, &span, &panels, whole, &mut tables)?;
    tables::contacts(conn, &span, &panels, whole, &mut tables)?;
    needs::needs(conn, &span, &panels, whole, &mut tables)?;
    tables::money(conn, &span, &panels, whole, &mut tables)?;
    let lines = headline(conn, year, as_of, &tables)?;
    Ok(Summary {
        year,
        as_of,
        lines,
        tables,
    })
}

/// The sentences at the top: the year in a paragraph, from the totals.
fn headline(
    conn: &Connection,
    year: i32,
    as_of: NaiveDate,
    tables: &[Table],
) -> anyhow::Result<Vec<String>> {
    let last = |key: &str| -> Vec<Cell> {
        tables
            .iter()
            .find(|t| t.key == key)
            .and_then(|t| t.rows.rows.last().cloned())
            .unwrap_or_default()
    };
    let n = |cells: &[Cell], i: usize| -> String {
        match cells.get(i) {
            Some(Cell::Int(v)) => v.to_string(),
            Some(Cell::Float(f)) => format!("{:.1}%", f * 100.0),
            _ => "—".to_string(),
        }
    };
    let office = crate::store::settings::get(conn, "office.name")?;
    let on = date::iso(as_of);
    let (r, a, d, c, s) = (
        last("roster"),
        last("activities"),
        last("advice"),
        last("contacts"),
        last("spending"),
    );
    let spent = match s.get(5) {
        Some(Cell::Int(fen)) => crate::input::money::grouped(*fen),
        _ => "0.00".to_string(),
    };
    let mut lines = vec![
        crate::tr!(
            "{office} {year} 年度工作总结（截至 {on}）",
            "{office} yearly work summary {year} (as of {on})"
        )
        .trim()
        .to_string(),
    ];
    let (start, end, appointed, renewed, dismissed, resigned, expired) = (
        n(&r, 2),
        n(&r, 3),
        n(&r, 4),
        n(&r, 5),
        n(&r, 6),
        n(&r, 7),
        n(&r, 8),
    );
    lines.push(crate::tr!(
        "在聘专家：年初 {start} 人，期末 {end} 人；新聘 {appointed}、续聘 {renewed}、解聘 {dismissed}、辞去 {resigned}、期满离任 {expired}。",
        "Advisors serving: {start} on 1 January, {end} at the end; appointed {appointed}, renewed {renewed}, dismissed {dismissed}, resigned {resigned}, expired {expired}."
    ));
    let (held, written, joined, attendance) = (n(&a, 2), n(&a, 3), n(&a, 4), n(&a, 9));
    let (submitted, adopted, endorsed, fed_back) = (n(&d, 2), n(&d, 3), n(&d, 7), n(&d, 8));
    lines.push(crate::tr!(
        "履职活动 {held} 次（书面意见 {written} 份），参加 {joined} 人次，出席率 {attendance}；意见建议 {submitted} 件，采纳 {adopted} 件，领导批示 {endorsed} 件，已反馈 {fed_back} 件。",
        "Activities {held} ({written} written opinions), {joined} participations, attendance {attendance}; advice {submitted}, adopted {adopted}, endorsed {endorsed}, fed back {fed_back}."
    ));
    // Reported events (五报告) are the advisors' units informing the office:
    // counted apart, never among the contacts.
    let (contacted, visits, reports, coverage) = (n(&c, 2), n(&c, 3), n(&c, 6), n(&c, 9));
    lines.push(crate::tr!(
        "联系服务 {contacted} 次（走访、登门拜访 {visits} 次），收到五报告 {reports} 件，节日问候覆盖率 {coverage}；经费支出 {spent} 元。",
        "Contacts {contacted} ({visits} visits), reported events received {reports}, holiday greeting coverage {coverage}; spending {spent} yuan."
    ));
    // Where the office keeps a needs library (seed 003 二(二)1).
    let needs = last("needs");
    if !needs.is_empty() {
        let (received, matched, resolved, partly) =
            (n(&needs, 2), n(&needs, 3), n(&needs, 4), n(&needs, 5));
        lines.push(crate::tr!(
            "项目需求 {received} 项，已对接专家 {matched} 项，已解决 {resolved} 项、部分解决 {partly} 项。",
            "Needs received {received}, matched with experts {matched}, resolved {resolved}, partly resolved {partly}."
        ));
    }
    Ok(lines)
}
