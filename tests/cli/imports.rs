//! `roster import`: round trips (export → import into a fresh office →
//! export gives the same bytes, UTF-8 and GBK, for every dataset), files a
//! real spreadsheet wrote, duplicates, and every kind of bad file: clear
//! errors naming line and column, exit 3, nothing written.

use std::path::PathBuf;

use crate::common::Office;
use crate::exports::bytes;

fn write(office: &Office, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = office.dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn arg(path: &std::path::Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn every_dataset_round_trips_byte_for_byte_in_utf8_and_gbk() {
    let sample = Office::sample();
    for encoding in ["utf-8", "gbk"] {
        let fresh = Office::empty();
        for dataset in ["panels", "advisors"] {
            let first = bytes(
                &sample,
                &["export", dataset, "--unmasked", "--encoding", encoding],
            );
            let file = write(&fresh, &format!("{dataset}.csv"), &first);
            let out = fresh.ok(&["import", dataset, arg(&file)]);
            assert!(out.contains("已导入"), "{out}");
            let again = bytes(
                &fresh,
                &["export", dataset, "--unmasked", "--encoding", encoding],
            );
            assert!(
                first == again,
                "{dataset} in {encoding} changed on the way round"
            );
        }
        // Both languages' headers are accepted.
        let en = bytes(&sample, &["--lang", "en", "export", "panels", "--unmasked"]);
        let other = Office::empty();
        other.ok(&["import", "panels", arg(&write(&other, "en.csv", &en))]);
        assert_eq!(
            bytes(&other, &["--lang", "en", "export", "panels", "--unmasked"]),
            en
        );
    }
}

#[test]
fn one_audit_row_per_import_with_name_hash_and_count() {
    let sample = Office::sample();
    let fresh = Office::empty();
    let file = write(
        &fresh,
        "roster.csv",
        bytes(&sample, &["export", "advisors", "--unmasked"]),
    );
    fresh.ok(&["import", "advisors", arg(&file)]);
    assert_eq!(
        fresh.int("SELECT count(*) FROM audit_log"),
        1,
        "no per-row audit rows"
    );
    let after = fresh.text("SELECT after FROM audit_log WHERE entity = 'import'");
    let json: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(json["file"], "roster.csv");
    assert_eq!(json["rows"], 40);
    let sha = json["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    // The search index was built for imported rows too.
    assert!(
        fresh
            .ok(&["--format", "csv", "advisor", "search", "集成电路"])
            .lines()
            .count()
            > 1
    );
}

#[test]
fn spreadsheet_files_from_libreoffice_import_with_every_character_intact() {
    // Made once by LibreOffice 7.4 (tests/fixtures/make-fixtures.sh): the
    // roster opened and saved as GBK CSV and as UTF-8 CSV with BOM, and our
    // xlsx export saved back to CSV. Each imports into a fresh office that
    // then exports exactly the roster the fixtures started from.
    let expected = include_bytes!("../fixtures/roster-expected.csv");
    for fixture in [
        "roster-libreoffice-gbk.csv",
        "roster-libreoffice-utf8-bom.csv",
        "roster-xlsx-libreoffice.csv",
    ] {
        let office = Office::empty();
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture);
        office.ok(&["import", "advisors", arg(&path)]);
        assert_eq!(
            office.text("SELECT name FROM advisors WHERE code = 'A0041'"),
            "欧阳晓雯"
        );
        assert_eq!(
            office.text("SELECT id_number FROM advisors WHERE code = 'A0005'"),
            "50023419640719483X"
        );
        assert!(
            office
                .text("SELECT notes FROM advisors WHERE code = 'A0041'")
                .starts_with("=SUM(A1:A2)")
        );
        let again = bytes(&office, &["export", "advisors", "--unmasked"]);
        assert!(
            again == expected,
            "{fixture} did not import to the same roster"
        );
    }
}

#[test]
fn duplicates_fail_by_default_and_can_be_skipped_or_updated_with_audit() {
    let office = Office::sample();
    let mut text = String::from_utf8(bytes(
        &office,
        &["export", "advisors", "--unmasked", "--no-bom"],
    ))
    .unwrap();
    let err = office.fails_en(
        3,
        &["import", "advisors", arg(&write(&office, "a.csv", &text))],
    );
    assert!(
        err.contains("line 2, 编码: code A0001 (")
            && err.contains(") is already on file")
            && err.contains("--on-duplicate"),
        "{err}"
    );
    let out = office.ok_en(&[
        "import",
        "advisors",
        arg(&write(&office, "a.csv", &text)),
        "--on-duplicate",
        "skip",
    ]);
    assert!(out.contains("40 skipped"), "{out}");
    assert!(!out.contains("differ"), "{out}");
    text = text.replace("重庆大学,原副校长", "重庆大学,名誉校长");
    // Skipped, but not silently: the clerk learns which line differs.
    let out = office.ok_en(&[
        "import",
        "advisors",
        arg(&write(&office, "b.csv", &text)),
        "--on-duplicate",
        "skip",
    ]);
    assert!(
        out.contains("40 skipped; 1 of the rows skipped differ from the roster and were not updated (lines 2)"),
        "{out}"
    );
    assert_eq!(
        office.text("SELECT position FROM advisors WHERE code = 'A0001'"),
        "原副校长"
    );
    let out = office.ok_en(&[
        "import",
        "advisors",
        arg(&write(&office, "b.csv", &text)),
        "--on-duplicate",
        "update",
    ]);
    // Only the row that changes is rewritten; the others are left alone.
    assert!(out.contains("1 updated, 39 skipped"), "{out}");
    assert_eq!(
        office.text("SELECT position FROM advisors WHERE code = 'A0001'"),
        "名誉校长"
    );
    let audit = office.text("SELECT before || after FROM audit_log WHERE action = 'import_update'");
    assert!(
        audit.contains("原副校长") && audit.contains("名誉校长"),
        "{audit}"
    );
    assert_eq!(
        office.int("SELECT count(*) FROM audit_log WHERE action = 'import_update'"),
        1,
        "only the changed row"
    );
    // The same person twice in one file is always refused.
    let twice =
        "姓名,类别,身份证号\n李明,科技顾问,11010519491231002X\n李明,科技顾问,11010519491231002x\n";
    let err = office.fails_en(
        3,
        &[
            "import",
            "advisors",
            arg(&write(&office, "c.csv", twice)),
            "--on-duplicate",
            "update",
        ],
    );
    assert!(
        err.contains("line 3, 身份证号: ID number") && err.contains("repeats line 2"),
        "{err}"
    );
    let err = office.fails_en(
        3,
        &[
            "import",
            "advisors",
            arg(&write(&office, "c.csv", twice)),
            "--on-duplicate",
            "merge",
        ],
    );
    assert!(err.contains("--on-duplicate"), "{err}");
}

#[test]
fn headers_in_any_order_unknown_and_missing_columns_named() {
    let office = Office::empty();
    let file = write(
        &office,
        "a.csv",
        "category,备注,NAME\n科技顾问,x,李明\ndecision_expert,,王芳\n",
    );
    office.ok(&["import", "advisors", arg(&file)]);
    assert_eq!(
        office.text("SELECT group_concat(code || name || category, ';') FROM advisors"),
        "A0001李明tech_advisor;A0002王芳decision_expert"
    );
    let office = Office::empty();
    let file = write(
        &office,
        "b.csv",
        "姓名,类别,爱好,Shoe size\n李明,科技顾问,钓鱼,42\n",
    );
    let err = office.fails_en(3, &["import", "advisors", arg(&file)]);
    assert!(
        err.contains("爱好") && err.contains("Shoe size") && err.contains("--ignore-unknown"),
        "{err}"
    );
    office.ok(&["import", "advisors", arg(&file), "--ignore-unknown"]);
    let office = Office::empty();
    let err = office.fails_en(
        3,
        &[
            "import",
            "advisors",
            arg(&write(&office, "c.csv", "姓名,电话\n李明,13800001111\n")),
        ],
    );
    assert!(
        err.contains("missing required columns: 类别 (category)"),
        "{err}"
    );
}

#[test]
fn a_dry_run_checks_everything_and_writes_nothing() {
    let office = Office::empty();
    let file = write(&office, "a.csv", "姓名,类别\n李明,科技顾问\n");
    let out = office.ok_en(&["import", "advisors", arg(&file), "--dry-run"]);
    assert!(
        out.contains("nothing written") && out.contains("1 to add"),
        "{out}"
    );
    assert_eq!(office.int("SELECT count(*) FROM advisors"), 0);
    assert_eq!(office.int("SELECT count(*) FROM audit_log"), 0);
}

/// An import fills the search index for its new rows in one statement, with
/// the index's insert trigger set aside and made again in the same
/// transaction: new and old advisors are found, the index passes SQLite's
/// own check, and advisors added afterwards (or after a dry run) are indexed.
#[test]
fn an_import_fills_the_search_index_and_gives_its_trigger_back() {
    let office = Office::sample();
    let trigger = "SELECT sql FROM sqlite_master WHERE name = 'advisors_fts_insert'";
    let before = office.text(trigger);
    let search = |words: &str| office.ok(&["--format", "csv", "advisor", "search", words]);
    let old_hits = search("集成电路");
    let file = write(
        &office,
        "new.csv",
        "姓名,类别,工作单位,专业领域\n林静怡,科技顾问,重庆量子研究院,拓扑量子计算\n",
    );
    office.ok(&["import", "advisors", arg(&file), "--dry-run"]);
    assert_eq!(office.text(trigger), before);
    assert!(!search("拓扑量子").contains("林静怡"));
    office.ok(&["import", "advisors", arg(&file)]);
    assert_eq!(office.text(trigger), before);
    assert!(search("拓扑量子").contains("林静怡"));
    assert!(search("重庆量子研究院").contains("林静怡"));
    assert_eq!(search("集成电路"), old_hits, "advisors on file still found");
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "周子墨",
        "--category",
        "tech_advisor",
        "--fields",
        "深海探测",
    ]);
    assert!(search("深海探测").contains("周子墨"));
    assert_eq!(office.text("PRAGMA integrity_check"), "ok");
    office.ok(&["check", "--only", "integrity"]);
}

/// 10,000 valid advisors; row `bad` (1-based, data rows) spoiled by `spoil`.
fn ten_thousand(spoil: impl Fn(usize, &mut Vec<String>)) -> String {
    let mut out = String::from("编码,姓名,类别,出生日期,个人年度聘金,身份证号\n");
    for i in 1..=10_000 {
        let mut row: Vec<String> = vec![
            format!("B{i:05}"),
            format!("专家{i}"),
            "科技顾问".into(),
            "1970-01-01".into(),
            "\"1,000.50\"".into(),
            String::new(),
        ];
        spoil(i, &mut row);
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

#[test]
fn bad_dates_money_and_ids_deep_in_a_file_are_all_reported_by_line_and_column() {
    let office = Office::sample();
    let good = ten_thousand(|_, _| {});
    let fresh = Office::empty();
    fresh.ok(&["import", "advisors", arg(&write(&fresh, "good.csv", &good))]);
    assert_eq!(
        fresh.int("SELECT sum(stipend_fen) FROM advisors"),
        10_000 * 100_050
    );
    let bad = ten_thousand(|i, row| match i {
        9_876 => row[3] = "1970-02-30".into(),
        9_877 => row[4] = "12.345".into(),
        9_878 => row[5] = "110105194912310021".into(),
        9_879 => row[2] = "宇航员".into(),
        _ => {}
    });
    let err = office.fails_en(
        3,
        &["import", "advisors", arg(&write(&office, "bad.csv", &bad))],
    );
    assert!(err.contains("4 problems in 10000 rows"), "{err}");
    assert!(
        err.contains("line 9877, 出生日期: \"1970-02-30\" is not a valid date"),
        "{err}"
    );
    assert!(
        err.contains("line 9878, 个人年度聘金: \"12.345\" is not an amount"),
        "{err}"
    );
    assert!(
        err.contains("line 9879, 身份证号: ID number \"110105********0021\" fails its check digit"),
        "{err}"
    );
    assert!(
        err.contains("line 9880, 类别: unknown category \"宇航员\""),
        "{err}"
    );
    // Thousands of bad rows: the first 200 are listed, the rest counted.
    let all_bad = ten_thousand(|_, row| row[3] = "someday".into());
    let err = office.fails_en(
        3,
        &[
            "import",
            "advisors",
            arg(&write(&office, "worse.csv", &all_bad)),
        ],
    );
    assert!(
        err.contains("10000 problems") && err.contains("9800 more not listed"),
        "{err}"
    );
    assert!(err.lines().count() < 210, "the list is capped");
}

#[test]
fn files_that_are_not_good_csv_are_refused_clearly() {
    let office = Office::sample();
    let check = |name: &str, contents: &[u8], expected: &[&str], extra: &[&str]| {
        let path = write(&office, name, contents);
        let mut args = vec!["import", "advisors", arg(&path)];
        args.extend_from_slice(extra);
        let err = office.fails_en(3, &args);
        for part in expected {
            assert!(err.contains(part), "{name}: {part:?} missing from {err}");
        }
    };
    check("empty.csv", b"", &["is empty"], &[]);
    check("bom-only.csv", b"\xef\xbb\xbf\n", &["empty"], &[]);
    check(
        "image.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        &["not a CSV text file", "PNG"],
        &[],
    );
    check(
        "book.xlsx",
        b"PK\x03\x04\x14\0\x06\0",
        &["xlsx workbook"],
        &[],
    );
    check("utf16.csv", b"\xff\xfe\xd3\x59\x0d\x54", &["UTF-16"], &[]);
    // GBK bytes read as UTF-8 on request: the line and the fix are named.
    let gbk =
        b"\xd0\xd5\xc3\xfb,\xc0\xe0\xb1\xf0\n\xc0\xee\xc3\xf7,\xbf\xc6\xbc\xbc\xb9\xcb\xce\xca\n";
    check(
        "gbk.csv",
        gbk,
        &["line 1", "not UTF-8", "--encoding gbk"],
        &["--encoding", "utf-8"],
    );
    check(
        "junk.csv",
        b"a,b\n\xff\xff\xff\n",
        &["neither UTF-8 nor GBK"],
        &["--ignore-unknown"],
    );
    check(
        "ragged.csv",
        "姓名,类别\n李明,科技顾问\n王芳\n赵六,科技顾问,多余\n".as_bytes(),
        &["line 3: 1 cells where the header has 2", "line 4: 3 cells"],
        &[],
    );
    check(
        "truncated.csv",
        "姓名,类别,备注\n李明,科技顾问,\"未完".as_bytes(),
        &["line 2", "unbalanced quote"],
        &[],
    );
    check(
        "formula.csv",
        "姓名,类别,工作单位\n李明,科技顾问,\"=HYPERLINK(\"\"http://x\"\")\"\n".as_bytes(),
        &["line 2, 工作单位: the cell is a spreadsheet formula"],
        &[],
    );
    check(
        "dde.csv",
        "姓名,类别,备注\n李明,科技顾问,+1+cmd|' /C calc'!A0\n".as_bytes(),
        &["line 2, 备注"],
        &[],
    );
    check(
        "blank.csv",
        "姓名,类别\n,科技顾问\n".as_bytes(),
        &["line 2, 姓名: required"],
        &[],
    );
    let err = office.fails_en(3, &["import", "advisors", "/no/such/file.csv"]);
    assert!(
        err.contains("FILE") && err.contains("/no/such/file.csv"),
        "{err}"
    );
}

#[test]
fn panels_import_through_panel_add_rules() {
    let office = Office::empty();
    let file = write(
        &office,
        "p.csv",
        "编码,名称,类型,聘任步骤,默认聘期(年),年度聘金\n\
        tech,科技顾问团,顾问团,无,2,300000\nhealth,健康顾问团,advisory_panel,,9,\n",
    );
    let err = office.fails_en(3, &["import", "panels", arg(&file)]);
    assert!(
        err.contains("line 3, 默认聘期(年): \"9\" should be a whole number from 1 to 5"),
        "{err}"
    );
    let file = write(
        &office,
        "p.csv",
        "编码,名称,类型,聘任步骤,默认聘期(年),年度聘金\n\
        tech,科技顾问团,顾问团,无,2,300000\nhealth,健康顾问团,advisory_panel,,3,\n",
    );
    office.ok(&["import", "panels", arg(&file)]);
    assert_eq!(office.text("SELECT steps || '|' || term_years || '|' || stipend_fen FROM panels WHERE code = 'tech'"), "|2|30000000");
    assert_eq!(
        office.text("SELECT steps FROM panels WHERE code = 'health'"),
        "vetted,checked,reviewed,approved,publicized"
    );
}

/// One audit row covers a whole import: `check` accepts the records it
/// created (by the id ranges the row records) and still finds a record
/// written around roster.
#[test]
fn an_import_is_audited_once_and_check_accepts_its_records() {
    let source = Office::sample();
    let file = source.dir.path().join("advisors.csv");
    source.ok(&[
        "export",
        "advisors",
        "--unmasked",
        "--out",
        file.to_str().unwrap(),
    ]);
    let office = Office::empty();
    office.ok(&["import", "advisors", file.to_str().unwrap()]);
    assert_eq!(office.int("SELECT count(*) FROM audit_log"), 1);
    assert_eq!(
        office.text("SELECT json_extract(after, '$.ranges.advisors') FROM audit_log"),
        "[1,40]"
    );
    office.ok(&["check"]);
    office
        .conn()
        .execute(
            "INSERT INTO advisors (code, name, category, created_at, updated_at) VALUES ('X1', '无审计', 'pool_expert', 'now', 'now')",
            [],
        )
        .unwrap();
    let out = office
        .cmd()
        .args(["--lang", "en", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stdout).contains("has no audit row"));
}
