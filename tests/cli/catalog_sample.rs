//! The bad-input catalog, continued on the sample office (issue #11, 4):
//! the commands that need appointments, work, money and an assessment to be
//! refused for the right reason — wrong states, locked years, over-budget
//! amounts, people not serving, unknown names and malformed values. Each row
//! checks the exit code, that the message names the problem, and that a full
//! dump of the database is unchanged.

use crate::common::Office;

#[rustfmt::skip] // a table: one invocation a line
const ROWS: &[(i32, &str, &[&str])] = &[
    // appointments (seed 001 arts. 4, 5, 12, 13; seed 000 art. 7)
    (4, "already in", &["appointment", "nominate", "A0039", "--panel", "agri", "--source", "self"]),
    (3, "--date", &["appointment", "vet", "70", "--date", "2026-13-01"]),
    (3, "--certificate", &["appointment", "appoint", "68"]),
    (3, "#999", &["appointment", "approve", "999"]),
    (3, "--ground", &["appointment", "dismiss", "34", "--ground", "bribery", "--yes"]),
    (4, "expired", &["appointment", "resign", "10", "--request-date", "2026-01-01", "--certificate-returned", "yes"]),
    (4, "nominate anew", &["appointment", "renew", "14"]),
    (3, "--expiring-within", &["appointment", "list", "--expiring-within", "soon"]),
    (3, "--year", &["appointment", "review", "--year", "1900"]),
    // liaison and contacts (seeds 000, 004)
    (3, "--name", &["liaison", "add", "--name", ""]),
    (3, "L999", &["liaison", "assign", "L999", "--advisor", "A0001", "--from", "2026-01-01"]),
    (4, "not serving", &["liaison", "assign", "L001", "--advisor", "A0037", "--from", "2026-01-01"]),
    (4, "--until", &["liaison", "unassign", "L001", "--advisor", "A0040", "--until", "2026-01-01"]),
    (3, "--kind", &["contact", "add", "--kind", "party", "--advisor", "A0001", "--date", "2026-11-01"]),
    (3, "after today", &["contact", "add", "--kind", "visit", "--advisor", "A0001", "--date", "2027-01-01"]),
    (3, "--festival", &["contact", "add", "--kind", "greeting", "--advisor", "A0001", "--date", "2026-11-01"]),
    (3, "christmas", &["contact", "add", "--kind", "greeting", "--festival", "christmas", "--advisor", "A0001", "--date", "2026-11-01"]),
    (4, "never been appointed", &["contact", "add", "--kind", "visit", "--advisor", "A0037", "--date", "2026-11-01"]),
    (3, "#9999", &["contact", "void", "9999", "--reason", "x"]),
    (3, "1900", &["festivals", "1900"]),
    // the work (seed 001 arts. 10–12)
    (4, "--guest", &["activity", "add", "--kind", "seminar", "--date", "2026-11-01", "--topic", "x", "--advisor", "A0037"]),
    (3, "--hours", &["activity", "add", "--kind", "seminar", "--date", "2026-11-01", "--topic", "x", "--hours", "25", "--advisor", "A0001"]),
    (3, "listed twice", &["activity", "add", "--kind", "seminar", "--date", "2026-11-01", "--topic", "x", "--advisor", "A0001", "--advisor", "A0001"]),
    (4, "not come yet", &["activity", "add", "--kind", "seminar", "--date", "2027-01-01", "--topic", "x", "--advisor", "A0001", "--attendance", "attended"]),
    (4, "locked", &["activity", "add", "--kind", "seminar", "--date", "2025-03-01", "--panel", "tech", "--topic", "x", "--advisor", "A0032", "--attendance", "attended"]),
    (3, "not on activity", &["activity", "attend", "1", "A0040"]),
    (3, "#9999", &["activity", "void", "9999", "--reason", "x"]),
    (3, "--channel", &["advice", "add", "--title", "x", "--channel", "pigeon", "--advisor", "A0001", "--date", "2026-11-01"]),
    (4, "never moves back", &["advice", "update", "1", "--status", "submitted"]),
    (3, "--feedback-on", &["advice", "update", "17", "--feedback-by", "x", "--feedback-on", "2020-01-01"]),
    (3, "after today", &["recusal", "add", "A0001", "--matter", "x", "--date", "2027-01-01", "--reason", "y"]),
    (3, "'; DROP TABLE", &["advisor", "show", "'; DROP TABLE advisors; --"]),
    // money (seed 001 art. 14, seed 002 part 6)
    (3, "greater than zero", &["expense", "add", "A0005", "--category", "travel", "--amount", "-5", "--date", "2026-11-01"]),
    (3, "two decimals", &["expense", "add", "A0005", "--category", "travel", "--amount", "1.234", "--date", "2026-11-01"]),
    (3, "12abc", &["expense", "add", "A0005", "--category", "travel", "--amount", "12abc", "--date", "2026-11-01"]),
    (3, "after today", &["expense", "add", "A0005", "--category", "travel", "--amount", "300", "--date", "2026-11-30", "--voucher", "PZ-F1"]),
    (3, "bribe", &["expense", "add", "A0005", "--category", "bribe", "--amount", "5", "--date", "2026-11-01"]),
    (4, "serves on no panel", &["expense", "add", "A0037", "--category", "consultation", "--amount", "5", "--date", "2026-11-01"]),
    (3, "FG2025-0021", &["expense", "add", "A0005", "--category", "travel", "--amount", "5", "--date", "2026-11-01", "--voucher", "FG2025-0021"]),
    (4, "cap 50,000.00", &["expense", "add", "A0028", "--category", "travel", "--amount", "90000", "--date", "2026-11-01"]),
    (3, "--cap", &["budget", "set", "--year", "2026", "--cap", "-1"]),
    (3, "--year", &["budget", "set", "--year", "3000", "--cap", "5"]),
    // the assessment (seed 001 art. 16: a confirmed year stands)
    (4, "confirmed", &["assess", "run", "--year", "2025", "--rules", "samples/rules/kaizhou-tech.toml"]),
    (3, "--rules", &["assess", "run", "--year", "2026", "--rules", "/nonexistent/rules.toml"]),
    (4, "did not serve", &["assess", "grade", "A0037", "--year", "2025", "--grade", "excellent", "--reason", "x"]),
    (4, "confirmed", &["assess", "grade", "A0032", "--year", "2025", "--grade", "excellent", "--reason", "x"]),
    (3, "superb", &["assess", "grade", "A0032", "--year", "2026", "--grade", "superb", "--reason", "x"]),
    (4, "2031", &["assess", "confirm", "--year", "2031"]),
    (3, "2019", &["assess", "explain", "A0001", "--year", "2019"]),
    (4, "no term", &["assess", "term", "68"]),
    // reports, due, settings, exports
    (3, "--panel", &["due", "--panel", "nosuch"]),
    (3, "--year", &["report", "summary", "--year", "1900"]),
    (3, "nobody", &["report", "ledger", "nobody"]),
    (3, "--year", &["report", "coverage", "--year", "2200"]),
    (3, "--panel", &["report", "spending", "--panel", "nosuch"]),
    (3, "due.window_days", &["settings", "set", "due.window_days", "0"]),
    (3, "nosuch", &["settings", "set", "nosuch", "1"]),
    (3, "--encoding", &["export", "advisors", "--encoding", "ebcdic"]),
    (3, "/nonexistent.csv", &["import", "activities", "/nonexistent.csv"]),
    (3, "--since", &["log", "--since", "yesterday-ish"]),
    (3, "nosuch", &["check", "--only", "nosuch"]),
];

#[test]
fn bad_invocations_on_the_sample_office_are_refused_and_change_nothing() {
    let office = Office::sample();
    assert!(ROWS.len() >= 60, "{} rows", ROWS.len());
    for (code, says, args) in ROWS {
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        let err = office.fails(*code, &all);
        assert!(
            err.contains(says),
            "roster {args:?}: the message does not name {says:?}:\n{err}"
        );
    }
}
