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
