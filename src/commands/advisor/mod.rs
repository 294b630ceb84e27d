//! `roster advisor`: adding and editing advisors (this file), listing,
//! showing and searching them (`read.rs`).

pub(crate) mod read;

pub(crate) use read::list_filter;

use chrono::Datelike;

use super::{set, set_opt};
use crate::cli::advisor::{AdvisorCommand, AdvisorEditArgs, AdvisorFields};
use crate::context::{Ctx, Env, now_stamp};
use crate::i18n::pick;
use crate::input::{Form, date, idcard, money, resolve, text};
use crate::labels::{CATEGORY, GENDER, TIER};
use crate::store::advisor::{self as store, Advisor};

pub fn run(ctx: &Ctx, cmd: AdvisorCommand) -> anyhow::Result<()> {
    match cmd {
        AdvisorCommand::Add(fields) => add(ctx, &fields),
        AdvisorCommand::Edit(args) => edit(ctx, &args),
        AdvisorCommand::List(args) => read::list(ctx, &args),
        AdvisorCommand::Show(args) => read::show(ctx, &args.advisor),
        AdvisorCommand::Search(args) => read::search(ctx, &args.words, args.limit),
    }
}

/// Fields of expertise, separated uniformly by 、.
fn parse_fields(flag: &str, input: &str) -> anyhow::Result<String> {
    let parts: Vec<&str> = input
        .split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    text::line(flag, &parts.join("、"), text::LINE_MAX)
}

/// Applies typed fields to an advisor (new or existing) and checks the whole.
/// `import advisors` runs every row through it, so a file is held to exactly
/// the rules a clerk typing `advisor add` or `edit` is.
pub(crate) fn apply(
    env: &Env,
    f: &AdvisorFields,
    a: &mut Advisor,
    adding: bool,
) -> anyhow::Result<()> {
    let today = env.today;
    if adding {
        let mut form = Form::new(env);
        a.name = form.name("--name", pick("姓名", "name"), f.name.as_deref())?;
        a.category = form
            .choice("--category", &CATEGORY, f.category.as_deref())?
            .to_string();
        form.finish()?;
    } else {
        set(&mut a.name, f.name.as_deref(), |s| text::name("--name", s))?;
        set(&mut a.category, f.category.as_deref(), |s| {
            CATEGORY.parse("--category", s).map(str::to_string)
        })?;
    }
    if let Some(code) = f.code.as_deref() {
        a.code = text::code("--code", code)?;
    }
    set_opt(&mut a.gender, f.gender.as_deref(), |s| {
        GENDER.parse("--gender", s).map(str::to_string)
    })?;
    // A roster's 出生年月 column often gives the year and month alone
    // (1968.05): read against the ID number below, which has the day.
    let birth_month = f
        .birth_date
        .as_deref()
        .filter(|s| date::parse("--birth-date", s, today).is_err())
        .and_then(date::year_month);
    if birth_month.is_none() {
        set_opt(&mut a.birth_date, f.birth_date.as_deref(), |s| {
            let d = date::parse("--birth-date", s, today)?;
            if d > today {
                let shown = date::iso(d);
                return Err(crate::invalid!(
                    "--birth-date：出生日期 {shown} 晚于今天",
                    "--birth-date: birth date {shown} is in the future"
                ));
            }
            Ok(date::iso(d))
        })?;
    }
    set_opt(&mut a.id_number, f.id_number.as_deref(), |s| {
        idcard::parse("--id-number", s).map(|i| i.normalized)
    })?;
    if let Some((year, month)) = birth_month {
        let from_id = a
            .id_number
            .as_deref()
            .map(|id| idcard::parse("--id-number", id).map(|i| i.birth_date))
            .transpose()?;
        match from_id {
            Some(d) if d.year() == year && d.month() == month => a.birth_date = Some(date::iso(d)),
            Some(d) => {
                let from_id = date::iso(d);
                return Err(crate::invalid!(
                    "--birth-date：出生年月 {year}-{month:02} 与身份证号中的 {from_id} 不符；请核对",
                    "--birth-date: birth month {year}-{month:02} disagrees with the ID number's {from_id}; check both",
                ));
            }
            None => {
                return Err(crate::invalid!(
                    "--birth-date：出生年月 {year}-{month:02} 没有日；没有身份证号时请写完整的出生日期（如 {year}-{month:02}-15）",
                    "--birth-date: {year}-{month:02} has no day; without an ID number give the full birth date (e.g. {year}-{month:02}-15)",
                ));
            }
        }
    }
    if let Some(id) = a.id_number.clone() {
        let info = idcard::parse("--id-number", &id)?;
        let from_id = date::iso(info.birth_date);
        let gender = if info.male { "male" } else { "female" };
        match &a.birth_date {
            None => a.birth_date = Some(from_id),
            Some(b) if *b != from_id && (f.birth_date.is_some() || f.id_number.is_some()) => {
                return Err(crate::invalid!(
                    "--birth-date：出生日期 {b} 与身份证号中的 {from_id} 不符；请核对",
                    "--birth-date: birth date {b} disagrees with the ID number's {from_id}; check both",
                ));
            }
            _ => {}
        }
        match a.gender.as_deref() {
            None => a.gender = Some(gender.to_string()),
            Some(g) if g != gender && (f.gender.is_some() || f.id_number.is_some()) => {
                let shown = GENDER.label(gender);
                return Err(crate::invalid!(
                    "--gender：性别与身份证号不符（身份证号显示为{shown}）；请核对",
                    "--gender: gender disagrees with the ID number (which says {shown}); check both",
                ));
            }
            _ => {}
        }
        if info.birth_date > today {
            return Err(crate::invalid!(
                "--id-number：身份证号中的出生日期晚于今天",
                "--id-number: the ID number's birth date is in the future"
            ));
        }
    }
    set_opt(&mut a.tier, f.tier.as_deref(), |s| {
        TIER.parse("--tier", s).map(str::to_string)
    })?;
    let line = |flag: &'static str| move |s: &str| text::line(flag, s, text::LINE_MAX);
    set_opt(
        &mut a.native_place,
        f.native_place.as_deref(),
        line("--native-place"),
    )?;
    set(&mut a.native_abroad, f.native_abroad.as_deref(), |s| {
        text::yes_no("--native-abroad", s)
    })?;
    set_opt(&mut a.employer, f.employer.as_deref(), line("--employer"))?;
    set_opt(&mut a.position, f.position.as_deref(), line("--position"))?;
    set_opt(&mut a.title, f.title.as_deref(), line("--title"))?;
    set_opt(&mut a.fields, f.fields.as_deref(), |s| {
        parse_fields("--fields", s)
    })?;
    let this_year = i64::from(today.year());
    set_opt(&mut a.work_start_year, f.work_start_year.as_deref(), |s| {
        // 1999年, as a roster's 参加工作时间 column often has it.
        super::number(
            "--work-start-year",
            s.trim().trim_end_matches('年'),
            1900..=this_year,
        )
    })?;
    if let (Some(start), Some(birth)) = (a.work_start_year, a.birth_date.as_deref()) {
        let born: i64 = birth.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
        if start < born + 14 {
            return Err(crate::invalid!(
                "--work-start-year：{start} 年时本人不足 14 岁（生于 {born} 年）；请核对",
                "--work-start-year: in {start} the advisor was under 14 (born {born}); check the year",
            ));
        }
    }
    set(&mut a.academician, f.academician.as_deref(), |s| {
        text::yes_no("--academician", s)
    })?;
    set_opt(&mut a.phone, f.phone.as_deref(), |s| {
        text::phone("--phone", s)
    })?;
    // A mask read from script output is never stored over the real value.
    use crate::output::Kind;
    use crate::privacy::refuse_masked;
    set_opt(&mut a.email, f.email.as_deref(), |s| {
        refuse_masked("--email", Kind::Email, s)?;
        text::email("--email", s)
    })?;
    set_opt(&mut a.wechat, f.wechat.as_deref(), |s| {
        refuse_masked("--wechat", Kind::WeChat, s)?;
        text::line("--wechat", s, 64)
    })?;
    set_opt(&mut a.address, f.address.as_deref(), |s| {
        refuse_masked("--address", Kind::Address, s)?;
        line("--address")(s)
    })?;
    set_opt(&mut a.stipend_fen, f.stipend.as_deref(), |s| {
        money::parse("--stipend", s, false)
    })?;
    set_opt(&mut a.notes, f.notes.as_deref(), |s| {
        text::note("--notes", s)
    })?;
    Ok(())
}

/// Refuses a code or ID number another advisor already holds. `kept`: the
/// code on file, when editing (a file from before codes were one whatever
/// their case may hold `a0005` beside `A0005`: each stays editable under
/// its own code).
fn check_unique(
    conn: &rusqlite::Connection,
    a: &Advisor,
    kept: Option<&str>,
) -> anyhow::Result<()> {
    if kept != Some(a.code.as_str())
        && let Some((_, code, name)) = store::taken(conn, "code", &a.code, a.id)?
    {
        return Err(crate::invalid!(
            "--code：编码 {code} 已属于 {name}",
            "--code: code {code} already belongs to {name}"
        ));
    }
    if let Some(id_number) = &a.id_number
        && let Some((_, code, name)) = store::taken(conn, "id_number", id_number, a.id)?
    {
        let masked = idcard::mask(id_number);
        return Err(crate::invalid!(
            "--id-number：身份证号 {masked} 已登记在 {name}（{code}）名下；同一人请用 roster advisor edit {code}",
            "--id-number: ID number {masked} is already on the roster as {name} ({code}); for the same person use `roster advisor edit {code}`",
        ));
    }
    Ok(())
}

fn add(ctx: &Ctx, f: &AdvisorFields) -> anyhow::Result<()> {
    let mut advisor = Advisor::default();
    apply(&ctx.env, f, &mut advisor, true)?;
    let id = ctx.write(|tx| {
        if advisor.code.is_empty() {
            advisor.code = store::next_code(tx)?;
        }
        check_unique(tx, &advisor, None)?;
        let id = store::insert(tx, &advisor, &now_stamp())?;
        tx.audit(
            "advisor",
            id,
            "add",
            None,
            Some(&tx.snapshot("advisors", id)?),
        )?;
        Ok(id)
    })?;
    let (code, name) = (&advisor.code, &advisor.name);
    crate::output::print_done(
        &ctx.env,
        &crate::tr!(
            "已添加专家 {name}（{code}）",
            "added advisor {name} ({code})"
        ),
        "advisor",
        id,
        Some(code),
    )
}

fn edit(ctx: &Ctx, args: &AdvisorEditArgs) -> anyhow::Result<()> {
    let advisor = ctx.write(|tx| {
        let found = resolve::advisor(tx, &ctx.env, "ADVISOR", &args.advisor)?;
        let mut advisor = store::get(tx, found.id)?;
        let old_tier = advisor.tier.clone();
        apply(&ctx.env, &args.fields, &mut advisor, false)?;
        check_unique(tx, &advisor, Some(&found.code))?;
        let before = tx.snapshot("advisors", advisor.id)?;
        let now = now_stamp();
        store::update(tx, &advisor, &now)?;
        store::record_tier(
            tx,
            advisor.id,
            old_tier.as_deref(),
            advisor.tier.as_deref(),
            &crate::input::date::iso(ctx.env.today),
            &now,
        )?;
        let after = tx.snapshot("advisors", advisor.id)?;
        if super::panel::changed(&before, &after) {
            tx.audit("advisor", advisor.id, "edit", Some(&before), Some(&after))?;
        }
        Ok(advisor)
    })?;
    let (code, name) = (&advisor.code, &advisor.name);
    crate::output::print_done(
        &ctx.env,
        &crate::tr!(
            "已更新专家 {name}（{code}）",
            "updated advisor {name} ({code})"
        ),
        "advisor",
        advisor.id,
        Some(code),
    )
}
