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

/// SQLite's CHECK constraints are off while an activities import writes
/// (`Dataset::rows_checked`): every value they forbid is refused by the
/// import's own row checks, by line, and nothing is written.
#[test]
fn values_the_tables_forbid_are_refused_by_line() {
    let office = Office::sample();
    let header = "日期,活动类型,顾问团,议题,方式,时长(小时),专家编码,出席情况,请假原因,角色,特邀\n";
    let rows = [
        "2026-03-05,聚餐,growth,议题一,现场,2,A0005,出席,,参加,否",
        "2026-03-05,专题研讨,growth,议题二,乘船,2,A0005,出席,,参加,否",
        "2026-03-05,专题研讨,growth,议题三,现场,25,A0005,出席,,参加,否",
        "2026-03-05,专题研讨,growth,议题四,现场,-1,A0005,出席,,参加,否",
        "2026-03-05,专题研讨,growth,议题五,现场,2,A0005,也许,,参加,否",
        "2026-03-05,专题研讨,growth,议题六,现场,2,A0005,出席,,国王,否",
        "2026-03-05,专题研讨,growth,议题七,现场,2,A0005,出席,,参加,或许",
        "2026-03-05,专题研讨,growth,议题八,现场,2,A0005,请假,,参加,否",
    ];
    let file = write(
        &office,
        "checks.csv",
        format!("{header}{}\n", rows.join("\n")),
    );
    let err = office.fails_en(3, &["import", "activities", arg(&file)]);
    for (line, column) in [
        (2, "活动类型"),
        (3, "方式"),
        (4, "时长(小时)"),
        (5, "时长(小时)"),
        (6, "出席情况"),
        (7, "角色"),
        (8, "特邀"),
        (9, "请假原因"),
    ] {
        let named = err
            .lines()
            .any(|l| l.contains(&format!("line {line}, {column}:")));
        assert!(named, "line {line} ({column}) not refused:\n{err}");
    }
    // The rules are those of the commands: a good row goes in.
    let good =
        format!("{header}2026-03-05,专题研讨,growth,议题九,现场,2.5,A0005,请假,出差,参加,否\n");
    office.ok(&[
        "import",
        "activities",
        arg(&write(&office, "good.csv", &good)),
    ]);
    let stored = office.text(
        "SELECT ac.kind || ' ' || ac.mode || ' ' || ac.hours || ' ' || pa.attendance || ' ' || pa.excuse_reason
         FROM activities ac JOIN participants pa ON pa.activity_id = ac.id WHERE ac.topic = '议题九'",
    );
    assert_eq!(stored, "seminar on_site 2.5 excused 出差");
}
