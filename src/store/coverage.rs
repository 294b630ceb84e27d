//! The reads behind `report coverage`: serving advisors, who holds them,
//! their contacts, greetings and the festivals their panels greet on, the
//! liaisons in post (quota counts are in `store::quota`). A handful of
//! grouped queries, whatever the roster's size.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::liaison::holding_condition;
use super::{serving_condition, serving_exists};

/// An advisor who served during the period: on its last day, or until
/// they left during it.
#[derive(Clone, Debug)]
pub struct Serving {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// Panel codes served on, comma-separated: on the last day, or (one
    /// who left) during the period.
    pub panels: String,
    /// The last day served, for one who no longer serves on the last day.
    pub left: Option<String>,
}

/// Advisors who served (optionally on one panel) on any day of
/// `first`..=`on`, by code: those serving on `on`, and those who left
/// during the period (a year's coverage answers for everyone it held).
pub fn serving(
    conn: &Connection,
    first: &str,
    on: &str,
    panel_id: Option<i64>,
) -> anyhow::Result<Vec<Serving>> {
    // An appointment that reached `appointed` and covered a day of the
    // period: begun by `on`, not run out before `first`, not ended by then.
    let during = "ap.state IN ('appointed','dismissed','resigned') AND ap.term_start <= ?1 \
        AND ap.term_end >= ?3 AND (ap.ended_on IS NULL OR ap.ended_on > ?3)";
    let sql = format!(
        "SELECT a.id, a.code, a.name,
            (SELECT group_concat(p.code, ',') FROM appointments ap JOIN panels p ON p.id = ap.panel_id
              WHERE ap.advisor_id = a.id AND {on_ap}),
            (SELECT group_concat(DISTINCT p.code) FROM appointments ap JOIN panels p ON p.id = ap.panel_id
              WHERE ap.advisor_id = a.id AND {during}),
            (SELECT max(CASE WHEN ap.ended_on IS NOT NULL AND ap.ended_on <= ap.term_end
                             THEN date(ap.ended_on, '-1 day') ELSE ap.term_end END)
               FROM appointments ap WHERE ap.advisor_id = a.id AND {during}),
            EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = a.id AND {on_ap})
         FROM advisors a
         WHERE EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = a.id AND {during}
                       AND (?2 IS NULL OR ap.panel_id = ?2))
         ORDER BY a.code",
        on_ap = serving_condition("ap").replace('?', "?1"),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params![on, panel_id, first], |r| {
            let now: bool = r.get(6)?;
            let panels: Option<String> = if now { r.get(3)? } else { r.get(4)? };
            Ok(Serving {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                panels: panels.unwrap_or_default(),
                left: if now { None } else { r.get(5)? },
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Advisor id → (liaison code, liaison name) for the pairings holding on `on`.
pub fn holders(conn: &Connection, on: &str) -> anyhow::Result<HashMap<i64, (String, String)>> {
    let sql = format!(
        "SELECT la.advisor_id, l.code, l.name FROM liaison_assignments la JOIN liaisons l ON l.id = la.liaison_id
         WHERE {} ORDER BY la.start_date, la.id",
        holding_condition("la")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![on, on], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    let mut map = HashMap::new();
    for row in rows {
        let (advisor, liaison) = row?;
        map.insert(advisor, liaison);
    }
    Ok(map)
}

/// (advisor id, kind, count) of the live contacts dated `from`..=`to`.
pub fn kind_counts(
    conn: &Connection,
    from: &str,
    to: &str,
) -> anyhow::Result<Vec<(i64, String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ca.advisor_id, c.kind, count(*) FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
         WHERE c.voided_at IS NULL AND c.on_date BETWEEN ?1 AND ?2 GROUP BY ca.advisor_id, c.kind",
    )?;
    let rows = stmt
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// (advisor id, event, date) of the reported achievements and hardships
/// (家庭重大变故, 重大健康状况) dated `from`..=`to` that no visit, home visit
/// or care followed by `to`: seed 004's 三必访 — 获得重大成就必访、遭遇特殊困难必访.
pub fn visits_owed(
    conn: &Connection,
    from: &str,
    to: &str,
) -> anyhow::Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT ca.advisor_id, c.event, c.on_date FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
         WHERE c.voided_at IS NULL AND c.kind = 'report' AND c.event IN ('achievement','family_event','health')
           AND c.on_date BETWEEN ?1 AND ?2
           AND NOT EXISTS (SELECT 1 FROM contact_advisors va JOIN contacts v ON v.id = va.contact_id
                WHERE va.advisor_id = ca.advisor_id AND v.voided_at IS NULL
                  AND {visit} AND v.on_date BETWEEN c.on_date AND ?2)
         ORDER BY c.on_date, c.id",
        visit = crate::store::follow_up_visit("v"),
    ))?;
    let rows = stmt
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Advisor id → the date of their last live contact on or before `on` (a
/// reported event, 五报告, is not one), for `advisors`: one lookup each in `contact_last` (kept by triggers), and
/// the contacts themselves read only where that one is later than `on` (a
/// report as of a past day). Grouping every contact instead took 3 s at
/// 2,000,000 contacts.
pub fn last_contacts(
    conn: &Connection,
    on: &str,
    advisors: &[i64],
) -> anyhow::Result<HashMap<i64, String>> {
    let mut latest =
        conn.prepare_cached("SELECT last_on FROM contact_last WHERE advisor_id = ?1")?;
    let mut before = conn.prepare_cached(
        "SELECT max(c.on_date) FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id
         WHERE ca.advisor_id = ?1 AND c.voided_at IS NULL AND c.kind <> 'report' AND c.on_date <= ?2",
    )?;
    let mut out = HashMap::with_capacity(advisors.len());
    for &advisor in advisors {
        let Some(last) = latest
            .query_row([advisor], |r| r.get::<_, String>(0))
            .optional()?
        else {
            continue;
        };
        let last = if last.as_str() <= on {
            Some(last)
        } else {
            before.query_row(params![advisor, on], |r| r.get::<_, Option<String>>(0))?
        };
        if let Some(last) = last {
            out.insert(advisor, last);
        }
    }
    Ok(out)
}

/// (advisor id, festival code, festival date) of the live greetings sent by
/// `on` for festival occurrences dated `from`..=`to`.
pub fn greetings(
    conn: &Connection,
    from: &str,
    to: &str,
    on: &str,
) -> anyhow::Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT ca.advisor_id, c.festival, c.festival_date
         FROM contacts c JOIN contact_advisors ca ON ca.contact_id = c.id
         WHERE c.voided_at IS NULL AND c.festival IS NOT NULL AND c.festival_date BETWEEN ?1 AND ?2
           AND c.on_date <= ?3",
    )?;
    let rows = stmt
        .query_map(params![from, to, on], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Advisor id → the greeting lists of every panel they serve on, on `day`.
pub fn greeting_lists_on(conn: &Connection, day: &str) -> anyhow::Result<HashMap<i64, String>> {
    let sql = format!(
        "SELECT ap.advisor_id, group_concat(p.greeting_festivals, ',') FROM appointments ap
         JOIN panels p ON p.id = ap.panel_id WHERE {} GROUP BY ap.advisor_id",
        serving_condition("ap").replace('?', "?1")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([day], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A liaison in the year's report: a leader, never paired yet, holding a
/// pairing on the date, or having held one during the year (one who handed
/// over and stood down mid-year still answers for the months they held).
#[derive(Clone, Debug)]
pub struct InPost {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit: Option<String>,
    pub position: Option<String>,
    /// In the leadership on the date (`liaison::leader_on`).
    pub is_leader: bool,
    /// Serving advisors held on the date: (advisor id, "A0001 谭正清").
    pub held: Vec<(i64, String)>,
    /// Live contacts this liaison made in the year (reported events aside).
    pub contacts: i64,
}

pub fn liaisons_in_post(conn: &Connection, on: &str, from: &str) -> anyhow::Result<Vec<InPost>> {
    let holding = holding_condition("x").replace('?', "?1");
    let leader = super::liaison::leader_on("l", "?1");
    let sql = format!(
        "SELECT l.id, l.code, l.name, l.unit, l.position, {leader}
         FROM liaisons l
         WHERE {leader}
            OR NOT EXISTS (SELECT 1 FROM liaison_assignments x WHERE x.liaison_id = l.id)
            OR EXISTS (SELECT 1 FROM liaison_assignments x WHERE x.liaison_id = l.id AND {holding})
            -- who held advisors during the year, though no longer (a leader
            -- who handed over and stood down mid-year)
            OR EXISTS (SELECT 1 FROM liaison_assignments x WHERE x.liaison_id = l.id
                 AND x.start_date <= ?1 AND (x.end_date IS NULL OR x.end_date >= ?2))
         ORDER BY l.code"
    );
    // One pass over the year's contacts (there is no index by liaison). A
    // reported event (五报告) is the expert's unit informing the office, not
    // the liaison reaching the expert, even where a liaison is named on it
    // (before migration 6 `contact add` named the paired one by default).
    let mut stmt = conn.prepare_cached(
        "SELECT liaison_id, count(*) FROM contacts WHERE liaison_id IS NOT NULL AND voided_at IS NULL
           AND kind <> 'report' AND on_date BETWEEN ?1 AND ?2 GROUP BY liaison_id",
    )?;
    let contacts: HashMap<i64, i64> = stmt
        .query_map(params![from, on], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut liaisons: Vec<InPost> = stmt
        .query_map(params![on, from], |r| {
            Ok(InPost {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                unit: r.get(3)?,
                position: r.get(4)?,
                is_leader: r.get(5)?,
                held: Vec::new(),
                contacts: 0,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let held_sql = format!(
        "SELECT la.liaison_id, a.id, a.code || ' ' || a.name FROM liaison_assignments la
         JOIN advisors a ON a.id = la.advisor_id
         WHERE {} AND {} ORDER BY a.code",
        holding_condition("la").replace('?', "?1"),
        serving_exists("a.id", false).replace('?', "?1")
    );
    let mut stmt = conn.prepare_cached(&held_sql)?;
    let rows = stmt.query_map([on], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))?;
    let mut by_liaison: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for row in rows {
        let (liaison, advisor, who) = row?;
        by_liaison.entry(liaison).or_default().push((advisor, who));
    }
    for l in &mut liaisons {
        l.held = by_liaison.remove(&l.id).unwrap_or_default();
        l.contacts = contacts.get(&l.id).copied().unwrap_or(0);
    }
    Ok(liaisons)
}
