//! Advisors: reading and writing the `advisors` table (its search index is
//! kept in step by triggers in schema.sql).

use rusqlite::{Connection, OptionalExtension, params};

/// An advisor as stored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Advisor {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub id_number: Option<String>,
    pub category: String,
    pub tier: Option<String>,
    pub native_place: Option<String>,
    pub native_abroad: bool,
    pub employer: Option<String>,
    pub position: Option<String>,
    pub title: Option<String>,
    pub fields: Option<String>,
    pub work_start_year: Option<i64>,
    pub academician: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
    pub address: Option<String>,
    pub stipend_fen: Option<i64>,
    pub notes: Option<String>,
}

const COLUMNS: &str = "id, code, name, gender, birth_date, id_number, category, tier, native_place, native_abroad, \
    employer, position, title, fields, work_start_year, academician, phone, email, wechat, address, stipend_fen, notes";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Advisor> {
    Ok(Advisor {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        gender: r.get(3)?,
        birth_date: r.get(4)?,
        id_number: r.get(5)?,
        category: r.get(6)?,
        tier: r.get(7)?,
        native_place: r.get(8)?,
        native_abroad: r.get(9)?,
        employer: r.get(10)?,
        position: r.get(11)?,
        title: r.get(12)?,
        fields: r.get(13)?,
        work_start_year: r.get(14)?,
        academician: r.get(15)?,
        phone: r.get(16)?,
        email: r.get(17)?,
        wechat: r.get(18)?,
        address: r.get(19)?,
        stipend_fen: r.get(20)?,
        notes: r.get(21)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> anyhow::Result<Advisor> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM advisors WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| anyhow::anyhow!("advisor #{id} not found"))
}

/// The id of another advisor already using `column` = `value`, if any. A
/// code is taken whatever its case (`b0001` is found as `B0001`, so two
/// advisors may not hold them both).
pub fn taken(
    conn: &Connection,
    column: &str,
    value: &str,
    except: i64,
) -> anyhow::Result<Option<(i64, String, String)>> {
    let collate = if column == "code" {
        " COLLATE NOCASE"
    } else {
        ""
    };
    let sql =
        format!("SELECT id, code, name FROM advisors WHERE {column} = ?1{collate} AND id <> ?2");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![value, except], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

/// The next generated code: `A` and the next number, at least four digits
/// (past `a0041` too: a code is one whatever its case).
pub fn next_code(conn: &Connection) -> anyhow::Result<String> {
    let max: Option<i64> = conn
        .prepare_cached(
            "SELECT max(CAST(substr(code, 2) AS INTEGER)) FROM advisors WHERE code GLOB '[Aa][0-9]*'",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(format!("A{:04}", max.unwrap_or(0) + 1))
}

pub fn insert(conn: &Connection, a: &Advisor, now: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO advisors (code, name, gender, birth_date, id_number, category, tier, native_place, native_abroad,
            employer, position, title, fields, work_start_year, academician, phone, email, wechat, address,
            stipend_fen, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22)",
    )?
    .execute(params![
        a.code, a.name, a.gender, a.birth_date, a.id_number, a.category, a.tier, a.native_place, a.native_abroad,
        a.employer, a.position, a.title, a.fields, a.work_start_year, a.academician, a.phone, a.email, a.wechat,
        a.address, a.stipend_fen, a.notes, now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Records a change of an advisor's tier made on `on` (migration 12): the
/// first change also records the tier held until then, from the start.
pub fn record_tier(
    conn: &Connection,
    advisor_id: i64,
    old: Option<&str>,
    new: Option<&str>,
    on: &str,
    now: &str,
) -> anyhow::Result<()> {
    if old == new {
        return Ok(());
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO advisor_tiers (advisor_id, tier, from_date, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let known: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM advisor_tiers WHERE advisor_id = ?1)")?
        .query_row([advisor_id], |r| r.get(0))?;
    if !known {
        insert.execute(params![advisor_id, old, "0001-01-01", now])?;
    }
    insert.execute(params![advisor_id, new, on, now])?;
    Ok(())
}

/// The tier advisor `{a}` held on the day bound as `{day}` (SQL): the last
/// change on or before it, or the tier on file where none was ever recorded.
pub fn tier_on(a: &str, day: &str) -> String {
    format!(
        "CASE WHEN EXISTS (SELECT 1 FROM advisor_tiers t WHERE t.advisor_id = {a}.id)
              THEN (SELECT t.tier FROM advisor_tiers t WHERE t.advisor_id = {a}.id AND t.from_date <= {day}
                    ORDER BY t.from_date DESC, t.id DESC LIMIT 1)
              ELSE {a}.tier END"
    )
}

pub fn update(conn: &Connection, a: &Advisor, now: &str) -> anyhow::Result<()> {
    conn.prepare_cached(
        "UPDATE advisors SET code = ?1, name = ?2, gender = ?3, birth_date = ?4, id_number = ?5, category = ?6,
            tier = ?7, native_place = ?8, native_abroad = ?9, employer = ?10, position = ?11, title = ?12,
            fields = ?13, work_start_year = ?14, academician = ?15, phone = ?16, email = ?17, wechat = ?18,
            address = ?19, stipend_fen = ?20, notes = ?21, updated_at = ?22
         WHERE id = ?23",
    )?
    .execute(params![
        a.code, a.name, a.gender, a.birth_date, a.id_number, a.category, a.tier, a.native_place, a.native_abroad,
        a.employer, a.position, a.title, a.fields, a.work_start_year, a.academician, a.phone, a.email, a.wechat,
        a.address, a.stipend_fen, a.notes, now, a.id
    ])?;
    Ok(())
}
