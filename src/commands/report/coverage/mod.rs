//! `roster report coverage --year Y [--panel P]`: for every advisor who
//! served during the year up to the as-of date (today within the year,
//! else 31 December; one who left with their last day served), their
//! liaison, contacts this year by kind, festivals greeted and missed, the
//! last contact; every liaison in post with the advisors held; the panels'
//! contact quotas (data in `panel_quotas`); and the flags: no liaison, a
//! leader holding fewer than 2 (seed 004), not visited, greeting missed,
//! quota unmet (`quotas.rs`), visit owed after a reported event (三必访).

mod quotas;

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::cli::report::CoverageArgs;
use crate::context::Ctx;
use crate::domain::coverage::{self, Facts};
use crate::domain::festival::Festival;
use crate::i18n::pick;
use crate::input::{date, resolve};
use crate::labels::{CONTACT_KIND, COVERAGE_FLAG, EVENT, FESTIVAL};
use crate::output::{Cell, Doc, Kind, RowSet, col, counts_cell, list_cell, print_doc};
use crate::store::coverage as store;

pub fn run(ctx: &Ctx, args: &CoverageArgs) -> anyhow::Result<()> {
    let today = ctx.today();
    let year = match &args.year {
        Some(text) => date::parse_year("--year", text)?,
        None => today.year(),
    };
    let as_of = coverage::as_of(year, today).ok_or_else(|| {
        let now = date::iso(today);
        crate::invalid!(
            "--year：{year} 年尚未开始（今天是 {now}）",
            "--year: {year} has not begun (today is {now})"
        )
    })?;
    let doc = ctx.read(|conn| {
        let panel = args
            .panel
            .as_deref()
            .map(|p| resolve::panel(conn, &ctx.env, "--panel", p))
            .transpose()?;
        build(conn, year, as_of, panel.map(|p| p.id))
    })?;
    print_doc(&ctx.env, &doc)
}

/// A flag row: (flag code, code, name, detail).
pub(super) type Flag = (&'static str, String, String, String);

fn build(
    conn: &Connection,
    year: i32,
    as_of: NaiveDate,
    panel_id: Option<i64>,
) -> anyhow::Result<Doc> {
    let (first, last) =
        coverage::year_bounds(year).ok_or_else(|| anyhow::anyhow!("year {year}"))?;
    let (first_s, last_s, on) = (date::iso(first), date::iso(last), date::iso(as_of));
    let serving = store::serving(conn, &first_s, &on, panel_id)?;
    let holders = store::holders(conn, &on)?;
    let ids: Vec<i64> = serving.iter().map(|a| a.id).collect();
    let last_contacts = store::last_contacts(conn, &on, &ids)?;
    // Each panel's contact quotas, by panel code: what counts as a visit.
    let mut quota_kinds: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    for q in crate::store::panel::quotas(conn, None)? {
        if q.subject == "contact" {
            let code = crate::store::panel::get(conn, q.panel_id)?.code;
            let kinds = q.kinds.split(',').map(str::to_string).collect();
            quota_kinds.entry(code).or_default().push(kinds);
        }
    }
    let mut facts: HashMap<i64, Facts> = serving
        .iter()
        .map(|a| {
            let quotas = a
                .panels
                .split(',')
                .filter_map(|code| quota_kinds.get(code))
                .flatten()
                .map(Vec::as_slice);
            let facts = Facts {
                // One who left: their pairing ended with their service.
                has_liaison: a.left.is_some() || holders.contains_key(&a.id),
                visit_kinds: coverage::visit_kinds(quotas),
                ..Facts::default()
            };
            (a.id, facts)
        })
        .collect();
    for (advisor, kind, count) in store::kind_counts(conn, &first_s, &on)? {
        if let Some(f) = facts.get_mut(&advisor) {
            f.kinds.insert(kind, count);
        }
    }
    for (advisor, festival, day) in store::greetings(conn, &first_s, &last_s, &on)? {
        if let (Some(f), Some(festival), Some(day)) = (
            facts.get_mut(&advisor),
            Festival::from_code(&festival),
            date::parse_plain(&day),
        ) {
            f.greeted.insert((festival, day));
        }
    }
    for (festival, day) in coverage::festivals_due(year, as_of) {
        for (advisor, lists) in store::greeting_lists_on(conn, &date::iso(day))? {
            if let Some(f) = facts.get_mut(&advisor)
                && coverage::greeting_festivals(&lists).contains(&festival)
            {
                f.required.push((festival, day));
            }
        }
    }
    for (advisor, event, day) in store::visits_owed(conn, &first_s, &on)? {
        if let (Some(f), Some(day)) = (facts.get_mut(&advisor), date::parse_plain(&day)) {
            f.visits_owed.push((event, day));
        }
    }
    let (quota_rows, mut flags) = quotas::quotas(conn, year, as_of, panel_id, &mut facts)?;

    let mut advisors = RowSet::new(vec![
        col("code", "编码", "code", Kind::Text),
        col("name", "姓名", "name", Kind::Text),
        col("panels", "顾问团", "panels", Kind::Text),
        col(
            "left",
            "年内离任（最后在任日）",
            "left (last day served)",
            Kind::Date,
        ),
        col("liaison", "联系人", "liaison", Kind::Text),
        col("liaison_name", "联系人姓名", "liaison name", Kind::Text),
        col("contacts", "本年联系", "contacts", Kind::Int),
        col(
            "visits",
            "走访（含登门拜访）",
            "visits (incl. home visits)",
            Kind::Int,
        ),
        col("greetings", "节日慰问", "greetings", Kind::Int),
        col("by_kind", "按方式", "by kind", Kind::Counts(&CONTACT_KIND)),
        col(
            "greeted",
            "已问候节日",
            "festivals greeted",
            Kind::Enum(&FESTIVAL),
        ),
        col(
            "missed",
            "漏问候节日",
            "festivals missed",
            Kind::Enum(&FESTIVAL),
        ),
        col("last_contact", "最近联系", "last contact", Kind::Date),
        col("days_since", "距今天数", "days since", Kind::Int),
        col("flags", "提示", "flags", Kind::Enum(&COVERAGE_FLAG)),
    ]);
    // Advisors serving now with a visit this year (the headline's base).
    let mut visited = 0;
    for a in &serving {
        let f = facts
            .get(&a.id)
            .ok_or_else(|| anyhow::anyhow!("advisor #{}", a.id))?;
        let c = coverage::advisor(f);
        let (liaison, liaison_name) = holders
            .get(&a.id)
            .map(|(code, name)| (code.clone(), name.clone()))
            .unzip();
        let last = last_contacts.get(&a.id).cloned();
        let days = last
            .as_deref()
            .and_then(date::parse_plain)
            .map(|d| (as_of - d).num_days());
        let by_kind = counts_cell(
            CONTACT_KIND
                .codes()
                .filter_map(|k| f.kinds.get(k).map(|n| (k, *n))),
        );
        let codes = |list: &mut dyn Iterator<Item = Festival>| {
            list.map(|f| f.code()).collect::<Vec<_>>().join(",")
        };
        visited += usize::from(a.left.is_none() && c.visits > 0);
        let who = (a.code.clone(), a.name.clone());
        for flag in &c.flags {
            let detail = match *flag {
                "no_liaison" => pick("尚未确定一对一联系人", "no one-to-one liaison").to_string(),
                "not_visited" => {
                    let kinds = f
                        .visit_kinds
                        .iter()
                        .map(|k| CONTACT_KIND.label(k))
                        .collect::<Vec<_>>();
                    let (zh, en) = (kinds.join("、"), kinds.join(", "));
                    crate::tr!("{year} 年无{zh}", "no {en} in {year}")
                }
                "greeting_missed" => c
                    .missed
                    .iter()
                    .map(|(f, d)| format!("{} {}", FESTIVAL.label(f.code()), date::iso(*d)))
                    .collect::<Vec<_>>()
                    .join(pick("、", ", ")),
                "visit_owed" => f
                    .visits_owed
                    .iter()
                    .map(|(event, day)| {
                        let (what, day) = (EVENT.label(event), date::iso(*day));
                        crate::tr!(
                            "{day} 报告{what}，尚未走访",
                            "{what} reported {day}, not yet visited"
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(pick("；", "; ")),
                _ => continue, // quota shortfalls are listed per panel
            };
            flags.push((flag, who.0.clone(), who.1.clone(), detail));
        }
        advisors.push(vec![
            a.code.clone().into(),
            a.name.clone().into(),
            a.panels.clone().into(),
            a.left.clone().into(),
            liaison.into(),
            liaison_name.into(),
            c.total.into(),
            c.visits.into(),
            c.greetings.into(),
            by_kind,
            non_empty(codes(&mut c.greeted.iter().copied())),
            non_empty(codes(&mut c.missed.iter().map(|(f, _)| *f))),
            last.into(),
            days.into(),
            non_empty(c.flags.join(",")),
        ]);
    }

    let in_report: BTreeSet<i64> = serving.iter().map(|a| a.id).collect();
    let mut liaisons = RowSet::new(vec![
        col("code", "编码", "code", Kind::Text),
        col("name", "姓名", "name", Kind::Text),
        col("unit", "单位", "unit", Kind::Text),
        col("position", "职务", "position", Kind::Text),
        col("leader", "领导班子成员", "leader", Kind::Bool),
        col("holding", "联系专家数", "advisors held", Kind::Int),
        col("advisors", "联系专家", "advisors", Kind::List),
        col("contacts", "本年联系次数", "contacts this year", Kind::Int),
    ]);
    for l in store::liaisons_in_post(conn, &on, &first_s)? {
        if let Some(panel) = panel_id
            && !l.held.iter().any(|(id, _)| in_report.contains(id))
            && !(l.is_leader && crate::store::liaison::leader_on_panel(conn, l.id, panel, &on)?)
        {
            continue;
        }
        let held = || l.held.iter().map(|(_, who)| who.as_str());
        let names = held().collect::<Vec<_>>().join(pick("、", ", "));
        if coverage::leader_short(l.is_leader, l.held.len()) {
            let n = l.held.len();
            let min = coverage::MIN_PER_LEADER;
            let detail = if names.is_empty() {
                crate::tr!(
                    "联系 0 位专家（至少 {min} 位）",
                    "holds no advisor (at least {min})"
                )
            } else {
                crate::tr!(
                    "联系 {n} 位（至少 {min} 位）：{names}",
                    "holds {n} (at least {min}): {names}"
                )
            };
            flags.push(("leader_under_2", l.code.clone(), l.name.clone(), detail));
        }
        // Seed 004 二、三(一)1: a leader contacts the experts they hold
        // directly (直接联系, 面对面联系); one who recorded no contact all year
        // is the office's to follow up.
        if l.is_leader && !l.held.is_empty() && l.contacts == 0 {
            let n = l.held.len();
            let detail = crate::tr!(
                "联系 {n} 位专家，{year} 年尚无联系记录：{names}",
                "holds {n} advisors and has recorded no contact in {year}: {names}"
            );
            flags.push(("leader_no_contact", l.code.clone(), l.name.clone(), detail));
        }
        liaisons.push(vec![
            l.code.into(),
            l.name.into(),
            l.unit.into(),
            l.position.into(),
            l.is_leader.into(),
            (l.held.len() as i64).into(),
            list_cell(held()),
            l.contacts.into(),
        ]);
    }

    let order: Vec<&str> = COVERAGE_FLAG.codes().collect();
    flags.sort_by(|a, b| {
        let rank = |f: &Flag| order.iter().position(|c| *c == f.0);
        rank(a).cmp(&rank(b)).then_with(|| a.1.cmp(&b.1))
    });
    let mut flag_rows = RowSet::new(vec![
        col("flag", "提示", "flag", Kind::Enum(&COVERAGE_FLAG)),
        col("code", "编码", "code", Kind::Text),
        col("name", "名称", "name", Kind::Text),
        col("detail", "说明", "detail", Kind::Text),
    ]);
    for (flag, code, name, detail) in flags {
        flag_rows.push(vec![flag.into(), code.into(), name.into(), detail.into()]);
    }

    let count = serving.iter().filter(|a| a.left.is_none()).count();
    let left = serving.len() - count;
    let held = serving
        .iter()
        .filter(|a| a.left.is_none() && holders.contains_key(&a.id))
        .count();
    let (left_zh, left_en) = if left > 0 {
        (
            format!("（另有年内离任 {left} 位，一并列出）"),
            format!(" (and {left} who left during the year, listed too)"),
        )
    } else {
        (String::new(), String::new())
    };
    let summary = vec![crate::tr!(
        "{year} 年（截至 {on}）：在聘专家 {count} 位{left_zh}，已确定联系人 {held} 位，本年已走访 {visited} 位",
        "{year} (as of {on}): serving advisors {count}{left_en}, with a liaison {held}, visited this year {visited}"
    )];
    Ok(Doc::default()
        .lines(
            "summary",
            ("联系服务覆盖情况", "Liaison and contact coverage"),
            summary,
        )
        .table("advisors", ("专家", "Advisors"), advisors)
        .table("liaisons", ("联系人", "Liaisons"), liaisons)
        .table("quotas", ("联系服务要求", "Contact quotas"), quota_rows)
        .table("flags", ("提示", "Flags"), flag_rows))
}

pub(super) fn non_empty(text: String) -> Cell {
    if text.is_empty() {
        Cell::Null
    } else {
        Cell::Text(text)
    }
}
