//! `roster panel quota`: a panel's yearly duties as data (seed 000's
//! per-panel 工作方式, e.g. two visits a year, a lecture every half year).

use rusqlite::params;

use super::super::number;
use crate::cli::panel::QuotaAddArgs;
use crate::context::Ctx;
use crate::i18n::pick;
use crate::input::{Form, resolve, text};
use crate::labels::{self, Domain};
use crate::output::{Kind, RowSet, col, print_done, print_rows};
use crate::store::panel as store;

pub fn add(ctx: &Ctx, args: &QuotaAddArgs) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let subject = form.choice("--subject", &labels::QUOTA_SUBJECT, args.subject.as_deref())?;
    let period = form.choice("--period", &labels::QUOTA_PERIOD, args.period.as_deref())?;
    let scope = form.choice("--scope", &labels::QUOTA_SCOPE, args.scope.as_deref())?;
    let min = form.value(
        "--min",
        pick("最少次数", "least count"),
        args.min_count.as_deref(),
        |s| number("--min", s, 1..=1000),
    )?;
    form.finish()?;
    let kinds = match (subject, args.kinds.as_deref()) {
        // Advice needs no kinds; any given are activities counted as well.
        ("advice", None) => String::new(),
        (_, None) => {
            return Err(crate::invalid!(
                "缺少必填项：--kinds",
                "missing required values: --kinds"
            ));
        }
        (subject, Some(list)) => {
            let (domain, other, other_subject) = if subject == "contact" {
                (&labels::CONTACT_KIND, &labels::ACTIVITY_KIND, "activity")
            } else {
                (&labels::ACTIVITY_KIND, &labels::CONTACT_KIND, "contact")
            };
            let mut codes = Vec::new();
            for part in list
                .split([',', '，', '、'])
                .filter(|p| !p.trim().is_empty())
            {
                // Seed 004's six activities are partly contacts (线上互动,
                // 工作通报) and partly activities (座谈交流 …): name the subject
                // a kind of the other list belongs to.
                let code = domain.parse("--kinds", part).map_err(|err| {
                    match (subject, other.parse("--kinds", part)) {
                        ("advice", _) | (_, Err(_)) => err,
                        (_, Ok(code)) => {
                            let (label, is, not) = (other.label(code), other.name(), domain.name());
                            crate::invalid!(
                                "--kinds：“{label}”是{is}，不是{not}；请用 --subject {other_subject}（一项要求只计一种对象：六活动中节日慰问、线上互动、工作通报是联系服务，其余是履职活动）",
                                "--kinds: \"{label}\" is a {is}, not a {not}; use --subject {other_subject} (a duty counts one subject: of seed 004's six activities, greetings, online exchanges and briefings are contacts, the rest activities)",
                            )
                        }
                    }
                })?;
                codes.push(code);
            }
            codes.join(",")
        }
    };
    let note = args
        .note
        .as_deref()
        .map(|s| text::note("--note", s))
        .transpose()?;
    // Within the period: a half-year duty at most two months early.
    let most = if period == "half" { 60 } else { 120 };
    let lead_days = args
        .due_days_before
        .as_deref()
        .map(|s| number("--due-days-before", s, 0..=most))
        .transpose()?
        .unwrap_or(0);
    let id = ctx.write(|tx| {
        let panel = resolve::panel(tx, &ctx.env, "PANEL", &args.panel)?;
        // The same duty twice would be owed, and listed by `due`, twice.
        let set = |kinds: &str| {
            let mut set: Vec<String> = kinds
                .split(',')
                .filter(|k| !k.is_empty())
                .map(str::to_string)
                .collect();
            set.sort_unstable();
            set
        };
        let same = crate::store::panel::quotas(tx, Some(panel.id))?
            .into_iter()
            .find(|q| {
                q.subject == subject
                    && q.period == period
                    && q.scope == scope
                    && set(&q.kinds) == set(&kinds)
            });
        if let Some(q) = same {
            let (code, qid, n) = (&panel.code, q.id, q.min_count);
            return Err(crate::refused!(
                "{code} 已有同样的履职要求 #{qid}（每期至少 {n}）；要改次数请先作废：roster panel quota void {qid} --reason …，再重新添加",
                "{code} already has this duty, #{qid} (at least {n} a period); to change it, void it first (roster panel quota void {qid} --reason …) and add it again",
            ));
        }
        tx.execute(
            "INSERT INTO panel_quotas (panel_id, subject, kinds, period, scope, min_count, note, lead_days)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![panel.id, subject, kinds, period, scope, min, note, lead_days],
        )?;
        let id = tx.last_insert_rowid();
        tx.audit("panel_quota", id, "add", None, Some(&tx.snapshot("panel_quotas", id)?))?;
        Ok(id)
    })?;
    print_done(
        &ctx.env,
        &crate::tr!("已添加工作要求 #{id}", "added duty #{id}"),
        "panel_quota",
        id,
        None,
    )
}

/// What a duty counts: contacts of a kind, or activities of a kind (an
/// advice duty's kinds are activities that count as well).
static QUOTA_KINDS: [&Domain; 2] = [&labels::CONTACT_KIND, &labels::ACTIVITY_KIND];

pub fn rows(conn: &rusqlite::Connection, panel_id: Option<i64>) -> anyhow::Result<RowSet> {
    let mut rows = RowSet::new(vec![
        col("id", "编号", "id", Kind::Int),
        col("panel", "顾问团", "panel", Kind::Text),
        col(
            "subject",
            "对象",
            "subject",
            Kind::Enum(&labels::QUOTA_SUBJECT),
        ),
        col("kinds", "计入类型", "kinds", Kind::EnumOf(&QUOTA_KINDS)),
        col(
            "period",
            "周期",
            "period",
            Kind::Enum(&labels::QUOTA_PERIOD),
        ),
        col("scope", "范围", "scope", Kind::Enum(&labels::QUOTA_SCOPE)),
        col("min", "至少", "at least", Kind::Int),
        col(
            "due_days_before",
            "提前(天)",
            "due days before the end",
            Kind::Int,
        ),
        col("note", "依据", "source", Kind::Text),
    ]);
    for q in store::quotas(conn, panel_id)? {
        let panel = store::get(conn, q.panel_id)?;
        let kinds = Some(q.kinds.clone()).filter(|k| !k.is_empty());
        rows.push(vec![
            q.id.into(),
            panel.code.into(),
            q.subject.into(),
            kinds.into(),
            q.period.into(),
            q.scope.into(),
            q.min_count.into(),
            q.lead_days.into(),
            q.note.into(),
        ]);
    }
    Ok(rows)
}

pub fn list(ctx: &Ctx, panel: Option<&str>) -> anyhow::Result<()> {
    let rows = ctx.read(|conn| {
        let panel_id = panel
            .map(|p| resolve::panel(conn, &ctx.env, "--panel", p))
            .transpose()?
            .map(|f| f.id);
        rows(conn, panel_id)
    })?;
    print_rows(&ctx.env, &rows)
}

pub fn void(ctx: &Ctx, id: i64, reason: Option<&str>) -> anyhow::Result<()> {
    let what = crate::commands::void::Voidable {
        table: "panel_quotas",
        entity: "panel_quota",
        zh: "工作要求",
        en: "duty",
        list: "panel quota list",
        stamped: false,
    };
    crate::commands::void::void_record(ctx, &what, id, reason, |_| Ok(()))
}
