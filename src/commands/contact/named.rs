//! Who a contact names: the advisors given (each checked to be serving on
//! the date, or within the window after their term) and a panel's serving
//! advisors, and the liaison it is put down to when none is given.

use crate::cli::contact::ContactAddArgs;
use crate::context::{Env, Tx};
use crate::input::{date, resolve};
use crate::store::contact as store;

/// The advisors a contact names: `--advisor` flags and every advisor serving
/// on `--panel` that day, each checked to be serving on the date.
pub(crate) fn advisors(
    tx: &Tx,
    env: &Env,
    args: &ContactAddArgs,
    texts: &[String],
    on: &str,
) -> anyhow::Result<Vec<resolve::Found>> {
    let mut found: Vec<resolve::Found> = Vec::new();
    for text in texts {
        let advisor = resolve::advisor(tx, env, "--advisor", text)?;
        let who = format!("{} {}", advisor.code, advisor.name);
        match store::first_term_start(tx, advisor.id)? {
            None => {
                return Err(crate::refused!(
                    "--advisor：{who} 从未获聘，不能记录联系服务",
                    "--advisor: {who} has never been appointed, so no contact can be recorded"
                ));
            }
            Some(first) if on < first.as_str() => {
                return Err(crate::refused!(
                    "--date：{on} 早于 {who} 首次聘任（{first}）；请核对日期",
                    "--date: {on} is before {who}'s first appointment ({first}); check the date"
                ));
            }
            Some(_) => {}
        }
        if !crate::store::is_serving(tx, advisor.id, None, on)? {
            let last = store::last_served_before(tx, advisor.id, on)?.unwrap_or_default();
            // What a term owed (a visit, a greeting) is still done in the
            // days after it ended: `due` lists it for `due.window_days`.
            let window = crate::store::settings::number(tx, "due.window_days")?;
            let within = match (date::from_db(&last), date::from_db(on)) {
                (Ok(last), Ok(day)) => (day - last).num_days() <= window,
                _ => false,
            };
            if !within {
                return Err(crate::refused!(
                    "--date：{who} 在 {on} 不在聘（最后在聘日 {last}，聘期结束后 {window} 天内仍可记录联系服务）；请核对日期",
                    "--date: {who} is not serving on {on} (last served {last}; contacts are recorded up to {window} days after a term ends); check the date"
                ));
            }
        }
        if !found.iter().any(|f| f.id == advisor.id) {
            found.push(advisor);
        }
    }
    if let Some(panel) = &args.panel {
        let panel = resolve::panel(tx, env, "--panel", panel)?;
        let serving = store::serving_on_panel(tx, panel.id, on)?;
        if serving.is_empty() {
            let name = &panel.name;
            return Err(crate::refused!(
                "--panel：{on} 没有专家在聘于{name}",
                "--panel: nobody serves on {name} on {on}"
            ));
        }
        for (id, code, name) in serving {
            if !found.iter().any(|f| f.id == id) {
                found.push(resolve::Found { id, code, name });
            }
        }
    }
    Ok(found)
}

/// The liaison a contact given no `--liaison` is put down to: the one
/// holding every named advisor on the date, when they share one. Never for
/// a reported event (五报告, seed 004 三(一)3): the expert or their unit
/// sends it in, nobody in the office made it, so a paired leader who did
/// nothing would otherwise be credited with a contact.
pub(crate) fn default_liaison(
    tx: &Tx,
    kind: &str,
    named: &[resolve::Found],
    on: &str,
) -> anyhow::Result<Option<i64>> {
    if kind == "report" {
        return Ok(None);
    }
    let mut shared: Option<i64> = None;
    for advisor in named {
        match crate::store::liaison::holder_on(tx, advisor.id, on)? {
            Some((liaison, _)) if shared.is_none() || shared == Some(liaison.id) => {
                shared = Some(liaison.id);
            }
            _ => return Ok(None),
        }
    }
    Ok(shared)
}
