//! `roster due [--within DAYS] [--panel P] [--all] [--fail-on-due]`: every
//! kind of item that is due or late, sorted by date, each with the command
//! that deals with it (`items.rs`); the rules are `domain::due`, the reads
//! `store::due`, the thresholds the office's settings.
//!
//! A large office can have thousands of items of one kind; at most
//! `due.list_limit` of each kind are listed (the most overdue first) and a
//! line says how many there are in all (`--all` lists every one).
//! `--fail-on-due` exits 6 when anything at all is listed, after printing.

mod duties;
mod items;
mod office;

use crate::cli::due::DueArgs;
use crate::context::Ctx;
use crate::domain::due::{self, Horizons, Item, Windows};
use crate::error::UserError;
use crate::i18n::pick;
use crate::input::{date, resolve};
use crate::labels::DUE_KIND;
use crate::output::{Doc, Format, Kind, RowSet, col, print_doc, print_rows};
use crate::store::due::Ask;
use crate::store::settings::number;

use self::items::{Listed, Plan};

pub fn run(ctx: &Ctx, args: &DueArgs) -> anyhow::Result<()> {
    let within = args
        .within
        .as_deref()
        .map(|w| super::days("--within", w))
        .transpose()?;
    let today = ctx.today();
    // The plan (settings, the panel asked about) is read in the same
    // snapshot as the items: today's-roster checks on one core, the rest on
    // the other.
    let ((_, limit), mut listed, rest) = ctx.read_both(
        |conn| {
            let panel = args
                .panel
                .as_deref()
                .map(|p| resolve::panel(conn, &ctx.env, "--panel", p).map(|p| p.id))
                .transpose()?;
            let windows = Windows {
                general: number(conn, "due.window_days")?,
                renewal: number(conn, "due.renewal_days")?,
                festival: number(conn, "due.festival_days")?,
            };
            let limit = match number(conn, "due.list_limit")? {
                _ if args.all => -1,
                0 => -1,
                n => n,
            };
            let plan = Plan {
                h: Horizons::new(today, windows, within),
                ask: Ask {
                    today: date::iso(today),
                    panel,
                    limit,
                },
                evaluation_days: number(conn, "due.term_evaluation_days")?,
                contact_days: number(conn, "due.contact_interval_days")?,
                feedback_days: number(conn, "due.advice_feedback_days")?,
                visit_days: number(conn, "due.visit_days")?,
                budget_percent: number(conn, "due.budget_percent")?,
                leader_min: number(conn, "due.leader_min_advisors")?,
                roster_review_month: number(conn, "due.roster_review_month")?,
                operator: ctx.env.operator.clone(),
            };
            Ok((plan, limit))
        },
        |conn, (plan, _)| {
            let mut listed = Listed::default();
            // Today's serving roster, read once for the people checks and duties.
            let roster = crate::store::due::Today::read(conn, &plan.ask)?;
            items::people(conn, plan, &roster, &mut listed)?;
            duties::quotas(conn, plan, &roster, &mut listed)?;
            Ok(listed)
        },
        |conn, (plan, _)| {
            let mut listed = Listed::default();
            items::appointments(conn, plan, &mut listed)?;
            office::certificates(conn, plan, &mut listed)?;
            items::greetings(conn, plan, &mut listed)?;
            items::visits(conn, plan, &mut listed)?;
            items::advice(conn, plan, &mut listed)?;
            office::office(conn, plan, &mut listed)?;
            Ok(listed)
        },
    )?;
    listed.items.extend(rest.items);
    listed.totals.extend(rest.totals);
    listed.totals.sort_by_key(|(kind, _)| due::rank(kind));
    let Listed { mut items, totals } = listed;
    keep_per_kind(&mut items, limit);
    due::sort(&mut items);
    let rows = rows(&items, today);
    let total: i64 = totals.iter().map(|(_, n)| n).sum();
    let late = items.iter().filter(|i| i.due < today).count();
    let cut: Vec<String> = totals
        .iter()
        .filter(|(kind, n)| *n > items.iter().filter(|i| i.kind == *kind).count() as i64)
        .map(|(kind, n)| {
            let label = DUE_KIND.label(kind);
            let shown = items.iter().filter(|i| i.kind == *kind).count();
            let n = how_many(*n);
            crate::tr!(
                "{label}：共 {n} 项，列出 {shown} 项",
                "{label}: {n} in all, {shown} listed"
            )
        })
        .collect();
    if cut.is_empty() {
        print_rows(&ctx.env, &rows)?;
    } else if ctx.env.format != Format::Table {
        // A script's rows stay one table; that some were left out goes to
        // stderr, so the job's log or mail shows it.
        print_rows(&ctx.env, &rows)?;
        let cut = cut.join(pick("；", "; "));
        crate::output::print_warning(
            &ctx.env,
            &crate::tr!(
                "注意：未全部列出（{cut}）；全部列出请加 --all",
                "note: not all listed ({cut}); add --all to list them all"
            ),
        );
    } else {
        let mut lines = cut;
        lines.push(
            pick(
                "全部列出：roster due --all",
                "to list them all: roster due --all",
            )
            .to_string(),
        );
        let doc = Doc::default()
            .table("items", ("待办事项", "Items due"), rows)
            .lines("more", ("未全部列出", "Not all listed"), lines);
        print_doc(&ctx.env, &doc)?;
    }
    if args.fail_on_due && total > 0 {
        let total = how_many(total);
        return Err(UserError::Due(crate::tr!(
            "有 {total} 项待办（列出的 {late} 项已逾期）",
            "{total} items due ({late} of those listed are late)"
        ))
        .into());
    }
    Ok(())
}

/// A total as counted: beyond the store's cap only "more than".
fn how_many(n: i64) -> String {
    let cap = crate::store::due::COUNT_CAP;
    if n > cap {
        crate::tr!("{cap} 以上", "over {cap}")
    } else {
        n.to_string()
    }
}

/// Keeps at most `limit` items of each kind (-1: all), the earliest due.
fn keep_per_kind(items: &mut Vec<Item>, limit: i64) {
    if limit < 0 {
        return;
    }
    due::sort(items);
    let mut seen: std::collections::HashMap<&'static str, i64> = std::collections::HashMap::new();
    items.retain(|item| {
        let n = seen.entry(item.kind).or_insert(0);
        *n += 1;
        *n <= limit
    });
}

fn rows(items: &[Item], today: chrono::NaiveDate) -> RowSet {
    let mut rows = RowSet::new(vec![
        col("due", "到期日", "due", Kind::Date),
        col("days", "剩余天数", "days left", Kind::Int),
        col("kind", "事项", "item", Kind::Enum(&DUE_KIND)),
        col("code", "编码", "code", Kind::Text),
        col("name", "对象", "who", Kind::Text),
        col("panel", "顾问团", "panel", Kind::Text),
        col("what", "说明", "what", Kind::Text),
        col("command", "办理命令", "command", Kind::Text),
    ]);
    for i in items {
        rows.push(vec![
            date::iso(i.due).into(),
            due::days_left(i.due, today).into(),
            i.kind.into(),
            i.code.clone().into(),
            i.name.clone().into(),
            i.panel.clone().into(),
            i.what.clone().into(),
            i.command.clone().into(),
        ]);
    }
    rows
}
