//! Turning what the store found into due items: each kind's sentence (in
//! the reader's language) and the command that deals with it (codes, so it
//! is the same in both languages and can be copied as it is).

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::due::{self, Horizons, Item};
use crate::domain::lifecycle;
use crate::i18n::pick;
use crate::input::date;
use crate::labels::{ADVICE_STATUS, APPOINTMENT_STATE, EVENT, FESTIVAL};
use crate::store::due::{self as store, Ask, Found};

/// What the office's settings say, with today's horizons.
pub struct Plan {
    pub h: Horizons,
    pub ask: Ask,
    pub evaluation_days: i64,
    pub contact_days: i64,
    pub feedback_days: i64,
    pub visit_days: i64,
    pub budget_percent: i64,
    pub leader_min: i64,
    /// `due.roster_review_month`: 0 when the office asks for no yearly adjustment.
    pub roster_review_month: i64,
    pub operator: String,
}

/// Items found, and how many of each kind there are in all.
#[derive(Default)]
pub struct Listed {
    pub items: Vec<Item>,
    pub totals: Vec<(&'static str, i64)>,
}

impl Plan {
    /// The first day of the grace a past period (or an ended term) keeps
    /// its items listed for: the window's length back from today.
    pub fn grace_start(&self) -> String {
        date::iso(self.h.today - chrono::Days::new(self.h.general_days().max(0) as u64))
    }
}

impl Listed {
    pub(super) fn count(&mut self, kind: &'static str, n: i64) {
        match self.totals.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, total)) => *total += n,
            None => self.totals.push((kind, n)),
        }
    }

    pub(super) fn add<T>(
        &mut self,
        kind: &'static str,
        found: Found<T>,
        mut make: impl FnMut(T) -> anyhow::Result<Item>,
    ) -> anyhow::Result<()> {
        self.count(kind, found.total);
        for row in found.rows {
            self.items.push(make(row)?);
        }
        Ok(())
    }
}

pub(super) fn day(text: &str) -> anyhow::Result<NaiveDate> {
    date::from_db(text)
}

pub(super) fn item(
    due: NaiveDate,
    kind: &'static str,
    code: &str,
    name: &str,
    panel: Option<String>,
    what: String,
    command: String,
) -> Item {
    Item {
        due,
        kind,
        code: code.to_string(),
        name: name.to_string(),
        panel: panel.filter(|p| !p.is_empty()),
        what,
        command,
    }
}

/// Terms ending (renewal decision), their evaluations, appointments ready to make.
pub fn appointments(conn: &Connection, plan: &Plan, out: &mut Listed) -> anyhow::Result<()> {
    let renewal_horizon = date::iso(plan.h.renewal);
    let found = store::terms_ending(conn, &plan.ask, &renewal_horizon)?;
    out.add("term_end", found, |t| {
        let (id, start, end) = (t.id, &t.term_start, &t.term_end);
        let (what, command) = match &t.renewal {
            None => (
                crate::tr!("聘期 {start} 至 {end} 届满，待决定是否续聘", "term {start} to {end} ends; decide on renewal"),
                format!("roster appointment renew {id}"),
            ),
            Some((next, state, steps)) => {
                let label = APPOINTMENT_STATE.label(state);
                let pipeline = lifecycle::pipeline(steps);
                let verb = lifecycle::allowed_next(state, &pipeline).first().copied().unwrap_or("show");
                (
                    crate::tr!(
                        "续聘 #{next} 办理中（{label}），须在聘期 {end} 届满前聘任",
                        "renewal #{next} in the procedure ({label}); appoint it before the term ends on {end}"
                    ),
                    format!("roster appointment {verb} {next}"),
                )
            }
        };
        Ok(item(day(end)?, "term_end", &t.code, &t.name, Some(t.panel), what, command))
    })?;

    // 0: the office's regulations ask for no term evaluation.
    if plan.evaluation_days > 0 {
        evaluations(conn, plan, out)?;
    }

    let found = store::ready_to_appoint(conn, &plan.ask, &date::iso(plan.h.general))?;
    out.add("ready_to_appoint", found, |r| {
        let id = r.id;
        let mut what = match (&r.notice_end, r.state.as_str()) {
            (Some(end), "publicized") => crate::tr!(
                "公示至 {end} 期满，无异议即可聘任",
                "public notice ends {end}; appoint if there is no objection"
            ),
            _ => {
                let label = APPOINTMENT_STATE.label(&r.state);
                crate::tr!(
                    "程序已完成（{label}），待聘任、颁发聘书",
                    "procedure complete ({label}); appoint and issue the certificate"
                )
            }
        };
        if let Some(previous) = r.renewal_of {
            what.push_str(&crate::tr!(
                "（续聘 #{previous}）",
                " (renewing #{previous})"
            ));
        }
        Ok(item(
            day(&r.due)?,
            "ready_to_appoint",
            &r.code,
            &r.name,
            Some(r.panel),
            what,
            format!("roster appointment appoint {id}"),
        ))
    })
}

/// Holiday greetings due (each festival's own serving roster).
pub fn greetings(conn: &Connection, plan: &Plan, out: &mut Listed) -> anyhow::Result<()> {
    for (festival, on) in due::festivals(plan.h.today, plan.h.festival) {
        let (code, day_text) = (festival.code(), date::iso(on));
        let found = store::ungreeted(conn, &plan.ask, code, &day_text)?;
        let label = FESTIVAL.label(code);
        out.add("festival", found, |u| {
            let what = crate::tr!(
                "{label}（{day_text}）尚未问候",
                "{label} ({day_text}): not yet greeted"
            );
            let command = format!(
                "roster contact add --kind greeting --festival {code} --advisor {}",
                u.code
            );
            Ok(item(
                on,
                "festival",
                &u.code,
                &u.name,
                Some(u.panels),
                what,
                command,
            ))
        })?;
    }
    Ok(())
}

/// Advisors not contacted, without a liaison, leaders short (today's roster).
pub fn people(
    conn: &Connection,
    plan: &Plan,
    today: &store::Today,
    out: &mut Listed,
) -> anyhow::Result<()> {
    let (found, unpaired) = store::unattended(
        conn,
        &plan.ask,
        today,
        &date::iso(plan.h.general),
        plan.contact_days,
    )?;
    out.add("no_contact", found, |u| {
        let n = u.interval;
        let (from, what) = match &u.last {
            Some(last) if *last >= u.since => (
                last.clone(),
                crate::tr!(
                    "最近联系 {last}（间隔不超过 {n} 天）",
                    "last contact {last} (at most {n} days apart)"
                ),
            ),
            last => {
                let since = &u.since;
                let _ = last;
                (
                    since.clone(),
                    crate::tr!(
                        "聘任（{since}）以来未联系（间隔不超过 {n} 天）",
                        "never contacted since appointed on {since} (at most {n} days apart)"
                    ),
                )
            }
        };
        let due_on = day(&from)? + chrono::Days::new(n.max(0) as u64);
        let command = format!("roster contact add --kind call --advisor {}", u.code);
        Ok(item(
            due_on,
            "no_contact",
            &u.code,
            &u.name,
            Some(u.panels),
            what,
            command,
        ))
    })?;

    let found = unpaired;
    let fallback = pick("联系人编码", "LIAISON");
    let mut proposals = store::proposed_liaisons(conn, &found.rows)?.into_iter();
    out.add("no_liaison", found, |u| {
        let since = &u.since;
        let liaison = proposals
            .next()
            .flatten()
            .unwrap_or_else(|| fallback.to_string());
        let what = crate::tr!(
            "没有一对一联系人（{since} 起）",
            "no one-to-one liaison (since {since})"
        );
        let command = format!("roster liaison assign {liaison} --advisor {}", u.code);
        Ok(item(
            day(since)?,
            "no_liaison",
            &u.code,
            &u.name,
            Some(u.panels),
            what,
            command,
        ))
    })?;

    let found = store::leaders_short(conn, &plan.ask, today, plan.leader_min)?;
    let min = plan.leader_min;
    out.add("leader_short", found, |s| {
        let n = s.held;
        let unit = s.unit.clone().map(|u| format!("{u} ")).unwrap_or_default();
        let held = if s.advisors.is_empty() {
            String::new()
        } else {
            format!(
                "{}{}",
                pick("：", ": "),
                s.advisors.replace(',', pick("、", ", "))
            )
        };
        let what = crate::tr!(
            "{unit}领导班子成员联系 {n} 位专家（至少 {min} 位，来宾方案）{held}",
            "{unit}leader holding {n} advisor(s), at least {min} (seed 004){held}"
        );
        let due_on = match &s.since {
            Some(since) => day(since)?.min(plan.h.today),
            None => plan.h.today,
        };
        Ok(item(
            due_on,
            "leader_short",
            &s.code,
            &s.name,
            None,
            what,
            format!("roster liaison assign {}", s.code),
        ))
    })
}

/// Visits owed after a reported achievement or hardship (seed 004 三必访).
pub fn visits(conn: &Connection, plan: &Plan, out: &mut Listed) -> anyhow::Result<()> {
    let days = plan.visit_days.max(0) as u64;
    let latest = date::iso(plan.h.general - chrono::Days::new(days));
    let since = date::iso(plan.h.today - chrono::Days::new(365));
    let found = store::visits_owed(conn, &plan.ask, &since, &latest, &plan.grace_start())?;
    out.add("visit_owed", found, |v| {
        let (on, event) = (&v.on_date, EVENT.label(&v.event));
        let occasion = if v.event == "achievement" {
            "achievement"
        } else {
            "hardship"
        };
        let what = crate::tr!(
            "{on} 报告{event}，{days} 天内应走访（三必访，来宾方案）",
            "{event} reported {on}: visit within {days} days (三必访, seed 004)"
        );
        let command = format!(
            "roster contact add --kind visit --occasion {occasion} --advisor {}",
            v.code
        );
        let due_on = day(on)? + chrono::Days::new(days);
        Ok(item(
            due_on,
            "visit_owed",
            &v.code,
            &v.name,
            v.panel,
            what,
            command,
        ))
    })
}

/// Terms ending soon (or within the grace after they ended) whose
/// evaluation is not recorded (seed 002 part 8).
fn evaluations(conn: &Connection, plan: &Plan, out: &mut Listed) -> anyhow::Result<()> {
    let last_end =
        date::iso(plan.h.general + chrono::Days::new(plan.evaluation_days.max(0) as u64));
    let found = store::evaluations(conn, &plan.ask, &plan.grace_start(), &last_end)?;
    out.add("term_evaluation", found, |e| {
        let (id, end) = (e.id, &e.term_end);
        let due_on = due::term_evaluation_due(day(end)?, plan.evaluation_days);
        let what = crate::tr!(
            "聘期 {end} 届满，任期评估（任期成果报告及成效自评，广西指引）；汇总见 roster assess term {id}",
            "the term ends {end}: its evaluation (term report and self-evaluation, seed 002); summary: roster assess term {id}"
        );
        Ok(item(due_on, "term_evaluation", &e.code, &e.name, Some(e.panel), what, format!("roster appointment evaluate {id}")))
    })
}

/// Advice owed feedback past the office's limit (or falling due within the window).
pub fn advice(conn: &Connection, plan: &Plan, out: &mut Listed) -> anyhow::Result<()> {
    let limit = plan.feedback_days;
    let latest = date::iso(plan.h.general - chrono::Days::new(limit.max(0) as u64));
    let found = store::advice_owed(conn, &plan.ask, &latest)?;
    out.add("advice_feedback", found, |a| {
        let (id, title, on) = (a.id, &a.title, &a.on_date);
        let status = ADVICE_STATUS.label(&a.status);
        let what = crate::tr!(
            "意见建议 #{id}《{title}》{on} 提交（{status}），{limit} 天内应向专家反馈办理情况",
            "advice #{id} \"{title}\" of {on} ({status}): feedback to the advisor within {limit} days"
        );
        let by = a.feedback_by.clone().unwrap_or_else(|| plan.operator.clone());
        let command = format!("roster advice update {id} --feedback-by {}", shell_word(&by));
        let due_on = day(on)? + chrono::Days::new(limit.max(0) as u64);
        Ok(item(due_on, "advice_feedback", &a.codes, &a.names.replace(',', pick("、", ", ")), a.panel, what, command))
    })
}

/// A word for a copied command line: as it is when the shell leaves it
/// alone (Chinese names included), quoted otherwise.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| !c.is_whitespace() && !"'\"\\$`;&|<>()*?[]{}#~!=%^".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}
