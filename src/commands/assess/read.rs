//! Reading assessments: a run's results (`show`, and after `run`), one
//! advisor's explanation (`explain`), and a term summary (`term`).

use rusqlite::{Connection, params};
use serde_json::Value;

use super::year;
use crate::cli::assess::{AdvisorYearArgs, YearArgs};
use crate::context::Ctx;
use crate::i18n::pick;
use crate::input::{date, money, resolve};
use crate::labels::{ACTIVITY_KIND, ADVICE_STATUS, ASSESS_STATE, ATTENDANCE, GRADE};
use crate::output::{Cell, Doc, Kind, RowSet, col, print_doc};
use crate::store::assess as store;

fn results(conn: &Connection, run_id: i64) -> anyhow::Result<RowSet> {
    RowSet::query(
        conn,
        vec![
            col("code", "编码", "code", Kind::Text),
            col("name", "姓名", "name", Kind::Text),
            col("served_days", "在任天数", "days served", Kind::Int),
            col("points", "得分", "points", Kind::Float),
            col("prelim_grade", "初评等次", "preliminary grade", Kind::Enum(&GRADE)),
            col("grade", "等次", "grade", Kind::Enum(&GRADE)),
            col("grade_reason", "调整理由", "decision", Kind::Text),
            col("subsidy", "工作补贴", "subsidy", Kind::Money),
            col("missed", "未达要求", "requirements missed", Kind::Int),
            col("state", "状态", "state", Kind::Enum(&ASSESS_STATE)),
        ],
        "SELECT a.code, a.name, s.served_days, s.points, s.prelim_grade, s.grade,
                COALESCE(s.grade_reason, s.quota_note), s.subsidy_fen,
                (SELECT count(*) FROM json_each(s.requirements, '$.requirements') j WHERE json_extract(j.value, '$.met') = 0),
                s.state
         FROM assessments s JOIN advisors a ON a.id = s.advisor_id WHERE s.run_id = ?1 ORDER BY a.code",
        [run_id],
    )
}

fn run_doc(conn: &Connection, run_id: i64) -> anyhow::Result<Doc> {
    let (year, name, sha, state, run_at, assessed, total, excellent): (i64, String, String, String, String, i64, i64, i64) = conn.query_row(
        "SELECT r.year, r.rules_name, r.rules_sha256, r.state, r.run_at, count(s.id), IFNULL(sum(s.subsidy_fen), 0),
                IFNULL(sum(s.grade = 'excellent'), 0)
         FROM assess_runs r LEFT JOIN assessments s ON s.run_id = r.id WHERE r.id = ?1",
        [run_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
    )?;
    let state = ASSESS_STATE.label(&state);
    let total = money::grouped(total);
    let short = &sha[..12.min(sha.len())];
    let summary = vec![
        crate::tr!(
            "{year} 年度考核（#{run_id}，{state}）：规则“{name}”（SHA-256 {short}…），{run_at} 计算",
            "{year} assessment (run #{run_id}, {state}): rules \"{name}\" (SHA-256 {short}…), computed {run_at}"
        ),
        crate::tr!(
            "考核 {assessed} 人，优秀 {excellent} 人，补贴合计 {total} 元",
            "{assessed} assessed, {excellent} excellent, subsidies {total} yuan in all"
        ),
    ];
    let candidates = RowSet::query(
        conn,
        vec![
            col("code", "编码", "code", Kind::Text),
            col("name", "姓名", "name", Kind::Text),
            col("evidence", "依据（第十二条第三项）", "evidence (seed 001 art. 12(3))", Kind::Text),
        ],
        "SELECT a.code, a.name, s.dismissal_candidate FROM assessments s JOIN advisors a ON a.id = s.advisor_id
         WHERE s.run_id = ?1 AND s.dismissal_candidate IS NOT NULL ORDER BY a.code",
        [run_id],
    )?;
    Ok(Doc::default()
        .lines("run", ("考核", "Assessment"), summary)
        .table("results", ("结果", "Results"), results(conn, run_id)?)
        .table("dismissal_candidates", ("拟解聘情形（供研究，不自动解聘）", "Dismissal candidates (for the office to decide; nobody is dismissed automatically)"), candidates))
}

pub(crate) fn print_run(ctx: &Ctx, run_id: i64) -> anyhow::Result<()> {
    let doc = ctx.read(|conn| run_doc(conn, run_id))?;
    print_doc(&ctx.env, &doc)
}

pub fn show(ctx: &Ctx, args: &YearArgs) -> anyhow::Result<()> {
    let year = year(ctx, args.year.as_deref())?;
    let doc = ctx.read(|conn| {
        let panel = args.panel.as_deref().map(|p| resolve::panel(conn, &ctx.env, "--panel", p)).transpose()?.map(|p| p.id);
        let Some((run_id, _)) = store::current_run(conn, year, panel)? else {
            return Err(crate::invalid!(
                "{year} 年度尚未考核；请先运行 roster assess run --year {year} --rules 规则文件",
                "no assessment for {year} yet; run `roster assess run --year {year} --rules FILE` first",
            ));
        };
        run_doc(conn, run_id)
    })?;
    print_doc(&ctx.env, &doc)
}

fn count_label(count: &str) -> &'static str {
    match count {
        "attended" => pick("出席", "attended"),
        "excused" => pick("请假", "excused"),
        "absent" => pick("无故缺席", "absent"),
        "advice_submitted" => pick("提交意见建议", "advice submitted"),
        "advice_adopted" => pick("被采纳", "advice adopted"),
        "advice_implemented" => pick("已落实", "advice implemented"),
        _ => pick("领导批示", "advice endorsed"),
    }
}

/// One stored result, as `explain` reads it.
struct Stored {
    served: i64,
    points: f64,
    prelim: String,
    grade: String,
    reason: Option<String>,
    quota: Option<String>,
    subsidy: i64,
    note: Option<String>,
    adjust_reason: Option<String>,
    dismissal: Option<String>,
    metrics: String,
    requirements: String,
    rules: String,
    sha: String,
    state: String,
}

pub fn explain(ctx: &Ctx, args: &AdvisorYearArgs) -> anyhow::Result<()> {
    let year = year(ctx, args.year.as_deref())?;
    let doc = ctx.read(|conn| {
        let advisor = resolve::advisor(conn, &ctx.env, "ADVISOR", &args.advisor)?;
        let Some((id, run_id, _)) = store::current_result(conn, advisor.id, year)? else {
            let name = &advisor.name;
            return Err(crate::invalid!("{name} 没有 {year} 年度的考核结果", "{name} has no {year} assessment"));
        };
        let stored = conn.query_row(
            "SELECT s.served_days, s.points, s.prelim_grade, s.grade, s.grade_reason, s.quota_note, s.subsidy_fen, s.subsidy_note,
                    s.adjust_reason, s.dismissal_candidate, s.metrics, s.requirements, r.rules_name, r.rules_sha256, s.state
             FROM assessments s JOIN assess_runs r ON r.id = s.run_id WHERE s.id = ?1",
            [id],
            |r| {
                Ok(Stored {
                    served: r.get(0)?,
                    points: r.get(1)?,
                    prelim: r.get(2)?,
                    grade: r.get(3)?,
                    reason: r.get(4)?,
                    quota: r.get(5)?,
                    subsidy: r.get(6)?,
                    note: r.get(7)?,
                    adjust_reason: r.get(8)?,
                    dismissal: r.get(9)?,
                    metrics: r.get(10)?,
                    requirements: r.get(11)?,
                    rules: r.get(12)?,
                    sha: r.get(13)?,
                    state: r.get(14)?,
                })
            },
        )?;
        let Stored { served, points, prelim, grade, reason, quota, subsidy, note, adjust_reason, dismissal, metrics, requirements, rules, sha, state } = stored;
        let record = vec![
            col("advisor", "专家", "advisor", Kind::Text),
            col("year", "年度", "year", Kind::Int),
            col("run", "考核批次", "run", Kind::Int),
            col("rules", "规则", "rules", Kind::Text),
            col("state", "状态", "state", Kind::Enum(&ASSESS_STATE)),
            col("served_days", "在任天数", "days served", Kind::Int),
            col("points", "得分", "points", Kind::Float),
            col("prelim_grade", "初评等次", "preliminary grade", Kind::Enum(&GRADE)),
            col("grade", "确定等次", "grade", Kind::Enum(&GRADE)),
            col("subsidy", "工作补贴", "subsidy", Kind::Money),
        ];
        let cells: Vec<Cell> = vec![
            format!("{} {}", advisor.code, advisor.name).into(),
            i64::from(year).into(),
            run_id.into(),
            format!("{rules} ({})", &sha[..12.min(sha.len())]).into(),
            state.into(),
            served.into(),
            points.into(),
            prelim.clone().into(),
            grade.clone().into(),
            subsidy.into(),
        ];
        let metrics: Value = serde_json::from_str(&metrics)?;
        let mut metric_rows = RowSet::new(vec![
            col("metric", "指标", "metric", Kind::Text),
            col("kind", "类型", "kind", Kind::Text),
            col("h1", "上半年", "H1", Kind::Int),
            col("h2", "下半年", "H2", Kind::Int),
            col("year_end", "其中年底", "of which Nov–Dec", Kind::Int),
        ]);
        if let Value::Object(counts) = &metrics {
            for (count, kinds) in counts {
                if let Value::Object(kinds) = kinds {
                    for (kind, t) in kinds {
                        let n = |i: usize| t.get(i).and_then(Value::as_i64).unwrap_or(0);
                        let kind = if kind.is_empty() { String::new() } else { ACTIVITY_KIND.label(kind) };
                        metric_rows.push(vec![count_label(count).into(), kind.into(), n(0).into(), n(1).into(), n(2).into()]);
                    }
                }
            }
        }
        let (first, last) = (format!("{year}-01-01"), format!("{year}-12-31"));
        let records = RowSet::query(
            conn,
            vec![
                col("date", "日期", "date", Kind::Date),
                col("record", "记录", "record", Kind::Text),
                col("kind", "类型", "kind", Kind::Text),
                col("what", "内容", "what", Kind::Text),
                col("outcome", "情况", "outcome", Kind::Text),
            ],
            "SELECT ac.on_date, 'activity #' || ac.id, ac.kind, ac.topic, pa.attendance
               FROM participants pa JOIN activities ac ON ac.id = pa.activity_id
              WHERE pa.advisor_id = ?1 AND ac.on_date BETWEEN ?2 AND ?3 AND ac.voided_at IS NULL AND pa.attendance <> 'invited'
             UNION ALL
             SELECT ad.on_date, 'advice #' || ad.id, 'advice', ad.title,
                    ad.status || CASE WHEN ad.endorsed_on IS NOT NULL THEN ' +endorsed' ELSE '' END
               FROM advice_advisors aa JOIN advice ad ON ad.id = aa.advice_id
              WHERE aa.advisor_id = ?1 AND ad.on_date BETWEEN ?2 AND ?3 AND ad.voided_at IS NULL
             ORDER BY 1, 2",
            params![advisor.id, first, last],
        )?;
        let records = localize_records(records);
        let detail: Value = serde_json::from_str(&requirements)?;
        let mut reqs = RowSet::new(vec![
            col("requirement", "要求", "requirement", Kind::Text),
            col("met", "达到", "met", Kind::Bool),
            col("detail", "实际", "actual", Kind::Text),
        ]);
        for r in detail["requirements"].as_array().into_iter().flatten() {
            reqs.push(vec![
                r["label"].as_str().unwrap_or("").into(),
                r["met"].as_bool().unwrap_or(false).into(),
                r["detail"].as_str().unwrap_or("").into(),
            ]);
        }
        let mut points_rows = RowSet::new(vec![
            col("rule", "计分项", "rule", Kind::Text),
            col("count", "次数", "count", Kind::Int),
            col("each", "每项", "each", Kind::Float),
            col("points", "得分", "points", Kind::Float),
        ]);
        for p in detail["points"].as_array().into_iter().flatten() {
            points_rows.push(vec![
                p["label"].as_str().unwrap_or("").into(),
                p["count"].as_i64().unwrap_or(0).into(),
                p["each"].as_f64().unwrap_or(0.0).into(),
                p["points"].as_f64().unwrap_or(0.0).into(),
            ]);
        }
        let mut why: Vec<String> = detail["reasons"].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)).collect();
        let prelim_label = GRADE.label(&prelim);
        why.push(crate::tr!("初评等次：{prelim_label}", "preliminary grade: {prelim_label}"));
        if let Some(q) = quota {
            why.push(q);
        }
        if let Some(r) = reason {
            let g = GRADE.label(&grade);
            why.push(crate::tr!("确定机关评定为{g}：{r}", "the confirming authority graded {g}: {r}"));
        }
        if let Some(n) = note {
            why.push(crate::tr!("补贴：{n}", "subsidy: {n}"));
        }
        if let Some(r) = adjust_reason {
            why.push(crate::tr!("特殊贡献调整：{r}", "special-contribution adjustment: {r}"));
        }
        if let Some(d) = dismissal {
            why.push(crate::tr!("拟解聘情形（第十二条第三项，供研究）：{d}", "dismissal candidate (seed 001 art. 12(3), for the office to decide): {d}"));
        }
        Ok(Doc::default()
            .record("assessment", record, cells)
            .table("metrics", ("指标", "Metrics"), metric_rows)
            .table("records", ("计入的记录", "Records counted"), records)
            .table("requirements", ("年度要求", "Requirements"), reqs)
            .table("points", ("得分明细", "Points by rule"), points_rows)
            .lines("why", ("等次与补贴的由来", "Why this grade and subsidy"), why))
    })?;
    print_doc(&ctx.env, &doc)
}

/// Shows the kinds and outcomes of explained records in the user's language.
fn localize_records(mut rows: RowSet) -> RowSet {
    for row in &mut rows.rows {
        if let Cell::Text(kind) = &row[2] {
            row[2] = if kind == "advice" {
                pick("意见建议", "advice").into()
            } else {
                ACTIVITY_KIND.label(kind).into()
            };
        }
        if let Cell::Text(outcome) = &row[4] {
            let (status, endorsed) = match outcome.strip_suffix(" +endorsed") {
                Some(s) => (s.to_string(), true),
                None => (outcome.clone(), false),
            };
            let label = if ATTENDANCE.codes().any(|c| c == status) {
                ATTENDANCE.label(&status)
            } else {
                ADVICE_STATUS.label(&status)
            };
            row[4] = if endorsed {
                format!("{label} + {}", pick("领导批示", "endorsed"))
            } else {
                label
            }
            .into();
        }
    }
    rows
}

/// Term evaluation (seed 002 part 8): every year of an appointment's term.
pub fn term(ctx: &Ctx, appointment_id: i64) -> anyhow::Result<()> {
    let doc = ctx.read(|conn| {
        let a = crate::store::appointment::get(conn, appointment_id)?;
        let (Some(start), Some(end)) = (a.term_start.clone(), a.term_end.clone()) else {
            return Err(crate::refused!(
                "聘任 #{appointment_id} 尚未聘任，没有聘期可评估",
                "appointment #{appointment_id} has not been appointed; there is no term to evaluate",
            ));
        };
        let advisor = crate::store::advisor::get(conn, a.advisor_id)?;
        let last = a.ended_on.as_deref().and_then(date::parse_plain).and_then(|d| d.pred_opt()).map(date::iso).unwrap_or(end.clone());
        let due = date::from_db(&end)?.checked_sub_months(chrono::Months::new(1)).map(date::iso).unwrap_or(end.clone());
        let years = RowSet::query(
            conn,
            vec![
                col("year", "年度", "year", Kind::Int),
                col("grade", "考核等次", "grade", Kind::Enum(&GRADE)),
                col("points", "得分", "points", Kind::Float),
                col("attended", "出席活动", "activities attended", Kind::Int),
                col("absent", "无故缺席", "unexcused absences", Kind::Int),
                col("advice", "意见建议", "advice", Kind::Int),
                col("adopted", "被采纳", "adopted", Kind::Int),
            ],
            "WITH RECURSIVE y(year) AS (SELECT CAST(substr(?2, 1, 4) AS INTEGER)
                 UNION ALL SELECT year + 1 FROM y WHERE year < CAST(substr(?3, 1, 4) AS INTEGER))
             SELECT y.year,
                (SELECT s.grade FROM assessments s WHERE s.advisor_id = ?1 AND s.year = y.year AND s.state <> 'superseded'
                  ORDER BY s.state = 'confirmed' DESC, s.id DESC LIMIT 1),
                (SELECT s.points FROM assessments s WHERE s.advisor_id = ?1 AND s.year = y.year AND s.state <> 'superseded'
                  ORDER BY s.state = 'confirmed' DESC, s.id DESC LIMIT 1),
                (SELECT count(*) FROM participants pa JOIN activities ac ON ac.id = pa.activity_id WHERE pa.advisor_id = ?1
                  AND pa.attendance = 'attended' AND ac.voided_at IS NULL AND ac.on_date BETWEEN max(?2, y.year || '-01-01') AND min(?3, y.year || '-12-31')),
                (SELECT count(*) FROM participants pa JOIN activities ac ON ac.id = pa.activity_id WHERE pa.advisor_id = ?1
                  AND pa.attendance = 'absent' AND ac.voided_at IS NULL AND ac.on_date BETWEEN max(?2, y.year || '-01-01') AND min(?3, y.year || '-12-31')),
                (SELECT count(*) FROM advice_advisors aa JOIN advice ad ON ad.id = aa.advice_id WHERE aa.advisor_id = ?1
                  AND ad.voided_at IS NULL AND ad.on_date BETWEEN max(?2, y.year || '-01-01') AND min(?3, y.year || '-12-31')),
                (SELECT count(*) FROM advice_advisors aa JOIN advice ad ON ad.id = aa.advice_id WHERE aa.advisor_id = ?1
                  AND ad.voided_at IS NULL AND ad.status IN ('adopted','partly_adopted','implemented')
                  AND ad.on_date BETWEEN max(?2, y.year || '-01-01') AND min(?3, y.year || '-12-31'))
             FROM y ORDER BY y.year",
            params![a.advisor_id, start, last],
        )?;
        let work = RowSet::query(
            conn,
            vec![
                col("date", "日期", "date", Kind::Date),
                col("kind", "类型", "kind", Kind::Enum(&ACTIVITY_KIND)),
                col("topic", "主题", "topic", Kind::Text),
                col("result", "成果", "result", Kind::Text),
            ],
            "SELECT ac.on_date, ac.kind, ac.topic, ac.result FROM participants pa JOIN activities ac ON ac.id = pa.activity_id
             WHERE pa.advisor_id = ?1 AND pa.attendance = 'attended' AND ac.voided_at IS NULL AND ac.on_date BETWEEN ?2 AND ?3
             ORDER BY ac.on_date",
            params![a.advisor_id, start, last],
        )?;
        let adopted = RowSet::query(
            conn,
            vec![
                col("date", "日期", "date", Kind::Date),
                col("title", "意见建议", "advice", Kind::Text),
                col("status", "办理状态", "status", Kind::Enum(&ADVICE_STATUS)),
                col("endorsed_by", "批示领导", "endorsed by", Kind::Text),
            ],
            "SELECT ad.on_date, ad.title, ad.status, ad.endorsed_by FROM advice_advisors aa JOIN advice ad ON ad.id = aa.advice_id
             WHERE aa.advisor_id = ?1 AND ad.voided_at IS NULL AND ad.status IN ('adopted','partly_adopted','implemented')
               AND ad.on_date BETWEEN ?2 AND ?3 ORDER BY ad.on_date",
            params![a.advisor_id, start, last],
        )?;
        let (code, name) = (&advisor.code, &advisor.name);
        let head = vec![
            crate::tr!("{name}（{code}）聘任 #{appointment_id}，聘期 {start} 至 {end}", "{name} ({code}), appointment #{appointment_id}, term {start} to {end}"),
            crate::tr!("任期评估应于 {due} 前完成（任期结束前一个月，seed 002 第八部分）", "the term evaluation is due by {due} (one month before the term ends, seed 002 part 8)"),
        ];
        Ok(Doc::default()
            .lines("term", ("任期评估", "Term evaluation"), head)
            .table("years", ("各年度", "Year by year"), years)
            .table("work", ("履职活动", "Work done"), work)
            .table("adopted", ("被采纳的意见建议", "Advice adopted"), adopted))
    })?;
    print_doc(&ctx.env, &doc)
}
