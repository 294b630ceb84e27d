//! Reading liaisons: `liaison list` (with the advisors each holds) and
//! `liaison show` (the advisors held now and the whole pairing history).

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use crate::cli::liaison::{LiaisonListArgs, LiaisonShowArgs};
use crate::context::Ctx;
use crate::input::{date, resolve, text};
use crate::output::{Cell, Doc, Kind, RowSet, col, print_doc, print_rows};
use crate::store::liaison::holding_condition;
use crate::store::{Filter, serving_condition, serving_exists};

/// `SELECT` of the advisors liaison `{l}.id` holds on a date and who serve
/// then, as "A0001 谭正清、A0002 冉玉华" and as a count (five `?` dates each).
pub(crate) fn held_sql(what: &str) -> String {
    let inner = format!(
        "SELECT a.code || ' ' || a.name AS who FROM liaison_assignments la JOIN advisors a ON a.id = la.advisor_id
         WHERE la.liaison_id = l.id AND {} AND {} ORDER BY a.code",
        holding_condition("la"),
        serving_exists("a.id", false)
    );
    match what {
        "count" => format!("(SELECT count(*) FROM ({inner}))"),
        _ => format!("(SELECT group_concat(who, '、') FROM ({inner}))"),
    }
}

pub fn list(ctx: &Ctx, args: &LiaisonListArgs) -> anyhow::Result<()> {
    let on = super::super::date_opt(ctx, "--as-of", args.as_of.as_deref())?
        .unwrap_or_else(|| date::iso(ctx.today()));
    let mut filter = Filter::default();
    if let Some(leader) = &args.leader {
        filter.add(
            "l.is_leader = ?",
            [Value::Integer(i64::from(text::yes_no("--leader", leader)?))],
        );
    }
    let sql = format!(
        "SELECT l.id, l.code, l.name, l.unit, l.position, l.phone, l.is_leader, {}, {}
         FROM liaisons l{} ORDER BY l.code",
        held_sql("count"),
        held_sql("list"),
        filter.sql()
    );
    let mut params: Vec<Value> = std::iter::repeat_n(crate::store::text(on), 10).collect();
    params.extend(filter.params.iter().cloned());
    let columns = vec![
        col("id", "编号", "id", Kind::Int),
        col("code", "编码", "code", Kind::Text),
        col("name", "姓名", "name", Kind::Text),
        col("unit", "单位", "unit", Kind::Text),
        col("position", "职务", "position", Kind::Text),
        col("phone", "电话", "phone", Kind::Phone),
        col("leader", "领导班子成员", "leader", Kind::Bool),
        col("holding", "联系专家数", "advisors held", Kind::Int),
        col("advisors", "联系专家", "advisors", Kind::Text),
    ];
    let rows =
        ctx.read(|conn| RowSet::query(conn, columns, &sql, params_from_iter(params.iter())))?;
    print_rows(&ctx.env, &rows)
}

pub fn show(ctx: &Ctx, args: &LiaisonShowArgs) -> anyhow::Result<()> {
    let on = super::super::date_opt(ctx, "--as-of", args.as_of.as_deref())?
        .unwrap_or_else(|| date::iso(ctx.today()));
    let doc = ctx.read(|conn| {
        let found = resolve::liaison(conn, &ctx.env, "LIAISON", &args.liaison)?;
        let l = crate::store::liaison::get(conn, found.id)?;
        let columns = vec![
            col("id", "编号", "id", Kind::Int),
            col("code", "编码", "code", Kind::Text),
            col("name", "姓名", "name", Kind::Text),
            col("unit", "单位", "unit", Kind::Text),
            col("position", "职务", "position", Kind::Text),
            col("phone", "电话", "phone", Kind::Phone),
            col("leader", "领导班子成员", "leader", Kind::Bool),
            col("leader_since", "担任领导自", "leader since", Kind::Date),
            col("leader_until", "担任领导至", "leader until", Kind::Date),
            col("notes", "备注", "notes", Kind::Text),
        ];
        let cells: Vec<Cell> = vec![
            l.id.into(),
            l.code.clone().into(),
            l.name.clone().into(),
            l.unit.clone().into(),
            l.position.clone().into(),
            l.phone.clone().into(),
            l.is_leader.into(),
            l.leader_since.clone().into(),
            l.leader_until.clone().into(),
            l.notes.clone().into(),
        ];
        let panels = format!(
            "(SELECT group_concat(p.code, ',') FROM appointments ap JOIN panels p ON p.id = ap.panel_id
               WHERE ap.advisor_id = a.id AND {})",
            serving_condition("ap")
        );
        let held = RowSet::query(
            conn,
            vec![
                col("code", "专家编码", "advisor code", Kind::Text),
                col("name", "姓名", "name", Kind::Text),
                col("panels", "在聘顾问团", "serving on", Kind::Text),
                col("since", "联系起", "since", Kind::Date),
                col("until", "联系止", "until", Kind::Date),
            ],
            &format!(
                "SELECT a.code, a.name, {panels}, la.start_date, la.end_date
                 FROM liaison_assignments la JOIN advisors a ON a.id = la.advisor_id
                 WHERE la.liaison_id = ? AND {} ORDER BY a.code",
                holding_condition("la")
            ),
            params_from_iter([
                text_value(&on),
                text_value(&on),
                text_value(&on),
                Value::Integer(l.id),
                text_value(&on),
                text_value(&on),
            ]),
        )?;
        let history = RowSet::query(
            conn,
            vec![
                col("id", "记录编号", "pairing", Kind::Int),
                col("code", "专家编码", "advisor code", Kind::Text),
                col("name", "姓名", "name", Kind::Text),
                col("since", "联系起", "from", Kind::Date),
                col("until", "联系止", "until", Kind::Date),
                col("note", "备注", "note", Kind::Text),
            ],
            "SELECT la.id, a.code, a.name, la.start_date, la.end_date, la.note
             FROM liaison_assignments la JOIN advisors a ON a.id = la.advisor_id
             WHERE la.liaison_id = ?1 ORDER BY la.start_date, a.code, la.id",
            [l.id],
        )?;
        Ok(Doc::default()
            .record("liaison", columns, cells)
            .table("holding", ("当前联系专家", "Advisors held now"), held)
            .table("history", ("联系记录", "Pairing history"), history))
    })?;
    print_doc(&ctx.env, &doc)
}

fn text_value(s: &str) -> Value {
    crate::store::text(s.to_string())
}
