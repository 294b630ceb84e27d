//! Checks of the roster: appointments (DESIGN.md, "The appointment
//! procedure"), advisor codes, ID numbers, stored dates and one-to-one
//! liaison.
//!
//! An appointment counts once it reached `appointed` (stored states
//! appointed, dismissed, resigned); `expired` and `renewed` are computed on
//! read (`store::status_expr`), so a term that has simply ended is not a problem.

use rusqlite::params;

use super::{Finding, Scope};
use crate::input::{date, idcard};

/// States of an appointment that reached `appointed`.
const REACHED: &str = "('appointed','dismissed','resigned')";

/// The last day an appointment `{ap}` served: its term end, or the day
/// before it ended early (`ended_on` is the first day no longer serving).
fn last_day(ap: &str) -> String {
    format!(
        "CASE WHEN {ap}.ended_on IS NOT NULL AND date({ap}.ended_on, '-1 day') < {ap}.term_end
              THEN date({ap}.ended_on, '-1 day') ELSE {ap}.term_end END"
    )
}

/// Appointed rows (seed 001 art. 4; 000 art. 6) without a term, or with one
/// that starts after it ends.
pub fn appointment_terms(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = scope.conn.prepare(&format!(
        "SELECT id, term_start, term_end FROM appointments
         WHERE (state IN {REACHED} AND (term_start IS NULL OR term_end IS NULL))
            OR term_start > term_end
         ORDER BY id"
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, start, end)| {
            let detail = match (start, end) {
                (Some(s), Some(e)) => crate::tr!(
                    "聘期起日 {s} 晚于止日 {e}",
                    "the term starts on {s}, after it ends on {e}"
                ),
                _ => crate::tr!(
                    "已聘任但没有完整的聘期起止日期",
                    "appointed without both term start and term end"
                ),
            };
            Finding::new("appointments", Some(id), detail)
        })
        .collect())
}

/// Appointed rows without the certificate number the appointment records.
pub fn certificate_numbers(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = scope.conn.prepare(&format!(
        "SELECT id FROM appointments
         WHERE state IN {REACHED} AND (certificate_no IS NULL OR trim(certificate_no) = '')
         ORDER BY id"
    ))?;
    let ids = stmt
        .query_map([], |r| r.get::<_, i64>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ids
        .into_iter()
        .map(|id| {
            Finding::new(
                "appointments",
                Some(id),
                crate::tr!(
                    "已聘任但没有聘书编号",
                    "appointed without a certificate number"
                ),
            )
        })
        .collect())
}

/// Two served terms of one advisor on one panel that share a day. A renewal
/// and its predecessor are the `renewals` check's.
pub fn overlapping_terms(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = scope.conn.prepare(&format!(
        "WITH t AS (
            SELECT ap.id, ap.advisor_id, ap.panel_id, ap.previous_id, ap.term_start AS s, {} AS e
            FROM appointments ap
            WHERE ap.state IN {REACHED} AND ap.term_start IS NOT NULL AND ap.term_end IS NOT NULL)
         SELECT a.id, b.id, a.s, a.e, b.s, b.e, adv.code, adv.name, p.code
         FROM t a JOIN t b ON b.advisor_id = a.advisor_id AND b.panel_id = a.panel_id AND b.id > a.id
         JOIN advisors adv ON adv.id = a.advisor_id
         JOIN panels p ON p.id = a.panel_id
         WHERE a.s <= a.e AND b.s <= b.e AND a.s <= b.e AND b.s <= a.e
           AND b.previous_id IS NOT a.id AND a.previous_id IS NOT b.id
         ORDER BY a.id, b.id",
        last_day("ap")
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                [
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ],
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .map(|(a, b, [as_, ae, bs, be], code, name, panel)| {
            Finding::new(
                "appointments",
                Some(b),
                crate::tr!(
                    "{name}（{code}）在 {panel} 的聘期 {bs}–{be} 与聘任 #{a}（{as_}–{ae}）重叠",
                    "{name} ({code}) on {panel}: the term {bs}–{be} overlaps appointment #{a} ({as_}–{ae})"
                ),
            )
        })
        .collect())
}

/// A renewal (DESIGN.md: "renewed, a new term, linked") must be the same
/// advisor's and begin after its predecessor stopped serving.
pub fn renewals(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = scope.conn.prepare(&format!(
        "SELECT n.id, p.id, n.advisor_id <> p.advisor_id,
                n.state IN {REACHED} AND p.state IN {REACHED} AND n.term_start <= {},
                n.term_start, {}
         FROM appointments n JOIN appointments p ON p.id = n.previous_id
         ORDER BY n.id",
        last_day("p"),
        last_day("p")
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, Option<bool>>(3)?.unwrap_or(false),
                r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut findings = Vec::new();
    for (id, previous, other_person, overlaps, start, last) in rows {
        if other_person {
            findings.push(Finding::new(
                "appointments",
                Some(id),
                crate::tr!(
                    "续聘的前一聘任 #{previous} 属于另一位专家",
                    "renews appointment #{previous}, which belongs to another advisor"
                ),
            ));
        }
        if overlaps {
            findings.push(Finding::new(
                "appointments",
                Some(id),
                crate::tr!(
                    "续聘自 {start} 起，而前一聘任 #{previous} 到 {last} 才结束",
                    "the renewal starts on {start} while appointment #{previous} it renews runs until {last}"
                ),
            ));
        }
    }
    Ok(findings)
}

/// Advisor codes that differ only in case (`a0005` beside `A0005`). Codes
/// are one whatever their case, and roster refuses such a twin now; a file
/// from before may hold both, each found only by the code as written, so a
/// clerk typing the other case reaches the other person.
pub fn advisor_codes(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = scope.conn.prepare(
        "SELECT a.id, a.code, b.id, b.code FROM advisors a
         JOIN advisors b ON b.code = a.code COLLATE NOCASE AND b.id < a.id
         ORDER BY a.id, b.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut findings = Vec::new();
    for row in rows {
        let (id, code, first, twin) = row?;
        findings.push(Finding::new(
            "advisors",
            Some(id),
            crate::tr!(
                "编码 {code} 与专家 #{first} 的 {twin} 只有大小写不同（编码不分大小写）；请给其中一位换一个编码：roster advisor edit {code} --code 新编码",
                "code {code} differs from advisor #{first}'s {twin} only in case (codes ignore case); give one of them another code: roster advisor edit {code} --code NEW",
            ),
        ));
    }
    Ok(findings)
}

/// Every stored ID number re-validated (GB 11643 check digit, birth date
/// inside), in canonical form, and agreeing with the stored birth date.
/// Findings show masked numbers only.
pub fn id_numbers(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = scope.conn.prepare(
        "SELECT id, id_number, birth_date FROM advisors WHERE id_number IS NOT NULL ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut findings = Vec::new();
    for (id, number, birth) in rows {
        let masked = idcard::mask(&number);
        let detail = match idcard::parse("id_number", &number) {
            Err(err) => Some(err.to_string()),
            Ok(info) if info.normalized != number => Some(crate::tr!(
                "身份证号 {masked} 未按规范存储（末位 X 应为大写，不含空格）",
                "ID number {masked} is not stored in canonical form (upper-case X, no spaces)"
            )),
            Ok(info) => match birth {
                Some(b) if b != date::iso(info.birth_date) => {
                    let from_id = date::iso(info.birth_date);
                    Some(crate::tr!(
                        "出生日期 {b} 与身份证号 {masked} 中的 {from_id} 不符",
                        "birth date {b} disagrees with ID number {masked} ({from_id})"
                    ))
                }
                _ => None,
            },
        };
        findings.extend(detail.map(|d| Finding::new("advisors", Some(id), d)));
    }
    Ok(findings)
}

/// Columns holding a calendar date: `*_date`, `*_on` and the term and notice bounds.
fn is_date_column(name: &str) -> bool {
    name.ends_with("_date")
        || name.ends_with("_on")
        || matches!(
            name,
            "term_start"
                | "term_end"
                | "notice_start"
                | "notice_end"
                | "leader_since"
                | "leader_until"
        )
}

/// Every stored date is a real ISO date (`YYYY-MM-DD`): comparisons and
/// `date::from_db` rely on it.
pub fn stored_dates(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let tables: Vec<String> = scope
        .conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut findings = Vec::new();
    for table in tables {
        let columns: Vec<String> = scope
            .conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for column in columns.iter().filter(|c| is_date_column(c)) {
            let mut stmt = scope.conn.prepare(&format!(
                "SELECT rowid, {column} FROM \"{table}\"
                 WHERE {column} IS NOT NULL AND (typeof({column}) <> 'text' OR length({column}) <> 10
                       OR date({column}) IS NOT {column})
                 ORDER BY rowid LIMIT 100"
            ))?;
            let bad = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, rusqlite::types::Value>(1)?))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            for (rowid, value) in bad {
                let shown = match value {
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                };
                findings.push(Finding::new(
                    &table,
                    Some(rowid),
                    crate::tr!(
                        "{column} 的值“{shown}”不是有效的 ISO 日期",
                        "{column} holds \"{shown}\", not a valid ISO date"
                    ),
                ));
            }
        }
    }
    Ok(findings)
}

/// Advisors serving today without a liaison paired with them today
/// (seed 000: one-to-one liaison; seed 004: every expert has a contact).
pub fn liaison_coverage(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let sql = format!(
        "SELECT a.id, a.code, a.name FROM advisors a
         WHERE {}
           AND NOT EXISTS (SELECT 1 FROM liaison_assignments la WHERE la.advisor_id = a.id
                           AND la.start_date <= ? AND (la.end_date IS NULL OR la.end_date >= ?))
         ORDER BY a.code",
        crate::store::serving_exists("a.id", false)
    );
    let today = &scope.today_iso;
    let mut stmt = scope.conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params![today, today, today, today, today], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, code, name)| {
            Finding::new(
                "advisors",
                Some(id),
                crate::tr!(
                    "{name}（{code}）在聘，但今天没有联系人与其一对一联系",
                    "{name} ({code}) is serving but has no liaison paired with them today"
                ),
            )
        })
        .collect())
}
