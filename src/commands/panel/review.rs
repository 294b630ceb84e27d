//! `panel review STATION --year Y --verdict …`: a professional station's
//! yearly verdict (seed 003 三(三): 加强对专业站的督促指导，每年对成效突出的
//! 单位进行嘉奖，对成效较差的单位通报批评). One live verdict per station and
//! year, audited; `--void --reason` takes one made in error back, and the
//! year may then be judged again. `report stations` shows what the year
//! held beside the verdict; `panel show` lists a station's verdicts.

use chrono::Datelike;
use rusqlite::Connection;

use super::station::station;
use crate::cli::panel::PanelReviewArgs;
use crate::commands::void::{Voidable, void_record};
use crate::context::{Ctx, now_stamp};
use crate::i18n::pick;
use crate::input::{Form, date, text};
use crate::labels::VERDICT;
use crate::output::{Kind, RowSet, col, print_done};
use crate::store::panel::Panel;
use crate::store::station::{self as store, Review};

pub fn run(ctx: &Ctx, args: &PanelReviewArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let year = form.value(
        "--year",
        pick("年度", "year"),
        args.year.as_deref(),
        |s| date::parse_year("--year", s),
    )?;
    if args.void {
        let reason = form.text(
            "--reason",
            pick("作废原因", "reason"),
            args.reason.as_deref(),
            text::LINE_MAX,
        )?;
        form.finish()?;
        return void(ctx, args, year, &reason);
    }
    let verdict = form.choice("--verdict", &VERDICT, args.verdict.as_deref())?;
    let reason = form.text(
        "--reason",
        pick("评价理由", "reason"),
        args.reason.as_deref(),
        text::LINE_MAX,
    )?;
    form.finish()?;
    let reference = args
        .reference
        .as_deref()
        .map(|s| text::line("--reference", s, text::LINE_MAX))
        .transpose()?
        .filter(|s| !s.is_empty());
    let today = ctx.today();
    let on = match &args.on {
        Some(s) => date::parse("--on", s, today)?,
        None => today,
    };
    check_dates(year, on, today)?;
    let (id, name) = ctx.write(|tx| {
        let panel = station(tx, &ctx.env, "PANEL", &args.panel)?;
        check_served(tx, &panel, year)?;
        if let Some(earlier) = store::of_year(tx, panel.id, year)? {
            return Err(already(&panel, &earlier));
        }
        let review = Review {
            id: 0,
            panel_id: panel.id,
            year,
            verdict: verdict.to_string(),
            reason: reason.clone(),
            reference: reference.clone(),
            on_date: date::iso(on),
            operator: ctx.env.operator.clone(),
        };
        let id = store::insert(tx, &review, &now_stamp())?;
        let after = tx.snapshot("station_reviews", id)?;
        tx.audit("station_review", id, "add", None, Some(&after))?;
        Ok((id, panel.name))
    })?;
    let shown = VERDICT.label(verdict);
    print_done(
        &ctx.env,
        &crate::tr!(
            "已记录 {name} {year} 年度评价：{shown}（#{id}）",
            "recorded {name}'s {year} verdict: {shown} (#{id})"
        ),
        "station_review",
        id,
        None,
    )
}

/// The year has begun; the decision falls in it or later, not after today.
fn check_dates(year: i32, on: chrono::NaiveDate, today: chrono::NaiveDate) -> anyhow::Result<()> {
    if year > today.year() {
        return Err(crate::invalid!(
            "--year：{year} 年尚未开始（今天是 {today}）；只评价已开始的年度",
            "--year: {year} has not begun (today is {today}); only a year under way or past is judged"
        ));
    }
    if on > today {
        return Err(crate::invalid!(
            "--on：{on} 晚于今天（{today}）；只记录已作出的评价",
            "--on: {on} is after today ({today}); only a verdict already given is recorded"
        ));
    }
    // Seed 003 三(三) judges a year's results: from its December on (as a
    // year's assessment is confirmed), not halfway through it.
    let december = chrono::NaiveDate::from_ymd_opt(year, 12, 1).unwrap_or(on);
    if on < december {
        return Err(crate::invalid!(
            "--on：{on} 早于 {year} 年 12 月；年度评价针对全年成效（高新区方案三(三)），于 {year} 年 12 月起作出，请核对 --year 或 --on",
            "--on: {on} is before December {year}; a year's verdict judges the whole year's results (seed 003 三(三)) and is given from December {year} on — check --year or --on"
        ));
    }
    Ok(())
}

/// Refuses a year in which nobody served on the station: there were no
/// results to judge.
fn check_served(tx: &crate::context::Tx, panel: &Panel, year: i32) -> anyhow::Result<()> {
    let (first, last) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
    let served: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM appointments ap WHERE ap.panel_id = ?1
            AND ap.state IN ('appointed','dismissed','resigned')
            AND ap.term_start <= ?3 AND ap.term_end >= ?2
            AND (ap.ended_on IS NULL OR ap.ended_on > ?2))",
        rusqlite::params![panel.id, first, last],
        |r| r.get(0),
    )?;
    if !served {
        let (name, code) = (&panel.name, &panel.code);
        return Err(crate::refused!(
            "{name}（{code}）在 {year} 年没有在聘专家，没有可评价的成效；请核对 --year",
            "{name} ({code}) had no expert serving in {year}, so there are no results to judge; check --year"
        ));
    }
    Ok(())
}

/// The refusal of a second verdict for a station's year, naming the first.
fn already(panel: &Panel, r: &Review) -> anyhow::Error {
    let (name, code, year, id, on, by) = (
        &panel.name,
        &panel.code,
        r.year,
        r.id,
        &r.on_date,
        &r.operator,
    );
    let verdict = VERDICT.label(&r.verdict);
    let reference = r.reference.as_deref().unwrap_or("—");
    crate::refused!(
        "{name} {year} 年度已有评价：{verdict}（#{id}，{on}，{by}，文号 {reference}），每站每年一次；如有误，先作废：roster panel review {code} --year {year} --void --reason …",
        "{name} already has a {year} verdict: {verdict} (#{id}, {on}, by {by}, reference {reference}), once a station and year; if it is wrong, void it first: roster panel review {code} --year {year} --void --reason …"
    )
}

fn void(ctx: &Ctx, args: &PanelReviewArgs, year: i32, reason: &str) -> anyhow::Result<()> {
    for (flag, given) in [
        ("--verdict", args.verdict.is_some()),
        ("--reference", args.reference.is_some()),
        ("--on", args.on.is_some()),
    ] {
        if given {
            return Err(crate::invalid!(
                "{flag}：作废评价（--void）只需 --year 和 --reason；请去掉 {flag}",
                "{flag}: voiding a verdict (--void) takes only --year and --reason; drop {flag}"
            ));
        }
    }
    let (review, panel) = ctx.read(|conn| {
        let panel = station(conn, &ctx.env, "PANEL", &args.panel)?;
        Ok((store::of_year(conn, panel.id, year)?, panel))
    })?;
    let Some(review) = review else {
        let name = &panel.name;
        return Err(crate::invalid!(
            "--void：{name} {year} 年度没有已记录的评价可作废",
            "--void: {name} has no {year} verdict recorded, so there is none to void"
        ));
    };
    let what = Voidable {
        table: "station_reviews",
        entity: "station_review",
        zh: "专业站年度评价",
        en: "station verdict",
        list: "report stations",
        stamped: false,
    };
    void_record(ctx, &what, review.id, Some(reason), |_| Ok(()))
}

/// A station's verdicts, every year (`panel show`).
pub(crate) fn rows(conn: &Connection, panel_id: i64) -> anyhow::Result<RowSet> {
    RowSet::query(
        conn,
        vec![
            col("year", "年度", "year", Kind::Int),
            col("verdict", "年度评价", "verdict", Kind::Enum(&VERDICT)),
            col("reason", "理由", "reason", Kind::Text),
            col("reference", "文号", "reference", Kind::Text),
            col("on", "日期", "date", Kind::Date),
            col("id", "编号", "id", Kind::Int),
        ],
        "SELECT year, verdict, reason, reference, on_date, id FROM station_reviews
         WHERE panel_id = ?1 AND voided_at IS NULL ORDER BY year DESC",
        [panel_id],
    )
}
