//! The benchmark's synthetic office, at a small scale: it must stay a valid
//! roster the tool itself accepts (issue 10: "the generator's output passes
//! the tool's own validation").

use crate::common::{Office, json};
use crate::synthetic::{Scale, generate};

#[test]
fn a_small_synthetic_office_is_valid_and_deterministic() {
    let office = Office::bare();
    let scale = Scale::times(0.0005); // 50 advisors, 5,000 participations
    let counts = generate(&office.db, scale, 7).unwrap();
    assert_eq!(counts.advisors, 50);
    assert_eq!(counts.participations, 5_000);
    assert_eq!(office.int("SELECT count(*) FROM participants"), 5_000);
    assert_eq!(
        office.int("SELECT count(*) FROM appointments"),
        counts.appointments as i64
    );
    // Every ID number passes the tool's own check.
    let ids: Vec<String> = office
        .conn()
        .prepare("SELECT id_number FROM advisors")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        ids.iter()
            .all(|id| roster::input::idcard::parse("id", id).is_ok())
    );
    // It passes the tool's own validation (issue 10).
    office.ok(&["check"]);
    // The tool reads it: listings, search, the assessment.
    let listed = json(&office.ok(&["--format", "json", "advisor", "list", "--limit", "5"]));
    assert_eq!(listed.as_array().unwrap().len(), 5);
    office.ok(&[
        "--format",
        "csv",
        "appointment",
        "list",
        "--advisor",
        "A000001",
    ]);
    // The Erenhot rules with a cap for subsidies alone (the synthetic office
    // spends far more than Erenhot's 500,000 yuan on everything else).
    let rules = office.dir.path().join("rules.toml");
    let text = std::fs::read_to_string("samples/rules/erenhot.toml")
        .unwrap()
        .replace("cap_covers = \"all_spending\"", "");
    std::fs::write(&rules, text).unwrap();
    office.ok(&[
        "--format",
        "csv",
        "assess",
        "run",
        "--year",
        "2024",
        "--rules",
        rules.to_str().unwrap(),
    ]);
    // Its records pass the commands' own rules: each dataset it fills,
    // exported, imports into the same office without its work (the same
    // seed draws the same people first).
    let people = Office::bare();
    let none = Scale {
        participations: 0,
        advice: 0,
        contacts: 0,
        expenses: 0,
        ..scale
    };
    generate(&people.db, none, 7).unwrap();
    for dataset in ["contacts", "activities", "advice", "expenses"] {
        let file = office.dir.path().join(format!("{dataset}.csv"));
        office.ok(&[
            "export",
            dataset,
            "--unmasked",
            "--out",
            file.to_str().unwrap(),
        ]);
        people.ok(&[
            "--today",
            "2026-01-10",
            "import",
            dataset,
            file.to_str().unwrap(),
        ]);
    }
    assert_eq!(
        people.int("SELECT count(*) FROM contacts"),
        office.int("SELECT count(*) FROM contacts")
    );
    // The same seed makes the same office.
    let again = Office::bare();
    generate(&again.db, scale, 7).unwrap();
    assert_eq!(
        office.text("SELECT group_concat(id_number) FROM advisors"),
        again.text("SELECT group_concat(id_number) FROM advisors")
    );
}
