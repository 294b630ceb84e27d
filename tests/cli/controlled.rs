//! The controlled (严控) categories are an office setting: a refusal names
//! the setting that makes a category controlled and how to change it, and
//! cites Erenhot's rules (seed 001 art. 14, 严控类经费不得无预算执行) only as
//! where the default comes from — they bind no other office.

use crate::stipends::{at, guangxi};

fn travel() -> Vec<&'static str> {
    vec![
        "--today",
        "2025-03-01",
        "expense",
        "add",
        "G01",
        "--category",
        "travel",
        "--amount",
        "2,400",
        "--date",
        "2025-03-01",
    ]
}

/// A Guangxi office (seed 002) refused travel without a travel line: the
/// message named 二连浩特办法第十四条 as if it bound them.
#[test]
fn a_controlled_category_refusal_names_the_office_setting_not_erenhot() {
    let office = guangxi(&[("G01", "2025-01-01", "3")]);
    let err = office.fails(4, &travel());
    assert!(
        err.contains("差旅费属严控类经费（本单位设置 money.controlled_categories 为默认值：差旅费、会议费、培训费、公务接待，默认取自二连浩特办法第十四条；可用 roster budget controlled --set"),
        "{err}"
    );
    assert!(
        err.contains("roster budget set --year 2025 --category travel"),
        "{err}"
    );
    let mut en = vec!["--lang", "en"];
    en.extend(travel());
    let err = office.fails(4, &en);
    assert!(
        err.contains("this office's setting money.controlled_categories is the default")
            && err.contains("taken from Erenhot's rules (seed 001 art. 14)")
            && err.contains("`roster budget controlled --set CATEGORIES`"),
        "{err}"
    );
    // Set by the office, the setting alone is named.
    at(
        &office,
        "2025-03-01",
        &["budget", "controlled", "--set", "travel,meeting"],
    );
    let err = office.fails(4, &travel());
    assert!(
        err.contains("本单位设置 money.controlled_categories 为：差旅费、会议费；")
            && !err.contains("二连浩特"),
        "{err}"
    );
    let shown = at(&office, "2025-03-01", &["budget", "show", "--year", "2025"]);
    assert!(
        shown.contains("差旅费属严控类经费，2025 年没有该类别预算")
            && shown.contains("money.controlled_categories")
            && !shown.contains("二连浩特"),
        "{shown}"
    );
    // Not controlled any more: the same expense is recorded.
    at(
        &office,
        "2025-03-01",
        &["budget", "controlled", "--set", "none"],
    );
    office.ok(&travel());
}
