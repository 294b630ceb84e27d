//! `assess term`: an appointment's whole term for its evaluation, due one
//! month before the term ends (seed 002 part 8).

use rusqlite::params;

use crate::context::Ctx;
use crate::input::date;
use crate::labels::{ACTIVITY_KIND, ADVICE_STATUS, GRADE};
use crate::output::{Doc, Kind, RowSet, col, print_doc};

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
        let lead = crate::store::settings::number(conn, "due.term_evaluation_days")?;
        let due = date::iso(crate::domain::due::term_evaluation_due(date::from_db(&end)?, lead));
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
                  AND pa.attendance = 'attended' AND pa.voided_at IS NULL AND ac.voided_at IS NULL AND ac.on_date BETWEEN max(?2, y.year || '-01-01') AND min(?3, y.year || '-12-31')),
                (SELECT count(*) FROM participants pa JOIN activities ac ON ac.id = pa.activity_id WHERE pa.advisor_id = ?1
                  AND pa.attendance = 'absent' AND pa.voided_at IS NULL AND ac.voided_at IS NULL AND ac.on_date BETWEEN max(?2, y.year || '-01-01') AND min(?3, y.year || '-12-31')),
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
             WHERE pa.advisor_id = ?1 AND pa.attendance = 'attended' AND pa.voided_at IS NULL AND ac.voided_at IS NULL AND ac.on_date BETWEEN ?2 AND ?3
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
        let mut head = vec![
            crate::tr!("{name}（{code}）聘任 #{appointment_id}，聘期 {start} 至 {end}", "{name} ({code}), appointment #{appointment_id}, term {start} to {end}"),
            crate::tr!("任期评估应于 {due} 前完成（任期结束前一个月，广西指引第八部分）", "the term evaluation is due by {due} (one month before the term ends, seed 002 part 8)"),
        ];
        head.push(match crate::store::appointment::evaluated_on(conn, appointment_id)? {
            Some(done) => crate::tr!("已于 {done} 记录任期评估", "the term evaluation was recorded on {done}"),
            None => crate::tr!(
                "评估完成后登记：roster appointment evaluate {appointment_id} --reference 报告文号",
                "once done, record it: roster appointment evaluate {appointment_id} --reference REPORT"
            ),
        });
        Ok(Doc::default()
            .lines("term", ("任期评估", "Term evaluation"), head)
            .table("years", ("各年度", "Year by year"), years)
            .table("work", ("履职活动", "Work done"), work)
            .table("adopted", ("被采纳的意见建议", "Advice adopted"), adopted))
    })?;
    print_doc(&ctx.env, &doc)
}
