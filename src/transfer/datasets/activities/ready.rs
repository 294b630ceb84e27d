//! What the activities import checks on the reading thread (the second
//! core): each row's activity cells hashed, its participant's cells
//! checked, its advisor found by code and whether they serve where and when
//! the activity is — answered from what the handler loaded, shared with it.

use std::hash::Hasher;
use std::sync::Arc;

use super::at;
use super::facts::{Hint, Terms};
use crate::commands::activity::participant::{Join, JoinText, parse_join_text};
use crate::input::{date, text};
use crate::transfer::fastmap::FxHasher;
use crate::transfer::{Names, Preparer, Row, cells};

/// The activity cells of a row, hashed.
pub(super) fn activity_hash(row: &Row) -> u64 {
    let mut hasher = FxHasher::default();
    for index in at::DATE..=at::RESULT {
        hasher.write(cells::trim(row.at(index).unwrap_or_default()).as_bytes());
        hasher.write_u8(0xff);
    }
    hasher.finish()
}

/// What the reading thread makes of a row (`Activities::preparer`): its
/// activity cells hashed, its participant's cells checked, its advisor found
/// and whether they serve where and when the activity is — taken by `row`
/// at the points where it would otherwise work them out itself.
pub(super) struct Ready {
    pub(super) hash: u64,
    pub(super) guest: anyhow::Result<bool>,
    /// A participant cell other than `guest` is filled.
    pub(super) given: bool,
    /// `participant add`'s checks of the cells (when `guest` is good).
    pub(super) join: Option<anyhow::Result<Join>>,
    /// The advisor the code and name cells name, by place and id
    /// (`Names::coded`; `None`: left to `person`).
    pub(super) advisor: Option<(usize, i64)>,
    /// Whether that advisor serves on the activity's day and panel as this
    /// row gives them (`Loaded` uses it only for that advisor, day and panel).
    pub(super) serving: Option<Hint>,
}

/// The activity's day number and panel as the reading thread reads its
/// cells: `None` when it leaves them to the handler (a cell it cannot read
/// the handler's way, which the handler then reports).
type Place = Option<(i32, Option<i64>)>;

/// Reads `row`'s activity day and panel (`activity add`'s date parser; the
/// panel found in memory, as `Names::find` finds it first).
fn place(panels: &Names, today: chrono::NaiveDate, row: &Row) -> Place {
    let on = date::parse("--date", row.value_at(at::DATE)?, today).ok()?;
    let panel = match row.value_at(at::PANEL) {
        Some(text) => Some(panels.lookup(text)?.id),
        None => None,
    };
    Some((chrono::Datelike::num_days_from_ce(&on), panel))
}

pub(super) fn ready(row: &Row) -> Ready {
    let guest = row
        .value_at(at::GUEST)
        .map(|g| text::yes_no("--guest", g))
        .transpose()
        .map(Option::unwrap_or_default);
    let cells = JoinText {
        attendance: row.value_at(at::ATTENDANCE),
        reason: row.value_at(at::REASON),
        role: row.value_at(at::ROLE),
        opinion: row.value_at(at::OPINION),
        guest: false,
        override_reason: row.value_at(at::OVERRIDE),
    };
    let given = cells.attendance.is_some()
        || cells.reason.is_some()
        || cells.role.is_some()
        || cells.opinion.is_some()
        || cells.override_reason.is_some();
    let join = guest
        .as_ref()
        .ok()
        .map(|&guest| parse_join_text(&JoinText { guest, ..cells }));
    Ready {
        hash: activity_hash(row),
        guest,
        given,
        join,
        advisor: None,
        serving: None,
    }
}

pub(super) fn preparer(
    advisors: Arc<Names>,
    panels: Arc<Names>,
    terms: Arc<Terms>,
    today: chrono::NaiveDate,
) -> Preparer {
    // The rows of one activity come together: its cells are read once.
    let mut last: Option<(u64, Place)> = None;
    Box::new(move |rows: &[Row]| {
        // A roster's codes and terms are far apart in memory: each row's
        // advisor is looked up, then each one's terms, in runs over the
        // batch, so the lookups of neighbouring rows wait for memory
        // together rather than one after another.
        let cells: Vec<_> = rows
            .iter()
            .map(|row| (row.value_at(at::ADVISOR), row.value_at(at::ADVISOR_NAME)))
            .collect();
        let found = advisors.coded_all(&cells);
        let mut readies: Vec<(Ready, Place)> = rows
            .iter()
            .zip(found)
            .map(|(row, advisor)| {
                let mut ready = ready(row);
                ready.advisor = advisor;
                let place = match last {
                    Some((hash, place)) if hash == ready.hash => place,
                    _ => {
                        let place = place(&panels, today, row);
                        last = Some((ready.hash, place));
                        place
                    }
                };
                (ready, place)
            })
            .collect();
        for (ready, place) in &mut readies {
            if let (Some((_, advisor)), Some((day, panel))) = (ready.advisor, *place) {
                let member = terms.serving(advisor, day, panel);
                ready.serving = Some(Hint {
                    advisor,
                    day,
                    panel,
                    member,
                });
            }
        }
        readies
            .into_iter()
            .map(|(ready, _)| Some(Box::new(ready) as Box<dyn std::any::Any + Send>))
            .collect()
    })
}
