//! Large advisor imports: rows written sixty-four at a time, and from a
//! thousand new rows on (and as many as are on file) the search index's
//! insert trigger and the plain indexes set aside and made again in the
//! same transaction. What a clerk sees must not change: everyone is found,
//! the schema is as it was, and a write that fails mid-file leaves nothing.

use std::path::PathBuf;

use crate::common::Office;

fn write(office: &Office, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = office.dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

/// `n` advisors with distinct codes, employers and fields.
fn roster(n: usize) -> String {
    let mut out = String::from("编码,姓名,类别,工作单位,专业领域\n");
    for i in 1..=n {
        out.push_str(&format!(
            "C{i:05},专家{i},科技顾问,第{i}号研究院,课题{i}号方向\n"
        ));
    }
    out
}

/// Everything in the schema about `advisors` and its search index, and the
/// search index's settings.
fn schema(office: &Office) -> String {
    office.text(
        "SELECT group_concat(name || ':' || coalesce(sql, ''), '|') FROM
           (SELECT name, sql FROM sqlite_master
             WHERE tbl_name IN ('advisors', 'advisors_fts') ORDER BY name)",
    ) + &office.text("SELECT group_concat(k || '=' || v, '|') FROM advisors_fts_config")
}

#[test]
fn a_bulk_import_finds_everyone_and_leaves_the_schema_as_it_was() {
    let office = Office::sample();
    let before = schema(&office);
    let file = write(&office, "big.csv", roster(1_500));
    office.ok(&["import", "advisors", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(schema(&office), before, "a dry run sets nothing aside");
    assert_eq!(office.int("SELECT count(*) FROM advisors"), 40);
    office.ok(&["import", "advisors", file.to_str().unwrap()]);
    assert_eq!(
        schema(&office),
        before,
        "trigger, indexes and settings back"
    );
    assert_eq!(office.int("SELECT count(*) FROM advisors"), 1_540);
    // Rows written before the import turned bulk (by the trigger) and
    // after (by the one statement at the end) are all in the index, once.
    let search = |words: &str| office.ok(&["--format", "csv", "advisor", "search", words]);
    for i in [1, 64, 65, 960, 1_000, 1_001, 1_499, 1_500] {
        let hits = search(&format!("第{i}号研究院"));
        assert!(hits.contains(&format!("C{i:05}")), "advisor {i}: {hits}");
        assert_eq!(hits.lines().count(), 2, "advisor {i} once: {hits}");
    }
    assert!(
        search("集成电路").lines().count() > 1,
        "advisors on file still found"
    );
    assert_eq!(
        office.int("SELECT count(*) FROM advisors_fts WHERE advisors_fts MATCH '\"研究院\"'"),
        office.int(
            "SELECT count(*) FROM advisors WHERE name LIKE '%研究院%' OR employer LIKE '%研究院%'
               OR fields LIKE '%研究院%' OR notes LIKE '%研究院%'"
        ),
        "the index holds every advisor once"
    );
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
    assert!(
        search("深海探测").contains("周子墨"),
        "the trigger works again"
    );
    // The order of the file is the order of the ids.
    assert_eq!(
        office.int(
            "SELECT count(*) FROM advisors a JOIN advisors b ON b.id = a.id + 1
                     WHERE a.code LIKE 'C%' AND b.code LIKE 'C%' AND b.code < a.code"
        ),
        0
    );
    office.ok(&["check", "--only", "integrity"]);
    office
        .conn()
        .execute_batch("INSERT INTO advisors_fts(advisors_fts, rank) VALUES ('integrity-check', 1)")
        .unwrap();
}

/// The bulk INSERTs run OR ROLLBACK (no statement journal): a constraint
/// that still fails there — here one the tool does not know, added by hand
/// — ends the transaction, and the import must end with it rather than go
/// on writing the rest of the file outside any transaction.
#[test]
fn a_constraint_failing_mid_file_ends_the_import_and_writes_nothing() {
    let office = Office::sample();
    let last = office.int("SELECT max(id) FROM advisors");
    office
        .conn()
        .execute_batch(&format!(
            "CREATE UNIQUE INDEX one_field_each ON advisors(fields) WHERE id > {last}"
        ))
        .unwrap();
    let mut text = roster(300);
    text = text.replace("课题10号方向", "课题9号方向");
    let file = write(&office, "clash.csv", &text);
    let err = office.fails_en(1, &["import", "advisors", file.to_str().unwrap()]);
    assert!(
        err.contains("UNIQUE constraint failed") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(office.int("SELECT count(*) FROM advisors"), 40);
    office.ok(&["advisor", "list", "--limit", "1"]);
}

/// SQLite's CHECK constraints are off while an advisors import writes
/// (`Dataset::rows_checked`): every value they forbid is refused by the
/// import's own row checks (`advisor add`'s), by line, in a file large
/// enough to be written in bulk, and nothing is written.
#[test]
fn values_the_table_forbids_are_refused_by_line() {
    let office = Office::sample();
    let header = "编码,姓名,性别,类别,层级,在外人员,参加工作年份,院士,个人年度聘金\n";
    let mut file = String::from(header);
    for i in 1..=1200 {
        file.push_str(&format!(
            "C{i:05},专家{i},女,科技顾问,入库,否,1999,否,5000\n"
        ));
    }
    let bad = [
        ("性别", "D00001,甲,其他,科技顾问,入库,否,1999,否,5000"),
        ("类别", "D00002,乙,女,顾问,入库,否,1999,否,5000"),
        ("层级", "D00003,丙,女,科技顾问,顶级,否,1999,否,5000"),
        ("在外人员", "D00004,丁,女,科技顾问,入库,也许,1999,否,5000"),
        ("参加工作年份", "D00005,戊,女,科技顾问,入库,否,1850,否,5000"),
        ("参加工作年份", "D00006,己,女,科技顾问,入库,否,2300,否,5000"),
        ("院士", "D00007,庚,女,科技顾问,入库,否,1999,或许,5000"),
        ("个人年度聘金", "D00008,辛,女,科技顾问,入库,否,1999,否,0"),
        ("个人年度聘金", "D00009,壬,女,科技顾问,入库,否,1999,否,-5"),
    ];
    for (_, row) in bad {
        file.push_str(row);
        file.push('\n');
    }
    let path = write(&office, "checks.csv", &file);
    let err = office.fails_en(3, &["import", "advisors", path.to_str().unwrap()]);
    for (i, (column, _)) in bad.iter().enumerate() {
        let line = 1202 + i;
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("line {line}, {column}:"))),
            "line {line} ({column}) not refused:\n{err}"
        );
    }
    // The rules are those of `advisor add`: the good rows go in, as typed.
    let good = write(
        &office,
        "good.csv",
        file.lines().take(1201).collect::<Vec<_>>().join("\n"),
    );
    office.ok(&["import", "advisors", good.to_str().unwrap()]);
    let stored = office.text(
        "SELECT gender || ' ' || category || ' ' || tier || ' ' || native_abroad || ' ' || work_start_year
            || ' ' || academician || ' ' || stipend_fen FROM advisors WHERE code = 'C01200'",
    );
    assert_eq!(stored, "female tech_advisor pool 0 1999 0 500000");
}
