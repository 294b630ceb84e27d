//! Privacy (issue #11, 8): the people on the roster are senior officials'
//! advisors; their ID numbers never appear in full in an error message or
//! in the audit log, and the files roster writes are private to their owner.

use crate::common::Office;

/// A valid ID number that is nobody's in the sample.
const STRANGER: &str = "11010519491231002X";

/// Every failing advisor command, whatever flag the ID number was typed
/// into, shows it masked (110105********002X) or not at all.
#[test]
fn no_failing_advisor_command_prints_a_full_id_number() {
    let office = Office::people();
    let taken = office.text("SELECT id_number FROM advisors WHERE code = 'A0001'");
    let one_off = format!("{}1", &STRANGER[..17]); // wrong check digit
    let add = |extra: &[&str]| {
        let mut args = vec![
            "advisor",
            "add",
            "--name",
            "测试",
            "--category",
            "pool_expert",
        ];
        args.extend_from_slice(extra);
        args.iter().map(|a| a.to_string()).collect::<Vec<String>>()
    };
    let cases: Vec<Vec<String>> = vec![
        add(&["--id-number", &taken]),
        add(&["--id-number", &taken.to_lowercase()]),
        add(&["--id-number", &one_off]),
        add(&["--id-number", STRANGER, "--birth-date", "1950-01-01"]),
        add(&["--id-number", STRANGER, "--gender", "male"]),
        add(&["--phone", STRANGER]),
        add(&["--email", STRANGER]),
        add(&["--birth-date", STRANGER]),
        add(&["--work-start-year", STRANGER]),
        add(&["--stipend", STRANGER]),
        add(&["--tier", STRANGER]),
        add(&["--code", &format!("{STRANGER}!")]),
        add(&["--native-abroad", STRANGER]),
        vec![
            "advisor".into(),
            "edit".into(),
            "A0002".into(),
            "--id-number".into(),
            taken.clone(),
            "--birth-date".into(),
            "1958-03-14".into(),
            "--gender".into(),
            "male".into(),
        ],
        vec![
            "advisor".into(),
            "edit".into(),
            "A0002".into(),
            "--id-number".into(),
            one_off.clone(),
        ],
        vec!["advisor".into(), "show".into(), STRANGER.into()],
        vec![
            "advisor".into(),
            "edit".into(),
            taken.clone(),
            "--notes".into(),
            "x".into(),
        ],
        vec![
            "advisor".into(),
            "list".into(),
            "--panel".into(),
            STRANGER.into(),
        ],
        vec![
            "advisor".into(),
            "list".into(),
            "--category".into(),
            taken.clone(),
        ],
        vec![
            "--today".into(),
            STRANGER.into(),
            "advisor".into(),
            "list".into(),
        ],
    ];
    for lang in ["zh", "en"] {
        for case in &cases {
            let mut args = vec!["--lang", lang];
            args.extend(case.iter().map(String::as_str));
            let err = office.fails(3, &args);
            for full in [
                STRANGER,
                &STRANGER.to_lowercase(),
                taken.as_str(),
                one_off.as_str(),
            ] {
                assert!(
                    !err.contains(full),
                    "roster {args:?} printed {full}:\n{err}"
                );
            }
        }
    }
    // The masked form still tells the clerk which number was meant.
    let err = office.fails_en(
        3,
        &add(&["--id-number", &taken])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert!(
        err.contains(&format!("{}********{}", &taken[..6], &taken[14..])),
        "{err}"
    );
}

/// The audit log masks ID numbers in the command line, in the recorded
/// ID column and wherever else one was typed (a note).
#[test]
fn the_audit_log_never_holds_a_full_id_number() {
    let office = Office::empty();
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "李明远",
        "--category",
        "tech_advisor",
        "--id-number",
        STRANGER,
        "--notes",
        &format!("身份证{STRANGER}，见档案"),
    ]);
    office.ok(&[
        "advisor",
        "edit",
        "A0001",
        "--notes",
        &format!("旧号 {}", STRANGER.to_lowercase()),
    ]);
    let logged: String = office
        .conn()
        .prepare(
            "SELECT command || before || after FROM audit_log WHERE before IS NOT NULL
                  UNION ALL SELECT command || after FROM audit_log WHERE before IS NULL",
        )
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!logged.to_uppercase().contains(STRANGER), "{logged}");
    assert!(logged.contains("110105********002X"), "{logged}");
    for format in ["table", "csv", "json"] {
        let log = office.ok(&["--format", format, "log"]);
        assert!(!log.to_uppercase().contains(STRANGER), "{log}");
    }
    // The record itself keeps the number: the log and messages mask it.
    assert_eq!(office.text("SELECT id_number FROM advisors"), STRANGER);
    office.ok(&["check"]);
}

/// The database, backups and restored databases are readable by their owner only.
#[cfg(unix)]
#[test]
fn files_with_personal_data_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let office = Office::bare();
    office.ok(&["init", "--sample"]);
    assert_eq!(mode(&office.db), 0o600);
    office.ok(&["backup", &office.arg("b.db")]);
    assert_eq!(mode(&office.path("b.db")), 0o600);
    // A backup copied around loosely is still restored private.
    std::fs::set_permissions(office.path("b.db"), std::fs::Permissions::from_mode(0o644)).unwrap();
    office.ok(&["--yes", "restore", &office.arg("b.db")]);
    assert_eq!(mode(&office.db), 0o600);
}

#[test]
fn a_wechat_id_is_masked_like_a_phone() {
    let office = Office::empty();
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "周九",
        "--category",
        "tech_advisor",
        "--wechat",
        "zj_wx123",
    ]);
    let masked = office.ok(&["export", "advisors"]);
    assert!(
        masked.contains("zj****") && !masked.contains("zj_wx123"),
        "{masked}"
    );
    let log = office.ok(&["--format", "json", "log"]);
    assert!(!log.contains("zj_wx123"), "{log}");
    let full = office.ok(&["export", "advisors", "--unmasked"]);
    assert!(full.contains("zj_wx123"), "{full}");
}

/// What a script reads on stdout (CSV or JSON) carries personal data masked,
/// as a masked export does; the clerk's table shows the record in full, and
/// a file in full is `export --unmasked`, which is audited (QA r9: a script
/// looping over `advisor show --format json` copied the roster unrecorded).
#[test]
fn script_output_masks_personal_data_the_table_shows_it() {
    let office = Office::sample();
    let id = office.text("SELECT id_number FROM advisors WHERE code = 'A0030'");
    let phone = office.text("SELECT phone FROM advisors WHERE code = 'A0030'");
    let table = office.ok(&["advisor", "show", "A0030"]);
    assert!(table.contains(&id) && table.contains(&phone), "{table}");
    for format in ["csv", "json"] {
        let out = office.ok(&["--format", format, "advisor", "show", "A0030"]);
        assert!(
            !out.contains(&id) && !out.contains(&phone),
            "{format}: {out}"
        );
        assert!(
            out.contains(&format!("{}****{}", &phone[..3], &phone[7..])),
            "{format}: {out}"
        );
    }
    let liaison_phone = office.text("SELECT phone FROM liaisons WHERE code = 'L001'");
    assert!(office.ok(&["liaison", "list"]).contains(&liaison_phone));
    let csv = office.ok(&["--format", "csv", "liaison", "list"]);
    assert!(!csv.contains(&liaison_phone), "{csv}");
}

/// A mask read from script output, typed back into a command, is refused
/// (exit 3, nothing written): stored, it would replace the real value.
#[test]
fn a_masked_value_typed_back_is_refused() {
    let office = Office::sample();
    for (flag, masked) in [
        ("--email", "l***@cas.cn"),
        ("--address", "重庆市开州区****"),
        ("--wechat", "zj****"),
        ("--phone", "139****1021"),
    ] {
        let err = office.fails(3, &["advisor", "edit", "A0002", flag, masked]);
        assert!(err.contains(flag), "{flag}: {err}");
    }
    let err = office.fails(3, &["advisor", "edit", "A0002", "--email", "l***@cas.cn"]);
    assert!(err.contains("脱敏") && err.contains("--unmasked"), "{err}");
    office.ok(&["advisor", "edit", "A0002", "--email", "lin@cas.cn"]);
}
