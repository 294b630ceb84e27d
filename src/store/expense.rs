//! Expenses: reading and writing the `expenses` table, and the service facts
//! an expense is checked against (which panels an advisor served on, on a
//! day or during a year).

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::budget::Service;

/// An expense as stored (money in fen).
#[derive(Clone, Debug, Default)]
pub struct Expense {
    pub id: i64,
    pub advisor_id: i64,
    pub panel_id: Option<i64>,
    pub on_date: String,
    pub category: String,
    pub amount_fen: i64,
    pub payer_unit: Option<String>,
    pub voucher_no: Option<String>,
    pub activity_id: Option<i64>,
    pub controlled: bool,
    pub override_reason: Option<String>,
    pub stipend_year: Option<i64>,
    pub note: Option<String>,
    pub voided_at: Option<String>,
}

const COLUMNS: &str = "id, advisor_id, panel_id, on_date, category, amount_fen, payer_unit, voucher_no, \
    activity_id, controlled, override_reason, stipend_year, note, voided_at";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Expense> {
    Ok(Expense {
        id: r.get(0)?,
        advisor_id: r.get(1)?,
        panel_id: r.get(2)?,
        on_date: r.get(3)?,
        category: r.get(4)?,
        amount_fen: r.get(5)?,
        payer_unit: r.get(6)?,
        voucher_no: r.get(7)?,
        activity_id: r.get(8)?,
        controlled: r.get(9)?,
        override_reason: r.get(10)?,
        stipend_year: r.get(11)?,
        note: r.get(12)?,
        voided_at: r.get(13)?,
    })
}

/// The expense #`id`, if there is one.
pub fn find(conn: &Connection, id: i64) -> anyhow::Result<Option<Expense>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM expenses WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

/// Inserts an expense; `e.id` is kept when not 0 (an import keeping numbers).
pub fn insert(conn: &Connection, e: &Expense, now: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO expenses (id, advisor_id, panel_id, on_date, category, amount_fen, payer_unit, voucher_no,
            activity_id, controlled, override_reason, stipend_year, note, created_at, updated_at)
         VALUES (NULLIF(?14, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
    )?
    .execute(params![
        e.advisor_id,
        e.panel_id,
        e.on_date,
        e.category,
        e.amount_fen,
        e.payer_unit,
        e.voucher_no,
        e.activity_id,
        e.controlled,
        e.override_reason,
        e.stipend_year,
        e.note,
        now,
        e.id
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Attaches a payment voucher.
pub fn set_voucher(conn: &Connection, id: i64, voucher: &str, now: &str) -> anyhow::Result<()> {
    conn.prepare_cached("UPDATE expenses SET voucher_no = ?1, updated_at = ?2 WHERE id = ?3")?
        .execute(params![voucher, now, id])?;
    Ok(())
}

/// Voids an expense with a reason (it stays in history).
pub fn void(conn: &Connection, id: i64, reason: &str, now: &str) -> anyhow::Result<()> {
    conn.prepare_cached(
        "UPDATE expenses SET voided_at = ?1, void_reason = ?2, updated_at = ?1 WHERE id = ?3",
    )?
    .execute(params![now, reason, id])?;
    Ok(())
}

/// The live expense that already carries `voucher`, if any.
pub fn voucher_holder(conn: &Connection, voucher: &str) -> anyhow::Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM expenses WHERE voucher_no = ?1 AND voided_at IS NULL LIMIT 1",
        )?
        .query_row([voucher], |r| r.get(0))
        .optional()?)
}

/// The live stipend payment of an advisor for a year, if any.
pub fn stipend_of(
    conn: &Connection,
    advisor_id: i64,
    year: i32,
) -> anyhow::Result<Option<Expense>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM expenses WHERE advisor_id = ?1 AND stipend_year = ?2 AND voided_at IS NULL"
        ))?
        .query_row(params![advisor_id, year], from_row)
        .optional()?)
}

/// Whether activity #`id` exists (`Some`) and whether it is void.
pub fn activity_voided(conn: &Connection, id: i64) -> anyhow::Result<Option<bool>> {
    Ok(conn
        .prepare_cached("SELECT voided_at IS NOT NULL FROM activities WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The panels (id, code) an advisor serves on, on `date`.
pub fn panels_on(
    conn: &Connection,
    advisor_id: i64,
    date: &str,
) -> anyhow::Result<Vec<(i64, String)>> {
    let sql = format!(
        "SELECT DISTINCT p.id, p.code FROM appointments ap JOIN panels p ON p.id = ap.panel_id
         WHERE ap.advisor_id = ? AND {} ORDER BY p.id",
        crate::store::serving_condition("ap")
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(params![advisor_id, date, date, date], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// One of an advisor's terms, as a refusal names it.
#[derive(Clone, Debug)]
pub struct Term {
    pub panel_code: String,
    pub term_start: String,
    pub term_end: String,
    pub state: String,
    pub ended_on: Option<String>,
}

/// Every term an advisor was appointed to (ended or not), oldest first.
pub fn terms_of(conn: &Connection, advisor_id: i64) -> anyhow::Result<Vec<Term>> {
    let rows = conn
        .prepare_cached(
            "SELECT p.code, ap.term_start, ap.term_end, ap.state, ap.ended_on
             FROM appointments ap JOIN panels p ON p.id = ap.panel_id
             WHERE ap.advisor_id = ?1 AND ap.state IN ('appointed','dismissed','resigned')
             ORDER BY ap.term_start, ap.id",
        )?
        .query_map([advisor_id], |r| {
            Ok(Term {
                panel_code: r.get(0)?,
                term_start: r.get(1)?,
                term_end: r.get(2)?,
                state: r.get(3)?,
                ended_on: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The condition "appointment `ap` serves on some day between ?first and
/// ?last" (the same reading as the yearly roster review), and the first and
/// last day it serves within them (the day before it ended early).
const SERVES_IN: &str = "ap.state IN ('appointed','dismissed','resigned') AND ap.term_start <= :last \
    AND ap.term_end >= :first AND (ap.ended_on IS NULL OR ap.ended_on > :first)";
const FIRST_DAY: &str = "max(ap.term_start, :first)";
const LAST_DAY: &str = "min(ap.term_end, IFNULL(date(ap.ended_on, '-1 day'), ap.term_end), :last)";

/// A panel served during a year, with its code.
#[derive(Clone, Debug)]
pub struct YearService {
    pub panel_code: String,
    pub service: Service,
}

/// Everyone who serves on some day of `year`: (advisor id, code, name,
/// personal stipend) with each panel served that year.
pub type Server = (i64, String, String, Option<i64>, Vec<YearService>);

fn year_bounds(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{year:04}-12-31"))
}

/// The panels an advisor served on during `year` (empty: not serving that year).
pub fn services_in_year(
    conn: &Connection,
    advisor_id: i64,
    year: i32,
) -> anyhow::Result<Vec<YearService>> {
    Ok(serving_in_year(conn, year, Some(advisor_id))?
        .into_iter()
        .next()
        .map(|s| s.4)
        .unwrap_or_default())
}

/// Everyone serving during `year` (or only `advisor_id`), by advisor code,
/// with the days each appointment serves within the year.
pub fn serving_in_year(
    conn: &Connection,
    year: i32,
    advisor_id: Option<i64>,
) -> anyhow::Result<Vec<Server>> {
    let (first, last) = year_bounds(year);
    let sql = format!(
        "SELECT a.id, a.code, a.name, a.stipend_fen, p.id, p.code, p.stipend_fen, {FIRST_DAY}, {LAST_DAY}
         FROM appointments ap JOIN advisors a ON a.id = ap.advisor_id JOIN panels p ON p.id = ap.panel_id
         WHERE {SERVES_IN} AND (:advisor IS NULL OR a.id = :advisor)
         ORDER BY a.code, p.id, ap.term_start"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt
        .query(rusqlite::named_params! {":first": first, ":last": last, ":advisor": advisor_id})?;
    let mut out: Vec<Server> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let panel_id: i64 = r.get(4)?;
        let span = (
            crate::input::date::from_db(&r.get::<_, String>(7)?)?,
            crate::input::date::from_db(&r.get::<_, String>(8)?)?,
        );
        if out.last().is_none_or(|last| last.0 != id) {
            out.push((id, r.get(1)?, r.get(2)?, r.get(3)?, Vec::new()));
        }
        let Some(server) = out.last_mut() else {
            continue;
        };
        match server.4.last_mut() {
            Some(s) if s.service.panel_id == panel_id => s.service.spans.push(span),
            _ => server.4.push(YearService {
                panel_code: r.get(5)?,
                service: Service {
                    panel_id,
                    panel_stipend_fen: r.get(6)?,
                    spans: vec![span],
                },
            }),
        }
    }
    Ok(out)
}
