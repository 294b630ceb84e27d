//! Reading appointments: `list`, `show` with the step history, and the
//! yearly roster adjustment (`review --year`, seed 004 part 2).

use rusqlite::params;
use rusqlite::types::Value;

use crate::cli::appointment::ListArgs;
use crate::context::{Ctx, Env};
use crate::domain::lifecycle;
use crate::input::{date, resolve};
use crate::labels::{APPOINTMENT_STATUS, DISMISSAL_GROUND, GRADE, ROLE, SOURCE, STEP_EVENT};
use crate::output::{Cell, Doc, Kind, RowSet, col, print_doc, print_rows};
use crate::store::appointment::awaiting_rereview_expr;
use crate::store::{Filter, serving_condition, status_expr, text};

/// `list`'s filters as a WHERE clause over `appointments ap`; its first
/// parameter (`?1`) is the day the status is read on (today, or
/// `--as-of`), for `status_expr("ap", "?1")`. Shared with the
/// appointments export.
pub(crate) fn list_filter(
    conn: &rusqlite::Connection,
    env: &Env,
    args: &ListArgs,
) -> anyhow::Result<Filter> {
    let today = date::iso(env.today);
    // With --as-of the status is the one on that day (serving then, though
    // dismissed since).
    let on = match args.as_of.as_deref() {
        Some(given) => date::iso(date::parse("--as-of", given, env.today)?),
        None => today.clone(),
    };
    let status = status_expr("ap", "?1");
    let mut filter = Filter::default();
    filter.add("1 = 1", [text(on)]);
    if let Some(panel) = &args.panel {
        let panel = resolve::panel(conn, env, "--panel", panel)?;
        filter.add("ap.panel_id = ?", [Value::Integer(panel.id)]);
    }
    if let Some(advisor) = &args.advisor {
        let advisor = resolve::advisor(conn, env, "--advisor", advisor)?;
        filter.add("ap.advisor_id = ?", [Value::Integer(advisor.id)]);
    }
    if let Some(state) = &args.state {
        if matches!(state.trim(), "open" | "在办" | "程序中") {
            filter.add(
                "ap.state IN ('nominated','vetted','checked','reviewed','approved','publicized')",
                [],
            );
        } else {
            filter.add(
                format!("({status}) = ?"),
                [text(APPOINTMENT_STATUS.parse("--state", state)?)],
            );
        }
    }
    if let Some(within) = &args.expiring_within {
        let n = super::super::days("--expiring-within", within)?;
        let last = date::iso(env.today + chrono::Days::new(n as u64));
        filter.add(
            "ap.state = 'appointed' AND ap.term_end >= ? AND ap.term_end <= ?",
            [text(today.clone()), text(last)],
        );
    }
    if let Some(given) = args.as_of.as_deref() {
        let as_of = date::iso(date::parse("--as-of", given, env.today)?);
        filter.add(
            serving_condition("ap"),
            [text(as_of.clone()), text(as_of.clone()), text(as_of)],
        );
    }
    Ok(filter)
}

pub fn list(ctx: &Ctx, args: &ListArgs) -> anyhow::Result<()> {
    let status = status_expr("ap", "?1");
    let rows = ctx.read(|conn| {
        let filter = list_filter(conn, &ctx.env, args)?;
        let sql = format!(
            "SELECT ap.id, a.code, a.name, p.code, ap.role, {status}, CASE WHEN {objected} THEN 1 END,
                    CASE WHEN ap.state = 'dismissed' THEN ap.dismissal_ground END,
                    ap.nominated_on, ap.term_start, ap.term_end,
                    ap.certificate_no,
                    (SELECT nx.id FROM appointments nx WHERE nx.previous_id = ap.id AND nx.state <> 'rejected')
             FROM appointments ap JOIN advisors a ON a.id = ap.advisor_id JOIN panels p ON p.id = ap.panel_id
             {} ORDER BY p.id, ap.term_end IS NULL, ap.term_end, a.code, ap.id",
            filter.sql(),
            objected = awaiting_rereview_expr("ap"),
        );
        let columns = vec![
            col("id", "聘任编号", "appointment", Kind::Int),
            col("advisor_code", "专家编码", "advisor code", Kind::Text),
            col("advisor", "姓名", "advisor", Kind::Text),
            col("panel", "顾问团", "panel", Kind::Text),
            col("role", "职务", "role", Kind::Enum(&ROLE)),
            col("status", "状态", "status", Kind::Enum(&APPOINTMENT_STATUS)),
            // The state stays the step before the review; this says why.
            col("awaiting_rereview", "异议待复核", "objection: re-review", Kind::Bool),
            // Why a term ended early: 调离 and 违纪违法 both read 解聘 above.
            col("ground", "解聘情形", "dismissal ground", Kind::Enum(&DISMISSAL_GROUND)),
            col("nominated_on", "推荐日期", "nominated", Kind::Date),
            col("term_start", "聘期起", "term start", Kind::Date),
            col("term_end", "聘期止", "term end", Kind::Date),
            col("certificate_no", "聘书编号", "certificate", Kind::Text),
            col("renewal", "续聘记录", "renewal", Kind::Int),
        ];
        RowSet::query(conn, columns, &sql, rusqlite::params_from_iter(filter.params.iter()))
    })?;
    print_rows(&ctx.env, &rows)
}

pub fn show(ctx: &Ctx, id: i64) -> anyhow::Result<()> {
    let today = date::iso(ctx.today());
    let doc = ctx.read(|conn| {
        let a = crate::store::appointment::get(conn, id)?;
        let advisor = crate::store::advisor::get(conn, a.advisor_id)?;
        let panel = crate::store::panel::get(conn, a.panel_id)?;
        let status: String =
            conn.query_row(&format!("SELECT {} FROM appointments ap WHERE ap.id = ?1", status_expr("ap", "?2")), params![id, today], |r| r.get(0))?;
        let successor = crate::store::appointment::successor(conn, id)?.map(|(n, _)| n);
        let columns = vec![
            col("id", "聘任编号", "appointment", Kind::Int),
            col("advisor", "专家", "advisor", Kind::Text),
            col("panel", "顾问团", "panel", Kind::Text),
            col("role", "职务", "role", Kind::Enum(&ROLE)),
            col("status", "状态", "status", Kind::Enum(&APPOINTMENT_STATUS)),
            col("source", "推荐方式", "source", Kind::Enum(&SOURCE)),
            col("nominated_by", "推荐人/单位", "nominated by", Kind::Text),
            col("nominated_on", "推荐日期", "nominated on", Kind::Date),
            col("work_plan", "工作方案", "work plan", Kind::Text),
            col("notice_start", "公示开始", "notice start", Kind::Date),
            col("notice_end", "公示截止", "notice end", Kind::Date),
            col("certificate_no", "聘书编号", "certificate", Kind::Text),
            col("agreement_date", "协议签订日期", "agreement date", Kind::Date),
            col("term_start", "聘期起", "term start", Kind::Date),
            col("term_end", "聘期止", "term end", Kind::Date),
            col("exemption", "资格豁免理由", "exemption", Kind::Text),
            col("previous_id", "前一聘期", "previous term", Kind::Int),
            col("next_id", "续聘记录", "renewal", Kind::Int),
            col("ended_on", "终止日期", "ended on", Kind::Date),
            col("dismissal_ground", "解聘情形", "dismissal ground", Kind::Enum(&DISMISSAL_GROUND)),
            col("resign_request_date", "辞职申请日期", "resignation request", Kind::Date),
            col("certificate_returned", "已收回聘书", "certificate returned", Kind::Bool),
            col("reject_reason", "未通过原因", "rejection reason", Kind::Text),
        ];
        let cells: Vec<Cell> = vec![
            a.id.into(),
            format!("{} {}", advisor.code, advisor.name).into(),
            panel.name.clone().into(),
            a.role.clone().into(),
            status.clone().into(),
            a.source.clone().into(),
            a.nominated_by.clone().into(),
            a.nominated_on.clone().into(),
            a.work_plan.clone().into(),
            a.notice_start.clone().into(),
            a.notice_end.clone().into(),
            a.certificate_no.clone().into(),
            a.agreement_date.clone().into(),
            a.term_start.clone().into(),
            a.term_end.clone().into(),
            a.exemption.clone().into(),
            a.previous_id.into(),
            successor.into(),
            a.ended_on.clone().into(),
            a.dismissal_ground.clone().into(),
            a.resign_request_date.clone().into(),
            a.certificate_returned.into(),
            a.reject_reason.clone().into(),
        ];
        let steps = RowSet::query(
            conn,
            vec![
                col("step", "步骤", "step", Kind::Enum(&STEP_EVENT)),
                col("on_date", "日期", "date", Kind::Date),
                col("operator", "经办人", "operator", Kind::Text),
                col("reference", "依据", "reference", Kind::Text),
                col("note", "备注", "note", Kind::Text),
            ],
            "SELECT step, on_date, operator, reference, note FROM appointment_steps WHERE appointment_id = ?1 ORDER BY id",
            [id],
        )?;
        let objected = crate::store::appointment::awaiting_rereview(conn, id)?;
        let next = lifecycle::allowed_next(&a.state, &lifecycle::pipeline(&panel.steps));
        let next_line = if status == "expired" {
            crate::tr!("聘期已届满，聘任关系自行解除（开州区办法第七条）", "the term has expired; the relation ended by itself (seed 000 art. 7)")
        } else if next.is_empty() {
            crate::tr!("已结束", "ended")
        } else {
            // During the public notice an appointment waits for its end
            // (seed 001 art. 4(6)): say from when, rather than offer it.
            let today = crate::input::date::iso(ctx.today());
            let waiting = a.notice_end.as_deref().filter(|end| a.state == "publicized" && *end >= today.as_str());
            let list = next
                .iter()
                .filter(|v| waiting.is_none() || **v != "appoint")
                .map(|v| format!("roster appointment {v} {id}"))
                .collect::<Vec<_>>()
                .join(" | ");
            match waiting {
                Some(end) => {
                    let from = crate::input::date::from_db(end)?.succ_opt().map(crate::input::date::iso).unwrap_or_default();
                    crate::tr!(
                        "公示至 {end}，{from} 起可聘任（roster appointment appoint {id}）；公示期间可办理：{list}",
                        "the public notice runs to {end}; appointment from {from} (roster appointment appoint {id}); meanwhile: {list}"
                    )
                }
                None => crate::tr!("下一步：{list}", "next: {list}"),
            }
        };
        let mut lines = vec![next_line];
        if objected {
            // The stored state is the step before the review (e.g. 背调);
            // the clerk is told the nomination waits for its re-review.
            let here = APPOINTMENT_STATUS.label(&a.state);
            lines.insert(0, crate::tr!(
                "公示异议，待复核：公示期间有异议，已退回重新审核（记录停在“{here}”）；请重新记录审核，再审定并重新公示",
                "objection: awaiting re-review — an objection during the public notice sent it back (the record stands at \"{here}\"); record the review again, then approval and a new notice"
            ));
        }
        Ok(Doc::default()
            .record("appointment", columns, cells)
            .table("steps", ("办理经过", "Steps"), steps)
            .lines("next", ("可办理", "What can be done"), lines))
    })?;
    print_doc(&ctx.env, &doc)
}

/// Every advisor who served during `year` with what the year shows.
pub fn year_review(ctx: &Ctx, year: &str, panel: Option<&str>) -> anyhow::Result<()> {
    let year = date::parse_year("--year", year)?;
    let (first, last) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let rows = ctx.read(|conn| {
        let panel_id = panel.map(|p| resolve::panel(conn, &ctx.env, "--panel", p)).transpose()?.map(|f| f.id);
        // One pass per kind of record over the year, grouped by advisor
        // (not a subquery per advisor), so a province-sized year stays fast.
        let sql = format!(
            "WITH subject AS (
                SELECT ap.id, ap.advisor_id, ap.panel_id, ap.role, ap.term_end, {status} AS status
                FROM appointments ap
                WHERE ap.state IN ('appointed','dismissed','resigned') AND ap.term_start <= ?2 AND ap.term_end >= ?1
                  AND (ap.ended_on IS NULL OR ap.ended_on > ?1) AND (?3 IS NULL OR ap.panel_id = ?3)),
             work AS (
                SELECT pa.advisor_id, sum(pa.attendance = 'attended') AS attended, sum(pa.attendance = 'absent') AS absent
                FROM participants pa JOIN activities ac ON ac.id = pa.activity_id
                WHERE pa.advisor_id IN (SELECT advisor_id FROM subject) AND pa.voided_at IS NULL
                  AND ac.voided_at IS NULL AND ac.on_date BETWEEN ?1 AND ?2
                GROUP BY pa.advisor_id),
             given AS (
                SELECT aa.advisor_id, count(*) AS advice,
                       sum(ad.status IN ('adopted','partly_adopted','implemented')) AS adopted
                FROM advice_advisors aa JOIN advice ad ON ad.id = aa.advice_id
                WHERE aa.advisor_id IN (SELECT advisor_id FROM subject) AND ad.voided_at IS NULL
                  AND ad.on_date BETWEEN ?1 AND ?2
                GROUP BY aa.advisor_id),
             reached AS (
                SELECT ca.advisor_id, count(*) AS contacts
                FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id
                WHERE ca.advisor_id IN (SELECT advisor_id FROM subject) AND c.voided_at IS NULL
                  AND c.kind <> 'report' -- 五报告 are sent in by the advisor's unit, not contacts
                  AND c.on_date BETWEEN ?1 AND ?2
                GROUP BY ca.advisor_id)
             SELECT p.code, a.code, a.name, s.role, s.term_end, s.status,
                IFNULL(w.attended, 0), IFNULL(w.absent, 0), IFNULL(g.advice, 0), IFNULL(g.adopted, 0),
                IFNULL(r.contacts, 0),
                (SELECT x.grade FROM assessments x WHERE x.advisor_id = a.id AND x.year = ?4 AND x.state <> 'superseded'
                  ORDER BY x.state = 'confirmed' DESC, x.id DESC LIMIT 1)
             FROM subject s JOIN advisors a ON a.id = s.advisor_id JOIN panels p ON p.id = s.panel_id
             LEFT JOIN work w ON w.advisor_id = s.advisor_id
             LEFT JOIN given g ON g.advisor_id = s.advisor_id
             LEFT JOIN reached r ON r.advisor_id = s.advisor_id
             ORDER BY p.id, a.code",
            status = status_expr("ap", "?2")
        );
        let columns = vec![
            col("panel", "顾问团", "panel", Kind::Text),
            col("code", "编码", "code", Kind::Text),
            col("name", "姓名", "name", Kind::Text),
            col("role", "职务", "role", Kind::Enum(&ROLE)),
            col("term_end", "聘期止", "term end", Kind::Date),
            col("status", "年末状态", "status at year end", Kind::Enum(&APPOINTMENT_STATUS)),
            col("attended", "出席活动", "activities attended", Kind::Int),
            col("absent", "无故缺席", "unexcused absences", Kind::Int),
            col("advice", "意见建议", "advice", Kind::Int),
            col("adopted", "被采纳", "adopted", Kind::Int),
            col("contacts", "联系服务", "contacts", Kind::Int),
            col("grade", "考核等次", "grade", Kind::Enum(&GRADE)),
        ];
        RowSet::query(conn, columns, &sql, params![first, last, panel_id, year])
    })?;
    print_rows(&ctx.env, &rows)
}
