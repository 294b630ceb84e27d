//! `roster log`: the audit trail, newest first, with what each change did.

use rusqlite::types::Value;
use serde_json::Value as Json;

use crate::cli::log::LogArgs;
use crate::context::Ctx;
use crate::i18n::pick;
use crate::input::date;
use crate::output::{Format, Kind, RowSet, col, print_rows};
use crate::store::{Filter, text};

/// "field: old → new" for every field an edit changed.
pub fn describe_change(before: Option<&str>, after: Option<&str>) -> String {
    let parse = |s: Option<&str>| s.and_then(|t| serde_json::from_str::<Json>(t).ok());
    let show = |v: Option<&Json>| match v {
        None | Some(Json::Null) => pick("（空）", "(empty)").to_string(),
        Some(Json::String(s)) => s.chars().take(40).collect(),
        Some(other) => other.to_string(),
    };
    match (parse(before), parse(after)) {
        (Some(Json::Object(b)), Some(Json::Object(a))) => a
            .iter()
            .filter(|(k, v)| k.as_str() != "updated_at" && b.get(*k) != Some(*v))
            .map(|(k, v)| format!("{k}: {} → {}", show(b.get(k)), show(Some(v))))
            .collect::<Vec<_>>()
            .join("; "),
        (None, Some(Json::Object(a))) => {
            let name = a
                .get("name")
                .or_else(|| a.get("title"))
                .or_else(|| a.get("topic"))
                .or_else(|| a.get("file"))
                .or_else(|| a.get("from"));
            name.map(|n| show(Some(n))).unwrap_or_default()
        }
        _ => String::new(),
    }
}

pub fn run(ctx: &Ctx, args: LogArgs) -> anyhow::Result<()> {
    let mut filter = Filter::default();
    if let Some(entity) = &args.entity {
        let entity = crate::labels::AUDIT_ENTITY.parse("--entity", entity)?;
        filter.add("entity = ?", [text(entity)]);
    }
    if let Some(id) = args.id {
        filter.add("entity_id = ?", [Value::Integer(id)]);
    }
    if let Some(since) = &args.since {
        filter.add(
            "at >= ?",
            [text(date::iso(date::parse("--since", since, ctx.today())?))],
        );
    }
    if let Some(until) = &args.until {
        let day = date::parse("--until", until, ctx.today())?;
        filter.add("at < ?", [text(date::iso(day + chrono::Days::new(1)))]);
    }
    if let Some(by) = &args.by {
        filter.add("operator = ?", [text(by.trim())]);
    }
    let mut params = filter.params.clone();
    params.push(Value::Integer(RowSet::fetch_limit(args.limit)));
    let sql = format!(
        "SELECT id, at, operator, entity, entity_id, action, before, after, command FROM audit_log{} ORDER BY id DESC LIMIT ?",
        filter.sql()
    );
    let mut columns = vec![
        col("id", "序号", "id", Kind::Int),
        col("at", "时间", "at", Kind::Text),
        col("operator", "操作人", "operator", Kind::Text),
        col(
            "entity",
            "对象",
            "entity",
            Kind::Enum(&crate::labels::AUDIT_ENTITY),
        ),
        col("entity_id", "对象编号", "entity id", Kind::Int),
        col(
            "action",
            "操作",
            "action",
            Kind::Enum(&crate::labels::AUDIT_ACTION),
        ),
        col("changes", "变更", "changes", Kind::Text),
        col("command", "命令", "command", Kind::Text),
    ];
    // For scripts, each record before and after in full (JSON objects in
    // JSON, JSON text in CSV); a table keeps the one-line summary.
    let full = ctx.env.format != Format::Table;
    if full {
        columns.push(col("before", "变更前", "before", Kind::Json));
        columns.push(col("after", "变更后", "after", Kind::Json));
    }
    let rows = ctx.read(|conn| {
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = RowSet::new(columns);
        let mut cursor = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        while let Some(r) = cursor.next()? {
            let mut before: Option<String> = r.get(6)?;
            let mut after: Option<String> = r.get(7)?;
            let mut command: String = r.get(8)?;
            // What goes to a file or a script is masked throughout, as an
            // export is; a person at the table sees the change as made.
            if full {
                let mask = |record: Option<String>| record.map(|r| crate::privacy::mask_record(&r));
                before = mask(before);
                after = mask(after);
                command = crate::privacy::mask_words(&command);
            }
            let mut row = vec![
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                describe_change(before.as_deref(), after.as_deref()).into(),
                command.into(),
            ];
            if full {
                row.push(before.into());
                row.push(after.into());
            }
            rows.push(row);
        }
        Ok(rows)
    })?;
    let mut rows = rows;
    rows.cut_to(&ctx.env, args.limit);
    print_rows(&ctx.env, &rows)
}
