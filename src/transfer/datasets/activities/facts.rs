//! What the activities import knows about the roster, loaded once: who
//! serves where and when (every term as a span of days), standing recusals,
//! and the confirmed assessment years. It answers `participant::Facts` with
//! the meaning the database queries have (`store::serving_condition`,
//! `recusals_by`, `assess::check_open`), so a row is checked exactly as
//! `participant add` checks it, without a query per row; a refusal's
//! message is then built by the command's own code.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::Datelike;

use crate::commands::activity::admit::{Facts, covers};
use crate::context::Tx;
use crate::input::date;
use crate::store::activity::{Activity, Participant, Recusal};
use crate::transfer::{FastMap, fast_map};

/// One advisor's time on one panel: the days they serve (inclusive).
#[derive(Clone, Copy)]
struct Span {
    panel: i64,
    first: i32,
    last: i32,
}

/// Every term as the days its advisor serves, by advisor: read by the
/// handler and, shared, by the reading thread.
pub struct Terms {
    /// Every term, grouped by advisor.
    spans: Vec<Span>,
    /// Where each advisor's terms start in `spans`, by advisor id (ids are
    /// dense): advisor `a`'s are `spans[starts[a]..starts[a + 1]]`.
    starts: Vec<u32>,
}

impl Terms {
    fn spans_of(&self, advisor: i64) -> &[Span] {
        let Ok(a) = usize::try_from(advisor) else {
            return &[];
        };
        match (self.starts.get(a), self.starts.get(a + 1)) {
            (Some(&from), Some(&to)) => &self.spans[from as usize..to as usize],
            _ => &[],
        }
    }

    /// Whether the advisor serves on day number `on` on `panel` (on any
    /// panel when `None`): `store::serving_condition`.
    pub fn serving(&self, advisor: i64, on: i32, panel: Option<i64>) -> bool {
        self.spans_of(advisor)
            .iter()
            .any(|s| s.first <= on && on <= s.last && panel.is_none_or(|p| p == s.panel))
    }
}

/// `Terms::serving` as the reading thread answered it for one row, used
/// when the row's advisor and activity turn out to be these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hint {
    pub advisor: i64,
    pub day: i32,
    pub panel: Option<i64>,
    pub member: bool,
}

pub struct Loaded {
    pub terms: Arc<Terms>,
    /// The reading thread's answer for the row being checked.
    pub hint: Option<Hint>,
    /// The day number of the activity last asked about.
    day: Option<(i64, i32)>,
    /// Standing recusals by advisor, in date order.
    recusals: FastMap<i64, Vec<Recusal>>,
    /// (advisor, year) with a confirmed assessment.
    confirmed: HashSet<(i64, i32)>,
    /// The advisors already on the activity being read.
    pub joined: Vec<i64>,
}

/// Day number of an ISO date (days from the common era).
pub fn day(text: &str) -> Option<i32> {
    date::parse_plain(text).map(|d| d.num_days_from_ce())
}

impl Loaded {
    pub fn load(tx: &Tx) -> anyhow::Result<Loaded> {
        // Serving on a day (store::serving_condition): an appointment that
        // reached `appointed`, term_start <= day <= term_end, and not ended
        // by then (ended_on > day).
        let mut spans: Vec<(i64, Span)> = Vec::new();
        let mut stmt = tx.prepare(
            "SELECT advisor_id, panel_id, term_start, term_end, ended_on FROM appointments
             WHERE state IN ('appointed','dismissed','resigned') AND term_start IS NOT NULL AND term_end IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (start, end, ended): (String, String, Option<String>) =
                (r.get(2)?, r.get(3)?, r.get(4)?);
            let (Some(first), Some(mut last)) = (day(&start), day(&end)) else {
                continue;
            };
            if let Some(ended) = ended.as_deref().and_then(day) {
                last = last.min(ended - 1);
            }
            let span = Span {
                panel: r.get(1)?,
                first,
                last,
            };
            spans.push((r.get(0)?, span));
        }
        spans.retain(|(advisor, _)| *advisor >= 0);
        spans.sort_by_key(|(advisor, _)| *advisor);
        let top = spans.last().map_or(0, |(advisor, _)| *advisor as usize);
        let mut starts = vec![0u32; top + 2];
        for (advisor, _) in &spans {
            starts[*advisor as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let spans = spans.into_iter().map(|(_, span)| span).collect();
        let mut recusals: FastMap<i64, Vec<Recusal>> = fast_map();
        let mut stmt = tx.prepare(
            "SELECT advisor_id, id, matter, related_unit, on_date FROM recusals
             WHERE voided_at IS NULL ORDER BY on_date, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            recusals.entry(r.get(0)?).or_default().push(Recusal {
                id: r.get(1)?,
                matter: r.get(2)?,
                related_unit: r.get(3)?,
                on_date: r.get(4)?,
            });
        }
        let mut confirmed = HashSet::new();
        let mut stmt = tx.prepare(
            "SELECT DISTINCT advisor_id, year FROM assessments WHERE state = 'confirmed'",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            confirmed.insert((r.get(0)?, r.get(1)?));
        }
        Ok(Loaded {
            terms: Arc::new(Terms { spans, starts }),
            hint: None,
            day: None,
            recusals,
            confirmed,
            joined: Vec::new(),
        })
    }

    /// The day number of activity `a`'s date.
    fn day_of(&mut self, a: &Activity) -> Option<i32> {
        match self.day {
            Some((id, day)) if id == a.id => Some(day),
            _ => {
                let on = day(&a.on_date)?;
                self.day = Some((a.id, on));
                Some(on)
            }
        }
    }
}

impl Facts for Loaded {
    fn check_open(&mut self, tx: &Tx, date: &str, advisor_id: i64) -> anyhow::Result<()> {
        let year = date.get(..4).and_then(|y| y.parse::<i32>().ok());
        match year {
            Some(year) if self.confirmed.contains(&(advisor_id, year)) => {
                crate::store::assess::check_open(tx, date, &[advisor_id])
            }
            _ => Ok(()),
        }
    }

    fn existing(
        &mut self,
        _tx: &Tx,
        _activity_id: i64,
        advisor_id: i64,
    ) -> anyhow::Result<Option<Participant>> {
        // The import only adds to activities it creates: the only row that
        // can be there already is one this import added.
        Ok(self.joined.contains(&advisor_id).then(Participant::default))
    }

    fn serving(&mut self, _tx: &Tx, a: &Activity, advisor_id: i64) -> anyhow::Result<bool> {
        let Some(on) = self.day_of(a) else {
            return Ok(false);
        };
        let asked = (advisor_id, on, a.panel_id);
        if let Some(hint) = self.hint.take()
            && (hint.advisor, hint.day, hint.panel) == asked
        {
            return Ok(hint.member);
        }
        Ok(self.terms.serving(advisor_id, on, a.panel_id))
    }

    fn covering_recusal(
        &mut self,
        _tx: &Tx,
        a: &Activity,
        advisor_id: i64,
    ) -> anyhow::Result<Option<Recusal>> {
        Ok(self.recusals.get(&advisor_id).and_then(|list| {
            list.iter()
                .filter(|r| r.on_date <= a.on_date)
                .find(|r| covers(r, a))
                .cloned()
        }))
    }
}
