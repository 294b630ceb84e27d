//! Naming records during an import: every advisor, panel or liaison is
//! loaded once and found in memory by id, code or unique name, in the order
//! `input::resolve` tries them. A text that names nothing, or several, is
//! handed to `resolve` itself, so the row's error is the command's own.

use rusqlite::Connection;

use super::{FastMap, fast_map};
use crate::context::Env;
use crate::input::resolve::{self, Found, Kind};

/// The records of one table, by id, code and name.
pub struct Names {
    kind: &'static Kind,
    all: Vec<Found>,
    by_id: FastMap<i64, usize>,
    /// Codes as stored (`Key`: short ones packed into the map itself, so a
    /// row's lookup touches no other memory), and ASCII-lowercased (codes
    /// compare without case).
    by_code: FastMap<Key, Coded>,
    by_folded_code: FastMap<String, usize>,
    /// `None` when several records share the name.
    by_name: FastMap<String, Option<usize>>,
}

impl Names {
    /// Loads every record of `kind`'s table.
    pub fn load(conn: &Connection, kind: &'static Kind) -> anyhow::Result<Names> {
        let mut names = Names {
            kind,
            all: Vec::new(),
            by_id: fast_map(),
            by_code: fast_map(),
            by_folded_code: fast_map(),
            by_name: fast_map(),
        };
        let mut stmt = conn.prepare(&format!(
            "SELECT id, code, name FROM {} ORDER BY id",
            kind.table
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            names.add(Found {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
            });
        }
        Ok(names)
    }

    /// Adds a record created since loading.
    pub fn add(&mut self, found: Found) {
        let index = self.all.len();
        self.by_id.insert(found.id, index);
        let coded = Coded {
            index,
            name: Key::of(&found.name),
        };
        self.by_code.insert(Key::of(&found.code), coded);
        self.by_folded_code
            .entry(found.code.to_ascii_lowercase())
            .or_insert(index);
        self.by_name
            .entry(found.name.clone())
            .and_modify(|v| *v = None)
            .or_insert(Some(index));
        self.all.push(found);
    }

    /// The record `text` names (id, code or unique name), or `resolve`'s
    /// error for it under `flag`.
    pub fn find(
        &self,
        conn: &Connection,
        env: &Env,
        flag: &str,
        text: &str,
    ) -> anyhow::Result<&Found> {
        match self.lookup(text) {
            Some(found) => Ok(found),
            None => {
                // Not here, or a name several records share: the command's message.
                let found = resolve::resolve(conn, env, self.kind, flag, text)?;
                self.by_id
                    .get(&found.id)
                    .map(|&i| &self.all[i])
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "{} #{} appeared during the import",
                            self.kind.table,
                            found.id
                        )
                    })
            }
        }
    }

    /// The record with this id.
    pub fn get(&self, id: i64) -> Option<&Found> {
        self.by_id.get(&id).map(|&i| &self.all[i])
    }

    fn lookup(&self, text: &str) -> Option<&Found> {
        let wanted = text.trim();
        if wanted.bytes().all(|b| b.is_ascii_digit())
            && let Ok(id) = wanted.parse::<i64>()
            && let Some(&i) = self.by_id.get(&id)
        {
            return Some(&self.all[i]);
        }
        if let Some(coded) = self.by_code.get(&Key::of(wanted)) {
            return Some(&self.all[coded.index]);
        }
        if wanted.bytes().any(|b| b.is_ascii_alphabetic())
            && let Some(&i) = self.by_folded_code.get(&wanted.to_ascii_lowercase())
        {
            return Some(&self.all[i]);
        }
        match self.by_name.get(wanted) {
            Some(Some(i)) => Some(&self.all[*i]),
            _ => None,
        }
    }
}

/// A record found by its code, with its name as a `Key` (a row's name cell
/// is checked against it without reading the record).
struct Coded {
    index: usize,
    name: Key,
}

/// A code as a map key: up to 15 bytes packed with its length into one
/// integer (every code a roster makes), a longer one as text.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Short(u128),
    Long(String),
}

impl Key {
    fn of(code: &str) -> Key {
        let bytes = code.as_bytes();
        if bytes.len() >= 16 {
            return Key::Long(code.to_string());
        }
        let mut packed = [0u8; 16];
        packed[..bytes.len()].copy_from_slice(bytes);
        packed[15] = bytes.len() as u8;
        Key::Short(u128::from_le_bytes(packed))
    }
}

/// A person named in two cells, code and name: the code decides and the
/// name, when given, must be that person's (a clerk's file may have
/// either); a name alone is resolved like a typed name.
pub fn person<'n>(
    names: &'n Names,
    conn: &Connection,
    env: &Env,
    flag: &str,
    code: Option<&str>,
    name: Option<&str>,
) -> anyhow::Result<Option<&'n Found>> {
    match (code, name) {
        (None, None) => Ok(None),
        (None, Some(name)) => names.find(conn, env, flag, name).map(Some),
        (Some(code), name) => {
            // The common case, a code on file and its holder's name, read
            // from the code's map entry alone (digits alone may be an id,
            // which `find` tries first).
            let code = code.trim();
            if !code.bytes().all(|b| b.is_ascii_digit())
                && let Some(coded) = names.by_code.get(&Key::of(code))
                && name.is_none_or(|n| Key::of(n.trim()) == coded.name)
            {
                return Ok(Some(&names.all[coded.index]));
            }
            let found = names.find(conn, env, flag, code)?;
            if let Some(name) = name
                && name.trim() != found.name
            {
                let (code, shown, typed) = (&found.code, &found.name, name.trim());
                return Err(crate::invalid!(
                    "{flag}：编码 {code} 是 {shown}，而姓名列写的是“{typed}”；请核对",
                    "{flag}: code {code} is {shown}, but the name column says \"{typed}\"; check both",
                ));
            }
            Ok(Some(found))
        }
    }
}
