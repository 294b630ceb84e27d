//! `needs`: the project needs library (项目需求库, seed 003 二(二)1), one row
//! per need — the enterprise, its station (code and name), the experts matched with it in
//! one cell (`A0008 彭晓阳、A0037 程博文`), where it stands and what came of
//! it, as `need list` shows them. Voided needs are left out; the contact's
//! phone is masked unless `--unmasked`. Export only: a need's matches carry
//! dates, guests and recusals overridden that one row cannot hold, and
//! each must pass `need match`'s rules on its own day.

use rusqlite::types::Value;

use crate::labels::{NEED_KIND, NEED_STATUS};
use crate::output::{Kind, col};
use crate::store::need::{experts_expr, status_expr};
use crate::store::{Filter as Where, contains, text};
use crate::transfer::{Dataset, Filter, Query, Selection};

pub static DATASET: Dataset = Dataset {
    name: "needs",
    zh: "项目需求库",
    en: "the project needs library",
    columns: &[
        col("id", "编号", "id", Kind::Int),
        col("date", "收集日期", "received", Kind::Date),
        col("station", "专业站", "station", Kind::Text),
        col("station_name", "专业站名称", "station name", Kind::Text),
        col("unit", "企业", "enterprise", Kind::Text),
        col("title", "需求", "need", Kind::Text),
        col("kind", "需求类型", "kind", Kind::Enum(&NEED_KIND)),
        col("field", "领域", "field", Kind::Text),
        col("contact", "联系人", "contact", Kind::Text),
        col("phone", "联系电话", "phone", Kind::Phone),
        col("experts", "对接专家", "experts matched", Kind::List),
        col("first_matched", "首次对接日期", "first matched", Kind::Date),
        col("status", "状态", "status", Kind::Enum(&NEED_STATUS)),
        col("closed_on", "办结日期", "closed", Kind::Date),
        col("outcome", "成效说明", "outcome", Kind::Text),
        col("note", "备注", "note", Kind::Text),
    ],
    required: &[],
    filters: &[
        Filter::Year,
        Filter::From,
        Filter::To,
        Filter::Panel,
        Filter::Advisor,
        Filter::Kind,
        Filter::Field,
        Filter::Status,
    ],
    export,
    import: None,
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let mut filter = Where::default();
    // Voided needs only when asked for by `--status voided`.
    let status = sel
        .filters
        .status
        .as_deref()
        .map(|s| NEED_STATUS.parse("--status", s))
        .transpose()?;
    if status != Some("voided") {
        filter.add("n.voided_at IS NULL", []);
    }
    sel.dates(&mut filter, "n.on_date")?;
    if let Some(panel) = sel.panel()? {
        filter.add("n.panel_id = ?", [Value::Integer(panel)]);
    }
    if let Some(advisor) = sel.advisor()? {
        filter.add(
            "EXISTS (SELECT 1 FROM need_matches m WHERE m.need_id = n.id AND m.advisor_id = ? AND m.voided_at IS NULL)",
            [Value::Integer(advisor)],
        );
    }
    if let Some(kind) = sel.kind(&NEED_KIND)? {
        filter.add("n.kind = ?", [text(kind)]);
    }
    if let Some(field) = sel.filters.field.as_deref() {
        filter.add("n.field LIKE ? ESCAPE '\\'", [contains(field)]);
    }
    if let Some(status) = status {
        filter.add(format!("({}) = ?", status_expr("n")), [text(status)]);
    }
    Ok(Query {
        sql: format!(
            "SELECT n.id, n.on_date, p.code, p.name, n.unit, n.title, n.kind, n.field, n.contact, n.phone, {},
                (SELECT min(m.on_date) FROM need_matches m WHERE m.need_id = n.id AND m.voided_at IS NULL),
                {}, n.closed_on, n.outcome, n.note
             FROM needs n LEFT JOIN panels p ON p.id = n.panel_id{} ORDER BY n.on_date, n.id",
            experts_expr("n"),
            status_expr("n"),
            filter.sql()
        ),
        params: filter.params,
    })
}
