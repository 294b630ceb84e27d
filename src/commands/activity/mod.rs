//! `roster activity`: recording, correcting and voiding activities (this
//! file), participants and attendance (`participant.rs`), and reading them
//! (`read.rs`).

pub(crate) mod admit;
pub(crate) mod participant;
pub(crate) mod read;

use super::{set, set_opt};
use crate::cli::activity::{ActivityAddArgs, ActivityCommand, ActivityEditArgs, ActivityFields};
use crate::context::{Ctx, Env, now_stamp};
use crate::domain::work;
use crate::i18n::pick;
use crate::input::{Form, date, resolve, text};
use crate::labels::{ACTIVITY_KIND, MODE};
use crate::output::print_done;
use crate::store::activity::{self as store, Activity};

pub fn run(ctx: &Ctx, cmd: ActivityCommand) -> anyhow::Result<()> {
    match cmd {
        ActivityCommand::Add(args) => add(ctx, &args),
        ActivityCommand::Edit(args) => edit(ctx, &args),
        ActivityCommand::Void(args) => void(ctx, args.id, args.reason.as_deref()),
        ActivityCommand::Attend(args) => participant::attend(ctx, &args),
        ActivityCommand::Participant(cmd) => participant::run(ctx, cmd),
        ActivityCommand::List(args) => read::list(ctx, &args),
        ActivityCommand::Show(args) => read::show(ctx, args.id),
        ActivityCommand::Attendance(args) => read::attendance(ctx, &args.filter),
    }
}

/// Parses hours typed as `2`, `2.5`, `2.5h` or `2.5小时`, within a day.
pub fn parse_hours(flag: &str, input: &str) -> anyhow::Result<f64> {
    let trimmed = input
        .trim()
        .trim_end_matches("小时")
        .trim_end_matches(['h', 'H'])
        .trim();
    // Rust reads "inf", "NaN" and "+Infinity" as numbers; a clerk did not
    // type an amount of hours there.
    let hours: f64 = trimmed
        .parse()
        .ok()
        .filter(|h: &f64| h.is_finite())
        .ok_or_else(|| {
            crate::invalid!(
                "{flag}：“{input}”不是小时数；请写 0 到 24 之间的数，如 2.5",
                "{flag}: \"{input}\" is not a number of hours; write a number from 0 to 24, e.g. 2.5",
            )
        })?;
    work::check_hours(flag, hours)?;
    Ok(hours)
}

/// Applies the optional fields (and, when editing, the required ones) to an
/// activity; the panel is resolved separately, inside the transaction.
fn apply(env: &Env, f: &ActivityFields, a: &mut Activity, adding: bool) -> anyhow::Result<()> {
    if !adding {
        set(&mut a.kind, f.kind.as_deref(), |s| {
            ACTIVITY_KIND.parse("--kind", s).map(str::to_string)
        })?;
        set(&mut a.on_date, f.date.as_deref(), |s| {
            date::parse("--date", s, env.today).map(date::iso)
        })?;
        set(&mut a.topic, f.topic.as_deref(), |s| {
            text::required("--topic", s, text::LINE_MAX)
        })?;
    }
    set(&mut a.mode, f.mode.as_deref(), |s| {
        MODE.parse("--mode", s).map(str::to_string)
    })?;
    let line = |flag: &'static str| move |s: &str| text::line(flag, s, text::LINE_MAX);
    set_opt(&mut a.place, f.place.as_deref(), line("--place"))?;
    set_opt(&mut a.hours, f.hours.as_deref(), |s| {
        parse_hours("--hours", s)
    })?;
    set_opt(
        &mut a.requesting_unit,
        f.requesting_unit.as_deref(),
        line("--unit"),
    )?;
    set_opt(
        &mut a.minutes_ref,
        f.minutes_ref.as_deref(),
        line("--minutes"),
    )?;
    set_opt(&mut a.result, f.result.as_deref(), |s| {
        text::note("--result", s)
    })?;
    Ok(())
}

/// Resolves `--panel` ("" clears it).
fn apply_panel(
    tx: &rusqlite::Connection,
    env: &Env,
    given: Option<&str>,
    a: &mut Activity,
) -> anyhow::Result<()> {
    match given {
        None => {}
        Some(p) if p.trim().is_empty() => a.panel_id = None,
        Some(p) => a.panel_id = Some(resolve::panel(tx, env, "--panel", p)?.id),
    }
    Ok(())
}

/// A new activity from its fields (the panel is resolved separately):
/// --kind, --date and --topic required (asked for at a terminal).
pub(crate) fn parse_new(env: &Env, f: &ActivityFields) -> anyhow::Result<Activity> {
    let today = env.today;
    let mut form = Form::new(env);
    if let Some(err) = crate::labels::belongs_elsewhere(
        "--kind",
        f.kind.as_deref(),
        &ACTIVITY_KIND,
        &crate::labels::CONTACT_KIND,
        "contact add",
    ) {
        return Err(err);
    }
    let kind = form.choice("--kind", &ACTIVITY_KIND, f.kind.as_deref())?;
    let on = form.value("--date", pick("日期", "date"), f.date.as_deref(), |s| {
        date::parse("--date", s, today)
    })?;
    let topic = form.text(
        "--topic",
        pick("议题", "topic"),
        f.topic.as_deref(),
        text::LINE_MAX,
    )?;
    form.finish()?;
    let mut activity = Activity {
        kind: kind.to_string(),
        on_date: date::iso(on),
        topic,
        mode: work::default_mode(kind).to_string(),
        ..Activity::default()
    };
    apply(env, f, &mut activity, true)?;
    Ok(activity)
}

fn add(ctx: &Ctx, args: &ActivityAddArgs) -> anyhow::Result<()> {
    let f = &args.fields;
    let mut activity = parse_new(&ctx.env, f)?;
    let join = participant::parse_join(&args.join)?;
    if args.advisors.is_empty()
        && (args.join.attendance.is_some()
            || args.join.role.is_some()
            || args.join.opinion.is_some())
    {
        return Err(crate::invalid!(
            "--advisor：给出了出席情况、角色或意见，但没有给出参加的专家",
            "--advisor: attendance, role or opinion was given but no advisor taking part"
        ));
    }
    let (id, count) = ctx.write(|tx| {
        apply_panel(tx, &ctx.env, f.panel.as_deref(), &mut activity)?;
        let advisors = participant::resolve_all(tx, &ctx.env, "--advisor", &args.advisors)?;
        activity.id = store::insert(tx, &activity, &now_stamp())?;
        tx.audit(
            "activity",
            activity.id,
            "add",
            None,
            Some(&tx.snapshot("activities", activity.id)?),
        )?;
        for advisor in &advisors {
            participant::join_one(tx, "--advisor", &activity, advisor, &join)
                .map_err(|err| not_yet_numbered(err, activity.id))?;
        }
        Ok((activity.id, advisors.len()))
    })?;
    let topic = &activity.topic;
    print_done(
        &ctx.env,
        &crate::tr!(
            "已登记活动 #{id}：{topic}（{count} 位专家）",
            "recorded activity #{id}: {topic} ({count} advisors)"
        ),
        "activity",
        id,
        None,
    )
}

/// A refusal while an activity is being added rolls the activity back, so
/// its number would point at nothing: the message says "this activity".
fn not_yet_numbered(err: anyhow::Error, id: i64) -> anyhow::Error {
    use crate::error::UserError;
    let rename = |text: &str| {
        text.replace(&format!("活动 #{id} "), "本活动")
            .replace(&format!("活动 #{id}"), "本活动")
            .replace(&format!("activity #{id}"), "this activity")
    };
    match err.downcast_ref::<UserError>() {
        Some(UserError::Invalid(text)) => UserError::Invalid(rename(text)).into(),
        Some(UserError::Refused(text)) => UserError::Refused(rename(text)).into(),
        _ => err,
    }
}

fn edit(ctx: &Ctx, args: &ActivityEditArgs) -> anyhow::Result<()> {
    let id = args.id;
    ctx.write(|tx| {
        let mut activity = store::get_open(tx, id)?;
        crate::store::assess::check_activity_open(tx, id)?;
        let before = tx.snapshot("activities", id)?;
        let old = activity.clone();
        apply(&ctx.env, &args.fields, &mut activity, false)?;
        apply_panel(tx, &ctx.env, args.fields.panel.as_deref(), &mut activity)?;
        // What decides who may take part changed: everyone must still pass.
        if (&old.on_date, old.panel_id, &old.topic, &old.requesting_unit)
            != (
                &activity.on_date,
                activity.panel_id,
                &activity.topic,
                &activity.requesting_unit,
            )
        {
            participant::recheck(tx, &activity)?;
        }
        store::update(tx, &activity, &now_stamp())?;
        crate::store::assess::check_activity_open(tx, id)?;
        let after = tx.snapshot("activities", id)?;
        if super::panel::changed(&before, &after) {
            tx.audit("activity", id, "edit", Some(&before), Some(&after))?;
        }
        Ok(())
    })?;
    print_done(
        &ctx.env,
        &crate::tr!("已更新活动 #{id}", "updated activity #{id}"),
        "activity",
        id,
        None,
    )
}

fn void(ctx: &Ctx, id: i64, reason: Option<&str>) -> anyhow::Result<()> {
    let what = super::void::Voidable {
        table: "activities",
        entity: "activity",
        zh: "活动",
        en: "activity",
        list: "activity list",
        stamped: true,
    };
    super::void::void_record(ctx, &what, id, reason, |tx| {
        crate::store::assess::check_activity_open(tx, id)
    })
}

#[cfg(test)]
mod tests {
    use super::parse_hours;

    #[test]
    fn hours_are_a_number_of_hours_as_typed() {
        assert_eq!(parse_hours("--hours", "2.5小时").unwrap(), 2.5);
        assert_eq!(parse_hours("--hours", " 3h ").unwrap(), 3.0);
        // Words Rust reads as numbers are refused, naming what was typed.
        for typed in ["+Infinity", "inf", "NaN", "-inf"] {
            let err = parse_hours("--hours", typed).unwrap_err().to_string();
            assert!(err.contains(typed), "{typed}: {err}");
        }
        assert!(parse_hours("--hours", "25").is_err());
    }
}
