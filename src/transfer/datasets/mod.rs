//! The registry: every dataset `roster export` and `roster import` know,
//! one file each (see `transfer`'s module doc for how to add one).

mod activities;
mod advice;
mod advisors;
mod appointments;
mod assessments;
mod audit;
mod contacts;
mod expenses;
mod ledger;
mod liaison_assignments;
mod liaisons;
mod panels;
mod recusals;

use super::Dataset;

/// Every dataset, in the order they are listed to users (and in which a
/// clerk imports them: each refers only to those before it).
pub static DATASETS: &[&Dataset] = &[
    &panels::DATASET,
    &advisors::DATASET,
    &appointments::DATASET,
    &liaisons::DATASET,
    &liaison_assignments::DATASET,
    &contacts::DATASET,
    &recusals::DATASET,
    &activities::DATASET,
    &advice::DATASET,
    &expenses::DATASET,
    &assessments::DATASET,
    &ledger::DATASET,
    &audit::DATASET,
];
