//! A professional station (专业站, seed 003 二(一)2) named on the command
//! line: `need add --station`, `panel review` and `report stations --panel`
//! take only a panel of that kind.

use rusqlite::Connection;

use crate::context::Env;
use crate::input::resolve;
use crate::labels::PANEL_KIND;
use crate::store::panel::{self as panels, Panel};

/// The panel `given` names, refused (exit 4) unless it is a professional
/// station, with how to make it one.
pub(crate) fn station(
    conn: &Connection,
    env: &Env,
    flag: &str,
    given: &str,
) -> anyhow::Result<Panel> {
    let found = resolve::panel(conn, env, flag, given)?;
    let panel = panels::get(conn, found.id)?;
    if panel.kind != "professional_station" {
        let (name, code, kind) = (&panel.name, &panel.code, PANEL_KIND.label(&panel.kind));
        return Err(crate::refused!(
            "{flag}：{name}（{code}）是{kind}，不是专业站（seed 003 二(一)2）；如它确为专业站，先改类型：roster panel edit {code} --kind professional_station",
            "{flag}: {name} ({code}) is an {kind}, not a professional station (seed 003 二(一)2); if it is one, change its kind first: roster panel edit {code} --kind professional_station"
        ));
    }
    Ok(panel)
}

/// A station that has taken up needs or been given a verdict stays a
/// station: `panel edit --kind` to another kind would leave them on a panel
/// `need` and `report stations` no longer show (refused, exit 4).
pub(crate) fn check_kind_change(conn: &Connection, panel: &Panel) -> anyhow::Result<()> {
    let (needs, verdicts): (i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM needs WHERE panel_id = ?1 AND voided_at IS NULL),
                (SELECT count(*) FROM station_reviews WHERE panel_id = ?1 AND voided_at IS NULL)",
        [panel.id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if needs + verdicts > 0 {
        let (name, code) = (&panel.name, &panel.code);
        return Err(crate::refused!(
            "--kind：{name}（{code}）作为专业站已登记 {needs} 项需求、{verdicts} 项年度评价（seed 003 二(二)1、三(三)），不能改为其他类型；如确属登记错误，先作废它们（roster need void、roster panel review --void）",
            "--kind: {name} ({code}) holds {needs} need(s) and {verdicts} yearly verdict(s) as a professional station (seed 003 二(二)1, 三(三)) and cannot become another kind; if they were entered in error, void them first (roster need void, roster panel review --void)"
        ));
    }
    Ok(())
}
