//! Advice and its handling: the `advice`, `advice_advisors` and
//! `advice_events` tables.

use rusqlite::{Connection, OptionalExtension, params};

/// The statuses that count as adopted (采纳, also in part, and carried
/// out): the assessment's `advice_adopted`, the summary's adoption rate.
pub const ADOPTED: [&str; 3] = ["adopted", "partly_adopted", "implemented"];

/// A piece of advice as stored.
#[derive(Clone, Debug, Default)]
pub struct Advice {
    pub id: i64,
    pub title: String,
    pub on_date: String,
    pub channel: String,
    pub activity_id: Option<i64>,
    pub panel_id: Option<i64>,
    pub summary: Option<String>,
    pub status: String,
    pub assigned_unit: Option<String>,
    pub assigned_on: Option<String>,
    pub outcome_on: Option<String>,
    pub not_adopted_reason: Option<String>,
    pub implemented_on: Option<String>,
    pub endorsed_by: Option<String>,
    pub endorsed_on: Option<String>,
    pub feedback_on: Option<String>,
    pub feedback_by: Option<String>,
    pub feedback_note: Option<String>,
    pub voided_at: Option<String>,
    pub void_reason: Option<String>,
}

impl Advice {
    /// The date of the latest status move (the submission when none).
    pub fn status_date(&self) -> &str {
        self.implemented_on
            .as_deref()
            .or(self.outcome_on.as_deref())
            .or(self.assigned_on.as_deref())
            .unwrap_or(&self.on_date)
    }
}

const COLUMNS: &str = "id, title, on_date, channel, activity_id, panel_id, summary, status, assigned_unit, \
    assigned_on, outcome_on, not_adopted_reason, implemented_on, endorsed_by, endorsed_on, feedback_on, \
    feedback_by, feedback_note, voided_at, void_reason";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Advice> {
    Ok(Advice {
        id: r.get(0)?,
        title: r.get(1)?,
        on_date: r.get(2)?,
        channel: r.get(3)?,
        activity_id: r.get(4)?,
        panel_id: r.get(5)?,
        summary: r.get(6)?,
        status: r.get(7)?,
        assigned_unit: r.get(8)?,
        assigned_on: r.get(9)?,
        outcome_on: r.get(10)?,
        not_adopted_reason: r.get(11)?,
        implemented_on: r.get(12)?,
        endorsed_by: r.get(13)?,
        endorsed_on: r.get(14)?,
        feedback_on: r.get(15)?,
        feedback_by: r.get(16)?,
        feedback_note: r.get(17)?,
        voided_at: r.get(18)?,
        void_reason: r.get(19)?,
    })
}

/// The advice numbered `id`, or an error a clerk understands.
pub fn get(conn: &Connection, id: i64) -> anyhow::Result<Advice> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM advice WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| {
            crate::invalid!(
                "找不到意见建议 #{id}；可用 roster advice list 查看",
                "no advice #{id}; see `roster advice list`"
            )
        })
}

/// The advice numbered `id`, refusing a voided one.
pub fn get_open(conn: &Connection, id: i64) -> anyhow::Result<Advice> {
    let advice = get(conn, id)?;
    if let Some(reason) = &advice.void_reason {
        return Err(crate::refused!(
            "意见建议 #{id} 已作废（{reason}），不能再修改",
            "advice #{id} is void ({reason}); it can no longer change"
        ));
    }
    Ok(advice)
}

/// Inserts new advice; `a.id` is kept when not 0 (an import keeping numbers).
pub fn insert(conn: &Connection, a: &Advice, now: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO advice (id, title, on_date, channel, activity_id, panel_id, summary, status, created_at, updated_at)
         VALUES (NULLIF(?8, 0), ?1, ?2, ?3, ?4, ?5, ?6, 'submitted', ?7, ?7)",
    )?
    .execute(params![a.title, a.on_date, a.channel, a.activity_id, a.panel_id, a.summary, now, a.id])?;
    Ok(conn.last_insert_rowid())
}

/// Writes every mutable field back.
pub fn update(conn: &Connection, a: &Advice, now: &str) -> anyhow::Result<()> {
    conn.prepare_cached(
        "UPDATE advice SET title = ?1, channel = ?2, activity_id = ?3, panel_id = ?4, summary = ?5, status = ?6,
            assigned_unit = ?7, assigned_on = ?8, outcome_on = ?9, not_adopted_reason = ?10, implemented_on = ?11,
            endorsed_by = ?12, endorsed_on = ?13, feedback_on = ?14, feedback_by = ?15, feedback_note = ?16,
            updated_at = ?17
         WHERE id = ?18",
    )?
    .execute(params![
        a.title, a.channel, a.activity_id, a.panel_id, a.summary, a.status, a.assigned_unit, a.assigned_on,
        a.outcome_on, a.not_adopted_reason, a.implemented_on, a.endorsed_by, a.endorsed_on, a.feedback_on,
        a.feedback_by, a.feedback_note, now, a.id
    ])?;
    Ok(())
}

pub fn add_advisor(conn: &Connection, advice_id: i64, advisor_id: i64) -> anyhow::Result<()> {
    conn.prepare_cached("INSERT INTO advice_advisors (advice_id, advisor_id) VALUES (?1, ?2)")?
        .execute(params![advice_id, advisor_id])?;
    Ok(())
}

/// One dated step of handling.
pub fn add_event(
    conn: &Connection,
    advice_id: i64,
    event: &str,
    on_date: &str,
    operator: &str,
    note: Option<&str>,
    now: &str,
) -> anyhow::Result<()> {
    conn.prepare_cached(
        "INSERT INTO advice_events (advice_id, event, on_date, operator, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![advice_id, event, on_date, operator, note, now])?;
    Ok(())
}

/// The id of an activity (must exist and not be void) that advice may link to.
pub fn check_activity(
    conn: &Connection,
    flag: &str,
    id: i64,
) -> anyhow::Result<(i64, String, Option<i64>)> {
    let found: Option<(String, Option<i64>, Option<String>)> = conn
        .prepare_cached("SELECT on_date, panel_id, void_reason FROM activities WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match found {
        None => Err(crate::invalid!(
            "{flag}：找不到活动 #{id}；可用 roster activity list 查看",
            "{flag}: no activity #{id}; see `roster activity list`"
        )),
        Some((_, _, Some(reason))) => Err(crate::refused!(
            "{flag}：活动 #{id} 已作废（{reason}）",
            "{flag}: activity #{id} is void ({reason})"
        )),
        Some((date, panel, None)) => Ok((id, date, panel)),
    }
}
