//! Seed 004's 三必访 in `due`: a reported achievement (获得重大成就) or
//! hardship (家庭重大变故, 重大健康状况) calls for a visit. A report of the
//! past year with no visit, home visit or care of that advisor since is
//! owed, while the advisor serves. The last visit is read from
//! `contact_last` (kept by triggers), not from every contact.

use rusqlite::{Connection, named_params};

use super::{Ask, Found, found};
use crate::store::serving_condition;

/// A reported event still waiting for its visit.
#[derive(Clone, Debug)]
pub struct VisitOwed {
    pub on_date: String,
    pub event: String,
    pub code: String,
    pub name: String,
    /// The code of a panel the advisor serves on today.
    pub panel: Option<String>,
}

/// Reports dated `since`..=`latest` (the last day whose visit falls due
/// within the window) with no visit since, oldest first.
pub fn visits_owed(
    conn: &Connection,
    ask: &Ask,
    since: &str,
    latest: &str,
    ended_since: &str,
) -> anyhow::Result<Found<VisitOwed>> {
    // Serving today, or on the report's day in a term that ended within
    // the grace (`:ended_since`): a term's end does not wipe the visit it
    // owed from the list.
    let served = |panel: &str| {
        format!(
            "EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = ca.advisor_id{panel}
               AND ({today} OR {reported} AND ap.term_end >= :ended_since
                    AND (ap.ended_on IS NULL OR ap.ended_on > :ended_since)))",
            today = serving_condition("ap").replace('?', ":today"),
            reported = serving_condition("ap").replace('?', "c.on_date"),
        )
    };
    let serving = served("");
    let on_panel = served(" AND ap.panel_id = :panel");
    let sql = format!(
        "WITH hits AS MATERIALIZED (
            SELECT c.id, c.on_date, ca.advisor_id FROM contacts c INDEXED BY contacts_reported
            JOIN contact_advisors ca ON ca.contact_id = c.id
            WHERE c.kind = 'report' AND c.voided_at IS NULL AND c.event IN ('achievement','family_event','health')
              AND c.on_date BETWEEN :since AND :latest
              AND {serving} AND (:panel IS NULL OR {on_panel})
              AND NOT EXISTS (SELECT 1 FROM contact_last cl
                   WHERE cl.advisor_id = ca.advisor_id AND cl.visit_on >= c.on_date
                     AND (cl.visit_on <= :today
                          -- `--today` in the past: the visits up to that day
                          OR EXISTS (SELECT 1 FROM contact_advisors va JOIN contacts v ON v.id = va.contact_id
                               WHERE va.advisor_id = ca.advisor_id AND v.voided_at IS NULL
                                 AND {visit}
                                 AND v.on_date BETWEEN c.on_date AND :today)))),
         listed AS (SELECT * FROM hits ORDER BY on_date, id LIMIT :limit)
        SELECT (SELECT count(*) FROM hits), h.on_date, c.event, a.code, a.name,
            (SELECT p.code FROM appointments ap JOIN panels p ON p.id = ap.panel_id
              WHERE ap.advisor_id = a.id AND {on_ap} ORDER BY p.code LIMIT 1)
        FROM listed h JOIN contacts c ON c.id = h.id JOIN advisors a ON a.id = h.advisor_id
        ORDER BY h.on_date, h.id, a.code",
        on_ap = crate::store::serving_condition("ap").replace('?', ":today"),
        visit = crate::store::follow_up_visit("v"),
    );
    found(
        conn,
        &sql,
        named_params! {
            ":today": ask.today, ":since": since, ":latest": latest,
            ":panel": ask.panel, ":limit": ask.limit, ":ended_since": ended_since,
        },
        |r| {
            Ok(VisitOwed {
                on_date: r.get(1)?,
                event: r.get(2)?,
                code: r.get(3)?,
                name: r.get(4)?,
                panel: r.get(5)?,
            })
        },
    )
}
