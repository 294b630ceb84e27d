//! Which panel an expense is booked to, and the service rules it keeps:
//! the advisor serves on a panel on the expense date (the day the cost
//! arose), or for a stipend or subsidy during its year (seed 001 art. 12,
//! 13: a dismissed or resigned advisor serves no more; art. 3: the term).

use crate::context::Tx;
use crate::input::resolve;
use crate::store::expense as store;

/// The panel an expense is booked to, and any service rule it breaks.
///
/// The expense date is the day the cost arose (a payment later is its
/// voucher, `expense pay`), so the advisor must serve on some panel that
/// day, and on `--panel` if one is named: an expense after a dismissal or
/// resignation, or outside the term, is an exception to record with its
/// reason. A stipend or a subsidy is owed for a year's service and paid
/// when the office pays it (`pay-stipends`, `assess confirm` book them on
/// their own paths, also after a resignation): entered by hand or imported,
/// the advisor must have served that year.
pub(super) fn booked_panel(
    tx: &Tx,
    advisor: &resolve::Found,
    given: Option<&str>,
    (on, year, category): (&str, i32, &str),
    exceptions: &mut Vec<String>,
) -> anyhow::Result<Option<i64>> {
    if matches!(category, "stipend" | "subsidy") {
        return booked_for_year(tx, advisor, given, on, year, exceptions);
    }
    let serving = store::panels_on(tx, advisor.id, on)?;
    let (code, name) = (&advisor.code, &advisor.name);
    if serving.is_empty() {
        let served = served_words(tx, advisor.id)?;
        exceptions.push(crate::tr!(
            "{code} {name} 在 {on}（经费日期，即费用发生之日）不在任何顾问团任职；{served}",
            "{code} {name} serves on no panel on {on} (the expense date, the day the cost arose); {served}",
        ));
    }
    if let Some(text) = given {
        let panel = resolve::panel(tx, tx.env, "--panel", text)?;
        if !serving.is_empty() && !serving.iter().any(|(id, _)| *id == panel.id) {
            let p = &panel.code;
            exceptions.push(crate::tr!(
                "{code} {name} 在 {on} 不在顾问团 {p} 任职",
                "{code} {name} does not serve on panel {p} on {on}",
            ));
        }
        return Ok(Some(panel.id));
    }
    // Not serving that day (an exception, if overridden): the panels of
    // the year, for the booking.
    let candidates = if serving.is_empty() {
        store::services_in_year(tx, advisor.id, year)?
            .into_iter()
            .map(|s| (s.service.panel_id, s.panel_code))
            .collect()
    } else {
        serving
    };
    one_panel(advisor, on, candidates)
}

/// `booked_panel` for a yearly payment: the advisor served that year, on
/// `--panel` if one is named; booked to the panel served that day, else
/// the one served that year.
fn booked_for_year(
    tx: &Tx,
    advisor: &resolve::Found,
    given: Option<&str>,
    on: &str,
    year: i32,
    exceptions: &mut Vec<String>,
) -> anyhow::Result<Option<i64>> {
    let services = store::services_in_year(tx, advisor.id, year)?;
    let (code, name) = (&advisor.code, &advisor.name);
    if services.is_empty() {
        let served = served_words(tx, advisor.id)?;
        exceptions.push(crate::tr!(
            "{code} {name} {year} 年不在聘（没有覆盖该年的聘任）；{served}",
            "{code} {name} does not serve in {year} (no appointment covers that year); {served}",
        ));
    }
    if let Some(text) = given {
        let panel = resolve::panel(tx, tx.env, "--panel", text)?;
        if !services.is_empty() && !services.iter().any(|s| s.service.panel_id == panel.id) {
            let p = &panel.code;
            exceptions.push(crate::tr!(
                "{code} {name} {year} 年不在顾问团 {p} 任职",
                "{code} {name} does not serve on panel {p} in {year}",
            ));
        }
        return Ok(Some(panel.id));
    }
    let mut candidates = store::panels_on(tx, advisor.id, on)?;
    if candidates.is_empty() {
        candidates = services
            .into_iter()
            .map(|s| (s.service.panel_id, s.panel_code))
            .collect();
    }
    one_panel(advisor, on, candidates)
}

/// The one panel among `candidates`, none, or an error naming them.
fn one_panel(
    advisor: &resolve::Found,
    on: &str,
    candidates: Vec<(i64, String)>,
) -> anyhow::Result<Option<i64>> {
    let (code, name) = (&advisor.code, &advisor.name);
    match candidates.len() {
        0 => Ok(None),
        1 => Ok(Some(candidates[0].0)),
        _ => {
            let list = candidates
                .iter()
                .map(|(_, c)| c.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            Err(crate::invalid!(
                "--panel：{code} {name} 在 {on} 任职于多个顾问团（{list}）；请用 --panel 指明记入哪一个",
                "--panel: {code} {name} serves on several panels on {on} ({list}); say which one with --panel",
            ))
        }
    }
}

/// When an advisor served, for a refusal: their latest terms, each with
/// how it ended early.
fn served_words(tx: &Tx, advisor_id: i64) -> anyhow::Result<String> {
    let terms = store::terms_of(tx, advisor_id)?;
    if terms.is_empty() {
        return Ok(crate::tr!(
            "该专家没有聘任记录",
            "they have never been appointed"
        ));
    }
    let shown: Vec<String> = terms
        .iter()
        .rev()
        .take(3)
        .rev()
        .map(|t| {
            let (panel, start, end) = (&t.panel_code, &t.term_start, &t.term_end);
            match (&t.ended_on, t.state.as_str()) {
                (Some(on), "dismissed") => crate::tr!(
                    "顾问团 {panel} 聘期 {start} 至 {end}，{on} 解聘",
                    "panel {panel}, term {start} to {end}, dismissed on {on}"
                ),
                (Some(on), _) => crate::tr!(
                    "顾问团 {panel} 聘期 {start} 至 {end}，{on} 辞去",
                    "panel {panel}, term {start} to {end}, resigned on {on}"
                ),
                (None, _) => crate::tr!(
                    "顾问团 {panel} 聘期 {start} 至 {end}",
                    "panel {panel}, term {start} to {end}"
                ),
            }
        })
        .collect();
    let list = shown.join(crate::i18n::pick("；", "; "));
    Ok(crate::tr!("任职情况：{list}", "served: {list}"))
}
