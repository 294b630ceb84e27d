//! `roster report stations --year Y [--panel P]`: the professional
//! stations' year (seed 003 三(三): 加强对专业站的督促指导，每年对成效突出的单位
//! 进行嘉奖，对成效较差的单位通报批评), one row per station — the experts
//! serving at the end of the window by tier (二(一)1: 入库/在岗/关键), the
//! activities held on it (those that serve enterprises apart), their
//! participations, the advice booked to it, the needs it took up (二(二)1),
//! and the year's verdict. Every figure is read by the yearly summary's own
//! queries over the same window (`store::summary`), so a station's numbers
//! here are its row there.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::cli::report::SpendingArgs;
use crate::commands::panel::station::station;
use crate::context::{Ctx, Env};
use crate::input::date;
use crate::labels::VERDICT;
use crate::output::{Cell, Column, Doc, Kind, RowSet, col, print_doc};
use crate::store::summary::{self as figures, ByPanel};

/// The kinds of activity counted apart: the stations' work with
/// enterprises (二(三)), research on site and lectures or training.
const KINDS: [&str; 3] = ["enterprise_service", "site_research", "lecture"];

pub fn run(ctx: &Ctx, args: &SpendingArgs) -> anyhow::Result<()> {
    let year = match &args.year {
        Some(text) => date::parse_year("--year", text)?,
        None => ctx.today().year(),
    };
    let doc = ctx.read(|conn| {
        let (as_of, rows) = compute(conn, &ctx.env, year, args.panel.as_deref())?;
        let on = date::iso(as_of);
        let title = crate::tr!(
            "{year} 年度专业站工作情况（截至 {on}；在聘人数按 {on} 计）",
            "The professional stations' {year} (as of {on}; experts serving on {on})"
        );
        Ok(Doc::default()
            .lines("report", ("专业站年度情况", "Stations' year"), vec![title])
            .table("stations", ("专业站", "Stations"), rows))
    })?;
    print_doc(&ctx.env, &doc)
}

/// Where a station's row starts in `COLUMNS`.
pub(crate) const ROW: usize = 2;

/// The stations' `year` (only `panel`, a station, if given): the day the
/// figures stand on and one row per station, in `COLUMNS[ROW..]`. `export
/// stations` gives the same rows.
pub(crate) fn compute(
    conn: &Connection,
    env: &Env,
    year: i32,
    panel: Option<&str>,
) -> anyhow::Result<(NaiveDate, RowSet)> {
    let only = panel
        .map(|p| station(conn, env, "--panel", p).map(|p| p.id))
        .transpose()?;
    let (span, as_of) = super::summary::span_of(year, env.today, only)?;
    let tiers = crate::store::station::tiers(conn, only, &span.as_of)?;
    let mut kinds: ByPanel = ByPanel::new();
    for (p, kind, n) in figures::activities_by(conn, &span, "kind")? {
        let v = kinds.entry(p).or_insert_with(|| vec![0; KINDS.len() + 1]);
        v[0] += n;
        if let Some(i) = KINDS.iter().position(|k| *k == kind) {
            v[i + 1] += n;
        }
    }
    let attendance = figures::attendance(conn, &span)?;
    let advice = figures::advice(conn, &span)?;
    let needs = figures::needs(conn, &span)?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.code, p.name, p.lead_unit, r.verdict, r.reference, r.on_date
         FROM panels p LEFT JOIN station_reviews r ON r.panel_id = p.id AND r.year = ?1 AND r.voided_at IS NULL
         WHERE p.kind = 'professional_station' AND (?2 IS NULL OR p.id = ?2) ORDER BY p.id",
    )?;
    let stations = stmt
        .query_map(rusqlite::params![year, only], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                [r.get::<_, Cell>(1)?, r.get(2)?, r.get(3)?],
                [r.get::<_, Cell>(4)?, r.get(5)?, r.get(6)?],
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut rows = RowSet::new(COLUMNS[ROW..].to_vec());
    for (id, head, verdict) in stations {
        let take = |by: &ByPanel, picks: &[usize]| -> Vec<Cell> {
            let v = by.get(&Some(id));
            picks
                .iter()
                .map(|&i| Cell::Int(v.and_then(|v| v.get(i)).copied().unwrap_or(0)))
                .collect()
        };
        rows.push(
            [
                head.to_vec(),
                take(&tiers, &[0, 1, 2, 3]),
                take(&kinds, &[0, 1, 2, 3]),
                // participations, attended; advice submitted, adopted
                take(&attendance, &[0, 1]),
                take(&advice, &[0, 1]),
                // needs received, matched, resolved
                take(&needs, &[0, 1, 2]),
                verdict.to_vec(),
            ]
            .concat(),
        );
    }
    Ok((as_of, rows))
}

/// The columns of `export stations`: the year and the day its figures
/// stand on, then a station's row as the report prints it (`ROW`).
pub(crate) static COLUMNS: &[Column] = &[
    col("year", "年度", "year", Kind::Int),
    col("as_of", "截至", "as of", Kind::Date),
    col("station", "专业站", "station", Kind::Text),
    col("name", "名称", "name", Kind::Text),
    col("lead_unit", "牵头单位", "lead unit", Kind::Text),
    col("serving", "在聘专家", "experts serving", Kind::Int),
    col("key", "关键专家", "key", Kind::Int),
    col("active", "在岗专家", "active", Kind::Int),
    col("pool", "入库专家", "pool", Kind::Int),
    col("activities", "活动次数", "activities", Kind::Int),
    col(
        "enterprise_service",
        "联系服务企业",
        "enterprise service",
        Kind::Int,
    ),
    col("site_research", "实地调研", "site research", Kind::Int),
    col("lecture", "专题讲座/培训", "lectures", Kind::Int),
    col("participations", "参加人次", "participations", Kind::Int),
    col("attended", "出席", "attended", Kind::Int),
    col("advice", "意见建议", "advice", Kind::Int),
    col("adopted", "采纳", "adopted", Kind::Int),
    col("needs_received", "收到需求", "needs received", Kind::Int),
    col("needs_matched", "已对接专家", "needs matched", Kind::Int),
    col("needs_resolved", "已解决", "needs resolved", Kind::Int),
    col("verdict", "年度评价", "verdict", Kind::Enum(&VERDICT)),
    col("reference", "文号", "reference", Kind::Text),
    col("verdict_on", "评价日期", "verdict date", Kind::Date),
];
