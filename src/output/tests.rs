//! Unit tests of `output`.

use super::*;
use serde_json::json;

#[test]
fn composite_kinds_are_plain_structures_in_json() {
    let shown = Shown::default();
    let counts = counts_cell([("visit", 2), ("greeting", 1)]);
    assert_eq!(
        json_value(&counts, Kind::Counts(&crate::labels::CONTACT_KIND), shown),
        json!({"visit": 2, "greeting": 1})
    );
    let names = list_cell(["向东海", "陈书琴"]);
    assert_eq!(
        json_value(&names, Kind::List, shown),
        json!(["向东海", "陈书琴"])
    );
    assert_eq!(list_cell(Vec::<String>::new()), Cell::Null);
    let record = Cell::from(r#"{"id":3,"grade":"competent"}"#);
    assert_eq!(
        json_value(&record, Kind::Json, shown),
        json!({"id": 3, "grade": "competent"})
    );
    // Codes of either domain stay codes.
    let kinds = Cell::from("visit,seminar");
    static BOTH: [&Domain; 2] = [&crate::labels::CONTACT_KIND, &crate::labels::ACTIVITY_KIND];
    assert_eq!(
        json_value(&kinds, Kind::EnumOf(&BOTH), shown),
        json!("visit,seminar")
    );
}

#[test]
fn a_negative_zero_reads_zero_in_every_format() {
    let zero = Cell::Float(-0.0);
    assert_eq!(display(&zero, Kind::Float, Shown::default()), "0");
    let text = json_value(&zero, Kind::Float, Shown::default()).to_string();
    assert_eq!(text, "0.0");
    assert_eq!(decimal(-2.5), "-2.5");
}
