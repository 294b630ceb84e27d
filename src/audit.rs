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
        other => other.clone(),
    }
}

/// Masks anything in a command line that looks like an 18-character ID number.
pub fn mask_command(command: &str) -> String {
    let mut out = String::with_capacity(command.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if looks_like_id(token) {
            out.push_str(&idcard::mask(token));
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in command.chars() {
        if c.is_ascii_alphanumeric() {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
            out.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

fn looks_like_id(token: &str) -> bool {
    token.len() == 18 && token[..17].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

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
