//! Who and what a year's assessment counts: advisors whose service ended
//! during the year by resignation or dismissal are not assessed (seed 001
//! arts. 13, 16; seed 002 八（一）), and only records dated in an advisor's
//! days in office count — a resignation entered with an earlier date warns
//! of the work on file after it, and `roster check` lists it.

use crate::assess_guangxi::{at, guangxi};
use crate::common::Office;

/// A research report by `code` on `day`, the work of the panel `extra`
/// names with `--panel` (gx otherwise).
fn report(office: &Office, today: &str, code: &str, day: &str, extra: &[&str]) {
    let panel = match extra {
        ["--panel", p] => p,
        _ => "gx",
    };
    let mut args = vec![
        "activity",
        "add",
        "--kind",
        "research_report",
        "--panel",
        panel,
        "--topic",
        "产业技术研究报告",
        "--date",
        day,
        "--advisor",
        code,
        "--attendance",
        "attended",
        "--role",
        "author",
    ];
    if extra.first() != Some(&"--panel") {
        args.extend_from_slice(extra);
    }
    at(office, today, &args);
}

fn advice(office: &Office, today: &str, code: &str, day: &str) {
    at(
        office,
        today,
        &[
            "advice",
            "add",
            "--advisor",
            code,
            "--title",
            "关于科技成果转化的建议",
            "--channel",
            "report",
            "--date",
            day,
        ],
    );
}

/// QA r6 leader finding 2: a resignation entered with an earlier date
/// (`appointment resign … --date 2025-07-15`) left the advisor's later
/// non-guest work on file as service without a word (seed 001 art. 13: the
/// resignation ends the service). Resigning now warns of that work (kept
/// on file), and `roster check` lists the participations dated when the
/// advisor served no panel.
#[test]
fn work_dated_after_a_back_dated_resignation_is_warned_of_and_listed_by_check() {
    let office = guangxi();
    // G04 also joins a second panel from November, so over the whole
    // office G04 still serves at the year's end and is assessed.
    at(
        &office,
        "2025-10-01",
        &[
            "panel",
            "add",
            "--code",
            "gxlab",
            "--name",
            "广西重点实验室顾问",
            "--kind",
            "advisory_panel",
            "--lead-unit",
            "自治区科学技术厅",
            "--term-years",
            "3",
            "--steps",
            "none",
            "--max-age",
            "none",
            "--min-work-years",
            "none",
        ],
    );
    at(
        &office,
        "2025-10-01",
        &[
            "appointment",
            "nominate",
            "G04",
            "--panel",
            "gxlab",
            "--source",
            "org_recommendation",
            "--date",
            "2025-10-01",
        ],
    );
    at(
        &office,
        "2025-10-20",
        &[
            "appointment",
            "appoint",
            "5",
            "--certificate",
            "GXL-01",
            "--start",
            "2025-11-01",
        ],
    );
    // G04's work on gx in September and October, recorded while serving.
    report(&office, "2025-10-20", "G04", "2025-09-10", &[]);
    report(&office, "2025-10-20", "G04", "2025-10-15", &[]);
    advice(&office, "2025-10-20", "G04", "2025-10-15");
    // G01 took part as a guest before the term began (not their service).
    report(&office, "2025-10-20", "G01", "2025-03-01", &["--guest"]);
    let participations = office.int("SELECT count(*) FROM participants WHERE voided_at IS NULL");
    // The resignation, entered on 11-20 with the date it took effect.
    let (code, _, err) = office.run(&[
        "--today",
        "2025-11-20",
        "appointment",
        "resign",
        "4",
        "--date",
        "2025-07-15",
        "--request-date",
        "2025-07-01",
        "--certificate-returned",
        "yes",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("院士04 自 2025-07-15 起不再任职")
            && err.contains("2025-09-10")
            && err.contains("2025-10-15，产业技术研究报告")
            && err.contains("意见建议 #1（2025-10-15"),
        "{err}"
    );
    // Nothing refused, nothing removed.
    assert_eq!(
        office.int("SELECT count(*) FROM participants WHERE voided_at IS NULL"),
        participations
    );
    assert_eq!(
        office.text("SELECT state FROM appointments WHERE id = 4"),
        "resigned"
    );
    // `roster check` lists the two participations dated when G04 served no
    // panel (gx ended 07-15, gxlab began 11-01) — not the guest's.
    let (code, out, _) = office.run(&[
        "--today",
        "2025-11-20",
        "--format",
        "csv",
        "check",
        "--only",
        "participations_in_office",
    ]);
    assert_eq!(code, 4, "{out}");
    let found: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("participations_in_office"))
        .collect();
    assert_eq!(found.len(), 2, "{out}");
    assert!(
        found[0].contains("2025-09-10") && found[1].contains("2025-10-15"),
        "{out}"
    );
    assert!(!out.contains("院士01"), "{out}");
}
