//! Panels: reading and writing the `panels` and `panel_quotas` tables.

use rusqlite::{Connection, OptionalExtension, params};

/// A panel as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub lead_unit: Option<String>,
    pub liaison_office: Option<String>,
    pub office_head: Option<String>,
    pub term_years: i64,
    pub max_term_years: i64,
    pub steps: String,
    pub notice_days: i64,
    pub direct_renewal: bool,
    pub contact_interval_days: Option<i64>,
    /// Festivals the panel greets its advisors on (labels::FESTIVAL codes, comma-separated).
    pub greeting_festivals: String,
    pub stipend_fen: Option<i64>,
    pub notes: Option<String>,
    /// Who may be appointed: the oldest age on the term's first day and the
    /// fewest years of professional work (`None`: no limit; seed 001 art. 5
    /// by default: 70 and 5).
    pub max_age: Option<i64>,
    pub min_work_years: Option<i64>,
}

impl Default for Panel {
    fn default() -> Self {
        Panel {
            id: 0,
            code: String::new(),
            name: String::new(),
            kind: String::new(),
            lead_unit: None,
            liaison_office: None,
            office_head: None,
            term_years: 3,
            max_term_years: 3,
            steps: "vetted,checked,reviewed,approved,publicized".to_string(),
            notice_days: 7,
            direct_renewal: false,
            contact_interval_days: None,
            greeting_festivals: "spring".to_string(),
            stipend_fen: None,
            notes: None,
            max_age: Some(70),
            min_work_years: Some(5),
        }
    }
}

impl Panel {
    /// The steps this panel uses, in order (`appointed` is implied last).
    pub fn step_list(&self) -> Vec<&str> {
        self.steps.split(',').filter(|s| !s.is_empty()).collect()
    }
}

const COLUMNS: &str = "id, code, name, kind, lead_unit, liaison_office, office_head, term_years, max_term_years, \
    steps, notice_days, direct_renewal, contact_interval_days, stipend_fen, notes, greeting_festivals, max_age, \
    min_work_years";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Panel> {
    Ok(Panel {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        lead_unit: r.get(4)?,
        liaison_office: r.get(5)?,
        office_head: r.get(6)?,
        term_years: r.get(7)?,
        max_term_years: r.get(8)?,
        steps: r.get(9)?,
        notice_days: r.get(10)?,
        direct_renewal: r.get(11)?,
        contact_interval_days: r.get(12)?,
        stipend_fen: r.get(13)?,
        notes: r.get(14)?,
        greeting_festivals: r.get(15)?,
        max_age: r.get(16)?,
        min_work_years: r.get(17)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> anyhow::Result<Panel> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM panels WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| anyhow::anyhow!("panel #{id} not found"))
}

/// The id of another panel already using `column` = `value`, if any.
pub fn taken(
    conn: &Connection,
    column: &str,
    value: &str,
    except: i64,
) -> anyhow::Result<Option<i64>> {
    let sql = format!("SELECT id FROM panels WHERE {column} = ?1 COLLATE NOCASE AND id <> ?2");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![value, except], |r| r.get(0))
        .optional()?)
}

pub fn insert(conn: &Connection, p: &Panel, now: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO panels (code, name, kind, lead_unit, liaison_office, office_head, term_years, max_term_years,
            steps, notice_days, direct_renewal, contact_interval_days, stipend_fen, notes, greeting_festivals,
            created_at, updated_at, max_age, min_work_years)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?16, ?15, ?15, ?17, ?18)",
    )?
    .execute(params![
        p.code, p.name, p.kind, p.lead_unit, p.liaison_office, p.office_head, p.term_years, p.max_term_years,
        p.steps, p.notice_days, p.direct_renewal, p.contact_interval_days, p.stipend_fen, p.notes, now,
        p.greeting_festivals, p.max_age, p.min_work_years
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, p: &Panel, now: &str) -> anyhow::Result<()> {
    conn.prepare_cached(
        "UPDATE panels SET code = ?1, name = ?2, kind = ?3, lead_unit = ?4, liaison_office = ?5, office_head = ?6,
            term_years = ?7, max_term_years = ?8, steps = ?9, notice_days = ?10, direct_renewal = ?11,
            contact_interval_days = ?12, stipend_fen = ?13, notes = ?14, updated_at = ?15,
            greeting_festivals = ?17, max_age = ?18, min_work_years = ?19
         WHERE id = ?16",
    )?
    .execute(params![
        p.code, p.name, p.kind, p.lead_unit, p.liaison_office, p.office_head, p.term_years, p.max_term_years,
        p.steps, p.notice_days, p.direct_renewal, p.contact_interval_days, p.stipend_fen, p.notes, now, p.id,
        p.greeting_festivals, p.max_age, p.min_work_years
    ])?;
    Ok(())
}

/// A yearly duty of a panel.
#[derive(Clone, Debug)]
pub struct Quota {
    pub id: i64,
    pub panel_id: i64,
    pub subject: String,
    pub kinds: String,
    pub period: String,
    pub scope: String,
    pub min_count: i64,
    pub note: Option<String>,
    /// Days before the period's end by which the duty is due (0: its end).
    pub lead_days: i64,
}

/// The duties in force for one panel (or all panels).
pub fn quotas(conn: &Connection, panel_id: Option<i64>) -> anyhow::Result<Vec<Quota>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, panel_id, subject, kinds, period, scope, min_count, note, lead_days FROM panel_quotas
         WHERE voided_at IS NULL AND (?1 IS NULL OR panel_id = ?1) ORDER BY panel_id, id",
    )?;
    let rows = stmt
        .query_map([panel_id], |r| {
            Ok(Quota {
                id: r.get(0)?,
                panel_id: r.get(1)?,
                subject: r.get(2)?,
                kinds: r.get(3)?,
                period: r.get(4)?,
                scope: r.get(5)?,
                min_count: r.get(6)?,
                note: r.get(7)?,
                lead_days: r.get(8)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
