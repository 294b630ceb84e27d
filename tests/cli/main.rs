//! Integration tests: the real binary against a temporary database.
//! One module per area; `common` holds the office fixture.

mod common;
mod exports;
mod foundation;
mod imports;
