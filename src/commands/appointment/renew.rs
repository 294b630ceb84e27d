//! Renewing an appointment (续聘, seed 000 art. 7), recording its term
//! evaluation (seed 002 part 8), and correcting one.

use super::ending::{day_after_term, refuse_state};
use super::{
    check_agreement_date, check_certificate, check_eligibility, check_overlap, earliest_day,
    step_input, term, transition,
};
use crate::cli::appointment::{EditArgs, RenewArgs, StepArgs};
use crate::context::{Ctx, now_stamp};
use crate::domain::lifecycle;
use crate::input::{date, text};
use crate::labels::ROLE;
use crate::store::appointment::{self as store, Appointment, Step};
use crate::store::panel as panels;

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
        // Seed 000 art. 7: a term that ended without renewal dissolves by
        // itself; serving again is a new nomination, not a renewal.
        if let Some(end) = old.term_end.as_deref()
            && date::from_db(end)? < input.date
        {
            return Err(crate::refused!(
                "聘任 #{id} 的聘期已于 {end} 届满，聘任关系已自行解除（开州区办法第七条）；如需再聘，请重新推荐（roster appointment nominate）",
                "appointment #{id} expired on {end} and the relation ended by itself (seed 000 art. 7); to serve again, nominate anew (`roster appointment nominate`)",
            ));
        }
        if let Some(begins) = old.term_start.as_deref()
            && date::from_db(begins)? > input.date
        {
            return Err(crate::refused!(
                "聘任 #{id} 的聘期 {begins} 才开始；尚未开始的聘期不能续聘",
                "appointment #{id}'s term begins on {begins}; a term that has not begun cannot be renewed",
            ));
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
            check_eligibility(tx, &panel, new.advisor_id, start, new.exemption.as_deref())?;
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
            // Eligible on the new term's first day, as a direct renewal is
            // (seed 001 art. 5: 原则上70周岁以下), so an advisor who will be
            // over the limit is told now, with --exemption, and not at
            // `appoint` after every step.
            let first_day = day_after_term(tx, id)?;
            check_eligibility(tx, &panel, new.advisor_id, first_day, new.exemption.as_deref())?;
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
    let returned = args
        .certificate_returned
        .as_deref()
        .map(|r| text::yes_no("--certificate-returned", r))
        .transpose()?;
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
            if let Some(signed) = agreement.as_deref() {
                // The same check as `appoint --agreement-date`.
                let floor = earliest_day(tx, &a, tx.today())?;
                check_agreement_date(date::from_db(signed)?, floor, tx.today())?;
                a.agreement_date = Some(signed.to_string());
            }
        }
        if let Some(returned) = returned {
            // Seed 001 art. 13 (予以解聘，并收回聘书): the certificate is
            // recovered when a term ends early; one not returned that day
            // may be later.
            if !matches!(a.state.as_str(), "resigned" | "dismissed") {
                return Err(refuse_state(
                    &a,
                    "登记聘书收回（仅限已辞去或已解聘的聘任）",
                    "marked as having its certificate returned (only a resigned or dismissed appointment is)",
                ));
            }
            a.certificate_returned = Some(returned);
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

/// Records a term's evaluation (seed 002 part 8: 任期结束前一个月…提交任期科技
/// 成果报告及成效自评报告): a dated step with its reference; once recorded,
/// `roster due` no longer lists the evaluation. Only an appointed term that
/// has begun, once.
pub fn evaluate(ctx: &Ctx, args: &StepArgs) -> anyhow::Result<()> {
    let input = step_input(
        ctx,
        args.date.as_deref(),
        args.reference.as_deref(),
        args.note.as_deref(),
    )?;
    let id = args.id;
    let on = date::iso(input.date);
    ctx.write(|tx| {
        if let Some(done) = store::evaluated_on(tx, id)? {
            return Err(crate::refused!(
                "聘任 #{id} 已于 {done} 记录任期评估",
                "appointment #{id} already has its term evaluation, recorded on {done}"
            ));
        }
        transition(tx, id, &input, "evaluated", |_, a, _| {
            if a.state != "appointed" {
                return Err(refuse_state(a, "记录任期评估（仅限聘任中的聘期）", "evaluated (only an appointed term is)"));
            }
            if a.term_start.as_deref().is_none_or(|s| s > on.as_str()) {
                let start = a.term_start.clone().unwrap_or_default();
                return Err(crate::refused!(
                    "--date：聘任 #{id} 的聘期自 {start} 开始，{on} 尚未开始，不能评估",
                    "--date: the term of appointment #{id} begins on {start}; it cannot be evaluated on {on}"
                ));
            }
            // The evaluation closes the term (seed 002 part 8: one month
            // before it ends); recorded early, it would silence the reminder
            // for the rest of the term. From three months before the end.
            if let Some(end) = a.term_end.as_deref() {
                let end = date::from_db(end)?;
                // The day after the same day three months before: a term
                // ending 31 August has June, July and August, from 1 June.
                let earliest = end
                    .checked_sub_months(chrono::Months::new(3))
                    .and_then(|d| d.succ_opt())
                    .unwrap_or(end);
                if input.date < earliest {
                    return Err(crate::refused!(
                        "--date：聘任 #{id} 的聘期到 {end} 结束，任期评估在聘期最后三个月内进行（广西指引第八部分：任期结束前一个月），最早 {earliest}",
                        "--date: the term of appointment #{id} ends on {end}; its evaluation is made in the term's last three months (seed 002 part 8: one month before the end), from {earliest}",
                    ));
                }
            }
            Ok(())
        })?;
        Ok(())
    })?;
    crate::output::print_done(
        &ctx.env,
        &crate::tr!(
            "聘任 #{id}：已记录任期评估（{on}）",
            "appointment #{id}: term evaluation recorded ({on})"
        ),
        "appointment",
        id,
        None,
    )
}
