//! The audit log: one row per change, written in the change's transaction,
//! with a SHA-256 chain (each row's hash covers the previous row's hash and
//! its own content) so that editing or deleting a row is evident.
//! Full ID numbers never reach the log: they are masked on the way in.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::context::Env;
use crate::input::idcard;

/// The hash before the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Keys whose values are masked before they are logged.
const MASKED_KEYS: &[&str] = &["id_number"];

/// The content a row's hash covers, in a fixed order.
#[allow(clippy::too_many_arguments)]
pub fn row_hash(
    prev_hash: &str,
    id: i64,
    at: &str,
    operator: &str,
    command: &str,
    entity: &str,
    entity_id: Option<i64>,
    action: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut hasher = Sha256::new();
    let entity_id = entity_id.map(|v| v.to_string()).unwrap_or_default();
    for part in [
        prev_hash,
        &id.to_string(),
        at,
        operator,
        command,
        entity,
        &entity_id,
        action,
        before.unwrap_or(""),
        after.unwrap_or(""),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// SHA-256 of `bytes` as lowercase hex (imported files, stored rule sets).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What identifies the data a reader sees (`Ctx::read_both`): the last
/// audit row's id and hash — every change a command makes writes one — and
/// the schema's version, which a migration moves.
pub fn snapshot_mark(conn: &Connection) -> anyhow::Result<(i64, String, i64)> {
    let (id, hash) = conn
        .query_row(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, String::new()));
    let version: i64 = conn.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    Ok((id, hash, version))
}

/// Appends one audit row.
pub fn record(
    conn: &Connection,
    env: &Env,
    entity: &str,
    entity_id: Option<i64>,
    action: &str,
    before: Option<&Value>,
    after: Option<&Value>,
) -> anyhow::Result<()> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (id, prev_hash) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let at = crate::context::now_stamp();
    let command = mask_command(&env.command);
    let before = before.map(|v| masked(v).to_string());
    let after = after.map(|v| masked(v).to_string());
    let hash = row_hash(
        &prev_hash,
        id,
        &at,
        &env.operator,
        &command,
        entity,
        entity_id,
        action,
        before.as_deref(),
        after.as_deref(),
    );
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, operator, command, entity, entity_id, action, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![id, at, env.operator, command, entity, entity_id, action, before, after, prev_hash, hash])?;
    Ok(())
}

/// A row of `table` as a JSON object keyed by column name.
pub fn snapshot(conn: &Connection, table: &str, id: i64) -> anyhow::Result<Value> {
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    let value = stmt
        .query_row([id], |row| {
            let mut map = Map::new();
            for (i, name) in names.iter().enumerate() {
                let v = match row.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => Value::Null,
                    rusqlite::types::ValueRef::Integer(n) => Value::from(n),
                    rusqlite::types::ValueRef::Real(f) => Value::from(f),
                    rusqlite::types::ValueRef::Text(t) => {
                        Value::from(String::from_utf8_lossy(t).into_owned())
                    }
                    rusqlite::types::ValueRef::Blob(b) => {
                        Value::from(format!("<{} bytes>", b.len()))
                    }
                };
                map.insert(name.clone(), v);
            }
            Ok(Value::Object(map))
        })
        .optional()?;
    value.ok_or_else(|| anyhow::anyhow!("{table} #{id} vanished inside its own transaction"))
}

fn masked(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = match (MASKED_KEYS.contains(&k.as_str()), v) {
                        (true, Value::String(s)) => Value::from(idcard::mask(s)),
                        _ => masked(v),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(masked).collect()),
        // An ID number typed into notes or any other field is masked too.
        Value::String(s) => Value::from(crate::privacy::mask_ids(s)),
        other => other.clone(),
    }
}

/// Masks anything in a command line that looks like an 18-character ID number.
pub fn mask_command(command: &str) -> String {
    crate::privacy::mask_ids(command)
}

/// Where the audit chain first breaks.
#[derive(Debug, PartialEq, Eq)]
pub enum ChainBreak {
    /// Rows `missing_from..id` are gone (deleted), so `id` follows a gap.
    Gap { id: i64, missing_from: i64 },
    /// Row `id` does not continue from the row before it (`after`, 0 for the
    /// start): that row was rewritten, or rows were removed or reordered.
    Link { id: i64, after: i64 },
    /// Row `id`'s content no longer matches its own hash: edited after it was written.
    Content { id: i64 },
}

impl ChainBreak {
    /// The row where the chain breaks.
    pub fn id(&self) -> i64 {
        match self {
            ChainBreak::Gap { id, .. }
            | ChainBreak::Link { id, .. }
            | ChainBreak::Content { id } => *id,
        }
    }

    /// What happened, in the user's language.
    pub fn describe(&self) -> String {
        match *self {
            ChainBreak::Gap { id, missing_from } if missing_from + 1 == id => crate::tr!(
                "审计记录 #{missing_from} 缺失（已被删除）；链条在 #{id} 处断开",
                "audit row #{missing_from} is missing (deleted); the chain breaks at #{id}",
            ),
            ChainBreak::Gap { id, missing_from } => {
                let last = id - 1;
                crate::tr!(
                    "审计记录 #{missing_from}–#{last} 缺失（已被删除）；链条在 #{id} 处断开",
                    "audit rows #{missing_from}–#{last} are missing (deleted); the chain breaks at #{id}",
                )
            }
            ChainBreak::Link { id, after: 0 } => crate::tr!(
                "审计记录 #{id} 不是链条的起点（前面的记录被删除或替换）",
                "audit row #{id} does not start the chain (earlier rows were deleted or replaced)",
            ),
            ChainBreak::Link { id, after } => crate::tr!(
                "审计记录 #{id} 与 #{after} 接不上：#{after} 被改写，或记录被删除、调换了顺序",
                "audit row #{id} does not follow #{after}: #{after} was rewritten, or rows were removed or reordered",
            ),
            ChainBreak::Content { id } => crate::tr!(
                "审计记录 #{id} 的内容在写入后被改动（哈希不符）",
                "audit row #{id} was changed after it was written (its hash no longer matches)",
            ),
        }
    }
}

/// Walks the whole audit log in id order and returns the first break in the
/// SHA-256 chain, if any. Removing rows from the very end leaves no break in
/// the chain itself; `check`'s audit coverage catches records left without
/// their audit rows.
pub fn verify_chain(conn: &Connection) -> anyhow::Result<Option<ChainBreak>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, operator, command, entity, entity_id, action, before, after, prev_hash, hash
         FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let (mut last_id, mut last_hash) = (0i64, GENESIS.to_string());
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let prev_hash: String = r.get(9)?;
        let hash: String = r.get(10)?;
        if id != last_id + 1 {
            return Ok(Some(ChainBreak::Gap {
                id,
                missing_from: last_id + 1,
            }));
        }
        if prev_hash != last_hash {
            return Ok(Some(ChainBreak::Link { id, after: last_id }));
        }
        let before: Option<String> = r.get(7)?;
        let after: Option<String> = r.get(8)?;
        let computed = row_hash(
            &prev_hash,
            id,
            &r.get::<_, String>(1)?,
            &r.get::<_, String>(2)?,
            &r.get::<_, String>(3)?,
            &r.get::<_, String>(4)?,
            r.get(5)?,
            &r.get::<_, String>(6)?,
            before.as_deref(),
            after.as_deref(),
        );
        if computed != hash {
            return Ok(Some(ChainBreak::Content { id }));
        }
        (last_id, last_hash) = (id, hash);
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Env {
        Env {
            format: crate::output::Format::Table,
            lang: crate::i18n::Lang::En,
            operator: "tester".into(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            yes: true,
            interactive: false,
            command: "roster test".into(),
            quiet: true,
        }
    }

    /// A log of five rows without the append-only triggers, so it can be tampered with.
    fn log() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(crate::db::MIGRATIONS[0]).unwrap();
        for i in 1..=5 {
            let after = serde_json::json!({ "name": format!("row {i}") });
            record(&conn, &env(), "advisor", Some(i), "add", None, Some(&after)).unwrap();
        }
        conn
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(verify_chain(&log()).unwrap(), None);
        let empty = Connection::open_in_memory().unwrap();
        empty.execute_batch(crate::db::MIGRATIONS[0]).unwrap();
        assert_eq!(verify_chain(&empty).unwrap(), None);
    }

    #[test]
    fn tampering_names_the_first_broken_row() {
        let conn = log();
        conn.execute("UPDATE audit_log SET operator = 'mallory' WHERE id = 3", [])
            .unwrap();
        assert_eq!(
            verify_chain(&conn).unwrap(),
            Some(ChainBreak::Content { id: 3 })
        );

        let conn = log();
        conn.execute("DELETE FROM audit_log WHERE id = 2", [])
            .unwrap();
        assert_eq!(
            verify_chain(&conn).unwrap(),
            Some(ChainBreak::Gap {
                id: 3,
                missing_from: 2
            })
        );

        let conn = log();
        conn.execute("DELETE FROM audit_log WHERE id = 1", [])
            .unwrap();
        assert_eq!(
            verify_chain(&conn).unwrap(),
            Some(ChainBreak::Gap {
                id: 2,
                missing_from: 1
            })
        );

        // Swapping two rows' ids (contents and hashes move together).
        let conn = log();
        conn.execute_batch(
            "UPDATE audit_log SET id = 100 WHERE id = 2;
             UPDATE audit_log SET id = 2 WHERE id = 4;
             UPDATE audit_log SET id = 4 WHERE id = 100;",
        )
        .unwrap();
        assert_eq!(
            verify_chain(&conn).unwrap(),
            Some(ChainBreak::Link { id: 2, after: 1 })
        );

        // A careful forger who recomputes the edited row's own hash still
        // breaks the link to the next row.
        let conn = log();
        let (prev, at): (String, String) = conn
            .query_row(
                "SELECT prev_hash, at FROM audit_log WHERE id = 4",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let forged = row_hash(
            &prev,
            4,
            &at,
            "mallory",
            "roster test",
            "advisor",
            Some(4),
            "add",
            None,
            Some("{}"),
        );
        conn.execute(
            "UPDATE audit_log SET operator = 'mallory', after = '{}', hash = ?1 WHERE id = 4",
            [forged],
        )
        .unwrap();
        let found = verify_chain(&conn).unwrap().unwrap();
        assert_eq!(found, ChainBreak::Link { id: 5, after: 4 });
        assert!(found.describe().contains("#4"));
    }

    #[test]
    fn masks_ids_in_command_lines() {
        assert_eq!(
            mask_command("advisor add --id-number 11010519491231002X --name 李"),
            "advisor add --id-number 110105********002X --name 李"
        );
        assert_eq!(
            mask_command("--id-number=11010519491231002x"),
            "--id-number=110105********002x"
        );
    }
}
