//! The ledger's parts, one reader each: appointments, activities, advice,
//! contacts, recusals, needs matched and expenses of one advisor within the
//! period, by the advisor's index.

use rusqlite::{Connection, params};

use super::Entry;
use crate::i18n::pick;
use crate::labels::{
    ACTIVITY_KIND, ADVICE_CHANNEL, ADVICE_STATUS, APPOINTMENT_STATUS, ATTENDANCE, CHANNEL,
    CONTACT_KIND, DISMISSAL_GROUND, EXPENSE_CATEGORY, FESTIVAL, LEDGER_ENTRY, NEED_KIND,
    NEED_STATUS, STEP_EVENT,
};

fn labelled(zh: &'static str, en: &'static str, value: &str) -> String {
    format!("{}{value}", pick(zh, en))
}

pub(super) fn appointments(
    conn: &Connection,
    who: i64,
    first: &str,
    last: &str,
    today: &str,
) -> anyhow::Result<Vec<Entry>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT st.on_date, st.step, p.code, p.name, st.reference, ap.term_start, ap.term_end, ap.dismissal_ground, ap.id,
                ap.work_plan
         FROM appointments ap JOIN appointment_steps st ON st.appointment_id = ap.id JOIN panels p ON p.id = ap.panel_id
         WHERE ap.advisor_id = ?1 AND st.step IN ('nominated','appointed','rejected','dismissed','resigned')
           AND st.on_date BETWEEN ?2 AND ?3
         ORDER BY st.on_date, st.id",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let step: String = r.get(1)?;
        let term: Option<String> = r
            .get::<_, Option<String>>(5)?
            .zip(r.get::<_, Option<String>>(6)?)
            .map(|(a, b)| format!("{a} ~ {b}"));
        let ground: Option<String> = r.get(7)?;
        let mut detail = Vec::new();
        if step == "appointed"
            && let Some(t) = term
        {
            detail.push(labelled("聘期：", "term: ", &t));
        }
        // Seed 002 part 7: the ledger keeps the work plan with the nomination.
        if step == "nominated"
            && let Some(plan) = r.get::<_, Option<String>>(9)?
        {
            detail.push(labelled("工作方案：", "work plan: ", &plan));
        }
        if step == "dismissed"
            && let Some(g) = ground
        {
            detail.push(labelled("情形：", "ground: ", &DISMISSAL_GROUND.label(&g)));
        }
        if let Some(reference) = r.get::<_, Option<String>>(4)? {
            detail.push(labelled("依据：", "reference: ", &reference));
        }
        Ok(Entry {
            date: r.get(0)?,
            entry: "appointment",
            kind: (Some(&STEP_EVENT), step.to_string()),
            panel: r.get(2)?,
            subject: r.get(3)?,
            detail,
            id: r.get(8)?,
            ..Entry::default()
        })
    })?;
    for row in rows {
        out.push(row?);
    }
    // A term that ran out without renewal ends the relation by itself (seed 000 art. 7).
    let sql = format!(
        "SELECT ap.term_end, p.code, p.name, ap.id FROM appointments ap JOIN panels p ON p.id = ap.panel_id
         WHERE ap.advisor_id = ?1 AND ap.term_end BETWEEN ?2 AND ?3 AND ({}) = 'expired'",
        crate::store::status_expr("ap", "?4")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![who, first, last, today], |r| {
        Ok(Entry {
            date: r.get(0)?,
            entry: "appointment",
            kind: (Some(&APPOINTMENT_STATUS), "expired".to_string()),
            panel: r.get(1)?,
            subject: r.get(2)?,
            id: r.get(3)?,
            ..Entry::default()
        })
    })?;
    for row in rows {
        out.push(row?);
    }
    Ok(out)
}

pub(super) fn activities(
    conn: &Connection,
    who: i64,
    first: &str,
    last: &str,
) -> anyhow::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ac.on_date, ac.kind, p.code, ac.topic, pa.attendance, pa.role, pa.excuse_reason, pa.opinion,
                pa.override_reason, pa.guest, ac.hours, ac.minutes_ref, ac.id
         FROM participants pa JOIN activities ac ON ac.id = pa.activity_id LEFT JOIN panels p ON p.id = ac.panel_id
         WHERE pa.advisor_id = ?1 AND pa.voided_at IS NULL AND ac.voided_at IS NULL AND ac.on_date BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let mut detail = Vec::new();
        if let Some(reason) = r.get::<_, Option<String>>(6)? {
            detail.push(labelled("请假原因：", "excuse: ", &reason));
        }
        if let Some(opinion) = r.get::<_, Option<String>>(7)? {
            detail.push(labelled("意见：", "opinion: ", &opinion));
        }
        if let Some(reason) = r.get::<_, Option<String>>(8)? {
            detail.push(labelled("回避豁免：", "recusal overridden: ", &reason));
        }
        if r.get::<_, bool>(9)? {
            detail.push(pick("特邀参加", "as a guest").to_string());
        }
        if let Some(hours) = r.get::<_, Option<f64>>(10)? {
            detail.push(labelled("时长(小时)：", "hours: ", &hours.to_string()));
        }
        if let Some(minutes) = r.get::<_, Option<String>>(11)? {
            detail.push(labelled("纪要：", "minutes: ", &minutes));
        }
        let attendance: String = r.get(4)?;
        let role: String = r.get(5)?;
        Ok(Entry {
            date: r.get(0)?,
            entry: "activity",
            kind: (Some(&ACTIVITY_KIND), r.get(1)?),
            panel: r.get(2)?,
            subject: r.get(3)?,
            outcome: Some((&ATTENDANCE, attendance)),
            role: Some(role),
            detail,
            id: r.get(12)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn advice(
    conn: &Connection,
    who: i64,
    first: &str,
    last: &str,
) -> anyhow::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ad.on_date, ad.channel, p.code, ad.title, ad.status, ad.assigned_unit, ad.not_adopted_reason,
                ad.endorsed_by, ad.endorsed_on, ad.feedback_on, ad.feedback_by, ad.id
         FROM advice_advisors aa JOIN advice ad ON ad.id = aa.advice_id LEFT JOIN panels p ON p.id = ad.panel_id
         WHERE aa.advisor_id = ?1 AND ad.voided_at IS NULL AND ad.on_date BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let mut detail = Vec::new();
        if let Some(unit) = r.get::<_, Option<String>>(5)? {
            detail.push(labelled("交办：", "assigned to: ", &unit));
        }
        if let Some(reason) = r.get::<_, Option<String>>(6)? {
            detail.push(labelled("未采纳理由：", "not adopted because: ", &reason));
        }
        if let (Some(by), Some(on)) = (
            r.get::<_, Option<String>>(7)?,
            r.get::<_, Option<String>>(8)?,
        ) {
            detail.push(labelled(
                "领导批示：",
                "endorsed by ",
                &format!("{by} {on}"),
            ));
        }
        match (
            r.get::<_, Option<String>>(9)?,
            r.get::<_, Option<String>>(10)?,
        ) {
            (Some(on), Some(by)) => {
                detail.push(labelled("已反馈：", "feedback: ", &format!("{on} {by}")))
            }
            _ => detail.push(pick("尚未反馈", "no feedback yet").to_string()),
        }
        Ok(Entry {
            date: r.get(0)?,
            entry: "advice",
            kind: (Some(&ADVICE_CHANNEL), r.get(1)?),
            panel: r.get(2)?,
            subject: r.get(3)?,
            outcome: Some((&ADVICE_STATUS, r.get(4)?)),
            detail,
            id: r.get(11)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn contacts(
    conn: &Connection,
    who: i64,
    first: &str,
    last: &str,
) -> anyhow::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.on_date, c.kind, c.channel, c.festival, c.note, l.name, c.id
         FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id LEFT JOIN liaisons l ON l.id = c.liaison_id
         WHERE ca.advisor_id = ?1 AND c.voided_at IS NULL AND c.on_date BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let mut detail = Vec::new();
        if let Some(channel) = r.get::<_, Option<String>>(2)? {
            detail.push(CHANNEL.label(&channel));
        }
        if let Some(liaison) = r.get::<_, Option<String>>(5)? {
            detail.push(labelled("联系人：", "liaison: ", &liaison));
        }
        let festival = r.get::<_, Option<String>>(3)?.map(|f| FESTIVAL.label(&f));
        Ok(Entry {
            date: r.get(0)?,
            entry: "contact",
            kind: (Some(&CONTACT_KIND), r.get(1)?),
            subject: r.get::<_, Option<String>>(4)?.or(festival),
            detail,
            id: r.get(6)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn recusals(
    conn: &Connection,
    who: i64,
    first: &str,
    last: &str,
) -> anyhow::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT on_date, matter, related_unit, reason, id FROM recusals
         WHERE advisor_id = ?1 AND voided_at IS NULL AND on_date BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let mut detail = Vec::new();
        if let Some(unit) = r.get::<_, Option<String>>(2)? {
            detail.push(labelled("相关单位/项目：", "related: ", &unit));
        }
        detail.push(labelled("理由：", "reason: ", &r.get::<_, String>(3)?));
        Ok(Entry {
            date: r.get(0)?,
            entry: "recusal",
            kind: (Some(&LEDGER_ENTRY), "recusal".to_string()),
            subject: r.get(1)?,
            detail,
            id: r.get(4)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The needs the advisor was put in touch with (对接, seed 003 二(二)2), on
/// the day of the match: the enterprise and where the need stands now.
pub(super) fn needs(
    conn: &Connection,
    who: i64,
    first: &str,
    last: &str,
) -> anyhow::Result<Vec<Entry>> {
    let sql = format!(
        "SELECT m.on_date, n.kind, p.code, n.title, {}, n.unit, m.guest, m.override_reason, n.outcome, n.id
         FROM need_matches m JOIN needs n ON n.id = m.need_id LEFT JOIN panels p ON p.id = n.panel_id
         WHERE m.advisor_id = ?1 AND m.voided_at IS NULL AND n.voided_at IS NULL AND m.on_date BETWEEN ?2 AND ?3",
        crate::store::need::status_expr("n")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let mut detail = vec![labelled("企业：", "enterprise: ", &r.get::<_, String>(5)?)];
        if r.get::<_, bool>(6)? {
            detail.push(pick("特邀对接", "as a guest").to_string());
        }
        if let Some(reason) = r.get::<_, Option<String>>(7)? {
            detail.push(labelled("回避豁免：", "recusal overridden: ", &reason));
        }
        if let Some(outcome) = r.get::<_, Option<String>>(8)? {
            detail.push(labelled("成效：", "outcome: ", &outcome));
        }
        Ok(Entry {
            date: r.get(0)?,
            entry: "need",
            kind: (Some(&NEED_KIND), r.get(1)?),
            panel: r.get(2)?,
            subject: r.get(3)?,
            outcome: Some((&NEED_STATUS, r.get(4)?)),
            detail,
            id: r.get(9)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn expenses(
    conn: &Connection,
    who: i64,
    first: &str,
    last: &str,
) -> anyhow::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.on_date, e.category, p.code, e.note, e.amount_fen, e.payer_unit, e.voucher_no, e.id
         FROM expenses e LEFT JOIN panels p ON p.id = e.panel_id
         WHERE e.advisor_id = ?1 AND e.voided_at IS NULL AND e.on_date BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![who, first, last], |r| {
        let mut detail = Vec::new();
        if let Some(unit) = r.get::<_, Option<String>>(5)? {
            detail.push(labelled("支付单位：", "paid by: ", &unit));
        }
        if let Some(voucher) = r.get::<_, Option<String>>(6)? {
            detail.push(labelled("凭证：", "voucher: ", &voucher));
        }
        Ok(Entry {
            date: r.get(0)?,
            entry: "expense",
            kind: (Some(&EXPENSE_CATEGORY), r.get(1)?),
            panel: r.get(2)?,
            subject: r.get(3)?,
            amount: Some(r.get(4)?),
            detail,
            id: r.get(7)?,
            ..Entry::default()
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
