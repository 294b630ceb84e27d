//! A validated rule set: what `rules::parse` produces and scoring reads.

/// One thing counted: which count, which kinds (empty: all), bounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub count: String,
    pub kinds: Vec<String>,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    pub label: String,
    /// Met when any one condition holds.
    pub any: Vec<Condition>,
    pub period: String,
    /// The best grade possible when this requirement is missed.
    pub on_miss: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PointsRule {
    pub label: String,
    pub condition: Condition,
    pub each: f64,
    /// At most this many points from this rule.
    pub cap: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quota {
    pub share: f64,
    /// floor | round | ceil
    pub rounding: String,
    /// Keys after points: any count name, or `code`.
    pub tie_break: Vec<String>,
}

/// Subsidy amounts in fen.
#[derive(Clone, Debug, PartialEq)]
pub struct Subsidy {
    pub by_grade: [(String, i64); 4],
    pub min: i64,
    pub max: i64,
    pub cap: i64,
    pub special_max: i64,
    /// The cap covers all of the year's advisor spending, not subsidies alone.
    pub cap_covers_all: bool,
}

impl Subsidy {
    pub fn for_grade(&self, grade: &str) -> i64 {
        self.by_grade
            .iter()
            .find(|(g, _)| g == grade)
            .map_or(0, |(_, v)| *v)
    }
}

/// Grounds the run looks for under seed 001 art. 12(3).
#[derive(Clone, Debug, PartialEq)]
pub struct Dismissal {
    /// Unexcused absences in the year that make a candidate.
    pub absences: Option<i64>,
    /// A missed written-opinion requirement makes a candidate.
    pub written_opinions: bool,
}

/// A validated rule set.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    pub name: String,
    pub panel: Option<String>,
    pub prorate: bool,
    pub requirements: Vec<Requirement>,
    pub points: Vec<PointsRule>,
    /// Points needed for excellent, competent, basic.
    pub thresholds: [f64; 3],
    pub missed_requirement: String,
    pub quota: Option<Quota>,
    pub subsidy: Subsidy,
    /// When an advisor is listed as a dismissal candidate (none without a
    /// `[dismissal]` table).
    pub dismissal: Option<Dismissal>,
}

impl Rules {
    /// Whether any requirement, points rule or tie-break reads `count`
    /// (a run counts contacts only for a rule set that asks for them).
    pub fn counts(&self, count: &str) -> bool {
        self.requirements
            .iter()
            .flat_map(|r| &r.any)
            .chain(self.points.iter().map(|p| &p.condition))
            .any(|c| c.count == count)
            || self
                .quota
                .as_ref()
                .is_some_and(|q| q.tie_break.iter().any(|t| t == count))
    }
}

/// What a requirement or a points rule counts, per advisor per year.
pub const COUNTS: &[&str] = &[
    "attended",           // activities attended (by kind)
    "excused",            // excused absences (by kind)
    "absent",             // unexcused absences (by kind), seed 001 art. 12(3)
    "advice_submitted",   // advice the advisor submitted
    "advice_adopted",     // … adopted or partly adopted (incl. implemented)
    "advice_implemented", // … implemented
    "advice_endorsed",    // … endorsed by a leader (领导批示)
    "contacts",           // contacts naming the advisor (by contact kind; never a 五报告)
];

/// When a requirement is measured.
pub const PERIODS: &[&str] = &["year", "each_half", "year_end"];

pub const GRADES: &[&str] = &["excellent", "competent", "basic", "incompetent"];

/// A rule file's error, with its 1-based line.
#[derive(Debug)]
pub struct RuleError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let line = self.line;
        let message = &self.message;
        write!(
            f,
            "{}",
            crate::tr!("第 {line} 行：{message}", "line {line}: {message}")
        )
    }
}
