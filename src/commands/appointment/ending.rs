//! Ending a nomination or an appointment: `reject`, `object`, `dismiss`,
//! `resign`.

use chrono::NaiveDate;

use super::{StepInput, after, done, done_ending, step_input, transition};
use crate::cli::appointment::{DismissArgs, ObjectArgs, RejectArgs, ResignArgs};
use crate::context::{Ctx, Tx};
use crate::domain::lifecycle;
use crate::i18n::pick;
use crate::input::{Form, date, text};
use crate::labels::{APPOINTMENT_STATE, DISMISSAL_GROUND};
use crate::store::appointment::{self as store, Appointment};

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

pub(crate) fn refuse_state(a: &Appointment, action_zh: &str, action_en: &str) -> anyhow::Error {
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
            if let Some(begins) = a.notice_start.as_deref()
                && date::from_db(begins)? > input.date
            {
                return Err(crate::refused!(
                    "聘任 #{id} 的公示 {begins} 才开始，公示开始前不能登记异议",
                    "the public notice of appointment #{id} begins on {begins}; objections are recorded once it has begun",
                ));
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
                // Back for review (seed 001 art. 4: an objection is looked
                // into): the review — or, for a panel without one, the step
                // before the notice — is to be recorded again, then the
                // steps after it, a new notice included.
                let pipeline = lifecycle::pipeline(&panel.steps);
                let redo = pipeline
                    .iter()
                    .position(|s| *s == "reviewed")
                    .or_else(|| {
                        let notice = pipeline.iter().position(|s| *s == "publicized")?;
                        notice.checked_sub(1)
                    })
                    .unwrap_or(1);
                a.state = pipeline[redo.saturating_sub(1)].to_string();
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
    let returned = args
        .certificate_returned
        .as_deref()
        .map(|s| text::yes_no("--certificate-returned", s))
        .transpose()?;
    // The listed grounds speak for themselves; "other" must say what it is
    // (seed 001 art. 12: the dismissal is proposed and approved with reasons).
    if ground == "other" && args.step.note.is_none() && args.step.reference.is_none() {
        return Err(crate::invalid!(
            "缺少必填项：--note 或 --reference（以“其他”为由解聘须写明理由或批准文件）",
            "missing required values: --note or --reference (a dismissal on other grounds must say why, or cite its approval)",
        ));
    }
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
            a.certificate_returned = returned;
            a.ended_on = Some(date::iso(input.date));
            Ok(())
        })?;
        let renewals = end_renewals(tx, id, &input, "解聘", "dismissed")?;
        end_pairings(tx, current.advisor_id, input.date)?;
        let after = after::work_after(tx, current.advisor_id, &date::iso(input.date))?;
        let paid = after::stipends(tx, current.advisor_id, &date::iso(input.date))?;
        Ok((renewals, after, paid))
    })
    .and_then(|(renewals, after, paid)| {
        done_ending(ctx, id, "dismissed", &renewals)?;
        after::warn(ctx, current.advisor_id, input.date, &after, paid)
    })
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
            // Seed 001 art. 13: the written request resigns an appointment,
            // so it cannot precede the nomination that began it.
            let nominated = date::from_db(&a.nominated_on)?;
            if request < nominated {
                let (r, n, id) = (request, nominated, a.id);
                return Err(crate::invalid!(
                    "--request-date：书面申请日期 {r} 早于聘任 #{id} 的推荐日期 {n}；辞去申请在聘任程序开始之后提出，请核对日期（{n} 至辞去日期之间）",
                    "--request-date: the written request ({r}) is dated before appointment #{id} was nominated ({n}); a resignation is requested after that — check the date (from {n} to the resignation)",
                ));
            }
            a.state = "resigned".to_string();
            a.resign_request_date = Some(date::iso(request));
            a.certificate_returned = Some(returned);
            a.ended_on = Some(date::iso(input.date));
            Ok(())
        })?;
        let renewals = end_renewals(tx, id, &input, "辞去", "resigned")?;
        let advisor = store::get(tx, id)?.advisor_id;
        end_pairings(tx, advisor, input.date)?;
        let after = after::work_after(tx, advisor, &date::iso(input.date))?;
        let paid = after::stipends(tx, advisor, &date::iso(input.date))?;
        Ok((renewals, advisor, after, paid))
    })
    .and_then(|(renewals, advisor, after, paid)| {
        done_ending(ctx, id, "resigned", &renewals)?;
        after::warn(ctx, advisor, input.date, &after, paid)
    })
}

/// An advisor whose service ends on `day` (dismissed or resigned, serving
/// on no other panel) is no longer anyone's to hold (seed 004 二): the
/// pairings open that day end the day before, each audited, so a leader's
/// shortfall dates from then.
fn end_pairings(tx: &Tx, advisor_id: i64, day: NaiveDate) -> anyhow::Result<()> {
    let on = date::iso(day);
    if crate::store::is_serving(tx, advisor_id, None, &on)? {
        return Ok(());
    }
    let Some(last) = day.pred_opt().map(date::iso) else {
        return Ok(());
    };
    let open: Vec<i64> = tx
        .prepare(
            "SELECT id FROM liaison_assignments
             WHERE advisor_id = ?1 AND start_date <= ?2 AND (end_date IS NULL OR end_date > ?2)",
        )?
        .query_map(rusqlite::params![advisor_id, last], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for pairing in open {
        let before = tx.snapshot("liaison_assignments", pairing)?;
        crate::store::liaison::end_assignment(tx, pairing, &last)?;
        let after = tx.snapshot("liaison_assignments", pairing)?;
        tx.audit(
            "liaison_assignment",
            pairing,
            "end",
            Some(&before),
            Some(&after),
        )?;
    }
    Ok(())
}

/// A renewal cannot follow a term that ended early (seed 001 arts. 12–13):
/// ending the term rejects its renewal in the same transaction — one still
/// in the procedure, or one appointed whose term has not begun (it never
/// takes effect) — and any renewal of that renewal, each dated no earlier
/// than its own last step. Returns the renewals rejected.
fn end_renewals(
    tx: &Tx,
    id: i64,
    input: &StepInput,
    how_zh: &str,
    how_en: &str,
) -> anyhow::Result<Vec<i64>> {
    let mut ended = Vec::new();
    let mut waiting = store::live_renewals(tx, id)?;
    while let Some(renewal) = waiting.pop() {
        let last = store::last_step_date(tx, renewal)?
            .map(|d| date::from_db(&d))
            .transpose()?;
        let reason = crate::tr!(
            "前任聘任 #{id} 已{how_zh}，续聘不再进行",
            "the previous appointment #{id} was {how_en}; the renewal does not go on"
        );
        let step = StepInput {
            date: last.map_or(input.date, |l| l.max(input.date)),
            reference: input.reference.clone(),
            note: Some(reason.clone()),
        };
        transition(tx, renewal, &step, "rejected", |_, a, _| {
            a.state = "rejected".to_string();
            a.reject_reason = Some(reason.clone());
            Ok(())
        })?;
        ended.push(renewal);
        waiting.extend(store::live_renewals(tx, renewal)?);
    }
    ended.sort_unstable();
    Ok(ended)
}
