//! The activities import decides membership on the reading thread where it
//! can (the advisor found by code, the day and panel read from the row) and
//! on the writing thread otherwise; both must answer as `participant add`
//! does (seed 001 arts. 10–12: serving on the panel that day, or a guest).

use crate::common::Office;
use crate::datasets::{arg, write};

const HEADER: &str = "日期,活动类型,顾问团,议题,专家编码,姓名,出席情况,特邀\n";

#[test]
fn membership_is_the_same_however_the_row_names_its_advisor_day_and_panel() {
    let office = Office::sample();
    // A0005 serves on growth; A0009 on transport only. The same activity
    // is named by panel code or panel name, the day in two forms; advisors
    // by code and name, or by name alone (resolved on the writing thread).
    let rows = format!(
        "{HEADER}\
         2026-03-05,专题研讨,growth,万达开统筹发展研讨,A0005,,出席,否\n\
         2026-03-05,专题研讨,growth,万达开统筹发展研讨,A0009,,出席,是\n\
         2026年3月6日,专题研讨,渝东北川东北重要增长极顾问团,招商研讨,,李国栋,出席,否\n\
         2026年3月6日,专题研讨,渝东北川东北重要增长极顾问团,招商研讨,A0006,,出席,否\n"
    );
    office.ok(&["import", "activities", arg(&write(&office, "a.csv", &rows))]);
    let stored = office.text(
        "SELECT group_concat(a.code || ':' || pa.guest, ' ') FROM participants pa
         JOIN advisors a ON a.id = pa.advisor_id JOIN activities ac ON ac.id = pa.activity_id
         WHERE ac.topic IN ('万达开统筹发展研讨', '招商研讨') ORDER BY pa.id",
    );
    assert_eq!(stored, "A0005:0 A0009:1 A0005:0 A0006:0");
    // Not serving there that day, by code or by name: refused (exit 4),
    // as `activity participant add` refuses it, and nothing is written.
    let name = office.text("SELECT name FROM advisors WHERE code = 'A0009'");
    for who in ["A0009,".to_string(), format!(",{name}")] {
        let bad = format!("{HEADER}2026-03-07,专题研讨,growth,另一研讨,{who},出席,否\n");
        let err = office.fails_en(
            4,
            &["import", "activities", arg(&write(&office, "b.csv", &bad))],
        );
        assert!(err.contains("does not serve on"), "{who}: {err}");
    }
    // After A0005's term on growth the same row is refused too: the day,
    // not the activity first met, decides.
    let late = format!("{HEADER}2031-01-05,专题研讨,growth,远期研讨,A0005,,invited,否\n");
    let err = office.fails_en(
        4,
        &[
            "--today",
            "2031-01-10",
            "import",
            "activities",
            arg(&write(&office, "c.csv", &late)),
        ],
    );
    assert!(err.contains("does not serve on"), "{err}");
}
