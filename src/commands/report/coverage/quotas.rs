//! The panels' contact quotas in `report coverage`: met or not per panel,
//! the advisors short marked, a flag per quota unmet.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Flag, non_empty};
use crate::domain::coverage::{self, Facts};
use crate::i18n::pick;
use crate::input::date;
use crate::labels::{CONTACT_KIND, QUOTA_PERIOD, QUOTA_SCOPE};
use crate::output::{Kind, RowSet, col, list_cell};

/// The panels' contact quotas for the year so far: one row each, the
/// advisors short marked in `facts`, a flag per quota unmet.
pub(super) fn quotas(
    conn: &Connection,
    year: i32,
    as_of: NaiveDate,
    panel_id: Option<i64>,
    facts: &mut HashMap<i64, Facts>,
) -> anyhow::Result<(RowSet, Vec<Flag>)> {
    let mut rows = RowSet::new(vec![
        col("panel", "顾问团", "panel", Kind::Text),
        col("duty", "要求", "duty", Kind::Text),
        col("kinds", "计入方式", "kinds", Kind::Enum(&CONTACT_KIND)),
        col("period", "周期", "period", Kind::Enum(&QUOTA_PERIOD)),
        col("scope", "范围", "scope", Kind::Enum(&QUOTA_SCOPE)),
        col("min", "至少", "at least", Kind::Int),
        col("met", "已完成", "met", Kind::Text),
        col("short", "未完成", "short", Kind::List),
    ]);
    let mut flags = Vec::new();
    let on = date::iso(as_of);
    for q in crate::store::panel::quotas(conn, panel_id)? {
        if q.subject != "contact" {
            continue;
        }
        let panel = crate::store::panel::get(conn, q.panel_id)?;
        let members = crate::store::contact::serving_on_panel_since(conn, q.panel_id, &on)?;
        let periods = coverage::periods(&q.period, year, as_of);
        let (met, short) = if q.scope == "panel" {
            let mut short = Vec::new();
            for (from, to) in &periods {
                let n = crate::store::quota::panel_count(
                    conn,
                    "contact",
                    q.panel_id,
                    &q.kinds,
                    &date::iso(*from),
                    &date::iso(*to),
                    -1,
                )?;
                if n < q.min_count {
                    short.push(format!(
                        "{} – {}: {n}/{}",
                        date::iso(*from),
                        date::iso(*to),
                        q.min_count
                    ));
                }
            }
            // Periods met of the periods so far, as advisors met of the
            // advisors below: the same figure in every language.
            let met = periods.len() - short.len();
            (format!("{met}/{}", periods.len()), short)
        } else {
            let mut short_by: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (from, to) in &periods {
                let counts = crate::store::quota::advisor_counts(
                    conn,
                    "contact",
                    &q.kinds,
                    &date::iso(*from),
                    &date::iso(*to),
                )?;
                // As `due` and the assessment: a member who joined during
                // the period owes its share (`due::joined_share`), one who
                // served from its first day all of it.
                let at_start: std::collections::HashSet<i64> =
                    crate::store::contact::serving_on_panel(conn, q.panel_id, &date::iso(*from))?
                        .into_iter()
                        .map(|(id, _, _)| id)
                        .collect();
                for (id, code, name, start) in &members {
                    let needed = if at_start.contains(id) {
                        q.min_count
                    } else {
                        match date::from_db(start) {
                            Ok(start) => {
                                crate::domain::due::joined_share(*from, *to, q.min_count, start)
                            }
                            Err(_) => q.min_count,
                        }
                    };
                    let n = counts.get(id).copied().unwrap_or(0);
                    if n < needed {
                        if let Some(f) = facts.get_mut(id) {
                            f.quota_short = true;
                        }
                        let shown = if periods.len() > 1 {
                            format!("{n}/{needed} ({} –)", date::iso(*from))
                        } else {
                            format!("{n}/{needed}")
                        };
                        short_by
                            .entry(format!("{code} {name}"))
                            .or_default()
                            .push(shown);
                    }
                }
            }
            let done = members.len() - short_by.len();
            let total = members.len();
            let short = short_by
                .into_iter()
                .map(|(who, counts)| format!("{who} {}", counts.join(" ")))
                .collect();
            (format!("{done}/{total}"), short)
        };
        let duty = q.note.clone().unwrap_or_default();
        if !short.is_empty() {
            let list = short.join(pick("；", "; "));
            let detail = crate::tr!("{duty}（截至 {on}）：{list}", "{duty} (as of {on}): {list}");
            flags.push((
                "quota_unmet",
                panel.code.clone(),
                panel.name.clone(),
                detail,
            ));
        }
        rows.push(vec![
            panel.code.into(),
            non_empty(duty),
            q.kinds.into(),
            q.period.into(),
            q.scope.into(),
            q.min_count.into(),
            met.into(),
            list_cell(&short),
        ]);
    }
    Ok((rows, flags))
}
