//! Integration tests: the real binary against a temporary database.
//! One module per area; `common` holds the office fixture.

mod catalog;
mod check;
mod common;
mod concurrency;
mod crash;
mod evolution;
mod foundation;
mod privacy;
mod safety;
