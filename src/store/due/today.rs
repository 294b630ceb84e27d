//! Today's serving roster for `roster due`'s people checks, read once:
//! every appointment serving today (every panel, for the leaders' check),
//! with what the checks of advisors not contacted and without a liaison
//! (`people.rs`) need of each advisor on the panel asked about.

use rusqlite::{Connection, named_params};

use super::Ask;
use super::serving::{Day, day};
use crate::store::serving_condition;

/// The last live contact with `ap.advisor_id` on or before `:today` (for a
/// `--today` in the past, when `contact_last` holds a later one). A
/// reported event (五报告) is not a contact, as in `contact_last`.
const LAST_BY_TODAY: &str =
    "(SELECT max(c.on_date) FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id
    WHERE ca.advisor_id = ap.advisor_id AND c.voided_at IS NULL AND c.kind <> 'report' AND c.on_date <= :today)";

/// Whether appointment `ap` is on the panel asked about (any without `--panel`).
const ASKED: &str = "(:panel IS NULL OR ap.panel_id = :panel)";

/// The first day `ap.advisor_id` was ever appointed: only an appointment
/// that was made has a term start, so no state need be read.
const SINCE: &str =
    "(SELECT min(b.term_start) FROM appointments b WHERE b.advisor_id = ap.advisor_id)";

/// One appointment serving today, with what the two per-advisor checks
/// need of its advisor where it is on the panel asked about.
pub(super) struct Seen {
    pub(super) advisor_id: i64,
    pub(super) panel_id: i64,
    pub(super) term_start: Day,
    /// On the panel asked about (every one without `--panel`): only these
    /// rows are checked, and only these had their advisor looked up.
    pub(super) asked: bool,
    /// The last live contact on or before today.
    pub(super) last: Option<Day>,
    /// Whether a liaison holds the advisor today.
    pub(super) paired: bool,
    /// The first appointment ever, read (at least) wherever `last` is
    /// before this term.
    pub(super) first: Option<Day>,
}

/// Today's serving roster (every panel), read once for the people checks:
/// `unattended` checks the appointments on the panel asked about,
/// `leaders_short` asks who serves at all.
pub struct Today {
    /// The day (ISO).
    pub(super) day: String,
    /// Ordered by advisor, then panel.
    pub(super) seen: Vec<Seen>,
}

impl Today {
    /// One walk of the covering index of serving appointments. The
    /// advisor's last contact (`contact_last`, one lookup; for a day in the
    /// past, the contacts themselves), pairing (the covering pairing index)
    /// and, where needed, first appointment are looked up for the rows on
    /// the panel asked about only.
    pub fn read(conn: &Connection, ask: &Ask) -> anyhow::Result<Today> {
        // Without a panel every row is checked and `contact_last` is joined;
        // the first appointment is read unless that row shows the last
        // contact within this term. With a panel, only the panel's rows
        // look anything up. No expression is written twice: a correlated
        // subquery in a flattened subquery's column would run twice a row.
        let (join, last, first) = if ask.panel.is_none() {
            (
                "LEFT JOIN contact_last cl ON cl.advisor_id = ap.advisor_id",
                format!("CASE WHEN cl.last_on <= :today THEN cl.last_on ELSE {LAST_BY_TODAY} END"),
                format!(
                    "CASE WHEN cl.last_on <= :today AND cl.last_on >= ap.term_start THEN NULL ELSE {SINCE} END"
                ),
            )
        } else {
            (
                "",
                format!(
                    "CASE WHEN {ASKED} THEN IFNULL((SELECT cl.last_on FROM contact_last cl
                        WHERE cl.advisor_id = ap.advisor_id AND cl.last_on <= :today), {LAST_BY_TODAY}) END"
                ),
                format!("CASE WHEN {ASKED} THEN {SINCE} END"),
            )
        };
        let sql = format!(
            "SELECT ap.advisor_id, ap.panel_id, ap.term_start, {ASKED}, {last},
                CASE WHEN {ASKED} THEN EXISTS (
                    SELECT 1 FROM liaison_assignments la WHERE la.advisor_id = ap.advisor_id
                    AND la.start_date <= :today AND (la.end_date IS NULL OR la.end_date >= :today)) END,
                {first}
            FROM appointments ap {join}
            WHERE {serving}",
            serving = serving_condition("ap").replace('?', ":today"),
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(named_params! { ":today": ask.today, ":panel": ask.panel })?;
        let mut seen = Vec::new();
        while let Some(r) = rows.next()? {
            seen.push(Seen {
                advisor_id: r.get(0)?,
                panel_id: r.get(1)?,
                term_start: day(r.get_ref(2)?)?.unwrap_or_default(),
                asked: r.get(3)?,
                last: day(r.get_ref(4)?)?,
                paired: r.get::<_, Option<bool>>(5)?.unwrap_or_default(),
                first: day(r.get_ref(6)?)?,
            });
        }
        seen.sort_unstable_by_key(|s| (s.advisor_id, s.panel_id));
        Ok(Today {
            day: ask.today.clone(),
            seen,
        })
    }

    /// Whether `advisor_id` serves today (on any panel).
    pub fn serves(&self, advisor_id: i64) -> bool {
        self.of(advisor_id).next().is_some()
    }

    /// Whether `advisor_id` serves today on `panel_id`.
    pub fn serves_on(&self, advisor_id: i64, panel_id: i64) -> bool {
        self.of(advisor_id).any(|s| s.panel_id == panel_id)
    }

    fn of(&self, advisor_id: i64) -> impl Iterator<Item = &Seen> {
        let from = self.seen.partition_point(|s| s.advisor_id < advisor_id);
        self.seen[from..]
            .iter()
            .take_while(move |s| s.advisor_id == advisor_id)
    }
}
