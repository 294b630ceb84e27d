//! One-to-one liaison (seed 000 一对一): adding liaisons, pairing them with
//! advisors, a change of liaison with its history, and every refused pairing.

use super::{find, w};
use crate::common::{Office, json};

#[test]
fn assignment_history_across_a_change_of_liaison() {
    let office = Office::sample();
    // 李红梅 held A0007 and A0008 until her transfer; 程立 from 2025-07-01.
    let l004 = json(&office.ok(&w("--format json liaison show L004")));
    assert_eq!(l004["holding"].as_array().unwrap().len(), 0);
    let history: Vec<String> = l004["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| format!("{} {} {}", h["code"], h["since"], h["until"]).replace('"', ""))
        .collect();
    assert_eq!(
        history,
        ["A0007 2023-09-01 2025-06-30", "A0008 2023-09-01 2025-06-30"]
    );
    let earlier = json(&office.ok(&w("--format json liaison show L004 --as-of 2025-03-01")));
    assert_eq!(earlier["holding"][0]["code"], "A0007");
    let a0007 = json(&office.ok(&w("--format json advisor show A0007")));
    assert_eq!(a0007["liaison"][0]["code"], "L005");
    assert_eq!(a0007["liaison"][0]["since"], "2025-07-01");

    // A clerk changes A0013's liaison: refused without --replace (one liaison
    // at a time), done with it; the old pairing ends the day before.
    let change = "liaison assign L003 --advisor A0013 --from 2026-10-01";
    let err = office.fails_en(4, &w(change));
    assert!(
        err.contains("--advisor") && err.contains("L007") && err.contains("--replace"),
        "{err}"
    );
    let too_early = "liaison assign L003 --advisor A0013 --from 2023-09-01 --replace";
    let err = office.fails_en(4, &w(too_early));
    assert!(
        err.contains("--from") && err.contains("begins on 2023-09-01"),
        "{err}"
    );
    // A hand-over is for good: a stand-in period with --replace is refused.
    let err = office.fails_en(3, &w(&format!("{change} --replace --until 2026-12-31")));
    assert!(
        err.contains("--until") && err.contains("--replace"),
        "{err}"
    );
    let rows = office.int("SELECT count(*) FROM liaison_assignments");
    office.ok(&w(&format!("{change} --replace")));
    assert_eq!(
        office.int("SELECT count(*) FROM liaison_assignments"),
        rows + 1
    );
    let pairings = office.text(
        "SELECT group_concat(p, '; ') FROM (SELECT l.code || ' ' || la.start_date || ' ' || IFNULL(la.end_date, '-') AS p
         FROM liaison_assignments la JOIN liaisons l ON l.id = la.liaison_id JOIN advisors a ON a.id = la.advisor_id
         WHERE a.code = 'A0013' ORDER BY la.id)",
    );
    assert_eq!(pairings, "L007 2023-09-01 2026-09-30; L003 2026-10-01 -");
    let ended = "SELECT count(*) FROM audit_log WHERE entity = 'liaison_assignment' AND action = 'end' AND after LIKE '%2026-09-30%'";
    assert_eq!(office.int(ended), 1);
    let shown = json(&office.ok(&w("--format json advisor show A0013")));
    assert_eq!(shown["liaison"][0]["code"], "L003");
    // Ending a pairing never deletes it.
    office.ok(&w(
        "liaison unassign L003 --advisor A0013 --until 2026-11-20",
    ));
    assert_eq!(
        office.int("SELECT count(*) FROM liaison_assignments"),
        rows + 1
    );
    let list = json(&office.ok(&w("--format json liaison list --as-of 2026-11-21")));
    assert_eq!(find(&list, "code", "L003")["holding"], 2);
    let leaders = json(&office.ok(&w("--format json liaison list --leader no")));
    let codes: Vec<&str> = leaders
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["code"].as_str().unwrap())
        .collect();
    // 李红梅 (L004) left the leadership when she was transferred.
    assert_eq!(codes, ["L002", "L004", "L016"]);
}

#[test]
fn liaisons_are_added_with_generated_codes_and_edited() {
    let office = Office::sample();
    let add = "--format json liaison add --name 马新 --unit 区科技局 --position 副局长 --leader 是 --phone 13808351234";
    assert_eq!(json(&office.ok(&w(add)))["code"], "L017");
    office.ok(&[
        "liaison",
        "edit",
        "马新",
        "--position",
        "党组成员、副局长",
        "--phone",
        "",
    ]);
    let row = "SELECT position || '|' || IFNULL(phone, '-') || '|' || is_leader FROM liaisons WHERE code = 'L017'";
    assert_eq!(office.text(row), "党组成员、副局长|-|1");
    let audit = "SELECT count(*) FROM audit_log WHERE entity = 'liaison' AND entity_id = 17";
    assert_eq!(office.int(audit), 2);
    let err = office.fails_en(3, &w("liaison add --name 王五 --code L001"));
    assert!(err.contains("--code") && err.contains("刘正刚"), "{err}");
    let err = office.fails_en(3, &w("liaison add --unit 区科技局"));
    assert!(err.contains("--name"), "{err}");
    let err = office.fails_en(3, &w("liaison add --name 王五 --leader maybe"));
    assert!(err.contains("--leader"), "{err}");
    let err = office.fails_en(3, &w("liaison add --name 王五 --phone 12345"));
    assert!(err.contains("--phone"), "{err}");
    let empty = Office::empty();
    assert_eq!(
        json(&empty.ok(&w("--format json liaison add --name 王五")))["code"],
        "L001"
    );
}

#[test]
fn bad_assignments_are_refused_and_change_nothing() {
    let office = Office::sample();
    // Overlapping another pairing of the same liaison and advisor.
    let err = office.fails_en(
        4,
        &w("liaison assign L001 --advisor A0001 --from 2024-01-01"),
    );
    assert!(err.contains("--from") && err.contains("overlaps"), "{err}");
    let inside = "liaison assign L011 --advisor A0023 --from 2025-01-01 --until 2025-03-01";
    let err = office.fails_en(4, &w(inside));
    assert!(err.contains("--from") && err.contains("A0023"), "{err}");
    // One command, one transaction: the second advisor's overlap undoes the first's pairing.
    let both = "liaison assign L001 --advisor A0036 --advisor A0002 --from 2026-01-01";
    let err = office.fails_en(4, &w(both));
    assert!(err.contains("A0002"), "{err}");
    // An advisor not serving on the first day.
    let err = office.fails_en(
        4,
        &w("liaison assign L001 --advisor A0040 --from 2026-01-01"),
    );
    assert!(
        err.contains("--from") && err.contains("not serving"),
        "{err}"
    );
    // Until before from; no advisor; unknown liaison; a pairing that is not there.
    let backwards = "liaison assign L001 --advisor A0036 --from 2026-05-01 --until 2026-04-01";
    let err = office.fails_en(3, &w(backwards));
    assert!(err.contains("--until"), "{err}");
    let err = office.fails_en(3, &w("liaison assign L001"));
    assert!(err.contains("--advisor"), "{err}");
    let err = office.fails_en(3, &w("liaison assign L099 --advisor A0036"));
    assert!(err.contains("LIAISON"), "{err}");
    let err = office.fails_en(
        4,
        &w("liaison unassign L001 --advisor A0005 --until 2026-01-01"),
    );
    assert!(
        err.contains("--until") && err.contains("does not hold"),
        "{err}"
    );
    let err = office.fails_en(3, &w("liaison unassign L001 --advisor A0001"));
    assert!(err.contains("--until"), "{err}");
}
