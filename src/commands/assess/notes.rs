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
    /// The budget line that limited the plan, when one left less room than
    /// the rule set's cap (notes stored before lines were planned have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<LineBound>,
    /// The rule set's least subsidy (seed 001 art. 14: 五千到五万元), which
    /// scaling does not go below (notes stored before it was kept have 0).
    #[serde(default)]
    pub min: i64,
}

/// A budget line as a subsidy note names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineBound {
    /// The panel's code (none: office-wide) and the category (none: all).
    pub panel: Option<String>,
    pub category: Option<String>,
    pub cap: i64,
    pub recorded: i64,
    /// It covers only some of the run's subsidies (a panel's line in an
    /// office-wide run).
    pub partial: bool,
}

impl LineBound {
    pub fn left(&self) -> i64 {
        (self.cap - self.recorded).max(0)
    }

    /// `预算【顾问团 econ·全部类别】剩余 35,460.00 元（上限 …，已列支 …）`.
    pub fn text(&self) -> String {
        let name = crate::commands::budget::caps::line_words(
            self.panel.as_deref(),
            self.category.as_deref(),
        );
        let (left, cap, spent) = (
            money::grouped(self.left()),
            money::grouped(self.cap),
            money::grouped(self.recorded),
        );
        if self.partial {
            crate::tr!(
                "记入预算【{name}】的补贴须在其剩余 {left} 元内（上限 {cap} 元，已列支 {spent} 元）",
                "the subsidies booked under the budget line [{name}] must fit the {left} yuan it has left (cap {cap}, spent {spent})",
            )
        } else {
            crate::tr!(
                "预算【{name}】剩余 {left} 元（上限 {cap} 元，已列支 {spent} 元）",
                "the budget line [{name}] has {left} yuan left (cap {cap}, spent {spent})",
            )
        }
    }
}

impl SubsidyNote {
    /// Whether the subsidy was scaled below its grade's amount.
    pub fn scaled(&self) -> bool {
        self.special.is_none() && self.base > 0 && self.amount != self.base
    }

    /// What the plan had to fit: the budget line that limited it, or the
    /// rule set's cap less the year's other spending.
    pub fn pot(&self) -> String {
        if let Some(line) = &self.line {
            return line.text();
        }
        let available = (self.cap - self.other_spending).max(0);
        let (cap, left) = (money::grouped(self.cap), money::grouped(available));
        if self.other_spending > 0 {
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
        }
    }

    pub fn text(&self) -> String {
        if let Some(reason) = &self.special {
            let amount = money::grouped(self.amount);
            return crate::tr!(
                "特殊贡献 {amount} 元：{reason}",
                "special contribution of {amount} yuan: {reason}"
            );
        }
        let (grade, base) = (GRADE.label(&self.grade), money::grouped(self.base));
        if !self.scaled() {
            return crate::tr!("{grade}标准 {base} 元", "{grade} rate {base} yuan");
        }
        let (total, got, pot) = (
            money::grouped(self.wanted),
            money::grouped(self.amount),
            self.pot(),
        );
        if self.min > 0 && self.amount == self.min && self.amount < self.base {
            return crate::tr!(
                "{grade}标准 {base} 元；全部补贴合计 {total} 元超出（{pot}），按比例调整将低于下限，按规则的最低补贴 {got} 元",
                "{grade} rate {base} yuan; all subsidies together wanted {total} yuan, over what fits ({pot}); scaling would go below the rule set's least subsidy, so {got} yuan",
            );
        }
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

#[cfg(test)]
mod tests {
    use super::SubsidyNote;

    /// A subsidy held at the rule set's least amount says so; one scaled
    /// above it says it was scaled (QA r11: "按比例调整为 5,000" read as if
    /// 5,000 were the proportional share).
    #[test]
    fn a_subsidy_held_at_the_floor_is_not_called_proportional() {
        let mut note = SubsidyNote {
            grade: "basic".into(),
            base: 1_000_000,
            amount: 500_000,
            wanted: 13_000_000,
            cap: 50_000_000,
            other_spending: 40_300_000,
            special: None,
            line: None,
            min: 500_000,
        };
        assert!(
            note.text().contains("按规则的最低补贴 5,000.00 元"),
            "{}",
            note.text()
        );
        note.amount = 812_500;
        assert!(
            note.text().contains("按比例调整为 8,125.00 元"),
            "{}",
            note.text()
        );
    }
}
