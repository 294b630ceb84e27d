//! `roster check`: runs the check registry (`crate::check`) over one read
//! snapshot and lists what it found; exit 4 when anything was found, 5
//! when the file itself is damaged.

use crate::check::{self, CHECKS};
use crate::cli::check::CheckArgs;
use crate::context::{Ctx, Env};
use crate::output::{Format, Kind, RowSet, col, print_note, print_rows};

pub fn run(ctx: &Ctx, args: &CheckArgs) -> anyhow::Result<()> {
    if args.list {
        return list(&ctx.env);
    }
    let only = parse_only(args.only.as_deref())?;
    let report = ctx.read(|conn| Ok(check::run(conn, ctx.today(), &only)))?;
    let mut rows = RowSet::new(vec![
        col("check", "检查项", "check", Kind::Text),
        col("problem", "问题类别", "problem", Kind::Text),
        col("table", "数据表", "table", Kind::Text),
        col("record", "记录编号", "record", Kind::Int),
        col("detail", "说明", "detail", Kind::Text),
    ]);
    for (check, finding) in &report.findings {
        rows.push(vec![
            check.name.into(),
            check.label().into(),
            finding.table.clone().into(),
            finding.id.into(),
            finding.detail.clone().into(),
        ]);
    }
    let problems = rows.rows.len();
    if problems > 0 || ctx.env.format != Format::Table {
        print_rows(&ctx.env, &rows)?;
    }
    if problems == 0 {
        let ran = report.ran;
        print_note(
            &ctx.env,
            &crate::tr!("检查完成：{ran} 项检查全部通过", "all {ran} checks passed"),
        )?;
    }
    if report.damaged {
        return Err(crate::error::UserError::Database(crate::tr!(
            "数据库文件已损坏（见上表）；请勿继续写入，用 roster restore 从最近的备份恢复",
            "the database file is damaged (see above); stop writing to it and restore the latest backup with roster restore"
        ))
        .into());
    }
    if problems > 0 {
        return Err(crate::refused!(
            "检查发现 {problems} 个问题（见上表）",
            "check found {problems} problem(s), listed above"
        ));
    }
    Ok(())
}

/// The names given to `--only`, each a registered check.
fn parse_only(given: Option<&str>) -> anyhow::Result<Vec<&'static str>> {
    let mut names = Vec::new();
    for name in given
        .unwrap_or("")
        .split([',', '，'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let Some(found) = check::find(name) else {
            let choices = CHECKS.iter().map(|c| c.name).collect::<Vec<_>>().join(", ");
            return Err(crate::invalid!(
                "--only：未知的检查“{name}”；可选：{choices}",
                "--only: unknown check \"{name}\"; choose from: {choices}",
            ));
        };
        names.push(found.name);
    }
    Ok(names)
}

/// `check --list`: the registry, in the order the checks run.
pub fn list(env: &Env) -> anyhow::Result<()> {
    let mut rows = RowSet::new(vec![
        col("check", "检查项", "check", Kind::Text),
        col("looks_for", "检查内容", "looks for", Kind::Text),
    ]);
    for check in CHECKS {
        rows.push(vec![check.name.into(), check.label().into()]);
    }
    print_rows(env, &rows)
}
