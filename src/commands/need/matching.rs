//! `need match` and `need unmatch`: the experts put in touch with a need
//! (对接, seed 003 二(二)2). The rules are those of an activity's
//! participants (`activity::admit`): an expert serves on some panel that
//! day or is matched as a guest (`--guest`), and a recusal covering the
//! enterprise or the matter (`domain::work::recusal_covers`, the need's
//! unit as the requesting unit and its title as the topic) is respected
//! unless overridden with a reason (`--override`). A closed need takes no
//! new match; it is reopened first.

use crate::cli::need::{NeedMatchArgs, NeedUnmatchArgs};
use crate::commands::activity::participant::resolve_all;
use crate::context::{Ctx, Tx, now_stamp};
use crate::domain::need::check_match_date;
use crate::domain::work::recusal_covers;
use crate::i18n::pick;
use crate::input::resolve::{self, Found};
use crate::input::{Form, date, text};
use crate::output::print_done;
use crate::store::activity::recusals_by;
use crate::store::need::{self as store, Match, Need};

/// A closed need is reopened before its experts change.
fn still_open(need: &Need) -> anyhow::Result<()> {
    if let Some(closed_on) = &need.closed_on {
        let id = need.id;
        return Err(crate::refused!(
            "NEED：项目需求 #{id} 已于 {closed_on} 办结，不能再改动对接专家；确需改动，先重新打开：roster need reopen {id} --reason …",
            "NEED: need #{id} was closed on {closed_on}, so its experts no longer change; if they must, reopen it first: roster need reopen {id} --reason …"
        ));
    }
    Ok(())
}

pub fn add(ctx: &Ctx, args: &NeedMatchArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let first = form.value(
        "--advisor",
        pick("对接专家", "expert"),
        args.advisors.first().map(String::as_str),
        |s| Ok(s.to_string()),
    )?;
    form.finish()?;
    let names = if args.advisors.is_empty() {
        vec![first]
    } else {
        args.advisors.clone()
    };
    let override_reason = args
        .override_reason
        .as_deref()
        .map(|s| text::required("--override", s, text::LINE_MAX))
        .transpose()?;
    let note = args
        .note
        .as_deref()
        .map(|s| text::note("--note", s))
        .transpose()?
        .filter(|s| !s.is_empty());
    let today = ctx.today();
    let on = match &args.on {
        Some(s) => date::parse("--on", s, today)?,
        None => today,
    };
    let id = args.id;
    let count = ctx.write(|tx| {
        let need = store::get_live(tx, id)?;
        still_open(&need)?;
        check_match_date(id, date::from_db(&need.on_date)?, on, tx.today())?;
        let advisors = resolve_all(tx, &ctx.env, "--advisor", &names)?;
        let existing = store::matches(tx, id)?;
        let on = date::iso(on);
        for advisor in &advisors {
            if let Some(m) = existing.iter().find(|m| m.advisor_id == advisor.id) {
                let (who, code, was) = (&advisor.name, &advisor.code, &m.on_date);
                return Err(crate::refused!(
                    "--advisor：{who}（{code}）已于 {was} 对接项目需求 #{id}；每位专家只登记一次",
                    "--advisor: {who} ({code}) was matched with need #{id} on {was}; an expert is matched once"
                ));
            }
            let serving = crate::store::is_serving(tx, advisor.id, None, &on)?;
            if !serving && !args.guest {
                return Err(not_serving(advisor, &on));
            }
            let overridden = match covering_recusal(tx, advisor.id, &need, &on)? {
                Some(err) if override_reason.is_none() => return Err(err),
                Some(_) => override_reason.clone(),
                None => None,
            };
            let m = Match {
                need_id: id,
                advisor_id: advisor.id,
                on_date: on.clone(),
                guest: !serving,
                override_reason: overridden,
                note: note.clone(),
                ..Match::default()
            };
            let mid = store::insert_match(tx, &m, &now_stamp())?;
            let after = tx.snapshot("need_matches", mid)?;
            tx.audit("need_match", mid, "add", None, Some(&after))?;
        }
        Ok(advisors.len())
    })?;
    print_done(
        &ctx.env,
        &crate::tr!(
            "项目需求 #{id}：已登记对接专家 {count} 位",
            "need #{id}: {count} experts matched"
        ),
        "need",
        id,
        None,
    )
}

/// The refusal of an expert who serves on no panel that day.
fn not_serving(advisor: &Found, on: &str) -> anyhow::Error {
    let (who, code) = (&advisor.name, &advisor.code);
    crate::refused!(
        "--advisor：{who}（{code}）在 {on} 未在任何顾问团或专业站任职；请核对日期，确为不在任的专家（特邀）对接的，请加 --guest",
        "--advisor: {who} ({code}) serves on no panel or station on {on}; check the date, and for an expert not in office (a guest) add --guest"
    )
}

/// The refusal a recusal of the advisor covering the need would give, if any.
fn covering_recusal(
    tx: &Tx,
    advisor_id: i64,
    need: &Need,
    on: &str,
) -> anyhow::Result<Option<anyhow::Error>> {
    let found = recusals_by(tx, advisor_id, on)?.into_iter().find(|r| {
        recusal_covers(
            &r.matter,
            r.related_unit.as_deref(),
            &need.title,
            Some(&need.unit),
        )
    });
    let Some(r) = found else {
        return Ok(None);
    };
    let advisor = crate::store::advisor::get(tx, advisor_id)?;
    let (who, code, rid, matter, since, id) = (
        &advisor.name,
        &advisor.code,
        r.id,
        &r.matter,
        &r.on_date,
        need.id,
    );
    Ok(Some(crate::refused!(
        "--advisor：{who}（{code}）已于 {since} 对“{matter}”申请回避（回避记录 #{rid}），不能对接项目需求 #{id}；确需对接请加 --override \"理由\"",
        "--advisor: {who} ({code}) recused from \"{matter}\" on {since} (recusal #{rid}) and cannot be matched with need #{id}; if it must be, add --override \"reason\""
    )))
}

pub fn remove(ctx: &Ctx, args: &NeedUnmatchArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let advisor = form.value(
        "--advisor",
        pick("对接专家", "expert"),
        args.advisor.as_deref(),
        |s| Ok(s.to_string()),
    )?;
    let reason = form.text(
        "--reason",
        pick("原因", "reason"),
        args.reason.as_deref(),
        text::LINE_MAX,
    )?;
    form.finish()?;
    let id = args.id;
    let who = ctx.write(|tx| {
        let need = store::get_live(tx, id)?;
        still_open(&need)?;
        let advisor = resolve::advisor(tx, &ctx.env, "--advisor", &advisor)?;
        let Some(m) = store::matches(tx, id)?
            .into_iter()
            .find(|m| m.advisor_id == advisor.id)
        else {
            let (who, code) = (&advisor.name, &advisor.code);
            return Err(crate::invalid!(
                "--advisor：{who}（{code}）没有对接项目需求 #{id}；可用 roster need show {id} 查看",
                "--advisor: {who} ({code}) is not matched with need #{id}; see `roster need show {id}`"
            ));
        };
        let before = tx.snapshot("need_matches", m.id)?;
        store::void(tx, "need_matches", m.id, &reason, &now_stamp())?;
        let after = tx.snapshot("need_matches", m.id)?;
        tx.audit("need_match", m.id, "void", Some(&before), Some(&after))?;
        Ok(advisor.name)
    })?;
    print_done(
        &ctx.env,
        &crate::tr!(
            "项目需求 #{id}：已撤销 {who} 的对接（{reason}）",
            "need #{id}: withdrew {who}'s match ({reason})"
        ),
        "need",
        id,
        None,
    )
}
