//! Ending a nomination or an appointment, renewing one, and correcting one:
//! `reject`, `object`, `renew`, `dismiss`, `resign`, `edit`.

use chrono::NaiveDate;

use super::{
    StepInput, check_certificate, check_eligibility, check_overlap, done, step_input, term,
    transition,
};
use crate::cli::appointment::{
    DismissArgs, EditArgs, ObjectArgs, RejectArgs, RenewArgs, ResignArgs,
};
use crate::context::{Ctx, Tx, now_stamp};
use crate::domain::lifecycle;
use crate::i18n::pick;
use crate::input::{Form, date, text};
use crate::labels::{APPOINTMENT_STATE, DISMISSAL_GROUND, ROLE};
use crate::store::appointment::{self as store, Appointment, Step};
use crate::store::panel as panels;

const OPEN: &[&str] = &[
    "nominated",
    "vetted",
    "checked",
    "reviewed",
    "approved",
    "publicized",
];

/// The day after an appointment's time in office ends.
pub(crate) fn day_after_term(tx: &Tx, id: i64) -> anyhow::Result<NaiveDate> {
    let previous = store::get(tx, id)?;
    let last = match (&previous.ended_on, &previous.term_end) {
        (Some(ended), _) => return date::from_db(ended),
        (None, Some(end)) => date::from_db(end)?,
        (None, None) => return Err(anyhow::anyhow!("appointment #{id} has no term")),
    };
    Ok(last.succ_opt().unwrap_or(last))
}

fn refuse_state(a: &Appointment, action_zh: &str, action_en: &str) -> anyhow::Error {
    let id = a.id;
    let here = APPOINTMENT_STATE.label(&a.state);
    crate::refused!(
        "聘任 #{id} 处于“{here}”，不能{action_zh}",
        "appointment #{id} is {here}; it cannot be {action_en}"
    )
}

/// An appointment in office on `on`: appointed, and its term not over.
fn check_in_office(
    a: &Appointment,
    on: NaiveDate,
    action_zh: &str,
    action_en: &str,
) -> anyhow::Result<()> {
    if a.state != "appointed" {
        return Err(refuse_state(a, action_zh, action_en));
    }
    if let Some(end) = a.term_end.as_deref()
        && date::from_db(end)? < on
    {
        let id = a.id;
        return Err(crate::refused!(
            "聘任 #{id} 的聘期已于 {end} 届满（期满自行解除），不能{action_zh}",
            "appointment #{id} expired on {end} (the relation ends by itself); it cannot be {action_en}",
        ));
    }
    Ok(())
}

pub fn reject(ctx: &Ctx, args: &RejectArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let reason = form.text(
        "--reason",
        pick("原因", "reason"),
        args.reason.as_deref(),
        text::LINE_MAX,
    )?;
    form.finish()?;
    let input = step_input(
        ctx,
        args.step.date.as_deref(),
        args.step.reference.as_deref(),
        args.step.note.as_deref(),
    )?;
    ctx.write(|tx| {
        transition(
            tx,
            args.step.id,
            &with_note(&input, &reason),
            "rejected",
            |_, a, _| {
                if !OPEN.contains(&a.state.as_str()) {
                    return Err(refuse_state(
                        a,
                        "再作未通过处理（已聘任的请用 dismiss 或 resign）",
                        "rejected (use dismiss or resign once appointed)",
                    ));
                }
                a.state = "rejected".to_string();
                a.reject_reason = Some(reason.clone());
                Ok(())
            },
        )
    })?;
    done(ctx, args.step.id, "rejected")
}

fn with_note(input: &StepInput, reason: &str) -> StepInput {
    let note = match &input.note {
        Some(n) => format!("{reason}；{n}"),
        None => reason.to_string(),
    };
    StepInput {
        date: input.date,
        reference: input.reference.clone(),
        note: Some(note),
    }
}

pub fn object(ctx: &Ctx, args: &ObjectArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let outcome = form.value(
        "--outcome",
        pick("处理结果（review/reject）", "outcome (review/reject)"),
        args.outcome.as_deref(),
        |s| match s.trim().to_lowercase().as_str() {
            "review" | "reviewed" | "审核" | "退回审核" => Ok("reviewed"),
            "reject" | "rejected" | "未通过" | "不予聘任" => Ok("rejected"),
            other => Err(crate::invalid!(
                "--outcome：“{other}”应为 review（退回审核）或 reject（未通过）",
                "--outcome: \"{other}\" should be review (back to review) or reject",
            )),
        },
    )?;
    let reason = form.text(
        "--reason",
        pick("异议内容", "objection"),
        args.reason.as_deref(),
        text::LINE_MAX,
    )?;
    form.finish()?;
    let input = step_input(
        ctx,
        args.step.date.as_deref(),
        args.step.reference.as_deref(),
        args.step.note.as_deref(),
    )?;
    let id = args.step.id;
    ctx.write(|tx| {
        transition(tx, id, &with_note(&input, &reason), "objected", |_, a, panel| {
            if a.state != "publicized" {
                return Err(refuse_state(a, "登记公示异议（只在公示期内）", "objected to (only during its public notice)"));
            }
            if let Some(end) = a.notice_end.as_deref()
                && date::from_db(end)? < input.date
            {
                return Err(crate::refused!(
                    "聘任 #{id} 的公示期已于 {end} 结束，不能再登记异议",
                    "the public notice of appointment #{id} ended on {end}; objections are no longer recorded",
                ));
            }
            if outcome == "rejected" {
                a.state = "rejected".to_string();
                a.reject_reason = Some(reason.clone());
            } else {
                // Back to review, or to the step before the notice if the panel has no review.
                let pipeline = lifecycle::pipeline(&panel.steps);
                let back = if pipeline.contains(&"reviewed") {
                    "reviewed"
                } else {
                    let at = pipeline.iter().position(|s| *s == "publicized").unwrap_or(1);
                    pipeline[at.saturating_sub(1)]
                };
                a.state = back.to_string();
            }
            a.notice_start = None;
            a.notice_days = None;
            a.notice_end = None;
            Ok(())
        })
    })?;
    done(
        ctx,
        id,
        if outcome == "rejected" {
            "rejected"
        } else {
            "objected"
        },
    )
}

pub fn dismiss(ctx: &Ctx, args: &DismissArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let ground = form.choice("--ground", &DISMISSAL_GROUND, args.ground.as_deref())?;
    form.finish()?;
    let input = step_input(
        ctx,
        args.step.date.as_deref(),
        args.step.reference.as_deref(),
        args.step.note.as_deref(),
    )?;
    let id = args.step.id;
    let current = ctx.read(|conn| store::get(conn, id))?;
    check_in_office(&current, input.date, "解聘", "dismissed")?;
    let name = crate::store::advisor::get(&ctx.conn, current.advisor_id)?.name;
    let ground_label = DISMISSAL_GROUND.label(ground);
    ctx.confirm(&crate::tr!(
        "确认解聘 {name}（聘任 #{id}，{ground_label}）？",
        "dismiss {name} (appointment #{id}, {ground_label})?"
    ))?;
    ctx.write(|tx| {
        transition(tx, id, &input, "dismissed", |_, a, _| {
            check_in_office(a, input.date, "解聘", "dismissed")?;
            a.state = "dismissed".to_string();
            a.dismissal_ground = Some(ground.to_string());
            a.ended_on = Some(date::iso(input.date));
            Ok(())
        })
    })?;
    done(ctx, id, "dismissed")
}

pub fn resign(ctx: &Ctx, args: &ResignArgs) -> anyhow::Result<()> {
    let input = step_input(
        ctx,
        args.step.date.as_deref(),
        args.step.reference.as_deref(),
        args.step.note.as_deref(),
    )?;
    let mut form = Form::new(&ctx.env);
    let request = form.value(
        "--request-date",
        pick("书面申请日期", "date of the written request"),
        args.request_date.as_deref(),
        |s| date::parse("--request-date", s, ctx.today()),
    )?;
    let returned = form.value(
        "--certificate-returned",
        pick("是否已收回聘书（是/否）", "certificate returned (yes/no)"),
        args.certificate_returned.as_deref(),
        |s| text::yes_no("--certificate-returned", s),
    )?;
    form.finish()?;
    if request > input.date {
        let (r, d) = (request, input.date);
        return Err(crate::invalid!(
            "--request-date：书面申请日期 {r} 晚于辞去日期 {d}",
            "--request-date: the written request ({r}) is dated after the resignation ({d})",
        ));
    }
    let id = args.step.id;
    ctx.write(|tx| {
        transition(tx, id, &input, "resigned", |_, a, _| {
            check_in_office(a, input.date, "辞去", "resigned")?;
            a.state = "resigned".to_string();
            a.resign_request_date = Some(date::iso(request));
            a.certificate_returned = Some(returned);
            a.ended_on = Some(date::iso(input.date));
            Ok(())
        })
    })?;
    done(ctx, id, "resigned")
}

pub fn renew(ctx: &Ctx, args: &RenewArgs) -> anyhow::Result<()> {
    let input = step_input(
        ctx,
        args.step.date.as_deref(),
        args.step.reference.as_deref(),
        args.step.note.as_deref(),
    )?;
    let start = super::super::date_opt(ctx, "--start", args.start.as_deref())?
        .map(|s| date::from_db(&s))
        .transpose()?;
    let certificate = args
        .certificate
        .as_deref()
        .map(|c| text::required("--certificate", c, 64))
        .transpose()?;
    let exemption = args
        .exemption
        .as_deref()
        .map(|e| text::line("--exemption", e, text::LINE_MAX))
        .transpose()?;
    let plan = args
        .work_plan
        .as_deref()
        .map(|p| text::note("--work-plan", p))
        .transpose()?;
    let id = args.step.id;
    let new_id = ctx.write(|tx| {
        let old = store::get(tx, id)?;
        if old.state != "appointed" {
            return Err(refuse_state(&old, "续聘", "renewed"));
        }
        if let Some((next, state)) = store::successor(tx, id)?
            && state != "rejected"
        {
            return Err(crate::refused!("聘任 #{id} 已有续聘记录 #{next}", "appointment #{id} has already been renewed as #{next}"));
        }
        let panel = panels::get(tx, old.panel_id)?;
        lifecycle::check_step_date("--date", input.date, input.date, tx.today())?;
        let on = date::iso(input.date);
        let mut new = Appointment {
            advisor_id: old.advisor_id,
            panel_id: old.panel_id,
            role: old.role.clone(),
            state: "nominated".to_string(),
            source: old.source.clone(),
            nominated_by: old.nominated_by.clone(),
            nominated_on: on.clone(),
            work_plan: plan.clone().or(old.work_plan.clone()),
            exemption: exemption.clone(),
            previous_id: Some(old.id),
            ..Appointment::default()
        };
        let now = now_stamp();
        let new_id = store::insert(tx, &new, &now)?;
        new.id = new_id;
        let note = input.note.clone().unwrap_or_else(|| crate::tr!("续聘聘任 #{id}", "renewal of appointment #{id}"));
        store::add_step(tx, new_id, &Step { step: "nominated", on_date: &on, reference: input.reference.as_deref(), note: Some(&note) }, &tx.env.operator, &now)?;
        if panel.direct_renewal {
            let Some(certificate) = &certificate else {
                return Err(crate::invalid!(
                    "缺少必填项：--certificate（本顾问团可直接续聘，需给出新聘书编号）",
                    "missing required values: --certificate (this panel renews directly and needs the new certificate number)",
                ));
            };
            let start = start.map(Ok).unwrap_or_else(|| day_after_term(tx, id))?;
            let (start, end) = term(&panel, start, args.years.as_deref(), None)?;
            check_eligibility(tx, new.advisor_id, start, new.exemption.as_deref())?;
            check_overlap(tx, &new, start, end)?;
            check_certificate(tx, certificate, new_id)?;
            new.state = "appointed".to_string();
            new.certificate_no = Some(certificate.clone());
            new.agreement_date = Some(on.clone());
            new.term_start = Some(date::iso(start));
            new.term_end = Some(date::iso(end));
            store::update(tx, &new, &now)?;
            store::add_step(tx, new_id, &Step { step: "appointed", on_date: &on, reference: input.reference.as_deref(), note: None }, &tx.env.operator, &now)?;
        } else if certificate.is_some() || start.is_some() || args.years.is_some() {
            let name = &panel.name;
            return Err(crate::invalid!(
                "{name}的续聘须重走聘任程序；聘书编号和聘期请在 roster appointment appoint 时给出",
                "{name} renews through its procedure; give the certificate and term at `roster appointment appoint`",
            ));
        } else {
            let birth_check = input.date;
            check_eligibility(tx, new.advisor_id, birth_check, new.exemption.as_deref())?;
        }
        tx.audit("appointment", new_id, "renewed", None, Some(&tx.snapshot("appointments", new_id)?))?;
        Ok(new_id)
    })?;
    let message = crate::tr!(
        "已为聘任 #{id} 办理续聘：新记录 #{new_id}",
        "renewal of appointment #{id} started as #{new_id}"
    );
    crate::output::print_done(&ctx.env, &message, "appointment", new_id, None)
}

pub fn edit(ctx: &Ctx, args: &EditArgs) -> anyhow::Result<()> {
    let role = args
        .role
        .as_deref()
        .map(|r| ROLE.parse("--role", r))
        .transpose()?;
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
    let certificate = args
        .certificate
        .as_deref()
        .map(|c| text::required("--certificate", c, 64))
        .transpose()?;
    let agreement =
        super::super::date_opt(ctx, "--agreement-date", args.agreement_date.as_deref())?;
    let id = args.id;
    ctx.write(|tx| {
        let mut a = store::get(tx, id)?;
        let before = tx.snapshot("appointments", id)?;
        if let Some(role) = role {
            a.role = role.to_string();
        }
        if let Some(by) = &by {
            a.nominated_by = Some(by.clone()).filter(|b| !b.is_empty());
        }
        if let Some(plan) = &plan {
            a.work_plan = Some(plan.clone()).filter(|p| !p.is_empty());
        }
        if certificate.is_some() || agreement.is_some() {
            if a.certificate_no.is_none() {
                return Err(refuse_state(
                    &a,
                    "登记聘书（请在聘任时给出）",
                    "given a certificate before it is appointed",
                ));
            }
            if let Some(c) = &certificate {
                check_certificate(tx, c, id)?;
                a.certificate_no = Some(c.clone());
            }
            if agreement.is_some() {
                a.agreement_date = agreement.clone();
            }
        }
        store::update(tx, &a, &now_stamp())?;
        let after = tx.snapshot("appointments", id)?;
        if crate::commands::panel::changed(&before, &after) {
            tx.audit("appointment", id, "edit", Some(&before), Some(&after))?;
        }
        Ok(())
    })?;
    crate::output::print_done(
        &ctx.env,
        &crate::tr!("已更新聘任 #{id}", "updated appointment #{id}"),
        "appointment",
        id,
        None,
    )
}
