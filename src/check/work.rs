//! The advisors' work against their service: a participation recorded as
//! service (not as a guest) must fall on a day the advisor served.

use super::{Finding, Scope};

/// Live, non-guest participations in live activities dated on a day their
/// advisor served no panel — typically left behind by a resignation or a
/// dismissal entered with an earlier date (`appointment resign … --date`),
/// which warns of them but keeps them. `assess run` does not count them.
pub fn participations_in_office(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let sql = format!(
        "SELECT pa.id, a.code, a.name, ac.id, ac.on_date
         FROM participants pa JOIN activities ac ON ac.id = pa.activity_id JOIN advisors a ON a.id = pa.advisor_id
         WHERE pa.guest = 0 AND pa.voided_at IS NULL AND ac.voided_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = pa.advisor_id AND {})
         ORDER BY ac.on_date, pa.id",
        crate::store::serving_condition("ap").replace('?', "ac.on_date")
    );
    let mut stmt = scope.conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut findings = Vec::new();
    for row in rows {
        let (id, code, name, activity, on) = row?;
        findings.push(Finding::new(
            "participants",
            Some(id),
            crate::tr!(
                "{name}（{code}）作为成员（非特邀）参加活动 #{activity}（{on}），但当天未在任何顾问团任职；请核对日期，不属于任职期间的请移除（roster activity participant remove {activity} {code} --reason …）",
                "{name} ({code}) took part in activity #{activity} ({on}) as a member, not a guest, but served on no panel that day; check the date, and remove it if it was not their service (roster activity participant remove {activity} {code} --reason …)"
            ),
        ));
    }
    Ok(findings)
}
