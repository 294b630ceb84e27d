//! Loading a year's subjects for the assessment: who served, for how many
//! days, and the counts of their work — with one aggregate query per kind
//! of record, so a run over a province-sized roster stays fast.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::domain::assess::Subject;
use crate::domain::served::{covered, days_between};
use crate::input::date;

/// Everyone who served during `year` (on `panel_id`, or on any panel), with
/// their counted work, ordered by code.
pub fn subjects(
    conn: &Connection,
    year: i32,
    panel_id: Option<i64>,
) -> anyhow::Result<Vec<Subject>> {
    let first =
        NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| anyhow::anyhow!("bad year {year}"))?;
    let last =
        NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| anyhow::anyhow!("bad year {year}"))?;
    let mid =
        NaiveDate::from_ymd_opt(year, 6, 30).ok_or_else(|| anyhow::anyhow!("bad year {year}"))?;
    let (first_s, last_s) = (date::iso(first), date::iso(last));
    let mut service: BTreeMap<i64, (String, Vec<(NaiveDate, NaiveDate)>)> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT ap.advisor_id, a.code, ap.term_start, IFNULL(date(ap.ended_on, '-1 day'), ap.term_end)
         FROM appointments ap JOIN advisors a ON a.id = ap.advisor_id
         WHERE ap.state IN ('appointed','dismissed','resigned') AND ap.term_start <= ?2 AND ap.term_end >= ?1
           AND (ap.ended_on IS NULL OR ap.ended_on > ?1) AND (?3 IS NULL OR ap.panel_id = ?3)",
    )?;
    let mut rows = stmt.query(params![first_s, last_s, panel_id])?;
    while let Some(r) = rows.next()? {
        let (id, code, start, end): (i64, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let entry = service.entry(id).or_insert_with(|| (code, Vec::new()));
        entry.1.push((date::from_db(&start)?, date::from_db(&end)?));
    }
    let year_days = days_between(first, last);
    let mut subjects: BTreeMap<i64, Subject> = service
        .into_iter()
        .map(|(id, (code, intervals))| {
            let h2_start = mid.succ_opt().unwrap_or(mid);
            let subject = Subject {
                advisor_id: id,
                code,
                served_days: covered(&intervals, first, last),
                year_days,
                half_days: [
                    covered(&intervals, first, mid),
                    covered(&intervals, h2_start, last),
                ],
                serves_year_end: intervals.iter().any(|(s, e)| *s <= last && *e >= last),
                counts: BTreeMap::new(),
            };
            (id, subject)
        })
        .filter(|(_, s)| s.served_days > 0)
        .collect();
    // The two aggregates below sort a year's records for GROUP BY in runs
    // the size of the page cache; at SQLite's default (2 MB) the runs stay
    // in the processor's cache, and over a province-sized year the CPU time
    // is a third lower than at the 32 MB a command otherwise keeps.
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -2000)?;
    let counted = count_work(conn, year, &first_s, &last_s, &mut subjects);
    conn.pragma_update(None, "cache_size", cache)?;
    counted?;
    Ok(subjects.into_values().collect())
}

/// Adds the year's activities and advice to `subjects` (others are ignored).
fn count_work(
    conn: &Connection,
    year: i32,
    first_s: &str,
    last_s: &str,
    subjects: &mut BTreeMap<i64, Subject>,
) -> anyhow::Result<()> {
    let h2 = format!("{year}-07-01");
    let year_end = format!("{year}-11-01");
    let mut stmt = conn.prepare_cached(
        "SELECT pa.advisor_id, pa.attendance, ac.kind, ac.on_date >= ?3, ac.on_date >= ?4, count(*)
         FROM activities ac JOIN participants pa ON pa.activity_id = ac.id
         WHERE ac.on_date BETWEEN ?1 AND ?2 AND ac.voided_at IS NULL AND pa.voided_at IS NULL AND pa.attendance <> 'invited'
         GROUP BY 1, 2, 3, 4, 5",
    )?;
    let mut rows = stmt.query(params![first_s, last_s, h2, year_end])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if let Some(subject) = subjects.get_mut(&id) {
            let (attendance, kind, second, end, n): (String, String, bool, bool, i64) =
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
            add(subject, &attendance, &kind, second, end, n);
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT aa.advisor_id, ad.on_date >= ?3, ad.on_date >= ?4, count(*),
                sum(ad.status IN ('adopted','partly_adopted','implemented')), sum(ad.status = 'implemented'),
                sum(ad.endorsed_on IS NOT NULL)
         FROM advice ad JOIN advice_advisors aa ON aa.advice_id = ad.id
         WHERE ad.on_date BETWEEN ?1 AND ?2 AND ad.voided_at IS NULL
         GROUP BY 1, 2, 3",
    )?;
    let mut rows = stmt.query(params![first_s, last_s, h2, year_end])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if let Some(subject) = subjects.get_mut(&id) {
            let (second, end): (bool, bool) = (r.get(1)?, r.get(2)?);
            for (i, count) in [
                "advice_submitted",
                "advice_adopted",
                "advice_implemented",
                "advice_endorsed",
            ]
            .iter()
            .enumerate()
            {
                let n: i64 = r.get(3 + i)?;
                add(subject, count, "", second, end, n);
            }
        }
    }
    Ok(())
}

fn add(subject: &mut Subject, count: &str, kind: &str, second_half: bool, year_end: bool, n: i64) {
    if n == 0 {
        return;
    }
    let tally = subject
        .counts
        .entry((count.to_string(), kind.to_string()))
        .or_default();
    if second_half {
        tally.h2 += n;
    } else {
        tally.h1 += n;
    }
    if year_end {
        tally.year_end += n;
    }
}

/// Metrics as stored with a result: the service counted and every tally,
/// `{"service": {...}, "counts": {count: {kind: [h1, h2, year_end]}}}`.
pub fn metrics_json(subject: &Subject) -> serde_json::Value {
    let mut counts = serde_json::Map::new();
    for ((count, kind), t) in &subject.counts {
        let entry = counts
            .entry(count.clone())
            .or_insert_with(|| serde_json::json!({}));
        if let Some(obj) = entry.as_object_mut() {
            obj.insert(kind.clone(), serde_json::json!([t.h1, t.h2, t.year_end]));
        }
    }
    serde_json::json!({
        "service": {
            "days": subject.served_days,
            "year_days": subject.year_days,
            "half": subject.half_days,
            "year_end": subject.serves_year_end,
        },
        "counts": counts,
    })
}

/// The subject a stored result was computed from (the inverse of `metrics_json`).
pub fn subject_from_json(advisor_id: i64, code: &str, stored: &serde_json::Value) -> Subject {
    let service = &stored["service"];
    let n = |v: &serde_json::Value| v.as_i64().unwrap_or(0);
    let mut subject = Subject {
        advisor_id,
        code: code.to_string(),
        served_days: n(&service["days"]),
        year_days: n(&service["year_days"]),
        half_days: [n(&service["half"][0]), n(&service["half"][1])],
        serves_year_end: service["year_end"].as_bool().unwrap_or(false),
        counts: BTreeMap::new(),
    };
    if let Some(counts) = stored["counts"].as_object() {
        for (count, kinds) in counts {
            for (kind, t) in kinds.as_object().into_iter().flatten() {
                let tally = crate::domain::assess::Tally {
                    h1: n(&t[0]),
                    h2: n(&t[1]),
                    year_end: n(&t[2]),
                };
                subject.counts.insert((count.clone(), kind.clone()), tally);
            }
        }
    }
    subject
}
