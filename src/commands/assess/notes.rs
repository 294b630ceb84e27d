//! Explanations stored with results as JSON and shown in the reader's
//! language: how a subsidy was computed, where the quota left someone, the
//! dismissal evidence. Text that is not JSON is shown as it is.

use serde::{Deserialize, Serialize};

use crate::domain::assess::score::{Evidence, QuotaPlace};
use crate::input::money;
use crate::labels::GRADE;

/// How one subsidy was computed (all amounts in fen).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SubsidyNote {
    pub grade: String,
    pub base: i64,
    pub amount: i64,
    /// What all the claims together wanted.
    pub wanted: i64,
    /// The rule set's cap and the year's other spending taken off it.
    pub cap: i64,
    pub other_spending: i64,
    /// A special contribution fixed by `assess adjust`.
    pub special: Option<String>,
}

impl SubsidyNote {
    pub fn text(&self) -> String {
        if let Some(reason) = &self.special {
            let amount = money::grouped(self.amount);
            return crate::tr!(
                "特殊贡献 {amount} 元：{reason}",
                "special contribution of {amount} yuan: {reason}"
            );
        }
        let (grade, base) = (GRADE.label(&self.grade), money::grouped(self.base));
        let available = (self.cap - self.other_spending).max(0);
        if self.wanted <= available || self.base == 0 {
            return crate::tr!("{grade}标准 {base} 元", "{grade} rate {base} yuan");
        }
        let (total, got, cap, left) = (
            money::grouped(self.wanted),
            money::grouped(self.amount),
            money::grouped(self.cap),
            money::grouped(available),
        );
        let pot = if self.other_spending > 0 {
            let other = money::grouped(self.other_spending);
            crate::tr!(
                "年度顾问经费上限 {cap} 元，已有其他经费 {other} 元，补贴可用 {left} 元",
                "the yearly advisor funding cap of {cap} yuan less {other} yuan of other spending leaves {left} yuan",
            )
        } else {
            crate::tr!(
                "补贴年度上限 {cap} 元",
                "the yearly subsidy cap is {cap} yuan"
            )
        };
        crate::tr!(
            "{grade}标准 {base} 元；全部补贴合计 {total} 元超出（{pot}），按比例调整为 {got} 元",
            "{grade} rate {base} yuan; all subsidies together wanted {total} yuan, over what fits ({pot}), so scaled to {got} yuan",
        )
    }
}

/// A stored subsidy note as a sentence.
pub fn subsidy(stored: &str) -> String {
    serde_json::from_str::<SubsidyNote>(stored)
        .map(|n| n.text())
        .unwrap_or_else(|_| stored.to_string())
}

/// A stored quota place as a sentence.
pub fn quota(stored: &str) -> String {
    serde_json::from_str::<QuotaPlace>(stored)
        .map(|q| q.text())
        .unwrap_or_else(|_| stored.to_string())
}

/// Stored dismissal evidence as a sentence.
pub fn evidence(stored: &str) -> String {
    serde_json::from_str::<Evidence>(stored)
        .map(|e| e.text())
        .unwrap_or_else(|_| stored.to_string())
}
