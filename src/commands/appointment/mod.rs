//! `roster appointment`: nomination and the procedure steps (this file),
//! endings and renewal (`ending.rs`), reading (`read.rs`). Every transition
//! is checked by `domain::lifecycle` before anything is written.

mod adjust;
mod after;
mod checks;
mod ending;
pub(crate) mod read;
mod renew;

pub(crate) use checks::{
    check_agreement_date, check_certificate, check_eligibility, check_not_before, check_overlap,
    check_previous_in_office, earliest_day, term,
};

use chrono::NaiveDate;

use crate::cli::appointment::{
    AppointArgs, AppointmentCommand, NominateArgs, PublicizeArgs, StepArgs,
};
use crate::context::{Ctx, Tx, now_stamp};
use crate::domain::lifecycle;
use crate::i18n::pick;
use crate::input::{Form, date, resolve, text};
use crate::labels::{ROLE, SOURCE};
use crate::store::appointment::{self as store, Appointment, Step};
use crate::store::panel::{self as panels, Panel};

pub fn run(ctx: &Ctx, cmd: AppointmentCommand) -> anyhow::Result<()> {
    match cmd {
        AppointmentCommand::Nominate(args) => nominate(ctx, &args),
        AppointmentCommand::Vet(args) => step(ctx, &args, "vetted", |_, _, _, _| Ok(())),
        AppointmentCommand::Check(args) => step(ctx, &args, "checked", |_, _, _, _| Ok(())),
        AppointmentCommand::Review(args) => adjust::review(ctx, &args),
        AppointmentCommand::Approve(args) => step(ctx, &args, "approved", |_, _, _, _| Ok(())),
        AppointmentCommand::Publicize(args) => publicize(ctx, &args),
        AppointmentCommand::Appoint(args) => appoint(ctx, &args),
        AppointmentCommand::Object(args) => ending::object(ctx, &args),
        AppointmentCommand::Reject(args) => ending::reject(ctx, &args),
        AppointmentCommand::Renew(args) => renew::renew(ctx, &args),
        AppointmentCommand::Evaluate(args) => renew::evaluate(ctx, &args),
        AppointmentCommand::Dismiss(args) => ending::dismiss(ctx, &args),
        AppointmentCommand::Resign(args) => ending::resign(ctx, &args),
        AppointmentCommand::Edit(args) => renew::edit(ctx, &args),
        AppointmentCommand::List(args) => read::list(ctx, &args),
        AppointmentCommand::Show(args) => read::show(ctx, args.id),
    }
}

/// The step's date (default today), reference and note, validated.
pub(crate) struct StepInput {
    pub date: NaiveDate,
    pub reference: Option<String>,
    pub note: Option<String>,
}

pub(crate) fn step_input(
    ctx: &Ctx,
    date: Option<&str>,
    reference: Option<&str>,
    note: Option<&str>,
) -> anyhow::Result<StepInput> {
    Ok(StepInput {
        date: match date {
            Some(d) => date::parse("--date", d, ctx.today())?,
            None => ctx.today(),
        },
        reference: reference
            .map(|r| text::line("--reference", r, text::LINE_MAX))
            .transpose()?
            .filter(|r| !r.is_empty()),
        note: note
            .map(|n| text::note("--note", n))
            .transpose()?
            .filter(|n| !n.is_empty()),
    })
}

/// Loads an appointment and its panel, refuses a step dated out of order,
/// applies `change`, and records the step and the audit row.
pub(crate) fn transition(
    tx: &Tx,
    id: i64,
    input: &StepInput,
    step: &str,
    change: impl FnOnce(&Tx, &mut Appointment, &Panel) -> anyhow::Result<()>,
) -> anyhow::Result<Appointment> {
    let mut appointment = store::get(tx, id)?;
    let panel = panels::get(tx, appointment.panel_id)?;
    let previous = store::last_step_date(tx, id)?
        .map(|d| date::from_db(&d))
        .transpose()?;
    lifecycle::check_step_date(
        "--date",
        input.date,
        previous.unwrap_or(input.date),
        tx.today(),
    )?;
    let before = tx.snapshot("appointments", id)?;
    change(tx, &mut appointment, &panel)?;
    let now = now_stamp();
    store::update(tx, &appointment, &now)?;
    let on = date::iso(input.date);
    let record = Step {
        step,
        on_date: &on,
        reference: input.reference.as_deref(),
        note: input.note.as_deref(),
    };
    store::add_step(tx, id, &record, &tx.env.operator, &now)?;
    tx.audit(
        "appointment",
        id,
        step,
        Some(&before),
        Some(&tx.snapshot("appointments", id)?),
    )?;
    Ok(appointment)
}

fn done(ctx: &Ctx, id: i64, step: &str) -> anyhow::Result<()> {
    done_ending(ctx, id, step, &[])
}

/// `done`, naming the renewals the step rejected with it.
fn done_ending(ctx: &Ctx, id: i64, step: &str, renewals: &[i64]) -> anyhow::Result<()> {
    let label = crate::labels::STEP_EVENT.label(step);
    let mut message = crate::tr!("聘任 #{id}：{label}", "appointment #{id}: {label}");
    if !renewals.is_empty() {
        let list = renewals
            .iter()
            .map(|r| format!("#{r}"))
            .collect::<Vec<_>>()
            .join(", ");
        message.push_str(&crate::tr!(
            "；其续聘 {list} 随之不予聘任",
            "; its renewal {list} is rejected with it"
        ));
    }
    crate::output::print_done(&ctx.env, &message, "appointment", id, None)
}

/// A procedure step that only moves the state forward.
pub(crate) fn step(
    ctx: &Ctx,
    args: &StepArgs,
    target: &'static str,
    extra: impl FnOnce(&Tx, &mut Appointment, &Panel, NaiveDate) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let input = step_input(
        ctx,
        args.date.as_deref(),
        args.reference.as_deref(),
        args.note.as_deref(),
    )?;
    ctx.write(|tx| {
        transition(tx, args.id, &input, target, |tx, a, panel| {
            if let Err(refused) =
                lifecycle::check_step(a.id, &a.state, target, &lifecycle::pipeline(&panel.steps))
            {
                // Sent back by an objection, the stored state is the step
                // before the review: say why it stands there.
                return Err(if store::awaiting_rereview(tx, a.id)? {
                    crate::refused!(
                        "公示异议，待复核：{refused}",
                        "objection: awaiting re-review — {refused}"
                    )
                } else {
                    refused
                });
            }
            extra(tx, a, panel, input.date)?;
            a.state = target.to_string();
            Ok(())
        })
    })?;
    done(ctx, args.id, target)
}

fn publicize(ctx: &Ctx, args: &PublicizeArgs) -> anyhow::Result<()> {
    let start = super::date_opt(ctx, "--notice-start", args.notice_start.as_deref())?;
    let days = args
        .notice_days
        .as_deref()
        .map(|d| super::number("--notice-days", d, 1..=60))
        .transpose()?;
    step(ctx, &args.step, "publicized", |tx, a, panel, on| {
        let start = match &start {
            Some(s) => date::from_db(s)?,
            None => on,
        };
        if let Some(last) = store::last_step_date(tx, a.id)?
            && start < date::from_db(&last)?
        {
            return Err(crate::invalid!(
                "--notice-start：公示开始日 {start} 早于上一步的日期 {last}；公示在审定之后开始",
                "--notice-start: the notice starts ({start}) before the previous step ({last}); a notice follows approval",
            ));
        }
        let days = days.unwrap_or(panel.notice_days);
        if days < panel.notice_days {
            let (name, least) = (&panel.name, panel.notice_days);
            return Err(crate::refused!(
                "--notice-days：{name}的公示期为 {least} 天，不能缩短为 {days} 天（可以更长）",
                "--notice-days: {name}'s public notice lasts {least} days; it cannot be shortened to {days} (it may be longer)",
            ));
        }
        a.notice_start = Some(date::iso(start));
        a.notice_days = Some(days);
        a.notice_end = Some(date::iso(lifecycle::notice_end(start, days)));
        Ok(())
    })
}

fn appoint(ctx: &Ctx, args: &AppointArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let certificate = form.text(
        "--certificate",
        pick("聘书编号", "certificate number"),
        args.certificate.as_deref(),
        64,
    )?;
    form.finish()?;
    let agreement = super::date_opt(ctx, "--agreement-date", args.agreement_date.as_deref())?;
    let start = super::date_opt(ctx, "--start", args.start.as_deref())?
        .map(|s| date::from_db(&s))
        .transpose()?;
    let end = super::date_opt(ctx, "--end", args.end.as_deref())?
        .map(|s| date::from_db(&s))
        .transpose()?;
    let exemption = args
        .exemption
        .as_deref()
        .map(|e| text::line("--exemption", e, text::LINE_MAX))
        .transpose()?;
    step(ctx, &args.step, "appointed", |tx, a, panel, on| {
        if a.state == "publicized"
            && let Some(notice_end) = a.notice_end.as_deref()
        {
            lifecycle::check_notice_over(a.id, date::from_db(notice_end)?, on)?;
        }
        if let Some(previous) = a.previous_id {
            check_previous_in_office(tx, a.id, previous)?;
        }
        // A renewal continues the day after the old term, or from the day
        // it is appointed if the old term has already run out.
        let start = match (start, a.previous_id) {
            (Some(s), _) => s,
            (None, Some(previous)) => ending::day_after_term(tx, previous)?.max(on),
            (None, None) => on,
        };
        let floor = earliest_day(tx, a, on)?;
        check_not_before("--start", start, floor, ("聘期开始", "the term to start"))?;
        if let Some(signed) = agreement.as_deref() {
            check_agreement_date(date::from_db(signed)?, floor, tx.today())?;
        }
        let (start, end) = term(panel, start, args.years.as_deref(), end)?;
        if let Some(reason) = &exemption {
            a.exemption = Some(reason.clone());
        }
        check_eligibility(tx, panel, a.advisor_id, start, a.exemption.as_deref())?;
        check_overlap(tx, a, start, end)?;
        check_certificate(tx, &certificate, a.id)?;
        a.certificate_no = Some(certificate.clone());
        a.agreement_date = Some(agreement.clone().unwrap_or_else(|| date::iso(on)));
        a.term_start = Some(date::iso(start));
        a.term_end = Some(date::iso(end));
        Ok(())
    })
}

fn nominate(ctx: &Ctx, args: &NominateArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let panel_name = form.value(
        "--panel",
        pick("顾问团", "panel"),
        args.panel.as_deref(),
        |s| Ok(s.to_string()),
    )?;
    let source = form.choice("--source", &SOURCE, args.source.as_deref())?;
    form.finish()?;
    let input = step_input(
        ctx,
        args.date.as_deref(),
        args.reference.as_deref(),
        args.note.as_deref(),
    )?;
    let role = args
        .role
        .as_deref()
        .map(|r| ROLE.parse("--role", r))
        .transpose()?
        .unwrap_or("member");
    let by = args
        .by
        .as_deref()
        .map(|b| text::line("--by", b, text::LINE_MAX))
        .transpose()?;
    let plan = args
        .work_plan
        .as_deref()
        .map(|p| text::note("--work-plan", p))
        .transpose()?;
    let exemption = args
        .exemption
        .as_deref()
        .map(|e| text::line("--exemption", e, text::LINE_MAX))
        .transpose()?;
    let id = ctx.write(|tx| {
        let advisor = resolve::advisor(tx, &ctx.env, "ADVISOR", &args.advisor)?;
        let panel = resolve::panel(tx, &ctx.env, "--panel", &panel_name)?;
        lifecycle::check_step_date("--date", input.date, input.date, tx.today())?;
        if let Some((other, state)) = store::open_nomination(tx, advisor.id, panel.id)? {
            let state = crate::labels::APPOINTMENT_STATE.label(&state);
            let (name, pname) = (&advisor.name, &panel.name);
            return Err(crate::refused!(
                "{name}已在{pname}的聘任程序中（#{other}，{state}）；请继续办理该记录",
                "{name} is already in {pname}'s procedure (#{other}, {state}); carry on with that one",
            ));
        }
        let on = date::iso(input.date);
        // A term held there — serving, or appointed and still to begin —
        // goes on by renewal, not by a second nomination.
        if let Some((held, start, end, pending)) = store::held_term(tx, advisor.id, panel.id, &on)? {
            let (name, pname) = (&advisor.name, &panel.name);
            return Err(if pending {
                crate::refused!(
                    "{name}已获聘{pname}（聘任 #{held}，聘期 {start} 至 {end}，尚未开始），不能再推荐；聘期开始后续聘请用 roster appointment renew {held}",
                    "{name} is already appointed to {pname} (appointment #{held}, term {start} to {end}, not begun yet) and cannot be nominated again; once the term has begun, renew it with `roster appointment renew {held}`",
                )
            } else {
                crate::refused!(
                    "{name}正在{pname}任期内（聘任 #{held}，聘期 {start} 至 {end}）；续聘请用 roster appointment renew {held}",
                    "{name} is serving on {pname} (appointment #{held}, term {start} to {end}); to renew, use `roster appointment renew {held}`",
                )
            });
        }
        if plan.as_deref().is_none_or(|p| p.trim().is_empty())
            && crate::store::settings::number(tx, "appointment.work_plan_required")? == 1
        {
            return Err(crate::invalid!(
                "缺少必填项：--work-plan（本单位要求推荐时附工作方案，包括主要研究方向和合作项目：广西指引二（二）；设置 appointment.work_plan_required）",
                "missing required values: --work-plan (this office requires a nomination's work plan, its main research directions and joint projects: seed 002 part 2(2); setting appointment.work_plan_required)",
            ));
        }
        check_eligibility(tx, &crate::store::panel::get(tx, panel.id)?, advisor.id, input.date, exemption.as_deref())?;
        let appointment = Appointment {
            advisor_id: advisor.id,
            panel_id: panel.id,
            role: role.to_string(),
            state: "nominated".to_string(),
            source: source.to_string(),
            nominated_by: by.clone(),
            nominated_on: on.clone(),
            work_plan: plan.clone(),
            exemption: exemption.clone(),
            ..Appointment::default()
        };
        let now = now_stamp();
        let id = store::insert(tx, &appointment, &now)?;
        let record = Step { step: "nominated", on_date: &on, reference: input.reference.as_deref(), note: input.note.as_deref() };
        store::add_step(tx, id, &record, &tx.env.operator, &now)?;
        tx.audit("appointment", id, "nominated", None, Some(&tx.snapshot("appointments", id)?))?;
        Ok(id)
    })?;
    done(ctx, id, "nominated")
}
