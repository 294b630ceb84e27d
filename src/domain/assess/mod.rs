//! The annual assessment (seed 001 arts. 12(3), 14, 16; seed 000's panel
//! quotas; seed 002 part 8): rule sets as data (`rules`), scoring and the
//! excellent quota (`score`), subsidies within the cap (`subsidy`). Pure
//! functions of counted records and rules, tested in process.

mod model;
pub mod quota;
mod raw;
pub mod rules;
pub mod score;
pub mod subsidy;

pub use rules::{Rules, parse};
pub use score::{Outcome, Subject, Tally};

/// Scores every subject and applies the excellent quota.
pub fn assess(subjects: &[Subject], rules: &Rules) -> Vec<Outcome> {
    let mut outcomes: Vec<Outcome> = subjects.iter().map(|s| score::score(s, rules)).collect();
    quota::apply_quota(&mut outcomes, subjects, rules);
    outcomes
}

#[cfg(test)]
mod tests;
