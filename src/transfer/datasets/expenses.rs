//! `expenses`: money paid to and for advisors, in yuan, with `expense
//! list`'s status (paid, awaiting its voucher, voided; `--status all` for
//! every one, voided ones left out by default). Imported through `expense
//! add`'s own rules (`parse`, `record`): the year open, the advisor serving
//! that year, every budget cap and controlled category kept (seed 001 art.
//! 14) unless the row carries the reason of an approved exception, vouchers
//! unique, a stipend once a year. Rows are checked in file order against
//! what the rows before them spent (kept in a `caps::Tally`, not summed
//! again for each row). Whether a category is controlled is
//! read from the office's settings, not from the file; a voided expense
//! cannot be imported.

use rusqlite::types::Value;

use crate::cli::expense::ExpenseAddArgs;
use crate::commands::budget::caps::Tally;
use crate::commands::expense::read::STATUS;
use crate::commands::expense::{parse, record};
use crate::context::Tx;
use crate::input::resolve::ADVISOR;
use crate::labels::{EXPENSE_CATEGORY, EXPENSE_STATUS};
use crate::output::{Kind, col};
use crate::store::Filter as Where;
use crate::transfer::{
    Dataset, Filter, ImportSettings, Names, Number, Numbers, Outcome, Query, Row, RowHandler,
    Selection, person,
};

pub static DATASET: Dataset = Dataset {
    name: "expenses",
    zh: "经费",
    en: "expenses",
    columns: &[
        col("id", "编号", "id", Kind::Int),
        col("date", "日期", "date", Kind::Date),
        col("advisor", "专家编码", "advisor code", Kind::Text),
        col("advisor_name", "姓名", "name", Kind::Text),
        col("panel", "顾问团", "panel", Kind::Text),
        col(
            "category",
            "类别",
            "category",
            Kind::Enum(&EXPENSE_CATEGORY),
        ),
        col("amount", "金额(元)", "amount (yuan)", Kind::Money),
        col("payer", "付款单位", "payer", Kind::Text),
        col("voucher", "凭证号", "voucher", Kind::Text),
        col("activity", "活动编号", "activity", Kind::Int),
        col("controlled", "严控", "controlled", Kind::Bool),
        col("override", "例外原因", "override reason", Kind::Text),
        col("note", "备注", "note", Kind::Text),
        col("status", "状态", "status", Kind::Enum(&EXPENSE_STATUS)),
    ],
    required: &["date", "category", "amount"],
    filters: &[
        Filter::Year,
        Filter::Panel,
        Filter::Advisor,
        Filter::Kind,
        Filter::Status,
        Filter::From,
        Filter::To,
    ],
    export,
    import: Some(start),
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let mut filter = Where::default();
    sel.dates(&mut filter, "e.on_date")?;
    if let Some(panel) = sel.panel()? {
        filter.add("e.panel_id = ?", [Value::Integer(panel)]);
    }
    if let Some(advisor) = sel.advisor()? {
        filter.add("e.advisor_id = ?", [Value::Integer(advisor)]);
    }
    if let Some(category) = sel.kind(&EXPENSE_CATEGORY)? {
        filter.add("e.category = ?", [Value::Text(category.to_string())]);
    }
    // As `expense list --status`: all, one status, or (default) every live one.
    match sel.filters.status.as_deref().map(str::trim) {
        Some(s) if s.eq_ignore_ascii_case("all") || s == "全部" => {}
        Some(s) => filter.add(
            format!("({STATUS}) = ?"),
            [Value::Text(
                EXPENSE_STATUS.parse("--status", s)?.to_string(),
            )],
        ),
        None => filter.add("e.voided_at IS NULL", []),
    }
    Ok(Query {
        sql: format!(
            "SELECT e.id, e.on_date, a.code, a.name, p.name, e.category, e.amount_fen, e.payer_unit, e.voucher_no,
                e.activity_id, e.controlled, e.override_reason, e.note, {STATUS}
             FROM expenses e JOIN advisors a ON a.id = e.advisor_id LEFT JOIN panels p ON p.id = e.panel_id{}
             ORDER BY e.id",
            filter.sql()
        ),
        params: filter.params,
    })
}

struct Expenses {
    settings: ImportSettings,
    advisors: Names,
    numbers: Numbers,
    /// The budget lines' usage, kept as rows are recorded.
    tally: Tally,
}

fn start(tx: &Tx, settings: &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>> {
    settings.refuse_update("expenses")?;
    Ok(Box::new(Expenses {
        settings: settings.clone(),
        advisors: Names::load(tx, &ADVISOR)?,
        numbers: Numbers::load(tx, "expenses")?,
        tally: Tally::default(),
    }))
}

impl RowHandler for Expenses {
    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        let env = &self.settings.env;
        let id = match self.numbers.claim(tx, "--id", row.value("id"), row.line)? {
            Number::New(id) => id,
            Number::OnFile(id) => {
                return self
                    .settings
                    .duplicate("--id", &crate::tr!("经费 #{id}", "expense #{id}"));
            }
        };
        let advisor = person(
            &self.advisors,
            tx,
            env,
            "--advisor",
            row.value("advisor"),
            row.value("advisor_name"),
        )?
        .ok_or_else(|| {
            crate::invalid!(
                "--advisor：请填写专家编码或姓名",
                "--advisor: give the advisor's code or name"
            )
        })?;
        // The status is what the voucher makes it; it is read only to refuse
        // what an import cannot record.
        if let Some(status) = row.value("status") {
            let status = EXPENSE_STATUS.parse("--status", status)?;
            let paid = row.value("voucher").is_some();
            if status == "voided" {
                return Err(crate::invalid!(
                    "--status：已作废的经费不能导入；请删去这一行",
                    "--status: a voided expense cannot be imported; leave the row out"
                ));
            }
            if (status == "paid") != paid {
                return Err(crate::invalid!(
                    "--status：已支付的经费须有凭证号，待支付的没有；请核对状态与凭证号",
                    "--status: a paid expense has a voucher and one awaiting payment has none; check the status against the voucher"
                ));
            }
        }
        let args = ExpenseAddArgs {
            advisor: advisor.code.clone(),
            date: row.flag("date"),
            category: row.flag("category"),
            amount: row.flag("amount"),
            panel: row.flag("panel"),
            payer: row.flag("payer"),
            voucher: row.flag("voucher"),
            activity: row.flag("activity"),
            note: row.flag("note"),
            override_reason: row.flag("override"),
        };
        let typed = parse(env, &args)?;
        record(
            tx,
            advisor,
            args.panel.as_deref(),
            &typed,
            Some(id),
            Some(&mut self.tally),
        )?;
        Ok(Outcome::Inserted)
    }
}
