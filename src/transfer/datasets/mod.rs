//! The registry: every dataset `roster export` and `roster import` know,
//! one file each (see `transfer`'s module doc for how to add one).

mod advisors;
mod audit;
mod panels;
mod summary;

use super::Dataset;

/// Every dataset, in the order they are listed to users.
pub static DATASETS: &[&Dataset] = &[
    &advisors::DATASET,
    &panels::DATASET,
    &audit::DATASET,
    &summary::DATASET,
];
