//! Changing an expense on file: `expense pay` attaches its voucher (once,
//! not to a void one, not before its date), `expense void` withdraws it
//! with a reason (not in a confirmed year).

use super::{check_voucher_free, existing, voucher};
use crate::cli::expense::{ExpensePayArgs, ExpenseVoidArgs};
use crate::context::{Ctx, now_stamp};
use crate::i18n::pick;
use crate::input::Form;
use crate::output::print_done;
use crate::store::expense as store;

pub(super) fn pay(ctx: &Ctx, args: &ExpensePayArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let number = form.value(
        "--voucher",
        pick("凭证号", "voucher number"),
        args.voucher.as_deref(),
        voucher,
    )?;
    form.finish()?;
    let id = args.id;
    ctx.write(|tx| {
        let expense = existing(tx, id)?;
        if expense.voided_at.is_some() {
            return Err(crate::refused!(
                "经费 #{id} 已作废，不能支付",
                "expense #{id} is void and cannot be paid"
            ));
        }
        if let Some(held) = &expense.voucher_no {
            return Err(crate::refused!(
                "经费 #{id} 已凭凭证“{held}”支付",
                "expense #{id} is already paid (voucher \"{held}\")"
            ));
        }
        // As at `expense add`: money is paid for what has happened.
        let today = crate::input::date::iso(ctx.today());
        if expense.on_date > today {
            let on = &expense.on_date;
            return Err(crate::refused!(
                "经费 #{id} 的日期 {on} 晚于今天（{today}），到期发生后再登记凭证",
                "expense #{id} is dated {on}, after today ({today}); add its voucher once it has happened",
            ));
        }
        check_voucher_free(tx, &number)?;
        let before = tx.snapshot("expenses", id)?;
        store::set_voucher(tx, id, &number, &now_stamp())?;
        tx.audit(
            "expense",
            id,
            "pay",
            Some(&before),
            Some(&tx.snapshot("expenses", id)?),
        )
    })?;
    print_done(
        &ctx.env,
        &crate::tr!(
            "经费 #{id} 已支付，凭证号 {number}",
            "expense #{id} paid, voucher {number}"
        ),
        "expense",
        id,
        None,
    )
}

pub(super) fn void(ctx: &Ctx, args: &ExpenseVoidArgs) -> anyhow::Result<()> {
    let what = crate::commands::void::Voidable {
        table: "expenses",
        entity: "expense",
        zh: "经费",
        en: "expense",
        list: "expense list",
        stamped: true,
    };
    let id = args.id;
    crate::commands::void::void_record(ctx, &what, id, args.reason.as_deref(), |tx| {
        let expense = existing(tx, id)?;
        crate::store::assess::check_open_expense(
            tx,
            &expense.on_date,
            expense.advisor_id,
            expense.category == "subsidy",
        )
    })
}
