//! The tables of the yearly summary, each from one or a few grouped reads
//! (`store::summary`): the roster, the work and advice, contacts and
//! greetings, money and grades.

use rusqlite::Connection;

use super::Table;
use super::shape::{Breakdown, Heading, Shape, breakdown, per_panel, rate};
use crate::domain::coverage;
use crate::input::date;
use crate::labels::{ACTIVITY_KIND, CONTACT_KIND, MODE};
use crate::output::{Cell, Kind, col};
use crate::store::summary::{self as store, ByPanel, Span};

/// Serving at both ends of the span, and the changes in it.
pub(super) fn roster(
    conn: &Connection,
    span: &Span,
    panels: &[Heading],
    whole: bool,
    tables: &mut Vec<Table>,
) -> anyhow::Result<()> {
    let roster = store::roster(conn, span)?;
    let t = roster.get(&None).cloned().unwrap_or_else(|| vec![0; 7]);
    tables.push(Table {
        key: "roster",
        title: ("名册变动", "The roster"),
        dims: 2,
        rows: per_panel(
            panels,
            &roster,
            vec![
                col(
                    "serving_start",
                    "年初在聘",
                    "serving as the year began",
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
            Shape {
                totals: Some(&t),
                width: 7,
                unbooked: false,
                with_total: whole,
                persons: true,
            },
        ),
    });
    Ok(())
}

/// Activities with attendance, by kind and by mode; advice and its handling.
pub(super) fn work(
    conn: &Connection,
    span: &Span,
    panels: &[Heading],
    whole: bool,
    tables: &mut Vec<Table>,
) -> anyhow::Result<()> {
    let kinds = store::activities_by(conn, span, "kind")?;
    let written: ByPanel = kinds
        .iter()
        .filter(|(_, k, _)| k == "written_opinion")
        .map(|(p, _, n)| (*p, vec![*n]))
        .collect();
    let mut held: ByPanel = ByPanel::new();
    for (p, _, n) in &kinds {
        held.entry(*p).or_insert_with(|| vec![0])[0] += n;
    }
    let mut work = store::attendance(conn, span)?;
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
            panels,
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
                // Of the participations recorded (invitations still 待登记
                // are not yet attended or missed).
                col(
                    "attendance_rate",
                    "出席率（按已登记）",
                    "attendance rate (of those recorded)",
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
            Shape {
                totals: None,
                width: 8,
                unbooked: true,
                with_total: whole,
                persons: false,
            },
        ),
    });
    let activities = || col("activities", "活动次数", "activities", Kind::Int);
    let by_kind = Breakdown {
        key: "activity_kinds",
        title: ("活动（按类型）", "Activities by kind"),
        what: col("kind", "活动类型", "kind", Kind::Enum(&ACTIVITY_KIND)),
        count: activities(),
        order: ACTIVITY_KIND.codes().collect(),
        totals: None,
    };
    tables.push(breakdown(panels, &kinds, by_kind, whole));
    let modes = store::activities_by(conn, span, "mode")?;
    let by_mode = Breakdown {
        key: "activity_modes",
        title: ("活动（按方式）", "Activities by mode"),
        what: col("mode", "方式", "mode", Kind::Enum(&MODE)),
        count: activities(),
        order: MODE.codes().collect(),
        totals: None,
    };
    tables.push(breakdown(panels, &modes, by_mode, whole));

    let advice = store::advice(conn, span)?;
    tables.push(Table {
        key: "advice",
        title: ("意见建议", "Advice"),
        dims: 2,
        rows: per_panel(
            panels,
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
            Shape {
                totals: None,
                width: 7,
                unbooked: true,
                with_total: whole,
                persons: false,
            },
        ),
    });
    Ok(())
}

/// Contacts, visits, greetings, reported events received (seed 004 五报告,
/// not counted as contacts), and festival coverage (seed 000).
pub(super) fn contacts(
    conn: &Connection,
    span: &Span,
    panels: &[Heading],
    whole: bool,
    tables: &mut Vec<Table>,
) -> anyhow::Result<()> {
    let (year, as_of) = (span.year, date::from_db(&span.as_of)?);
    let mut contacts = store::contacts(conn, span)?;
    let mut greetings: ByPanel = ByPanel::new();
    for (festival, day) in coverage::festivals_due(year, as_of) {
        for (p, v) in store::festival(conn, span, festival.code(), &date::iso(day))? {
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
            .or_insert_with(|| [vec![0; 5], g.clone()].concat());
    }
    let t = contacts.get(&None).cloned().unwrap_or_else(|| vec![0; 7]);
    tables.push(Table {
        key: "contacts",
        title: ("联系服务与节日问候", "Contacts and holiday greetings"),
        dims: 2,
        rows: per_panel(
            panels,
            &contacts,
            vec![
                col("contacts", "联系次数", "contacts", Kind::Int),
                col(
                    "visits",
                    "走访（含登门拜访）",
                    "visits (incl. home visits)",
                    Kind::Int,
                ),
                col("greetings", "节日慰问", "greetings", Kind::Int),
                col(
                    "advisors_contacted",
                    "联系专家",
                    "advisors contacted",
                    Kind::Int,
                ),
                col("reports", "收到五报告", "reports received", Kind::Int),
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
                c.push(rate(v[6], v[5]));
                c
            },
            Shape {
                totals: Some(&t),
                width: 7,
                unbooked: false,
                with_total: whole,
                persons: true,
            },
        ),
    });
    // Each kind apart, so the six activities of seed 004 三(一)4 that are
    // contacts (节日慰问, 线上互动, 工作通报) show beside the other ways.
    let (kinds, totals) = store::contacts_by_kind(conn, span)?;
    let by_kind = Breakdown {
        key: "contact_kinds",
        title: ("联系服务（按方式）", "Contacts by kind"),
        what: col("kind", "联系方式", "kind", Kind::Enum(&CONTACT_KIND)),
        count: col("contacts", "联系次数", "contacts", Kind::Int),
        order: CONTACT_KIND.codes().collect(),
        totals: Some(totals),
    };
    tables.push(breakdown(panels, &kinds, by_kind, whole));
    Ok(())
}

/// Spending against the year's budget; grades once assessed.
pub(super) fn money(
    conn: &Connection,
    span: &Span,
    panels: &[Heading],
    whole: bool,
    tables: &mut Vec<Table>,
) -> anyhow::Result<()> {
    let (year, panel) = (span.year, span.panel);
    let mut spending = store::spending(conn, span)?;
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
    for h in panels {
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
            panels,
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
            Shape {
                totals: Some(&office),
                width: 4,
                unbooked: true,
                with_total: whole,
                persons: false,
            },
        ),
    });

    let grades = store::grades(conn, span)?;
    let assessed: Vec<Heading> = panels
        .iter()
        .filter(|h| grades.contains_key(&h.id))
        .cloned()
        .collect();
    let mut rows = per_panel(
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
        Shape {
            totals: None,
            width: 6,
            unbooked: true,
            with_total: whole && !grades.is_empty(),
            persons: false,
        },
    );
    // A run with no panel assessed the whole office (seed 001 art. 16: the
    // city's advisors): say so, rather than "booked to no panel".
    let unbooked = super::shape::no_panel().name;
    for row in &mut rows.rows {
        if matches!(&row[1], Cell::Text(name) if *name == unbooked) {
            row[1] = Cell::Text(
                crate::i18n::pick("全办考核（不分顾问团）", "the whole office (no panel)")
                    .to_string(),
            );
        }
    }
    tables.push(Table {
        key: "grades",
        title: ("年度考核等次", "Assessment grades"),
        dims: 2,
        rows,
    });
    Ok(())
}
