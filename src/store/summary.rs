//! The reads behind `report summary` (年度工作总结): per panel, grouped
//! queries over the year's records up to the as-of date, each counting
//! exactly what the listing it summarises shows (`appointment list`,
//! `activity list`/`attendance`, `advice list`, `contact list`, `need
//! list`, `report spending`, `assess show`). A key of `None` is the whole office (or the
//! records booked to no panel, for the per-panel groupings).

use std::collections::HashMap;

use rusqlite::Connection;

use super::serving_condition;

/// Counts per panel id (`None`: no panel) of one grouped query.
pub type ByPanel = HashMap<Option<i64>, Vec<i64>>;

/// The year's window: its first day and the as-of date (inclusive).
#[derive(Clone, Debug)]
pub struct Span {
    pub first: String,
    pub as_of: String,
    pub year: i32,
    pub panel: Option<i64>,
}

/// Binds whichever of `:first`, `:as_of`, `:panel`, `:year` (and `extra`) the statement uses.
fn bind(stmt: &mut rusqlite::Statement, span: &Span, extra: &[(&str, &str)]) -> anyhow::Result<()> {
    let fixed: [(&str, &dyn rusqlite::ToSql); 4] = [
        (":first", &span.first),
        (":as_of", &span.as_of),
        (":panel", &span.panel),
        (":year", &span.year),
    ];
    for (name, value) in fixed {
        if let Some(i) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(i, value)?;
        }
    }
    for (name, value) in extra {
        if let Some(i) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(i, value)?;
        }
    }
    Ok(())
}

fn grouped(conn: &Connection, sql: &str, span: &Span, width: usize) -> anyhow::Result<ByPanel> {
    let mut stmt = conn.prepare_cached(sql)?;
    bind(&mut stmt, span, &[])?;
    let mut cursor = stmt.raw_query();
    let mut out = ByPanel::new();
    while let Some(r) = cursor.next()? {
        let key: Option<i64> = r.get(0)?;
        let values = (1..=width)
            .map(|i| r.get::<_, Option<i64>>(i).map(|v| v.unwrap_or(0)))
            .collect::<Result<Vec<_>, _>>()?;
        out.insert(key, values);
    }
    Ok(out)
}

/// Adds a whole-office row (`None`) computed by `sql` (one row, `width` values).
fn with_total(
    mut by: ByPanel,
    conn: &Connection,
    sql: &str,
    span: &Span,
    width: usize,
) -> anyhow::Result<ByPanel> {
    let total = grouped(conn, sql, span, width)?;
    by.insert(
        None,
        total.into_values().next().unwrap_or_else(|| vec![0; width]),
    );
    Ok(by)
}

/// Serving the day before the year begins and on the as-of date (distinct
/// advisors); appointed (first terms) and renewed terms beginning in the
/// span; dismissed and resigned in it; terms expired in it (the day after
/// the term's end falls in the span, no renewal appointed). So a row
/// balances: at the start + appointed − dismissed − resigned − expired = at
/// the end (a renewal follows its own term without a gap or a departure).
/// The whole office counts a person once: appointed only who served on no
/// panel the day before (a member of one panel named to a second is not
/// new to the office), gone only who serves on none the day after.
pub fn roster(conn: &Connection, span: &Span) -> anyhow::Result<ByPanel> {
    let on = |alias: &str, day: &str| serving_condition(alias).replace('?', day);
    let per_panel = format!(
        "SELECT p.id,
            (SELECT count(DISTINCT ap.advisor_id) FROM appointments ap WHERE ap.panel_id = p.id AND {start}),
            (SELECT count(DISTINCT ap.advisor_id) FROM appointments ap WHERE ap.panel_id = p.id AND {end}),
            (SELECT count(*) FROM appointments ap WHERE ap.panel_id = p.id {new} AND ap.previous_id IS NULL),
            (SELECT count(*) FROM appointments ap WHERE ap.panel_id = p.id {new} AND ap.previous_id IS NOT NULL),
            (SELECT count(*) FROM appointments ap WHERE ap.panel_id = p.id AND ap.state = 'dismissed' AND ap.ended_on BETWEEN :first AND :as_of),
            (SELECT count(*) FROM appointments ap WHERE ap.panel_id = p.id AND ap.state = 'resigned' AND ap.ended_on BETWEEN :first AND :as_of),
            (SELECT count(*) FROM appointments ap WHERE ap.panel_id = p.id {expired})
         FROM panels p WHERE (:panel IS NULL OR p.id = :panel) ",
        start = on("ap", "date(:first, '-1 day')"),
        end = on("ap", ":as_of"),
        new = NEW_TERM,
        expired = EXPIRED,
    );
    // Whether the advisor of `ap` serves on no panel (in scope) on `day`.
    let alone = |day: &str| {
        format!(
            "NOT EXISTS (SELECT 1 FROM appointments o WHERE o.advisor_id = ap.advisor_id
               AND (:panel IS NULL OR o.panel_id = :panel) AND {})",
            on("o", day)
        )
    };
    let once = "count(DISTINCT ap.advisor_id || '@' || ";
    let total = format!(
        "SELECT NULL,
            (SELECT count(DISTINCT ap.advisor_id) FROM appointments ap WHERE {start} AND {scope}),
            (SELECT count(DISTINCT ap.advisor_id) FROM appointments ap WHERE {end} AND {scope}),
            (SELECT {once}ap.term_start) FROM appointments ap WHERE {scope} {new} AND ap.previous_id IS NULL AND {joined}),
            (SELECT count(*) FROM appointments ap WHERE {scope} {new} AND ap.previous_id IS NOT NULL),
            (SELECT {once}ap.ended_on) FROM appointments ap WHERE {scope} AND ap.state = 'dismissed' AND ap.ended_on BETWEEN :first AND :as_of AND {gone}),
            (SELECT {once}ap.ended_on) FROM appointments ap WHERE {scope} AND ap.state = 'resigned' AND ap.ended_on BETWEEN :first AND :as_of AND {gone}),
            (SELECT {once}ap.term_end) FROM appointments ap WHERE {scope} {expired} AND {lapsed}) ",
        start = on("ap", "date(:first, '-1 day')"),
        end = on("ap", ":as_of"),
        scope = "(:panel IS NULL OR ap.panel_id = :panel)",
        new = NEW_TERM,
        expired = EXPIRED,
        joined = alone("date(ap.term_start, '-1 day')"),
        gone = alone("ap.ended_on"),
        lapsed = alone("date(ap.term_end, '+1 day')"),
    );
    with_total(grouped(conn, &per_panel, span, 7)?, conn, &total, span, 7)
}

const NEW_TERM: &str = "AND ap.state IN ('appointed','dismissed','resigned') AND ap.term_start BETWEEN :first AND :as_of";
const EXPIRED: &str = "AND ap.state = 'appointed' AND date(ap.term_end, '+1 day') BETWEEN :first AND :as_of
    AND NOT EXISTS (SELECT 1 FROM appointments nx WHERE nx.previous_id = ap.id AND nx.state <> 'rejected'
                    AND nx.state IN ('appointed','dismissed','resigned'))";

/// Live activities held in the span, by panel and `column` (kind or mode):
/// (panel id, code, count).
pub fn activities_by(
    conn: &Connection,
    span: &Span,
    column: &str,
) -> anyhow::Result<Vec<(Option<i64>, String, i64)>> {
    let column = if column == "mode" { "mode" } else { "kind" };
    let sql = format!(
        "SELECT panel_id, {column}, count(*) FROM activities
         WHERE voided_at IS NULL AND on_date BETWEEN :first AND :as_of AND (:panel IS NULL OR panel_id = :panel)
           
         GROUP BY panel_id, {column}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    bind(&mut stmt, span, &[])?;
    let mut cursor = stmt.raw_query();
    let mut rows = Vec::new();
    while let Some(r) = cursor.next()? {
        rows.push((r.get(0)?, r.get(1)?, r.get(2)?));
    }
    Ok(rows)
}

/// Participations in the span's live activities, by the activity's panel:
/// total, attended, excused, absent, not yet recorded, opinions recorded.
pub fn attendance(conn: &Connection, span: &Span) -> anyhow::Result<ByPanel> {
    let sql = "SELECT ac.panel_id, count(*), sum(pa.attendance = 'attended'), sum(pa.attendance = 'excused'),
            sum(pa.attendance = 'absent'), sum(pa.attendance = 'invited'), sum(IFNULL(pa.opinion, '') <> '')
         FROM activities ac JOIN participants pa ON pa.activity_id = ac.id
         WHERE ac.voided_at IS NULL AND pa.voided_at IS NULL AND ac.on_date BETWEEN :first AND :as_of
           AND (:panel IS NULL OR ac.panel_id = :panel) 
         GROUP BY ac.panel_id";
    grouped(conn, sql, span, 6)
}

/// Live advice submitted in the span, by its panel: submitted, adopted
/// (adopted, partly adopted or implemented), partly adopted, not adopted,
/// implemented, endorsed by a leader, fed back to the advisors — each as it
/// stood on the span's last day, by the day it was decided, implemented,
/// endorsed or fed back (a year's summary does not change when its advice
/// is adopted the next January).
pub fn advice(conn: &Connection, span: &Span) -> anyhow::Result<ByPanel> {
    let sql = "SELECT panel_id, count(*),
            sum(status IN ('adopted','partly_adopted','implemented') AND COALESCE(outcome_on, implemented_on) <= :as_of),
            sum(status = 'partly_adopted' AND outcome_on <= :as_of),
            sum(status = 'not_adopted' AND outcome_on <= :as_of),
            sum(status = 'implemented' AND implemented_on <= :as_of),
            sum(endorsed_on <= :as_of), sum(feedback_on <= :as_of)
         FROM advice WHERE voided_at IS NULL AND on_date BETWEEN :first AND :as_of
           AND (:panel IS NULL OR panel_id = :panel) 
         GROUP BY panel_id";
    grouped(conn, sql, span, 7)
}

/// Live contacts in the span: per panel those naming an advisor serving on
/// it that day (as `contact list --panel` counts them), for the office all
/// of them: contacts, visits, greetings, advisors contacted, and apart the
/// reported events received (五报告, seed 004 三(一)3), which the advisors'
/// units send in and so are neither contacts nor make an advisor contacted.
pub fn contacts(conn: &Connection, span: &Span) -> anyhow::Result<ByPanel> {
    let per_panel = format!(
        "SELECT ap.panel_id, count(DISTINCT CASE WHEN c.kind <> 'report' THEN c.id END),
            count(DISTINCT CASE WHEN c.kind IN ('visit','home_visit') THEN c.id END),
            count(DISTINCT CASE WHEN c.kind = 'greeting' THEN c.id END),
            count(DISTINCT CASE WHEN c.kind <> 'report' THEN ca.advisor_id END),
            count(DISTINCT CASE WHEN c.kind = 'report' THEN c.id END)
         FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
         JOIN appointments ap ON ap.advisor_id = ca.advisor_id AND {}
         WHERE c.voided_at IS NULL AND c.on_date BETWEEN :first AND :as_of
           AND (:panel IS NULL OR ap.panel_id = :panel) 
         GROUP BY ap.panel_id",
        serving_condition("ap").replace('?', "c.on_date")
    );
    let total = format!(
        "SELECT NULL, count(DISTINCT CASE WHEN c.kind <> 'report' THEN c.id END),
            count(DISTINCT CASE WHEN c.kind IN ('visit','home_visit') THEN c.id END),
            count(DISTINCT CASE WHEN c.kind = 'greeting' THEN c.id END),
            count(DISTINCT CASE WHEN c.kind <> 'report' THEN ca.advisor_id END),
            count(DISTINCT CASE WHEN c.kind = 'report' THEN c.id END)
         FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
         WHERE c.voided_at IS NULL AND c.on_date BETWEEN :first AND :as_of 
           AND (:panel IS NULL OR EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = ca.advisor_id
                AND ap.panel_id = :panel AND {}))",
        serving_condition("ap").replace('?', "c.on_date")
    );
    with_total(grouped(conn, &per_panel, span, 5)?, conn, &total, span, 5)
}

/// Live contacts in the span by kind, reported events (五报告) left out as
/// in `contacts`: per panel those naming an advisor serving on it that
/// day, (panel id, kind, contacts); and the office's, each contact once.
#[allow(clippy::type_complexity)]
pub fn contacts_by_kind(
    conn: &Connection,
    span: &Span,
) -> anyhow::Result<(Vec<(Option<i64>, String, i64)>, Vec<(String, i64)>)> {
    let serving = serving_condition("ap").replace('?', "c.on_date");
    let per_panel = format!(
        "SELECT ap.panel_id, c.kind, count(DISTINCT c.id)
         FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
         JOIN appointments ap ON ap.advisor_id = ca.advisor_id AND {serving}
         WHERE c.voided_at IS NULL AND c.kind <> 'report' AND c.on_date BETWEEN :first AND :as_of
           AND (:panel IS NULL OR ap.panel_id = :panel)
         GROUP BY ap.panel_id, c.kind"
    );
    let total = format!(
        "SELECT NULL, c.kind, count(DISTINCT c.id)
         FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
         WHERE c.voided_at IS NULL AND c.kind <> 'report' AND c.on_date BETWEEN :first AND :as_of
           AND (:panel IS NULL OR EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = ca.advisor_id
                AND ap.panel_id = :panel AND {serving}))
         GROUP BY c.kind"
    );
    let read = |sql: &str| -> anyhow::Result<Vec<(Option<i64>, String, i64)>> {
        let mut stmt = conn.prepare_cached(sql)?;
        bind(&mut stmt, span, &[])?;
        let mut cursor = stmt.raw_query();
        let mut rows = Vec::new();
        while let Some(r) = cursor.next()? {
            rows.push((r.get(0)?, r.get(1)?, r.get(2)?));
        }
        Ok(rows)
    };
    let totals = read(&total)?.into_iter().map(|(_, k, n)| (k, n)).collect();
    Ok((read(&per_panel)?, totals))
}

/// For one festival occurrence: per panel greeting on it, the advisors
/// serving that day and how many were greeted (by the as-of date); for the
/// office, distinct advisors.
pub fn festival(
    conn: &Connection,
    span: &Span,
    festival: &str,
    day: &str,
) -> anyhow::Result<ByPanel> {
    let required = format!(
        "WITH req AS (
            SELECT DISTINCT ap.panel_id, ap.advisor_id FROM appointments ap JOIN panels p ON p.id = ap.panel_id
            WHERE {} AND instr(',' || p.greeting_festivals || ',', ',' || :festival || ',') > 0
              AND (:panel IS NULL OR ap.panel_id = :panel)),
         greeted AS (
            SELECT DISTINCT ca.advisor_id FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
            WHERE c.festival = :festival AND c.festival_date = :day AND c.voided_at IS NULL AND c.on_date <= :as_of)",
        serving_condition("ap").replace('?', ":day")
    );
    let sql = format!(
        "{required}
         SELECT panel_id, count(*), sum(advisor_id IN (SELECT advisor_id FROM greeted)) FROM req GROUP BY panel_id
         UNION ALL
         SELECT NULL, count(DISTINCT advisor_id),
                count(DISTINCT CASE WHEN advisor_id IN (SELECT advisor_id FROM greeted) THEN advisor_id END) FROM req"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    bind(&mut stmt, span, &[(":festival", festival), (":day", day)])?;
    let mut cursor = stmt.raw_query();
    let mut out = ByPanel::new();
    while let Some(r) = cursor.next()? {
        out.insert(
            r.get(0)?,
            vec![r.get(1)?, r.get::<_, Option<i64>>(2)?.unwrap_or(0)],
        );
    }
    Ok(out)
}

/// Live needs received in the span (seed 003 二(二)1 项目需求库) by the
/// station they are booked to, as `need list --year Y --station P` lists
/// them, as they stood on the span's last day (the report's 截至): received,
/// matched by then (an expert in touch with it), resolved, partly resolved,
/// unresolved by then, not closed by then — a need closed in January counts
/// as open in the year before (QA r10).
pub fn needs(conn: &Connection, span: &Span) -> anyhow::Result<ByPanel> {
    let sql = "SELECT n.panel_id, count(*),
            sum(EXISTS (SELECT 1 FROM need_matches m WHERE m.need_id = n.id AND m.voided_at IS NULL
                AND m.on_date <= :as_of)),
            sum(n.closed_on <= :as_of AND n.result = 'resolved'),
            sum(n.closed_on <= :as_of AND n.result = 'partly'),
            sum(n.closed_on <= :as_of AND n.result = 'unresolved'),
            sum(n.closed_on IS NULL OR n.closed_on > :as_of)
         FROM needs n WHERE n.voided_at IS NULL AND n.on_date BETWEEN :first AND :as_of
           AND (:panel IS NULL OR n.panel_id = :panel)
         GROUP BY n.panel_id";
    grouped(conn, sql, span, 6)
}

/// Live expenses in the span by panel (`None`: booked to no panel): count,
/// paid, committed (fen).
pub fn spending(conn: &Connection, span: &Span) -> anyhow::Result<ByPanel> {
    let sql = "SELECT panel_id, count(*),
            IFNULL(sum(CASE WHEN voucher_no IS NOT NULL THEN amount_fen END), 0),
            IFNULL(sum(CASE WHEN voucher_no IS NULL THEN amount_fen END), 0)
         FROM expenses WHERE voided_at IS NULL AND on_date BETWEEN :first AND :as_of
           AND (:panel IS NULL OR panel_id = :panel) 
         GROUP BY panel_id";
    grouped(conn, sql, span, 3)
}

/// The year's results in force (runs not superseded), by the result's
/// panel: assessed, excellent, competent, basic, incompetent, confirmed.
pub fn grades(conn: &Connection, span: &Span) -> anyhow::Result<ByPanel> {
    let sql = "SELECT s.panel_id, count(*), sum(s.grade = 'excellent'), sum(s.grade = 'competent'),
            sum(s.grade = 'basic'), sum(s.grade = 'incompetent'), sum(s.state = 'confirmed')
         FROM assessments s JOIN assess_runs r ON r.id = s.run_id
         WHERE s.year = :year AND r.state <> 'superseded' AND s.state <> 'superseded'
           AND (:panel IS NULL OR s.panel_id = :panel)
         GROUP BY s.panel_id";
    grouped(conn, sql, span, 6)
}
