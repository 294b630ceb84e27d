//! The rules, with no I/O, printing or clock: callers pass `today`.

pub mod adjustment;
pub mod advice;
pub mod assess;
pub mod budget;
pub mod coverage;
pub mod due;
pub mod festival;
pub mod lifecycle;
pub mod need;
pub mod served;
pub mod work;
