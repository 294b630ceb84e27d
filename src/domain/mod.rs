//! The rules, with no I/O, printing or clock: callers pass `today`.

pub mod coverage;
pub mod festival;
pub mod lifecycle;
