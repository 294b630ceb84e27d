//! Files as clerks' spreadsheets really write them (Excel, WPS): CRLF line
//! endings, padded and differently worded headers, a title row, cleared
//! columns, full-width (全角) digits, padded names, Excel's own artefacts.
//! Odd-but-good input is read and stored normalised; bad input names the
//! right line and says what the spreadsheet did.

use std::path::PathBuf;

use crate::common::Office;

fn write(office: &Office, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = office.dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

/// A valid ID number for a man born 1970-03-12 (`seq`: three digits).
fn id_number(seq: &str) -> String {
    let first17 = format!("11010519700312{seq}");
    let check = roster::input::idcard::check_char(&first17).unwrap();
    format!("{first17}{check}")
}

#[test]
fn a_bad_row_is_named_by_its_line_in_the_file_whatever_the_line_endings() {
    let office = Office::empty();
    let rows = ["姓名,类别,电话", "李四,科技顾问,", "王五,科技顾问,abc"];
    for (name, ending) in [("crlf.csv", "\r\n"), ("lf.csv", "\n"), ("cr.csv", "\r")] {
        let file = write(&office, name, rows.join(ending) + ending);
        let err = office.fails(3, &["import", "advisors", file.to_str().unwrap()]);
        assert!(err.contains("第 3 行，电话"), "{name}: {err}");
    }
    // A cell over two lines: the next record is on line 4.
    let file = write(
        &office,
        "multi.csv",
        "姓名,类别,备注,电话\r\n李四,科技顾问,\"一\r\n二\",\r\n王五,科技顾问,,abc\r\n",
    );
    let err = office.fails(3, &["import", "advisors", file.to_str().unwrap()]);
    assert!(err.contains("第 4 行，电话"), "{err}");
}

#[test]
fn usual_header_wordings_a_title_row_and_cleared_columns_are_read() {
    let office = Office::empty();
    let id = id_number("123");
    let file = write(
        &office,
        "roster.csv",
        format!(
            "2026年专家顾问名册,,,,,,,\r\n姓  名,身份证号码,类别,手机号码,单位,是否院士,,\r\n王　伟,{id},科技顾问,138 0000 1111,重庆大学,是,,\r\n"
        ),
    );
    let out = office.ok(&["import", "advisors", file.to_str().unwrap()]);
    assert!(out.contains("新增 1"), "{out}");
    assert_eq!(
        office.text(
            "SELECT name || '|' || id_number || '|' || phone || '|' || employer || '|' || academician FROM advisors"
        ),
        format!("王伟|{id}|13800001111|重庆大学|1")
    );
    // The padded name is found as typed, padded or not.
    assert!(office.ok(&["advisor", "show", "王 伟"]).contains("王伟"));
    // Something under a column with no header is not dropped silently.
    let file = write(
        &office,
        "extra.csv",
        "姓名,类别,\r\n张三,科技顾问,漏掉的电话\r\n",
    );
    let err = office.fails(3, &["import", "advisors", file.to_str().unwrap()]);
    assert!(err.contains("第 2 行，第 3 列"), "{err}");
}

#[test]
fn ignored_columns_are_named_in_the_result() {
    let office = Office::empty();
    let file = write(
        &office,
        "extra.csv",
        "序号,姓名,类别,籍贯省份\r\n1,张三,科技顾问,四川\r\n",
    );
    let err = office.fails(3, &["import", "advisors", file.to_str().unwrap()]);
    assert!(
        err.contains("序号") && err.contains("--ignore-unknown"),
        "{err}"
    );
    let out = office.ok(&[
        "import",
        "advisors",
        file.to_str().unwrap(),
        "--ignore-unknown",
    ]);
    assert!(
        out.contains("未导入的列") && out.contains("序号, 籍贯省份"),
        "{out}"
    );
}

#[test]
fn full_width_digits_and_letters_read_as_ordinary_ones() {
    let office = Office::sample();
    let wide = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xfee0).unwrap(),
                c => c,
            })
            .collect()
    };
    let id = id_number("456");
    let file = write(
        &office,
        "wide.csv",
        format!(
            "姓名,身份证号,类别,电话,参加工作年份,电子邮件\r\n赵六,{},科技顾问,{},{},{}\r\n",
            wide(&id),
            wide("138-0000-2222"),
            wide("1995"),
            wide("zl@cq.cn"),
        ),
    );
    office.ok(&["import", "advisors", file.to_str().unwrap()]);
    assert_eq!(
        office.text("SELECT id_number || '|' || phone || '|' || work_start_year || '|' || email FROM advisors WHERE name = '赵六'"),
        format!("{id}|13800002222|1995|zl@cq.cn")
    );
    // On the command line too: a full-width code, amount and date.
    office.ok(&[
        "expense",
        "add",
        &wide("A0005"),
        "--category",
        "travel",
        "--amount",
        "１，２８０．５０",
        "--date",
        "２０２６-11-18",
    ]);
    assert_eq!(
        office.int(
            "SELECT amount_fen FROM expenses WHERE on_date = '2026-11-18' AND amount_fen = 128050"
        ),
        128050
    );
}

#[test]
fn excel_artefacts_are_read_or_explained() {
    let office = Office::empty();
    // A date with a time of day, as Excel writes a date cell.
    let file = write(
        &office,
        "time.csv",
        "姓名,类别,出生日期\r\n李四,科技顾问,1970/3/12 0:00\r\n",
    );
    office.ok(&["import", "advisors", file.to_str().unwrap()]);
    assert_eq!(
        office.text("SELECT birth_date FROM advisors WHERE name = '李四'"),
        "1970-03-12"
    );
    // An ID number in scientific notation, a date as a day number.
    let file = write(
        &office,
        "sci.csv",
        "姓名,类别,身份证号,出生日期\r\n王五,科技顾问,1.10105E+17,\r\n赵六,科技顾问,,25639\r\n",
    );
    let err = office.fails(3, &["import", "advisors", file.to_str().unwrap()]);
    assert!(err.contains("科学计数法"), "{err}");
    assert!(
        err.contains("日期序号") && err.contains("1970-03-12"),
        "{err}"
    );
}

#[test]
fn a_cell_of_people_may_break_lines_or_separate_names_by_spaces() {
    let office = Office::appointed();
    let file = write(
        &office,
        "contacts.csv",
        "日期,联系方式,专家\r\n2026-11-10,电话,\"张振华\n谢文斌\"\r\n2026-11-11,电话,张振华 谢文斌\r\n",
    );
    office.ok(&["import", "contacts", file.to_str().unwrap()]);
    assert_eq!(
        office.int("SELECT count(*) FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id WHERE c.on_date IN ('2026-11-10','2026-11-11')"),
        4
    );
}

#[test]
fn an_encoding_is_never_forced_into_garbled_text() {
    let office = Office::empty();
    // Chinese in UTF-8 read as GBK would be stored as 寮犱笁.
    let file = write(&office, "utf8.csv", "name,category\n张三,tech_advisor\n");
    let err = office.fails(
        3,
        &[
            "import",
            "advisors",
            file.to_str().unwrap(),
            "--encoding",
            "gbk",
        ],
    );
    assert!(err.contains("UTF-8") && err.contains("--encoding"), "{err}");
    // A GBK file whose only Chinese happens to be valid UTF-8 bytes.
    let (gbk, _, _) = encoding_rs::GBK.encode("name,category\n郑隆,tech_advisor\n");
    let file = write(&office, "gbk.csv", &gbk);
    office.ok(&["import", "advisors", file.to_str().unwrap()]);
    assert_eq!(office.text("SELECT name FROM advisors"), "郑隆");
}

#[test]
fn a_hand_over_by_file_says_how_and_works_as_said() {
    // A0005 is held by L003 陈卫东 since 2023-09-01; L001 刘正刚 takes over.
    let office = Office::sample();
    let file = write(
        &office,
        "handover.csv",
        "联系人,专家姓名,开始日期\r\n刘正刚,李国栋,2026年11月1日\r\n",
    );
    let err = office.fails(
        4,
        &["import", "liaison-assignments", file.to_str().unwrap()],
    );
    assert!(
        err.contains("--on-duplicate update") && !err.contains("请加 --replace"),
        "{err}"
    );
    let file = write(
        &office,
        "handover2.csv",
        "联系人编码,专家编码,开始日期,结束日期\r\nL003,A0005,2023-09-01,2026-10-31\r\nL001,A0005,2026-11-01,\r\n",
    );
    office.ok(&[
        "import",
        "liaison-assignments",
        file.to_str().unwrap(),
        "--on-duplicate",
        "update",
    ]);
    assert_eq!(
        office.text("SELECT group_concat(l.code || ':' || IFNULL(la.end_date, '-'), ' ') FROM liaison_assignments la JOIN liaisons l ON l.id = la.liaison_id JOIN advisors a ON a.id = la.advisor_id WHERE a.code = 'A0005' ORDER BY la.start_date"),
        "L003:2026-10-31 L001:-"
    );
}

#[test]
fn a_gbk_export_to_stdout_that_cannot_be_encoded_writes_nothing() {
    let office = Office::sample();
    office.ok(&["advisor", "edit", "A0005", "--name", "王𠀾"]);
    let out = office
        .cmd()
        .args(["export", "advisors", "--encoding", "gbk"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty(), "{} bytes written", out.stdout.len());
    assert!(String::from_utf8_lossy(&out.stderr).contains('𠀾'));
}

#[test]
fn a_folder_given_as_the_file_is_bad_input() {
    let office = Office::empty();
    let folder = office.dir.path().join("exports");
    std::fs::create_dir(&folder).unwrap();
    let err = office.fails(3, &["import", "advisors", folder.to_str().unwrap()]);
    assert!(err.contains("文件夹"), "{err}");
}

#[test]
fn a_duplicate_id_number_names_who_holds_it() {
    let office = Office::sample();
    let id = office.text("SELECT id_number FROM advisors WHERE code = 'A0005'");
    let file = write(
        &office,
        "dup.csv",
        format!("姓名,身份证号,类别\r\n李国栋,{id},科技顾问\r\n"),
    );
    let err = office.fails(3, &["import", "advisors", file.to_str().unwrap()]);
    assert!(err.contains("A0005 李国栋"), "{err}");
    assert!(
        !err.contains(&id),
        "the full ID number is never echoed: {err}"
    );
}

#[test]
fn a_birth_month_a_year_with_nian_and_an_apostrophe_before_an_id_are_read() {
    // QA r7: a roster's 出生年月 column (1968.05), 参加工作时间 as 1999年 and
    // an ID number kept as text with a leading ' (WPS) were refused, so a
    // whole file failed until the column was deleted.
    let office = Office::empty();
    let (a, b) = (id_number("123"), id_number("456"));
    let file = write(
        &office,
        "roster.csv",
        format!(
            "姓名,类别,身份证号码,出生年月,参加工作时间\r\n\
             李明,科技顾问,'{a},1970.03,1995年\r\n\
             王芳,科技顾问,{b},1970年3月,1996\r\n"
        ),
    );
    office.ok(&["import", "advisors", file.to_str().unwrap()]);
    assert_eq!(
        office.text(
            "SELECT group_concat(name || ' ' || birth_date || ' ' || work_start_year || ' ' || (id_number IS NOT NULL), '; ') FROM advisors"
        ),
        "李明 1970-03-12 1995 1; 王芳 1970-03-12 1996 1"
    );
    // A month that disagrees with the ID number, or a month with no ID
    // number to give the day: refused, naming the column and the fix.
    let c = id_number("789");
    let bad = write(
        &office,
        "bad.csv",
        format!(
            "姓名,类别,身份证号码,出生年月\r\n赵六,科技顾问,{c},1970.04\r\n钱七,科技顾问,,1958.11\r\n"
        ),
    );
    let err = office.fails(3, &["import", "advisors", bad.to_str().unwrap()]);
    assert!(
        err.contains("第 2 行，出生年月") && err.contains("与身份证号中的 1970-03-12 不符"),
        "{err}"
    );
    assert!(
        err.contains("第 3 行，出生年月") && err.contains("1958-11-15"),
        "{err}"
    );
}

/// A code is found whatever its case (`a0005` finds A0005), so it is one
/// code whatever its case: `advisor add`, `edit` and an import refuse
/// `a0005` for a second person (QA r12: `b000001` was added beside
/// `B000001`, and `advisor edit b000001` then changed the other person).
/// Where an older file holds both, the code as typed wins.
#[test]
fn codes_differing_only_in_case_are_one_code() {
    let office = Office::sample();
    let holder = office.text("SELECT name FROM advisors WHERE code = 'A0005'");
    let err = office.fails(
        3,
        &[
            "advisor",
            "add",
            "--code",
            "a0005",
            "--name",
            "赵新",
            "--category",
            "tech_advisor",
        ],
    );
    assert!(err.contains("--code") && err.contains(&holder), "{err}");
    let err = office.fails(3, &["advisor", "edit", "A0006", "--code", "a0005"]);
    assert!(err.contains("--code") && err.contains(&holder), "{err}");
    // In a file: against the roster, and within the file.
    let file = write(&office, "case.csv", "编码,姓名,类别\na0005,赵新,科技顾问\n");
    let err = office.fails(3, &["import", "advisors", file.to_str().unwrap()]);
    assert!(err.contains("A0005") || err.contains("a0005"), "{err}");
    let file = write(
        &office,
        "twins.csv",
        "编码,姓名,类别\nX0001,赵新,科技顾问\nx0001,钱明,科技顾问\n",
    );
    let err = office.fails(3, &["import", "advisors", file.to_str().unwrap()]);
    assert!(err.contains("第 2 行"), "{err}");
    // An older file with both: each is reached by its own code.
    office
        .conn()
        .execute_batch(
            "INSERT INTO advisors (code, name, category, created_at, updated_at)
             VALUES ('a0005', '赵新', 'tech_advisor', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        )
        .unwrap();
    assert!(office.ok(&["advisor", "show", "a0005"]).contains("赵新"));
    assert!(office.ok(&["advisor", "show", "A0005"]).contains(&holder));
    // Both stay editable, and a file names each by its own code.
    office.ok(&["advisor", "edit", "a0005", "--title", "研究员"]);
    office.ok(&["advisor", "edit", "A0005", "--title", "教授"]);
    let file = write(
        &office,
        "both.csv",
        "编码,姓名,类别,职称
a0005,赵新,科技顾问,正高级工程师
",
    );
    office.ok(&[
        "import",
        "advisors",
        file.to_str().unwrap(),
        "--on-duplicate",
        "update",
    ]);
    assert_eq!(
        office.text("SELECT group_concat(code || '=' || title, ' ') FROM advisors WHERE code IN ('a0005', 'A0005') ORDER BY code"),
        "A0005=教授 a0005=正高级工程师"
    );
    // A generated code passes a lower-case one too (review s12).
    office
        .conn()
        .execute_batch("UPDATE advisors SET code = 'a0900' WHERE code = 'a0005'")
        .unwrap();
    let out = office.ok_en(&[
        "advisor",
        "add",
        "--name",
        "孙立",
        "--category",
        "tech_advisor",
    ]);
    assert!(out.contains("A0901"), "{out}");
}

/// A code or ID number typed in full-width (全角) forms is the one on file,
/// in an import as in `advisor add` (it slipped past the duplicate check and
/// ended the import as an unexpected failure).
#[test]
fn full_width_codes_and_id_numbers_are_found_as_duplicates() {
    let office = Office::sample();
    let (name, id_number) = {
        let conn = office.conn();
        conn.query_row(
            "SELECT name, id_number FROM advisors WHERE code = 'A0005'",
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .unwrap()
    };
    let wide = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '0'..='9' | 'A'..='Z' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                c => c,
            })
            .collect()
    };
    let file = write(
        &office,
        "wide.csv",
        format!(
            "编码,姓名,类别
{},{name},科技顾问
",
            wide("A0005")
        ),
    );
    let err = office.fails(3, &["import", "advisors", file.to_str().unwrap()]);
    assert!(err.contains("--on-duplicate"), "{err}");
    office.ok(&[
        "import",
        "advisors",
        file.to_str().unwrap(),
        "--on-duplicate",
        "skip",
    ]);
    let file = write(
        &office,
        "wide-id.csv",
        format!(
            "姓名,类别,身份证号
{name},科技顾问,{}
",
            wide(&id_number)
        ),
    );
    let err = office.fails(3, &["import", "advisors", file.to_str().unwrap()]);
    assert!(err.contains("--on-duplicate"), "{err}");
}
