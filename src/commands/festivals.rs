//! `roster festivals [YEAR]`: the dates advisors are greeted on in a year
//! (seed 000), from the lunar calendar in `domain::festival`.

use chrono::Datelike;

use crate::cli::festivals::FestivalsArgs;
use crate::context::Env;
use crate::domain::festival;
use crate::i18n::pick;
use crate::input::date;
use crate::labels::FESTIVAL;
use crate::output::{Kind, RowSet, col, print_rows};

/// The weekday of a date, in the user's language.
pub fn weekday(day: chrono::NaiveDate) -> &'static str {
    let (zh, en) = match day.weekday() {
        chrono::Weekday::Mon => ("星期一", "Monday"),
        chrono::Weekday::Tue => ("星期二", "Tuesday"),
        chrono::Weekday::Wed => ("星期三", "Wednesday"),
        chrono::Weekday::Thu => ("星期四", "Thursday"),
        chrono::Weekday::Fri => ("星期五", "Friday"),
        chrono::Weekday::Sat => ("星期六", "Saturday"),
        chrono::Weekday::Sun => ("星期日", "Sunday"),
    };
    pick(zh, en)
}

/// Parses a list of festivals (codes or labels separated by commas or 、)
/// into codes in calendar order; at least one.
pub fn parse_list(flag: &str, input: &str) -> anyhow::Result<String> {
    let mut codes: Vec<&'static str> = Vec::new();
    for part in input
        .split([',', '，', '、', ';', '；'])
        .filter(|p| !p.trim().is_empty())
    {
        let code = FESTIVAL.parse(flag, part)?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if codes.is_empty() {
        return Err(crate::invalid!(
            "{flag}：请至少给出一个节日（如 春节）",
            "{flag}: name at least one festival (e.g. spring)"
        ));
    }
    let order: Vec<&str> = FESTIVAL.codes().collect();
    codes.sort_by_key(|c| order.iter().position(|o| o == c));
    Ok(codes.join(","))
}

pub fn run(env: &Env, args: &FestivalsArgs) -> anyhow::Result<()> {
    let year = match &args.year {
        Some(text) => date::parse_year("YEAR", text)?,
        None => env.today.year(),
    };
    let days = festival::calendar(year).ok_or_else(|| {
        let (first, last) = (festival::FIRST_YEAR, festival::LAST_YEAR);
        crate::invalid!(
            "YEAR：节日日历只覆盖 {first}–{last} 年，{year} 不在其中",
            "YEAR: the festival calendar covers {first}–{last}; {year} is outside it",
        )
    })?;
    let mut rows = RowSet::new(vec![
        col("festival", "节日", "festival", Kind::Enum(&FESTIVAL)),
        col("date", "日期", "date", Kind::Date),
        col("weekday", "星期", "weekday", Kind::Text),
        col("rule", "历法", "rule", Kind::Text),
    ]);
    for (f, day) in days {
        let (zh, en) = f.rule();
        rows.push(vec![
            f.code().into(),
            date::iso(day).into(),
            weekday(day).into(),
            pick(zh, en).into(),
        ]);
    }
    print_rows(env, &rows)
}
