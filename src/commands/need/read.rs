//! `need list` and `need show`: the project needs library read back — each
//! need with its station, the experts matched with it and where it stands;
//! one need in full, with experts whose fields fit it (the advisor search,
//! `advisor::read::search_rows`).

use rusqlite::Connection;
use rusqlite::types::Value;

use crate::cli::need::{NeedListArgs, NeedShowArgs};
use crate::commands::advisor::read::search_rows;
use crate::context::Ctx;
use crate::input::{date, resolve};
use crate::labels::{NEED_KIND, NEED_RESULT, NEED_STATUS};
use crate::output::{Cell, Doc, Kind, RowSet, col, print_doc, print_rows};
use crate::store::need::{self as store, experts_expr, status_expr};
use crate::store::{Filter, contains, serving_exists, text};

/// The WHERE clause of `need list` over `needs n` (the `needs` export uses
/// it too, so the same flags select the same needs).
pub(crate) struct Select<'a> {
    pub include_void: bool,
    pub open: bool,
    pub station: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub field: Option<&'a str>,
    pub advisor: Option<&'a str>,
    pub year: Option<&'a str>,
}

pub(crate) fn filter(conn: &Connection, ctx: &Ctx, s: &Select) -> anyhow::Result<Filter> {
    let mut filter = Filter::default();
    if !s.include_void {
        filter.add("n.voided_at IS NULL", []);
    }
    if s.open {
        filter.add("n.closed_on IS NULL", []);
    }
    if let Some(station) = s.station {
        // A panel of another kind holds no needs: refused as need add
        // refuses it, with how to make it a station.
        let panel = crate::commands::panel::station::station(conn, &ctx.env, "--station", station)?;
        filter.add("n.panel_id = ?", [Value::Integer(panel.id)]);
    }
    if let Some(kind) = s.kind {
        filter.add("n.kind = ?", [text(NEED_KIND.parse("--kind", kind)?)]);
    }
    if let Some(field) = s.field {
        filter.add("n.field LIKE ? ESCAPE '\\'", [contains(field)]);
    }
    if let Some(advisor) = s.advisor {
        let advisor = resolve::advisor(conn, &ctx.env, "--advisor", advisor)?;
        filter.add(
            "EXISTS (SELECT 1 FROM need_matches m WHERE m.need_id = n.id AND m.advisor_id = ? AND m.voided_at IS NULL)",
            [Value::Integer(advisor.id)],
        );
    }
    if let Some(year) = s.year {
        let y = date::parse_year("--year", year)?;
        filter.add(
            "n.on_date BETWEEN ? AND ?",
            [text(format!("{y}-01-01")), text(format!("{y}-12-31"))],
        );
    }
    Ok(filter)
}

pub fn list(ctx: &Ctx, args: &NeedListArgs) -> anyhow::Result<()> {
    let select = Select {
        include_void: args.include_void,
        open: args.open,
        station: args.station.as_deref(),
        kind: args.kind.as_deref(),
        field: args.field.as_deref(),
        advisor: args.advisor.as_deref(),
        year: args.year.as_deref(),
    };
    let rows = ctx.read(|conn| {
        let filter = filter(conn, ctx, &select)?;
        let mut columns = vec![
            col("id", "编号", "id", Kind::Int),
            col("date", "收集日期", "received", Kind::Date),
            col("station", "专业站", "station", Kind::Text),
            col("unit", "企业", "enterprise", Kind::Text),
            col("title", "需求", "need", Kind::Text),
            col("kind", "需求类型", "kind", Kind::Enum(&NEED_KIND)),
            col("field", "领域", "field", Kind::Text),
            col("experts", "对接专家", "experts matched", Kind::List),
            col("status", "状态", "status", Kind::Enum(&NEED_STATUS)),
            col("closed_on", "办结日期", "closed", Kind::Date),
            col("outcome", "成效说明", "outcome", Kind::Text),
        ];
        let mut select = format!(
            "SELECT n.id, n.on_date, p.code, n.unit, n.title, n.kind, n.field, {}, {}, n.closed_on, n.outcome",
            experts_expr("n"),
            status_expr("n")
        );
        if args.include_void {
            columns.push(col("void_reason", "作废原因", "void reason", Kind::Text));
            select.push_str(", n.void_reason");
        }
        let sql = format!(
            "{select} FROM needs n LEFT JOIN panels p ON p.id = n.panel_id{} ORDER BY n.on_date, n.id",
            filter.sql()
        );
        RowSet::query(
            conn,
            columns,
            &sql,
            rusqlite::params_from_iter(filter.params.iter()),
        )
    })?;
    print_rows(&ctx.env, &rows)
}

/// The words of a need's field, as `advisor search` takes them: split at
/// blanks and the marks that separate fields (`集成电路、芯片测试`).
fn field_words(field: &str) -> Vec<String> {
    field
        .split(|c: char| c.is_whitespace() || "、，,;；/".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn show(ctx: &Ctx, args: &NeedShowArgs) -> anyhow::Result<()> {
    let today = date::iso(ctx.today());
    let doc = ctx.read(|conn| {
        let n = store::get(conn, args.id)?;
        // The station's code and name apart: a script reads the code.
        let (station, station_name) = match n.panel_id {
            Some(p) => {
                let p = crate::store::panel::get(conn, p)?;
                (Some(p.code), Some(p.name))
            }
            None => (None, None),
        };
        let status: String = conn.query_row(
            &format!("SELECT {} FROM needs n WHERE n.id = ?1", status_expr("n")),
            [n.id],
            |r| r.get(0),
        )?;
        let columns = vec![
            col("id", "编号", "id", Kind::Int),
            col("date", "收集日期", "received", Kind::Date),
            col("unit", "企业", "enterprise", Kind::Text),
            col("title", "需求", "need", Kind::Text),
            col("kind", "需求类型", "kind", Kind::Enum(&NEED_KIND)),
            col("field", "领域", "field", Kind::Text),
            col("station", "专业站", "station", Kind::Text),
            col("station_name", "专业站名称", "station name", Kind::Text),
            col("contact", "联系人", "contact", Kind::Text),
            col("phone", "联系电话", "phone", Kind::Phone),
            col("note", "备注", "note", Kind::Text),
            col("status", "状态", "status", Kind::Enum(&NEED_STATUS)),
            col("result", "办结结果", "result", Kind::Enum(&NEED_RESULT)),
            col("closed_on", "办结日期", "closed", Kind::Date),
            col("outcome", "成效说明", "outcome", Kind::Text),
            col("void_reason", "作废原因", "void reason", Kind::Text),
        ];
        let cells: Vec<Cell> = vec![
            n.id.into(),
            n.on_date.clone().into(),
            n.unit.clone().into(),
            n.title.clone().into(),
            n.kind.clone().into(),
            n.field.clone().into(),
            station.into(),
            station_name.into(),
            n.contact.clone().into(),
            n.phone.clone().into(),
            n.note.clone().into(),
            status.into(),
            n.result.clone().into(),
            n.closed_on.clone().into(),
            n.outcome.clone().into(),
            n.void_reason.clone().into(),
        ];
        let matches = RowSet::query(
            conn,
            vec![
                col("date", "对接日期", "matched on", Kind::Date),
                col("code", "编码", "code", Kind::Text),
                col("name", "姓名", "name", Kind::Text),
                col("employer", "工作单位", "employer", Kind::Text),
                col("fields", "专业领域", "fields", Kind::Text),
                col("guest", "特邀", "guest", Kind::Bool),
                col("override", "回避豁免", "recusal overridden", Kind::Text),
                col("note", "备注", "note", Kind::Text),
            ],
            "SELECT m.on_date, a.code, a.name, a.employer, a.fields, m.guest, m.override_reason, m.note
             FROM need_matches m JOIN advisors a ON a.id = m.advisor_id
             WHERE m.need_id = ?1 AND m.voided_at IS NULL ORDER BY m.on_date, m.id",
            [n.id],
        )?;
        let mut doc = Doc::default()
            .record("need", columns, cells)
            .table("matches", ("对接专家", "Experts matched"), matches);
        let words = field_words(&n.field);
        if args.suggest > 0 && !words.is_empty() && n.closed_on.is_none() && n.void_reason.is_none() {
            // Serving today (so each can be matched as is) and not matched yet.
            let mut serving = Filter::default();
            serving.add(serving_exists("a.id", false), [text(&today), text(&today), text(&today)]);
            serving.add(
                "a.id NOT IN (SELECT advisor_id FROM need_matches WHERE need_id = ? AND voided_at IS NULL)",
                [Value::Integer(n.id)],
            );
            // Those a standing recusal keeps from this need (`need match`
            // would refuse them) are left out, so more are asked for.
            let mut suggested = search_rows(conn, &words, args.suggest + 10, serving)?;
            let mut kept = Vec::new();
            for row in std::mem::take(&mut suggested.rows) {
                let Some(Cell::Int(advisor)) = row.first() else {
                    continue;
                };
                let recused = crate::store::activity::recusals_by(conn, *advisor, &today)?
                    .iter()
                    .any(|r| {
                        crate::domain::work::recusal_covers(
                            &r.matter,
                            r.related_unit.as_deref(),
                            &n.title,
                            Some(&n.unit),
                        )
                    });
                if !recused && kept.len() < args.suggest {
                    kept.push(row);
                }
            }
            suggested.rows = kept;
            doc = doc.table(
                "suggested",
                (
                    "推荐专家（领域相符、今天在任，同 advisor search）",
                    "Suggested experts (fields fit, serving today; as advisor search finds them)",
                ),
                suggested,
            );
        }
        Ok(doc)
    })?;
    print_doc(&ctx.env, &doc)
}
