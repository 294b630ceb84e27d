//! `roster report ledger ADVISOR [--year Y]`: one advisor's work ledger
//! (工作台账, seed 002 part 7(1)5) — appointments, activities with attendance
//! and opinions, advice with its outcome, contacts, recusals and expenses, in
//! date order. Voided records are left out. Each part is read by the
//! advisor's index; only this advisor's rows are merged and sorted here.
//! Table and CSV show labels in the chosen language; JSON keeps the codes.

use rusqlite::{Connection, params};

use crate::cli::report::LedgerArgs;
use crate::context::Ctx;
use crate::i18n::pick;
use crate::input::{date, resolve};
use crate::labels::{
    ACTIVITY_KIND, ADVICE_CHANNEL, ADVICE_STATUS, APPOINTMENT_STATUS, ATTENDANCE, CHANNEL,
    CONTACT_KIND, DISMISSAL_GROUND, Domain, EXPENSE_CATEGORY, FESTIVAL, LEDGER_ENTRY,
    PARTICIPANT_ROLE, STEP_EVENT,
};
use crate::output::{Cell, Column, Doc, Format, Kind, RowSet, col, print_doc};

/// One line of the ledger before it becomes cells.
#[derive(Default)]
struct Entry {
    date: String,
    entry: &'static str,
    /// The kind: its domain (always given; optional only for `Default`) and code.
    kind: (Option<&'static Domain>, String),
    panel: Option<String>,
    subject: Option<String>,
    /// Attendance or advice status, a code of `ATTENDANCE` or `ADVICE_STATUS`.
    outcome: Option<(&'static Domain, String)>,
    role: Option<String>,
    detail: Vec<String>,
    amount: Option<i64>,
    id: i64,
}

/// Labels for people, codes for scripts.
fn shown(json: bool, domain: Option<&Domain>, code: String) -> String {
    match domain {
        Some(d) if !json => d.label(&code),
        _ => code,
    }
}

fn labelled(zh: &'static str, en: &'static str, value: &str) -> String {
    format!("{}{value}", pick(zh, en))
}

fn appointments(
    conn: &Connection,
    who: i64,
    first: &str,
    last: &str,
    today: &str,
) -> anyhow::Result<Vec<Entry>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT st.on_date, st.step, p.code, p.name, st.reference, ap.term_start, ap.term_end, ap.dismissal_ground, ap.id
         FROM appointments ap JOIN appointment_steps st ON st.appointment_id = ap.id JOIN panels p ON p.id = ap.panel_id
         WHERE ap.advisor_id = ?1 AND st.step IN ('nominated','appointed','rejected','dismissed','resigned')
           AND st.on_date BETWEEN ?2 AND ?3
         ORDER BY st.on_date, st.id",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let step: String = r.get(1)?;
        let term: Option<String> = r
            .get::<_, Option<String>>(5)?
            .zip(r.get::<_, Option<String>>(6)?)
            .map(|(a, b)| format!("{a} ~ {b}"));
        let ground: Option<String> = r.get(7)?;
        let mut detail = Vec::new();
        if step == "appointed"
            && let Some(t) = term
        {
            detail.push(labelled("聘期：", "term: ", &t));
        }
        if step == "dismissed"
            && let Some(g) = ground
        {
            detail.push(labelled("情形：", "ground: ", &DISMISSAL_GROUND.label(&g)));
        }
        if let Some(reference) = r.get::<_, Option<String>>(4)? {
            detail.push(labelled("依据：", "reference: ", &reference));
        }
        Ok(Entry {
            date: r.get(0)?,
            entry: "appointment",
            kind: (Some(&STEP_EVENT), step.to_string()),
            panel: r.get(2)?,
            subject: r.get(3)?,
            detail,
            id: r.get(8)?,
            ..Entry::default()
        })
    })?;
    for row in rows {
        out.push(row?);
    }
    // A term that ran out without renewal ends the relation by itself (seed 000 art. 7).
    let sql = format!(
        "SELECT ap.term_end, p.code, p.name, ap.id FROM appointments ap JOIN panels p ON p.id = ap.panel_id
         WHERE ap.advisor_id = ?1 AND ap.term_end BETWEEN ?2 AND ?3 AND ({}) = 'expired'",
        crate::store::status_expr("ap", "?4")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![who, first, last, today], |r| {
        Ok(Entry {
            date: r.get(0)?,
            entry: "appointment",
            kind: (Some(&APPOINTMENT_STATUS), "expired".to_string()),
            panel: r.get(1)?,
            subject: r.get(2)?,
            id: r.get(3)?,
            ..Entry::default()
        })
    })?;
    for row in rows {
        out.push(row?);
    }
    Ok(out)
}

fn activities(conn: &Connection, who: i64, first: &str, last: &str) -> anyhow::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ac.on_date, ac.kind, p.code, ac.topic, pa.attendance, pa.role, pa.excuse_reason, pa.opinion,
                pa.override_reason, pa.guest, ac.hours, ac.minutes_ref, ac.id
         FROM participants pa JOIN activities ac ON ac.id = pa.activity_id LEFT JOIN panels p ON p.id = ac.panel_id
         WHERE pa.advisor_id = ?1 AND pa.voided_at IS NULL AND ac.voided_at IS NULL AND ac.on_date BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let mut detail = Vec::new();
        if let Some(reason) = r.get::<_, Option<String>>(6)? {
            detail.push(labelled("请假原因：", "excuse: ", &reason));
        }
        if let Some(opinion) = r.get::<_, Option<String>>(7)? {
            detail.push(labelled("意见：", "opinion: ", &opinion));
        }
        if let Some(reason) = r.get::<_, Option<String>>(8)? {
            detail.push(labelled("回避豁免：", "recusal overridden: ", &reason));
        }
        if r.get::<_, bool>(9)? {
            detail.push(pick("特邀参加", "as a guest").to_string());
        }
        if let Some(hours) = r.get::<_, Option<f64>>(10)? {
            detail.push(labelled("时长(小时)：", "hours: ", &hours.to_string()));
        }
        if let Some(minutes) = r.get::<_, Option<String>>(11)? {
            detail.push(labelled("纪要：", "minutes: ", &minutes));
        }
        let attendance: String = r.get(4)?;
        let role: String = r.get(5)?;
        Ok(Entry {
            date: r.get(0)?,
            entry: "activity",
            kind: (Some(&ACTIVITY_KIND), r.get(1)?),
            panel: r.get(2)?,
            subject: r.get(3)?,
            outcome: Some((&ATTENDANCE, attendance)),
            role: Some(role),
            detail,
            id: r.get(12)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn advice(conn: &Connection, who: i64, first: &str, last: &str) -> anyhow::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ad.on_date, ad.channel, p.code, ad.title, ad.status, ad.assigned_unit, ad.not_adopted_reason,
                ad.endorsed_by, ad.endorsed_on, ad.feedback_on, ad.feedback_by, ad.id
         FROM advice_advisors aa JOIN advice ad ON ad.id = aa.advice_id LEFT JOIN panels p ON p.id = ad.panel_id
         WHERE aa.advisor_id = ?1 AND ad.voided_at IS NULL AND ad.on_date BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let mut detail = Vec::new();
        if let Some(unit) = r.get::<_, Option<String>>(5)? {
            detail.push(labelled("交办：", "assigned to: ", &unit));
        }
        if let Some(reason) = r.get::<_, Option<String>>(6)? {
            detail.push(labelled("未采纳理由：", "not adopted because: ", &reason));
        }
        if let (Some(by), Some(on)) = (
            r.get::<_, Option<String>>(7)?,
            r.get::<_, Option<String>>(8)?,
        ) {
            detail.push(labelled(
                "领导批示：",
                "endorsed by ",
                &format!("{by} {on}"),
            ));
        }
        match (
            r.get::<_, Option<String>>(9)?,
            r.get::<_, Option<String>>(10)?,
        ) {
            (Some(on), Some(by)) => {
                detail.push(labelled("已反馈：", "feedback: ", &format!("{on} {by}")))
            }
            _ => detail.push(pick("尚未反馈", "no feedback yet").to_string()),
        }
        Ok(Entry {
            date: r.get(0)?,
            entry: "advice",
            kind: (Some(&ADVICE_CHANNEL), r.get(1)?),
            panel: r.get(2)?,
            subject: r.get(3)?,
            outcome: Some((&ADVICE_STATUS, r.get(4)?)),
            detail,
            id: r.get(11)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn contacts(conn: &Connection, who: i64, first: &str, last: &str) -> anyhow::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.on_date, c.kind, c.channel, c.festival, c.note, l.name, c.id
         FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id LEFT JOIN liaisons l ON l.id = c.liaison_id
         WHERE ca.advisor_id = ?1 AND c.voided_at IS NULL AND c.on_date BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let mut detail = Vec::new();
        if let Some(channel) = r.get::<_, Option<String>>(2)? {
            detail.push(CHANNEL.label(&channel));
        }
        if let Some(liaison) = r.get::<_, Option<String>>(5)? {
            detail.push(labelled("联系人：", "liaison: ", &liaison));
        }
        let festival = r.get::<_, Option<String>>(3)?.map(|f| FESTIVAL.label(&f));
        Ok(Entry {
            date: r.get(0)?,
            entry: "contact",
            kind: (Some(&CONTACT_KIND), r.get(1)?),
            subject: r.get::<_, Option<String>>(4)?.or(festival),
            detail,
            id: r.get(6)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn recusals(conn: &Connection, who: i64, first: &str, last: &str) -> anyhow::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT on_date, matter, related_unit, reason, id FROM recusals
         WHERE advisor_id = ?1 AND voided_at IS NULL AND on_date BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let mut detail = Vec::new();
        if let Some(unit) = r.get::<_, Option<String>>(2)? {
            detail.push(labelled("相关单位/项目：", "related: ", &unit));
        }
        detail.push(labelled("理由：", "reason: ", &r.get::<_, String>(3)?));
        Ok(Entry {
            date: r.get(0)?,
            entry: "recusal",
            kind: (Some(&LEDGER_ENTRY), "recusal".to_string()),
            subject: r.get(1)?,
            detail,
            id: r.get(4)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn expenses(conn: &Connection, who: i64, first: &str, last: &str) -> anyhow::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.on_date, e.category, p.code, e.note, e.amount_fen, e.payer_unit, e.voucher_no, e.id
         FROM expenses e LEFT JOIN panels p ON p.id = e.panel_id
         WHERE e.advisor_id = ?1 AND e.voided_at IS NULL AND e.on_date BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let mut detail = Vec::new();
        if let Some(unit) = r.get::<_, Option<String>>(5)? {
            detail.push(labelled("支付单位：", "paid by: ", &unit));
        }
        if let Some(voucher) = r.get::<_, Option<String>>(6)? {
            detail.push(labelled("凭证：", "voucher: ", &voucher));
        }
        Ok(Entry {
            date: r.get(0)?,
            entry: "expense",
            kind: (Some(&EXPENSE_CATEGORY), r.get(1)?),
            panel: r.get(2)?,
            subject: r.get(3)?,
            amount: Some(r.get(4)?),
            detail,
            id: r.get(7)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn order(entry: &str) -> usize {
    LEDGER_ENTRY
        .codes()
        .position(|c| c == entry)
        .unwrap_or(usize::MAX)
}

/// The ledger's columns (shared with the `ledger` export).
pub(crate) static COLUMNS: &[Column] = &[
    col("date", "日期", "date", Kind::Date),
    col("entry", "类别", "entry", Kind::Enum(&LEDGER_ENTRY)),
    col("kind", "事项", "kind", Kind::Text),
    col("panel", "顾问团", "panel", Kind::Text),
    col("subject", "内容", "subject", Kind::Text),
    col("outcome", "情况", "outcome", Kind::Text),
    col("role", "角色", "role", Kind::Text),
    col("detail", "说明", "detail", Kind::Text),
    col("amount", "金额(元)", "amount (yuan)", Kind::Money),
    col("ref", "编号", "ref", Kind::Int),
];

/// The first and last day of `year` (every day when `None`).
fn period(year: Option<i32>) -> (String, String) {
    match year {
        Some(y) => (format!("{y}-01-01"), format!("{y}-12-31")),
        None => ("0000-01-01".to_string(), "9999-12-31".to_string()),
    }
}

/// Every line of the advisor's ledger for the period, in date order.
fn entries(
    conn: &Connection,
    who: i64,
    first: &str,
    last: &str,
    today: &str,
) -> anyhow::Result<Vec<Entry>> {
    let mut entries = appointments(conn, who, first, last, today)?;
    entries.extend(activities(conn, who, first, last)?);
    entries.extend(advice(conn, who, first, last)?);
    entries.extend(contacts(conn, who, first, last)?);
    entries.extend(recusals(conn, who, first, last)?);
    entries.extend(expenses(conn, who, first, last)?);
    entries.sort_by(|a, b| (&a.date, order(a.entry), a.id).cmp(&(&b.date, order(b.entry), b.id)));
    Ok(entries)
}

/// The ledger's lines as rows: labels for people, codes when `json`.
fn rows(entries: Vec<Entry>, json: bool) -> RowSet {
    let mut rows = RowSet::new(COLUMNS.to_vec());
    for e in entries {
        rows.push(vec![
            e.date.into(),
            e.entry.into(),
            shown(json, e.kind.0, e.kind.1).into(),
            e.panel.into(),
            e.subject.into(),
            e.outcome.map(|(d, c)| shown(json, Some(d), c)).into(),
            e.role
                .map(|r| shown(json, Some(&PARTICIPANT_ROLE), r))
                .into(),
            (!e.detail.is_empty())
                .then(|| e.detail.join(pick("；", "; ")))
                .into(),
            e.amount.into(),
            e.id.into(),
        ]);
    }
    rows
}

/// The rows of advisor `who`'s ledger for `year` (all years when `None`),
/// as `report ledger` shows them in a table or CSV.
pub(crate) fn ledger_rows(
    conn: &Connection,
    who: i64,
    year: Option<i32>,
    today: &str,
) -> anyhow::Result<RowSet> {
    let (first, last) = period(year);
    Ok(rows(entries(conn, who, &first, &last, today)?, false))
}

pub fn run(ctx: &Ctx, args: &LedgerArgs) -> anyhow::Result<()> {
    let year = args
        .year
        .as_deref()
        .map(|y| date::parse_year("--year", y))
        .transpose()?;
    let (first, last) = period(year);
    let today = date::iso(ctx.today());
    let json = ctx.env.format == Format::Json;
    let doc = ctx.read(|conn| {
        let who = resolve::advisor(conn, &ctx.env, "ADVISOR", &args.advisor)?;
        let advisor = crate::store::advisor::get(conn, who.id)?;
        let entries = entries(conn, who.id, &first, &last, &today)?;
        let summary = summarize(conn, &advisor, year, &entries, &first, &last)?;
        Ok(summary.table("ledger", ("工作台账", "Work ledger"), rows(entries, json)))
    })?;
    print_doc(&ctx.env, &doc)
}

/// The ledger's head: who, which period, and the period's counts.
fn summarize(
    conn: &Connection,
    advisor: &crate::store::advisor::Advisor,
    year: Option<i32>,
    entries: &[Entry],
    first: &str,
    last: &str,
) -> anyhow::Result<Doc> {
    let panels: Option<String> = conn.query_row(
        "SELECT group_concat(DISTINCT p.name) FROM appointments ap JOIN panels p ON p.id = ap.panel_id
         WHERE ap.advisor_id = ?1 AND ap.state IN ('appointed','dismissed','resigned')
           AND ap.term_start <= ?3 AND ap.term_end >= ?2",
        params![advisor.id, first, last],
        |r| r.get(0),
    )?;
    let count = |entry: &str, outcomes: &[&str]| -> i64 {
        entries
            .iter()
            .filter(|e| e.entry == entry)
            .filter(|e| {
                outcomes.is_empty()
                    || e.outcome
                        .as_ref()
                        .is_some_and(|(_, o)| outcomes.contains(&o.as_str()))
            })
            .count() as i64
    };
    let expenses: i64 = entries.iter().filter_map(|e| e.amount).sum();
    let period = match year {
        Some(y) => y.to_string(),
        None => pick("全部", "all years").to_string(),
    };
    let columns = vec![
        col("code", "编码", "code", Kind::Text),
        col("name", "姓名", "name", Kind::Text),
        col("employer", "工作单位", "employer", Kind::Text),
        col("panels", "所在顾问团", "panels", Kind::Text),
        col("period", "期间", "period", Kind::Text),
        col("activities", "履职活动", "activities", Kind::Int),
        col("attended", "出席", "attended", Kind::Int),
        col("excused", "请假", "excused", Kind::Int),
        col("absent", "无故缺席", "unexcused absences", Kind::Int),
        col("advice", "意见建议", "advice", Kind::Int),
        col("adopted", "被采纳", "adopted", Kind::Int),
        col("contacts", "联系服务", "contacts", Kind::Int),
        col("recusals", "回避", "recusals", Kind::Int),
        col("expenses", "经费合计", "expenses", Kind::Money),
    ];
    let cells: Vec<Cell> = vec![
        advisor.code.clone().into(),
        advisor.name.clone().into(),
        advisor.employer.clone().into(),
        panels.into(),
        period.into(),
        count("activity", &[]).into(),
        count("activity", &["attended"]).into(),
        count("activity", &["excused"]).into(),
        count("activity", &["absent"]).into(),
        count("advice", &[]).into(),
        count("advice", &["adopted", "partly_adopted", "implemented"]).into(),
        count("contact", &[]).into(),
        count("recusal", &[]).into(),
        expenses.into(),
    ];
    Ok(Doc::default().record("advisor", columns, cells))
}
