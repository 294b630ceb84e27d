//! `roster report spending --year Y [--panel P]`: a year's live expenses
//! totalled per advisor, per panel and per category, each against its budget
//! line where there is one. Sums are of integer fen in SQL: exact.

use rusqlite::{Connection, params};

use crate::cli::report::SpendingArgs;
use crate::commands::budget::year_or_this;
use crate::context::Ctx;
use crate::domain::budget::Line;
use crate::input::resolve;
use crate::labels::{EXPENSE_CATEGORY, SPENDING_SCOPE};
use crate::output::{Cell, Column, Doc, Kind, RowSet, col, print_doc};

/// One group's totals: key, label, count, paid, committed.
type Group = (Option<String>, Option<String>, i64, i64, i64);

/// Totals of the year's live expenses (on `panel`, if given) grouped by `key`.
fn groups(
    conn: &Connection,
    year: i32,
    panel: Option<i64>,
    key: &str,
    label: &str,
    joins: &str,
    order: &str,
) -> anyhow::Result<Vec<Group>> {
    let sql = format!(
        "SELECT {key}, {label}, count(*),
                IFNULL(sum(CASE WHEN e.voucher_no IS NOT NULL THEN e.amount_fen END), 0),
                IFNULL(sum(CASE WHEN e.voucher_no IS NULL THEN e.amount_fen END), 0)
         FROM expenses e {joins}
         WHERE e.voided_at IS NULL AND e.on_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR e.panel_id = ?3)
         GROUP BY {key} ORDER BY {key} IS NULL, {order}"
    );
    let rows = conn
        .prepare(&sql)?
        .query_map(
            params![
                format!("{year:04}-01-01"),
                format!("{year:04}-12-31"),
                panel
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn money_columns(with_cap: bool) -> Vec<Column> {
    let mut columns = vec![
        col("count", "笔数", "count", Kind::Int),
        col("paid", "已支付", "paid", Kind::Money),
        col("committed", "待支付", "committed", Kind::Money),
        col("total", "合计", "total", Kind::Money),
    ];
    if with_cap {
        columns.push(col("cap", "预算上限", "cap", Kind::Money));
        columns.push(col("remaining", "剩余", "remaining", Kind::Money));
    }
    columns
}

/// Count, paid, committed, total and (when `with_cap`) cap and remaining.
fn money_cells(g: &Group, with_cap: bool, cap: Option<i64>) -> Vec<Cell> {
    let (count, paid, committed) = (g.2, g.3, g.4);
    let mut cells: Vec<Cell> = vec![
        count.into(),
        paid.into(),
        committed.into(),
        (paid + committed).into(),
    ];
    if with_cap {
        cells.push(cap.into());
        cells.push(cap.map(|c| c - paid - committed).into());
    }
    cells
}

fn cap_of(lines: &[Line], panel: Option<i64>, category: Option<&str>) -> Option<i64> {
    lines
        .iter()
        .find(|l| l.panel_id == panel && l.category.as_deref() == category)
        .map(|l| l.cap_fen)
}

pub fn run(ctx: &Ctx, args: &SpendingArgs) -> anyhow::Result<()> {
    let year = year_or_this(ctx, args.year.as_deref())?;
    let doc = ctx.read(|conn| {
        let panel = args
            .panel
            .as_deref()
            .map(|p| resolve::panel(conn, &ctx.env, "--panel", p))
            .transpose()?;
        let panel_id = panel.as_ref().map(|p| p.id);
        let lines = crate::store::budget::lines(conn, year)?;
        let controlled = crate::store::budget::controlled(conn)?;

        let total = groups(conn, year, panel_id, "NULL", "NULL", "", "1")?
            .into_iter()
            .next()
            .unwrap_or((None, None, 0, 0, 0));
        let mut totals_cols = vec![
            col("year", "年度", "year", Kind::Int),
            // JSON gets `*` (the office) or the panel's code; a table, 全办 or the code.
            col("scope", "范围", "scope", Kind::Enum(&SPENDING_SCOPE)),
        ];
        totals_cols.extend(money_columns(true));
        let scope = match &panel {
            Some(p) => p.code.clone(),
            None => "*".to_string(),
        };
        let mut totals_cells: Vec<Cell> = vec![i64::from(year).into(), scope.into()];
        totals_cells.extend(money_cells(&total, true, cap_of(&lines, panel_id, None)));

        let mut advisors = RowSet::new(
            [
                vec![
                    col("advisor_code", "专家编码", "advisor code", Kind::Text),
                    col("advisor", "姓名", "advisor", Kind::Text),
                ],
                money_columns(false),
            ]
            .concat(),
        );
        for g in groups(
            conn,
            year,
            panel_id,
            "a.code",
            "a.name",
            "JOIN advisors a ON a.id = e.advisor_id",
            "a.code",
        )? {
            advisors.push(
                [
                    vec![g.0.clone().into(), g.1.clone().into()],
                    money_cells(&g, false, None),
                ]
                .concat(),
            );
        }

        let mut panels = RowSet::new(
            [
                vec![
                    col("panel", "顾问团", "panel", Kind::Text),
                    col("name", "名称", "name", Kind::Text),
                ],
                money_columns(true),
            ]
            .concat(),
        );
        for g in groups(
            conn,
            year,
            panel_id,
            "p.code",
            "p.name",
            "LEFT JOIN panels p ON p.id = e.panel_id",
            "min(p.id)",
        )? {
            let id: Option<i64> = match &g.0 {
                Some(code) => Some(conn.query_row(
                    "SELECT id FROM panels WHERE code = ?1",
                    [code],
                    |r| r.get(0),
                )?),
                None => None,
            };
            let cap = id.and_then(|id| cap_of(&lines, Some(id), None));
            let name =
                g.1.clone()
                    .unwrap_or_else(|| crate::tr!("（未记入顾问团）", "(no panel)"));
            panels.push(
                [
                    vec![g.0.clone().into(), name.into()],
                    money_cells(&g, true, cap),
                ]
                .concat(),
            );
        }

        let mut categories = RowSet::new(
            [
                vec![
                    col(
                        "category",
                        "类别",
                        "category",
                        Kind::Enum(&EXPENSE_CATEGORY),
                    ),
                    col("controlled", "严控", "controlled", Kind::Bool),
                ],
                money_columns(true),
            ]
            .concat(),
        );
        let mut by_category = groups(conn, year, panel_id, "e.category", "NULL", "", "1")?;
        by_category.sort_by_key(|g| {
            EXPENSE_CATEGORY
                .codes()
                .position(|c| Some(c) == g.0.as_deref())
        });
        for g in by_category {
            let code = g.0.clone().unwrap_or_default();
            let cap = cap_of(&lines, panel_id, Some(&code));
            let is_controlled = controlled.contains(&code);
            categories.push(
                [
                    vec![code.into(), is_controlled.into()],
                    money_cells(&g, true, cap),
                ]
                .concat(),
            );
        }
        // The heading a leader signs under: the office, the year, the day
        // the figures stand on (the year's end once it is over), the unit.
        let office = crate::store::settings::get(conn, "office.name")?;
        let year_end = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(ctx.today());
        let on = crate::input::date::iso(ctx.today().min(year_end));
        let title = crate::tr!(
            "{office} {year} 年度顾问经费支出（截至 {on}；金额单位：元）",
            "{office} advisor spending {year} (as of {on}; amounts in yuan)"
        )
        .trim()
        .to_string();
        Ok(Doc::default()
            .lines("report", ("经费支出", "Spending"), vec![title])
            .record("totals", totals_cols, totals_cells)
            .table("advisors", ("按专家", "By advisor"), advisors)
            .table("panels", ("按顾问团", "By panel"), panels)
            .table("categories", ("按类别", "By category"), categories))
    })?;
    print_doc(&ctx.env, &doc)
}
