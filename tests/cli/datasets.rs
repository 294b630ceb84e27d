//! Every dataset after advisors and panels (issue #9): each importable one
//! round-trips byte for byte through a fresh office in UTF-8 and GBK, the
//! way a clerk moves an office (panels, advisors and their terms first,
//! then liaisons, pairings, contacts, recusals, activities, advice and,
//! with the year's budget set, expenses); activities import one row per
//! participant; the export-only datasets show what their commands show.

use std::path::PathBuf;

use crate::common::{Office, csv_rows};
use crate::exports::bytes;

pub fn write(office: &Office, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = office.dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

pub fn arg(path: &std::path::Path) -> &str {
    path.to_str().unwrap()
}

/// The importable datasets, in the order a clerk brings them in.
const CHAIN: &[&str] = &[
    "liaisons",
    "liaison-assignments",
    "contacts",
    "recusals",
    "activities",
    "advice",
    "expenses",
];

/// The sample's budget lines (from its money script), set in `office`.
pub fn sample_budgets(office: &Office) {
    let script = std::fs::read_to_string("samples/office/80-money.roster").unwrap();
    for line in script.lines().filter(|l| l.starts_with("budget set")) {
        let args = shlex::split(line).unwrap();
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        office.ok(&refs);
    }
}

#[test]
fn every_dataset_round_trips_through_a_fresh_office_in_utf8_and_gbk() {
    let sample = Office::sample();
    for encoding in ["utf-8", "gbk"] {
        let fresh = Office::appointed();
        let mut files = Vec::new();
        for dataset in CHAIN {
            let first = bytes(
                &sample,
                &["export", dataset, "--unmasked", "--encoding", encoding],
            );
            if *dataset == "expenses" {
                sample_budgets(&fresh);
            }
            let file = write(&fresh, &format!("{dataset}.csv"), &first);
            let out = fresh.ok(&["import", dataset, arg(&file)]);
            assert!(out.contains("已导入"), "{dataset}: {out}");
            files.push((dataset, first));
        }
        // Compared once everything is in: liaisons list the advisors their
        // pairings hold, recusals count the activities that overrode them.
        for (dataset, first) in files {
            let again = bytes(
                &fresh,
                &["export", dataset, "--unmasked", "--encoding", encoding],
            );
            assert!(
                first == again,
                "{dataset} in {encoding} changed on the way round:\n{}\n---\n{}",
                String::from_utf8_lossy(&first),
                String::from_utf8_lossy(&again)
            );
        }
        assert_eq!(
            fresh.int("SELECT count(*) FROM audit_log WHERE entity = 'import'"),
            CHAIN.len() as i64,
            "one audit row per import"
        );
        // Every record the imports made lies in their audit rows' id ranges.
        covered_by_imports(&fresh);
        fresh.ok(&["check", "--only", CHECKS]);
    }
}

/// Every record of the tables imports write lies in an id range recorded
/// by an import's one audit row (no audit row per record).
pub fn covered_by_imports(office: &Office) {
    for table in roster::check::database::IMPORTED {
        let uncovered = office.int(&format!(
            "SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM audit_log l
               WHERE l.entity = 'import' AND t.id BETWEEN json_extract(l.after, '$.ranges.{table}[0]')
                                                  AND json_extract(l.after, '$.ranges.{table}[1]'))"
        ));
        assert_eq!(
            uncovered, 0,
            "{table}: records outside every import's ranges"
        );
    }
    assert_eq!(
        office.int(
            "SELECT count(*) FROM audit_log WHERE entity IN ('liaison', 'liaison_assignment', 'contact',
               'recusal', 'activity', 'participant', 'advice', 'expense')"
        ),
        0,
        "an import wrote per-record audit rows"
    );
}

/// The checks a moved office passes (the sample itself has findings of
/// its own in coverage and budgets, which a move keeps).
const CHECKS: &str = "integrity,foreign_keys,stored_dates,audit_chain,audit_coverage";

#[test]
fn english_headers_import_too() {
    let sample = Office::sample();
    let fresh = Office::appointed();
    let sets = ["liaisons", "liaison-assignments", "recusals", "activities"];
    let mut files = Vec::new();
    for dataset in sets {
        let en = bytes(&sample, &["--lang", "en", "export", dataset, "--unmasked"]);
        fresh.ok(&["import", dataset, arg(&write(&fresh, "en.csv", &en))]);
        files.push((dataset, en));
    }
    for (dataset, en) in files {
        assert_eq!(
            bytes(&fresh, &["--lang", "en", "export", dataset, "--unmasked"]),
            en,
            "{dataset}"
        );
    }
}

#[test]
fn activities_are_one_row_per_participant_and_come_back_as_one_activity() {
    let office = Office::sample();
    let text = String::from_utf8(bytes(&office, &["export", "activities"])).unwrap();
    let rows = csv_rows(&text);
    assert_eq!(
        rows[0][..4],
        ["活动编号", "日期", "活动类型", "顾问团"].map(String::from)
    );
    let participants = office.int(
        "SELECT count(*) FROM participants pa JOIN activities ac ON ac.id = pa.activity_id
         WHERE pa.voided_at IS NULL AND ac.voided_at IS NULL",
    );
    let empty = office.int(
        "SELECT count(*) FROM activities ac WHERE ac.voided_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM participants pa WHERE pa.activity_id = ac.id AND pa.voided_at IS NULL)",
    );
    assert_eq!(rows.len() as i64 - 1, participants + empty);
    // Activity 1's details repeat on each of its rows.
    let first: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "1").collect();
    assert!(first.len() > 1);
    assert!(first.iter().all(|r| r[1..11] == first[0][1..11]));
    // --advisor: that advisor's rows only; voided activities never appear.
    let mine = csv_rows(
        &String::from_utf8(bytes(
            &office,
            &[
                "export",
                "activities",
                "--advisor",
                "A0005",
                "--year",
                "2025",
            ],
        ))
        .unwrap(),
    );
    assert!(mine.len() > 1 && mine[1..].iter().all(|r| r[11] == "A0005"));
    let voided = office.int("SELECT id FROM activities WHERE voided_at IS NOT NULL");
    assert!(!rows.iter().any(|r| r[0] == voided.to_string()));

    // A clerk's file: numbered rows share an activity; unnumbered
    // consecutive rows with the same details are one activity too.
    let fresh = Office::appointed();
    let file = "活动编号,日期,活动类型,顾问团,议题,专家编码,姓名,出席情况,请假原因\n\
        ,2025-03-20,顾问团会议,growth,增长极年度会议,A0005,李国栋,出席,\n\
        ,2025-03-20,顾问团会议,growth,增长极年度会议,A0006,,请假,出国交流\n\
        ,2025-04-02,专题研讨,growth,川渝统筹发展研讨,A0005,,出席,\n\
        900,2025-05-06,实地调研,transport,小江航道调研,A0009,,出席,\n\
        900,2025-05-06,实地调研,transport,小江航道调研,A0010,,出席,\n";
    let out = fresh.ok_en(&["import", "activities", arg(&write(&fresh, "a.csv", file))]);
    assert!(out.contains("5 rows: 5 added"), "{out}");
    assert_eq!(fresh.int("SELECT count(*) FROM activities"), 3);
    assert_eq!(
        fresh.text("SELECT group_concat(activity_id) FROM (SELECT activity_id FROM participants ORDER BY id)"),
        "1,1,2,900,900"
    );
    assert_eq!(
        fresh.text("SELECT excuse_reason FROM participants WHERE attendance = 'excused'"),
        "出国交流"
    );
    // The import wrote one audit row, whose id ranges cover what it made.
    assert_eq!(
        fresh.int("SELECT count(*) FROM audit_log WHERE entity = 'import'"),
        1
    );
    fresh.ok(&["check", "--only", CHECKS]);
}

#[test]
fn export_only_datasets_show_what_their_commands_show() {
    let office = Office::sample();
    let appointments = csv_rows(
        &String::from_utf8(bytes(&office, &["--lang", "en", "export", "appointments"])).unwrap(),
    );
    assert_eq!(appointments[0][5], "status");
    // The status is computed on the day (store::status_expr): renewed terms.
    let renewed = appointments.iter().filter(|r| r[5] == "renewed").count() as i64;
    assert!(renewed > 0);
    let expired = csv_rows(
        &String::from_utf8(bytes(
            &office,
            &[
                "--lang",
                "en",
                "export",
                "appointments",
                "--state",
                "expired",
            ],
        ))
        .unwrap(),
    );
    assert!(
        expired[1..].iter().all(|r| r[5] == "expired"),
        "{expired:?}"
    );
    let serving = csv_rows(
        &String::from_utf8(bytes(
            &office,
            &[
                "export",
                "appointments",
                "--panel",
                "tech",
                "--as-of",
                "2025-06-01",
            ],
        ))
        .unwrap(),
    );
    assert!(serving.len() > 1 && serving[1..].iter().all(|r| r[3].contains("科技")));
    // Assessments: the year's results in force.
    let results = csv_rows(
        &String::from_utf8(bytes(&office, &["export", "assessments", "--year", "2025"])).unwrap(),
    );
    assert_eq!(
        results[0][..8],
        [
            "年度",
            "专家编码",
            "姓名",
            "顾问团",
            "在任天数",
            "得分",
            "初评等次",
            "等次"
        ]
        .map(String::from)
    );
    assert!(
        results.len() > 1
            && results[1..]
                .iter()
                .all(|r| r[0] == "2025" && r[12] == "已确定")
    );
    // The ledger: report ledger's rows, for one advisor, who must be named.
    let ledger = String::from_utf8(bytes(
        &office,
        &[
            "export",
            "ledger",
            "--advisor",
            "A0005",
            "--year",
            "2025",
            "--no-bom",
        ],
    ))
    .unwrap();
    let report = office.ok(&[
        "--format", "csv", "report", "ledger", "A0005", "--year", "2025",
    ]);
    let table = report.split("\n\n").last().unwrap();
    assert_eq!(
        csv_rows(&ledger),
        csv_rows(table.trim_start_matches(|c: char| c != '\n').trim_start())
    );
    let err = office.fails_en(3, &["export", "ledger"]);
    assert!(err.contains("--advisor"), "{err}");
    // Liaisons' phones are masked unless --unmasked.
    let liaisons = String::from_utf8(bytes(&office, &["export", "liaisons"])).unwrap();
    assert!(liaisons.contains("139****1021") && !liaisons.contains("13908351021"));
    // A filter the dataset does not take is refused by name.
    let err = office.fails_en(
        3,
        &["export", "ledger", "--advisor", "A0005", "--kind", "visit"],
    );
    assert!(err.contains("--kind") && err.contains("ledger"), "{err}");
}

#[test]
fn filters_narrow_each_export() {
    let office = Office::sample();
    let count = |args: &[&str]| {
        let mut all = vec!["export"];
        all.extend_from_slice(args);
        csv_rows(&String::from_utf8(bytes(&office, &all)).unwrap()).len() as i64 - 1
    };
    assert_eq!(
        count(&["contacts", "--kind", "greeting"]),
        office.int("SELECT count(*) FROM contacts WHERE kind = 'greeting' AND voided_at IS NULL")
    );
    assert_eq!(
        count(&["expenses", "--year", "2025", "--kind", "差旅费"]),
        office.int(
            "SELECT count(*) FROM expenses WHERE category = 'travel' AND voided_at IS NULL AND on_date LIKE '2025%'"
        )
    );
    assert_eq!(
        count(&["expenses", "--status", "all"]),
        office.int("SELECT count(*) FROM expenses")
    );
    assert_eq!(
        count(&["advice", "--status", "implemented"]),
        office
            .int("SELECT count(*) FROM advice WHERE status = 'implemented' AND voided_at IS NULL")
    );
    assert_eq!(count(&["recusals", "--advisor", "A0020"]), 1);
    assert_eq!(
        count(&["liaison-assignments", "--advisor", "A0001"]),
        office.int("SELECT count(*) FROM liaison_assignments WHERE advisor_id = 1")
    );
    let err = office.fails_en(3, &["export", "activities", "--kind", "party"]);
    assert!(err.contains("--kind"), "{err}");
    let err = office.fails_en(3, &["export", "contacts", "--year", "20x5"]);
    assert!(err.contains("--year"), "{err}");
}
