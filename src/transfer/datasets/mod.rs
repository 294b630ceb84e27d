//! The registry: every dataset `roster export` and `roster import` know,
//! one file each (see `transfer`'s module doc for how to add one).

mod activities;
mod advisors;
mod appointments;
mod audit;
mod panels;
mod recusals;

use super::Dataset;

/// Every dataset, in the order they are listed to users.
pub static DATASETS: &[&Dataset] = &[
    &advisors::DATASET,
    &panels::DATASET,
    &appointments::DATASET,
    &activities::DATASET,
    &recusals::DATASET,
    &audit::DATASET,
];
