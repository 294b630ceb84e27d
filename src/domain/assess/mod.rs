//! The annual assessment (seed 001 arts. 12(3), 14, 16; seed 000's panel
//! quotas; seed 002 part 8): rule sets as data (`rules`), scoring and the
//! excellent quota (`score`), subsidies within the cap (`subsidy`). Pure
//! functions of counted records and rules, tested in process.

mod model;
pub mod quota;
mod raw;
pub mod rules;
pub mod score;
mod source;
pub mod subsidy;

pub use model::PERIODS;
pub use rules::{Rules, parse};
pub use score::{Outcome, Subject, Tally};

/// Scores every subject and applies the excellent quota.
pub fn assess(subjects: &[Subject], rules: &Rules) -> Vec<Outcome> {
    let mut outcomes: Vec<Outcome> = subjects.iter().map(|s| score::score(s, rules)).collect();
    quota::apply_quota(&mut outcomes, subjects, rules);
    outcomes
}

/// `assess` for a run that keeps only what it stores: `scored` sees each
/// subject with its outcome once it is scored (to write them down), after
/// which the subject's counts are cut to the totals the excellent quota's
/// tie-break reads (`Subject::total`). Over a province-sized roster the
/// counts are most of a run's memory, so they are not held beside every
/// outcome. The outcomes are `assess`'s, less what `scored` took from them.
pub fn assess_each<E>(
    subjects: &mut [Subject],
    rules: &Rules,
    mut scored: impl FnMut(&Subject, &mut Outcome) -> Result<(), E>,
) -> Result<Vec<Outcome>, E> {
    let tie_break: &[String] = rules.quota.as_ref().map_or(&[], |q| &q.tie_break);
    let mut outcomes = Vec::with_capacity(subjects.len());
    for subject in subjects.iter_mut() {
        let mut outcome = score::score(subject, rules);
        scored(subject, &mut outcome)?;
        outcomes.push(outcome);
        let mut totals = std::collections::BTreeMap::new();
        for ((count, _), t) in std::mem::take(&mut subject.counts) {
            if tie_break.contains(&count) {
                let total: &mut Tally = totals.entry((count, String::new())).or_default();
                total.h1 += t.h1;
                total.h2 += t.h2;
                total.year_end += t.year_end;
            }
        }
        subject.counts = totals;
    }
    quota::apply_quota(&mut outcomes, subjects, rules);
    Ok(outcomes)
}

#[cfg(test)]
mod tests;
