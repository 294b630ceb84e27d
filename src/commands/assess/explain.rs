//! `assess explain`: one advisor's result, re-derived from what the run
//! stored — the metrics and the rule set — so it reads in the reader's
//! language and agrees with the numbers, with the records it counted.

use rusqlite::params;

use super::{left, load, notes, year};
use crate::cli::assess::AdvisorYearArgs;
use crate::context::Ctx;
use crate::domain::assess;
use crate::input::resolve;
use crate::labels::{
    ACTIVITY_KIND, ADVICE_EVENT, APPOINTMENT_STATE, ASSESS_COUNT, ASSESS_STATE, ATTENDANCE,
    CONTACT_KIND, Domain, GRADE, LEDGER_ENTRY,
};
use crate::output::{Cell, Doc, Kind, RowSet, col, print_doc};
use crate::store::assess as store;

/// A record's kind: an activity's, a contact's, or advice (a ledger entry).
static RECORD_KIND: [&Domain; 3] = [&ACTIVITY_KIND, &CONTACT_KIND, &LEDGER_ENTRY];
/// What a count is split by: an activity's kind or a contact's.
static COUNTED_KIND: [&Domain; 2] = [&ACTIVITY_KIND, &CONTACT_KIND];
/// A record's outcome: attendance, or the advice's status (and `endorsed`).
static RECORD_OUTCOME: [&Domain; 2] = [&ATTENDANCE, &ADVICE_EVENT];

/// One stored result, as `explain` reads it.
struct Stored {
    points: f64,
    prelim: String,
    grade: String,
    reason: Option<String>,
    quota: Option<String>,
    subsidy: i64,
    note: Option<String>,
    dismissal: Option<String>,
    metrics: String,
    rules_toml: String,
    rules: String,
    sha: String,
    state: String,
    /// The panel assessed (none: the whole office).
    panel_id: Option<i64>,
}

pub fn explain(ctx: &Ctx, args: &AdvisorYearArgs) -> anyhow::Result<()> {
    let year = year(ctx, args.year.as_deref())?;
    let doc = ctx.read(|conn| {
        let advisor = resolve::advisor(conn, &ctx.env, "ADVISOR", &args.advisor)?;
        let Some((id, run_id, _)) = store::current_result(conn, advisor.id, year)? else {
            // Seed 001 art. 16, seed 002 八（一）: who left during the year
            // by resignation or dismissal is not assessed; say so.
            if let Some(leaver) = left::left_out(conn, advisor.id, year)? {
                let record = vec![
                    col("advisor", "专家", "advisor", Kind::Text),
                    col("year", "年度", "year", Kind::Int),
                    col("how", "离任方式", "how they left", Kind::Enum(&APPOINTMENT_STATE)),
                    col("ended_on", "离任日期", "left on", Kind::Date),
                    col("panel", "顾问团", "panel", Kind::Text),
                    col("assessed", "参加考核", "assessed", Kind::Bool),
                ];
                let cells: Vec<Cell> = vec![
                    format!("{} {}", advisor.code, advisor.name).into(),
                    i64::from(year).into(),
                    leaver.how.clone().into(),
                    leaver.ended_on.clone().into(),
                    leaver.panel.clone().into(),
                    false.into(),
                ];
                return Ok(Doc::default().record("assessment", record, cells).lines(
                    "why",
                    ("不参加考核的原因", "Why not assessed"),
                    vec![left::sentence(&leaver, year)],
                ));
            }
            let name = &advisor.name;
            return Err(crate::invalid!("{name} 没有 {year} 年度的考核结果", "{name} has no {year} assessment"));
        };
        let s = conn.query_row(
            "SELECT s.points, s.prelim_grade, s.grade, s.grade_reason, s.quota_note, s.subsidy_fen, s.subsidy_note,
                    s.dismissal_candidate, s.metrics, r.rules_toml, r.rules_name, r.rules_sha256, s.state, r.panel_id
             FROM assessments s JOIN assess_runs r ON r.id = s.run_id WHERE s.id = ?1",
            [id],
            |r| {
                Ok(Stored {
                    points: r.get(0)?,
                    prelim: r.get(1)?,
                    grade: r.get(2)?,
                    reason: r.get(3)?,
                    quota: r.get(4)?,
                    subsidy: r.get(5)?,
                    note: r.get(6)?,
                    dismissal: r.get(7)?,
                    metrics: r.get(8)?,
                    rules_toml: r.get(9)?,
                    rules: r.get(10)?,
                    sha: r.get(11)?,
                    state: r.get(12)?,
                    panel_id: r.get(13)?,
                })
            },
        )?;
        let rules = assess::parse(&s.rules_toml).map_err(|e| anyhow::anyhow!("stored rules of run #{run_id}: {e}"))?;
        let metrics: serde_json::Value = serde_json::from_str(&s.metrics)?;
        let subject = load::subject_from_json(advisor.id, &advisor.code, &metrics);
        let outcome = assess::score::score(&subject, &rules);
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
            format!("{} ({})", s.rules, &s.sha[..12.min(s.sha.len())]).into(),
            s.state.clone().into(),
            subject.served_days.into(),
            s.points.into(),
            s.prelim.clone().into(),
            s.grade.clone().into(),
            s.subsidy.into(),
        ];
        let mut metric_rows = RowSet::new(vec![
            col("metric", "指标", "metric", Kind::Enum(&ASSESS_COUNT)),
            col("kind", "类型", "kind", Kind::EnumOf(&COUNTED_KIND)),
            col("h1", "上半年", "H1", Kind::Int),
            col("h2", "下半年", "H2", Kind::Int),
            col("year_end", "其中年底", "of which Nov–Dec", Kind::Int),
        ]);
        for ((count, kind), t) in &subject.counts {
            let kind = Some(kind.clone()).filter(|k| !k.is_empty());
            metric_rows.push(vec![count.clone().into(), kind.into(), t.h1.into(), t.h2.into(), t.year_end.into()]);
        }
        // As the run counted them (`load::subjects`): a guest's
        // participations, and every record of one whose term ended early
        // in the year, only when dated in the days in office.
        let ended_early = super::service::service(conn, year, s.panel_id)?
            .get(&advisor.id)
            .is_some_and(|served| served.ended_early);
        let records = records(conn, advisor.id, year, s.panel_id, rules.counts("contacts"), ended_early)?;
        let mut requirements = RowSet::new(vec![
            col("requirement", "要求", "requirement", Kind::Text),
            col("met", "达到", "met", Kind::Bool),
            col("detail", "实际", "actual", Kind::Text),
        ]);
        for r in &outcome.requirements {
            requirements.push(vec![r.label.clone().into(), r.met.into(), r.detail.clone().into()]);
        }
        let mut points = RowSet::new(vec![
            col("rule", "计分项", "rule", Kind::Text),
            col("count", "次数", "count", Kind::Int),
            col("each", "每项", "each", Kind::Float),
            col("points", "得分", "points", Kind::Float),
        ]);
        for p in &outcome.points_lines {
            points.push(vec![p.label.clone().into(), p.count.into(), p.each.into(), p.points.into()]);
        }
        let mut why = outcome.grade_reasons.clone();
        let prelim = GRADE.label(&s.prelim);
        why.push(crate::tr!("初评等次：{prelim}", "preliminary grade: {prelim}"));
        if let Some(q) = &s.quota {
            why.push(notes::quota(q));
        }
        if let Some(r) = &s.reason {
            let g = GRADE.label(&s.grade);
            why.push(crate::tr!("确定机关评定为{g}：{r}", "the confirming authority graded {g}: {r}"));
        }
        if let Some(n) = &s.note {
            let n = notes::subsidy(n);
            why.push(crate::tr!("补贴：{n}", "subsidy: {n}"));
        }
        if let Some(d) = &s.dismissal {
            let d = notes::evidence(d);
            why.push(crate::tr!(
                "拟解聘情形（第十二条第三项，供研究）：{d}",
                "dismissal candidate (seed 001 art. 12(3), for the office to decide): {d}"
            ));
        }
        if (outcome.points - s.points).abs() > 1e-9 {
            why.push(crate::tr!(
                "注意：按存储的指标重算得分不同，请重新运行考核",
                "note: re-scoring the stored metrics gives a different score; run the assessment again"
            ));
        }
        Ok(Doc::default()
            .record("assessment", record, cells)
            .table("metrics", ("指标", "Metrics"), metric_rows)
            .table("records", ("计入的记录", "Records counted"), records)
            .table("requirements", ("年度要求", "Requirements"), requirements)
            .table("points", ("得分明细", "Points by rule"), points)
            .lines("why", ("等次与补贴的由来", "Why this grade and subsidy"), why))
    })?;
    print_doc(&ctx.env, &doc)
}

/// The advisor's records of the year that feed the metrics, as the run
/// counted them: guest participations dated in their days in office on the
/// panel assessed (`panel_id`; any panel for the whole office), and for one
/// whose term ended early in the year (`in_days`) every record so dated;
/// and the contacts when the rule set counts them (never a reported event,
/// 五报告).
fn records(
    conn: &rusqlite::Connection,
    advisor_id: i64,
    year: i32,
    panel_id: Option<i64>,
    contacts: bool,
    in_days: bool,
) -> anyhow::Result<RowSet> {
    let (first, last) = (format!("{year}-01-01"), format!("{year}-12-31"));
    // In office that day on the panel assessed (`store::serving_condition`).
    let dated = |on: &str| {
        format!(
            "EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = ?1 AND (?4 IS NULL OR ap.panel_id = ?4) AND {})",
            crate::store::serving_condition("ap").replace('?', on)
        )
    };
    let in_office = |on: &str| if in_days { dated(on) } else { "1".to_string() };
    let participation = if in_days {
        dated("ac.on_date")
    } else {
        format!("(pa.guest = 0 OR {})", dated("ac.on_date"))
    };
    RowSet::query(
        conn,
        vec![
            col("date", "日期", "date", Kind::Date),
            col("record", "记录", "record", Kind::Text),
            col("kind", "类型", "kind", Kind::EnumOf(&RECORD_KIND)),
            col("what", "内容", "what", Kind::Text),
            col("outcome", "情况", "outcome", Kind::EnumOf(&RECORD_OUTCOME)),
        ],
        &format!(
            "SELECT ac.on_date, 'activity #' || ac.id, ac.kind, ac.topic, pa.attendance
               FROM participants pa JOIN activities ac ON ac.id = pa.activity_id
              WHERE pa.advisor_id = ?1 AND ac.on_date BETWEEN ?2 AND ?3 AND ac.voided_at IS NULL
                AND pa.voided_at IS NULL AND pa.attendance <> 'invited' AND {}
             UNION ALL
             SELECT ad.on_date, 'advice #' || ad.id, 'advice', ad.title,
                    ad.status || CASE WHEN ad.endorsed_on IS NOT NULL THEN ',endorsed' ELSE '' END
               FROM advice_advisors aa JOIN advice ad ON ad.id = aa.advice_id
              WHERE aa.advisor_id = ?1 AND ad.on_date BETWEEN ?2 AND ?3 AND ad.voided_at IS NULL AND {}
             UNION ALL
             SELECT c.on_date, 'contact #' || c.id, c.kind, IFNULL(c.note, ''), NULL
               FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id
              WHERE ?5 AND ca.advisor_id = ?1 AND c.on_date BETWEEN ?2 AND ?3 AND c.voided_at IS NULL
                AND c.kind <> 'report' AND {}
             ORDER BY 1, 2",
            participation,
            in_office("ad.on_date"),
            in_office("c.on_date"),
        ),
        params![advisor_id, first, last, panel_id, contacts],
    )
}
