//! `roster need`: the project needs library (项目需求库, seed 003 二(二)1).
//! Recording a need (`add`), closing it with its result (`close`),
//! reopening and voiding it (this file); the experts put in touch with it
//! (`matching.rs`); listing and showing needs (`read.rs`).

mod matching;
mod read;

use crate::cli::need::{NeedAddArgs, NeedCloseArgs, NeedCommand, NeedReasonArgs};
use crate::commands::panel::station::station;
use crate::context::{Ctx, now_stamp};
use crate::domain::need::check_close;
use crate::i18n::pick;
use crate::input::{Form, date, text};
use crate::labels::{NEED_KIND, NEED_RESULT};
use crate::output::print_done;
use crate::store::need::{self as store, Need};

pub fn run(ctx: &Ctx, cmd: NeedCommand) -> anyhow::Result<()> {
    match cmd {
        NeedCommand::Add(args) => add(ctx, &args),
        NeedCommand::Match(args) => matching::add(ctx, &args),
        NeedCommand::Unmatch(args) => matching::remove(ctx, &args),
        NeedCommand::Close(args) => close(ctx, &args),
        NeedCommand::Reopen(args) => reopen(ctx, &args),
        NeedCommand::Void(args) => void(ctx, &args),
        NeedCommand::List(args) => read::list(ctx, &args),
        NeedCommand::Show(args) => read::show(ctx, &args),
    }
}

/// An optional text flag: trimmed, empty meaning none.
fn optional(
    given: Option<&str>,
    parse: impl Fn(&str) -> anyhow::Result<String>,
) -> anyhow::Result<Option<String>> {
    given
        .filter(|s| !s.trim().is_empty())
        .map(parse)
        .transpose()
}

/// The day given with `--on` (default today), not after today.
fn day(ctx: &Ctx, given: Option<&str>) -> anyhow::Result<chrono::NaiveDate> {
    let today = ctx.today();
    Ok(match given {
        Some(s) => date::parse("--on", s, today)?,
        None => today,
    })
}

/// A need as typed, validated: --unit, --title, --kind and --field are
/// required (asked for at a terminal); the day received is not after today.
fn parse_new(ctx: &Ctx, args: &NeedAddArgs) -> anyhow::Result<Need> {
    let mut form = Form::new(&ctx.env);
    let unit = form.text(
        "--unit",
        pick("企业名称", "enterprise"),
        args.unit.as_deref(),
        text::LINE_MAX,
    )?;
    let title = form.text(
        "--title",
        pick("需求", "need"),
        args.title.as_deref(),
        text::LINE_MAX,
    )?;
    let kind = form.choice("--kind", &NEED_KIND, args.kind.as_deref())?;
    let field = form.text(
        "--field",
        pick("领域", "field"),
        args.field.as_deref(),
        text::NAME_MAX,
    )?;
    form.finish()?;
    let on = day(ctx, args.on.as_deref())?;
    let today = ctx.today();
    if on > today {
        return Err(crate::invalid!(
            "--on：{on} 晚于今天（{today}）；需求在收集之日登记",
            "--on: {on} is after today ({today}); a need is recorded once received"
        ));
    }
    Ok(Need {
        on_date: date::iso(on),
        unit,
        title,
        kind: kind.to_string(),
        field,
        contact: optional(args.contact.as_deref(), |s| text::name("--contact", s))?,
        phone: optional(args.phone.as_deref(), |s| text::phone("--phone", s))?,
        note: optional(args.note.as_deref(), |s| text::note("--note", s))?,
        ..Need::default()
    })
}

fn add(ctx: &Ctx, args: &NeedAddArgs) -> anyhow::Result<()> {
    let mut need = parse_new(ctx, args)?;
    let id = ctx.write(|tx| {
        if let Some(given) = &args.station {
            need.panel_id = Some(station(tx, &ctx.env, "--station", given)?.id);
        }
        let id = store::insert(tx, &need, &now_stamp())?;
        tx.audit("need", id, "add", None, Some(&tx.snapshot("needs", id)?))?;
        Ok(id)
    })?;
    let (unit, title) = (&need.unit, &need.title);
    print_done(
        &ctx.env,
        &crate::tr!(
            "已登记项目需求 #{id}：{unit}，{title}",
            "recorded need #{id}: {unit}, {title}"
        ),
        "need",
        id,
        None,
    )
}

fn close(ctx: &Ctx, args: &NeedCloseArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let result = form.choice("--result", &NEED_RESULT, args.result.as_deref())?;
    let outcome = form.value(
        "--outcome",
        pick("成效说明", "outcome"),
        args.outcome.as_deref(),
        |s| {
            let text = text::note("--outcome", s)?;
            if text.is_empty() {
                return Err(crate::invalid!(
                    "--outcome：不能为空",
                    "--outcome: must not be empty"
                ));
            }
            Ok(text)
        },
    )?;
    form.finish()?;
    let on = day(ctx, args.on.as_deref())?;
    let id = args.id;
    ctx.write(|tx| {
        let mut need = store::get_live(tx, id)?;
        let last_match = store::matches(tx, id)?
            .iter()
            .map(|m| date::from_db(&m.on_date))
            .collect::<anyhow::Result<Vec<_>>>()?
            .into_iter()
            .max();
        let closed = need.closed_on.as_deref().zip(need.result.as_deref());
        let received = date::from_db(&need.on_date)?;
        check_close(id, closed, result, (received, last_match), on, tx.today())?;
        let before = tx.snapshot("needs", id)?;
        need.result = Some(result.to_string());
        need.outcome = Some(outcome.clone());
        need.closed_on = Some(date::iso(on));
        store::set_closure(tx, &need, &now_stamp())?;
        tx.audit(
            "need",
            id,
            "close",
            Some(&before),
            Some(&tx.snapshot("needs", id)?),
        )
    })?;
    let shown = NEED_RESULT.label(result);
    print_done(
        &ctx.env,
        &crate::tr!(
            "项目需求 #{id} 已办结：{shown}",
            "need #{id} closed: {shown}"
        ),
        "need",
        id,
        None,
    )
}

/// The reason a command takes (asked for at a terminal).
fn reason(ctx: &Ctx, given: Option<&str>) -> anyhow::Result<String> {
    let mut form = Form::new(&ctx.env);
    let reason = form.text("--reason", pick("原因", "reason"), given, text::LINE_MAX)?;
    form.finish()?;
    Ok(reason)
}

fn reopen(ctx: &Ctx, args: &NeedReasonArgs) -> anyhow::Result<()> {
    let why = reason(ctx, args.reason.as_deref())?;
    let id = args.id;
    ctx.write(|tx| {
        let mut need = store::get_live(tx, id)?;
        if need.closed_on.is_none() {
            return Err(crate::refused!(
                "NEED：项目需求 #{id} 尚未办结，无需重新打开",
                "NEED: need #{id} is not closed, so there is nothing to reopen"
            ));
        }
        let before = tx.snapshot("needs", id)?;
        need.result = None;
        need.outcome = None;
        need.closed_on = None;
        store::set_closure(tx, &need, &now_stamp())?;
        let mut after = tx.snapshot("needs", id)?;
        after["reopen_reason"] = why.clone().into();
        tx.audit("need", id, "reopen", Some(&before), Some(&after))
    })?;
    print_done(
        &ctx.env,
        &crate::tr!(
            "项目需求 #{id} 已重新打开：{why}",
            "need #{id} reopened: {why}"
        ),
        "need",
        id,
        None,
    )
}

fn void(ctx: &Ctx, args: &NeedReasonArgs) -> anyhow::Result<()> {
    let what = super::void::Voidable {
        table: "needs",
        entity: "need",
        zh: "项目需求",
        en: "need",
        list: "need list",
        stamped: true,
    };
    super::void::void_record(ctx, &what, args.id, args.reason.as_deref(), |_| Ok(()))
}
