//! Naming a record: by id, by code, or by a unique name. An ambiguous name
//! lists the candidates, or offers a pick when a person is at a terminal.

use rusqlite::{Connection, OptionalExtension};

use crate::context::Env;

/// A record found by `resolve`.
#[derive(Clone, Debug, Default)]
pub struct Found {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// What can be named, and how it is shown when names collide.
pub struct Kind {
    pub table: &'static str,
    /// A column that tells namesakes apart (employer, unit).
    pub detail: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub hint_zh: &'static str,
    pub hint_en: &'static str,
}

pub const ADVISOR: Kind = Kind {
    table: "advisors",
    detail: "employer",
    zh: "专家",
    en: "advisor",
    hint_zh: "roster advisor search",
    hint_en: "roster advisor search",
};
pub const PANEL: Kind = Kind {
    table: "panels",
    detail: "lead_unit",
    zh: "顾问团",
    en: "panel",
    hint_zh: "roster panel list",
    hint_en: "roster panel list",
};
pub const LIAISON: Kind = Kind {
    table: "liaisons",
    detail: "unit",
    zh: "联系人",
    en: "liaison",
    hint_zh: "roster liaison list",
    hint_en: "roster liaison list",
};

/// Finds one record of `kind` named by `text` (id, code or exact name).
pub fn resolve(
    conn: &Connection,
    env: &Env,
    kind: &Kind,
    flag: &str,
    text: &str,
) -> anyhow::Result<Found> {
    let wanted = text.trim();
    // Ids and codes typed in full-width (全角) forms read as half-width.
    let as_code = crate::input::text::halfwidth(wanted);
    let table = kind.table;
    let one = |sql: &str, value: &dyn rusqlite::ToSql| -> rusqlite::Result<Option<Found>> {
        conn.prepare_cached(sql)?
            .query_row([value], |r| {
                Ok(Found {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    name: r.get(2)?,
                })
            })
            .optional()
    };
    if let Ok(id) = as_code.parse::<i64>()
        && let Some(found) = one(
            &format!("SELECT id, code, name FROM {table} WHERE id = ?1"),
            &id,
        )?
    {
        return Ok(found);
    }
    // The code as typed first: a file from before codes were one whatever
    // their case may hold both `b0001` and `B0001`.
    for sql in [
        format!("SELECT id, code, name FROM {table} WHERE code = ?1"),
        format!("SELECT id, code, name FROM {table} WHERE code = ?1 COLLATE NOCASE"),
    ] {
        if let Some(found) = one(&sql, &as_code.as_ref())? {
            return Ok(found);
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, code, name, IFNULL({detail}, '') FROM {table} WHERE name = ?1 ORDER BY id LIMIT 50",
        detail = kind.detail
    ))?;
    // A name as typed, else without the blanks padding it (`王　伟`).
    let unpadded = crate::input::text::unpadded(wanted);
    let mut names = vec![wanted];
    if unpadded != wanted {
        names.push(unpadded.as_ref());
    }
    let mut candidates: Vec<(Found, String)> = Vec::new();
    for name in names {
        if !candidates.is_empty() {
            break;
        }
        candidates = stmt
            .query_map([name], |r| {
                Ok((
                    Found {
                        id: r.get(0)?,
                        code: r.get(1)?,
                        name: r.get(2)?,
                    },
                    r.get(3)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
    }
    let what = if crate::i18n::is_en() {
        kind.en
    } else {
        kind.zh
    };
    match candidates.len() {
        1 => Ok(candidates
            .into_iter()
            .next()
            .map(|(f, _)| f)
            .unwrap_or_default()),
        0 => {
            let hint = if crate::i18n::is_en() {
                kind.hint_en
            } else {
                kind.hint_zh
            };
            Err(crate::invalid!(
                "{flag}：找不到{what}“{wanted}”（可用编号、编码或全名）；可用 {hint} 查找",
                "{flag}: no {what} \"{wanted}\" (give an id, a code or the full name); try `{hint}`",
            ))
        }
        _ => {
            let lines: Vec<String> = candidates
                .iter()
                .map(|(f, detail)| {
                    format!("{} {} {}", f.code, f.name, detail)
                        .trim_end()
                        .to_string()
                })
                .collect();
            if env.interactive {
                let index = dialoguer::FuzzySelect::new()
                    .with_prompt(crate::tr!(
                        "有多个{what}叫“{wanted}”，请选择",
                        "several {what}s are named \"{wanted}\"; pick one"
                    ))
                    .items(&lines)
                    .interact()?;
                return Ok(candidates[index].0.clone());
            }
            let list = lines.join("; ");
            Err(crate::invalid!(
                "{flag}：有多个{what}叫“{wanted}”：{list}；请改用编码",
                "{flag}: several {what}s are named \"{wanted}\": {list}; use the code instead",
            ))
        }
    }
}

/// Resolves an advisor.
pub fn advisor(conn: &Connection, env: &Env, flag: &str, text: &str) -> anyhow::Result<Found> {
    resolve(conn, env, &ADVISOR, flag, text)
}

/// Resolves a panel.
pub fn panel(conn: &Connection, env: &Env, flag: &str, text: &str) -> anyhow::Result<Found> {
    resolve(conn, env, &PANEL, flag, text)
}

/// Resolves a liaison.
pub fn liaison(conn: &Connection, env: &Env, flag: &str, text: &str) -> anyhow::Result<Found> {
    resolve(conn, env, &LIAISON, flag, text)
}

#[cfg(test)]
mod tests {
    use crate::commands::activity::read::tests::{assert_indexed, plan};
    use rusqlite::types::Value;

    #[test]
    fn an_advisor_is_found_by_code_or_name_on_an_index() {
        // A code in any case, and a name (tried as a code first): neither
        // reads the whole table (10 ms a command at 100,000 advisors).
        let code = Value::Text("a050001".into());
        for sql in [
            "SELECT id, code, name FROM advisors WHERE code = ?1 COLLATE NOCASE",
            "SELECT id, code, name, IFNULL(employer, '') FROM advisors WHERE name = ?1 ORDER BY id LIMIT 50",
        ] {
            let plan = plan(sql, std::slice::from_ref(&code));
            assert_indexed(&plan, &["advisors"]);
            assert!(plan.contains("INDEX"), "{plan}");
        }
    }
}
