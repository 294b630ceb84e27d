//! `roster expense pay-stipends --year Y`: one stipend payment (聘金) per
//! advisor serving that year who carries a stipend, their own or their
//! panel's (seed 002 part 6: 每人每年30万元（税后）的聘金，按年支付) — per
//! year of service, so a part year is paid the share of it served
//! (`domain::budget::stipend_for`). An advisor whose term has not begun on
//! the payment date is left for a later run; run twice, it pays nobody
//! twice (the `expenses_stipend_once` index backs this up). Each payment
//! awaits its voucher (`expense pay`) before it counts as paid (seed 002:
//! 拨付凭证报备案).

use chrono::{Datelike, NaiveDate};

use super::{lead_unit, override_reason};
use crate::cli::expense::PayStipendsArgs;
use crate::commands::budget::caps;
use crate::context::{Ctx, now_stamp};
use crate::domain::budget::{Charge, Service, Stipend, stipend_for};
use crate::i18n::pick;
use crate::input::{Form, date, money};
use crate::labels::{EXPENSE_STATUS, STIPEND_OUTCOME, STIPEND_SOURCE};
use crate::output::{Cell, Doc, Kind, RowSet, col, print_doc};
use crate::store::expense::{self as store, Expense};

/// The payment date: as given (it must fall in the year), else today when
/// today is in the year, else the year's last day (past) or first (future).
fn payment_date(given: Option<&str>, year: i32, today: NaiveDate) -> anyhow::Result<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| anyhow::anyhow!("year {year} has no first day"))?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31)
        .ok_or_else(|| anyhow::anyhow!("year {year} has no last day"))?;
    match given {
        Some(text) => {
            let on = date::parse("--date", text, today)?;
            if on.year() != year {
                let on = date::iso(on);
                return Err(crate::invalid!(
                    "--date：{on} 不在 {year} 年内；聘金的日期须在所付年度内",
                    "--date: {on} is not in {year}; a stipend is dated in the year it pays for",
                ));
            }
            Ok(on)
        }
        None if today.year() == year => Ok(today),
        None if today.year() > year => Ok(last),
        None => Ok(first),
    }
}

pub fn pay_stipends(ctx: &Ctx, args: &PayStipendsArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let year = form.value(
        "--year",
        pick("年度", "year"),
        args.year.as_deref(),
        |s| date::parse_year("--year", s),
    )?;
    form.finish()?;
    let on = payment_date(args.date.as_deref(), year, ctx.today())?;
    let payer = args
        .payer
        .as_deref()
        .map(|s| crate::input::text::line("--payer", s, crate::input::text::LINE_MAX))
        .transpose()?
        .filter(|s| !s.is_empty());
    let reason = override_reason(args.override_reason.as_deref())?;
    let mut rows = RowSet::new(vec![
        col("advisor_code", "专家编码", "advisor code", Kind::Text),
        col("advisor", "姓名", "advisor", Kind::Text),
        col("panel", "顾问团", "panel", Kind::Text),
        col("source", "聘金来源", "source", Kind::Enum(&STIPEND_SOURCE)),
        col("yearly", "年聘金", "yearly stipend", Kind::Money),
        col("served_days", "本年在任天数", "days served", Kind::Int),
        col("amount", "金额", "amount", Kind::Money),
        col("expense", "经费编号", "expense", Kind::Int),
        col("date", "日期", "date", Kind::Date),
        col("outcome", "结果", "outcome", Kind::Enum(&STIPEND_OUTCOME)),
        col("status", "支付状态", "status", Kind::Enum(&EXPENSE_STATUS)),
        col("voucher", "凭证号", "voucher", Kind::Text),
        col("note", "说明", "note", Kind::Text),
    ]);
    let mut tally = Tally::default();
    ctx.write(|tx| {
        let controlled = crate::store::budget::controlled(tx)?
            .iter()
            .any(|c| c == "stipend");
        for (advisor_id, code, name, personal, services) in store::serving_in_year(tx, year, None)?
        {
            let plain: Vec<Service> = services.iter().map(|s| s.service.clone()).collect();
            let Some(stipend) = stipend_for(personal, &plain, year) else {
                continue;
            };
            let panel_code = services
                .iter()
                .find(|s| Some(s.service.panel_id) == stipend.panel_id)
                .map(|s| s.panel_code.clone());
            let lead = |amount: Cell| -> Vec<Cell> {
                vec![
                    code.clone().into(),
                    name.clone().into(),
                    panel_code.clone().into(),
                    Cell::from(stipend.source.code()),
                    stipend.yearly_fen.into(),
                    stipend.served_days.into(),
                    amount,
                ]
            };
            if let Some(e) = store::stipend_of(tx, advisor_id, year)? {
                tally.existed += 1;
                let status = if e.voucher_no.is_some() {
                    "paid"
                } else {
                    "pending"
                };
                let note = existing_note(&e, &stipend, year);
                let mut row = lead(e.amount_fen.into());
                row.extend([
                    e.id.into(),
                    e.on_date.into(),
                    "existed".into(),
                    status.into(),
                    e.voucher_no.into(),
                    note.into(),
                ]);
                rows.push(row);
                continue;
            }
            if stipend.first_day > on {
                tally.waiting += 1;
                let begins = date::iso(stipend.first_day);
                let shown = date::iso(on);
                let note = crate::tr!(
                    "聘期 {begins} 才开始（付款日为 {shown}），未创建；聘期开始后再运行 roster expense pay-stipends --year {year}",
                    "the term begins on {begins}, after the payment date {shown}: nothing created; run `roster expense pay-stipends --year {year}` again once it has begun",
                );
                let mut row = lead(Cell::Null);
                row.extend([
                    Cell::Null,
                    Cell::Null,
                    "not_begun".into(),
                    Cell::Null,
                    Cell::Null,
                    note.into(),
                ]);
                rows.push(row);
                continue;
            }
            let charge = Charge {
                panel_id: stipend.panel_id,
                category: "stipend",
                amount_fen: stipend.amount_fen,
            };
            let exceptions = caps::exceptions(tx, year, &charge, controlled)?;
            if !exceptions.is_empty() && reason.is_none() {
                let amount = money::grouped(stipend.amount_fen);
                let lead = crate::tr!(
                    "{code} {name} 的 {year} 年聘金 {amount} 元",
                    "the {year} stipend of {code} {name} ({amount} yuan)"
                );
                let all: Vec<String> = exceptions.iter().map(|e| format!("{lead}: {e}")).collect();
                return Err(caps::refusal(&all));
            }
            let payer_unit = match &payer {
                Some(p) => Some(p.clone()),
                None => lead_unit(tx, stipend.panel_id)?,
            };
            let note = share_note(&stipend, year);
            let expense = Expense {
                advisor_id,
                panel_id: stipend.panel_id,
                on_date: date::iso(on),
                category: "stipend".to_string(),
                amount_fen: stipend.amount_fen,
                payer_unit,
                controlled,
                override_reason: (!exceptions.is_empty()).then(|| reason.clone()).flatten(),
                stipend_year: Some(i64::from(year)),
                note: note.clone(),
                ..Expense::default()
            };
            let id = store::insert(tx, &expense, &now_stamp())?;
            tx.audit(
                "expense",
                id,
                "add",
                None,
                Some(&tx.snapshot("expenses", id)?),
            )?;
            tally.created += 1;
            tally.created_fen += stipend.amount_fen;
            let mut row = lead(stipend.amount_fen.into());
            row.extend([
                id.into(),
                date::iso(on).into(),
                "created".into(),
                "pending".into(),
                Cell::Null,
                note.into(),
            ]);
            rows.push(row);
        }
        Ok(())
    })?;
    let Tally {
        created,
        created_fen,
        existed,
        waiting,
    } = tally;
    let total = money::grouped(created_fen);
    let mut summary = vec![crate::tr!(
        "{year} 年聘金（按本年在任天数折算，满一年为全额）：新建 {created} 笔，共 {total} 元（待凭证支付：roster expense pay 编号 --voucher 凭证号）；已有 {existed} 笔，未重复创建",
        "{year} stipends (the share of the year served; a whole year is the full stipend): {created} created, {total} yuan in all (each awaits its voucher: `roster expense pay ID --voucher NO`); {existed} already existed and were not created again",
    )];
    if waiting > 0 {
        summary.push(crate::tr!(
            "{waiting} 人的聘期在付款日尚未开始，未创建；聘期开始后再运行本命令，只补付尚未创建的聘金",
            "{waiting} advisors' terms had not begun by the payment date and nothing was created for them; run this again once they begin: it creates only the stipends not yet recorded",
        ));
    }
    let doc = Doc::default()
        .table("stipends", ("聘金", "Stipends"), rows)
        .lines("summary", ("小结", "Summary"), summary);
    print_doc(&ctx.env, &doc)
}

/// What a run counted.
#[derive(Default)]
struct Tally {
    created: i64,
    created_fen: i64,
    existed: i64,
    waiting: i64,
}

/// How a part year's stipend was prorated (none for a whole year).
fn share_note(stipend: &Stipend, year: i32) -> Option<String> {
    stipend.prorated().then(|| {
        let (days, all) = (stipend.served_days, stipend.year_days);
        let yearly = money::grouped(stipend.yearly_fen);
        crate::tr!(
            "{year} 年在任 {days}/{all} 天，按年聘金 {yearly} 元折算",
            "{days} of {all} days of {year} served: the share of the yearly {yearly} yuan",
        )
    })
}

/// The note on a stipend already recorded: how it was prorated, or that
/// the terms as they now stand owe another amount (a resignation or a
/// renewal recorded since) and how to correct it.
fn existing_note(e: &Expense, stipend: &Stipend, year: i32) -> Option<String> {
    if e.amount_fen == stipend.amount_fen {
        return share_note(stipend, year);
    }
    let (recorded, owed) = (
        money::grouped(e.amount_fen),
        money::grouped(stipend.amount_fen),
    );
    let (days, all, id) = (stipend.served_days, stipend.year_days, e.id);
    Some(crate::tr!(
        "已记录 {recorded} 元，按现在的聘期应为 {owed} 元（{year} 年在任 {days}/{all} 天）；如需更正，请作废该笔（roster expense void {id} --reason …）后再运行本命令",
        "{recorded} yuan recorded, but the terms as they stand now owe {owed} yuan ({days} of {all} days of {year}); to correct it, void it (`roster expense void {id} --reason …`) and run this again",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn payment_date_defaults_inside_the_year() {
        assert_eq!(
            payment_date(None, 2026, d(2026, 11, 20)).unwrap(),
            d(2026, 11, 20)
        );
        assert_eq!(
            payment_date(None, 2025, d(2026, 11, 20)).unwrap(),
            d(2025, 12, 31)
        );
        assert_eq!(
            payment_date(None, 2027, d(2026, 11, 20)).unwrap(),
            d(2027, 1, 1)
        );
        assert!(payment_date(Some("2026-01-05"), 2025, d(2026, 11, 20)).is_err());
    }
}
