//! A sound database roster may not write (QA finding 7): a folder this
//! account cannot write (a WAL database keeps its -shm file beside it), a
//! backup on read-only media. It is opened to read as it stands (a leader
//! browses, reports, exports); a change is refused with a message that
//! names the path and the fix — never "damaged, restore a backup" — exit 5.

#[cfg(unix)]
#[test]
fn a_database_in_a_folder_it_cannot_write_is_read_and_never_changed() {
    use std::os::unix::fs::PermissionsExt;

    use crate::common::Office;

    let office = Office::sample();
    let folder = office.path("readonly");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("roster.db");
    std::fs::copy(&office.db, &db).unwrap();
    let mode = |m: u32| std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(m));
    mode(0o555).unwrap();
    // Root ignores permissions: nothing to show when the folder takes a file.
    if std::fs::write(folder.join("probe"), "").is_ok() {
        eprintln!("skipped: this account writes into a read-only folder (root)");
        return;
    }
    let before = std::fs::read(&db).unwrap();
    let listed = office
        .process()
        .env("ROSTER_DB", &db)
        .args(["--format", "json", "advisor", "list"])
        .output()
        .unwrap();
    assert_eq!(listed.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&listed.stdout).contains("A0001"));
    for (lang, wanted) in [("zh", "只能查看"), ("en", "can only be read")] {
        let out = office
            .process()
            .env("ROSTER_DB", &db)
            .args([
                "--lang",
                lang,
                "contact",
                "add",
                "--date",
                "2026-11-20",
                "--kind",
                "call",
            ])
            .args(["--advisor", "A0001", "--channel", "phone"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{stderr}");
        assert!(stderr.contains(wanted), "{stderr}");
        assert!(stderr.contains(&db.display().to_string()), "{stderr}");
        assert!(
            !stderr.contains("备份") && !stderr.contains("backup"),
            "{stderr}"
        );
    }
    mode(0o755).unwrap();
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
