//! Loading a year's subjects for the assessment: who served, for how many
//! days, and the counts of their work — with one aggregate query per kind
//! of record, so a run over a province-sized roster stays fast.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::service::{service, year_bounds};
use crate::domain::assess::Subject;
use crate::domain::served::{covered, days_between};
use crate::input::date;

/// What a run counts beyond activities and advice.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counting {
    /// Contacts (联系服务), for a rule set that counts them.
    pub contacts: bool,
}

impl Counting {
    pub fn for_rules(rules: &crate::domain::assess::Rules) -> Self {
        Counting {
            contacts: rules.counts("contacts"),
        }
    }
}

/// Everyone assessed for `year` (on `panel_id`, or on any panel) — those
/// who served, less the leavers — with their counted work, ordered by code.
/// Only records dated inside an advisor's days in office on the assessed
/// panel(s) count: work recorded after a back-dated resignation, or before
/// the term began, is not the advisor's service (seed 001 art. 14: the
/// subsidy follows the assessment of the work done in office).
pub fn subjects(
    conn: &Connection,
    year: i32,
    panel_id: Option<i64>,
    counting: Counting,
) -> anyhow::Result<Vec<Subject>> {
    let (first, last) = year_bounds(year)?;
    let mid =
        NaiveDate::from_ymd_opt(year, 6, 30).ok_or_else(|| anyhow::anyhow!("bad year {year}"))?;
    let (first_s, last_s) = (date::iso(first), date::iso(last));
    let year_days = days_between(first, last);
    let mut spans: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    let mut early: Vec<i64> = Vec::new();
    let mut subjects: BTreeMap<i64, Subject> = BTreeMap::new();
    for (id, served) in service(conn, year, panel_id)? {
        if served.left().is_some() {
            continue;
        }
        let intervals = served.intervals;
        let h2_start = mid.succ_opt().unwrap_or(mid);
        let subject = Subject {
            advisor_id: id,
            code: served.code,
            served_days: covered(&intervals, first, last),
            year_days,
            half_days: [
                covered(&intervals, first, mid),
                covered(&intervals, h2_start, last),
            ],
            serves_year_end: intervals.iter().any(|(s, e)| *s <= last && *e >= last),
            counts: BTreeMap::new(),
        };
        if subject.served_days <= 0 {
            continue;
        }
        // Work dated outside the days in office is a guest's (the commands
        // refuse any other), or was recorded before an ending entered with
        // an earlier date: only such records are checked date by date —
        // a part-year advisor's guest participations, and every record of
        // one whose term ended early — which at province scale keeps the
        // aggregates as fast as counting the year whole.
        if served.ended_early {
            early.push(id);
        }
        if subject.served_days < year_days {
            let clipped = intervals
                .iter()
                .map(|(s, e)| (date::iso((*s).max(first)), date::iso((*e).min(last))))
                .collect();
            spans.insert(id, clipped);
        }
        subjects.insert(id, subject);
    }
    // The aggregates below sort a year's records for GROUP BY in runs
    // the size of the page cache; at SQLite's default (2 MB) the runs stay
    // in the processor's cache, and over a province-sized year the CPU time
    // is a third lower than at the 32 MB a command otherwise keeps.
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -2000)?;
    let year = Year {
        h2: format!("{year}-07-01"),
        year_end: format!("{year}-11-01"),
        first: first_s,
        last: last_s,
        spans,
        early,
    };
    let counted = count_work(conn, &year, counting, &mut subjects);
    conn.pragma_update(None, "cache_size", cache)?;
    counted?;
    Ok(subjects.into_values().collect())
}

/// The year being counted: its bounds, where its second half and its
/// year-end begin, and the days in office of those who served part of it
/// (advisor id → inclusive ISO spans inside the year).
struct Year {
    first: String,
    last: String,
    h2: String,
    year_end: String,
    spans: HashMap<i64, Vec<(String, String)>>,
    /// Those whose term ended early in the year: all their records are
    /// checked date by date.
    early: Vec<i64>,
}

impl Year {
    /// The ids of those who served part of the year, as a JSON array: each
    /// aggregate groups their records by date too (`json_each` of it is
    /// read once, as a list SQLite looks ids up in), and a record outside
    /// their days in office is dropped. Everyone else's records are counted
    /// as the year's, grouped as before.
    fn partial(&self) -> String {
        let ids: Vec<i64> = self.spans.keys().copied().collect();
        serde_json::Value::from(ids).to_string()
    }

    /// `early` as a JSON array.
    fn early(&self) -> String {
        serde_json::Value::from(self.early.clone()).to_string()
    }

    /// Whether a record of `advisor_id` dated `on` (given only for those
    /// who served part of the year) falls in their days in office.
    fn in_office(&self, advisor_id: i64, on: Option<&str>) -> bool {
        match (on, self.spans.get(&advisor_id)) {
            (Some(on), Some(spans)) => spans
                .iter()
                .any(|(s, e)| s.as_str() <= on && on <= e.as_str()),
            _ => true,
        }
    }
}

/// Adds the year's activities and advice (and contacts, when counted) to
/// `subjects` (others are ignored).
fn count_work(
    conn: &Connection,
    year: &Year,
    counting: Counting,
    subjects: &mut BTreeMap<i64, Subject>,
) -> anyhow::Result<()> {
    let (partial, early) = (year.partial(), year.early());
    // ?1–?6 of every aggregate: the year, its halves, who is counted by date.
    let args: [&dyn rusqlite::ToSql; 6] = [
        &year.first,
        &year.last,
        &year.h2,
        &year.year_end,
        &partial,
        &early,
    ];
    let mut stmt = conn.prepare_cached(
        "SELECT pa.advisor_id, pa.attendance, ac.kind, ac.on_date >= ?3, ac.on_date >= ?4,
                CASE WHEN pa.advisor_id IN (SELECT value FROM json_each(?6))
                       OR pa.guest = 1 AND pa.advisor_id IN (SELECT value FROM json_each(?5))
                     THEN ac.on_date END, count(*)
         FROM activities ac JOIN participants pa ON pa.activity_id = ac.id
         WHERE ac.on_date BETWEEN ?1 AND ?2 AND ac.voided_at IS NULL AND pa.voided_at IS NULL AND pa.attendance <> 'invited'
         GROUP BY 1, 2, 3, 4, 5, 6",
    )?;
    let mut rows = stmt.query(&args[..])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let on: Option<String> = r.get(5)?;
        if !year.in_office(id, on.as_deref()) {
            continue;
        }
        if let Some(subject) = subjects.get_mut(&id) {
            let (attendance, kind, second, end, n): (String, String, bool, bool, i64) =
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(6)?);
            add(subject, &attendance, &kind, second, end, n);
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT aa.advisor_id, ad.on_date >= ?3, ad.on_date >= ?4,
                CASE WHEN aa.advisor_id IN (SELECT value FROM json_each(?6)) THEN ad.on_date END, count(*),
                sum(ad.status IN ('adopted','partly_adopted','implemented')), sum(ad.status = 'implemented'),
                sum(ad.endorsed_on IS NOT NULL)
         FROM advice ad JOIN advice_advisors aa ON aa.advice_id = ad.id
         WHERE ad.on_date BETWEEN ?1 AND ?2 AND ad.voided_at IS NULL
         GROUP BY 1, 2, 3, 4",
    )?;
    let mut rows = stmt.query(&args[..])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let on: Option<String> = r.get(3)?;
        if !year.in_office(id, on.as_deref()) {
            continue;
        }
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
                let n: i64 = r.get(4 + i)?;
                add(subject, count, "", second, end, n);
            }
        }
    }
    if counting.contacts {
        count_contacts(conn, year, &args, subjects)?;
    }
    Ok(())
}

/// Adds the year's contacts (联系服务, by kind) to `subjects`: live ones
/// only, and never a reported event (五报告: the advisor's unit informing the
/// office, not the office reaching the advisor), as `due`'s quotas and
/// `report coverage` count them.
fn count_contacts(
    conn: &Connection,
    year: &Year,
    args: &[&dyn rusqlite::ToSql],
    subjects: &mut BTreeMap<i64, Subject>,
) -> anyhow::Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT ca.advisor_id, c.kind, c.on_date >= ?3, c.on_date >= ?4,
                CASE WHEN ca.advisor_id IN (SELECT value FROM json_each(?6)) THEN c.on_date END, count(*)
         FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
         WHERE c.on_date BETWEEN ?1 AND ?2 AND c.voided_at IS NULL AND c.kind <> 'report'
         GROUP BY 1, 2, 3, 4, 5",
    )?;
    let mut rows = stmt.query(args)?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let on: Option<String> = r.get(4)?;
        if !year.in_office(id, on.as_deref()) {
            continue;
        }
        if let Some(subject) = subjects.get_mut(&id) {
            let (kind, second, end, n): (String, bool, bool, i64) =
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(5)?);
            add(subject, "contacts", &kind, second, end, n);
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
