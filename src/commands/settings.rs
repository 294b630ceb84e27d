//! `roster settings`: list, set and reset the office's settings (audited).

use crate::cli::settings::{SettingsAction, SettingsArgs};
use crate::context::Ctx;
use crate::i18n::pick;
use crate::output::{Kind, RowSet, col, print_done, print_rows};
use crate::store::settings::{self as store, SETTINGS};

pub fn run(ctx: &Ctx, args: SettingsArgs) -> anyhow::Result<()> {
    match args.action.unwrap_or(SettingsAction::List) {
        SettingsAction::List => list(ctx),
        SettingsAction::Set(a) => change(ctx, &a.key, Some(&a.value)),
        SettingsAction::Reset(a) => change(ctx, &a.key, None),
    }
}

fn list(ctx: &Ctx) -> anyhow::Result<()> {
    let rows = ctx.read(|conn| {
        let mut rows = RowSet::new(vec![
            col("key", "设置项", "key", Kind::Text),
            col("meaning", "含义", "meaning", Kind::Text),
            col("value", "当前值", "value", Kind::Text),
            col("default", "默认值", "default", Kind::Text),
        ]);
        // Scripts read the values as stored; a clerk reads 是/否 and labels.
        let json = ctx.env.format == crate::output::Format::Json;
        let shown = |s: &store::Setting, v: &str| if json { v.to_string() } else { s.shown(v) };
        for s in SETTINGS {
            rows.push(vec![
                s.key.into(),
                pick(s.zh, s.en).into(),
                shown(s, &store::get(conn, s.key)?).into(),
                shown(s, s.default).into(),
            ]);
        }
        Ok(rows)
    })?;
    print_rows(&ctx.env, &rows)
}

fn change(ctx: &Ctx, key: &str, value: Option<&str>) -> anyhow::Result<()> {
    let Some(setting) = store::find(key) else {
        let keys = SETTINGS
            .iter()
            .map(|s| s.key)
            .collect::<Vec<_>>()
            .join(", ");
        return Err(crate::invalid!(
            "KEY：没有设置项“{key}”；可用：{keys}",
            "KEY: there is no setting \"{key}\"; choose one of: {keys}"
        ));
    };
    let new = match value {
        Some(v) => store::validate(setting, v)?,
        None => setting.default.to_string(),
    };
    ctx.write(|tx| {
        let before =
            store::stored(tx, key)?.map(|(_, v)| serde_json::json!({ "key": key, "value": v }));
        let id = store::put(tx, key, &new)?;
        let after = serde_json::json!({ "key": key, "value": new });
        tx.audit(
            "setting",
            id,
            if value.is_some() { "set" } else { "reset" },
            before.as_ref(),
            Some(&after),
        )?;
        Ok(())
    })?;
    let new = setting.shown(&new);
    print_done(
        &ctx.env,
        &crate::tr!("已设置 {key} = {new}", "set {key} = {new}"),
        "setting",
        0,
        Some(key),
    )
}
