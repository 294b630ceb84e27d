//! Integration tests: the real binary against a temporary database.
//! One module per area; `common` holds the office fixture.

mod advice;
mod appointment;
mod appointment_checks;
mod appointment_rules;
mod appointment_state;
mod assess;
mod assess_guangxi;
mod assess_leavers;
mod bench;
mod catalog;
mod catalog_sample;
mod check;
mod common;
mod concurrency;
mod contacts;
mod crash;
mod crash_writes;
mod dataset_imports;
mod datasets;
mod due;
mod due_large;
mod due_leaders;
mod evolution;
mod exports;
mod foundation;
mod generator;
#[path = "../bench/harness.rs"]
mod harness;
mod held_lock;
mod imports;
mod imports_clerks;
mod imports_masked;
mod imports_repeat;
mod json_codes;
mod ledger;
mod money;
mod nightly;
mod permissions;
mod privacy;
mod readme;
mod recusal;
mod safety;
mod settings;
mod speed_refs;
mod summary;
#[path = "../bench/gen.rs"]
mod synthetic;
mod transfer_speed;
mod work;
mod work_rules;
