//! `roster liaison`: adding and editing liaisons, pairing them with advisors
//! and ending pairings (this file); listing and showing them (`read.rs`).
//! One-to-one (一对一, seed 000): an advisor has at most one liaison on any
//! day; a liaison may hold several advisors (seed 004: a leader at least 2).

mod leadership;
pub(crate) mod read;

use super::{set, set_opt};
use crate::cli::liaison::{
    AssignArgs, LiaisonCommand, LiaisonEditArgs, LiaisonFields, UnassignArgs,
};
use crate::context::{Ctx, Env, Tx, now_stamp};
use crate::i18n::pick;
use crate::input::{Form, date, resolve, text};
use crate::output::print_done;
use crate::store::liaison::{self as store, Liaison};

pub fn run(ctx: &Ctx, cmd: LiaisonCommand) -> anyhow::Result<()> {
    match cmd {
        LiaisonCommand::Add(fields) => add(ctx, &fields),
        LiaisonCommand::Edit(args) => edit(ctx, &args),
        LiaisonCommand::List(args) => read::list(ctx, &args),
        LiaisonCommand::Show(args) => read::show(ctx, &args),
        LiaisonCommand::Assign(args) => assign(ctx, &args),
        LiaisonCommand::Unassign(args) => unassign(ctx, &args),
    }
}

pub(crate) fn apply(
    env: &Env,
    f: &LiaisonFields,
    l: &mut Liaison,
    adding: bool,
) -> anyhow::Result<()> {
    if adding {
        let mut form = Form::new(env);
        l.name = form.name("--name", pick("姓名", "name"), f.name.as_deref())?;
        form.finish()?;
    } else {
        set(&mut l.name, f.name.as_deref(), |s| text::name("--name", s))?;
    }
    if let Some(code) = f.code.as_deref() {
        l.code = text::code("--code", code)?;
    }
    let line = |flag: &'static str| move |s: &str| text::line(flag, s, text::LINE_MAX);
    set_opt(&mut l.unit, f.unit.as_deref(), line("--unit"))?;
    set_opt(&mut l.position, f.position.as_deref(), line("--position"))?;
    set_opt(&mut l.phone, f.phone.as_deref(), |s| {
        text::phone("--phone", s)
    })?;
    leadership::apply(env, f, l, adding)?;
    set_opt(&mut l.notes, f.notes.as_deref(), |s| {
        text::note("--notes", s)
    })?;
    Ok(())
}

pub(crate) fn check_unique(conn: &rusqlite::Connection, l: &Liaison) -> anyhow::Result<()> {
    if let Some((code, name)) = store::code_taken(conn, &l.code, l.id)? {
        return Err(crate::invalid!(
            "--code：编码 {code} 已属于联系人 {name}",
            "--code: code {code} already belongs to liaison {name}"
        ));
    }
    Ok(())
}

fn add(ctx: &Ctx, f: &LiaisonFields) -> anyhow::Result<()> {
    let mut liaison = Liaison::default();
    apply(&ctx.env, f, &mut liaison, true)?;
    let id = ctx.write(|tx| {
        if liaison.code.is_empty() {
            liaison.code = store::next_code(tx)?;
        }
        check_unique(tx, &liaison)?;
        let id = store::insert(tx, &liaison, &now_stamp())?;
        tx.audit(
            "liaison",
            id,
            "add",
            None,
            Some(&tx.snapshot("liaisons", id)?),
        )?;
        Ok(id)
    })?;
    let (code, name) = (&liaison.code, &liaison.name);
    print_done(
        &ctx.env,
        &crate::tr!(
            "已添加联系人 {name}（{code}）",
            "added liaison {name} ({code})"
        ),
        "liaison",
        id,
        Some(code),
    )
}

fn edit(ctx: &Ctx, args: &LiaisonEditArgs) -> anyhow::Result<()> {
    let liaison = ctx.write(|tx| {
        let found = resolve::liaison(tx, &ctx.env, "LIAISON", &args.liaison)?;
        let mut liaison = store::get(tx, found.id)?;
        apply(&ctx.env, &args.fields, &mut liaison, false)?;
        check_unique(tx, &liaison)?;
        let before = tx.snapshot("liaisons", liaison.id)?;
        store::update(tx, &liaison, &now_stamp())?;
        let after = tx.snapshot("liaisons", liaison.id)?;
        if super::panel::changed(&before, &after) {
            tx.audit("liaison", liaison.id, "edit", Some(&before), Some(&after))?;
        }
        Ok(liaison)
    })?;
    let (code, name) = (&liaison.code, &liaison.name);
    print_done(
        &ctx.env,
        &crate::tr!(
            "已更新联系人 {name}（{code}）",
            "updated liaison {name} ({code})"
        ),
        "liaison",
        liaison.id,
        Some(code),
    )
}

/// "A0005 李国栋" for messages.
fn who(found: &resolve::Found) -> String {
    format!("{} {}", found.code, found.name)
}

/// The period shown in messages: "2023-09-01 – 2025-06-30" or "2023-09-01 起".
fn period(start: &str, end: Option<&str>) -> String {
    match end {
        Some(end) => format!("{start} – {end}"),
        None => crate::tr!("{start} 起", "from {start}"),
    }
}

/// The advisors named by repeated `--advisor` flags (see `contact::advisor_texts`).
fn advisors(tx: &Tx, env: &Env, given: &[String]) -> anyhow::Result<Vec<resolve::Found>> {
    let mut found: Vec<resolve::Found> = Vec::new();
    for text in given {
        let advisor = resolve::advisor(tx, env, "--advisor", text)?;
        if !found.iter().any(|f| f.id == advisor.id) {
            found.push(advisor);
        }
    }
    Ok(found)
}

fn assign(ctx: &Ctx, args: &AssignArgs) -> anyhow::Result<()> {
    let today = ctx.today();
    let from = match args.from.as_deref() {
        Some(text) => date::parse("--from", text, today)?,
        None => today,
    };
    let until = args
        .until
        .as_deref()
        .map(|s| date::parse("--until", s, today))
        .transpose()?;
    if let Some(until) = until
        && until < from
    {
        let (f, u) = (date::iso(from), date::iso(until));
        return Err(crate::invalid!(
            "--until：结束日期 {u} 早于开始日期 {f}",
            "--until: the last day {u} is before the first day {f}"
        ));
    }
    if args.replace && until.is_some() {
        // The old pairing ends for good; a stand-in period would leave the
        // advisor with no liaison after it.
        return Err(crate::invalid!(
            "--until：--replace 是长期更换联系人（原联系于 --from 前一天结束），不能同时给 --until；如只是临时代管，请去掉 --replace，待原联系结束后再登记",
            "--until: --replace hands the advisor over for good (the old pairing ends the day before --from), so it takes no --until; for a stand-in period, drop --replace and pair once the old pairing has ended"
        ));
    }
    let texts = super::contact::advisor_texts(&ctx.env, &args.advisors, false)?;
    let note = args
        .note
        .as_deref()
        .map(|s| text::note("--note", s))
        .transpose()?;
    let (start, end) = (date::iso(from), until.map(date::iso));
    let (liaison, count) = ctx.write(|tx| {
        let liaison = resolve::liaison(tx, &ctx.env, "LIAISON", &args.liaison)?;
        let advisors = advisors(tx, &ctx.env, &texts)?;
        for advisor in &advisors {
            pair(
                tx,
                &liaison,
                advisor,
                &start,
                end.as_deref(),
                note.as_deref(),
                args.replace,
            )?;
        }
        Ok((liaison, advisors.len()))
    })?;
    let name = who(&liaison);
    print_done(
        &ctx.env,
        &crate::tr!(
            "联系人 {name} 自 {start} 起联系 {count} 位专家",
            "liaison {name} holds {count} advisor(s) from {start}"
        ),
        "liaison",
        liaison.id,
        Some(&liaison.code),
    )
}

/// The rules of a new pairing from `start` (to `end`, open when `None`):
/// the advisor serves on its first day, and no pairing of theirs overlaps
/// it — unless `replace`, when another liaison's earlier pairing may be
/// ended the day before. Returns the pairings to end that way.
pub(crate) fn check_pairing(
    tx: &Tx,
    liaison: &resolve::Found,
    advisor: &resolve::Found,
    start: &str,
    end: Option<&str>,
    (replace, importing): (bool, bool),
) -> anyhow::Result<Vec<store::Assignment>> {
    let (l, a) = (who(liaison), who(advisor));
    if !crate::store::is_serving(tx, advisor.id, None, start)? {
        return Err(crate::refused!(
            "--from：{a} 在 {start} 不在聘，不能确定联系人；请用其聘期内的日期",
            "--from: {a} is not serving on {start}, so no liaison can be paired; use a date within their term"
        ));
    }
    let mut to_end = Vec::new();
    for other in store::overlapping(tx, advisor.id, None, start, end)? {
        let was = period(&other.start_date, other.end_date.as_deref());
        if other.liaison_id == liaison.id {
            return Err(crate::refused!(
                "--from：{l} 已联系 {a}（{was}），与新的联系期重叠；如需调整请先用 roster liaison unassign 结束原联系",
                "--from: {l} already holds {a} ({was}), which overlaps; end that pairing first with `roster liaison unassign`"
            ));
        }
        let holder = store::get(tx, other.liaison_id)?;
        let h = format!("{} {}", holder.code, holder.name);
        if replace && other.start_date.as_str() >= start {
            let since = &other.start_date;
            return Err(crate::refused!(
                "--from：{a} 与 {h} 的联系自 {since} 开始，不早于 --from，无法以 --replace 接替；请核对日期",
                "--from: {a}'s pairing with {h} begins on {since}, not before --from, so --replace cannot take it over; check the dates"
            ));
        }
        if !replace {
            // An import has no --replace: the file itself ends the old pairing.
            return Err(if importing {
                crate::refused!(
                    "--advisor：{a} 已由 {h} 联系（{was}），一位专家同一时间只有一位联系人；更换联系人请在文件中加一行写明原联系的结束日期（--from 前一天），并加 --on-duplicate update 导入，或用 roster liaison assign --replace 逐个办理",
                    "--advisor: {a} is already held by {h} ({was}); an advisor has one liaison at a time. To change liaison, add a row to the file giving the old pairing its last day (the day before --from) and import with --on-duplicate update, or use `roster liaison assign --replace` for each"
                )
            } else {
                crate::refused!(
                    "--advisor：{a} 已由 {h} 联系（{was}），一位专家同一时间只有一位联系人；更换联系人请加 --replace（原联系于 --from 前一天结束）",
                    "--advisor: {a} is already held by {h} ({was}); an advisor has one liaison at a time. To change liaison add --replace (the old pairing ends the day before --from)"
                )
            });
        }
        to_end.push(other);
    }
    Ok(to_end)
}

/// Pairs one advisor (the rules of `check_pairing`), ending another
/// liaison's pairing first when `replace`.
fn pair(
    tx: &Tx,
    liaison: &resolve::Found,
    advisor: &resolve::Found,
    start: &str,
    end: Option<&str>,
    note: Option<&str>,
    replace: bool,
) -> anyhow::Result<()> {
    for other in check_pairing(tx, liaison, advisor, start, end, (replace, false))? {
        let before = tx.snapshot("liaison_assignments", other.id)?;
        let day_before = date::from_db(start)?
            .pred_opt()
            .map(date::iso)
            .unwrap_or_default();
        store::end_assignment(tx, other.id, &day_before)?;
        let after = tx.snapshot("liaison_assignments", other.id)?;
        tx.audit(
            "liaison_assignment",
            other.id,
            "end",
            Some(&before),
            Some(&after),
        )?;
    }
    let id = store::insert_assignment(tx, liaison.id, advisor.id, start, end, note, &now_stamp())?;
    tx.audit(
        "liaison_assignment",
        id,
        "assign",
        None,
        Some(&tx.snapshot("liaison_assignments", id)?),
    )
}

fn unassign(ctx: &Ctx, args: &UnassignArgs) -> anyhow::Result<()> {
    let texts = super::contact::advisor_texts(&ctx.env, &args.advisors, false)?;
    let mut form = Form::new(&ctx.env);
    let today = ctx.today();
    let until = form.value(
        "--until",
        pick("联系截止日期", "last day of the pairing"),
        args.until.as_deref(),
        |s| date::parse("--until", s, today),
    )?;
    form.finish()?;
    let last = date::iso(until);
    let (liaison, count) = ctx.write(|tx| {
        let liaison = resolve::liaison(tx, &ctx.env, "LIAISON", &args.liaison)?;
        let advisors = advisors(tx, &ctx.env, &texts)?;
        for advisor in &advisors {
            let held = store::overlapping(tx, advisor.id, Some(liaison.id), &last, Some(&last))?;
            let Some(pairing) = held.into_iter().next() else {
                let (l, a, code) = (who(&liaison), who(advisor), &liaison.code);
                return Err(crate::refused!(
                    "--until：{l} 在 {last} 并未联系 {a}；可用 roster liaison show {code} 查看联系记录",
                    "--until: {l} does not hold {a} on {last}; see `roster liaison show {code}` for the history"
                ));
            };
            let before = tx.snapshot("liaison_assignments", pairing.id)?;
            store::end_assignment(tx, pairing.id, &last)?;
            let after = tx.snapshot("liaison_assignments", pairing.id)?;
            tx.audit("liaison_assignment", pairing.id, "end", Some(&before), Some(&after))?;
        }
        Ok((liaison, advisors.len()))
    })?;
    let name = who(&liaison);
    print_done(
        &ctx.env,
        &crate::tr!(
            "联系人 {name} 对 {count} 位专家的联系于 {last} 结束",
            "liaison {name}'s pairing with {count} advisor(s) ends on {last}"
        ),
        "liaison",
        liaison.id,
        Some(&liaison.code),
    )
}
