//! Due items from the panels' duties: a duty behind pace and the year-end
//! reports (data in `panel_quotas`, paced by `domain::due`). The office's
//! own items (assessments still drafts, budget lines) are `office.rs`.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::items::{Listed, Plan, item};
use crate::domain::due;
use crate::i18n::pick;
use crate::input::date;
use crate::labels::CONTACT_KIND;
use crate::store::due as store;

/// The day a period ending on `to` has its duty due: `lead_days` before
/// (seed 002 part 8: the year's summary in early December).
fn due_end(to: NaiveDate, quota: &crate::store::panel::Quota) -> NaiveDate {
    to.checked_sub_days(chrono::Days::new(quota.lead_days.max(0) as u64))
        .unwrap_or(to)
}

/// One duty in one period, looked at.
struct Duty {
    kind: &'static str,
    panel: crate::store::panel::Panel,
    quota: crate::store::panel::Quota,
    from: NaiveDate,
    to: NaiveDate,
    needed: i64,
}

impl Duty {
    /// How many of the duty one who joined on `start` (during the period)
    /// needs by `horizon`: the period's pace, begun on their first day.
    fn needed_from(&self, start: NaiveDate, horizon: NaiveDate) -> i64 {
        let (start, end) = (start.max(self.from), due_end(self.to, &self.quota));
        let share = self.share(start);
        (1..=share)
            .take_while(|k| due::pace_due(start, end, share, *k) <= horizon)
            .count() as i64
    }

    /// How many the period asks of a member whose pace starts on `start`.
    fn share(&self, start: NaiveDate) -> i64 {
        due::joined_share(self.from, self.to, self.quota.min_count, start)
    }

    /// The day the next one is due and what the item says; `start` is a
    /// joiner's own first day.
    fn describe(&self, held: i64, start: Option<NaiveDate>) -> (NaiveDate, String) {
        let to = self.to;
        let from = start.map_or(self.from, |s| s.max(self.from));
        let min = self.share(from);
        let due_on = due::pace_due(from, due_end(to, &self.quota), min, held + 1);
        let duty = self
            .quota
            .note
            .clone()
            .unwrap_or_else(|| kinds_label(&self.quota.subject, &self.quota.kinds));
        let (f, t, k) = (date::iso(from), date::iso(to), held + 1);
        let what = crate::tr!(
            "{duty}（{f} 至 {t}：已 {held}/{min}，第 {k} 次按进度应于 {due_on} 前）",
            "{duty} ({f} to {t}: {held} of {min}; number {k} due by {due_on} at an even pace)"
        );
        (due_on, what)
    }

    /// The command that records what the duty asks; for a period already
    /// over, dated on its last day (a record dated today would count for
    /// the period now running) — the clerk puts the day it happened.
    fn command(&self, advisor: Option<&str>, today: NaiveDate) -> String {
        let first = self
            .quota
            .kinds
            .split(',')
            .find(|k| !k.is_empty())
            .unwrap_or_default();
        let command = command_for(&self.quota.subject, &self.panel.code, first, advisor);
        if self.to < today {
            format!("{command} --date {}", date::iso(self.to))
        } else {
            command
        }
    }
}

/// The panels' duties behind pace, and year-end reports, for the periods in
/// view: whole-panel duties one count each; per-advisor duties grouped by
/// subject, kinds and period, each group one query (`store::quota`).
pub fn quotas(
    conn: &Connection,
    plan: &Plan,
    roster: &store::Today,
    out: &mut Listed,
) -> anyhow::Result<()> {
    let today = plan.h.today;
    let horizon = plan.h.general;
    out.count("quota", 0);
    out.count("year_end_report", 0);
    let mut duties = Vec::new();
    for q in crate::store::panel::quotas(conn, plan.ask.panel)? {
        let panel = crate::store::panel::get(conn, q.panel_id)?;
        let kind: &'static str =
            if due::is_year_end_report(&q.subject, &q.period, &q.scope, &q.kinds) {
                "year_end_report"
            } else {
                "quota"
            };
        for (from, to) in due::quota_periods(&q.period, today, plan.h.general_days()) {
            let needed = (1..=q.min_count)
                .take_while(|k| due::pace_due(from, due_end(to, &q), q.min_count, *k) <= horizon)
                .count() as i64;
            if needed > 0 {
                duties.push(Duty {
                    kind,
                    panel: panel.clone(),
                    quota: q.clone(),
                    from,
                    to,
                    needed,
                });
            }
        }
    }
    let mut groups: std::collections::BTreeMap<
        (String, String, NaiveDate, NaiveDate, i64),
        Vec<usize>,
    > = Default::default();
    for (i, d) in duties.iter().enumerate() {
        let (from, counted_to) = (date::iso(d.from), date::iso(d.to.min(today)));
        if d.quota.scope == "panel" {
            let held = crate::store::quota::panel_count(
                conn,
                &d.quota.subject,
                d.quota.panel_id,
                &d.quota.kinds,
                &from,
                &counted_to,
                d.needed,
            )?;
            if held < d.needed {
                out.count(d.kind, 1);
                let (due_on, what) = d.describe(held, None);
                out.items.push(item(
                    due_on,
                    d.kind,
                    &d.panel.code,
                    &d.panel.name,
                    Some(d.panel.code.clone()),
                    what,
                    d.command(None, today),
                ));
            }
        } else {
            groups
                .entry((
                    d.quota.subject.clone(),
                    d.quota.kinds.clone(),
                    d.from,
                    d.to,
                    d.quota.lead_days,
                ))
                .or_default()
                .push(i);
        }
    }
    for ((subject, kinds, from, to, _), members) in groups {
        let counted_to = date::iso(to.min(today));
        let asked: Vec<store::DutyAsked> = members
            .iter()
            .map(|i| store::DutyAsked {
                key: *i as i64,
                panel_id: duties[*i].quota.panel_id,
                needed: duties[*i].needed,
            })
            .collect();
        // A member owes a period's duties when serving on its first day and
        // on its last (today while it runs); one appointed during the
        // period owes them at a pace from their own start, so is not
        // behind on a pace set before they came. A year-end report is owed
        // by whoever serves on the day it is due (seed 002 part 8: every
        // advisor's yearly summary).
        let first = &duties[members[0]];
        let report = first.kind == "year_end_report";
        let since = if report {
            due_end(to, &first.quota).min(today)
        } else {
            from
        };
        let paced = |a: &store::DutyAsked, start: store::Day| {
            start_of(start).map_or(0, |start| {
                duties[a.key as usize].needed_from(start, horizon)
            })
        };
        let (from_day, since_day) = (date::iso(from), date::iso(since));
        let group = store::DutyGroup {
            subject: &subject,
            kinds: &kinds,
            from: &from_day,
            to: &counted_to,
            since: &since_day,
            until: &counted_to,
        };
        let short = store::short_of_duties(
            conn,
            roster,
            &group,
            &asked,
            (!report).then_some(&paced as store::Paced<'_>),
        )?;
        let mut candidates = Vec::new();
        for (key, rows) in &short {
            let d = &duties[*key as usize];
            out.count(d.kind, rows.len() as i64);
            for s in rows {
                let start = s.joined.and_then(start_of);
                candidates.push(Candidate {
                    due: d.describe(s.held, start).0,
                    key: *key as usize,
                    advisor: s.advisor_id,
                    held: s.held,
                    start,
                });
            }
        }
        for (c, code, name) in most_urgent(conn, candidates, plan.ask.limit)? {
            let d = &duties[c.key];
            let (due_on, what) = d.describe(c.held, c.start);
            out.items.push(item(
                due_on,
                d.kind,
                &code,
                &name,
                Some(d.panel.code.clone()),
                what,
                d.command(Some(&code), today),
            ));
        }
    }
    Ok(())
}

/// The date of a stored `Day`.
fn start_of(day: store::Day) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt((day / 10000) as i32, day / 100 % 100, day % 100)
}

/// A member short of a duty, with the day the next one was due.
struct Candidate {
    due: NaiveDate,
    key: usize,
    advisor: i64,
    held: i64,
    /// A member who joined during the period: their pace's first day.
    start: Option<NaiveDate>,
}

/// The `limit` (-1: all) most urgent of `candidates` as `due` lists them —
/// by due date, then code — with code and name. Whole days are taken while
/// they fit; of the day that does not, the first by code (one walk of the
/// code index): codes are read for the rows listed, not for every member.
fn most_urgent(
    conn: &Connection,
    mut candidates: Vec<Candidate>,
    limit: i64,
) -> anyhow::Result<Vec<(Candidate, String, String)>> {
    candidates.sort_by_key(|c| (c.due, c.advisor, c.key));
    let mut chosen = Vec::new();
    let mut rest = candidates.into_iter().peekable();
    while let Some(first) = rest.next() {
        if limit >= 0 && chosen.len() >= limit as usize {
            break;
        }
        let mut day = vec![first];
        while let Some(next) = rest.next_if(|c| c.due == day[0].due) {
            day.push(next);
        }
        let room = if limit < 0 {
            -1
        } else {
            (limit as usize - chosen.len()) as i64
        };
        let mut ids: Vec<i64> = day.iter().map(|c| c.advisor).collect();
        ids.dedup();
        let named: std::collections::HashMap<i64, (String, String)> =
            store::by_code(conn, &ids, room)?
                .into_iter()
                .map(|(id, code, name)| (id, (code, name)))
                .collect();
        for c in day {
            if let Some((code, name)) = named.get(&c.advisor) {
                let (code, name) = (code.clone(), name.clone());
                chosen.push((c, code, name));
            }
        }
    }
    Ok(chosen)
}

fn kinds_label(subject: &str, kinds: &str) -> String {
    let domain = match subject {
        "contact" => &CONTACT_KIND,
        "activity" => &crate::labels::ACTIVITY_KIND,
        _ if kinds.is_empty() => return crate::labels::QUOTA_SUBJECT.label(subject),
        _ => {
            let advice = crate::labels::QUOTA_SUBJECT.label(subject);
            let or = kinds_label("activity", kinds);
            return crate::tr!("{advice}或{or}", "{advice} or {or}");
        }
    };
    kinds
        .split(',')
        .filter(|k| !k.is_empty())
        .map(|k| domain.label(k))
        .collect::<Vec<_>>()
        .join(pick("、", ", "))
}

/// The command that records what a duty asks for.
fn command_for(subject: &str, panel: &str, kind: &str, advisor: Option<&str>) -> String {
    let who = advisor
        .map(|a| format!(" --advisor {a}"))
        .unwrap_or_default();
    match (subject, advisor) {
        ("contact", Some(_)) => format!("roster contact add --kind {kind}{who}"),
        ("contact", None) => format!("roster contact add --kind {kind} --panel {panel}"),
        // Only attendance counts towards a duty (an invitation does not).
        ("activity", Some(_)) => {
            format!("roster activity add --panel {panel} --kind {kind}{who} --attendance attended")
        }
        ("activity", None) => format!("roster activity add --panel {panel} --kind {kind}"),
        (_, Some(_)) => format!("roster advice add{who}"),
        _ => format!("roster advice add --panel {panel}"),
    }
}
