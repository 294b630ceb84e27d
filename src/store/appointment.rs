//! Appointments and their step history: the `appointments` and
//! `appointment_steps` tables.

use rusqlite::{Connection, OptionalExtension, params};

/// An appointment as stored.
#[derive(Clone, Debug, Default)]
pub struct Appointment {
    pub id: i64,
    pub advisor_id: i64,
    pub panel_id: i64,
    pub role: String,
    pub state: String,
    pub source: String,
    pub nominated_by: Option<String>,
    pub nominated_on: String,
    pub work_plan: Option<String>,
    pub notice_start: Option<String>,
    pub notice_days: Option<i64>,
    pub notice_end: Option<String>,
    pub certificate_no: Option<String>,
    pub agreement_date: Option<String>,
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    pub exemption: Option<String>,
    pub previous_id: Option<i64>,
    pub ended_on: Option<String>,
    pub dismissal_ground: Option<String>,
    pub resign_request_date: Option<String>,
    pub certificate_returned: Option<bool>,
    pub reject_reason: Option<String>,
}

const COLUMNS: &str = "id, advisor_id, panel_id, role, state, source, nominated_by, nominated_on, work_plan, \
    notice_start, notice_days, notice_end, certificate_no, agreement_date, term_start, term_end, exemption, \
    previous_id, ended_on, dismissal_ground, resign_request_date, certificate_returned, reject_reason";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Appointment> {
    Ok(Appointment {
        id: r.get(0)?,
        advisor_id: r.get(1)?,
        panel_id: r.get(2)?,
        role: r.get(3)?,
        state: r.get(4)?,
        source: r.get(5)?,
        nominated_by: r.get(6)?,
        nominated_on: r.get(7)?,
        work_plan: r.get(8)?,
        notice_start: r.get(9)?,
        notice_days: r.get(10)?,
        notice_end: r.get(11)?,
        certificate_no: r.get(12)?,
        agreement_date: r.get(13)?,
        term_start: r.get(14)?,
        term_end: r.get(15)?,
        exemption: r.get(16)?,
        previous_id: r.get(17)?,
        ended_on: r.get(18)?,
        dismissal_ground: r.get(19)?,
        resign_request_date: r.get(20)?,
        certificate_returned: r.get(21)?,
        reject_reason: r.get(22)?,
    })
}

/// The appointment numbered `id`, or an error a clerk understands.
pub fn get(conn: &Connection, id: i64) -> anyhow::Result<Appointment> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM appointments WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| {
            crate::invalid!(
                "找不到聘任记录 #{id}；可用 roster appointment list 查看",
                "no appointment #{id}; see `roster appointment list`"
            )
        })
}

pub fn insert(conn: &Connection, a: &Appointment, now: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO appointments (advisor_id, panel_id, role, state, source, nominated_by, nominated_on, work_plan,
            exemption, previous_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        a.advisor_id, a.panel_id, a.role, a.state, a.source, a.nominated_by, a.nominated_on, a.work_plan,
        a.exemption, a.previous_id, now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes every mutable field back.
pub fn update(conn: &Connection, a: &Appointment, now: &str) -> anyhow::Result<()> {
    conn.prepare_cached(
        "UPDATE appointments SET role = ?1, state = ?2, source = ?3, nominated_by = ?4, work_plan = ?5,
            notice_start = ?6, notice_days = ?7, notice_end = ?8, certificate_no = ?9, agreement_date = ?10,
            term_start = ?11, term_end = ?12, exemption = ?13, ended_on = ?14, dismissal_ground = ?15,
            resign_request_date = ?16, certificate_returned = ?17, reject_reason = ?18, updated_at = ?19
         WHERE id = ?20",
    )?
    .execute(params![
        a.role, a.state, a.source, a.nominated_by, a.work_plan, a.notice_start, a.notice_days, a.notice_end,
        a.certificate_no, a.agreement_date, a.term_start, a.term_end, a.exemption, a.ended_on,
        a.dismissal_ground, a.resign_request_date, a.certificate_returned, a.reject_reason, now, a.id
    ])?;
    Ok(())
}

/// One recorded step.
pub struct Step<'a> {
    pub step: &'a str,
    pub on_date: &'a str,
    pub reference: Option<&'a str>,
    pub note: Option<&'a str>,
}

pub fn add_step(
    conn: &Connection,
    appointment_id: i64,
    step: &Step,
    operator: &str,
    now: &str,
) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO appointment_steps (appointment_id, step, on_date, operator, reference, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![appointment_id, step.step, step.on_date, operator, step.reference, step.note, now])?;
    Ok(conn.last_insert_rowid())
}

/// The date of the latest recorded step.
pub fn last_step_date(conn: &Connection, appointment_id: i64) -> anyhow::Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT max(on_date) FROM appointment_steps WHERE appointment_id = ?1")?
        .query_row([appointment_id], |r| r.get(0))?)
}

/// SQL true when appointment `{ap}` was sent back by an objection during
/// its public notice (`appointment object --outcome review`) and the
/// re-review has not been recorded yet: still in the procedure, its latest
/// step the objection. The stored state stays the step before the review.
pub fn awaiting_rereview_expr(ap: &str) -> String {
    format!(
        "({ap}.state IN ('nominated','vetted','checked','reviewed','approved')
          AND (SELECT s.step FROM appointment_steps s WHERE s.appointment_id = {ap}.id
               ORDER BY s.id DESC LIMIT 1) = 'objected')"
    )
}

/// Whether appointment `id` awaits its re-review after an objection
/// (`awaiting_rereview_expr`).
pub fn awaiting_rereview(conn: &Connection, id: i64) -> anyhow::Result<bool> {
    let sql = format!(
        "SELECT {} FROM appointments ap WHERE ap.id = ?1",
        awaiting_rereview_expr("ap")
    );
    Ok(conn.prepare_cached(&sql)?.query_row([id], |r| r.get(0))?)
}

/// The date of the latest step recorded before the appointment (all of
/// them while it is not appointed yet): what the appointment followed.
pub fn last_step_before_appointment(
    conn: &Connection,
    appointment_id: i64,
) -> anyhow::Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT max(on_date) FROM appointment_steps WHERE appointment_id = ?1
               AND id < IFNULL((SELECT min(id) FROM appointment_steps
                                WHERE appointment_id = ?1 AND step = 'appointed'), 9223372036854775807)",
        )?
        .query_row([appointment_id], |r| r.get(0))?)
}

/// Another appointment of the same advisor on the same panel whose time in
/// office overlaps `start..=end` (ended appointments count up to the day
/// before they ended).
pub fn overlapping(
    conn: &Connection,
    a: &Appointment,
    start: &str,
    end: &str,
) -> anyhow::Result<Option<(i64, String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, term_start, IFNULL(date(ended_on, '-1 day'), term_end) FROM appointments
             WHERE advisor_id = ?1 AND panel_id = ?2 AND id <> ?3
               AND state IN ('appointed','dismissed','resigned')
               AND term_start <= ?5 AND IFNULL(date(ended_on, '-1 day'), term_end) >= ?4
             LIMIT 1",
        )?
        .query_row(params![a.advisor_id, a.panel_id, a.id, start, end], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

/// An appointment of the advisor on the panel still in the procedure.
pub fn open_nomination(
    conn: &Connection,
    advisor_id: i64,
    panel_id: i64,
) -> anyhow::Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, state FROM appointments WHERE advisor_id = ?1 AND panel_id = ?2
               AND state IN ('nominated','vetted','checked','reviewed','approved','publicized') LIMIT 1",
        )?
        .query_row(params![advisor_id, panel_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// A term of the advisor on the panel held on `on`: serving then
/// (`store::serving_condition`), or appointed and not begun yet. Returns
/// its id, start, end, and whether it is still to begin.
pub fn held_term(
    conn: &Connection,
    advisor_id: i64,
    panel_id: i64,
    on: &str,
) -> anyhow::Result<Option<(i64, String, String, bool)>> {
    let sql = format!(
        "SELECT ap.id, ap.term_start, ap.term_end, ap.term_start > ?3 FROM appointments ap
         WHERE ap.advisor_id = ?1 AND ap.panel_id = ?2
           AND (({}) OR (ap.state = 'appointed' AND ap.term_start > ?3))
         ORDER BY ap.term_start LIMIT 1",
        crate::store::serving_condition("ap").replace('?', "?3")
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![advisor_id, panel_id, on], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?)
}

/// The id of the appointment holding certificate `number`, other than `except`.
pub fn certificate_holder(
    conn: &Connection,
    number: &str,
    except: i64,
) -> anyhow::Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM appointments WHERE certificate_no = ?1 AND id <> ?2")?
        .query_row(params![number, except], |r| r.get(0))
        .optional()?)
}

/// The successor (renewal) of an appointment, if one was started.
pub fn successor(conn: &Connection, id: i64) -> anyhow::Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, state FROM appointments WHERE previous_id = ?1
             ORDER BY state = 'rejected', id DESC LIMIT 1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The renewals of an appointment still in the procedure or appointed
/// (a renewal's term starts after this one ends, so it has not begun).
pub fn live_renewals(conn: &Connection, id: i64) -> anyhow::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM appointments WHERE previous_id = ?1
           AND state IN ('nominated','vetted','checked','reviewed','approved','publicized','appointed') ORDER BY id",
    )?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// The date a term's evaluation was recorded (an `evaluated` step), if it was.
pub fn evaluated_on(conn: &Connection, id: i64) -> anyhow::Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT min(on_date) FROM appointment_steps WHERE appointment_id = ?1 AND step = 'evaluated'",
        )?
        .query_row([id], |r| r.get(0))?)
}
