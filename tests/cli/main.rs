//! Integration tests: the real binary against a temporary database.
//! One module per area; `common` holds the office fixture.

mod advice;
mod appointment;
mod assess;
mod catalog;
mod check;
mod common;
mod concurrency;
mod contacts;
mod crash;
mod dataset_imports;
mod datasets;
mod evolution;
mod exports;
mod foundation;
mod generator;
#[path = "../bench/gen.rs"]
mod generator_code;
mod imports;
mod ledger;
mod money;
mod privacy;
mod recusal;
mod safety;
mod settings;
mod speed_refs;
mod transfer_speed;
mod work;
mod work_rules;
