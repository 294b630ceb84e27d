//! Budgets: the `budgets` lines, what is recorded against them, and the
//! office's set of controlled (严控) categories kept in `settings`.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::budget::{Line, Usage, controlled_set};
use crate::labels::EXPENSE_CATEGORY;

/// The `settings` key holding the controlled categories (comma-separated codes).
pub const CONTROLLED_KEY: &str = "money.controlled_categories";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Line> {
    Ok(Line {
        id: r.get(0)?,
        panel_id: r.get(1)?,
        category: r.get(2)?,
        cap_fen: r.get(3)?,
    })
}

/// Every line of a year: office lines first, then by panel; within each,
/// "all" before the categories in their usual order.
pub fn lines(conn: &Connection, year: i32) -> anyhow::Result<Vec<Line>> {
    let mut rows: Vec<Line> = conn
        .prepare_cached("SELECT id, panel_id, category, cap_fen FROM budgets WHERE year = ?1")?
        .query_map([year], from_row)?
        .collect::<Result<_, _>>()?;
    rows.sort_by_key(|l| {
        let category = l
            .category
            .as_deref()
            .map(|c| EXPENSE_CATEGORY.codes().position(|k| k == c));
        (l.panel_id.is_some(), l.panel_id, category)
    });
    Ok(rows)
}

/// The line for exactly this year, panel and category, if set.
pub fn find(
    conn: &Connection,
    year: i32,
    panel_id: Option<i64>,
    category: Option<&str>,
) -> anyhow::Result<Option<Line>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, panel_id, category, cap_fen FROM budgets
             WHERE year = ?1 AND IFNULL(panel_id, 0) = IFNULL(?2, 0) AND IFNULL(category, '') = IFNULL(?3, '')",
        )?
        .query_row(params![year, panel_id, category], from_row)
        .optional()?)
}

pub fn insert(
    conn: &Connection,
    year: i32,
    panel_id: Option<i64>,
    category: Option<&str>,
    cap_fen: i64,
    note: Option<&str>,
    now: &str,
) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO budgets (year, panel_id, category, cap_fen, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![year, panel_id, category, cap_fen, note, now])?;
    Ok(conn.last_insert_rowid())
}

/// Changes a line's cap (and its note, when one is given).
pub fn update(
    conn: &Connection,
    id: i64,
    cap_fen: i64,
    note: Option<&str>,
    now: &str,
) -> anyhow::Result<()> {
    conn.prepare_cached(
        "UPDATE budgets SET cap_fen = ?1, note = IFNULL(?2, note), updated_at = ?3 WHERE id = ?4",
    )?
    .execute(params![cap_fen, note, now, id])?;
    Ok(())
}

/// What is recorded in `year` under a line's scope: live expenses dated in
/// the year, on `panel_id` (any panel when None), of `category` (any when None).
pub fn usage(
    conn: &Connection,
    year: i32,
    panel_id: Option<i64>,
    category: Option<&str>,
) -> anyhow::Result<Usage> {
    let (first, last) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
    Ok(conn
        .prepare_cached(
            "SELECT IFNULL(sum(CASE WHEN voucher_no IS NOT NULL THEN amount_fen END), 0),
                    IFNULL(sum(CASE WHEN voucher_no IS NULL THEN amount_fen END), 0)
             FROM expenses
             WHERE voided_at IS NULL AND on_date BETWEEN ?1 AND ?2
               AND (?3 IS NULL OR panel_id = ?3) AND (?4 IS NULL OR category = ?4)",
        )?
        .query_row(params![first, last, panel_id, category], |r| {
            Ok(Usage {
                paid_fen: r.get(0)?,
                committed_fen: r.get(1)?,
            })
        })?)
}

/// Every line of a year with what is recorded against it: one grouped pass
/// over the year's expenses (by panel and category), each line summing the
/// groups it covers, the same scope `usage` reads. (`+panel_id` keeps the
/// planner on the covering date index rather than walking the panel index
/// and reading every row.)
pub fn lines_with_usage(conn: &Connection, year: i32) -> anyhow::Result<Vec<(Line, Usage)>> {
    let lines = lines(conn, year)?;
    if lines.is_empty() {
        return Ok(Vec::new());
    }
    let (first, last) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
    let groups: Vec<(Option<i64>, String, Usage)> = conn
        .prepare_cached(
            "SELECT panel_id, category,
                    IFNULL(sum(CASE WHEN voucher_no IS NOT NULL THEN amount_fen END), 0),
                    IFNULL(sum(CASE WHEN voucher_no IS NULL THEN amount_fen END), 0)
             FROM expenses WHERE voided_at IS NULL AND on_date BETWEEN ?1 AND ?2
             GROUP BY +panel_id, category",
        )?
        .query_map(params![first, last], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                Usage {
                    paid_fen: r.get(2)?,
                    committed_fen: r.get(3)?,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(lines
        .into_iter()
        .map(|line| {
            let mut used = Usage::default();
            for (panel, category, usage) in &groups {
                if line.panel_id.is_none_or(|p| *panel == Some(p))
                    && line.category.as_deref().is_none_or(|c| c == category)
                {
                    used.paid_fen += usage.paid_fen;
                    used.committed_fen += usage.committed_fen;
                }
            }
            (line, used)
        })
        .collect())
}

/// The stored controlled set (None: never set, the default applies).
pub fn controlled_stored(conn: &Connection) -> anyhow::Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT rowid, value FROM settings WHERE key = ?1")?
        .query_row([CONTROLLED_KEY], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The categories controlled now.
pub fn controlled(conn: &Connection) -> anyhow::Result<Vec<String>> {
    let stored = controlled_stored(conn)?;
    Ok(controlled_set(stored.as_ref().map(|(_, v)| v.as_str())))
}

/// Stores the controlled set; returns the settings row's rowid.
pub fn set_controlled(conn: &Connection, codes: &str) -> anyhow::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![CONTROLLED_KEY, codes])?;
    Ok(conn.query_row(
        "SELECT rowid FROM settings WHERE key = ?1",
        [CONTROLLED_KEY],
        |r| r.get(0),
    )?)
}
