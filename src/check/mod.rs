//! `roster check`'s registry: named checks, one function each, run in order
//! over one read snapshot. SQLite's own checks come first, then the
//! domain's, then the audit trail.
//!
//! Adding a check (later issues append theirs):
//! 1. write `fn my_check(scope: &Scope) -> anyhow::Result<Vec<Finding>>` in the
//!    file of its area (`check/<area>.rs`; SQL with parameters, no printing);
//! 2. append a `Check { name, zh, en, run: area::my_check }` to `CHECKS`;
//! 3. test it by inserting the inconsistent rows with rusqlite and running
//!    `roster check` (exit 4, the finding named) — see tests/cli/check.rs.
//!
//! A finding is a real inconsistency, never a state the design allows (an
//! `appointed` row whose term has ended is `expired` on read, not a problem).

mod assess;
pub mod database;
mod money;
mod roster;
mod work;

use chrono::NaiveDate;
use rusqlite::Connection;

/// What a check looks at.
pub struct Scope<'a> {
    pub conn: &'a Connection,
    pub today: NaiveDate,
    /// `today` as stored (ISO), for SQL parameters.
    pub today_iso: String,
}

/// One problem: where it is and what is wrong, in the user's language.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub table: Option<String>,
    pub id: Option<i64>,
    pub detail: String,
}

impl Finding {
    pub fn new(table: &str, id: Option<i64>, detail: String) -> Self {
        Finding {
            table: Some(table.to_string()),
            id,
            detail,
        }
    }

    /// A problem with the file as a whole.
    pub fn general(detail: String) -> Self {
        Finding {
            table: None,
            id: None,
            detail,
        }
    }
}

pub type CheckFn = fn(&Scope) -> anyhow::Result<Vec<Finding>>;

/// A named check in the registry.
pub struct Check {
    /// Stable key (JSON, `--only`).
    pub name: &'static str,
    /// What it looks for.
    pub zh: &'static str,
    pub en: &'static str,
    pub run: CheckFn,
}

impl Check {
    pub fn label(&self) -> &'static str {
        crate::i18n::pick(self.zh, self.en)
    }
}

/// Every check, in the order it runs.
pub static CHECKS: &[Check] = &[
    Check {
        name: "integrity",
        zh: "SQLite 完整性检查（PRAGMA integrity_check）",
        en: "SQLite integrity (PRAGMA integrity_check)",
        run: database::integrity,
    },
    Check {
        name: "foreign_keys",
        zh: "外键：指向不存在记录的行",
        en: "foreign keys: rows pointing at missing records",
        run: database::foreign_keys,
    },
    Check {
        name: "appointment_terms",
        zh: "已聘任记录缺少聘期，或聘期起日晚于止日",
        en: "appointed rows without term dates, or starting after they end",
        run: roster::appointment_terms,
    },
    Check {
        name: "certificate_numbers",
        zh: "已聘任记录缺少聘书编号",
        en: "appointed rows without a certificate number",
        run: roster::certificate_numbers,
    },
    Check {
        name: "overlapping_terms",
        zh: "同一专家在同一顾问团的聘期重叠",
        en: "overlapping terms of one advisor on one panel",
        run: roster::overlapping_terms,
    },
    Check {
        name: "renewals",
        zh: "续聘与前一聘期重叠，或续的是他人的聘任",
        en: "renewals overlapping their predecessor or renewing someone else's term",
        run: roster::renewals,
    },
    Check {
        name: "stored_dates",
        zh: "存储的日期不是有效的 ISO 日期",
        en: "stored dates that are not valid ISO dates",
        run: roster::stored_dates,
    },
    Check {
        name: "advisor_codes",
        zh: "只有大小写不同的专家编码（编码不分大小写）",
        en: "advisor codes differing only in case (codes ignore case)",
        run: roster::advisor_codes,
    },
    Check {
        name: "id_numbers",
        zh: "身份证号校验位或出生日期不符（GB 11643）",
        en: "ID numbers failing the GB 11643 check digit or disagreeing with the birth date",
        run: roster::id_numbers,
    },
    Check {
        name: "liaison_coverage",
        zh: "在聘专家没有当前联系人（一对一联系）",
        en: "serving advisors without a current liaison (one-to-one liaison)",
        run: roster::liaison_coverage,
    },
    Check {
        name: "participations_in_office",
        zh: "非特邀参加活动的日期不在专家任职期间",
        en: "non-guest participations dated on a day the advisor served no panel",
        run: work::participations_in_office,
    },
    Check {
        name: "budget_caps",
        zh: "支出超过年度预算上限",
        en: "spending over a yearly budget cap",
        run: money::budget_caps,
    },
    Check {
        name: "stipends_owed",
        zh: "尚未支付的聘金与现在的聘期应付金额不符（如记录后辞去）",
        en: "stipends not yet paid that differ from what the terms now owe (recorded before a resignation, say)",
        run: money::stipends_owed,
    },
    Check {
        name: "assessments_current",
        zh: "考核结果与其依据的记录不再相符",
        en: "assessments that no longer match their records",
        run: assess::assessments_current,
    },
    Check {
        name: "audit_chain",
        zh: "审计日志哈希链（防篡改）",
        en: "the audit log's hash chain (tamper evidence)",
        run: database::audit_chain,
    },
    Check {
        name: "audit_coverage",
        zh: "没有审计记录的数据（审计日志末尾被删除）",
        en: "records without any audit row (audit rows removed from the end)",
        run: database::audit_coverage,
    },
];

/// The registered check called `name`.
pub fn find(name: &str) -> Option<&'static Check> {
    CHECKS.iter().find(|c| c.name == name)
}

/// What a run found.
pub struct Report {
    /// Findings in registry order.
    pub findings: Vec<(&'static Check, Finding)>,
    /// Checks that ran.
    pub ran: usize,
    /// The file itself is damaged: SQLite's integrity check found something,
    /// or a check could not read the file (exit 5, not a finding of the data).
    pub damaged: bool,
}

/// Whether `err` is SQLite finding the file damaged or not a database.
fn is_damage(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<rusqlite::Error>().is_some_and(|e| {
            crate::error::is_garbled_text(e)
                || matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
                )
        })
    })
}

/// Runs `only` the named checks (all when empty) over `conn`, which the
/// caller holds in one read transaction. A check that fails to run (a
/// damaged file) becomes a finding, and the others still run.
pub fn run(conn: &Connection, today: NaiveDate, only: &[&str]) -> Report {
    let scope = Scope {
        conn,
        today,
        today_iso: crate::input::date::iso(today),
    };
    let mut report = Report {
        findings: Vec::new(),
        ran: 0,
        damaged: false,
    };
    for check in CHECKS {
        if !only.is_empty() && !only.contains(&check.name) {
            continue;
        }
        report.ran += 1;
        match (check.run)(&scope) {
            Ok(found) => {
                report.damaged |= check.name == "integrity"
                    && found.iter().any(|f| database::is_file_damage(&f.detail));
                report
                    .findings
                    .extend(found.into_iter().map(|f| (check, f)));
            }
            Err(err) => {
                report.damaged |= is_damage(&err);
                report.findings.push((
                    check,
                    Finding::general(crate::tr!(
                        "检查无法完成：{err:#}",
                        "the check could not run: {err:#}"
                    )),
                ));
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_a_fresh_database_is_clean() {
        let mut names: Vec<&str> = CHECKS.iter().map(|c| c.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), CHECKS.len());
        let conn = Connection::open_in_memory().unwrap();
        for migration in crate::db::MIGRATIONS {
            conn.execute_batch(migration).unwrap();
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let report = run(&conn, today, &[]);
        assert!(report.findings.is_empty());
        assert_eq!(report.ran, CHECKS.len());
    }
}
