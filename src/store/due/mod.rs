//! The reads behind `roster due`: one grouped query per kind of item, on
//! indexes, returning how many there are in all and at most `limit` rows
//! (the most urgent first). Nothing is loaded whole to be filtered here:
//! each query's `hits` are what is due; the names and details are looked up
//! for the rows listed only. People-centred kinds (greetings, contact,
//! liaison) are in `people.rs`, leaders in `leaders.rs`, both on today's
//! serving roster (`today.rs`; a festival's is in `serving.rs`).

mod duties;
mod ended;
mod leaders;
mod people;
mod serving;
mod today;
mod visits;

pub use duties::*;
pub use ended::*;
pub use leaders::*;
pub use people::*;
pub use serving::Day;
pub use today::Today;
pub use visits::*;

use rusqlite::{Connection, named_params};

/// What every query is asked: today, an optional panel, a row limit (-1:
/// all; never 0, so a total is always carried by the first row).
#[derive(Clone, Debug)]
pub struct Ask {
    pub today: String,
    pub panel: Option<i64>,
    pub limit: i64,
}

/// How many are due in all, and the rows listed.
#[derive(Clone, Debug)]
pub struct Found<T> {
    pub total: i64,
    pub rows: Vec<T>,
}

impl<T> Default for Found<T> {
    fn default() -> Self {
        Found {
            total: 0,
            rows: Vec::new(),
        }
    }
}

/// Totals are counted up to this many (and one more, to know there are
/// more): beyond it a number only says "a great many", and counting
/// hundreds of thousands of rows would cost more than the whole list.
pub const COUNT_CAP: i64 = 10_000;

/// `(SELECT count(*) FROM hits)`, capped.
const COUNT_HITS: &str = "(SELECT count(*) FROM (SELECT 1 FROM hits LIMIT 10001))";

/// Runs a query whose first column is the total (of `hits`, capped at
/// `COUNT_CAP` + 1) and the rest a row.
fn found<T>(
    conn: &Connection,
    sql: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
    row: impl Fn(&rusqlite::Row) -> rusqlite::Result<T>,
) -> anyhow::Result<Found<T>> {
    let sql = sql.replace("(SELECT count(*) FROM hits)", COUNT_HITS);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut total = 0;
    let mut rows = Vec::new();
    let mut cursor = stmt.query(params)?;
    while let Some(r) = cursor.next()? {
        total = r.get(0)?;
        rows.push(row(r)?);
    }
    // The total rides on every listed row; with no row listed there is none.
    Ok(Found { total, rows })
}

/// The first `:limit` of `hits` (id, term_end, advisor_id) by term end,
/// advisor code and id. Only the terms ending by the `:limit`-th term end
/// have their advisor's code read: of thousands of hits, a hundred or so
/// advisor rows are read instead of every one.
const LISTED_BY_TERM_END: &str = "cut AS (SELECT CASE WHEN :limit < 0 THEN NULL ELSE (
            SELECT term_end FROM hits ORDER BY term_end LIMIT 1 OFFSET max(:limit, 1) - 1) END AS last),
         listed AS (SELECT h.id FROM hits h JOIN advisors a ON a.id = h.advisor_id
            WHERE h.term_end <= IFNULL((SELECT last FROM cut), h.term_end)
            ORDER BY h.term_end, a.code, h.id LIMIT :limit)";

/// An appointed term ending within the window with no renewal appointed yet.
#[derive(Clone, Debug)]
pub struct TermEnd {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub panel: String,
    pub term_start: String,
    pub term_end: String,
    /// A renewal in the procedure: (id, state, its panel's steps).
    pub renewal: Option<(i64, String, String)>,
}

pub fn terms_ending(conn: &Connection, ask: &Ask, horizon: &str) -> anyhow::Result<Found<TermEnd>> {
    // `nx.state <> 'rejected'` lets the renewal lookup use its partial index.
    let sql = format!(
        "WITH hits AS MATERIALIZED (
            SELECT ap.id, ap.term_end, ap.advisor_id FROM appointments ap
            WHERE ap.state = 'appointed' AND ap.term_end BETWEEN :today AND :horizon AND ap.ended_on IS NULL
              AND (:panel IS NULL OR ap.panel_id = :panel)
              AND NOT EXISTS (SELECT 1 FROM appointments nx WHERE nx.previous_id = ap.id AND nx.state <> 'rejected'
                              AND nx.state IN ('appointed','dismissed','resigned'))),
         {LISTED_BY_TERM_END}
        SELECT (SELECT count(*) FROM hits), ap.id, a.code, a.name, p.code, ap.term_start, ap.term_end,
               nx.id, nx.state, np.steps
        FROM listed h JOIN appointments ap ON ap.id = h.id JOIN advisors a ON a.id = ap.advisor_id
        JOIN panels p ON p.id = ap.panel_id
        LEFT JOIN appointments nx ON nx.previous_id = ap.id AND nx.state <> 'rejected'
        LEFT JOIN panels np ON np.id = nx.panel_id
        ORDER BY ap.term_end, a.code, ap.id"
    );
    found(
        conn,
        &sql,
        named_params! { ":today": ask.today, ":horizon": horizon, ":panel": ask.panel, ":limit": ask.limit },
        |r| {
            let renewal = match r.get::<_, Option<i64>>(7)? {
                Some(id) => Some((id, r.get(8)?, r.get(9)?)),
                None => None,
            };
            Ok(TermEnd {
                id: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
                panel: r.get(4)?,
                term_start: r.get(5)?,
                term_end: r.get(6)?,
                renewal,
            })
        },
    )
}

/// A term in office whose evaluation falls due within the window and has
/// not been recorded.
#[derive(Clone, Debug)]
pub struct Evaluation {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub panel: String,
    pub term_end: String,
}

/// `last_end`: the latest term end whose evaluation is due by the horizon.
pub fn evaluations(
    conn: &Connection,
    ask: &Ask,
    first_end: &str,
    last_end: &str,
) -> anyhow::Result<Found<Evaluation>> {
    let sql = format!(
        "WITH hits AS MATERIALIZED (
            SELECT ap.id, ap.term_end, ap.advisor_id FROM appointments ap
            WHERE ap.state = 'appointed' AND ap.term_end BETWEEN :first_end AND :last_end AND ap.ended_on IS NULL
              AND ap.term_start <= :today AND (:panel IS NULL OR ap.panel_id = :panel)
              AND NOT EXISTS (SELECT 1 FROM appointment_steps s WHERE s.appointment_id = ap.id AND s.step = 'evaluated')),
         {LISTED_BY_TERM_END}
        SELECT (SELECT count(*) FROM hits), ap.id, a.code, a.name, p.code, ap.term_end
        FROM listed h JOIN appointments ap ON ap.id = h.id JOIN advisors a ON a.id = ap.advisor_id
        JOIN panels p ON p.id = ap.panel_id
        ORDER BY ap.term_end, a.code, ap.id"
    );
    found(
        conn,
        &sql,
        named_params! { ":today": ask.today, ":first_end": first_end, ":last_end": last_end, ":panel": ask.panel, ":limit": ask.limit },
        |r| {
            Ok(Evaluation {
                id: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
                panel: r.get(4)?,
                term_end: r.get(5)?,
            })
        },
    )
}

/// A nomination through every step its panel uses: a public notice over
/// (or ending within the window), or the last step done where there is no
/// notice. `due` is the first day it may be appointed.
#[derive(Clone, Debug)]
pub struct Ready {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub panel: String,
    pub state: String,
    pub due: String,
    pub notice_end: Option<String>,
    pub renewal_of: Option<i64>,
}

pub fn ready_to_appoint(
    conn: &Connection,
    ask: &Ask,
    horizon: &str,
) -> anyhow::Result<Found<Ready>> {
    let sql = "WITH open AS (
            SELECT ap.id, ap.state,
                   CASE WHEN ap.state = 'publicized' THEN date(ap.notice_end, '+1 day')
                        ELSE (SELECT max(s.on_date) FROM appointment_steps s WHERE s.appointment_id = ap.id) END AS due
            FROM appointments ap JOIN panels p ON p.id = ap.panel_id
            WHERE ap.state IN ('nominated','vetted','checked','reviewed','approved','publicized')
              AND (:panel IS NULL OR ap.panel_id = :panel)
              AND (ap.state = 'publicized' OR (p.steps = '' AND ap.state = 'nominated')
                   OR p.steps = ap.state OR p.steps LIKE '%,' || ap.state)),
         hits AS (SELECT id, state, due FROM open WHERE due <= :horizon),
         listed AS (SELECT * FROM hits ORDER BY due, id LIMIT :limit)
        SELECT (SELECT count(*) FROM hits), ap.id, a.code, a.name, p.code, h.state, h.due, ap.notice_end, ap.previous_id
        FROM listed h JOIN appointments ap ON ap.id = h.id JOIN advisors a ON a.id = ap.advisor_id
        JOIN panels p ON p.id = ap.panel_id
        ORDER BY h.due, a.code, ap.id";
    found(
        conn,
        sql,
        named_params! { ":horizon": horizon, ":panel": ask.panel, ":limit": ask.limit },
        |r| {
            Ok(Ready {
                id: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
                panel: r.get(4)?,
                state: r.get(5)?,
                due: r.get(6)?,
                notice_end: r.get(7)?,
                renewal_of: r.get(8)?,
            })
        },
    )
}

/// Advice still without feedback to its advisors, submitted by `latest`.
#[derive(Clone, Debug)]
pub struct Owed {
    pub id: i64,
    pub title: String,
    pub on_date: String,
    pub status: String,
    pub panel: Option<String>,
    /// Advisors' codes and names, comma-separated, in the same order.
    pub codes: String,
    pub names: String,
    /// Who usually gives the feedback: the head of the panel's liaison office.
    pub feedback_by: Option<String>,
}

pub fn advice_owed(conn: &Connection, ask: &Ask, latest: &str) -> anyhow::Result<Found<Owed>> {
    // The partial indexes hold exactly the advice owed feedback, by date
    // (the planner would otherwise walk the status index), and by panel
    // and date for one panel's.
    let (index, scope) = if ask.panel.is_some() {
        ("INDEXED BY advice_awaiting_panel", "ad.panel_id = :panel")
    } else {
        ("INDEXED BY advice_awaiting", ":panel IS NULL")
    };
    let sql = format!(
        "WITH hits AS (
            SELECT ad.id FROM advice ad {index}
            WHERE ad.feedback_on IS NULL AND ad.voided_at IS NULL AND ad.on_date <= :latest AND {scope}),
         listed AS (SELECT ad.id FROM advice ad {index}
            WHERE ad.feedback_on IS NULL AND ad.voided_at IS NULL AND ad.on_date <= :latest AND {scope}
            ORDER BY ad.on_date, ad.id LIMIT :limit)
        SELECT (SELECT count(*) FROM hits), ad.id, ad.title, ad.on_date, ad.status, p.code,
            (SELECT group_concat(a.code, ',') FROM (SELECT a.code FROM advice_advisors aa
                JOIN advisors a ON a.id = aa.advisor_id WHERE aa.advice_id = ad.id ORDER BY a.code) a),
            (SELECT group_concat(a.name, ',') FROM (SELECT a.name FROM advice_advisors aa
                JOIN advisors a ON a.id = aa.advisor_id WHERE aa.advice_id = ad.id ORDER BY a.code) a),
            p.office_head
        FROM listed h JOIN advice ad ON ad.id = h.id LEFT JOIN panels p ON p.id = ad.panel_id
        ORDER BY ad.on_date, ad.id"
    );
    found(
        conn,
        &sql,
        named_params! { ":latest": latest, ":panel": ask.panel, ":limit": ask.limit },
        |r| {
            Ok(Owed {
                id: r.get(1)?,
                title: r.get(2)?,
                on_date: r.get(3)?,
                status: r.get(4)?,
                panel: r.get(5)?,
                codes: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                names: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                feedback_by: r.get(8)?,
            })
        },
    )
}

/// An assessment run still a draft, for a year up to `last_year`.
#[derive(Clone, Debug)]
pub struct Draft {
    pub id: i64,
    pub year: i32,
    pub panel: Option<(String, String)>,
    pub results: i64,
}

pub fn draft_runs(conn: &Connection, ask: &Ask, last_year: i32) -> anyhow::Result<Found<Draft>> {
    let sql = "WITH hits AS (
            SELECT r.id FROM assess_runs r
            WHERE r.state = 'draft' AND r.year <= :last_year
              AND (:panel IS NULL OR r.panel_id = :panel OR r.panel_id IS NULL)),
         listed AS (SELECT r.id FROM hits h JOIN assess_runs r ON r.id = h.id ORDER BY r.year, r.id LIMIT :limit)
        SELECT (SELECT count(*) FROM hits), r.id, r.year, p.code, p.name,
               (SELECT count(*) FROM assessments s WHERE s.run_id = r.id)
        FROM listed h JOIN assess_runs r ON r.id = h.id LEFT JOIN panels p ON p.id = r.panel_id
        ORDER BY r.year, p.code, r.id";
    found(
        conn,
        sql,
        named_params! { ":last_year": last_year, ":panel": ask.panel, ":limit": ask.limit },
        |r| {
            let panel = match r.get::<_, Option<String>>(3)? {
                Some(code) => Some((code, r.get(4)?)),
                None => None,
            };
            Ok(Draft {
                id: r.get(1)?,
                year: r.get(2)?,
                panel,
                results: r.get(5)?,
            })
        },
    )
}

/// A scope (a panel, or the whole office) assessed in an earlier year with
/// no run at all for `year`.
#[derive(Clone, Debug)]
pub struct Unassessed {
    pub year: i32,
    /// The last year assessed.
    pub last: i32,
    pub panel: Option<(String, String)>,
}

/// The scopes an office assesses (it ran them before) that have no run for
/// `year`: neither their own nor one for the whole office.
pub fn unassessed(conn: &Connection, ask: &Ask, year: i32) -> anyhow::Result<Found<Unassessed>> {
    let sql = "WITH scopes AS (SELECT panel_id, max(year) AS last FROM assess_runs WHERE year < :year GROUP BY panel_id),
         hits AS (SELECT * FROM scopes s
            WHERE NOT EXISTS (SELECT 1 FROM assess_runs r
                              WHERE r.year = :year AND (r.panel_id IS s.panel_id OR r.panel_id IS NULL))
              AND (:panel IS NULL OR s.panel_id = :panel OR s.panel_id IS NULL))
        SELECT (SELECT count(*) FROM hits), h.last, p.code, p.name
        FROM hits h LEFT JOIN panels p ON p.id = h.panel_id
        ORDER BY p.code LIMIT :limit";
    found(
        conn,
        sql,
        named_params! { ":year": year, ":panel": ask.panel, ":limit": ask.limit },
        |r| {
            let panel = match r.get::<_, Option<String>>(2)? {
                Some(code) => Some((code, r.get(3)?)),
                None => None,
            };
            Ok(Unassessed {
                year,
                last: r.get(1)?,
                panel,
            })
        },
    )
}
