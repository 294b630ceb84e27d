//! The appointment procedure (issue 3): seed 001 arts. 3–5, 12, 13 and
//! seed 000 arts. 4–7, walked end to end through the real binary.

use crate::common::{Office, json};

/// An Erenhot-style office (seed 001 art. 4): every step, a 7-day notice,
/// terms of 1–3 years (default 2 here).
pub(crate) fn erenhot() -> Office {
    let office = Office::empty();
    office.ok(&[
        "panel",
        "add",
        "--code",
        "eh",
        "--name",
        "二连浩特市人民政府顾问",
        "--kind",
        "advisory_panel",
        "--lead-unit",
        "市人力资源和社会保障局",
        "--term-years",
        "2",
        "--max-term-years",
        "3",
        "--steps",
        "vetted,checked,reviewed,approved,publicized",
    ]);
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "王海",
        "--category",
        "government_advisor",
        "--birth-date",
        "1960-05-01",
        "--work-start-year",
        "1985",
    ]);
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "赵青",
        "--category",
        "government_advisor",
        "--birth-date",
        "1953-01-10",
        "--work-start-year",
        "1976",
    ]);
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "钱新",
        "--category",
        "government_advisor",
        "--birth-date",
        "1994-02-02",
        "--work-start-year",
        "2023",
    ]);
    office
}

pub(crate) fn at(office: &Office, today: &str, args: &[&str]) -> String {
    let mut all = vec!["--today", today];
    all.extend_from_slice(args);
    office.ok(&all)
}

pub(crate) fn fails_at(office: &Office, code: i32, today: &str, args: &[&str]) -> String {
    let mut all = vec!["--lang", "en", "--today", today];
    all.extend_from_slice(args);
    office.fails(code, &all)
}

/// Runs the Erenhot procedure up to and including the public notice.
pub(crate) fn through_notice(office: &Office, advisor: &str) -> String {
    let out = at(
        office,
        "2024-06-01",
        &[
            "appointment",
            "nominate",
            advisor,
            "--panel",
            "eh",
            "--source",
            "智库引荐",
            "--work-plan",
            "口岸经济研究",
        ],
    );
    let id = json(&at(
        office,
        "2024-06-01",
        &[
            "--format",
            "json",
            "appointment",
            "list",
            "--advisor",
            advisor,
        ],
    ))[0]["id"]
        .to_string();
    assert!(out.contains(&format!("#{id}")), "{out}");
    for (verb, day) in [
        ("vet", "2024-06-03"),
        ("check", "2024-06-05"),
        ("review", "2024-06-06"),
        ("approve", "2024-06-10"),
        ("publicize", "2024-06-12"),
    ] {
        at(
            office,
            "2024-06-20",
            &[
                "appointment",
                verb,
                &id,
                "--date",
                day,
                "--reference",
                "市政府常务会议",
            ],
        );
    }
    id
}

#[test]
fn erenhot_walks_every_step_with_a_seven_day_notice() {
    let office = erenhot();
    let id = through_notice(&office, "王海");
    assert_eq!(
        office.text(&format!(
            "SELECT notice_end FROM appointments WHERE id = {id}"
        )),
        "2024-06-18"
    );
    // Appointing on the last day of the notice is refused with the date it ends (art. 4(6)).
    let err = fails_at(
        &office,
        4,
        "2024-06-20",
        &[
            "appointment",
            "appoint",
            &id,
            "--date",
            "2024-06-18",
            "--certificate",
            "EH-001",
        ],
    );
    assert!(
        err.contains("2024-06-18") && err.contains("2024-06-19"),
        "{err}"
    );
    at(
        &office,
        "2024-06-20",
        &[
            "appointment",
            "appoint",
            &id,
            "--date",
            "2024-06-19",
            "--certificate",
            "EH-001",
        ],
    );
    let shown = json(&at(
        &office,
        "2024-06-20",
        &["--format", "json", "appointment", "show", &id],
    ));
    assert_eq!(shown["appointment"]["status"], "appointed");
    assert_eq!(shown["appointment"]["term_start"], "2024-06-19");
    assert_eq!(shown["appointment"]["term_end"], "2026-06-18");
    let steps: Vec<&str> = shown["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "nominated",
            "vetted",
            "checked",
            "reviewed",
            "approved",
            "publicized",
            "appointed"
        ]
    );
    assert_eq!(
        office.int(&format!(
            "SELECT count(*) FROM audit_log WHERE entity = 'appointment' AND entity_id = {id}"
        )),
        7
    );
    // Serving across the term boundary (--as-of).
    let on = |d: &str| {
        office
            .ok(&["--format", "csv", "advisor", "list", "--as-of", d])
            .contains("王海")
    };
    assert!(!on("2024-06-18") && on("2024-06-19") && on("2026-06-18") && !on("2026-06-19"));
    // After the end date it reads as expired (seed 000 art. 7), computed, never stored.
    let later = json(&at(
        &office,
        "2026-07-01",
        &["--format", "json", "appointment", "show", &id],
    ));
    assert_eq!(later["appointment"]["status"], "expired");
    assert_eq!(
        office.text(&format!("SELECT state FROM appointments WHERE id = {id}")),
        "appointed"
    );
    let err = fails_at(
        &office,
        4,
        "2026-07-01",
        &[
            "appointment",
            "dismiss",
            &id,
            "--ground",
            "other",
            "--note",
            "不宜继续",
            "--yes",
        ],
    );
    assert!(err.contains("expired"), "{err}");
}

#[test]
fn steps_cannot_be_skipped_repeated_reversed_or_misdated() {
    let office = erenhot();
    at(
        &office,
        "2024-06-01",
        &[
            "appointment",
            "nominate",
            "王海",
            "--panel",
            "eh",
            "--source",
            "self",
        ],
    );
    at(&office, "2024-06-02", &["appointment", "vet", "1"]);
    let err = fails_at(&office, 4, "2024-06-03", &["appointment", "review", "1"]);
    assert!(
        err.contains("vetted") && err.contains("skip") && err.contains("check"),
        "{err}"
    );
    let err = fails_at(&office, 4, "2024-06-03", &["appointment", "vet", "1"]);
    assert!(err.contains("never runs back"), "{err}");
    let err = fails_at(
        &office,
        3,
        "2024-06-03",
        &["appointment", "check", "1", "--date", "2024-05-30"],
    );
    assert!(
        err.contains("--date") && err.contains("before the previous step"),
        "{err}"
    );
    let err = fails_at(
        &office,
        3,
        "2024-06-03",
        &["appointment", "check", "1", "--date", "2024-06-09"],
    );
    assert!(err.contains("after today"), "{err}");
    let err = fails_at(
        &office,
        4,
        "2024-06-03",
        &["appointment", "appoint", "1", "--certificate", "X"],
    );
    assert!(
        err.contains("allowed next: roster appointment check 1, roster appointment reject 1"),
        "{err}"
    );
    // In Chinese too, the commands rather than English verbs in the sentence.
    let zh = office.fails(
        4,
        &[
            "--today",
            "2024-06-03",
            "appointment",
            "appoint",
            "1",
            "--certificate",
            "X",
        ],
    );
    assert!(
        zh.contains("可办理：roster appointment check 1、roster appointment reject 1"),
        "{zh}"
    );
    let err = fails_at(
        &office,
        4,
        "2024-06-03",
        &[
            "appointment",
            "nominate",
            "王海",
            "--panel",
            "eh",
            "--source",
            "self",
        ],
    );
    assert!(err.contains("already in") && err.contains("#1"), "{err}");
    // A rejected nomination accepts nothing more.
    at(
        &office,
        "2024-06-04",
        &["appointment", "reject", "1", "--reason", "材料不全"],
    );
    let err = fails_at(&office, 4, "2024-06-05", &["appointment", "check", "1"]);
    assert!(err.contains("rejected") && err.contains("ended"), "{err}");
    let err = fails_at(&office, 3, "2024-06-05", &["appointment", "show", "99"]);
    assert!(err.contains("#99"), "{err}");
}

#[test]
fn an_objection_sends_it_back_to_review_or_rejects_it() {
    let office = erenhot();
    let id = through_notice(&office, "王海");
    at(
        &office,
        "2024-06-14",
        &[
            "appointment",
            "object",
            &id,
            "--date",
            "2024-06-14",
            "--outcome",
            "review",
            "--reason",
            "群众反映兼职情况需核实",
        ],
    );
    // Back for review: the re-review is recorded (with its reference), then
    // approval and a new notice.
    assert_eq!(
        office.text(&format!("SELECT state FROM appointments WHERE id = {id}")),
        "checked"
    );
    assert_eq!(
        office.int(&format!(
            "SELECT count(*) FROM appointments WHERE id = {id} AND notice_end IS NULL"
        )),
        1
    );
    let err = fails_at(&office, 4, "2024-06-19", &["appointment", "approve", &id]);
    assert!(err.contains("review"), "{err}");
    at(
        &office,
        "2024-06-19",
        &[
            "appointment",
            "review",
            &id,
            "--reference",
            "核实兼职情况的复核意见",
        ],
    );
    at(&office, "2024-06-20", &["appointment", "approve", &id]);
    at(
        &office,
        "2024-06-21",
        &["appointment", "publicize", &id, "--notice-days", "10"],
    );
    assert_eq!(
        office.text(&format!(
            "SELECT notice_end FROM appointments WHERE id = {id}"
        )),
        "2024-06-30"
    );
    // While the notice runs, `show` says from when it can be appointed
    // instead of offering the appointment (seed 001 art. 4(6)).
    let shown = at(
        &office,
        "2024-06-25",
        &["--lang", "en", "appointment", "show", &id],
    );
    assert!(
        shown.contains("appointment from 2024-07-01") && shown.contains("meanwhile"),
        "{shown}"
    );
    at(
        &office,
        "2024-06-25",
        &[
            "appointment",
            "object",
            &id,
            "--outcome",
            "reject",
            "--reason",
            "核实存在利益冲突",
        ],
    );
    assert_eq!(
        office.text(&format!("SELECT state FROM appointments WHERE id = {id}")),
        "rejected"
    );
    let err = fails_at(
        &office,
        4,
        "2024-06-26",
        &[
            "appointment",
            "object",
            &id,
            "--outcome",
            "review",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("public notice"), "{err}");
}

#[test]
fn eligibility_is_checked_at_nomination_and_appointment_with_exemptions_recorded() {
    let office = erenhot();
    // 赵青 is 71 and 钱新 has one year of work (seed 001 art. 5).
    let err = fails_at(
        &office,
        4,
        "2024-06-01",
        &[
            "appointment",
            "nominate",
            "赵青",
            "--panel",
            "eh",
            "--source",
            "leader",
        ],
    );
    assert!(
        err.contains("over 70") && err.contains("--exemption"),
        "{err}"
    );
    let err = fails_at(
        &office,
        4,
        "2024-06-01",
        &[
            "appointment",
            "nominate",
            "钱新",
            "--panel",
            "eh",
            "--source",
            "self",
        ],
    );
    assert!(err.contains("fewer than 5"), "{err}");
    at(
        &office,
        "2024-06-01",
        &[
            "appointment",
            "nominate",
            "赵青",
            "--panel",
            "eh",
            "--source",
            "leader",
            "--exemption",
            "口岸经济领域领军人物，特殊情况放宽",
        ],
    );
    let shown = at(&office, "2024-06-01", &["appointment", "show", "1"]);
    assert!(shown.contains("口岸经济领域领军人物"), "{shown}");
    // Without a birth date the age cannot be checked: refused, not silently passed.
    office.ok(&[
        "advisor",
        "add",
        "--name",
        "孙无",
        "--category",
        "government_advisor",
    ]);
    let err = fails_at(
        &office,
        4,
        "2024-06-01",
        &[
            "appointment",
            "nominate",
            "孙无",
            "--panel",
            "eh",
            "--source",
            "self",
        ],
    );
    assert!(
        err.contains("no birth date") && err.contains("no work start year"),
        "{err}"
    );
}

#[test]
fn terms_certificates_and_overlaps_are_checked() {
    let office = erenhot();
    let id = through_notice(&office, "王海");
    let err = fails_at(
        &office,
        4,
        "2024-07-01",
        &[
            "appointment",
            "appoint",
            &id,
            "--certificate",
            "EH-1",
            "--years",
            "4",
        ],
    );
    // The flag typed is the one named.
    assert!(
        err.contains("maximum of 3") && err.starts_with("error: --years:"),
        "{err}"
    );
    let err = fails_at(
        &office,
        3,
        "2024-07-01",
        &[
            "appointment",
            "appoint",
            &id,
            "--certificate",
            "EH-1",
            "--end",
            "2024-01-01",
        ],
    );
    assert!(err.contains("--end"), "{err}");
    let err = fails_at(&office, 3, "2024-07-01", &["appointment", "appoint", &id]);
    assert!(err.contains("--certificate"), "{err}");
    at(
        &office,
        "2024-07-01",
        &[
            "appointment",
            "appoint",
            &id,
            "--certificate",
            "EH-1",
            "--end",
            "2025-06-30",
        ],
    );
    assert_eq!(
        office.text(&format!(
            "SELECT term_end FROM appointments WHERE id = {id}"
        )),
        "2025-06-30"
    );
    // A second advisor cannot take the same certificate number.
    office.ok(&["advisor", "edit", "钱新", "--work-start-year", "2015"]);
    let other = through_notice(&office, "钱新");
    let err = fails_at(
        &office,
        3,
        "2024-07-01",
        &["appointment", "appoint", &other, "--certificate", "EH-1"],
    );
    assert!(
        err.contains("--certificate") && err.contains("EH-1"),
        "{err}"
    );
}

#[test]
fn renewal_links_a_new_term_that_cannot_overlap_the_running_one() {
    let office = Office::sample();
    // 马俊杰 (A0034) serves until 2026-12-31; his renewal is at 初审 (#66) in the sample.
    let chain = office.text("SELECT group_concat(id) FROM (SELECT id FROM appointments WHERE advisor_id = 34 ORDER BY id)");
    assert_eq!(chain, "35,66");
    let err = office.fails_en(4, &["appointment", "renew", "35"]);
    assert!(err.contains("already been renewed as #66"), "{err}");
    office.ok(&["appointment", "review", "66", "--reference", "联席会议"]);
    office.ok(&["appointment", "approve", "66"]);
    let err = office.fails_en(
        4,
        &[
            "appointment",
            "appoint",
            "66",
            "--certificate",
            "KZGW-2027-001",
            "--start",
            "2026-12-01",
        ],
    );
    assert!(err.contains("overlaps"), "{err}");
    office.ok(&[
        "appointment",
        "appoint",
        "66",
        "--certificate",
        "KZGW-2027-001",
    ]);
    let shown = json(&office.ok(&["--format", "json", "appointment", "show", "66"]));
    assert_eq!(shown["appointment"]["previous_id"], 35);
    assert_eq!(shown["appointment"]["term_start"], "2027-01-01");
    assert_eq!(shown["appointment"]["term_end"], "2029-12-31");
    assert_eq!(shown["appointment"]["status"], "pending");
    // On 2027-01-02 the old term reads "renewed" and the new one "appointed".
    let list = json(&office.ok(&[
        "--today",
        "2027-01-02",
        "--format",
        "json",
        "appointment",
        "list",
        "--advisor",
        "A0034",
    ]));
    let statuses: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["renewed", "appointed"]);
    // Kaizhou renews through its procedure: a certificate at renewal time is refused.
    let err = office.fails_en(3, &["appointment", "renew", "34", "--certificate", "X-1"]);
    assert!(err.contains("renews through its procedure"), "{err}");
}

#[test]
fn a_panel_that_allows_direct_renewal_renews_in_one_step() {
    let office = erenhot();
    office.ok(&["panel", "edit", "eh", "--direct-renewal", "yes"]);
    let id = through_notice(&office, "王海");
    at(
        &office,
        "2024-06-20",
        &[
            "appointment",
            "appoint",
            &id,
            "--date",
            "2024-06-19",
            "--certificate",
            "EH-1",
        ],
    );
    let err = fails_at(&office, 3, "2026-06-01", &["appointment", "renew", &id]);
    assert!(err.contains("--certificate"), "{err}");
    at(
        &office,
        "2026-06-01",
        &["appointment", "renew", &id, "--certificate", "EH-2"],
    );
    let list = json(&at(
        &office,
        "2026-06-01",
        &[
            "--format",
            "json",
            "appointment",
            "list",
            "--advisor",
            "王海",
        ],
    ));
    assert_eq!(list[1]["term_start"], "2026-06-19");
    assert_eq!(list[1]["term_end"], "2028-06-18");
    assert_eq!(list[1]["status"], "pending");
}

#[test]
fn each_of_the_six_dismissal_grounds_is_recorded() {
    let office = Office::sample();
    // Six serving appointments from the 2026 renewals.
    let ids: Vec<i64> = office
        .conn()
        .prepare("SELECT id FROM appointments WHERE previous_id IS NOT NULL AND state = 'appointed' ORDER BY id LIMIT 6")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let err = office.fails_en(3, &["appointment", "dismiss", &ids[0].to_string()]);
    assert!(err.contains("--ground"), "{err}");
    // "Other" grounds must say why or cite the approval (seed 001 art. 12).
    let err = office.fails_en(
        3,
        &[
            "appointment",
            "dismiss",
            &ids[0].to_string(),
            "--ground",
            "other",
            "--yes",
        ],
    );
    assert!(err.contains("--note or --reference"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "appointment",
            "dismiss",
            &ids[0].to_string(),
            "--ground",
            "other",
            "--note",
            "不宜继续",
        ],
    );
    assert!(err.contains("--yes"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "appointment",
            "dismiss",
            &ids[0].to_string(),
            "--ground",
            "laziness",
            "--yes",
        ],
    );
    assert!(err.contains("dismissal ground"), "{err}");
    for (id, ground) in ids.iter().zip([
        "criminal",
        "disqualified",
        "不积极履行顾问职责",
        "secrets",
        "misconduct",
        "other",
    ]) {
        office.ok(&[
            "appointment",
            "dismiss",
            &id.to_string(),
            "--ground",
            ground,
            "--reference",
            "区政府批准",
            "--yes",
        ]);
    }
    let grounds = office.text("SELECT group_concat(dismissal_ground) FROM (SELECT dismissal_ground FROM appointments WHERE state = 'dismissed' AND ended_on = '2026-11-20' ORDER BY id)");
    assert_eq!(
        grounds,
        "criminal,disqualified,nonperformance,secrets,misconduct,other"
    );
    let err = office.fails_en(
        4,
        &[
            "appointment",
            "dismiss",
            &ids[0].to_string(),
            "--ground",
            "other",
            "--note",
            "不宜继续",
            "--yes",
        ],
    );
    assert!(err.contains("dismissed"), "{err}");
}

#[test]
fn a_resignation_records_the_written_request_and_the_certificate() {
    let office = Office::sample();
    let id = office.int("SELECT id FROM appointments WHERE advisor_id = 5 AND state = 'appointed' AND previous_id IS NOT NULL").to_string();
    let err = office.fails_en(
        3,
        &[
            "appointment",
            "resign",
            &id,
            "--certificate-returned",
            "yes",
        ],
    );
    assert!(err.contains("--request-date"), "{err}");
    let err = office.fails_en(
        3,
        &[
            "appointment",
            "resign",
            &id,
            "--request-date",
            "2026-11-25",
            "--certificate-returned",
            "yes",
        ],
    );
    assert!(err.contains("--request-date"), "{err}");
    office.ok(&[
        "appointment",
        "resign",
        &id,
        "--request-date",
        "2026-11-10",
        "--certificate-returned",
        "是",
        "--date",
        "2026-11-15",
    ]);
    let shown = json(&office.ok(&["--format", "json", "appointment", "show", &id]));
    assert_eq!(shown["appointment"]["status"], "resigned");
    assert_eq!(shown["appointment"]["certificate_returned"], true);
    let on = |d: &str| {
        office
            .ok(&[
                "--format", "csv", "advisor", "list", "--panel", "growth", "--as-of", d,
            ])
            .contains("A0005")
    };
    assert!(on("2026-11-14") && !on("2026-11-15"));
}

#[test]
fn the_sample_reads_as_a_real_office() {
    let office = Office::sample();
    let expiring = office.ok(&[
        "--format",
        "csv",
        "appointment",
        "list",
        "--expiring-within",
        "90d",
    ]);
    assert!(
        expiring.contains("A0004") && expiring.contains("A0034") && expiring.contains("A0036"),
        "{expiring}"
    );
    let expired = office.ok(&["--format", "csv", "appointment", "list", "--state", "期满"]);
    for code in ["A0011", "A0015", "A0035"] {
        assert!(expired.contains(code), "{code} not expired:\n{expired}");
    }
    let open = json(&office.ok(&["--format", "json", "appointment", "list", "--state", "open"]));
    assert_eq!(open.as_array().unwrap().len(), 4);
    let shown = office.ok(&["advisor", "show", "A0023"]);
    assert!(shown.contains("辞去"), "{shown}");
    let review = office.ok_en(&["--format", "csv", "appointment", "review", "--year", "2025"]);
    assert!(
        review.contains("A0024") && review.contains("dismissed"),
        "{review}"
    );
    assert!(
        review.contains("A0023") && review.contains("resigned"),
        "{review}"
    );
}

#[test]
fn ending_a_term_early_ends_its_renewal_in_the_procedure() {
    // Seed 001 arts. 12–13: a dismissed or resigned advisor's term is over;
    // the renewal of it (马俊杰: #35 serving, renewal #66 at 初审) cannot go on.
    let office = Office::sample();
    let out = office.ok(&[
        "appointment",
        "dismiss",
        "35",
        "--ground",
        "nonperformance",
        "--date",
        "2026-11-20",
        "--yes",
    ]);
    assert!(out.contains("其续聘 #66 随之不予聘任"), "{out}");
    assert_eq!(
        office.text("SELECT state || '|' || reject_reason FROM appointments WHERE id = 66"),
        "rejected|前任聘任 #35 已解聘，续聘不再进行"
    );
    assert_eq!(
        office.int("SELECT count(*) FROM appointment_steps WHERE appointment_id = 66 AND step = 'rejected' AND on_date = '2026-11-20'"),
        1
    );
    // The dismissal and the rejection are both audited, in one transaction.
    assert_eq!(
        office.int("SELECT count(*) FROM audit_log WHERE entity = 'appointment' AND entity_id IN (35, 66) AND action IN ('dismissed', 'rejected')"),
        2
    );
}

#[test]
fn a_renewal_of_a_term_ended_early_is_not_appointed() {
    // An older database may hold a renewal still open after its term was
    // resigned: appointing it is refused, nothing written.
    let office = Office::sample();
    office.ok(&["appointment", "review", "66"]);
    office.ok(&["appointment", "approve", "66"]);
    office
        .conn()
        .execute(
            "UPDATE appointments SET state = 'resigned', ended_on = '2026-11-01' WHERE id = 35",
            [],
        )
        .unwrap();
    let err = office.fails_en(
        4,
        &[
            "appointment",
            "appoint",
            "66",
            "--certificate",
            "KZGW-2027-009",
        ],
    );
    assert!(
        err.contains("renews appointment #35, which was resigned"),
        "{err}"
    );
    assert!(err.contains("reject"), "{err}");
}

#[test]
fn a_renewal_appointed_after_the_old_term_ran_out_starts_on_its_appointment() {
    // 马俊杰's term ends 2026-12-31; the renewal is approved and appointed
    // on 2027-02-10: the new term starts then, not back-dated to 2027-01-01.
    let office = Office::sample();
    office.ok(&["appointment", "review", "66"]);
    office.ok(&["appointment", "approve", "66"]);
    office.ok(&[
        "--today",
        "2027-02-10",
        "appointment",
        "appoint",
        "66",
        "--certificate",
        "KZGW-2027-010",
    ]);
    assert_eq!(
        office.text("SELECT term_start || '|' || term_end FROM appointments WHERE id = 66"),
        "2027-02-10|2030-02-09"
    );
}

#[test]
fn a_public_notice_cannot_start_before_approval() {
    let office = erenhot();
    at(
        &office,
        "2024-06-01",
        &[
            "appointment",
            "nominate",
            "王海",
            "--panel",
            "eh",
            "--source",
            "自荐",
        ],
    );
    let id = office
        .int("SELECT id FROM appointments WHERE advisor_id = (SELECT id FROM advisors WHERE name = '王海')")
        .to_string();
    for (verb, day) in [
        ("vet", "2024-06-03"),
        ("check", "2024-06-05"),
        ("review", "2024-06-06"),
        ("approve", "2024-06-10"),
    ] {
        at(
            &office,
            "2024-06-20",
            &["appointment", verb, &id, "--date", day],
        );
    }
    let err = fails_at(
        &office,
        3,
        "2024-06-20",
        &[
            "appointment",
            "publicize",
            &id,
            "--date",
            "2024-06-12",
            "--notice-start",
            "2024-06-08",
        ],
    );
    assert!(err.contains("--notice-start"), "{err}");
    assert!(err.contains("2024-06-10"), "{err}");
    // Recorded on the 12th, started on the 11th: accepted, ends a week on.
    at(
        &office,
        "2024-06-20",
        &[
            "appointment",
            "publicize",
            &id,
            "--date",
            "2024-06-12",
            "--notice-start",
            "2024-06-11",
        ],
    );
    assert_eq!(
        office.text(&format!(
            "SELECT notice_end FROM appointments WHERE id = {id}"
        )),
        "2024-06-17"
    );
}
