//! Integration tests: the real binary against a temporary database.
//! One module per area; `common` holds the office fixture.

mod appointment;
mod common;
mod contacts;
mod foundation;
