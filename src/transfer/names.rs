//! Naming records during an import: every advisor, panel or liaison is
//! loaded once and found in memory by id, code or unique name, in the order
//! `input::resolve` tries them. A text that names nothing, or several, is
//! handed to `resolve` itself, so the row's error is the command's own.

use std::sync::OnceLock;

use rusqlite::Connection;

use super::{FastMap, cells, fast_map};
use crate::context::Env;
use crate::input::resolve::{self, Found, Kind};

/// The records of one table, by id, code and name. Only the code map is
/// made at load (a file names people by code); the others are made the
/// first time a row needs them, so a large roster loads in a third of the
/// time and memory.
pub struct Names {
    kind: &'static Kind,
    all: Vec<Found>,
    /// Codes as stored (`Key`: short ones packed into the map itself, so a
    /// row's lookup touches no other memory).
    by_code: FastMap<Key, Coded>,
    by_id: OnceLock<FastMap<i64, usize>>,
    /// Codes ASCII-lowercased (codes compare without case).
    by_folded_code: OnceLock<FastMap<String, usize>>,
    /// `None` when several records share the name.
    by_name: OnceLock<FastMap<String, Option<usize>>>,
}

impl Names {
    /// Loads every record of `kind`'s table.
    pub fn load(conn: &Connection, kind: &'static Kind) -> anyhow::Result<Names> {
        let count: i64 =
            conn.query_row(&format!("SELECT count(*) FROM {}", kind.table), [], |r| {
                r.get(0)
            })?;
        let count = usize::try_from(count).unwrap_or_default();
        let mut names = Names {
            kind,
            all: Vec::with_capacity(count),
            by_code: FastMap::with_capacity_and_hasher(count, Default::default()),
            by_id: OnceLock::new(),
            by_folded_code: OnceLock::new(),
            by_name: OnceLock::new(),
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
        let coded = Coded {
            index,
            id: found.id,
            name: Key::of(&found.name),
        };
        self.by_code.insert(Key::of(&found.code), coded);
        if let Some(map) = self.by_id.get_mut() {
            map.insert(found.id, index);
        }
        if let Some(map) = self.by_folded_code.get_mut() {
            map.entry(found.code.to_ascii_lowercase()).or_insert(index);
        }
        if let Some(map) = self.by_name.get_mut() {
            add_name(map, &found.name, index);
        }
        self.all.push(found);
    }

    fn by_id(&self) -> &FastMap<i64, usize> {
        self.by_id.get_or_init(|| {
            let mut map = FastMap::with_capacity_and_hasher(self.all.len(), Default::default());
            for (index, found) in self.all.iter().enumerate() {
                map.insert(found.id, index);
            }
            map
        })
    }

    fn by_folded_code(&self) -> &FastMap<String, usize> {
        self.by_folded_code.get_or_init(|| {
            let mut map = fast_map();
            for (index, found) in self.all.iter().enumerate() {
                map.entry(found.code.to_ascii_lowercase()).or_insert(index);
            }
            map
        })
    }

    fn by_name(&self) -> &FastMap<String, Option<usize>> {
        self.by_name.get_or_init(|| {
            let mut map = fast_map();
            for (index, found) in self.all.iter().enumerate() {
                add_name(&mut map, &found.name, index);
            }
            map
        })
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
                self.by_id()
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
        self.by_id().get(&id).map(|&i| &self.all[i])
    }

    /// The record at `index` (as `coded` gives it).
    pub fn nth(&self, index: usize) -> Option<&Found> {
        self.all.get(index)
    }

    /// The common case of `person`: a code on file (not digits alone, which
    /// may be an id) with, if given, its holder's name — read from the
    /// code's map entry alone, which gives the record's place (`nth`) and
    /// id. `None` leaves the cells to `person`.
    pub fn coded(&self, code: Option<&str>, name: Option<&str>) -> Option<(usize, i64)> {
        let code = cells::trim(code?);
        if code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let coded = self.by_code.get(&Key::of(code))?;
        name.is_none_or(|n| Key::of(cells::trim(n)) == coded.name)
            .then_some((coded.index, coded.id))
    }

    /// `coded` for each of a batch of (code, name) cells: the keys are made
    /// first, then looked up one after another, so that the lookups (each
    /// a wait for memory in a large roster) wait together.
    pub fn coded_all(&self, cells: &[(Option<&str>, Option<&str>)]) -> Vec<Option<(usize, i64)>> {
        let keys: Vec<Option<(Key, Option<Key>)>> = cells
            .iter()
            .map(|&(code, name)| {
                let code = cells::trim(code?);
                if code.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                Some((Key::of(code), name.map(|n| Key::of(cells::trim(n)))))
            })
            .collect();
        keys.iter()
            .map(|key| {
                let (code, name) = key.as_ref()?;
                let coded = self.by_code.get(code)?;
                name.as_ref()
                    .is_none_or(|n| *n == coded.name)
                    .then_some((coded.index, coded.id))
            })
            .collect()
    }

    /// The record `text` names, found in memory alone (`find` without its
    /// fallback to `resolve`).
    pub fn lookup(&self, text: &str) -> Option<&Found> {
        let wanted = text.trim();
        if wanted.bytes().all(|b| b.is_ascii_digit())
            && let Ok(id) = wanted.parse::<i64>()
            && let Some(&i) = self.by_id().get(&id)
        {
            return Some(&self.all[i]);
        }
        if let Some(coded) = self.by_code.get(&Key::of(wanted)) {
            return Some(&self.all[coded.index]);
        }
        if wanted.bytes().any(|b| b.is_ascii_alphabetic())
            && let Some(&i) = self.by_folded_code().get(&wanted.to_ascii_lowercase())
        {
            return Some(&self.all[i]);
        }
        match self.by_name().get(wanted) {
            Some(Some(i)) => Some(&self.all[*i]),
            _ => None,
        }
    }
}

/// Records `name` for the record at `index` (`None` once two share it).
fn add_name(map: &mut FastMap<String, Option<usize>>, name: &str, index: usize) {
    map.entry(name.to_string())
        .and_modify(|v| *v = None)
        .or_insert(Some(index));
}

/// A record found by its code, with its id and its name as a `Key` (a
/// row's name cell is checked, and the record named, without reading the
/// record: a roster's records are far apart in memory).
struct Coded {
    index: usize,
    id: i64,
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
            if let Some((index, _)) = names.coded(Some(code), name) {
                return Ok(Some(&names.all[index]));
            }
            let code = code.trim();
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
