//! `ledger`: one advisor's work ledger (工作台账, seed 002 part 7(1)5),
//! export only — the same rows as `report ledger ADVISOR [--year Y]`, in
//! date order: appointments, activities with attendance and opinions,
//! advice with its outcome, contacts, recusals, needs matched (seed 003)
//! and expenses. `--advisor` is
//! required. The rows are gathered by `report ledger`'s own code
//! (`Query::computed`).

use crate::commands::report::ledger::{COLUMNS, ledger_rows};
use crate::input::date;
use crate::transfer::{Dataset, Filter, Query, Selection};

pub static DATASET: Dataset = Dataset {
    name: "ledger",
    zh: "专家工作台账（一位专家，须 --advisor）",
    en: "one advisor's work ledger (needs --advisor)",
    columns: COLUMNS,
    required: &[],
    filters: &[Filter::Advisor, Filter::Year],
    export,
    import: None,
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let advisor = sel.advisor()?.ok_or_else(|| {
        crate::invalid!(
            "--advisor：工作台账是一位专家的，请用 --advisor 指明（编号、编码或姓名）",
            "--advisor: a ledger is one advisor's; name them with --advisor (id, code or name)"
        )
    })?;
    let rows = ledger_rows(sel.conn, advisor, sel.year()?, &date::iso(sel.env.today))?;
    Query::computed(sel.conn, COLUMNS.len(), &rows.rows)
}
