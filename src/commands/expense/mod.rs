//! `roster expense`: recording an expense (this file: `add`; the panel it
//! is booked to and the service rules, `service.rs`), paying or voiding one
//! on file (`settle.rs`), reading them (`read.rs`) and the yearly stipend
//! run (`stipend.rs`).
//!
//! An expense is checked before it is written: the advisor must serve on
//! its date (a stipend or subsidy: in its year), every budget line it falls under must have room (seed 001 art. 14),
//! and a controlled category needs a budget line naming it. `--override
//! "reason"` records a deliberate exception; the reason stays on the record.

pub(crate) mod read;
mod service;
mod settle;
mod stipend;

use chrono::Datelike;

use super::budget::caps;
use crate::cli::expense::{ExpenseAddArgs, ExpenseCommand};
use crate::context::{Ctx, Env, Tx, now_stamp};
use crate::domain::budget::Charge;
use crate::i18n::pick;
use crate::input::{Form, date, money, resolve, text};
use crate::labels::EXPENSE_CATEGORY;
use crate::output::print_done;
use crate::store::expense::{self as store, Expense};

/// Longest voucher number accepted.
const VOUCHER_MAX: usize = 64;

pub fn run(ctx: &Ctx, cmd: ExpenseCommand) -> anyhow::Result<()> {
    match cmd {
        ExpenseCommand::Add(args) => add(ctx, &args),
        ExpenseCommand::List(args) => read::list(ctx, &args),
        ExpenseCommand::Show(args) => read::show(ctx, args.id),
        ExpenseCommand::Pay(args) => settle::pay(ctx, &args),
        ExpenseCommand::Void(args) => settle::void(ctx, &args),
        ExpenseCommand::PayStipends(args) => stipend::pay_stipends(ctx, &args),
    }
}

/// A voucher number as typed.
pub(super) fn voucher(input: &str) -> anyhow::Result<String> {
    text::required("--voucher", input, VOUCHER_MAX)
}

/// An override reason as typed (none when empty).
pub(crate) fn override_reason(given: Option<&str>) -> anyhow::Result<Option<String>> {
    Ok(given
        .map(|s| text::line("--override", s, text::LINE_MAX))
        .transpose()?
        .filter(|s| !s.is_empty()))
}

/// Refuses a voucher number another live expense already carries.
pub(super) fn check_voucher_free(tx: &Tx, voucher: &str) -> anyhow::Result<()> {
    if let Some(holder) = store::voucher_holder(tx, voucher)? {
        return Err(crate::invalid!(
            "--voucher：凭证号“{voucher}”已用于经费 #{holder}；凭证号不能重复",
            "--voucher: voucher \"{voucher}\" is already on expense #{holder}; voucher numbers are unique",
        ));
    }
    Ok(())
}

/// The expense #`id`, or an error naming it.
pub(super) fn existing(tx: &Tx, id: i64) -> anyhow::Result<Expense> {
    store::find(tx, id)?.ok_or_else(|| {
        crate::invalid!(
            "找不到经费 #{id}；可用 roster expense list 查看",
            "no expense #{id}; see `roster expense list`"
        )
    })
}

/// A panel's lead unit (the default payer).
pub(crate) fn lead_unit(tx: &Tx, panel_id: Option<i64>) -> anyhow::Result<Option<String>> {
    match panel_id {
        Some(id) => Ok(crate::store::panel::get(tx, id)?.lead_unit),
        None => Ok(None),
    }
}

/// An expense as typed, validated before the transaction.
pub(crate) struct Typed {
    pub category: &'static str,
    pub amount: i64,
    pub on: String,
    pub year: i32,
    pub voucher: Option<String>,
    pub payer: Option<String>,
    pub note: Option<String>,
    pub activity: Option<i64>,
    pub override_reason: Option<String>,
}

/// Validates `expense add`'s values (--category and --amount required,
/// asked for at a terminal; the date defaults to today).
pub(crate) fn parse(env: &Env, args: &ExpenseAddArgs) -> anyhow::Result<Typed> {
    let mut form = Form::new(env);
    let category = form.choice("--category", &EXPENSE_CATEGORY, args.category.as_deref())?;
    let amount = form.value(
        "--amount",
        pick("金额（元）", "amount (yuan)"),
        args.amount.as_deref(),
        |s| money::parse("--amount", s, false),
    )?;
    form.finish()?;
    let on = match args.date.as_deref() {
        Some(d) => date::parse("--date", d, env.today)?,
        None => env.today,
    };
    // A voucher is money that has left the account: not on a day to come
    // (a commitment for later is recorded without one, and paid then).
    if on > env.today && args.voucher.is_some() {
        let (shown, today) = (date::iso(on), date::iso(env.today));
        return Err(crate::invalid!(
            "--date：{shown} 晚于今天（{today}），不能是已凭凭证支付的日期；尚未支付的支出请不加 --voucher 记录，支付后再用 roster expense pay 登记凭证",
            "--date: {shown} is after today ({today}), so it cannot have been paid with a voucher; record a payment still to come without --voucher and add the voucher with roster expense pay once paid",
        ));
    }
    Ok(Typed {
        category,
        amount,
        on: date::iso(on),
        year: on.year(),
        voucher: args.voucher.as_deref().map(voucher).transpose()?,
        payer: args
            .payer
            .as_deref()
            .map(|s| text::line("--payer", s, text::LINE_MAX))
            .transpose()?
            .filter(|s| !s.is_empty()),
        note: args
            .note
            .as_deref()
            .map(|s| text::note("--note", s))
            .transpose()?
            .filter(|s| !s.is_empty()),
        activity: args
            .activity
            .as_deref()
            .map(|s| super::number("--activity", s, 1..=999_999_999_999))
            .transpose()?,
        override_reason: override_reason(args.override_reason.as_deref())?,
    })
}

/// Records an expense for `advisor` (no audit row: the caller writes it):
/// the year open, the panel it is booked to (`panel`, or the one served
/// that day), the activity it belongs to, the voucher free, a stipend once
/// a year, and every budget and service rule kept unless overridden (seed
/// 001 art. 14). `id` keeps an imported number. Returns the id and the
/// exceptions recorded.
pub(crate) fn record(
    tx: &Tx,
    advisor: &resolve::Found,
    panel: Option<&str>,
    t: &Typed,
    id: Option<i64>,
    mut tally: Option<&mut caps::Tally>,
) -> anyhow::Result<(i64, Vec<String>)> {
    let (on, year, category, amount) = (&t.on, t.year, t.category, t.amount);
    crate::store::assess::check_open_expense(tx, on, advisor.id, category == "subsidy")?;
    let mut exceptions = Vec::new();
    let panel_id =
        service::booked_panel(tx, advisor, panel, (on, year, category), &mut exceptions)?;
    if let Some(activity) = t.activity {
        match store::activity_voided(tx, activity)? {
            None => {
                return Err(crate::invalid!(
                    "--activity：找不到活动 #{activity}",
                    "--activity: no activity #{activity}"
                ));
            }
            Some(true) => {
                return Err(crate::refused!(
                    "--activity：活动 #{activity} 已作废，不能关联经费",
                    "--activity: activity #{activity} is void; an expense cannot be linked to it"
                ));
            }
            Some(false) => {}
        }
    }
    if let Some(v) = &t.voucher {
        check_voucher_free(tx, v)?;
    }
    let stipend_year = (category == "stipend").then_some(i64::from(year));
    if stipend_year.is_some()
        && let Some(other) = store::stipend_of(tx, advisor.id, year)?
    {
        let other = other.id;
        return Err(crate::refused!(
            "{year} 年的聘金已记录（经费 #{other}）；聘金每年只付一次，如有误请先作废该笔",
            "the {year} stipend is already recorded (expense #{other}); a stipend is paid once a year: void that one first if it is wrong",
        ));
    }
    let controlled = crate::store::budget::controlled(tx)?
        .iter()
        .any(|c| c == category);
    let charge = Charge {
        panel_id,
        category,
        amount_fen: amount,
    };
    exceptions.extend(match tally.as_deref_mut() {
        Some(tally) => {
            let lines = tally.lines(tx, year)?;
            caps::exceptions_against(tx, year, &charge, controlled, lines)?
        }
        None => caps::exceptions(tx, year, &charge, controlled)?,
    });
    match (&t.override_reason, exceptions.is_empty()) {
        (None, false) => return Err(caps::refusal(&exceptions)),
        (Some(_), true) => {
            return Err(crate::invalid!(
                "--override：这笔经费不违反任何预算或在聘规则，无需例外；请去掉 --override",
                "--override: this expense breaks no budget or service rule, so there is nothing to override; remove --override",
            ));
        }
        _ => {}
    }
    let payer_unit = match &t.payer {
        Some(p) => Some(p.clone()),
        None => lead_unit(tx, panel_id)?,
    };
    let expense = Expense {
        id: id.unwrap_or(0),
        advisor_id: advisor.id,
        panel_id,
        on_date: on.clone(),
        category: category.to_string(),
        amount_fen: amount,
        payer_unit,
        voucher_no: t.voucher.clone(),
        activity_id: t.activity,
        controlled,
        override_reason: t.override_reason.clone(),
        stipend_year,
        note: t.note.clone(),
        ..Expense::default()
    };
    let id = store::insert(tx, &expense, &now_stamp())?;
    if let Some(tally) = tally {
        tally.add(year, &charge, t.voucher.is_some());
    }
    Ok((id, exceptions))
}

fn add(ctx: &Ctx, args: &ExpenseAddArgs) -> anyhow::Result<()> {
    let typed = parse(&ctx.env, args)?;
    let (id, advisor, exceptions) = ctx.write(|tx| {
        let advisor = resolve::advisor(tx, &ctx.env, "ADVISOR", &args.advisor)?;
        let (id, exceptions) = record(tx, &advisor, args.panel.as_deref(), &typed, None, None)?;
        tx.audit(
            "expense",
            id,
            "add",
            None,
            Some(&tx.snapshot("expenses", id)?),
        )?;
        Ok((id, advisor, exceptions))
    })?;
    let (category, amount, voucher) = (typed.category, typed.amount, &typed.voucher);
    let label = EXPENSE_CATEGORY.label(category);
    let yuan = money::grouped(amount);
    let name = &advisor.name;
    let status = if voucher.is_some() {
        pick("已支付", "paid")
    } else {
        pick("待支付，尚无凭证", "awaiting its voucher")
    };
    let mut message = crate::tr!(
        "已记录经费 #{id}：{name} {label} {yuan} 元（{status}）",
        "recorded expense #{id}: {name}, {label}, {yuan} yuan ({status})"
    );
    if !exceptions.is_empty() {
        let list = exceptions.join(pick("；", "; "));
        message.push_str(&crate::tr!(
            "\n已按 --override 记录例外：{list}",
            "\nrecorded as an exception (--override): {list}"
        ));
    }
    print_done(&ctx.env, &message, "expense", id, None)
}
