//! Assessments against their records: each run in force is re-counted from
//! the records and compared with what it stored. A confirmed year whose
//! records changed is a real problem (they were locked); a stale draft only
//! needs running again.

use std::collections::HashMap;

use super::{Finding, Scope};
use crate::commands::assess::{Counting, Leaver, leavers};

pub fn assessments_current(scope: &Scope) -> anyhow::Result<Vec<Finding>> {
    let conn = scope.conn;
    let runs: Vec<(i64, i32, Option<i64>, String, String)> = conn
        .prepare("SELECT id, year, panel_id, state, rules_toml FROM assess_runs WHERE state <> 'superseded' ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
    let mut findings = Vec::new();
    for (run, year, panel, state, rules) in runs {
        // Counted as the run counted: contacts when its rule set counts them.
        let counting = crate::domain::assess::parse(&rules)
            .map(|r| Counting::for_rules(&r))
            .unwrap_or_default();
        let live: HashMap<i64, serde_json::Value> =
            crate::commands::assess::subjects(conn, year, panel, counting)?
                .iter()
                .map(|s| (s.advisor_id, crate::commands::assess::metrics_json(s)))
                .collect();
        let left: HashMap<i64, Leaver> = leavers(conn, year, panel)?
            .into_iter()
            .map(|l| (l.advisor_id, l))
            .collect();
        let mut stmt = conn.prepare(
            "SELECT s.id, s.advisor_id, a.code, a.name, s.metrics FROM assessments s JOIN advisors a ON a.id = s.advisor_id
             WHERE s.run_id = ?1 ORDER BY a.code",
        )?;
        let stored: Vec<(i64, i64, String, String, String)> = stmt
            .query_map([run], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        for (id, advisor, code, name, metrics) in stored {
            let stored: serde_json::Value = serde_json::from_str(&metrics).unwrap_or_default();
            if live.get(&advisor) == Some(&stored) {
                continue;
            }
            let detail = if let Some(l) = left.get(&advisor) {
                // Left during the year (recorded after the run): not assessed.
                let (how, on) = (crate::labels::APPOINTMENT_STATE.label(&l.how), &l.ended_on);
                if state == "confirmed" {
                    crate::tr!(
                        "{name}（{code}）于 {on} {how}，年内辞去/解聘不参加考核，但 {year} 年度已确定的考核中有其结果（确定后才登记离任）",
                        "{name} ({code}) {how} on {on} and is not assessed for the year, yet the confirmed {year} assessment has a result for them (the leaving was recorded after it)"
                    )
                } else {
                    crate::tr!(
                        "{name}（{code}）于 {on} {how}，年内辞去/解聘不参加 {year} 年度考核；请重新运行 roster assess run",
                        "{name} ({code}) {how} on {on} and is not assessed for {year}; run `roster assess run` again"
                    )
                }
            } else if state == "confirmed" {
                crate::tr!(
                    "{name}（{code}）{year} 年度已确定的考核与现有记录不符：锁定后的记录被改动过",
                    "{name} ({code}): the confirmed {year} assessment no longer matches the records — locked records were changed"
                )
            } else {
                crate::tr!(
                    "{name}（{code}）{year} 年度初评之后记录有变动；请重新运行 roster assess run",
                    "{name} ({code}): records changed since the {year} draft; run `roster assess run` again"
                )
            };
            findings.push(Finding::new("assessments", Some(id), detail));
        }
    }
    Ok(findings)
}
