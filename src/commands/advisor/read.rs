//! Reading the roster: `advisor list`, `advisor show`, `advisor search`.

use rusqlite::types::Value;
use rusqlite::{Connection, params};

use crate::cli::advisor::AdvisorListArgs;
use crate::context::{Ctx, Env};
use crate::input::{date, resolve};
use crate::labels::{self, CATEGORY, GENDER, TIER};
use crate::output::{Cell, Doc, Kind, RowSet, col, print_doc, print_rows};
use crate::store::{Filter, contains, serving_condition, serving_exists, status_expr, text};

/// Any of the searched columns contains the pattern (see `store::contains`).
const ANY_LIKE: &str = "(a.name LIKE ? ESCAPE '\\' OR a.employer LIKE ? ESCAPE '\\' OR a.fields LIKE ? ESCAPE '\\' OR a.notes LIKE ? ESCAPE '\\')";

fn list_columns() -> Vec<crate::output::Column> {
    vec![
        col("id", "编号", "id", Kind::Int),
        col("code", "编码", "code", Kind::Text),
        col("name", "姓名", "name", Kind::Text),
        col("gender", "性别", "gender", Kind::Enum(&GENDER)),
        col("category", "类别", "category", Kind::Enum(&CATEGORY)),
        col("tier", "层级", "tier", Kind::Enum(&TIER)),
        col("employer", "工作单位", "employer", Kind::Text),
        col("title", "职称", "title", Kind::Text),
        col("fields", "专业领域", "fields", Kind::Text),
        col("panels", "在聘顾问团", "serving on", Kind::Text),
    ]
}

/// The days `advisor list` asks about: who serves on (with `--as-of` or
/// `--serving`), and the day whose panels are shown (that day or today).
pub(crate) fn list_days(
    env: &Env,
    args: &AdvisorListArgs,
) -> anyhow::Result<(Option<String>, String)> {
    let today = date::iso(env.today);
    let as_of = args
        .as_of
        .as_deref()
        .map(|s| date::parse("--as-of", s, env.today).map(date::iso))
        .transpose()?;
    let serving_on = as_of.or_else(|| args.serving.then(|| today.clone()));
    let panels_on = serving_on.clone().unwrap_or(today);
    Ok((serving_on, panels_on))
}

/// The WHERE clause of `advisor list` over `advisors a`; `export advisors`
/// uses it too, so the same filters select the same advisors.
pub(crate) fn list_filter(
    conn: &Connection,
    env: &Env,
    args: &AdvisorListArgs,
) -> anyhow::Result<Filter> {
    let (serving_on, panels_on) = list_days(env, args)?;
    let mut filter = Filter::default();
    if let Some(panel) = &args.panel {
        let panel = resolve::panel(conn, env, "--panel", panel)?;
        let on = text(panels_on);
        filter.add(
            serving_exists("a.id", true),
            [on.clone(), on.clone(), on, Value::Integer(panel.id)],
        );
    }
    if let Some(day) = &serving_on {
        let on = text(day.clone());
        filter.add(serving_exists("a.id", false), [on.clone(), on.clone(), on]);
    }
    if let Some(category) = &args.category {
        filter.add(
            "a.category = ?",
            [text(CATEGORY.parse("--category", category)?)],
        );
    }
    if let Some(tier) = &args.tier {
        filter.add("a.tier = ?", [text(TIER.parse("--tier", tier)?)]);
    }
    if let Some(field) = &args.field {
        filter.add("a.fields LIKE ? ESCAPE '\\'", [contains(field)]);
    }
    if let Some(words) = &args.text {
        let like = contains(words);
        filter.add(ANY_LIKE, [like.clone(), like.clone(), like.clone(), like]);
    }
    Ok(filter)
}

pub fn list(ctx: &Ctx, args: &AdvisorListArgs) -> anyhow::Result<()> {
    let (_, panels_on) = list_days(&ctx.env, args)?;
    let rows = ctx.read(|conn| {
        let filter = list_filter(conn, &ctx.env, args)?;
        let limit = if args.limit == 0 { -1 } else { args.limit as i64 };
        let on = text(panels_on.clone());
        let mut params = vec![on.clone(), on.clone(), on];
        params.extend(filter.params.iter().cloned());
        params.push(Value::Integer(limit));
        let sql = format!(
            "SELECT a.id, a.code, a.name, a.gender, a.category, a.tier, a.employer, a.title, a.fields,
                (SELECT group_concat(p.code, ',') FROM appointments ap JOIN panels p ON p.id = ap.panel_id
                  WHERE ap.advisor_id = a.id AND {})
             FROM advisors a{} ORDER BY a.code LIMIT ?",
            serving_condition("ap"),
            filter.sql()
        );
        RowSet::query(conn, list_columns(), &sql, rusqlite::params_from_iter(params.iter()))
    })?;
    print_rows(&ctx.env, &rows)
}

pub fn show(ctx: &Ctx, who: &str) -> anyhow::Result<()> {
    let today = date::iso(ctx.today());
    let doc = ctx.read(|conn| {
        let found = resolve::advisor(conn, &ctx.env, "ADVISOR", who)?;
        let a = crate::store::advisor::get(conn, found.id)?;
        let age = a
            .birth_date
            .as_deref()
            .and_then(crate::input::date::parse_plain)
            .map(|b| i64::from(date::age_on(b, ctx.today())));
        let columns = vec![
            col("id", "编号", "id", Kind::Int),
            col("code", "编码", "code", Kind::Text),
            col("name", "姓名", "name", Kind::Text),
            col("gender", "性别", "gender", Kind::Enum(&GENDER)),
            col("birth_date", "出生日期", "birth date", Kind::BirthDate),
            col("age", "年龄", "age", Kind::Int),
            col("id_number", "身份证号", "ID number", Kind::IdNumber),
            col("category", "类别", "category", Kind::Enum(&CATEGORY)),
            col("tier", "层级", "tier", Kind::Enum(&TIER)),
            col("native_place", "籍贯", "native place", Kind::Text),
            col("native_abroad", "在外人员", "native working elsewhere", Kind::Bool),
            col("employer", "工作单位", "employer", Kind::Text),
            col("position", "职务", "position", Kind::Text),
            col("title", "职称", "professional title", Kind::Text),
            col("fields", "专业领域", "fields", Kind::Text),
            col("work_start_year", "参加工作年份", "work since", Kind::Int),
            col("academician", "院士", "academician", Kind::Bool),
            col("phone", "电话", "phone", Kind::Phone),
            col("email", "电子邮件", "e-mail", Kind::Email),
            col("wechat", "微信", "WeChat", Kind::WeChat),
            col("address", "地址", "address", Kind::Address),
            col("stipend", "个人年度聘金", "personal stipend", Kind::Money),
            col("notes", "备注", "notes", Kind::Text),
        ];
        let cells: Vec<Cell> = vec![
            a.id.into(),
            a.code.clone().into(),
            a.name.clone().into(),
            a.gender.clone().into(),
            a.birth_date.clone().into(),
            age.into(),
            a.id_number.clone().into(),
            a.category.clone().into(),
            a.tier.clone().into(),
            a.native_place.clone().into(),
            a.native_abroad.into(),
            a.employer.clone().into(),
            a.position.clone().into(),
            a.title.clone().into(),
            a.fields.clone().into(),
            a.work_start_year.into(),
            a.academician.into(),
            a.phone.clone().into(),
            a.email.clone().into(),
            a.wechat.clone().into(),
            a.address.clone().into(),
            a.stipend_fen.into(),
            a.notes.clone().into(),
        ];
        let appointments = RowSet::query(
            conn,
            vec![
                col("id", "聘任编号", "appointment", Kind::Int),
                col("panel", "顾问团", "panel", Kind::Text),
                col("role", "职务", "role", Kind::Enum(&labels::ROLE)),
                col("status", "状态", "status", Kind::Enum(&labels::APPOINTMENT_STATUS)),
                col("term_start", "聘期起", "term start", Kind::Date),
                col("term_end", "聘期止", "term end", Kind::Date),
                col("certificate_no", "聘书编号", "certificate", Kind::Text),
                col("exemption", "资格豁免", "exemption", Kind::Text),
            ],
            &format!(
                "SELECT ap.id, p.name, ap.role, {}, ap.term_start, ap.term_end, ap.certificate_no, ap.exemption
                 FROM appointments ap JOIN panels p ON p.id = ap.panel_id
                 WHERE ap.advisor_id = ?1 ORDER BY ap.nominated_on, ap.id",
                status_expr("ap", "?2")
            ),
            params![a.id, today],
        )?;
        let liaison = RowSet::query(
            conn,
            vec![
                col("code", "编码", "code", Kind::Text),
                col("name", "联系人", "liaison", Kind::Text),
                col("unit", "单位", "unit", Kind::Text),
                col("position", "职务", "position", Kind::Text),
                col("phone", "电话", "phone", Kind::Phone),
                col("since", "联系起", "since", Kind::Date),
            ],
            &format!(
                "SELECT l.code, l.name, l.unit, l.position, l.phone, la.start_date
                 FROM liaison_assignments la JOIN liaisons l ON l.id = la.liaison_id
                 WHERE la.advisor_id = ? AND {} ORDER BY la.start_date DESC",
                crate::store::liaison::holding_condition("la")
            ),
            params![a.id, today, today],
        )?;
        Ok(Doc::default()
            .record("advisor", columns, cells)
            .table("appointments", ("聘任记录", "Appointments"), appointments)
            .table("liaison", ("一对一联系人", "Liaison"), liaison))
    })?;
    print_doc(&ctx.env, &doc)
}

/// Quotes a word as an FTS5 phrase.
fn phrase(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

pub fn search(ctx: &Ctx, words: &[String], limit: usize) -> anyhow::Result<()> {
    let words: Vec<String> = words
        .iter()
        .flat_map(|w| w.split_whitespace())
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return Err(crate::invalid!(
            "WORDS：请给出要查找的词",
            "WORDS: give at least one word to look for"
        ));
    }
    let fetch = if limit == 0 { 0 } else { limit + 1 };
    let mut rows = ctx.read(|conn| search_rows(conn, &words, fetch, Filter::default()))?;
    rows.cut_to(&ctx.env, limit);
    print_rows(&ctx.env, &rows)
}

/// The advisors `advisor search` finds for `words` (each word in the name,
/// employer, fields or notes), best first, at most `limit`, among those
/// `filter` (conditions on `advisors a`) lets through (0: all). `need show`
/// suggests experts for a need's field with it.
pub(crate) fn search_rows(
    conn: &Connection,
    words: &[String],
    limit: usize,
    mut filter: Filter,
) -> anyhow::Result<RowSet> {
    // The trigram index answers words of three or more characters; shorter
    // ones (二字词 such as 中医) are matched as substrings.
    let (long, short): (Vec<&String>, Vec<&String>) =
        words.iter().partition(|w| w.chars().count() >= 3);
    let mut order: Vec<String> = Vec::new();
    let mut from = "advisors a".to_string();
    if !long.is_empty() {
        from = "advisors_fts f JOIN advisors a ON a.id = f.rowid".to_string();
        let query = long
            .iter()
            .map(|w| phrase(w))
            .collect::<Vec<_>>()
            .join(" AND ");
        filter.add("advisors_fts MATCH ?", [text(query)]);
        order.push("bm25(advisors_fts, 10.0, 3.0, 5.0, 1.0)".to_string());
    }
    let mut name_hits = Vec::new();
    for word in &short {
        let like = contains(word);
        filter.add(
            ANY_LIKE,
            [like.clone(), like.clone(), like.clone(), like.clone()],
        );
        name_hits.push(like);
    }
    // Rank: matches in the name first, then by the index's relevance.
    if !name_hits.is_empty() {
        let name_first = name_hits
            .iter()
            .map(|_| "(a.name LIKE ? ESCAPE '\\')")
            .collect::<Vec<_>>()
            .join(" + ");
        order.insert(0, format!("{name_first} DESC"));
    }
    order.push("a.code".to_string());
    let sql = format!(
        "SELECT a.id, a.code, a.name, a.category, a.employer, a.title, a.fields
         FROM {from}{} ORDER BY {} LIMIT ?",
        filter.sql(),
        order.join(", ")
    );
    let mut params = filter.params.clone();
    params.extend(name_hits);
    params.push(Value::Integer(if limit == 0 { -1 } else { limit as i64 }));
    let columns = vec![
        col("id", "编号", "id", Kind::Int),
        col("code", "编码", "code", Kind::Text),
        col("name", "姓名", "name", Kind::Text),
        col("category", "类别", "category", Kind::Enum(&CATEGORY)),
        col("employer", "工作单位", "employer", Kind::Text),
        col("title", "职称", "title", Kind::Text),
        col("fields", "专业领域", "fields", Kind::Text),
    ];
    RowSet::query(
        conn,
        columns,
        &sql,
        rusqlite::params_from_iter(params.iter()),
    )
}
