//! `report ledger`: one advisor's work ledger (工作台账, seed 002 part
//! 7(1)5) in date order, in both languages and three formats.

use crate::common::{Office, json};

#[test]
fn the_work_ledger_in_both_languages() {
    // Seed 002 part 7(1)5: the 工作台账 of one advisor.
    let office = Office::sample();
    // Contacts and expenses come from other parts of roster; their tables are read directly.
    let conn = office.conn();
    conn.execute_batch(
        "INSERT INTO contacts (on_date, kind, channel, note, created_at) VALUES
            ('2025-09-10', 'visit', 'in_person', '走访并寄送年度经济运行资料', 'x'),
            ('2025-09-11', 'call', 'phone', '误登记', 'x');
         UPDATE contacts SET voided_at = 'x', void_reason = '误登记' WHERE note = '误登记';
         INSERT INTO contact_advisors SELECT id, 5 FROM contacts WHERE note IN ('走访并寄送年度经济运行资料', '误登记');
         INSERT INTO expenses (advisor_id, panel_id, on_date, category, amount_fen, note, created_at, updated_at)
            VALUES (5, 2, '2025-03-20', 'travel', 186000, '参加顾问团会议往返机票', 'x', 'x'),
                   (5, 2, '2025-03-21', 'lodging', 50000, '已作废', 'x', 'x');
         UPDATE expenses SET voided_at = 'x', void_reason = '重复' WHERE note = '已作废';",
    )
    .unwrap();
    drop(conn);
    let zh = office.ok(&["report", "ledger", "李国栋", "--year", "2025"]);
    for needle in [
        "工作台账",
        "顾问团会议",
        "出席",
        "主持",
        "已落实",
        "联系服务",
        "走访",
        "经费",
        "1,860.00",
    ] {
        assert!(zh.contains(needle), "{needle}: {zh}");
    }
    assert!(!zh.contains("误登记") && !zh.contains("已作废"), "{zh}");
    let en = office.ok_en(&["report", "ledger", "A0005", "--year", "2025"]);
    for needle in [
        "Work ledger",
        "panel meeting",
        "attended",
        "chair",
        "implemented",
        "visit",
        "travel",
    ] {
        assert!(en.contains(needle), "{needle}: {en}");
    }
    let doc = json(&office.ok(&[
        "--format", "json", "report", "ledger", "A0005", "--year", "2025",
    ]));
    assert_eq!(doc["advisor"]["activities"], 4);
    // The ledger's totals are the listings' own: every live contact and expense of the year.
    let contacts = office.int(
        "SELECT count(*) FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id
         WHERE ca.advisor_id = 5 AND c.voided_at IS NULL AND c.on_date LIKE '2025-%'",
    );
    let fen = office.int(
        "SELECT sum(amount_fen) FROM expenses WHERE advisor_id = 5 AND voided_at IS NULL AND on_date LIKE '2025-%'",
    );
    assert_eq!(doc["advisor"]["contacts"], contacts);
    assert_eq!(doc["advisor"]["expenses"], fen as f64 / 100.0);
    let entries = doc["ledger"].as_array().unwrap();
    let dates: Vec<&str> = entries
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "date order");
    let kinds: Vec<&str> = entries
        .iter()
        .map(|e| e["entry"].as_str().unwrap())
        .collect();
    for kind in ["activity", "advice", "contact", "expense"] {
        assert!(kinds.contains(&kind), "{kind}: {kinds:?}");
    }
    let meeting = entries.iter().find(|e| e["entry"] == "activity").unwrap();
    assert_eq!(meeting["kind"], "panel_meeting");
    assert_eq!(meeting["outcome"], "attended");
    assert_eq!(meeting["role"], "chair");
    // Without --year: the appointments too, and A0024's two absences before dismissal.
    let dismissed = json(&office.ok(&["--format", "json", "report", "ledger", "A0024"]));
    assert_eq!(dismissed["advisor"]["absent"], 2);
    let steps: Vec<&str> = dismissed["ledger"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entry"] == "appointment")
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["nominated", "appointed", "dismissed"]);
    // Seed 002 part 7: the nomination carries its work plan into the ledger.
    let first = json(&office.ok(&[
        "--format", "json", "report", "ledger", "A0001", "--year", "2023",
    ]));
    assert_eq!(
        first["ledger"][0]["detail"],
        "工作方案：围绕全区中长期发展规划、重大改革和重大投资项目开展咨询论证"
    );
    // A recusal and its override appear in the ledger of A0020.
    let recused = office.ok_en(&["--format", "csv", "report", "ledger", "A0020"]);
    assert!(
        recused.contains("recusal") && recused.contains("recusal overridden"),
        "{recused}"
    );
    // An expired term is an entry of its own (seed 000 art. 7).
    let expired = json(&office.ok(&[
        "--format", "json", "report", "ledger", "A0015", "--year", "2026",
    ]));
    assert!(
        expired["ledger"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "expired")
    );
    let err = office.fails_en(3, &["report", "ledger", "nobody"]);
    assert!(err.contains("ADVISOR"), "{err}");
    let err = office.fails_en(3, &["report", "ledger", "A0005", "--year", "next"]);
    assert!(err.contains("--year"), "{err}");
}

#[test]
fn a_reported_event_is_counted_apart_from_the_contacts() {
    // Seed 004 三(一)3 五报告: what A0029's unit reported is information
    // received, not a contact; the ledger counts it apart, as `report
    // coverage` and the yearly summary do (QA r6: the ledger said 5
    // contacts where coverage said 4).
    let office = Office::sample();
    let doc = json(&office.ok(&[
        "--format", "json", "report", "ledger", "A0029", "--year", "2026",
    ]));
    let of_kind = |kind: &str| {
        office.int(&format!(
            "SELECT count(*) FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id
             WHERE ca.advisor_id = 29 AND c.voided_at IS NULL AND c.on_date LIKE '2026-%'
               AND (c.kind = 'report') = ({kind} = 'report')"
        ))
    };
    assert_eq!(doc["advisor"]["reports"], 1);
    assert_eq!(doc["advisor"]["reports"], of_kind("'report'"));
    assert_eq!(doc["advisor"]["contacts"], of_kind("'visit'"));
    let coverage = json(&office.ok(&["--format", "json", "report", "coverage", "--year", "2026"]));
    let row = coverage["advisors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "A0029")
        .unwrap();
    assert_eq!(doc["advisor"]["contacts"], row["contacts"]);
    let text = office.ok(&["report", "ledger", "A0029", "--year", "2026"]);
    assert!(text.contains("收到五报告"), "{text}");
}
