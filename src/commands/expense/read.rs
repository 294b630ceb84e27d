//! Reading expenses: `list` (filtered) and `show` (one expense and the
//! budget lines it falls under now).

use chrono::Datelike;
use rusqlite::types::Value;

use crate::cli::expense::ExpenseListArgs;
use crate::commands::budget::{line_rows, year_or_this};
use crate::context::Ctx;
use crate::domain::budget::{Charge, applies};
use crate::input::{date, resolve};
use crate::labels::{EXPENSE_CATEGORY, EXPENSE_STATUS};
use crate::output::{Doc, Kind, RowSet, col, print_doc, print_rows};
use crate::store::{Filter, text};

/// The displayed status of expense `e`.
pub const STATUS: &str = "CASE WHEN e.voided_at IS NOT NULL THEN 'voided' \
    WHEN e.voucher_no IS NULL THEN 'pending' ELSE 'paid' END";

pub fn list(ctx: &Ctx, args: &ExpenseListArgs) -> anyhow::Result<()> {
    let rows = ctx.read(|conn| {
        let mut filter = Filter::default();
        if args.year.is_some() {
            let year = year_or_this(ctx, args.year.as_deref())?;
            filter.add(
                "e.on_date BETWEEN ? AND ?",
                [text(format!("{year:04}-01-01")), text(format!("{year:04}-12-31"))],
            );
        }
        if let Some(a) = &args.advisor {
            let a = resolve::advisor(conn, &ctx.env, "--advisor", a)?;
            filter.add("e.advisor_id = ?", [Value::Integer(a.id)]);
        }
        if let Some(p) = &args.panel {
            let p = resolve::panel(conn, &ctx.env, "--panel", p)?;
            filter.add("e.panel_id = ?", [Value::Integer(p.id)]);
        }
        if let Some(c) = &args.category {
            filter.add("e.category = ?", [text(EXPENSE_CATEGORY.parse("--category", c)?)]);
        }
        match args.status.as_deref().map(str::trim) {
            Some(s) if s.eq_ignore_ascii_case("all") || s == "全部" => {}
            Some(s) => filter.add(format!("({STATUS}) = ?"), [text(EXPENSE_STATUS.parse("--status", s)?)]),
            None => filter.add("e.voided_at IS NULL", []),
        }
        if args.overrides {
            filter.add("e.override_reason IS NOT NULL", []);
        }
        let sql = format!(
            "SELECT e.id, e.on_date, a.code, a.name, p.code, e.category, e.amount_fen, e.controlled,
                    {STATUS}, e.voucher_no, e.payer_unit, e.override_reason
             FROM expenses e JOIN advisors a ON a.id = e.advisor_id LEFT JOIN panels p ON p.id = e.panel_id
             {} ORDER BY e.on_date, e.id",
            filter.sql()
        );
        let columns = vec![
            col("id", "编号", "id", Kind::Int),
            col("date", "日期", "date", Kind::Date),
            col("advisor_code", "专家编码", "advisor code", Kind::Text),
            col("advisor", "姓名", "advisor", Kind::Text),
            col("panel", "顾问团", "panel", Kind::Text),
            col("category", "类别", "category", Kind::Enum(&EXPENSE_CATEGORY)),
            col("amount", "金额", "amount", Kind::Money),
            col("controlled", "严控", "controlled", Kind::Bool),
            col("status", "状态", "status", Kind::Enum(&EXPENSE_STATUS)),
            col("voucher", "凭证号", "voucher", Kind::Text),
            col("payer", "付款单位", "payer", Kind::Text),
            col("override", "例外原因", "override reason", Kind::Text),
        ];
        RowSet::query(conn, columns, &sql, rusqlite::params_from_iter(filter.params.iter()))
    })?;
    print_rows(&ctx.env, &rows)
}

pub fn show(ctx: &Ctx, id: i64) -> anyhow::Result<()> {
    let doc = ctx.read(|conn| {
        let columns = vec![
            col("id", "编号", "id", Kind::Int),
            col("date", "日期", "date", Kind::Date),
            col("advisor_code", "专家编码", "advisor code", Kind::Text),
            col("advisor", "姓名", "advisor", Kind::Text),
            col("panel", "顾问团", "panel", Kind::Text),
            col("category", "类别", "category", Kind::Enum(&EXPENSE_CATEGORY)),
            col("amount", "金额", "amount", Kind::Money),
            col("controlled", "严控", "controlled", Kind::Bool),
            col("status", "状态", "status", Kind::Enum(&EXPENSE_STATUS)),
            col("voucher", "凭证号", "voucher", Kind::Text),
            col("payer", "付款单位", "payer", Kind::Text),
            col("activity", "关联活动", "activity", Kind::Int),
            col("stipend_year", "聘金年度", "stipend year", Kind::Int),
            col("override", "例外原因", "override reason", Kind::Text),
            col("note", "备注", "note", Kind::Text),
            col("voided_at", "作废时间", "voided at", Kind::Text),
            col("void_reason", "作废原因", "void reason", Kind::Text),
            col("created_at", "记录时间", "recorded at", Kind::Text),
        ];
        let sql = format!(
            "SELECT e.id, e.on_date, a.code, a.name, p.code, e.category, e.amount_fen, e.controlled,
                    {STATUS}, e.voucher_no, e.payer_unit, e.activity_id, e.stipend_year, e.override_reason,
                    e.note, e.voided_at, e.void_reason, e.created_at
             FROM expenses e JOIN advisors a ON a.id = e.advisor_id LEFT JOIN panels p ON p.id = e.panel_id
             WHERE e.id = ?1"
        );
        let record = RowSet::query(conn, columns.clone(), &sql, [id])?;
        let Some(cells) = record.rows.into_iter().next() else {
            return Err(crate::invalid!(
                "找不到经费 #{id}；可用 roster expense list 查看",
                "no expense #{id}; see `roster expense list`"
            ));
        };
        let expense = crate::store::expense::find(conn, id)?
            .ok_or_else(|| anyhow::anyhow!("expense #{id} vanished"))?;
        let year = date::from_db(&expense.on_date)?.year();
        let charge = Charge {
            panel_id: expense.panel_id,
            category: &expense.category,
            amount_fen: expense.amount_fen,
        };
        let lines: Vec<_> = crate::store::budget::lines_with_usage(conn, year)?
            .into_iter()
            .filter(|(line, _)| applies(line, &charge))
            .collect();
        let lines = line_rows(conn, year, &lines)?;
        Ok(Doc::default()
            .record("expense", columns, cells)
            .table("budget", ("所属预算项（当前）", "Budget lines it falls under (now)"), lines))
    })?;
    print_doc(&ctx.env, &doc)
}
