//! `liaisons`: the cadres paired one-to-one with advisors, each with the
//! advisors they hold on the day (`--as-of`, default today) — what
//! leadership reads. Imported through `liaison add`/`edit`'s own rules; a
//! duplicate is a code already on file. The advisors held are read-only
//! here: pairings come and go with `liaison-assignments`.

use rusqlite::types::Value;

use crate::cli::liaison::LiaisonFields;
use crate::commands::liaison::read::held_sql;
use crate::commands::liaison::{apply, check_unique};
use crate::context::{Tx, now_stamp};
use crate::input::date;
use crate::output::{Kind, col};
use crate::store::liaison::{self as store, Liaison};
use crate::transfer::{
    Dataset, FastMap, Filter, ImportSettings, OnDuplicate, Outcome, Query, Row, RowHandler,
    Selection, fast_map, personal_cells,
};

pub static DATASET: Dataset = Dataset {
    name: "liaisons",
    zh: "联系人（及其联系的专家）",
    en: "liaisons (with the advisors they hold)",
    columns: &[
        col("code", "编码", "code", Kind::Text),
        col("name", "姓名", "name", Kind::Text),
        col("unit", "单位", "unit", Kind::Text),
        col("position", "职务", "position", Kind::Text),
        col("phone", "电话", "phone", Kind::Phone),
        col("leader", "领导班子成员", "leader", Kind::Bool),
        col("notes", "备注", "notes", Kind::Text),
        col("holding", "联系专家数", "advisors held", Kind::Int),
        col("advisors", "联系专家", "advisors", Kind::Text),
    ],
    required: &["name"],
    filters: &[Filter::AsOf],
    export,
    import: Some(start),
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let on = sel
        .date("--as-of", sel.filters.as_of.as_deref())?
        .unwrap_or_else(|| date::iso(sel.env.today));
    Ok(Query {
        sql: format!(
            "SELECT l.code, l.name, l.unit, l.position, l.phone, l.is_leader, l.notes, {}, {}
             FROM liaisons l ORDER BY l.id",
            held_sql("count"),
            held_sql("list")
        ),
        params: std::iter::repeat_n(Value::Text(on), 10).collect(),
    })
}

/// The row as `liaison add` flags (`edit` when updating: a blank cell clears).
fn fields(row: &Row, editing: bool) -> LiaisonFields {
    let optional = |key: &str| {
        if editing {
            row.edit(key)
        } else {
            row.flag(key)
        }
    };
    LiaisonFields {
        code: row.flag("code"),
        name: row.flag("name"),
        unit: optional("unit"),
        position: optional("position"),
        phone: optional("phone"),
        leader: row.flag("leader"),
        leader_from: None,
        notes: optional("notes"),
    }
}

struct Liaisons {
    settings: ImportSettings,
    /// Lowercased code → id (codes compare without case), and the line
    /// that brought each code in this file.
    codes: FastMap<String, i64>,
    seen: FastMap<String, u64>,
    now: String,
}

fn start(tx: &Tx, settings: &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>> {
    let mut codes = fast_map();
    let mut stmt = tx.prepare("SELECT id, code FROM liaisons")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        codes.insert(r.get::<_, String>(1)?.to_lowercase(), r.get(0)?);
    }
    Ok(Box::new(Liaisons {
        settings: settings.clone(),
        codes,
        seen: fast_map(),
        now: now_stamp(),
    }))
}

impl RowHandler for Liaisons {
    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        let env = &self.settings.env;
        let code = row.value("code").map(|c| c.trim().to_lowercase());
        if let Some(code) = &code
            && let Some(first) = self.seen.insert(code.clone(), row.line)
        {
            return Err(crate::invalid!(
                "--code：编码 {code} 与第 {first} 行重复",
                "--code: code {code} repeats line {first}"
            ));
        }
        let Some(id) = code.as_ref().and_then(|c| self.codes.get(c).copied()) else {
            personal_cells(row, "liaison", None)?;
            let mut liaison = Liaison::default();
            apply(env, &fields(row, false), &mut liaison, true)?;
            if liaison.code.is_empty() {
                liaison.code = store::next_code(tx)?;
            }
            check_unique(tx, &liaison)?;
            let id = store::insert(tx, &liaison, &self.now)?;
            self.codes.insert(liaison.code.to_lowercase(), id);
            return Ok(Outcome::Inserted);
        };
        match self.settings.on_duplicate {
            OnDuplicate::Skip => Ok(Outcome::Skipped),
            OnDuplicate::Fail => {
                let shown = row.value("code").unwrap_or_default().trim();
                Err(OnDuplicate::refuse(
                    "--code",
                    &crate::tr!("联系人编码 {shown}", "liaison code {shown}"),
                ))
            }
            OnDuplicate::Update => {
                let mut liaison = store::get(tx, id)?;
                let phone = liaison.phone.clone();
                let on_file = |key: &str| (key == "phone").then_some(phone.as_deref()).flatten();
                personal_cells(row, "liaison", Some(&on_file))?;
                let on_record = liaison.clone();
                apply(env, &fields(row, true), &mut liaison, false)?;
                // A row that changes nothing is left alone, counted as skipped.
                if liaison == on_record {
                    return Ok(Outcome::Skipped);
                }
                check_unique(tx, &liaison)?;
                let before = tx.snapshot("liaisons", id)?;
                store::update(tx, &liaison, &self.now)?;
                let after = tx.snapshot("liaisons", id)?;
                if crate::commands::panel::changed(&before, &after) {
                    tx.audit("liaison", id, "import_update", Some(&before), Some(&after))?;
                }
                Ok(Outcome::Updated)
            }
        }
    }
}
