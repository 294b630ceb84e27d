//! `roster recusal`: recording, listing and voiding recusals (回避, seed 001
//! art. 10). Adding a participant checks them (`activity::participant`).

use rusqlite::types::Value;

use crate::cli::recusal::{RecusalAddArgs, RecusalCommand, RecusalListArgs};
use crate::context::{Ctx, Env, now_stamp};
use crate::i18n::pick;
use crate::input::{Form, date, resolve, text};
use crate::output::{Kind, RowSet, col, print_done, print_rows};
use crate::store::Filter;
use crate::store::recusal::{self as store, NewRecusal};

pub fn run(ctx: &Ctx, cmd: RecusalCommand) -> anyhow::Result<()> {
    match cmd {
        RecusalCommand::Add(args) => add(ctx, &args),
        RecusalCommand::List(args) => list(ctx, &args),
        RecusalCommand::Void(args) => void(ctx, args.id, args.reason.as_deref()),
    }
}

/// How many times a recusal `r` was overridden: activities it covers (the
/// rule of `domain::work::recusal_covers`, spaces and letter case ignored)
/// in which the advisor took part by override. Shared with the export.
pub(crate) const OVERRIDES: &str = "(SELECT count(*) FROM participants pa JOIN activities ac ON ac.id = pa.activity_id
      WHERE pa.advisor_id = r.advisor_id AND pa.override_reason IS NOT NULL AND pa.voided_at IS NULL
        AND ac.voided_at IS NULL AND ac.on_date >= r.on_date
        AND (instr(lower(replace(ac.topic, ' ', '')), lower(replace(r.matter, ' ', ''))) > 0
             OR lower(replace(ac.requesting_unit, ' ', '')) = lower(replace(r.related_unit, ' ', ''))))";

/// A recusal as typed, validated (everything but the advisor).
pub(crate) struct Typed {
    pub matter: String,
    pub unit: Option<String>,
    pub on_date: String,
    pub reason: String,
}

/// Validates a recusal's fields: --matter, --date (not after today) and
/// --reason required, --unit optional (asked for at a terminal).
pub(crate) fn parse(
    env: &Env,
    matter: Option<&str>,
    unit: Option<&str>,
    on: Option<&str>,
    reason: Option<&str>,
) -> anyhow::Result<Typed> {
    let today = env.today;
    let mut form = Form::new(env);
    let matter = form.text(
        "--matter",
        pick("回避事项", "matter"),
        matter,
        text::LINE_MAX,
    )?;
    let on = form.value("--date", pick("日期", "date"), on, |s| {
        date::parse("--date", s, today)
    })?;
    let reason = form.text(
        "--reason",
        pick("回避理由", "reason"),
        reason,
        text::LINE_MAX,
    )?;
    form.finish()?;
    let unit = unit
        .map(|s| text::line("--unit", s, text::LINE_MAX))
        .transpose()?
        .filter(|s| !s.is_empty());
    if on > today {
        return Err(crate::invalid!(
            "--date：日期 {on} 晚于今天（{today}）",
            "--date: {on} is after today ({today})"
        ));
    }
    Ok(Typed {
        matter,
        unit,
        on_date: date::iso(on),
        reason,
    })
}

fn add(ctx: &Ctx, args: &RecusalAddArgs) -> anyhow::Result<()> {
    let Typed {
        matter,
        unit,
        on_date: on,
        reason,
    } = parse(
        &ctx.env,
        args.matter.as_deref(),
        args.unit.as_deref(),
        args.date.as_deref(),
        args.reason.as_deref(),
    )?;
    let (id, who) = ctx.write(|tx| {
        let advisor = resolve::advisor(tx, &ctx.env, "ADVISOR", &args.advisor)?;
        let record = NewRecusal {
            id: None,
            advisor_id: advisor.id,
            matter: &matter,
            related_unit: unit.as_deref(),
            on_date: &on,
            reason: &reason,
        };
        let id = store::insert(tx, &record, &now_stamp())?;
        tx.audit(
            "recusal",
            id,
            "add",
            None,
            Some(&tx.snapshot("recusals", id)?),
        )?;
        Ok((id, advisor.name))
    })?;
    print_done(
        &ctx.env,
        &crate::tr!(
            "已登记回避 #{id}：{who}，{matter}",
            "recorded recusal #{id}: {who}, {matter}"
        ),
        "recusal",
        id,
        None,
    )
}

fn list(ctx: &Ctx, args: &RecusalListArgs) -> anyhow::Result<()> {
    let rows = ctx.read(|conn| {
        let mut filter = Filter::default();
        if !args.include_void {
            filter.add("r.voided_at IS NULL", []);
        }
        if let Some(year) = &args.year {
            let y = date::parse_year("--year", year)?;
            filter.add("r.on_date BETWEEN ? AND ?", [Value::Text(format!("{y}-01-01")), Value::Text(format!("{y}-12-31"))]);
        }
        if let Some(advisor) = &args.advisor {
            let advisor = resolve::advisor(conn, &ctx.env, "--advisor", advisor)?;
            filter.add("r.advisor_id = ?", [Value::Integer(advisor.id)]);
        }
        if let Some(panel) = &args.panel {
            let panel = resolve::panel(conn, &ctx.env, "--panel", panel)?;
            filter.add(
                "EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = r.advisor_id AND ap.panel_id = ?
                   AND ap.state IN ('appointed','dismissed','resigned') AND ap.term_start <= r.on_date
                   AND ap.term_end >= r.on_date AND (ap.ended_on IS NULL OR ap.ended_on > r.on_date))",
                [Value::Integer(panel.id)],
            );
        }
        let mut columns = vec![
            col("id", "编号", "id", Kind::Int),
            col("date", "日期", "date", Kind::Date),
            col("code", "编码", "code", Kind::Text),
            col("name", "姓名", "name", Kind::Text),
            col("matter", "回避事项", "matter", Kind::Text),
            col("unit", "相关单位/项目", "related unit or project", Kind::Text),
            col("reason", "回避理由", "reason", Kind::Text),
            col("overridden", "豁免参加次数", "times overridden", Kind::Int),
        ];
        // Activities this recusal covers (the rule of `domain::work::recusal_covers`,
        // spaces and letter case ignored) in which the advisor took part by override.
        let mut select = format!("SELECT r.id, r.on_date, a.code, a.name, r.matter, r.related_unit, r.reason, {OVERRIDES}");
        if args.include_void {
            columns.push(col("void_reason", "作废原因", "void reason", Kind::Text));
            select.push_str(", r.void_reason");
        }
        let sql = format!(
            "{select} FROM recusals r JOIN advisors a ON a.id = r.advisor_id{} ORDER BY r.on_date, r.id",
            filter.sql()
        );
        RowSet::query(conn, columns, &sql, rusqlite::params_from_iter(filter.params.iter()))
    })?;
    print_rows(&ctx.env, &rows)
}

fn void(ctx: &Ctx, id: i64, reason: Option<&str>) -> anyhow::Result<()> {
    let what = super::void::Voidable {
        table: "recusals",
        entity: "recusal",
        zh: "回避记录",
        en: "recusal",
        list: "recusal list",
        stamped: false,
    };
    super::void::void_record(ctx, &what, id, reason, |_| Ok(()))
}
