//! `roster report summary --year Y [--panel P]`: the yearly work summary
//! (年度工作总结) leadership reads, per panel and in total, over the year's
//! records up to the as-of date (today within the year, else 31 December):
//! the roster's changes, activities by kind and mode with attendance,
//! written opinions, advice and its handling, contacts and festival
//! coverage, spending against budget, and the grades once assessed. Every
//! number is the count of a listing's rows (see `store::summary`).
//!
//! `compute` builds the tables; the report prints them, and the `summary`
//! export dataset flattens them into one row per panel and measure.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::cli::report::SpendingArgs;
use crate::context::Ctx;
use crate::domain::coverage;
use crate::i18n::pick;
use crate::input::{date, resolve};
use crate::labels::{ACTIVITY_KIND, MODE};
use crate::output::{Cell, Column, Doc, Kind, RowSet, col, print_doc};
use crate::store::summary::{self as store, ByPanel, Span};

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

/// A panel as a row heading.
struct Heading {
    id: Option<i64>,
    code: Option<String>,
    name: String,
}

fn headings(conn: &Connection, panel: Option<i64>) -> anyhow::Result<Vec<Heading>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, name FROM panels WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([panel], |r| {
            Ok(Heading {
                id: Some(r.get(0)?),
                code: Some(r.get(1)?),
                name: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn no_panel() -> Heading {
    Heading {
        id: None,
        code: None,
        name: pick("（未记入顾问团）", "(no panel)").to_string(),
    }
}

fn total() -> Heading {
    Heading {
        id: None,
        code: None,
        name: pick("合计", "total").to_string(),
    }
}

fn rate(part: i64, whole: i64) -> Cell {
    if whole > 0 {
        Cell::Float(part as f64 / whole as f64)
    } else {
        Cell::Null
    }
}

fn head_columns() -> Vec<Column> {
    vec![
        col("panel", "顾问团", "panel", Kind::Text),
        col("name", "名称", "name", Kind::Text),
    ]
}

/// A per-panel table: a row per panel, one for records booked to no panel
/// (when `unbooked` and there are any), and the total (`totals`: given, or
/// the sum of the rows).
fn per_panel(
    panels: &[Heading],
    values: &ByPanel,
    columns: Vec<Column>,
    cells: impl Fn(&[i64]) -> Vec<Cell>,
    totals: Option<&[i64]>,
    width: usize,
    unbooked: bool,
    with_total: bool,
) -> RowSet {
    let mut rows = RowSet::new([head_columns(), columns].concat());
    let zero = vec![0; width];
    let mut sum = vec![0; width];
    let push = |h: &Heading, v: &[i64], rows: &mut RowSet| {
        rows.push([vec![h.code.clone().into(), h.name.clone().into()], cells(v)].concat());
    };
    for h in panels {
        let v = values.get(&h.id).unwrap_or(&zero);
        sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
        push(h, v, &mut rows);
    }
    if unbooked && let Some(v) = values.get(&None).filter(|v| v.iter().any(|x| *x != 0)) {
        sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
        push(&no_panel(), v, &mut rows);
    }
    if with_total {
        let t = totals.map(<[i64]>::to_vec).unwrap_or(sum);
        push(&total(), &t, &mut rows);
    }
    rows
}

/// Builds the summary of `year` as of `today` (for one panel, or all).
pub fn compute(
    conn: &Connection,
    year: i32,
    today: NaiveDate,
    panel: Option<i64>,
) -> anyhow::Result<Summary> {
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
    let panels = headings(conn, panel)?;
    let whole = panel.is_none();
    let mut tables = Vec::new();

    let roster = store::roster(conn, &span)?;
    let t = roster.get(&None).cloned().unwrap_or_else(|| vec![0; 7]);
    tables.push(Table {
        key: "roster",
        title: ("名册变动", "The roster"),
        dims: 2,
        rows: per_panel(
            &panels,
            &roster,
            vec![
                col(
                    "serving_start",
                    "年初在聘",
                    "serving on 1 January",
                    Kind::Int,
                ),
                col("serving_end", "期末在聘", "serving at the end", Kind::Int),
                col("appointed", "新聘", "appointed", Kind::Int),
                col("renewed", "续聘", "renewed", Kind::Int),
                col("dismissed", "解聘", "dismissed", Kind::Int),
                col("resigned", "辞去", "resigned", Kind::Int),
                col("expired", "期满离任", "expired", Kind::Int),
            ],
            |v| v.iter().map(|x| Cell::Int(*x)).collect(),
            Some(&t),
            7,
            false,
            whole,
        ),
    });

    let kinds = store::activities_by(conn, &span, "kind")?;
    let written: ByPanel = kinds
        .iter()
        .filter(|(_, k, _)| k == "written_opinion")
        .map(|(p, _, n)| (*p, vec![*n]))
        .collect();
    let mut held: ByPanel = ByPanel::new();
    for (p, _, n) in &kinds {
        held.entry(*p).or_insert_with(|| vec![0])[0] += n;
    }
    let mut work = store::attendance(conn, &span)?;
    for (p, n) in &held {
        let w = written.get(p).map_or(0, |v| v[0]);
        let a = work.entry(*p).or_insert_with(|| vec![0; 6]);
        a.splice(0..0, [n[0], w]);
    }
    for v in work.values_mut() {
        if v.len() == 6 {
            v.splice(0..0, [0, 0]);
        }
    }
    // v: activities, written, participations, attended, excused, absent, invited, opinions
    tables.push(Table {
        key: "activities",
        title: ("履职活动与出席", "Activities and attendance"),
        dims: 2,
        rows: per_panel(
            &panels,
            &work,
            vec![
                col("activities", "活动次数", "activities", Kind::Int),
                col(
                    "written_opinions",
                    "书面意见",
                    "written opinions",
                    Kind::Int,
                ),
                col("participations", "参加人次", "participations", Kind::Int),
                col("attended", "出席", "attended", Kind::Int),
                col("excused", "请假", "excused", Kind::Int),
                col("absent", "无故缺席", "unexcused absent", Kind::Int),
                col("invited", "待登记", "not yet recorded", Kind::Int),
                col(
                    "attendance_rate",
                    "出席率",
                    "attendance rate",
                    Kind::Percent,
                ),
                col("opinions", "发表意见", "opinions given", Kind::Int),
            ],
            |v| {
                let mut c: Vec<Cell> = v[..7].iter().map(|x| Cell::Int(*x)).collect();
                c.push(rate(v[3], v[3] + v[4] + v[5]));
                c.push(Cell::Int(v[7]));
                c
            },
            None,
            8,
            true,
            whole,
        ),
    });
    tables.push(breakdown(
        &panels,
        &kinds,
        "activity_kinds",
        ("活动（按类型）", "Activities by kind"),
        col("kind", "活动类型", "kind", Kind::Enum(&ACTIVITY_KIND)),
        ACTIVITY_KIND.codes().collect(),
        whole,
    ));
    let modes = store::activities_by(conn, &span, "mode")?;
    tables.push(breakdown(
        &panels,
        &modes,
        "activity_modes",
        ("活动（按方式）", "Activities by mode"),
        col("mode", "方式", "mode", Kind::Enum(&MODE)),
        MODE.codes().collect(),
        whole,
    ));

    let advice = store::advice(conn, &span)?;
    tables.push(Table {
        key: "advice",
        title: ("意见建议", "Advice"),
        dims: 2,
        rows: per_panel(
            &panels,
            &advice,
            vec![
                col("submitted", "提交", "submitted", Kind::Int),
                col(
                    "adopted",
                    "采纳（含部分采纳、已落实）",
                    "adopted (incl. partly, implemented)",
                    Kind::Int,
                ),
                col("partly_adopted", "部分采纳", "partly adopted", Kind::Int),
                col("not_adopted", "未采纳", "not adopted", Kind::Int),
                col("implemented", "已落实", "implemented", Kind::Int),
                col("endorsed", "领导批示", "endorsed", Kind::Int),
                col("fed_back", "已反馈", "fed back", Kind::Int),
                col("adoption_rate", "采纳率", "adoption rate", Kind::Percent),
            ],
            |v| {
                let mut c: Vec<Cell> = v.iter().map(|x| Cell::Int(*x)).collect();
                c.push(rate(v[1], v[0]));
                c
            },
            None,
            7,
            true,
            whole,
        ),
    });

    let mut contacts = store::contacts(conn, &span)?;
    let mut greetings: ByPanel = ByPanel::new();
    for (festival, day) in coverage::festivals_due(year, as_of) {
        for (p, v) in store::festival(conn, &span, festival.code(), &date::iso(day))? {
            let g = greetings.entry(p).or_insert_with(|| vec![0, 0]);
            g[0] += v[0];
            g[1] += v[1];
        }
    }
    for (p, v) in contacts.iter_mut() {
        v.extend(greetings.get(p).cloned().unwrap_or_else(|| vec![0, 0]));
    }
    for (p, g) in &greetings {
        contacts
            .entry(*p)
            .or_insert_with(|| [vec![0; 4], g.clone()].concat());
    }
    let t = contacts.get(&None).cloned().unwrap_or_else(|| vec![0; 6]);
    tables.push(Table {
        key: "contacts",
        title: ("联系服务与节日问候", "Contacts and holiday greetings"),
        dims: 2,
        rows: per_panel(
            &panels,
            &contacts,
            vec![
                col("contacts", "联系次数", "contacts", Kind::Int),
                col("visits", "走访", "visits", Kind::Int),
                col("greetings", "节日慰问", "greetings", Kind::Int),
                col(
                    "advisors_contacted",
                    "联系专家",
                    "advisors contacted",
                    Kind::Int,
                ),
                col("greetings_due", "应问候人次", "greetings due", Kind::Int),
                col("greetings_sent", "已问候人次", "greeted", Kind::Int),
                col(
                    "greeting_coverage",
                    "问候覆盖率",
                    "greeting coverage",
                    Kind::Percent,
                ),
            ],
            |v| {
                let mut c: Vec<Cell> = v.iter().map(|x| Cell::Int(*x)).collect();
                c.push(rate(v[5], v[4]));
                c
            },
            Some(&t),
            6,
            false,
            whole,
        ),
    });

    let mut spending = store::spending(conn, &span)?;
    let caps = crate::store::budget::lines(conn, year)?;
    let cap_of = |p: Option<i64>| {
        caps.iter()
            .find(|l| l.panel_id == p && l.category.is_none())
            .map(|l| l.cap_fen)
    };
    let mut office = vec![0; 3];
    for v in spending.values() {
        office.iter_mut().zip(v).for_each(|(s, x)| *s += x);
    }
    for h in &panels {
        spending.entry(h.id).or_insert_with(|| vec![0; 3]);
    }
    for (p, v) in spending.iter_mut() {
        v.push(p.and_then(|p| cap_of(Some(p))).unwrap_or(-1));
    }
    office.push(if whole {
        cap_of(None).unwrap_or(-1)
    } else {
        panel.and_then(|p| cap_of(Some(p))).unwrap_or(-1)
    });
    tables.push(Table {
        key: "spending",
        title: ("经费", "Spending"),
        dims: 2,
        rows: per_panel(
            &panels,
            &spending,
            vec![
                col("expenses", "笔数", "expenses", Kind::Int),
                col("paid", "已支付", "paid", Kind::Money),
                col("committed", "待支付", "committed", Kind::Money),
                col("spent", "合计", "total", Kind::Money),
                col("cap", "预算上限", "budget cap", Kind::Money),
                col("budget_used", "预算执行率", "budget used", Kind::Percent),
            ],
            |v| {
                let spent = v[1] + v[2];
                let cap = (v[3] >= 0).then_some(v[3]);
                vec![
                    Cell::Int(v[0]),
                    Cell::Int(v[1]),
                    Cell::Int(v[2]),
                    Cell::Int(spent),
                    cap.into(),
                    cap.map_or(Cell::Null, |c| rate(spent, c)),
                ]
            },
            Some(&office),
            4,
            true,
            whole,
        ),
    });

    let grades = store::grades(conn, &span)?;
    let assessed: Vec<Heading> = panels
        .into_iter()
        .filter(|h| grades.contains_key(&h.id))
        .collect();
    tables.push(Table {
        key: "grades",
        title: ("年度考核等次", "Assessment grades"),
        dims: 2,
        rows: per_panel(
            &assessed,
            &grades,
            vec![
                col("assessed", "考核人数", "assessed", Kind::Int),
                col("excellent", "优秀", "excellent", Kind::Int),
                col("competent", "称职", "competent", Kind::Int),
                col("basic", "基本称职", "basic", Kind::Int),
                col("incompetent", "不称职", "incompetent", Kind::Int),
                col("confirmed", "已确定", "confirmed", Kind::Int),
            ],
            |v| v.iter().map(|x| Cell::Int(*x)).collect(),
            None,
            6,
            true,
            whole && !grades.is_empty(),
        ),
    });

    let lines = headline(conn, year, as_of, &tables)?;
    Ok(Summary {
        year,
        as_of,
        lines,
        tables,
    })
}

/// A breakdown table: (panel, kind, count) rows for the kinds held, then the totals per kind.
fn breakdown(
    panels: &[Heading],
    found: &[(Option<i64>, String, i64)],
    key: &'static str,
    title: (&'static str, &'static str),
    what: Column,
    order: Vec<&str>,
    whole: bool,
) -> Table {
    let mut rows = RowSet::new(
        [
            head_columns(),
            vec![what, col("activities", "活动次数", "activities", Kind::Int)],
        ]
        .concat(),
    );
    let rank = |k: &str| order.iter().position(|c| *c == k).unwrap_or(usize::MAX);
    let mut totals: BTreeMap<usize, (String, i64)> = BTreeMap::new();
    let mut heads: Vec<Heading> = panels
        .iter()
        .map(|h| Heading {
            id: h.id,
            code: h.code.clone(),
            name: h.name.clone(),
        })
        .collect();
    heads.push(no_panel());
    for h in &heads {
        let mut mine: Vec<&(Option<i64>, String, i64)> =
            found.iter().filter(|(p, _, _)| *p == h.id).collect();
        mine.sort_by_key(|(_, k, _)| rank(k));
        for (_, k, n) in mine {
            rows.push(vec![
                h.code.clone().into(),
                h.name.clone().into(),
                k.clone().into(),
                Cell::Int(*n),
            ]);
            totals.entry(rank(k)).or_insert_with(|| (k.clone(), 0)).1 += n;
        }
    }
    if whole {
        let t = total();
        for (_, (k, n)) in totals {
            rows.push(vec![
                Cell::Null,
                t.name.clone().into(),
                k.into(),
                Cell::Int(n),
            ]);
        }
    }
    Table {
        key,
        title,
        dims: 3,
        rows,
    }
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
            "{office}{year} 年度工作总结（截至 {on}）",
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
    let (contacted, visits, coverage) = (n(&c, 2), n(&c, 3), n(&c, 8));
    lines.push(crate::tr!(
        "联系服务 {contacted} 次（走访 {visits} 次），节日问候覆盖率 {coverage}；经费支出 {spent} 元。",
        "Contacts {contacted} ({visits} visits), holiday greeting coverage {coverage}; spending {spent} yuan."
    ));
    Ok(lines)
}
