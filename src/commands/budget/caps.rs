//! Checking an expense against its year's budget lines and the controlled
//! (严控) categories, and naming lines in words. Shared by `expense add`
//! and the stipend run; the rules themselves are `domain::budget`.

use rusqlite::Connection;

use crate::domain::budget::{self, Breach, Charge, Line, Usage};
use crate::input::money::grouped;
use crate::labels::EXPENSE_CATEGORY;

/// A panel's code, for messages.
fn panel_code(conn: &Connection, id: i64) -> anyhow::Result<String> {
    Ok(conn
        .prepare_cached("SELECT code FROM panels WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// A line's scope and category in words: `全办·全部类别`, `顾问团 tech·差旅费`.
pub fn line_name(conn: &Connection, line: &Line) -> anyhow::Result<String> {
    let code = match line.panel_id {
        Some(id) => Some(panel_code(conn, id)?),
        None => None,
    };
    Ok(line_words(code.as_deref(), line.category.as_deref()))
}

/// `line_name` from the panel's code (none: office-wide) and the category
/// (none: all categories).
pub fn line_words(panel_code: Option<&str>, category: Option<&str>) -> String {
    let scope = match panel_code {
        Some(code) => crate::tr!("顾问团 {code}", "panel {code}"),
        None => crate::tr!("全办", "office-wide"),
    };
    let category = match category {
        Some(code) => EXPENSE_CATEGORY.label(code),
        None => crate::tr!("全部类别", "all categories"),
    };
    format!("{scope}·{category}")
}

/// `cap …, spent … (paid …, committed …), remaining …` for a line.
pub fn usage_words(cap_fen: i64, usage: Usage) -> String {
    let (cap, spent) = (grouped(cap_fen), grouped(usage.recorded()));
    let (paid, committed) = (grouped(usage.paid_fen), grouped(usage.committed_fen));
    let remaining = grouped(usage.remaining(cap_fen));
    crate::tr!(
        "上限 {cap} 元，已列支 {spent} 元（已付 {paid}，待付 {committed}），剩余 {remaining} 元",
        "cap {cap} yuan, spent {spent} (paid {paid}, committed {committed}), remaining {remaining}",
    )
}

fn breach_words(conn: &Connection, year: i32, breach: &Breach) -> anyhow::Result<String> {
    let name = line_name(conn, &breach.line)?;
    let usage = usage_words(breach.line.cap_fen, breach.usage);
    let amount = grouped(breach.amount_fen);
    let over = grouped(breach.usage.recorded() + breach.amount_fen - breach.line.cap_fen);
    Ok(crate::tr!(
        "超出 {year} 年预算【{name}】：{usage}；本笔 {amount} 元，将超出 {over} 元",
        "over the {year} budget line [{name}]: {usage}; this {amount} would exceed it by {over}",
    ))
}

/// The budget rules that recording `charge` in `year` would break, one
/// sentence each: every capped line it would take over its cap, and a
/// controlled category without a budget line naming it.
pub fn exceptions(
    conn: &Connection,
    year: i32,
    charge: &Charge,
    controlled: bool,
) -> anyhow::Result<Vec<String>> {
    let lines = crate::store::budget::lines_with_usage(conn, year)?;
    exceptions_against(conn, year, charge, controlled, &lines)
}

/// `exceptions` against a year's lines and what is recorded on them, as
/// `store::budget::lines_with_usage` gives them (or a `Tally` keeps them).
pub fn exceptions_against(
    conn: &Connection,
    year: i32,
    charge: &Charge,
    controlled: bool,
    lines: &[(Line, Usage)],
) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for breach in budget::breaches(lines, charge) {
        out.push(breach_words(conn, year, &breach)?);
    }
    let plain: Vec<Line> = lines.iter().map(|(line, _)| line.clone()).collect();
    if controlled && !budget::has_category_budget(&plain, charge) {
        let code = charge.category;
        let label = EXPENSE_CATEGORY.label(code);
        let scope = match charge.panel_id {
            Some(id) => {
                let panel = panel_code(conn, id)?;
                crate::tr!("全办或顾问团 {panel}", "office-wide or panel {panel}")
            }
            None => crate::tr!("全办", "office-wide").to_string(),
        };
        let setting = controlled_setting(conn)?;
        out.push(crate::tr!(
            "{label}属严控类经费（{setting}），{year} 年没有“{label}”预算（{scope}）；严控类经费不得无预算执行，请先用 roster budget set --year {year} --category {code} --cap 金额 设定",
            "{label} is a controlled category ({setting}) and {year} has no budget line for it ({scope}); controlled funds may not be spent without a budget: set one with `roster budget set --year {year} --category {code} --cap YUAN`",
        ));
    }
    Ok(out)
}

/// What makes a category controlled, in words: the office's setting, its
/// value, and how to change it. The default set comes from Erenhot's rules
/// (seed 001 art. 14 names the 三公经费、会议费、培训费、差旅费), which bind
/// no other office, so they are named only as the default's source.
pub fn controlled_setting(conn: &Connection) -> anyhow::Result<String> {
    let key = crate::store::budget::CONTROLLED_KEY;
    let stored = crate::store::budget::controlled_stored(conn)?;
    let codes = budget::controlled_set(stored.as_ref().map(|(_, v)| v.as_str()));
    let list = codes
        .iter()
        .map(|c| EXPENSE_CATEGORY.label(c))
        .collect::<Vec<_>>()
        .join(crate::i18n::pick("、", ", "));
    Ok(if stored.is_some() {
        crate::tr!(
            "本单位设置 {key} 为：{list}；可用 roster budget controlled --set 类别,… 更改，--set none 取消",
            "this office's setting {key} is: {list}; change it with `roster budget controlled --set CATEGORIES`, or `--set none`",
        )
    } else {
        crate::tr!(
            "本单位设置 {key} 为默认值：{list}，默认取自二连浩特办法第十四条；可用 roster budget controlled --set 类别,… 更改，--set none 取消",
            "this office's setting {key} is the default: {list}, taken from Erenhot's rules (seed 001 art. 14); change it with `roster budget controlled --set CATEGORIES`, or `--set none`",
        )
    })
}

/// The refusal for rule exceptions made without `--override` (exit 4).
pub fn refusal(exceptions: &[String]) -> anyhow::Error {
    let list = exceptions.join(crate::i18n::pick("；", "; "));
    crate::refused!(
        "未记录：{list}。如属经批准的例外，请用 --override 写明原因",
        "nothing recorded: {list}. For an approved exception, give the reason with --override",
    )
}

/// Each year's budget lines with what is recorded against them, read once
/// and then kept up to date as expenses are recorded — for an import, whose
/// thousands of rows would otherwise sum the year's expenses again for each
/// row. Nothing else writes expenses during the import's transaction, so the
/// tally equals what `store::budget::lines_with_usage` would read.
#[derive(Default)]
pub struct Tally {
    years: std::collections::HashMap<i32, Vec<(Line, Usage)>>,
}

impl Tally {
    /// The year's lines and their usage.
    pub fn lines(&mut self, conn: &Connection, year: i32) -> anyhow::Result<&[(Line, Usage)]> {
        let lines = match self.years.entry(year) {
            std::collections::hash_map::Entry::Occupied(found) => found.into_mut(),
            std::collections::hash_map::Entry::Vacant(empty) => {
                empty.insert(crate::store::budget::lines_with_usage(conn, year)?)
            }
        };
        Ok(lines)
    }

    /// Counts an expense just recorded on every line it falls under.
    pub fn add(&mut self, year: i32, charge: &Charge, paid: bool) {
        if let Some(lines) = self.years.get_mut(&year) {
            for (line, usage) in lines.iter_mut() {
                if budget::applies(line, charge) {
                    if paid {
                        usage.paid_fen += charge.amount_fen;
                    } else {
                        usage.committed_fen += charge.amount_fen;
                    }
                }
            }
        }
    }
}
