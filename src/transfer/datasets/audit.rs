//! `audit`: the audit log, export only, newest last, each change described
//! as `roster log` describes it. Personal data inside (phones, e-mail and
//! addresses in before/after and in command lines) is masked unless
//! `--unmasked`; ID numbers never reach the log unmasked at all.

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;

use crate::commands::log::describe_change;
use crate::input::date;
use crate::output::{Kind, col};
use crate::privacy;
use crate::store::{Filter as Where, text};
use crate::transfer::{Dataset, Filter, Query, Selection};

pub static DATASET: Dataset = Dataset {
    name: "audit",
    zh: "操作日志",
    en: "the audit log",
    columns: &[
        col("id", "序号", "id", Kind::Int),
        col("at", "时间", "at", Kind::Text),
        col("operator", "操作人", "operator", Kind::Text),
        col("entity", "对象", "entity", Kind::Text),
        col("entity_id", "对象编号", "entity id", Kind::Int),
        col("action", "操作", "action", Kind::Text),
        col("changes", "变更", "changes", Kind::Text),
        col("before", "变更前", "before", Kind::Text),
        col("after", "变更后", "after", Kind::Text),
        col("command", "命令", "command", Kind::Text),
    ],
    required: &[],
    filters: &[Filter::Entity, Filter::By, Filter::From, Filter::To],
    export,
    import: None,
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let mask = sel.mask;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    sel.conn
        .create_scalar_function("roster_changes", 2, flags, move |ctx| {
            let before: Option<String> = ctx.get(0)?;
            let after: Option<String> = ctx.get(1)?;
            let (before, after) = if mask {
                (
                    before.map(|b| privacy::mask_record(&b)),
                    after.map(|a| privacy::mask_record(&a)),
                )
            } else {
                (before, after)
            };
            Ok(describe_change(before.as_deref(), after.as_deref()))
        })?;
    sel.conn
        .create_scalar_function("roster_json", 1, flags, move |ctx| {
            let record: Option<String> = ctx.get(0)?;
            Ok(if mask {
                record.map(|r| privacy::mask_record(&r))
            } else {
                record
            })
        })?;
    sel.conn
        .create_scalar_function("roster_command", 1, flags, move |ctx| {
            let command: String = ctx.get(0)?;
            Ok(if mask {
                privacy::mask_words(&command)
            } else {
                command
            })
        })?;
    let f = sel.filters;
    let mut filter = Where::default();
    if let Some(entity) = &f.entity {
        let entity = crate::labels::AUDIT_ENTITY.parse("--entity", entity)?;
        filter.add("entity = ?", [text(entity)]);
    }
    if let Some(by) = &f.by {
        filter.add("operator = ?", [text(by.trim())]);
    }
    let (from, to) = sel.period()?;
    if let Some(from) = from {
        filter.add("at >= ?", [text(from)]);
    }
    if let Some(to) = to {
        let day = date::from_db(&to)? + chrono::Days::new(1);
        filter.add("at < ?", [Value::Text(date::iso(day))]);
    }
    Ok(Query {
        sql: format!(
            "SELECT id, at, operator, entity, entity_id, action, roster_changes(before, after),
                roster_json(before), roster_json(after), roster_command(command)
             FROM audit_log{} ORDER BY id",
            filter.sql()
        ),
        params: filter.params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_personal_words() {
        let masked = privacy::mask_words(
            "roster advisor edit A0041 --phone 13800001111 --email li@cas.cn --today 2026-11-20",
        );
        assert!(
            masked.starts_with("roster advisor edit A0041 --phone '138****1111' --email"),
            "{masked}"
        );
        assert!(
            masked.contains("l***@cas.cn") && masked.ends_with("--today 2026-11-20"),
            "{masked}"
        );
    }
}
