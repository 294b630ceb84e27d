//! `roster report ledger ADVISOR [--year Y]`: one advisor's work ledger
//! (工作台账, seed 002 part 7(1)5) — appointments, activities with attendance
//! and opinions, advice with its outcome, contacts, recusals, the
//! enterprises' needs they were matched with (seed 003) and expenses, in
//! date order. Voided records are left out. Each part is read by the
//! advisor's index; only this advisor's rows are merged and sorted here.
//! Table and CSV show labels in the chosen language; JSON keeps the codes.

mod parts;

use rusqlite::{Connection, params};

use crate::cli::report::LedgerArgs;
use crate::context::Ctx;
use crate::i18n::pick;
use crate::input::{date, resolve};
use crate::labels::{Domain, LEDGER_ENTRY, PARTICIPANT_ROLE};
use crate::output::{Cell, Column, Doc, Format, Kind, RowSet, col, print_doc};
use parts::{activities, advice, appointments, contacts, expenses, needs, recusals};

/// One line of the ledger before it becomes cells.
#[derive(Default)]
struct Entry {
    date: String,
    entry: &'static str,
    /// The kind: its domain (always given; optional only for `Default`) and code.
    kind: (Option<&'static Domain>, String),
    panel: Option<String>,
    subject: Option<String>,
    /// Attendance, advice status or need status: a code of `ATTENDANCE`,
    /// `ADVICE_STATUS` or `NEED_STATUS`.
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
    entries.extend(needs(conn, who, first, last)?);
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
    // A reported event (五报告) is information received, not a contact
    // (`domain::coverage::REPORTED`): counted apart, as the summary does.
    let reports = entries
        .iter()
        .filter(|e| e.entry == "contact" && e.kind.1 == crate::domain::coverage::REPORTED)
        .count() as i64;
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
        col("reports", "收到五报告", "reports received", Kind::Int),
        col("recusals", "回避", "recusals", Kind::Int),
        col("needs", "需求对接", "needs matched", Kind::Int),
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
        (count("contact", &[]) - reports).into(),
        reports.into(),
        count("recusal", &[]).into(),
        count("need", &[]).into(),
        expenses.into(),
    ];
    Ok(Doc::default().record("advisor", columns, cells))
}
