//! `roster log` names the records and changes in the reader's language:
//! every entity and action the sample office and the usual commands write
//! has a label, and `--entity` takes the label a clerk reads.

use crate::common::Office;

#[test]
fn every_change_on_file_reads_in_chinese_and_the_entity_filter_takes_labels() {
    let office = Office::sample();
    let file = office.path("a.csv");
    let file = file.to_str().unwrap();
    office.ok(&["export", "advisors", "--unmasked", "--out", file]);
    office.ok(&["backup", office.path("b.db").to_str().unwrap()]);
    office.ok(&["settings", "set", "due.window_days", "45"]);
    let out = office.ok(&["--format", "csv", "log", "--limit", "0"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (entity, action) = (at("对象"), at("操作"));
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        rows += 1;
        for column in [entity, action] {
            let value = &record[column];
            assert!(
                !value.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "unlabelled in the log: {value:?} in {record:?}"
            );
        }
    }
    assert_eq!(rows, office.int("SELECT count(*) FROM audit_log"));
    let by_label = office.ok(&[
        "--format", "json", "log", "--entity", "专家", "--limit", "0",
    ]);
    let by_code = office.ok(&[
        "--format", "json", "log", "--entity", "advisor", "--limit", "0",
    ]);
    assert_eq!(by_label, by_code);
    assert!(
        by_code.contains("\"entity\": \"advisor\"") || by_code.contains("\"entity\":\"advisor\"")
    );
    office.fails(3, &["log", "--entity", "专家们"]);
}
