//! `roster export`: CSV that leadership can open (BOM, GBK, masking,
//! neutralised formulas, IDs and phones kept as text), xlsx, files that
//! appear whole or not at all, and the audit row of an unmasked export.

use crate::common::{Office, csv_rows};

/// Runs a command whose stdout is bytes (an export), asserting success.
pub fn bytes(office: &Office, args: &[&str]) -> Vec<u8> {
    let out = office.cmd().args(args).output().expect("run roster");
    assert!(
        out.status.success(),
        "roster {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr must stay quiet: {:?}",
        out.stderr
    );
    out.stdout
}

#[test]
fn the_roster_exports_with_a_bom_chinese_headers_and_masked_personal_data() {
    let office = Office::sample();
    let out = bytes(&office, &["export", "advisors"]);
    assert!(out.starts_with("\u{feff}编码,姓名,性别,出生日期,身份证号".as_bytes()));
    let text = String::from_utf8(out).unwrap();
    let rows = csv_rows(&text);
    assert_eq!(rows.len(), 41, "header and forty advisors");
    let a1 = &rows[1];
    // The birth date keeps its year only: in full it would give back the
    // eight digits the ID number's mask hides.
    assert_eq!(&a1[..4], ["A0001", "谭正清", "男", "1958-**-**"]);
    assert_eq!(a1[4], "500234********9374", "ID masked");
    assert!(!text.contains("1958-03-14"));
    assert_eq!(a1[15], "189****0766", "phone masked");
    assert!(!text.contains("500234195803149374") && !text.contains("18993300766"));
    // Masked exports leave no audit row; English headers on request.
    assert_eq!(
        office.int("SELECT count(*) FROM audit_log WHERE entity = 'export'"),
        0
    );
    let en = String::from_utf8(bytes(
        &office,
        &["--lang", "en", "export", "advisors", "--no-bom"],
    ))
    .unwrap();
    assert!(
        en.starts_with("code,name,gender,birth date,ID number,category"),
        "{en}"
    );
    assert!(en.contains(",decision expert,"));
}

#[test]
fn unmasked_exports_keep_ids_and_phones_as_text_and_are_audited() {
    let office = Office::sample();
    let text = String::from_utf8(bytes(&office, &["export", "advisors", "--unmasked"])).unwrap();
    // A leading tab keeps Excel/WPS from turning 18 digits into 5.00234E+17.
    assert!(text.contains(",\t500234195803149374,"), "{text}");
    assert!(text.contains(",\t50023419640719483X,"));
    assert!(text.contains(",\t18993300766,"));
    let after = office.text("SELECT after FROM audit_log WHERE action = 'export_unmasked'");
    assert!(
        after.contains("\"dataset\":\"advisors\"") && after.contains("\"rows\":40"),
        "{after}"
    );
    assert_eq!(
        office.text("SELECT operator FROM audit_log WHERE action = 'export_unmasked'"),
        "tester"
    );
}

#[test]
fn filters_follow_advisor_list_and_foreign_ones_are_refused() {
    let office = Office::sample();
    let rows = |args: &[&str]| {
        let mut all = vec!["export", "advisors"];
        all.extend_from_slice(args);
        csv_rows(&String::from_utf8(bytes(&office, &all)).unwrap()).len() - 1
    };
    assert_eq!(
        rows(&["--category", "专家库专家"]),
        4,
        "A0037–A0040 are pool experts"
    );
    assert_eq!(
        rows(&["--category", "pool_expert", "--tier", "入库专家"]),
        rows(&["--tier", "pool"])
    );
    // The same people `advisor list` shows as serving.
    let listed = |args: &[&str]| {
        let mut all = vec!["--format", "csv", "advisor", "list"];
        all.extend_from_slice(args);
        csv_rows(&office.ok(&all)).len() - 1
    };
    assert_eq!(
        rows(&["--as-of", "2026-01-01"]),
        listed(&["--as-of", "2026-01-01"])
    );
    assert_eq!(rows(&["--serving"]), listed(&["--serving"]));
    assert_eq!(rows(&["--serving", "--panel", "health"]), 4);
    let err = office.fails_en(3, &["export", "panels", "--tier", "key"]);
    assert!(err.contains("--tier") && err.contains("panels"), "{err}");
    let err = office.fails_en(3, &["export", "advisors", "--as-of", "2026-02-30"]);
    assert!(err.contains("--as-of"), "{err}");
    let err = office.fails_en(3, &["export", "nonsense"]);
    assert!(
        err.contains("advisors") && err.contains("panels") && err.contains("audit"),
        "{err}"
    );
}

#[test]
fn formulas_are_neutralised_and_the_audit_log_exports_masked() {
    let office = Office::sample();
    office.ok(&[
        "advisor",
        "edit",
        "A0001",
        "--notes",
        "=HYPERLINK(\"http://x\",\"点我\")",
        "--phone",
        "13800001111",
    ]);
    let text = String::from_utf8(bytes(&office, &["export", "advisors", "--no-bom"])).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""),
        "{text}"
    );
    let log =
        String::from_utf8(bytes(&office, &["export", "audit", "--entity", "advisor"])).unwrap();
    let rows = csv_rows(&log);
    assert_eq!(rows[0][..3], ["序号", "时间", "操作人"]);
    let edit = rows
        .iter()
        .find(|r| r[5] == "edit" && r[4] == "1")
        .expect("the edit");
    assert!(
        edit[6].contains("138****1111") && !edit[6].contains("13800001111"),
        "{edit:?}"
    );
    // The records before and after in full, masked the same way.
    assert!(
        edit[8].contains("\"phone\":\"138****1111\"") && !edit[8].contains("13800001111"),
        "{edit:?}"
    );
    assert!(edit[9].contains("138****1111"), "{edit:?}");
    let full = String::from_utf8(bytes(&office, &["export", "audit", "--unmasked"])).unwrap();
    assert!(full.contains("13800001111"));
    let err = office.fails_en(3, &["import", "audit", "x.csv"]);
    assert!(err.contains("exported but not imported"), "{err}");
}

#[test]
fn gbk_exports_fail_clearly_on_a_character_gbk_cannot_hold_and_leave_no_file() {
    let office = Office::sample();
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "王𠮷",
        "--category",
        "tech_advisor",
    ]);
    let out = office.dir.path().join("roster.csv");
    let err = office.fails_en(
        3,
        &[
            "export",
            "advisors",
            "--encoding",
            "gbk",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        err.contains("𠮷") && err.contains("U+20BB7") && err.contains("\"name\""),
        "{err}"
    );
    assert!(err.contains("record 41") && err.contains("A0041"), "{err}");
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(office.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // GB18030 holds every character; GBK bytes carry no BOM.
    office.ok(&[
        "export",
        "advisors",
        "--encoding",
        "gb18030",
        "--out",
        out.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with(b"\xb1\xe0\xc2\xeb,"),
        "编码 in GB18030, no BOM"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let err = office.fails_en(3, &["export", "advisors", "--encoding", "big5"]);
    assert!(err.contains("--encoding"), "{err}");
}

#[test]
fn a_file_export_replaces_the_target_whole_and_prints_nothing() {
    let office = Office::sample();
    let out = office.dir.path().join("panels.csv");
    std::fs::write(&out, "old contents").unwrap();
    let printed = office.ok(&["export", "panels", "--out", out.to_str().unwrap()]);
    assert_eq!(printed, "");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("\u{feff}编码,名称,类型,牵头单位"),
        "{text}"
    );
    assert!(text.contains("health,健康开州顾问团,顾问团"), "{text}");
    let missing = office.dir.path().join("no-such-folder").join("x.csv");
    let err = office.fails_en(3, &["export", "panels", "--out", missing.to_str().unwrap()]);
    assert!(err.contains("--out"), "{err}");
}

#[test]
fn xlsx_is_a_real_workbook_with_text_ids() {
    let office = Office::sample();
    let out = office.dir.path().join("roster.xlsx");
    office.ok(&[
        "--format",
        "xlsx",
        "export",
        "advisors",
        "--unmasked",
        "--out",
        out.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip container");
    let err = office.fails_en(3, &["--format", "xlsx", "export", "advisors"]);
    assert!(err.contains("--out"), "{err}");
    let err = office.fails_en(3, &["--format", "xlsx", "advisor", "list"]);
    assert!(err.contains("xlsx"), "{err}");
    // The workbook saved back to CSV by LibreOffice (a fixture made once)
    // still has every ID as text and imports to the same roster.
    let fixture = include_str!("../fixtures/roster-xlsx-libreoffice.csv");
    assert!(fixture.contains(",50023419820307128X,") && fixture.contains(",500234195803149374,"));
    assert!(!fixture.contains("E+17"));
}

/// The worksheet XML of an exported workbook.
fn sheet_xml(path: &std::path::Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    xml
}

/// In a workbook a count is a number, so a leader's Σ adds it up: the
/// yearly summary's measures (whole numbers in a column of decimals) and
/// money are numeric cells, its labels text.
#[test]
fn xlsx_counts_and_money_are_numbers() {
    let office = Office::sample();
    let out = office.dir.path().join("summary.xlsx");
    office.ok(&[
        "--format",
        "xlsx",
        "export",
        "summary",
        "--year",
        "2025",
        "--out",
        out.to_str().unwrap(),
    ]);
    let xml = sheet_xml(&out);
    // Row 2 is the first measure: 年初在聘 for the committee, 4 people.
    let row2 = xml
        .split("<row r=\"2\"")
        .nth(1)
        .unwrap()
        .split("</row>")
        .next()
        .unwrap();
    assert!(row2.contains("<c r=\"G2\""), "{row2}");
    let g2 = row2
        .split("<c r=\"G2\"")
        .nth(1)
        .unwrap()
        .split("</c>")
        .next()
        .unwrap();
    assert!(
        !g2.contains("t=\"s\"") && !g2.contains("inlineStr") && g2.contains("<v>4</v>"),
        "{g2}"
    );
    // Every value of column G (数值) is a number.
    let values: Vec<&str> = xml
        .split("<c r=\"G")
        .skip(2)
        .map(|c| c.split("</c>").next().unwrap())
        .collect();
    assert!(values.len() > 500, "{}", values.len());
    let text: Vec<&&str> = values.iter().filter(|c| c.contains("t=\"")).collect();
    assert!(
        text.is_empty(),
        "{} text values, e.g. {:?}",
        text.len(),
        text.first()
    );
}

/// `--out` replaces only a regular file: a symbolic link (or a pipe or a
/// device, such as /dev/full run as root) is refused and left as it was;
/// `--out -` is stdout, as for `sort -o` or `curl -o`.
#[test]
fn out_writes_regular_files_only_and_dash_is_stdout() {
    let office = Office::sample();
    let dir = office.dir.path();
    std::fs::write(dir.join("target.csv"), "old").unwrap();
    std::os::unix::fs::symlink(dir.join("target.csv"), dir.join("link.csv")).unwrap();
    let link = dir.join("link.csv");
    let err = office.fails_en(3, &["export", "panels", "--out", link.to_str().unwrap()]);
    assert!(
        err.contains("not a regular file") && err.contains("--out -"),
        "{err}"
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("target.csv")).unwrap(),
        "old"
    );
    let piped = office.ok(&["export", "panels", "--out", "-"]);
    assert_eq!(piped, office.ok(&["export", "panels"]));
    assert!(!dir.join("-").exists());
}
