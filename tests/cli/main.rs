//! Integration tests: the real binary against a temporary database.
//! One module per area; `common` holds the office fixture.

mod advice;
mod appointment;
mod common;
mod foundation;
mod ledger;
mod recusal;
mod work;
mod work_rules;
