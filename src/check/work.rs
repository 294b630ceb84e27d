//! The advisors' work against their service: a participation recorded as
//! service (not as a guest) must fall on a day the advisor served.

use std::collections::HashMap;

use super::{Finding, Scope};

/// Live, non-guest participations in live activities dated on a day their
/// advisor served no panel — typically left behind by a resignation or a
/// dismissal entered with an earlier date (`appointment resign … --date`),
/// which warns of them but keeps them. `assess run` does not count them.
///
/// "Served" is `store::serving_condition`: an appointment (appointed,
/// dismissed or resigned) from its term's start to its end, or to the day
/// before it ended early. Each advisor's days are read once and every
/// participation is looked up in them: asking SQLite for each of a
/// province's ten million participations took three times as long.
pub fn participations_in_office(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let conn = scope.conn;
    let mut served: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT advisor_id, term_start, min(term_end, IFNULL(date(ended_on, '-1 day'), term_end)) FROM appointments
         WHERE state IN ('appointed','dismissed','resigned') AND term_start IS NOT NULL AND term_end IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        served
            .entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, r.get(2)?));
    }
    let mut outside = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT pa.id, pa.advisor_id, ac.on_date
         FROM participants pa JOIN activities ac ON ac.id = pa.activity_id
         WHERE pa.guest = 0 AND pa.voided_at IS NULL AND ac.voided_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let advisor: i64 = r.get(1)?;
        let on = r.get_ref(2)?.as_str()?;
        let in_office = served.get(&advisor).is_some_and(|days| {
            days.iter()
                .any(|(s, e)| s.as_str() <= on && on <= e.as_str())
        });
        if !in_office {
            outside.push(r.get::<_, i64>(0)?);
        }
    }
    let mut detail = conn.prepare_cached(
        "SELECT a.code, a.name, ac.id, ac.on_date
         FROM participants pa JOIN activities ac ON ac.id = pa.activity_id JOIN advisors a ON a.id = pa.advisor_id
         WHERE pa.id = ?1",
    )?;
    let mut found = Vec::new();
    for id in outside {
        let (code, name, activity, on): (String, String, i64, String) =
            detail.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        found.push((on, id, code, name, activity));
    }
    found.sort();
    Ok(found
        .into_iter()
        .map(|(on, id, code, name, activity)| {
            Finding::new(
                "participants",
                Some(id),
                crate::tr!(
                    "{name}（{code}）作为成员（非特邀）参加活动 #{activity}（{on}），但当天未在任何顾问团任职；请核对日期，不属于任职期间的请移除（roster activity participant remove {activity} {code} --reason …）",
                    "{name} ({code}) took part in activity #{activity} ({on}) as a member, not a guest, but served on no panel that day; check the date, and remove it if it was not their service (roster activity participant remove {activity} {code} --reason …)"
                ),
            )
        })
        .collect())
}
