//! The one input layer every command uses: dates, money, ID numbers, text
//! checks, enumerations (in `labels`), name resolution and prompts.

pub mod date;
pub mod form;
pub mod idcard;
pub mod money;
#[cfg(test)]
mod properties;
pub mod resolve;
pub mod text;

pub use form::Form;
