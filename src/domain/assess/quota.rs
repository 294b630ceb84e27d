//! The excellent quota (a cap on the share of excellent grades, with its
//! rounding rule and tie-break), applied after every advisor is scored.

use std::collections::BTreeMap;

use super::rules::Rules;
use super::score::{Outcome, QuotaPlace, Subject};

/// How many excellent grades the quota allows among `assessed` advisors.
pub fn quota_places(share: f64, rounding: &str, assessed: usize) -> usize {
    let exact = share * assessed as f64;
    // Guard against 0.1 * 30 = 3.0000000000000004 style artefacts.
    let snapped = if (exact - exact.round()).abs() < 1e-9 {
        exact.round()
    } else {
        exact
    };
    let places = match rounding {
        "ceil" => snapped.ceil(),
        "round" => snapped.round(),
        _ => snapped.floor(),
    };
    places.max(0.0) as usize
}

/// Applies the excellent quota: the best by points (then the tie-break
/// keys, then code) keep excellent; the rest become competent.
pub fn apply_quota(outcomes: &mut [Outcome], subjects: &[Subject], rules: &Rules) {
    let Some(quota) = &rules.quota else { return };
    let places = quota_places(quota.share, &quota.rounding, outcomes.len());
    let by_id: BTreeMap<i64, &Subject> = subjects.iter().map(|s| (s.advisor_id, s)).collect();
    let mut excellent: Vec<usize> = (0..outcomes.len())
        .filter(|&i| outcomes[i].grade == "excellent")
        .collect();
    let key = |i: usize| -> Vec<i64> {
        let o = &outcomes[i];
        let mut k = vec![-(o.points * 1000.0).round() as i64];
        for tie in &quota.tie_break {
            if tie != "code" {
                k.push(-by_id.get(&o.advisor_id).map_or(0, |s| s.total(tie)));
            }
        }
        k
    };
    // Each key once (sort_by_cached_key), not once per comparison.
    excellent.sort_by_cached_key(|&i| (key(i), outcomes[i].code.clone()));
    let share = quota.share;
    let total = outcomes.len();
    // The points of the last who keeps excellent, to tell a tie.
    let last_kept = places
        .checked_sub(1)
        .and_then(|k| excellent.get(k))
        .map(|&k| outcomes[k].points);
    for (rank, &i) in excellent.iter().enumerate() {
        if rank >= places {
            let tied = last_kept.is_some_and(|p| (p - outcomes[i].points).abs() < 1e-9);
            outcomes[i].grade = "competent".to_string();
            outcomes[i].quota = Some(QuotaPlace {
                places,
                total,
                share,
                rank: rank + 1,
                tied,
            });
        }
    }
}
