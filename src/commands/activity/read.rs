//! Reading the advisors' work: `activity list`, `activity show`, and the
//! yearly attendance per advisor (`activity attendance`). Every filter runs
//! in SQL on an index (see the query-plan test at the end).

use rusqlite::types::Value;

use crate::cli::activity::{ActivityListArgs, WorkFilter};
use crate::context::Ctx;
use crate::input::{date, resolve};
use crate::labels::{ACTIVITY_KIND, ADVICE_STATUS, ATTENDANCE, Domain, MODE, PARTICIPANT_ROLE};
use crate::output::{Cell, Column, Doc, Kind, RowSet, col, print_doc, print_rows};
use crate::store::{Filter, text};

/// The common filters, resolved: a year's first and last day, ids, a code.
#[derive(Default)]
pub(crate) struct Scope {
    pub year: Option<(String, String)>,
    pub panel_id: Option<i64>,
    pub advisor_id: Option<i64>,
    pub kind: Option<&'static str>,
}

/// Resolves `--year`, `--panel`, `--advisor` and `--kind` (in `kinds`).
pub(crate) fn scope(
    conn: &rusqlite::Connection,
    ctx: &Ctx,
    f: &WorkFilter,
    kinds: &'static Domain,
) -> anyhow::Result<Scope> {
    Ok(Scope {
        year: f
            .year
            .as_deref()
            .map(|y| {
                date::parse_year("--year", y).map(|y| (format!("{y}-01-01"), format!("{y}-12-31")))
            })
            .transpose()?,
        panel_id: f
            .panel
            .as_deref()
            .map(|p| resolve::panel(conn, &ctx.env, "--panel", p).map(|p| p.id))
            .transpose()?,
        advisor_id: f
            .advisor
            .as_deref()
            .map(|a| resolve::advisor(conn, &ctx.env, "--advisor", a).map(|a| a.id))
            .transpose()?,
        kind: f
            .kind
            .as_deref()
            .map(|k| kinds.parse("--kind", k))
            .transpose()?,
    })
}

fn list_columns(with_advisor: bool, include_void: bool) -> Vec<Column> {
    let mut columns = vec![
        col("id", "编号", "id", Kind::Int),
        col("date", "日期", "date", Kind::Date),
        col("kind", "活动类型", "kind", Kind::Enum(&ACTIVITY_KIND)),
        col("panel", "顾问团", "panel", Kind::Text),
        col("topic", "议题", "topic", Kind::Text),
        col("mode", "方式", "mode", Kind::Enum(&MODE)),
        col("hours", "时长(小时)", "hours", Kind::Float),
        col("unit", "委托单位", "requesting unit", Kind::Text),
        col("participants", "参加人数", "participants", Kind::Int),
        col("attended", "出席", "attended", Kind::Int),
        col("excused", "请假", "excused", Kind::Int),
        col("absent", "无故缺席", "unexcused absent", Kind::Int),
    ];
    if with_advisor {
        columns.push(col(
            "attendance",
            "本人出席",
            "advisor's attendance",
            Kind::Enum(&ATTENDANCE),
        ));
        columns.push(col(
            "role",
            "本人角色",
            "advisor's role",
            Kind::Enum(&PARTICIPANT_ROLE),
        ));
    }
    if include_void {
        columns.push(col("void_reason", "作废原因", "void reason", Kind::Text));
    }
    columns
}

/// The `activity list` query: its SQL and parameters.
pub(crate) fn list_sql(
    s: &Scope,
    attendance: Option<&str>,
    include_void: bool,
    limit: i64,
) -> (String, Vec<Value>) {
    let count = |what: &str| {
        format!(
            "(SELECT count(*) FROM participants x WHERE x.activity_id = ac.id AND x.voided_at IS NULL{what})"
        )
    };
    let mut select = format!(
        "SELECT ac.id, ac.on_date, ac.kind, p.code, ac.topic, ac.mode, ac.hours, ac.requesting_unit, {}, {}, {}, {}",
        count(""),
        count(" AND x.attendance = 'attended'"),
        count(" AND x.attendance = 'excused'"),
        count(" AND x.attendance = 'absent'"),
    );
    let mut from = "activities ac LEFT JOIN panels p ON p.id = ac.panel_id".to_string();
    let mut join_params = Vec::new();
    if let Some(advisor) = s.advisor_id {
        select.push_str(", pa.attendance, pa.role");
        from.push_str(" JOIN participants pa ON pa.activity_id = ac.id AND pa.advisor_id = ? AND pa.voided_at IS NULL");
        join_params.push(Value::Integer(advisor));
    }
    if include_void {
        select.push_str(", ac.void_reason");
    }
    let mut filter = Filter::default();
    if !include_void {
        filter.add("ac.voided_at IS NULL", []);
    }
    if let Some((first, last)) = &s.year {
        filter.add(
            "ac.on_date BETWEEN ? AND ?",
            [text(first.clone()), text(last.clone())],
        );
    }
    if let Some(panel) = s.panel_id {
        filter.add("ac.panel_id = ?", [Value::Integer(panel)]);
    }
    if let Some(kind) = s.kind {
        filter.add("ac.kind = ?", [text(kind)]);
    }
    match (attendance, s.advisor_id) {
        (Some(a), Some(_)) => filter.add("pa.attendance = ?", [text(a)]),
        (Some(a), None) => filter.add(
            "EXISTS (SELECT 1 FROM participants y WHERE y.activity_id = ac.id AND y.attendance = ? AND y.voided_at IS NULL)",
            [text(a)],
        ),
        _ => {}
    }
    let sql = format!(
        "{select} FROM {from}{} ORDER BY ac.on_date, ac.id LIMIT ?",
        filter.sql()
    );
    let mut params = join_params;
    params.extend(filter.params);
    params.push(Value::Integer(limit));
    (sql, params)
}

pub fn list(ctx: &Ctx, args: &ActivityListArgs) -> anyhow::Result<()> {
    let attendance = args
        .attendance
        .as_deref()
        .map(|a| ATTENDANCE.parse("--attendance", a))
        .transpose()?;
    let limit = if args.limit == 0 {
        -1
    } else {
        args.limit as i64
    };
    let rows = ctx.read(|conn| {
        let s = scope(conn, ctx, &args.filter, &ACTIVITY_KIND)?;
        let (sql, params) = list_sql(&s, attendance, args.include_void, limit);
        let columns = list_columns(s.advisor_id.is_some(), args.include_void);
        RowSet::query(
            conn,
            columns,
            &sql,
            rusqlite::params_from_iter(params.iter()),
        )
    })?;
    print_rows(&ctx.env, &rows)
}

pub fn show(ctx: &Ctx, id: i64) -> anyhow::Result<()> {
    let doc = ctx.read(|conn| {
        let a = crate::store::activity::get(conn, id)?;
        let panel = a.panel_id.map(|p| crate::store::panel::get(conn, p)).transpose()?.map(|p| p.name);
        let columns = vec![
            col("id", "编号", "id", Kind::Int),
            col("date", "日期", "date", Kind::Date),
            col("kind", "活动类型", "kind", Kind::Enum(&ACTIVITY_KIND)),
            col("panel", "顾问团", "panel", Kind::Text),
            col("topic", "议题", "topic", Kind::Text),
            col("mode", "方式", "mode", Kind::Enum(&MODE)),
            col("place", "地点", "place", Kind::Text),
            col("hours", "时长(小时)", "hours", Kind::Float),
            col("unit", "委托单位", "requesting unit", Kind::Text),
            col("minutes", "会议纪要", "minutes", Kind::Text),
            col("result", "成果", "result", Kind::Text),
            col("voided_at", "作废时间", "voided at", Kind::Text),
            col("void_reason", "作废原因", "void reason", Kind::Text),
        ];
        let cells: Vec<Cell> = vec![
            a.id.into(),
            a.on_date.clone().into(),
            a.kind.clone().into(),
            panel.into(),
            a.topic.clone().into(),
            a.mode.clone().into(),
            a.place.clone().into(),
            a.hours.into(),
            a.requesting_unit.clone().into(),
            a.minutes_ref.clone().into(),
            a.result.clone().into(),
            a.voided_at.clone().into(),
            a.void_reason.clone().into(),
        ];
        let participants = RowSet::query(
            conn,
            vec![
                col("code", "编码", "code", Kind::Text),
                col("name", "姓名", "name", Kind::Text),
                col("attendance", "出席情况", "attendance", Kind::Enum(&ATTENDANCE)),
                col("excuse_reason", "请假原因", "excuse", Kind::Text),
                col("role", "角色", "role", Kind::Enum(&PARTICIPANT_ROLE)),
                col("guest", "特邀", "guest", Kind::Bool),
                col("override_reason", "回避豁免理由", "recusal overridden", Kind::Text),
                col("opinion", "意见", "opinion", Kind::Text),
                col("removed", "已移除", "removed", Kind::Text),
            ],
            "SELECT a.code, a.name, pa.attendance, pa.excuse_reason, pa.role, pa.guest, pa.override_reason, pa.opinion,
                    pa.void_reason
             FROM participants pa JOIN advisors a ON a.id = pa.advisor_id
             WHERE pa.activity_id = ?1 ORDER BY pa.voided_at IS NOT NULL, pa.id",
            [id],
        )?;
        let advice = RowSet::query(
            conn,
            vec![
                col("id", "编号", "id", Kind::Int),
                col("date", "日期", "date", Kind::Date),
                col("title", "标题", "title", Kind::Text),
                col("status", "办理状态", "status", Kind::Enum(&ADVICE_STATUS)),
            ],
            "SELECT id, on_date, title, status FROM advice WHERE activity_id = ?1 AND voided_at IS NULL ORDER BY on_date, id",
            [id],
        )?;
        Ok(Doc::default()
            .record("activity", columns, cells)
            .table("participants", ("参加专家", "Participants"), participants)
            .table("advice", ("形成的意见建议", "Advice from it"), advice))
    })?;
    print_doc(&ctx.env, &doc)
}

/// The attendance query: per advisor, every participation in the year's
/// activities held by `through` (today: a meeting still to come has no
/// attendance to count, as in the yearly summary), plus (with zeros) every
/// advisor who served in the year.
pub(crate) fn attendance_sql(s: &Scope, through: &str) -> (String, Vec<Value>) {
    let (first, last) = s.year.clone().unwrap_or_default();
    let mut counted = Filter::default();
    counted.add("ac.voided_at IS NULL AND pa.voided_at IS NULL", []);
    counted.add(
        "ac.on_date BETWEEN ? AND ?",
        [
            text(first.clone()),
            text(last.clone().min(through.to_string())),
        ],
    );
    let mut members = Filter::default();
    members.add(
        "ap.state IN ('appointed','dismissed','resigned') AND ap.term_start <= ? AND ap.term_end >= ? \
         AND (ap.ended_on IS NULL OR ap.ended_on > ?)",
        [text(last.clone()), text(first.clone()), text(first.clone())],
    );
    if let Some(panel) = s.panel_id {
        counted.add("ac.panel_id = ?", [Value::Integer(panel)]);
        members.add("ap.panel_id = ?", [Value::Integer(panel)]);
    }
    if let Some(kind) = s.kind {
        counted.add("ac.kind = ?", [text(kind)]);
    }
    if let Some(advisor) = s.advisor_id {
        counted.add("pa.advisor_id = ?", [Value::Integer(advisor)]);
        members.add("ap.advisor_id = ?", [Value::Integer(advisor)]);
    }
    let sql = format!(
        "WITH counted AS (
            SELECT pa.advisor_id AS advisor_id, count(*) AS total,
                   sum(pa.attendance = 'attended') AS attended, sum(pa.attendance = 'excused') AS excused,
                   sum(pa.attendance = 'absent') AS absent, sum(pa.attendance = 'invited') AS invited
            FROM activities ac JOIN participants pa ON pa.activity_id = ac.id{}
            GROUP BY pa.advisor_id),
         members AS (SELECT ap.advisor_id FROM appointments ap{})
         SELECT a.code, a.name,
            (SELECT group_concat(DISTINCT p.code) FROM appointments ap JOIN panels p ON p.id = ap.panel_id
              WHERE ap.advisor_id = a.id AND ap.state IN ('appointed','dismissed','resigned')
                AND ap.term_start <= ? AND ap.term_end >= ? AND (ap.ended_on IS NULL OR ap.ended_on > ?)),
            IFNULL(c.total, 0), IFNULL(c.attended, 0), IFNULL(c.excused, 0), IFNULL(c.absent, 0), IFNULL(c.invited, 0)
         FROM advisors a LEFT JOIN counted c ON c.advisor_id = a.id
         WHERE a.id IN (SELECT advisor_id FROM counted UNION SELECT advisor_id FROM members)
         ORDER BY a.code",
        counted.sql(),
        members.sql()
    );
    let mut params = counted.params;
    params.extend(members.params);
    params.extend([text(last), text(first.clone()), text(first)]);
    (sql, params)
}

pub fn attendance(ctx: &Ctx, f: &WorkFilter) -> anyhow::Result<()> {
    if f.year.is_none() {
        return Err(crate::invalid!(
            "缺少必填项：--year（统计哪一年的出席情况）",
            "missing required values: --year (the year to count attendance in)"
        ));
    }
    let rows = ctx.read(|conn| {
        let s = scope(conn, ctx, f, &ACTIVITY_KIND)?;
        let (sql, params) = attendance_sql(&s, &date::iso(ctx.today()));
        let columns = vec![
            col("code", "编码", "code", Kind::Text),
            col("name", "姓名", "name", Kind::Text),
            col("panels", "所在顾问团", "panels", Kind::Text),
            col("activities", "活动数", "activities", Kind::Int),
            col("attended", "出席", "attended", Kind::Int),
            col("excused", "请假", "excused", Kind::Int),
            col("absent", "无故缺席", "unexcused absences", Kind::Int),
            col("invited", "待登记", "not yet recorded", Kind::Int),
        ];
        RowSet::query(
            conn,
            columns,
            &sql,
            rusqlite::params_from_iter(params.iter()),
        )
    })?;
    print_rows(&ctx.env, &rows)
}

#[cfg(test)]
#[path = "read_tests.rs"]
pub(crate) mod tests;
