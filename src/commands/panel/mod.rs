//! `roster panel`: the committee, advisory panels and professional stations,
//! with their procedure steps, term lengths and yearly duties.

mod quota;
pub(crate) mod review;
pub(crate) mod station;

use rusqlite::params;

use super::{number, set, set_opt};
use crate::cli::panel::{
    PanelCommand, PanelEditArgs, PanelFields, PanelListArgs, PanelShowArgs, QuotaCommand,
};
use crate::context::{Ctx, Env, now_stamp};
use crate::i18n::pick;
use crate::input::{Form, money, resolve, text};
use crate::labels::{self, PANEL_KIND, STEP};
use crate::output::{Cell, Doc, Kind, RowSet, col, print_doc, print_done, print_rows};
use crate::store::panel::{self as store, Panel};

pub fn run(ctx: &Ctx, cmd: PanelCommand) -> anyhow::Result<()> {
    match cmd {
        PanelCommand::Add(fields) => add(ctx, &fields),
        PanelCommand::List(args) => list(ctx, &args),
        PanelCommand::Show(args) => show(ctx, &args),
        PanelCommand::Edit(args) => edit(ctx, &args),
        PanelCommand::Quota(QuotaCommand::Add(args)) => quota::add(ctx, &args),
        PanelCommand::Quota(QuotaCommand::List(args)) => quota::list(ctx, args.panel.as_deref()),
        PanelCommand::Quota(QuotaCommand::Void(args)) => {
            quota::void(ctx, args.id, args.reason.as_deref())
        }
        PanelCommand::Review(args) => review::run(ctx, &args),
    }
}

/// Parses a list of procedure steps: codes or labels separated by commas,
/// 、 or arrows; they must keep the fixed order of seed 001 art. 4.
pub fn parse_steps(flag: &str, input: &str) -> anyhow::Result<String> {
    let trimmed = input.trim();
    if matches!(trimmed.to_lowercase().as_str(), "none" | "无" | "direct") {
        return Ok(String::new());
    }
    let order: Vec<&str> = STEP.codes().collect();
    let mut codes: Vec<&'static str> = Vec::new();
    for part in trimmed
        .split([',', '，', '、', '>', '→', ' '])
        .filter(|p| !p.trim().is_empty())
    {
        let code = STEP.parse(flag, part)?;
        if let Some(last) = codes.last() {
            let (a, b) = (
                order.iter().position(|c| c == last),
                order.iter().position(|c| *c == code),
            );
            if b <= a {
                let expected = order.join(",");
                return Err(crate::invalid!(
                    "{flag}：步骤须按固定顺序且不重复（{expected}），“{part}”位置不对",
                    "{flag}: steps must keep the fixed order without repeats ({expected}); \"{part}\" is out of place",
                ));
            }
        }
        codes.push(code);
    }
    Ok(codes.join(","))
}

/// Applies typed settings to a panel (new or existing); `import panels` runs
/// every row through it.
pub(crate) fn apply(env: &Env, f: &PanelFields, p: &mut Panel, adding: bool) -> anyhow::Result<()> {
    if adding {
        let mut form = Form::new(env);
        p.code = form.value("--code", pick("编码", "code"), f.code.as_deref(), |s| {
            text::code("--code", s)
        })?;
        p.name = form.text(
            "--name",
            pick("名称", "name"),
            f.name.as_deref(),
            text::NAME_MAX,
        )?;
        p.kind = form
            .choice("--kind", &PANEL_KIND, f.kind.as_deref())?
            .to_string();
        form.finish()?;
    } else {
        set(&mut p.code, f.code.as_deref(), |s| text::code("--code", s))?;
        set(&mut p.name, f.name.as_deref(), |s| text::name("--name", s))?;
        set(&mut p.kind, f.kind.as_deref(), |s| {
            PANEL_KIND.parse("--kind", s).map(str::to_string)
        })?;
    }
    let line = |flag: &'static str| move |s: &str| text::line(flag, s, text::LINE_MAX);
    set_opt(
        &mut p.lead_unit,
        f.lead_unit.as_deref(),
        line("--lead-unit"),
    )?;
    set_opt(
        &mut p.liaison_office,
        f.liaison_office.as_deref(),
        line("--liaison-office"),
    )?;
    set_opt(&mut p.office_head, f.office_head.as_deref(), |s| {
        text::name("--office-head", s)
    })?;
    set(&mut p.term_years, f.term_years.as_deref(), |s| {
        number("--term-years", s, 1..=5)
    })?;
    set(&mut p.max_term_years, f.max_term_years.as_deref(), |s| {
        number("--max-term-years", s, 1..=5)
    })?;
    if f.term_years.is_some() && f.max_term_years.is_none() && p.term_years > p.max_term_years {
        p.max_term_years = p.term_years;
    }
    if p.term_years > p.max_term_years {
        let (t, m) = (p.term_years, p.max_term_years);
        // Name the value that was given: a lower maximum needs a default
        // no longer than it; a longer default, a maximum as long.
        return Err(if f.max_term_years.is_some() && f.term_years.is_none() {
            crate::invalid!(
                "--max-term-years：最长聘期 {m} 年短于默认聘期 {t} 年；请同时给出 --term-years {m}（或更短）",
                "--max-term-years: the longest term ({m} years) is shorter than the default term ({t}); give --term-years {m} (or less) too",
            )
        } else {
            crate::invalid!(
                "--term-years：默认聘期 {t} 年超过最长聘期 {m} 年；请同时调整 --max-term-years",
                "--term-years: the default term ({t} years) is longer than the longest allowed ({m}); raise --max-term-years too",
            )
        });
    }
    set(&mut p.steps, f.steps.as_deref(), |s| {
        parse_steps("--steps", s)
    })?;
    set(&mut p.notice_days, f.notice_days.as_deref(), |s| {
        number("--notice-days", s, 1..=60)
    })?;
    set(&mut p.direct_renewal, f.direct_renewal.as_deref(), |s| {
        text::yes_no("--direct-renewal", s)
    })?;
    set_opt(
        &mut p.contact_interval_days,
        f.contact_interval.as_deref(),
        |s| number("--contact-interval", s, 1..=3650),
    )?;
    set(&mut p.greeting_festivals, f.greetings.as_deref(), |s| {
        super::festivals::parse_list("--greetings", s)
    })?;
    set_limit(&mut p.max_age, f.max_age.as_deref(), "--max-age", 18..=120)?;
    set_limit(
        &mut p.min_work_years,
        f.min_work_years.as_deref(),
        "--min-work-years",
        0..=60,
    )?;
    set_opt(&mut p.stipend_fen, f.stipend.as_deref(), |s| {
        money::parse("--stipend", s, false)
    })?;
    set_opt(&mut p.notes, f.notes.as_deref(), |s| {
        text::note("--notes", s)
    })?;
    Ok(())
}

/// An eligibility limit as shown: its number, or `none` (不限).
fn limit(value: Option<i64>) -> Cell {
    value.map_or_else(|| "none".into(), |n| n.to_string().into())
}

/// An eligibility limit: a number in `range`, or none (无, 不限) for no limit.
fn set_limit(
    slot: &mut Option<i64>,
    given: Option<&str>,
    flag: &str,
    range: std::ops::RangeInclusive<i64>,
) -> anyhow::Result<()> {
    match given.map(str::trim) {
        None => {}
        Some("none" | "None" | "NONE" | "无" | "不限") => *slot = None,
        Some(text) => *slot = Some(number(flag, text, range)?),
    }
    Ok(())
}

fn check_unique(conn: &rusqlite::Connection, p: &Panel) -> anyhow::Result<()> {
    if store::taken(conn, "code", &p.code, p.id)?.is_some() {
        let code = &p.code;
        return Err(crate::invalid!(
            "--code：编码“{code}”已被其他顾问团使用",
            "--code: code \"{code}\" is already used by another panel"
        ));
    }
    if store::taken(conn, "name", &p.name, p.id)?.is_some() {
        let name = &p.name;
        return Err(crate::invalid!(
            "--name：名称“{name}”已被其他顾问团使用",
            "--name: name \"{name}\" is already used by another panel"
        ));
    }
    Ok(())
}

fn add(ctx: &Ctx, f: &PanelFields) -> anyhow::Result<()> {
    let mut panel = Panel::default();
    apply(&ctx.env, f, &mut panel, true)?;
    let id = ctx.write(|tx| {
        check_unique(tx, &panel)?;
        let id = store::insert(tx, &panel, &now_stamp())?;
        tx.audit("panel", id, "add", None, Some(&tx.snapshot("panels", id)?))?;
        Ok(id)
    })?;
    let (code, name) = (&panel.code, &panel.name);
    print_done(
        &ctx.env,
        &crate::tr!("已添加 {name}（{code}）", "added {name} ({code})"),
        "panel",
        id,
        Some(code),
    )
}

fn edit(ctx: &Ctx, args: &PanelEditArgs) -> anyhow::Result<()> {
    let panel = ctx.write(|tx| {
        let found = resolve::panel(tx, &ctx.env, "PANEL", &args.panel)?;
        let mut panel = store::get(tx, found.id)?;
        let (old_steps, old_kind) = (panel.steps.clone(), panel.kind.clone());
        apply(&ctx.env, &args.fields, &mut panel, false)?;
        check_unique(tx, &panel)?;
        if old_kind == "professional_station" && panel.kind != old_kind {
            station::check_kind_change(tx, &panel)?;
        }
        if panel.steps != old_steps {
            check_steps_in_use(tx, &panel)?;
        }
        let before = tx.snapshot("panels", panel.id)?;
        store::update(tx, &panel, &now_stamp())?;
        let after = tx.snapshot("panels", panel.id)?;
        if changed(&before, &after) {
            tx.audit("panel", panel.id, "edit", Some(&before), Some(&after))?;
        }
        Ok(panel)
    })?;
    let (code, name) = (&panel.code, &panel.name);
    print_done(
        &ctx.env,
        &crate::tr!("已更新 {name}（{code}）", "updated {name} ({code})"),
        "panel",
        panel.id,
        Some(code),
    )
}

/// Refuses new procedure steps that drop a step an appointment of this
/// panel is standing at: it could move neither on nor back.
fn check_steps_in_use(tx: &rusqlite::Connection, panel: &Panel) -> anyhow::Result<()> {
    let pipeline = crate::domain::lifecycle::pipeline(&panel.steps);
    let mut stmt = tx.prepare_cached(
        "SELECT id, state FROM appointments WHERE panel_id = ?1
           AND state IN ('vetted','checked','reviewed','approved','publicized') ORDER BY id",
    )?;
    let stranded: Vec<(i64, String)> = stmt
        .query_map([panel.id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .filter(|r| {
            r.as_ref()
                .map_or(true, |(_, state)| !pipeline.contains(&state.as_str()))
        })
        .collect::<Result<_, _>>()?;
    if let Some((first, state)) = stranded.first() {
        let (count, here) = (
            stranded.len(),
            crate::labels::APPOINTMENT_STATE.label(state),
        );
        return Err(crate::refused!(
            "--steps：{count} 项聘任正处于将被去掉的步骤（如聘任 #{first} 处于“{here}”）；请先办完或结束这些聘任，再修改步骤",
            "--steps: {count} appointment(s) stand at a step the new list drops (e.g. #{first} is {here}); finish or end them before changing the steps",
        ));
    }
    Ok(())
}

/// Whether anything but the modification stamp differs.
pub fn changed(before: &serde_json::Value, after: &serde_json::Value) -> bool {
    let strip = |v: &serde_json::Value| {
        let mut v = v.clone();
        if let Some(map) = v.as_object_mut() {
            map.remove("updated_at");
        }
        v
    };
    strip(before) != strip(after)
}

fn list(ctx: &Ctx, args: &PanelListArgs) -> anyhow::Result<()> {
    let as_of = super::date_opt(ctx, "--as-of", args.as_of.as_deref())?
        .unwrap_or_else(|| crate::input::date::iso(ctx.today()));
    let columns = vec![
        col("id", "编号", "id", Kind::Int),
        col("code", "编码", "code", Kind::Text),
        col("name", "名称", "name", Kind::Text),
        col("kind", "类型", "kind", Kind::Enum(&PANEL_KIND)),
        col("lead_unit", "牵头单位", "lead unit", Kind::Text),
        col("term_years", "聘期(年)", "term (years)", Kind::Int),
        col("steps", "聘任步骤", "steps", Kind::Enum(&STEP)),
        col("serving", "在聘人数", "serving", Kind::Int),
    ];
    let sql = format!(
        "SELECT p.id, p.code, p.name, p.kind, p.lead_unit, p.term_years, p.steps,
            (SELECT count(DISTINCT ap.advisor_id) FROM appointments ap WHERE ap.panel_id = p.id AND {})
         FROM panels p ORDER BY p.id",
        crate::store::serving_condition("ap")
    );
    let rows = ctx.read(|conn| RowSet::query(conn, columns, &sql, params![as_of, as_of, as_of]))?;
    print_rows(&ctx.env, &rows)
}

fn show(ctx: &Ctx, args: &PanelShowArgs) -> anyhow::Result<()> {
    let as_of = super::date_opt(ctx, "--as-of", args.as_of.as_deref())?
        .unwrap_or_else(|| crate::input::date::iso(ctx.today()));
    let doc = ctx.read(|conn| {
        let found = resolve::panel(conn, &ctx.env, "PANEL", &args.panel)?;
        let p = store::get(conn, found.id)?;
        let columns = vec![
            col("id", "编号", "id", Kind::Int),
            col("code", "编码", "code", Kind::Text),
            col("name", "名称", "name", Kind::Text),
            col("kind", "类型", "kind", Kind::Enum(&PANEL_KIND)),
            col("lead_unit", "牵头单位", "lead unit", Kind::Text),
            col("liaison_office", "联系服务办公室", "liaison office", Kind::Text),
            col("office_head", "办公室负责人", "office head", Kind::Text),
            col("term_years", "默认聘期(年)", "default term (years)", Kind::Int),
            col("max_term_years", "最长聘期(年)", "longest term (years)", Kind::Int),
            col("steps", "聘任步骤", "procedure steps", Kind::Enum(&STEP)),
            col("notice_days", "公示天数", "notice days", Kind::Int),
            col("direct_renewal", "可直接续聘", "direct renewal", Kind::Bool),
            col("contact_interval_days", "联系间隔上限(天)", "contact interval (days)", Kind::Int),
            col("greeting_festivals", "节日问候", "greeted on", Kind::Enum(&labels::FESTIVAL)),
            col("stipend", "年度聘金", "yearly stipend", Kind::Money),
            // A number, or `none` (不限) where the panel sets no limit.
            col("max_age", "年龄上限(岁)", "age limit", Kind::Enum(&labels::NO_LIMIT)),
            col("min_work_years", "从业年限下限(年)", "years of work required", Kind::Enum(&labels::NO_LIMIT)),
            col("notes", "备注", "notes", Kind::Text),
        ];
        let cells: Vec<Cell> = vec![
            p.id.into(),
            p.code.clone().into(),
            p.name.clone().into(),
            p.kind.clone().into(),
            p.lead_unit.clone().into(),
            p.liaison_office.clone().into(),
            p.office_head.clone().into(),
            p.term_years.into(),
            p.max_term_years.into(),
            (if p.steps.is_empty() { pick("（无，直接聘任）", "(none: direct appointment)").to_string() } else { p.steps.clone() }).into(),
            // Only a panel whose procedure has a public notice uses its days.
            if p.steps.split(',').any(|s| s == "publicized") { p.notice_days.into() } else { Cell::Null },
            p.direct_renewal.into(),
            p.contact_interval_days.into(),
            p.greeting_festivals.clone().into(),
            p.stipend_fen.into(),
            limit(p.max_age),
            limit(p.min_work_years),
            p.notes.clone().into(),
        ];
        let quotas = quota::rows(conn, Some(p.id))?;
        let members = RowSet::query(
            conn,
            vec![
                col("code", "编码", "code", Kind::Text),
                col("name", "姓名", "name", Kind::Text),
                col("role", "职务", "role", Kind::Enum(&labels::ROLE)),
                col("employer", "工作单位", "employer", Kind::Text),
                col("term_start", "聘期起", "term start", Kind::Date),
                col("term_end", "聘期止", "term end", Kind::Date),
            ],
            &format!(
                "SELECT a.code, a.name, ap.role, a.employer, ap.term_start, ap.term_end
                 FROM appointments ap JOIN advisors a ON a.id = ap.advisor_id
                 WHERE ap.panel_id = ? AND {} ORDER BY ap.role <> 'head', ap.role <> 'deputy_head', a.code",
                crate::store::serving_condition("ap")
            ),
            params![p.id, as_of, as_of, as_of],
        )?;
        let doc = Doc::default()
            .record("panel", columns, cells)
            .table("quotas", ("年度工作要求", "Yearly duties"), quotas)
            .table("serving", ("在聘专家", "Serving advisors"), members);
        // A station's yearly verdicts (seed 003 三(三)).
        Ok(if p.kind == "professional_station" {
            doc.table("reviews", ("年度评价", "Yearly verdicts"), review::rows(conn, p.id)?)
        } else {
            doc
        })
    })?;
    print_doc(&ctx.env, &doc)
}
