//! `appointment review`: one appointment's review step, and the yearly
//! roster adjustment (seed 004 二: 建立健全专家人才名单动态调整
//! 机制……原则上每年进行1次调整补充). `appointment review --year Y` lists the
//! year's roster for it (`read.rs`) and says whether it is recorded;
//! `--done` records that the year's adjustment was made — once a year,
//! audited — and `--void --reason` voids a record made in error. `due`
//! reminds of a year not recorded where the office asks for it
//! (`due.roster_review_month`).

use chrono::NaiveDate;

use super::step_input;
use crate::cli::appointment::{ReviewArgs, StepArgs};
use crate::commands::void::{Voidable, void_record};
use crate::context::{Ctx, now_stamp};
use crate::input::date;
use crate::output::{print_done, print_note};
use crate::store::roster_review::{self as store, Review};

/// `appointment review`: one appointment's review step (审核), or with
/// `--year` the yearly adjustment: its listing, `--done`, `--void`.
pub fn review(ctx: &Ctx, args: &ReviewArgs) -> anyhow::Result<()> {
    match (args.id, &args.year) {
        (_, Some(year)) if args.done => done(ctx, year, args),
        (_, Some(year)) if args.void => void(ctx, year, args),
        (_, Some(_)) if args.reason.is_some() => Err(crate::invalid!(
            "--reason：只与 --void 同用（作废已记录的年度调整）；记录调整完成请用 --done",
            "--reason: only with --void (voiding a recorded adjustment); to record the adjustment as made use --done"
        )),
        (_, Some(year)) => {
            super::read::year_review(ctx, year, args.panel.as_deref())?;
            state_note(ctx, year)
        }
        (Some(_), None) if args.done || args.void || args.reason.is_some() => {
            let flag = if args.done {
                "--done"
            } else if args.void {
                "--void"
            } else {
                "--reason"
            };
            Err(crate::invalid!(
                "{flag}：只用于名单年度调整（--year）；一项聘任的审核不用此项，如：roster appointment review --year 2026 {flag}",
                "{flag}: only for the yearly roster adjustment (--year), not one appointment's review; e.g. roster appointment review --year 2026 {flag}"
            ))
        }
        (Some(id), None) => {
            let step_args = StepArgs {
                id,
                date: args.date.clone(),
                reference: args.reference.clone(),
                note: args.note.clone(),
            };
            super::step(ctx, &step_args, "reviewed", |_, _, _, _| Ok(()))
        }
        (None, None) => Err(crate::invalid!(
            "缺少必填项：ID 或 --year",
            "missing required values: ID or --year"
        )),
    }
}

/// `--year Y --done`: records the year's adjustment as made.
pub fn done(ctx: &Ctx, year: &str, args: &ReviewArgs) -> anyhow::Result<()> {
    let year = date::parse_year("--year", year)?;
    whole_office(args)?;
    if args.reason.is_some() {
        return Err(crate::invalid!(
            "--reason：只用于作废记录（--void）；记录调整的依据请用 --reference，说明用 --note",
            "--reason: only for voiding a record (--void); give the adjustment's decision with --reference and any remark with --note"
        ));
    }
    let input = step_input(
        ctx,
        args.date.as_deref(),
        args.reference.as_deref(),
        args.note.as_deref(),
    )?;
    check_date(input.date, year, ctx.today())?;
    let on = date::iso(input.date);
    let id = ctx.write(|tx| {
        if let Some(recorded) = store::of_year(tx, year)? {
            return Err(already(&recorded));
        }
        let id = store::insert(
            tx,
            year,
            &on,
            input.reference.as_deref(),
            input.note.as_deref(),
            &ctx.env.operator,
            &now_stamp(),
        )?;
        let after = tx.snapshot("roster_reviews", id)?;
        tx.audit("roster_review", id, "add", None, Some(&after))?;
        Ok(id)
    })?;
    print_done(
        &ctx.env,
        &crate::tr!(
            "已记录 {year} 年度专家名单调整补充（{on}，记录 #{id}）",
            "recorded the {year} roster adjustment (made {on}, record #{id})"
        ),
        "roster_review",
        id,
        None,
    )
}

/// `--year Y --void --reason R`: voids the year's record made in error.
pub fn void(ctx: &Ctx, year: &str, args: &ReviewArgs) -> anyhow::Result<()> {
    let year = date::parse_year("--year", year)?;
    whole_office(args)?;
    let Some(recorded) = ctx.read(|conn| store::of_year(conn, year))? else {
        return Err(crate::invalid!(
            "--void：{year} 年度没有已记录的名单调整可作废",
            "--void: no roster adjustment is recorded for {year}, so there is none to void"
        ));
    };
    let what = Voidable {
        table: "roster_reviews",
        entity: "roster_review",
        zh: "名单年度调整记录",
        en: "roster adjustment record",
        list: "log --entity roster_review",
        stamped: false,
    };
    void_record(ctx, &what, recorded.id, args.reason.as_deref(), |_| Ok(()))
}

/// After the year's listing, for a person reading it: whether the year's
/// adjustment is recorded, and how to record it.
pub fn state_note(ctx: &Ctx, year: &str) -> anyhow::Result<()> {
    let year = date::parse_year("--year", year)?;
    let note = match ctx.read(|conn| store::of_year(conn, year))? {
        Some(r) => {
            let (on, id) = (r.done_on, r.id);
            crate::tr!(
                "{year} 年度名单调整补充已于 {on} 记录（#{id}）。",
                "The {year} roster adjustment was recorded as made on {on} (#{id})."
            )
        }
        None => crate::tr!(
            "{year} 年度名单调整补充尚未记录；调整完成后：roster appointment review --year {year} --done --reference …",
            "The {year} roster adjustment is not recorded yet; once made: roster appointment review --year {year} --done --reference …"
        ),
    };
    print_note(&ctx.env, &note)
}

/// The adjustment is the office's list, not one panel's.
fn whole_office(args: &ReviewArgs) -> anyhow::Result<()> {
    if args.panel.is_some() {
        return Err(crate::invalid!(
            "--panel：名单年度调整按全办记录，不分顾问团；请去掉 --panel",
            "--panel: the roster adjustment is recorded for the whole office, not per panel; drop --panel"
        ));
    }
    Ok(())
}

/// Made in its year or later, and not after today.
fn check_date(on: NaiveDate, year: i32, today: NaiveDate) -> anyhow::Result<()> {
    let (shown, now) = (date::iso(on), date::iso(today));
    if on > today {
        return Err(crate::invalid!(
            "--date：{shown} 晚于今天（{now}）；只能记录已完成的调整",
            "--date: {shown} is after today ({now}); only an adjustment already made is recorded"
        ));
    }
    if chrono::Datelike::year(&on) < year {
        return Err(crate::invalid!(
            "--date：{shown} 早于 {year} 年；{year} 年度的调整在 {year}-01-01 当天或之后完成，请核对 --year 或 --date",
            "--date: {shown} is before {year}; the {year} adjustment is made on {year}-01-01 or later — check --year or --date"
        ));
    }
    Ok(())
}

/// The refusal of a second record for a year, naming the first.
fn already(r: &Review) -> anyhow::Error {
    let (year, on, id, by) = (r.year, &r.done_on, r.id, &r.operator);
    let basis = r
        .reference
        .as_deref()
        .or(r.note.as_deref())
        .map(|b| format!("，{b}"))
        .unwrap_or_default();
    let basis_en = r
        .reference
        .as_deref()
        .or(r.note.as_deref())
        .map(|b| format!(", {b}"))
        .unwrap_or_default();
    crate::refused!(
        "{year} 年度名单调整补充已于 {on} 记录（#{id}，{by}{basis}），每年一次；如记录有误，先作废：roster appointment review --year {year} --void --reason …",
        "the {year} roster adjustment is already recorded as made on {on} (#{id}, by {by}{basis_en}), once a year; if that record is wrong, void it first: roster appointment review --year {year} --void --reason …"
    )
}
