//! Assessment runs and results, and the lock a confirmed year puts on the
//! records that feed its metrics.

use rusqlite::{Connection, OptionalExtension, params};

/// The run in force for a year and scope (panel or the whole office):
/// `(id, state)` of the newest run that is not superseded.
pub fn current_run(
    conn: &Connection,
    year: i32,
    panel_id: Option<i64>,
) -> anyhow::Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, state FROM assess_runs WHERE year = ?1 AND panel_id IS ?2 AND state <> 'superseded'
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![year, panel_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The newest result for an advisor in a year: `(assessment id, run id, state)`.
pub fn current_result(
    conn: &Connection,
    advisor_id: i64,
    year: i32,
) -> anyhow::Result<Option<(i64, i64, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT s.id, s.run_id, s.state FROM assessments s WHERE s.advisor_id = ?1 AND s.year = ?2
               AND s.state <> 'superseded' ORDER BY s.state = 'confirmed' DESC, s.id DESC LIMIT 1",
        )?
        .query_row(params![advisor_id, year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Refuses a change to records dated `date` that would alter a confirmed
/// assessment of any of `advisor_ids` (seed 001 art. 16: the confirmed
/// result stands). Call it from every add, edit and void of activities,
/// participants, advice and expenses.
pub fn check_open(conn: &Connection, date: &str, advisor_ids: &[i64]) -> anyhow::Result<()> {
    let Some(year) = date.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
        return Ok(());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT a.code, a.name FROM assessments s JOIN advisors a ON a.id = s.advisor_id
         WHERE s.year = ?1 AND s.advisor_id = ?2 AND s.state = 'confirmed' LIMIT 1",
    )?;
    for id in advisor_ids {
        if let Some((code, name)) = stmt
            .query_row(params![year, id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .optional()?
        {
            return Err(crate::refused!(
                "{year} 年度考核已确定（{name} {code}），该年影响考核的记录已锁定，不能更改",
                "the {year} assessment is confirmed ({name} {code}); records of that year that feed it are locked",
            ));
        }
    }
    Ok(())
}

/// Refuses an expense of `advisor_id` dated `date` (added, paid, edited or
/// voided) that would alter a confirmed assessment: its subsidies (the
/// expenses the confirmation made) always; other spending only where the
/// confirmed rule set's cap covers all advisor spending (Erenhot art. 14),
/// so that the spending entered the subsidies' room. Under any other rule
/// set money counts for nothing in the assessment, and a trip reimbursed
/// after the year was confirmed is still recorded on its own day.
pub fn check_open_expense(
    conn: &Connection,
    date: &str,
    advisor_id: i64,
    subsidy: bool,
) -> anyhow::Result<()> {
    if subsidy {
        return check_open(conn, date, &[advisor_id]);
    }
    let Some(year) = date.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
        return Ok(());
    };
    let confirmed: Option<(String, String, String)> = conn
        .prepare_cached(
            "SELECT a.code, a.name, r.rules_toml FROM assessments s JOIN advisors a ON a.id = s.advisor_id
               JOIN assess_runs r ON r.id = s.run_id
             WHERE s.year = ?1 AND s.advisor_id = ?2 AND s.state = 'confirmed' LIMIT 1",
        )?
        .query_row(params![year, advisor_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((code, name, toml)) = confirmed else {
        return Ok(());
    };
    let rules = crate::domain::assess::parse(&toml)
        .map_err(|e| anyhow::anyhow!("stored rules of the {year} assessment: {e}"))?;
    if rules.subsidy.cap_covers_all {
        let cap = crate::input::money::grouped(rules.subsidy.cap);
        return Err(crate::refused!(
            "{year} 年度考核已确定（{name} {code}）：其补贴按全年顾问经费上限 {cap} 元（含其他开支）计算，该专家该年的经费已锁定，不能更改",
            "the {year} assessment is confirmed ({name} {code}): its subsidies were fitted under a cap of {cap} yuan on all advisor spending, so this advisor's spending of that year is locked",
        ));
    }
    Ok(())
}

/// Refuses a run or a confirmation that would give any of `advisor_ids` a
/// second result for `year`: one confirmed result per advisor and year,
/// whichever scope (a panel or the whole office) confirmed it — otherwise an
/// office-wide run after a panel's confirmation would pay the subsidy twice
/// (seed 001 art. 14, 16).
pub fn check_not_confirmed(
    conn: &Connection,
    year: i32,
    advisor_ids: &[i64],
) -> anyhow::Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.code, a.name, p.name FROM assessments s JOIN advisors a ON a.id = s.advisor_id
           LEFT JOIN assess_runs r ON r.id = s.run_id LEFT JOIN panels p ON p.id = r.panel_id
         WHERE s.year = ?1 AND s.advisor_id = ?2 AND s.state = 'confirmed' LIMIT 1",
    )?;
    for id in advisor_ids {
        if let Some((code, name, panel)) = stmt
            .query_row(params![year, id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })
            .optional()?
        {
            let scope =
                panel.unwrap_or_else(|| crate::i18n::pick("全部", "the whole office").to_string());
            return Err(crate::refused!(
                "{name}（{code}）的 {year} 年度考核已由“{scope}”的考核确定（锁定），不能再次考核或确定",
                "{name} ({code}) already has a confirmed {year} result from the assessment of {scope} (locked); it cannot be assessed or confirmed again",
            ));
        }
    }
    Ok(())
}

/// `check_open` for everyone on an activity (its date as stored).
pub fn check_activity_open(conn: &Connection, activity_id: i64) -> anyhow::Result<()> {
    let (date, ids) = involved(
        conn,
        "SELECT on_date FROM activities WHERE id = ?1",
        "SELECT advisor_id FROM participants WHERE activity_id = ?1 AND voided_at IS NULL",
        activity_id,
    )?;
    check_open(conn, &date, &ids)
}

/// `check_open` for everyone named on a piece of advice (its date as stored).
pub fn check_advice_open(conn: &Connection, advice_id: i64) -> anyhow::Result<()> {
    let (date, ids) = involved(
        conn,
        "SELECT on_date FROM advice WHERE id = ?1",
        "SELECT advisor_id FROM advice_advisors WHERE advice_id = ?1",
        advice_id,
    )?;
    check_open(conn, &date, &ids)
}

fn involved(
    conn: &Connection,
    date_sql: &str,
    people_sql: &str,
    id: i64,
) -> anyhow::Result<(String, Vec<i64>)> {
    let date: String = conn
        .prepare_cached(date_sql)?
        .query_row([id], |r| r.get(0))?;
    let ids = conn
        .prepare_cached(people_sql)?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok((date, ids))
}
