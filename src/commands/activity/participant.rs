//! Who takes part in an activity and how: adding participants (checked for
//! service, duplicates and recusals), recording attendance, removing one
//! added by mistake, and re-checking everyone when an activity changes.

use std::collections::HashSet;

use crate::cli::activity::{AttendArgs, JoinArgs, ParticipantCommand, ParticipantRemoveArgs};
use crate::context::{Ctx, Env, Tx, now_stamp};
use crate::domain::work;
use crate::i18n::pick;
use crate::input::resolve::{self, Found};
use crate::input::{Form, date, text};
use crate::labels::{ATTENDANCE, PARTICIPANT_ROLE};
use crate::output::print_done;
use crate::store::activity::{self as store, Activity, Participant};

use super::admit::{Facts, Stored, admit, not_serving, recusal_error};

pub fn run(ctx: &Ctx, cmd: ParticipantCommand) -> anyhow::Result<()> {
    match cmd {
        ParticipantCommand::Add(args) => {
            let join = parse_join(&args.join)?;
            let count = ctx.write(|tx| {
                let activity = store::get_open(tx, args.id)?;
                let advisors = resolve_all(tx, &ctx.env, "ADVISOR", &args.advisors)?;
                for advisor in &advisors {
                    join_one(tx, "ADVISOR", &activity, advisor, &join)?;
                }
                Ok(advisors.len())
            })?;
            let id = args.id;
            print_done(
                &ctx.env,
                &crate::tr!(
                    "活动 #{id}：已添加 {count} 位专家",
                    "activity #{id}: added {count} advisors"
                ),
                "activity",
                id,
                None,
            )
        }
        ParticipantCommand::Remove(args) => remove(ctx, &args),
    }
}

/// How advisors join, validated.
pub(crate) struct Join {
    pub attendance: &'static str,
    pub reason: Option<String>,
    pub role: &'static str,
    pub opinion: Option<String>,
    pub guest: bool,
    pub override_reason: Option<String>,
}

/// How advisors join, as typed: `JoinArgs`'s flags, or an import's cells
/// (borrowed, so a row costs no copies).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct JoinText<'a> {
    pub attendance: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub role: Option<&'a str>,
    pub opinion: Option<&'a str>,
    pub guest: bool,
    pub override_reason: Option<&'a str>,
}

fn opt_text(flag: &str, given: Option<&str>, max: Option<usize>) -> anyhow::Result<Option<String>> {
    let parsed = match (given, max) {
        (None, _) => None,
        (Some(s), Some(max)) => Some(text::line(flag, s, max)?),
        (Some(s), None) => Some(text::note(flag, s)?),
    };
    Ok(parsed.filter(|s| !s.is_empty()))
}

pub(crate) fn parse_join(args: &JoinArgs) -> anyhow::Result<Join> {
    parse_join_text(&JoinText {
        attendance: args.attendance.as_deref(),
        reason: args.reason.as_deref(),
        role: args.role.as_deref(),
        opinion: args.opinion.as_deref(),
        guest: args.guest,
        override_reason: args.override_reason.as_deref(),
    })
}

/// Validates how advisors join (the rules behind `parse_join`).
pub(crate) fn parse_join_text(t: &JoinText) -> anyhow::Result<Join> {
    let attendance = t
        .attendance
        .map(|s| ATTENDANCE.parse("--attendance", s))
        .transpose()?
        .unwrap_or("invited");
    let reason = opt_text("--reason", t.reason, Some(text::LINE_MAX))?;
    work::check_excuse(attendance, reason.as_deref())?;
    let role = t
        .role
        .map(|s| PARTICIPANT_ROLE.parse("--role", s))
        .transpose()?
        .unwrap_or("member");
    let override_reason = match t.override_reason {
        None => None,
        Some(s) => Some(text::required("--override", s, text::LINE_MAX)?),
    };
    Ok(Join {
        attendance,
        reason,
        role,
        opinion: opt_text("--opinion", t.opinion, None)?,
        guest: t.guest,
        override_reason,
    })
}

/// Resolves every advisor named, refusing one named twice.
pub(crate) fn resolve_all(
    conn: &rusqlite::Connection,
    env: &Env,
    flag: &str,
    names: &[String],
) -> anyhow::Result<Vec<Found>> {
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for name in names {
        let advisor = resolve::advisor(conn, env, flag, name)?;
        if !seen.insert(advisor.id) {
            let (code, who) = (&advisor.code, &advisor.name);
            return Err(crate::invalid!(
                "{flag}：{who}（{code}）列了两次；同一位专家只登记一次",
                "{flag}: {who} ({code}) is listed twice; an advisor is listed once",
            ));
        }
        found.push(advisor);
    }
    Ok(found)
}

/// Adds one advisor to an activity (the checks of `admit`). A participant
/// removed earlier is revived.
pub(crate) fn join_one(
    tx: &Tx,
    flag: &str,
    a: &Activity,
    advisor: &Found,
    j: &Join,
) -> anyhow::Result<i64> {
    let on = date::from_db(&a.on_date)?;
    let admitted = admit(tx, flag, a, on, (advisor.id, advisor), j, &mut Stored)?;
    let mut p = Participant {
        activity_id: a.id,
        advisor_id: advisor.id,
        attendance: j.attendance.to_string(),
        excuse_reason: j.reason.clone(),
        role: j.role.to_string(),
        opinion: j.opinion.clone(),
        guest: !admitted.member,
        override_reason: admitted.override_reason,
        ..Participant::default()
    };
    match admitted.existing {
        Some(old) => {
            p.id = old.id;
            let before = tx.snapshot("participants", p.id)?;
            store::update_participant(tx, &p)?;
            tx.audit(
                "participant",
                p.id,
                "add",
                Some(&before),
                Some(&tx.snapshot("participants", p.id)?),
            )?;
        }
        None => {
            p.id = store::insert_participant(tx, &p)?;
            tx.audit(
                "participant",
                p.id,
                "add",
                None,
                Some(&tx.snapshot("participants", p.id)?),
            )?;
        }
    }
    Ok(p.id)
}

/// The standing participant row of an advisor, or an error naming the fix.
fn standing(tx: &Tx, a: &Activity, advisor: &Found) -> anyhow::Result<Participant> {
    match store::participant(tx, a.id, advisor.id)? {
        Some(p) if p.voided_at.is_none() => Ok(p),
        _ => {
            let (who, code, id) = (&advisor.name, &advisor.code, a.id);
            Err(crate::invalid!(
                "ADVISOR：{who}（{code}）不在活动 #{id} 的参加名单中；请先用 roster activity participant add {id} {code} 添加",
                "ADVISOR: {who} ({code}) is not on activity #{id}; add them first with `roster activity participant add {id} {code}`",
            ))
        }
    }
}

/// Records how participants took part. Without `--attendance`, an invited
/// advisor is recorded as attended and an existing record is kept (so that
/// adding an opinion or a role never changes it).
pub fn attend(ctx: &Ctx, args: &AttendArgs) -> anyhow::Result<()> {
    let given = args
        .attendance
        .as_deref()
        .map(|s| ATTENDANCE.parse("--attendance", s))
        .transpose()?;
    let reason = opt_text("--reason", args.reason.as_deref(), Some(text::LINE_MAX))?;
    if let Some(attendance) = given {
        work::check_excuse(attendance, reason.as_deref())?;
    }
    let role = args
        .role
        .as_deref()
        .map(|s| PARTICIPANT_ROLE.parse("--role", s))
        .transpose()?;
    let opinion = args
        .opinion
        .as_deref()
        .map(|s| text::note("--opinion", s))
        .transpose()?;
    let id = args.id;
    let count = ctx.write(|tx| {
        let activity = store::get_open(tx, id)?;
        let on = date::from_db(&activity.on_date)?;
        let advisors = resolve_all(tx, &ctx.env, "ADVISOR", &args.advisors)?;
        let ids: Vec<i64> = advisors.iter().map(|a| a.id).collect();
        crate::store::assess::check_open(tx, &activity.on_date, &ids)?;
        for advisor in &advisors {
            let mut p = standing(tx, &activity, advisor)?;
            let before = tx.snapshot("participants", p.id)?;
            let attendance = match given {
                Some(a) => a.to_string(),
                None if p.attendance == "invited" => "attended".to_string(),
                None => p.attendance.clone(),
            };
            let excuse = match (&reason, attendance == "excused") {
                (Some(r), _) => Some(r.clone()),
                (None, true) if given.is_none() => p.excuse_reason.clone(),
                (None, _) => None,
            };
            work::check_excuse(&attendance, excuse.as_deref())?;
            work::check_not_future("--attendance", id, on, &attendance, tx.today())?;
            p.attendance = attendance;
            p.excuse_reason = excuse;
            if let Some(role) = role {
                p.role = role.to_string();
            }
            if let Some(opinion) = &opinion {
                p.opinion = Some(opinion.clone()).filter(|o| !o.is_empty());
            }
            store::update_participant(tx, &p)?;
            let after = tx.snapshot("participants", p.id)?;
            if before != after {
                tx.audit("participant", p.id, "attend", Some(&before), Some(&after))?;
            }
        }
        Ok(advisors.len())
    })?;
    print_done(
        &ctx.env,
        &crate::tr!(
            "活动 #{id}：已登记 {count} 位专家的出席情况",
            "activity #{id}: recorded {count} advisors' attendance"
        ),
        "activity",
        id,
        None,
    )
}

fn remove(ctx: &Ctx, args: &ParticipantRemoveArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let reason = form.text(
        "--reason",
        pick("原因", "reason"),
        args.reason.as_deref(),
        text::LINE_MAX,
    )?;
    form.finish()?;
    let id = args.id;
    let who = ctx.write(|tx| {
        let activity = store::get_open(tx, id)?;
        let advisor = resolve::advisor(tx, &ctx.env, "ADVISOR", &args.advisor)?;
        crate::store::assess::check_open(tx, &activity.on_date, &[advisor.id])?;
        let p = standing(tx, &activity, &advisor)?;
        let before = tx.snapshot("participants", p.id)?;
        store::void(tx, "participants", p.id, &reason, &now_stamp())?;
        tx.audit(
            "participant",
            p.id,
            "void",
            Some(&before),
            Some(&tx.snapshot("participants", p.id)?),
        )?;
        Ok(advisor.name)
    })?;
    print_done(
        &ctx.env,
        &crate::tr!(
            "活动 #{id}：已移除 {who}（{reason}）",
            "activity #{id}: removed {who} ({reason})"
        ),
        "activity",
        id,
        None,
    )
}

/// After an activity's date, panel, topic or requesting unit changed, every
/// participant must still pass: attendance not ahead of the day, serving or
/// a guest, not covered by a recusal unless it was overridden.
pub(crate) fn recheck(tx: &Tx, a: &Activity) -> anyhow::Result<()> {
    let on = date::from_db(&a.on_date)?;
    for p in store::participants(tx, a.id)? {
        let advisor = crate::store::advisor::get(tx, p.advisor_id)?;
        let found = Found {
            id: advisor.id,
            code: advisor.code,
            name: advisor.name,
        };
        work::check_not_future("--date", a.id, on, &p.attendance, tx.today())?;
        if !p.guest && !Stored.serving(tx, a, p.advisor_id)? {
            return Err(not_serving(tx, "--date/--panel", a, &found)?);
        }
        if p.override_reason.is_none()
            && let Some(r) = Stored.covering_recusal(tx, a, p.advisor_id)?
        {
            return Err(recusal_error("--topic/--unit", &found, &r, a.id));
        }
    }
    Ok(())
}
