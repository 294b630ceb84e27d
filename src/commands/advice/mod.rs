//! `roster advice`: recording advice (`add`, `edit`, `void`: this file),
//! moving its handling on (`handling.rs`, checked by `domain::advice`), and
//! reading it (`read.rs`).

pub(crate) mod handling;
mod read;

use super::{set, set_opt};
use crate::cli::advice::{AdviceAddArgs, AdviceCommand, AdviceEditArgs, AdviceFields};
use crate::context::{Ctx, Env, Tx, now_stamp};
use crate::i18n::pick;
use crate::input::{Form, date, resolve, text};
use crate::labels::ADVICE_CHANNEL;
use crate::output::print_done;
use crate::store::advice::{self as store, Advice};

pub fn run(ctx: &Ctx, cmd: AdviceCommand) -> anyhow::Result<()> {
    match cmd {
        AdviceCommand::Add(args) => add(ctx, &args),
        AdviceCommand::Update(args) => handling::update(ctx, &args),
        AdviceCommand::Edit(args) => edit(ctx, &args),
        AdviceCommand::Void(args) => void(ctx, args.id, args.reason.as_deref()),
        AdviceCommand::List(args) => read::list(ctx, &args),
        AdviceCommand::Show(args) => read::show(ctx, args.id),
    }
}

fn parse_activity(flag: &str, input: &str) -> anyhow::Result<i64> {
    super::number(flag, input.trim().trim_start_matches('#'), 1..=i64::MAX)
}

/// Applies the descriptive fields (title, channel, summary, activity, panel).
fn apply(tx: &Tx, env: &Env, f: &AdviceFields, a: &mut Advice) -> anyhow::Result<()> {
    set(&mut a.title, f.title.as_deref(), |s| {
        text::required("--title", s, text::LINE_MAX)
    })?;
    set(&mut a.channel, f.channel.as_deref(), |s| {
        ADVICE_CHANNEL.parse("--channel", s).map(str::to_string)
    })?;
    set_opt(&mut a.summary, f.summary.as_deref(), |s| {
        text::note("--summary", s)
    })?;
    set_opt(&mut a.activity_id, f.activity.as_deref(), |s| {
        parse_activity("--activity", s)
    })?;
    if let Some(activity) = a.activity_id.filter(|_| f.activity.is_some()) {
        let (_, on, panel) = store::check_activity(tx, "--activity", activity)?;
        if a.on_date < on {
            let submitted = &a.on_date;
            return Err(crate::invalid!(
                "--activity：意见建议提交于 {submitted}，早于活动 #{activity}（{on}）",
                "--activity: the advice was submitted on {submitted}, before activity #{activity} ({on})",
            ));
        }
        if a.panel_id.is_none() && f.panel.is_none() {
            a.panel_id = panel;
        }
    }
    match f.panel.as_deref() {
        None => {}
        Some(p) if p.trim().is_empty() => a.panel_id = None,
        Some(p) => a.panel_id = Some(resolve::panel(tx, env, "--panel", p)?.id),
    }
    Ok(())
}

/// The only panel the advisor serves on that day, if exactly one.
fn only_panel(tx: &Tx, advisor_id: i64, on: &str) -> anyhow::Result<Option<i64>> {
    let sql = format!(
        "SELECT DISTINCT ap.panel_id FROM appointments ap WHERE ap.advisor_id = ? AND {} LIMIT 2",
        crate::store::serving_condition("ap")
    );
    let panels: Vec<i64> = tx
        .prepare_cached(&sql)?
        .query_map(rusqlite::params![advisor_id, on, on, on], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(if panels.len() == 1 {
        panels.first().copied()
    } else {
        None
    })
}

/// New advice from its title, channel and date (asked for at a terminal),
/// the date not after today.
pub(crate) fn parse_new(
    env: &Env,
    f: &AdviceFields,
    date: Option<&str>,
    form: &mut Form,
) -> anyhow::Result<Advice> {
    let today = env.today;
    let title = form.text(
        "--title",
        pick("标题", "title"),
        f.title.as_deref(),
        text::LINE_MAX,
    )?;
    let channel = form.choice("--channel", &ADVICE_CHANNEL, f.channel.as_deref())?;
    let on = form.value(
        "--date",
        pick("提交日期", "date submitted"),
        date,
        |s| date::parse("--date", s, today),
    )?;
    Ok(Advice {
        title,
        channel: channel.to_string(),
        on_date: date::iso(on),
        status: "submitted".to_string(),
        ..Advice::default()
    })
}

/// The submission date is not after today.
fn check_submitted(advice: &Advice, today: chrono::NaiveDate) -> anyhow::Result<()> {
    let on = date::from_db(&advice.on_date)?;
    if on > today {
        return Err(crate::invalid!(
            "--date：提交日期 {on} 晚于今天（{today}）",
            "--date: the submission date {on} is after today ({today})"
        ));
    }
    Ok(())
}

/// Advice is an advisor's work while in office, as an activity is: each
/// advisor named serves (on some panel) on the day it was submitted — one
/// not yet appointed, or whose term had ended, gave it as a guest
/// (`--guest`), as `activity add` asks.
fn check_serving(tx: &Tx, on: &str, advisors: &[resolve::Found]) -> anyhow::Result<()> {
    for a in advisors {
        if !crate::store::is_serving(tx, a.id, None, on)? {
            let (name, code) = (&a.name, &a.code);
            return Err(crate::refused!(
                "--advisor：{name}（{code}）在 {on} 未在任何顾问团任职；意见建议记在任职期间（请核对日期）。确为不在任的专家（特邀）提出的，请用 roster advice add … --guest 登记",
                "--advisor: {name} ({code}) does not serve on any panel on {on}; advice is recorded for the time in office (check the date). Advice from an expert not in office (a guest) is recorded with roster advice add … --guest",
            ));
        }
    }
    Ok(())
}

/// Writes new advice (no audit row: the caller writes it): its fields
/// applied (activity, panel), the year not locked for its advisors, the
/// panel defaulting to the first advisor's only one when `default_panel`,
/// its advisors and its `submitted` event. Returns its id.
pub(crate) fn insert_new(
    tx: &Tx,
    env: &Env,
    f: &AdviceFields,
    advice: &mut Advice,
    advisors: &[resolve::Found],
    (default_panel, guest): (bool, bool),
) -> anyhow::Result<i64> {
    check_submitted(advice, env.today)?;
    apply(tx, env, f, advice)?;
    let ids: Vec<i64> = advisors.iter().map(|a| a.id).collect();
    crate::store::assess::check_open(tx, &advice.on_date, &ids)?;
    if !guest {
        check_serving(tx, &advice.on_date, advisors)?;
    }
    if default_panel
        && advice.panel_id.is_none()
        && let Some(first) = advisors.first()
    {
        advice.panel_id = only_panel(tx, first.id, &advice.on_date)?;
    }
    let now = now_stamp();
    let id = store::insert(tx, advice, &now)?;
    for advisor in advisors {
        store::add_advisor(tx, id, advisor.id)?;
    }
    store::add_event(
        tx,
        id,
        "submitted",
        &advice.on_date,
        &tx.env.operator,
        None,
        &now,
    )?;
    advice.id = id;
    Ok(id)
}

fn add(ctx: &Ctx, args: &AdviceAddArgs) -> anyhow::Result<()> {
    let f = &args.fields;
    let mut form = Form::new(&ctx.env);
    let mut advice = parse_new(&ctx.env, f, args.date.as_deref(), &mut form)?;
    let first = form.value(
        "--advisor",
        pick("专家", "advisor"),
        args.advisors.first().map(String::as_str),
        |s| Ok(s.to_string()),
    )?;
    form.finish()?;
    check_submitted(&advice, ctx.today())?;
    let names = if args.advisors.is_empty() {
        vec![first]
    } else {
        args.advisors.clone()
    };
    let id = ctx.write(|tx| {
        let advisors =
            super::activity::participant::resolve_all(tx, &ctx.env, "--advisor", &names)?;
        let id = insert_new(tx, &ctx.env, f, &mut advice, &advisors, (true, args.guest))?;
        let mut after = tx.snapshot("advice", id)?;
        after["advisors"] = advisors
            .iter()
            .map(|a| a.code.clone())
            .collect::<Vec<_>>()
            .into();
        tx.audit("advice", id, "add", None, Some(&after))?;
        Ok(id)
    })?;
    let title = &advice.title;
    print_done(
        &ctx.env,
        &crate::tr!(
            "已登记意见建议 #{id}：{title}",
            "recorded advice #{id}: {title}"
        ),
        "advice",
        id,
        None,
    )
}

fn edit(ctx: &Ctx, args: &AdviceEditArgs) -> anyhow::Result<()> {
    let id = args.id;
    ctx.write(|tx| {
        let mut a = store::get_open(tx, id)?;
        crate::store::assess::check_advice_open(tx, id)?;
        let before = tx.snapshot("advice", id)?;
        apply(tx, &ctx.env, &args.fields, &mut a)?;
        store::update(tx, &a, &now_stamp())?;
        crate::store::assess::check_advice_open(tx, id)?;
        let after = tx.snapshot("advice", id)?;
        if super::panel::changed(&before, &after) {
            tx.audit("advice", id, "edit", Some(&before), Some(&after))?;
        }
        Ok(())
    })?;
    print_done(
        &ctx.env,
        &crate::tr!("已更新意见建议 #{id}", "updated advice #{id}"),
        "advice",
        id,
        None,
    )
}

fn void(ctx: &Ctx, id: i64, reason: Option<&str>) -> anyhow::Result<()> {
    let what = super::void::Voidable {
        table: "advice",
        entity: "advice",
        zh: "意见建议",
        en: "advice",
        list: "advice list",
        stamped: true,
    };
    super::void::void_record(ctx, &what, id, reason, |tx| {
        crate::store::assess::check_advice_open(tx, id)
    })
}
