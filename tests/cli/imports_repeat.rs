//! The repeat-import guard against what a spreadsheet does to a file it
//! saves again without changing a record (QA finding 1): the blank rows
//! Excel and WPS write after cleared rows, columns moved, cells padded
//! with spaces. The rows as the dataset reads them are what is compared.

use crate::common::Office;
use crate::datasets::{arg, write};

const HEADER: &str = "日期,联系方式,专家,联系人,渠道,事由,内容";
const ROWS: [&str; 2] = [
    "2026-11-18,登门拜访,A0013,L007,当面,日常,走访了解科研进展",
    "2026-11-19,电话联系,A0021,,电话,日常,电话问候",
];

/// The cells of a line in the order `order` gives (by place in HEADER).
fn reorder(line: &str, order: &[usize]) -> String {
    let cells: Vec<&str> = line.split(',').collect();
    order
        .iter()
        .map(|&i| cells[i])
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn blank_rows_moved_columns_and_padded_cells_do_not_let_the_same_rows_in_twice() {
    let office = Office::sample();
    let text = format!("{HEADER}\r\n{}\r\n{}\r\n", ROWS[0], ROWS[1]);
    let file = write(&office, "visits.csv", &text);
    let before = office.int("SELECT count(*) FROM contacts");
    office.ok(&["import", "contacts", arg(&file)]);
    assert_eq!(office.int("SELECT count(*) FROM contacts"), before + 2);
    // The digest the guard compares is stored with each import; a change in
    // how it is computed would let a file imported before in again.
    assert_eq!(
        office.text(
            "SELECT json_extract(after, '$.content_sha256') FROM audit_log
              WHERE action = 'import' ORDER BY id DESC LIMIT 1"
        ),
        "53e3041bd80ace634ad0e6776f6e68d1e861637755bdcfab92384783f7fd043e"
    );

    let blank_rows = format!("{text},,,,,,\r\n,,,,,,\r\n");
    let order = [6, 2, 0, 1, 3, 5, 4];
    let moved = format!(
        "{}\n{}\n{}\n",
        reorder(HEADER, &order),
        reorder(ROWS[0], &order),
        reorder(ROWS[1], &order)
    );
    let padded = text.replace(',', " , ").replace("\r\n", " \r\n");
    let blank_between = format!("{HEADER}\n{}\n ,　,,,,,\n{}\n", ROWS[0], ROWS[1]);
    for (name, contents) in [
        ("blank-rows.csv", blank_rows),
        ("moved.csv", moved),
        ("padded.csv", padded),
        ("blank-between.csv", blank_between),
    ] {
        let resaved = write(&office, name, contents);
        let err = office.fails_en(4, &["import", "contacts", arg(&resaved)]);
        assert!(err.contains("the same rows were imported"), "{name}: {err}");
        let err = office.fails_en(4, &["import", "contacts", arg(&resaved), "--dry-run"]);
        assert!(err.contains("--again"), "{name}: {err}");
    }
    assert_eq!(office.int("SELECT count(*) FROM contacts"), before + 2);
}

#[test]
fn a_changed_cell_or_a_row_left_out_is_other_content() {
    let office = Office::sample();
    let text = format!("{HEADER}\n{}\n{}\n", ROWS[0], ROWS[1]);
    office.ok(&["import", "contacts", arg(&write(&office, "a.csv", &text))]);
    let before = office.int("SELECT count(*) FROM contacts");
    // One row only: a file of its own.
    let one = format!("{HEADER}\n{}\n", ROWS[1]);
    office.ok(&["import", "contacts", arg(&write(&office, "b.csv", one))]);
    // A cell changed inside (not only padded) is another row.
    let changed = format!("{HEADER}\n{}\n", ROWS[0].replace("走访了解", "走访 了解"));
    office.ok(&["import", "contacts", arg(&write(&office, "c.csv", changed))]);
    assert_eq!(office.int("SELECT count(*) FROM contacts"), before + 2);
}

/// The advisors import keeps its content digest on the reading thread (its
/// writes are the heavier work): the same digest as everywhere else.
#[test]
fn the_advisors_content_digest_is_the_same_on_either_thread() {
    let office = Office::empty();
    let file = write(
        &office,
        "adv.csv",
        "姓名,类别,工作单位\r\n林静怡,科技顾问,重庆量子研究院\r\n,,\r\n周子墨, 科技顾问 ,深海所\r\n",
    );
    office.ok(&["import", "advisors", arg(&file)]);
    assert_eq!(
        office.text(
            "SELECT json_extract(after, '$.content_sha256') FROM audit_log WHERE action = 'import'"
        ),
        "cd6c848647a4d5732e86d4de0eab501dd20e68064a9081064178491a0563016f"
    );
}
