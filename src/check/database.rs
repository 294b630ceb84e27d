//! Checks of the file itself: SQLite's integrity and foreign keys, and the
//! audit trail (its hash chain, and records left without audit rows).

use super::{Finding, Scope};

/// Whether a line of SQLite's integrity or quick check is the file's own
/// damage (exit 5), not a value breaking a CHECK or NOT NULL in the data (a
/// finding, exit 4). `check` and `backup` both ask this.
pub fn is_file_damage(line: &str) -> bool {
    line != "ok"
        && !line.starts_with("CHECK constraint failed")
        && !line.starts_with("NULL value in")
}

/// `PRAGMA integrity_check`: every line but "ok" is a finding.
pub fn integrity(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = scope.conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(lines
        .into_iter()
        .filter(|line| line != "ok")
        .map(Finding::general)
        .collect())
}

/// `PRAGMA foreign_key_check`: rows that point at a record that is not there.
pub fn foreign_keys(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let mut stmt = scope.conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .map(|(table, rowid, parent)| {
            Finding::new(
                &table,
                rowid,
                crate::tr!(
                    "指向 {parent} 中不存在的记录",
                    "points at a record missing from {parent}"
                ),
            )
        })
        .collect())
}

/// The SHA-256 chain of `audit_log`: the first row where it breaks.
pub fn audit_chain(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    Ok(crate::audit::verify_chain(scope.conn)?
        .map(|found| Finding::new("audit_log", Some(found.id()), found.describe()))
        .into_iter()
        .collect())
}

/// Tables whose every row is created through a command that audits it, with
/// the entity name it is audited under. Append a line when a command starts
/// creating records of a new table (e.g. `("liaisons", "liaison")`).
pub const AUDITED: &[(&str, &str)] = &[
    ("panels", "panel"),
    ("panel_quotas", "panel_quota"),
    ("advisors", "advisor"),
    ("roster_reviews", "roster_review"),
    ("needs", "need"),
    ("need_matches", "need_match"),
    ("station_reviews", "station_review"),
];

/// Tables an import creates records in beyond `AUDITED`: their ranges are
/// recorded in the import's audit row too (`id_marks`), though `check`
/// does not yet require an audit row for each of their records.
pub const IMPORTED: &[&str] = &[
    "liaisons",
    "liaison_assignments",
    "contacts",
    "recusals",
    "activities",
    "participants",
    "advice",
    "expenses",
];

/// The highest id of every audited or imported table (taken before and
/// after a bulk write such as an import, whose single audit row records
/// the ranges).
pub fn id_marks(conn: &rusqlite::Connection) -> anyhow::Result<Vec<(&'static str, i64)>> {
    AUDITED
        .iter()
        .map(|(table, _)| table)
        .chain(IMPORTED)
        .map(|table| {
            let max: i64 = conn.query_row(
                &format!("SELECT IFNULL(max(id), 0) FROM {table}"),
                [],
                |r| r.get(0),
            )?;
            Ok((*table, max))
        })
        .collect()
}

/// `{table: [first_id, last_id]}` for every table that grew between two marks.
pub fn id_ranges(
    before: &[(&'static str, i64)],
    after: &[(&'static str, i64)],
) -> serde_json::Value {
    let mut ranges = serde_json::Map::new();
    for ((table, old), (_, new)) in before.iter().zip(after) {
        if new > old {
            ranges.insert((*table).to_string(), serde_json::json!([old + 1, new]));
        }
    }
    serde_json::Value::Object(ranges)
}

/// Records without a single audit row: the rows that recorded them were
/// removed (the chain cannot show rows cut from its end), or they were
/// written around roster.
pub fn audit_coverage(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let mut findings = Vec::new();
    for (table, entity) in AUDITED {
        let mut stmt = scope.conn.prepare(&format!(
            "SELECT t.id FROM {table} t WHERE NOT EXISTS
               (SELECT 1 FROM audit_log l WHERE l.entity = ?1 AND l.entity_id = t.id)
             AND NOT EXISTS
               (SELECT 1 FROM audit_log l WHERE l.entity = 'import'
                  AND t.id BETWEEN json_extract(l.after, '$.ranges.{table}[0]')
                               AND json_extract(l.after, '$.ranges.{table}[1]'))
             ORDER BY t.id"
        ))?;
        let ids = stmt
            .query_map([entity], |r| r.get::<_, i64>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        findings.extend(ids.into_iter().map(|id| {
            Finding::new(
                table,
                Some(id),
                crate::tr!(
                    "没有任何审计记录（审计日志可能被截断）",
                    "has no audit row at all (the audit log may have been cut short)"
                ),
            )
        }));
    }
    Ok(findings)
}
