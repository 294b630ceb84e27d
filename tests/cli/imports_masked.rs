//! A masked export imported back (the README's export → edit → import
//! with `--on-duplicate update`): a masked cell is never stored and never
//! taken for a typo; a mask of the value on file means "unchanged"; a
//! blank ID number or phone does not erase the number on file.

use crate::common::{Office, csv_rows};

/// The personal data of every advisor and liaison, to show it is unchanged.
fn personal(office: &Office) -> String {
    office.text(
        "SELECT (SELECT group_concat(code || '|' || ifnull(id_number, '') || '|' || ifnull(phone, '')
                   || '|' || ifnull(email, '') || '|' || ifnull(wechat, '') || '|' || ifnull(address, ''), ';')
                 FROM advisors)
             || (SELECT group_concat(code || '|' || ifnull(phone, ''), ';') FROM liaisons)",
    )
}

/// Exports `dataset` masked, lets `edit` change its rows (header first),
/// and writes the result as `name` (CSV, CRLF, as a spreadsheet saves it).
fn edited(
    office: &Office,
    dataset: &str,
    name: &str,
    edit: impl FnOnce(&mut Vec<Vec<String>>),
) -> String {
    let mut rows = csv_rows(&office.ok(&["export", dataset]));
    edit(&mut rows);
    let path = office.path(name);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_path(&path)
        .unwrap();
    for row in &rows {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();
    path.display().to_string()
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|h| h == name).unwrap()
}

/// Gives A0001 an e-mail, WeChat id and address, so that every masked
/// kind is in the export.
fn with_contacts(office: &Office) {
    office.ok(&[
        "advisor",
        "edit",
        "A0001",
        "--email",
        "li.ming@cas.cn",
        "--wechat",
        "zj_wx123",
        "--address",
        "重庆市开州区汉丰街道迎宾大道1号",
    ]);
}

#[test]
fn a_masked_export_imported_back_with_update_keeps_every_number_on_file() {
    let office = Office::sample();
    with_contacts(&office);
    let before = personal(&office);
    let advisors = edited(&office, "advisors", "adv.csv", |rows| {
        // A clerk's real edit beside the masked cells goes in.
        let notes = column(rows, "备注");
        rows[1][notes] = "已核对".into();
    });
    let stamp = "SELECT updated_at FROM advisors WHERE code = 'A0002'";
    let untouched = office.text(stamp);
    let out = office.ok(&["import", "advisors", &advisors, "--on-duplicate", "update"]);
    assert_eq!(office.text(stamp), untouched);
    // The edited row is updated; the 39 others, unchanged, are left alone
    // (not rewritten: their updated_at stays).
    assert!(out.contains("更新 1，跳过 39"), "{out}");
    let liaisons = edited(&office, "liaisons", "lia.csv", |_| {});
    let out = office.ok(&["import", "liaisons", &liaisons, "--on-duplicate", "update"]);
    let n = office.int("SELECT count(*) FROM liaisons");
    assert!(out.contains(&format!("更新 0，跳过 {n}")), "{out}");
    assert_eq!(personal(&office), before);
    // Panels and pairings exported and imported back unchanged: nothing
    // updated, nothing audited (QA r9: panels said 更新 11).
    let audit = office.int("SELECT count(*) FROM audit_log");
    for (dataset, table) in [
        ("panels", "panels"),
        ("liaison-assignments", "liaison_assignments"),
    ] {
        let file = office.path(&format!("{dataset}.csv"));
        let file = file.to_str().unwrap();
        office.ok(&["export", dataset, "--out", file]);
        let out = office.ok(&[
            "import",
            dataset,
            file,
            "--on-duplicate",
            "update",
            "--again",
        ]);
        let n = office.int(&format!("SELECT count(*) FROM {table}"));
        assert!(
            out.contains(&format!("更新 0，跳过 {n}")),
            "{dataset}: {out}"
        );
    }
    // Exports are masked and audited only when unmasked; the imports wrote
    // one audit row each and touched no record.
    assert_eq!(office.int("SELECT count(*) FROM audit_log"), audit + 2);
    assert_eq!(
        office.text("SELECT notes FROM advisors WHERE code = 'A0001'"),
        "已核对"
    );
    // No mask reached the database, nor the log.
    assert_eq!(
        office.int(
            "SELECT count(*) FROM advisors WHERE instr(ifnull(id_number, '') || ifnull(phone, '')
               || ifnull(email, '') || ifnull(wechat, '') || ifnull(address, ''), '*') > 0"
        ),
        0
    );
}

#[test]
fn blanking_the_masked_id_numbers_or_phones_is_refused_and_erases_nothing() {
    // QA finding 2: blanked cells under update erased all 40 ID numbers.
    let office = Office::sample();
    let file = edited(&office, "advisors", "blank.csv", |rows| {
        let (id, phone) = (column(rows, "身份证号"), column(rows, "电话"));
        for row in rows.iter_mut().skip(1) {
            row[id].clear();
            row[phone].clear();
        }
    });
    let err = office.fails(
        3,
        &["import", "advisors", &file, "--on-duplicate", "update"],
    );
    assert!(
        err.contains("第 2 行，身份证号：空白会清除已登记的号码；要保留登记的号码请删去这一列"),
        "{err}"
    );
    assert!(err.contains("roster advisor edit"), "{err}");
    // The masked ID numbers left as exported, one blank phone is refused the same way.
    let file = edited(&office, "advisors", "blank-phone.csv", |rows| {
        let phone = column(rows, "电话");
        rows[3][phone].clear();
    });
    let err = office.fails_en(
        3,
        &["import", "advisors", &file, "--on-duplicate", "update"],
    );
    assert!(
        err.contains("line 4, 电话: a blank cell would erase the number on file; to keep the numbers delete the column"),
        "{err}"
    );
    let file = edited(&office, "liaisons", "lia.csv", |rows| {
        let phone = column(rows, "电话");
        rows[1][phone] = " ".into();
    });
    let err = office.fails(
        3,
        &["import", "liaisons", &file, "--on-duplicate", "update"],
    );
    assert!(
        err.contains("第 2 行，电话：空白会清除已登记的号码"),
        "{err}"
    );
    assert!(err.contains("roster liaison edit"), "{err}");
}

#[test]
fn a_mask_that_is_not_the_value_on_file_or_on_a_new_row_is_refused_naming_the_fix() {
    // QA finding 4: the masked cells were reported as typos ("应为 18 位").
    let office = Office::sample();
    with_contacts(&office);
    let file = edited(&office, "advisors", "other.csv", |rows| {
        let (phone, email) = (column(rows, "电话"), column(rows, "电子邮件"));
        rows[2][phone] = "139****0000".into();
        rows[1][email] = "x***@cas.cn".into();
    });
    let err = office.fails(
        3,
        &["import", "advisors", &file, "--on-duplicate", "update"],
    );
    assert!(
        err.contains(
            "第 3 行，电话：“139****0000”是脱敏导出的内容（部分以 * 遮盖），与登记的值不符；请用 export --unmasked 导出后再修改，或删去这一列以保留登记的值"
        ),
        "{err}"
    );
    assert!(
        err.contains("第 2 行，电子邮件：“x***@cas.cn”是脱敏导出的内容"),
        "{err}"
    );
    // Into an empty office every row is new: a mask cannot be its value.
    let empty = Office::empty();
    let rows = csv_rows(&office.ok(&["export", "advisors"]));
    let mut text = String::new();
    for row in rows.iter().take(3) {
        let cells: Vec<String> = row.iter().map(|c| format!("\"{c}\"")).collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    let path = empty.path("new.csv");
    std::fs::write(&path, text).unwrap();
    let path = path.display().to_string();
    let err = empty.fails(3, &["import", "advisors", &path]);
    assert!(
        err.contains("第 2 行，出生日期：“1958-**-**”")
            && err.contains(
                "是脱敏导出的内容（部分以 * 遮盖），不能作为新记录的值；请用 export --unmasked 导出"
            ),
        "{err}"
    );
    let err = empty.fails_en(3, &["import", "advisors", &path]);
    assert!(
        err.contains("comes from a masked export (partly hidden by *) and cannot be a new record's value; export with --unmasked"),
        "{err}"
    );
    // Nor a new row's masked e-mail, WeChat id or address.
    let (email, wechat, address) = (
        column(&rows, "电子邮件"),
        column(&rows, "微信"),
        column(&rows, "地址"),
    );
    for (at, masked) in [
        (email, "l***@cas.cn"),
        (wechat, "zj****"),
        (address, "重庆市开州区****"),
    ] {
        let mut row = vec![String::new(); rows[0].len()];
        row[column(&rows, "姓名")] = "李四".into();
        row[column(&rows, "类别")] = "科技顾问".into();
        row[at] = masked.into();
        let text = format!("{}\n{}\n", rows[0].join(","), row.join(","));
        std::fs::write(empty.path("one.csv"), text).unwrap();
        let err = empty.fails(3, &["import", "advisors", &empty.arg("one.csv")]);
        assert!(err.contains("是脱敏导出的内容"), "{masked}: {err}");
    }
}
