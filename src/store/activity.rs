//! The advisors' work: the `activities` and `participants` tables.

use rusqlite::{Connection, OptionalExtension, params};

/// An activity as stored.
#[derive(Clone, Debug, Default)]
pub struct Activity {
    pub id: i64,
    pub on_date: String,
    pub panel_id: Option<i64>,
    pub kind: String,
    pub topic: String,
    pub mode: String,
    pub place: Option<String>,
    pub hours: Option<f64>,
    pub requesting_unit: Option<String>,
    pub minutes_ref: Option<String>,
    pub result: Option<String>,
    pub voided_at: Option<String>,
    pub void_reason: Option<String>,
}

const COLUMNS: &str = "id, on_date, panel_id, kind, topic, mode, place, hours, requesting_unit, minutes_ref, \
    result, voided_at, void_reason";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: r.get(0)?,
        on_date: r.get(1)?,
        panel_id: r.get(2)?,
        kind: r.get(3)?,
        topic: r.get(4)?,
        mode: r.get(5)?,
        place: r.get(6)?,
        hours: r.get(7)?,
        requesting_unit: r.get(8)?,
        minutes_ref: r.get(9)?,
        result: r.get(10)?,
        voided_at: r.get(11)?,
        void_reason: r.get(12)?,
    })
}

/// The activity numbered `id`, or an error a clerk understands.
pub fn get(conn: &Connection, id: i64) -> anyhow::Result<Activity> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM activities WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| {
            crate::invalid!(
                "找不到活动 #{id}；可用 roster activity list 查看",
                "no activity #{id}; see `roster activity list`"
            )
        })
}

/// The activity numbered `id`, refusing a voided one (it can no longer change).
pub fn get_open(conn: &Connection, id: i64) -> anyhow::Result<Activity> {
    let activity = get(conn, id)?;
    if let Some(reason) = &activity.void_reason {
        return Err(crate::refused!(
            "活动 #{id} 已作废（{reason}），不能再修改",
            "activity #{id} is void ({reason}); it can no longer change"
        ));
    }
    Ok(activity)
}

pub fn insert(conn: &Connection, a: &Activity, now: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO activities (on_date, panel_id, kind, topic, mode, place, hours, requesting_unit, minutes_ref,
            result, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        a.on_date, a.panel_id, a.kind, a.topic, a.mode, a.place, a.hours, a.requesting_unit, a.minutes_ref,
        a.result, now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes every editable field back.
pub fn update(conn: &Connection, a: &Activity, now: &str) -> anyhow::Result<()> {
    conn.prepare_cached(
        "UPDATE activities SET on_date = ?1, panel_id = ?2, kind = ?3, topic = ?4, mode = ?5, place = ?6,
            hours = ?7, requesting_unit = ?8, minutes_ref = ?9, result = ?10, updated_at = ?11
         WHERE id = ?12",
    )?
    .execute(params![
        a.on_date, a.panel_id, a.kind, a.topic, a.mode, a.place, a.hours, a.requesting_unit, a.minutes_ref,
        a.result, now, a.id
    ])?;
    Ok(())
}

/// Marks a row of `table` void with its reason (activities, participants,
/// advice, recusals all carry `voided_at` and `void_reason`).
pub fn void(
    conn: &Connection,
    table: &str,
    id: i64,
    reason: &str,
    now: &str,
) -> anyhow::Result<()> {
    conn.prepare_cached(&format!(
        "UPDATE {table} SET voided_at = ?1, void_reason = ?2 WHERE id = ?3"
    ))?
    .execute(params![now, reason, id])?;
    Ok(())
}

/// One advisor on one activity.
#[derive(Clone, Debug, Default)]
pub struct Participant {
    pub id: i64,
    pub activity_id: i64,
    pub advisor_id: i64,
    pub attendance: String,
    pub excuse_reason: Option<String>,
    pub role: String,
    pub opinion: Option<String>,
    pub guest: bool,
    pub override_reason: Option<String>,
    pub voided_at: Option<String>,
}

const PARTICIPANT_COLUMNS: &str = "id, activity_id, advisor_id, attendance, excuse_reason, role, opinion, guest, override_reason, voided_at";

fn participant_from_row(r: &rusqlite::Row) -> rusqlite::Result<Participant> {
    Ok(Participant {
        id: r.get(0)?,
        activity_id: r.get(1)?,
        advisor_id: r.get(2)?,
        attendance: r.get(3)?,
        excuse_reason: r.get(4)?,
        role: r.get(5)?,
        opinion: r.get(6)?,
        guest: r.get(7)?,
        override_reason: r.get(8)?,
        voided_at: r.get(9)?,
    })
}

/// The row of an advisor on an activity, voided or not.
pub fn participant(
    conn: &Connection,
    activity_id: i64,
    advisor_id: i64,
) -> anyhow::Result<Option<Participant>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE activity_id = ?1 AND advisor_id = ?2"
        ))?
        .query_row(params![activity_id, advisor_id], participant_from_row)
        .optional()?)
}

/// The participants of an activity still standing (not voided).
pub fn participants(conn: &Connection, activity_id: i64) -> anyhow::Result<Vec<Participant>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE activity_id = ?1 AND voided_at IS NULL ORDER BY id"
    ))?;
    let rows = stmt
        .query_map([activity_id], participant_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn insert_participant(conn: &Connection, p: &Participant) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO participants (activity_id, advisor_id, attendance, excuse_reason, role, opinion, guest,
            override_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        p.activity_id, p.advisor_id, p.attendance, p.excuse_reason, p.role, p.opinion, p.guest,
        p.override_reason
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes every field of a participant back (reviving a voided one clears the void).
pub fn update_participant(conn: &Connection, p: &Participant) -> anyhow::Result<()> {
    conn.prepare_cached(
        "UPDATE participants SET attendance = ?1, excuse_reason = ?2, role = ?3, opinion = ?4, guest = ?5,
            override_reason = ?6, voided_at = ?7, void_reason = CASE WHEN ?7 IS NULL THEN NULL ELSE void_reason END
         WHERE id = ?8",
    )?
    .execute(params![
        p.attendance, p.excuse_reason, p.role, p.opinion, p.guest, p.override_reason, p.voided_at, p.id
    ])?;
    Ok(())
}

/// A standing recusal of an advisor.
#[derive(Clone, Debug)]
pub struct Recusal {
    pub id: i64,
    pub matter: String,
    pub related_unit: Option<String>,
    pub on_date: String,
}

/// The advisor's recusals declared on or before `date` and not voided.
pub fn recusals_by(conn: &Connection, advisor_id: i64, date: &str) -> anyhow::Result<Vec<Recusal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, matter, related_unit, on_date FROM recusals
         WHERE advisor_id = ?1 AND voided_at IS NULL AND on_date <= ?2 ORDER BY on_date, id",
    )?;
    let rows = stmt
        .query_map(params![advisor_id, date], |r| {
            Ok(Recusal {
                id: r.get(0)?,
                matter: r.get(1)?,
                related_unit: r.get(2)?,
                on_date: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
