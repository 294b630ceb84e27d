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
mod due;
mod due_large;
mod evolution;
mod exports;
mod foundation;
mod generator;
#[path = "../bench/gen.rs"]
mod generator_code;
mod imports;
mod ledger;
mod money;
mod nightly;
mod privacy;
mod recusal;
mod safety;
mod settings;
mod summary;
mod work;
mod work_rules;
