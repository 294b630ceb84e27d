//! Importing activities, one row per participant. Rows with the same
//! activity number are one activity (their activity cells must agree); rows
//! without a number are one activity while consecutive rows carry the same
//! activity cells. A new activity goes through `activity add`'s own rules
//! (`parse_new`), each participant through `participant add`'s
//! (`parse_join_text`, `admit`), answered from what `facts.rs` loaded once
//! — on the reading thread where it can be (`ready.rs`).
//! A number already on file is a duplicate; `--on-duplicate update` is
//! refused (edit activities with `roster activity`).
//!
//! The rows are written in bulk by `write.rs`.

use std::sync::Arc;

use super::at;
use super::facts::Loaded;
use super::ready::{self, Ready, ready};
use super::write::{Joined, Writer};
use crate::cli::activity::ActivityFields;
use crate::commands::activity::admit::admit;
use crate::commands::activity::parse_new;
use crate::context::Tx;
use crate::input::date;
use crate::input::resolve::{ADVISOR, PANEL};
use crate::store::activity::Activity;
use crate::transfer::{
    FastMap, ImportSettings, Names, Number, Numbers, Outcome, Preparer, Row, RowHandler, fast_map,
    person,
};

/// The activity the rows being read belong to.
struct Group {
    /// The file's activity number (`None`: the import numbers it).
    key: Option<i64>,
    /// The activity cells, hashed, to tell a row that differs.
    hash: u64,
    /// The first row of the activity.
    line: u64,
    state: State,
}

enum State {
    /// Created by this import.
    New {
        activity: Box<Activity>,
        on: chrono::NaiveDate,
    },
    /// Already on file: a duplicate.
    OnFile(i64),
}

/// An activity met earlier in the file, by its number.
struct Seen {
    id: i64,
    hash: u64,
    line: u64,
    on_file: bool,
}

struct Activities {
    settings: ImportSettings,
    advisors: Arc<Names>,
    panels: Arc<Names>,
    facts: Loaded,
    numbers: Numbers,
    current: Option<Group>,
    seen: FastMap<i64, Seen>,
    writer: Writer,
}

pub fn start(tx: &Tx, settings: &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>> {
    settings.refuse_update("activities")?;
    Ok(Box::new(Activities {
        settings: settings.clone(),
        advisors: Arc::new(Names::load(tx, &ADVISOR)?),
        panels: Arc::new(Names::load(tx, &PANEL)?),
        facts: Loaded::load(tx)?,
        numbers: Numbers::load(tx, "activities")?,
        current: None,
        seen: fast_map(),
        writer: Writer::new(tx)?,
    }))
}

/// The row's activity cells as `activity add`'s flags.
fn fields(row: &Row) -> ActivityFields {
    let cell = |index| row.value_at(index).map(str::to_string);
    ActivityFields {
        kind: cell(at::KIND),
        date: cell(at::DATE),
        panel: None,
        topic: cell(at::TOPIC),
        mode: cell(at::MODE),
        place: cell(at::PLACE),
        hours: cell(at::HOURS),
        requesting_unit: cell(at::UNIT),
        minutes_ref: cell(at::MINUTES),
        result: cell(at::RESULT),
    }
}

fn differs(number: Option<i64>, first: u64) -> anyhow::Error {
    match number {
        Some(n) => crate::invalid!(
            "--activity：活动 {n} 的日期、类型、顾问团、议题等与第 {first} 行不同；同一活动的各行须一致",
            "--activity: activity {n}'s date, kind, panel, topic or other details differ from line {first}; the rows of one activity must agree",
        ),
        None => anyhow::anyhow!("rows of an unnumbered activity differ"),
    }
}

impl Activities {
    /// A new activity from its row: `activity add`'s rules, the panel named
    /// as `--panel` names it.
    fn parse(&self, tx: &Tx, row: &Row, id: i64) -> anyhow::Result<(Activity, chrono::NaiveDate)> {
        let env = &self.settings.env;
        let mut activity = parse_new(env, &fields(row))?;
        if let Some(panel) = row.value_at(at::PANEL) {
            activity.panel_id = Some(self.panels.find(tx, env, "--panel", panel)?.id);
        }
        activity.id = id;
        let on = date::from_db(&activity.on_date)?;
        Ok((activity, on))
    }

    /// Starts the activity of `row` (not met before).
    fn open(&mut self, tx: &Tx, row: &Row, key: Option<i64>, hash: u64) -> anyhow::Result<Group> {
        let given = row.value_at(at::ACTIVITY);
        let state = match self.numbers.claim(tx, "--activity", given, row.line)? {
            Number::OnFile(id) => State::OnFile(id),
            Number::New(id) => match self.parse(tx, row, id) {
                Ok((activity, on)) => {
                    self.writer.activity(tx, &activity)?;
                    State::New {
                        activity: Box::new(activity),
                        on,
                    }
                }
                Err(err) => {
                    self.numbers.release(id);
                    return Err(err);
                }
            },
        };
        if let Some(k) = key {
            let (id, on_file) = match &state {
                State::New { activity, .. } => (activity.id, false),
                State::OnFile(id) => (*id, true),
            };
            self.seen.insert(
                k,
                Seen {
                    id,
                    hash,
                    line: row.line,
                    on_file,
                },
            );
        }
        Ok(Group {
            key,
            hash,
            line: row.line,
            state,
        })
    }

    /// Finds (or starts) the activity of `row`.
    fn group(&mut self, tx: &Tx, row: &Row, hash: u64) -> anyhow::Result<()> {
        let key = row
            .value_at(at::ACTIVITY)
            .map(|t| crate::commands::number("--activity", t.trim_start_matches('#'), 1..=i64::MAX))
            .transpose()?;
        if let Some(g) = &self.current {
            let same = match (key, g.key) {
                (Some(k), Some(gk)) => k == gk,
                (None, None) => g.hash == hash,
                _ => false,
            };
            if same {
                return if g.hash == hash {
                    Ok(())
                } else {
                    Err(differs(key, g.line))
                };
            }
        }
        self.current = None;
        self.facts.joined.clear();
        if let Some(k) = key
            && let Some(seen) = self.seen.get(&k)
        {
            if seen.hash != hash {
                return Err(differs(key, seen.line));
            }
            let (id, line) = (seen.id, seen.line);
            let state = if seen.on_file {
                State::OnFile(id)
            } else {
                // Its earlier rows are written: who is on it already?
                let (activity, on) = self.parse(tx, row, id)?;
                self.writer.flush(tx)?;
                let mut stmt = tx.prepare_cached(
                    "SELECT advisor_id FROM main.participants WHERE activity_id = ?1",
                )?;
                for advisor in stmt.query_map([id], |r| r.get(0))? {
                    self.facts.joined.push(advisor?);
                }
                State::New {
                    activity: Box::new(activity),
                    on,
                }
            };
            self.current = Some(Group {
                key,
                hash,
                line,
                state,
            });
            return Ok(());
        }
        self.current = Some(self.open(tx, row, key, hash)?);
        Ok(())
    }
}

impl RowHandler for Activities {
    /// The reading thread checks a row's cells in a batch's runs of
    /// lookups (`ready::preparer`), which leaves it the lighter: a million
    /// rows 1.79 s with the content digest kept there, 2.02 s on the
    /// writing thread.
    fn writes_heavily(&self) -> bool {
        true
    }

    fn preparer(&self) -> Option<Preparer> {
        Some(ready::preparer(
            Arc::clone(&self.advisors),
            Arc::clone(&self.panels),
            Arc::clone(&self.facts.terms),
            self.settings.env.today,
        ))
    }

    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        let ready = row.take_prepared::<Ready>().unwrap_or_else(|| ready(row));
        self.group(tx, row, ready.hash)?;
        let Some(group) = &self.current else {
            return Err(anyhow::anyhow!("no activity for line {}", row.line));
        };
        let (activity, on) = match &group.state {
            State::OnFile(id) => {
                let id = *id;
                return self
                    .settings
                    .duplicate("--activity", &crate::tr!("活动 #{id}", "activity #{id}"));
            }
            State::New { activity, on } => (activity, *on),
        };
        let env = &self.settings.env;
        let guest = ready.guest?;
        // The advisor as the reading thread found them: their record is
        // read only if the row is refused.
        let found = match ready.advisor {
            Some((index, id)) => self.advisors.nth(index).map(|advisor| (id, advisor)),
            None => {
                let (code, name) = (row.value_at(at::ADVISOR), row.value_at(at::ADVISOR_NAME));
                person(&self.advisors, tx, env, "--advisor", code, name)?
                    .map(|advisor| (advisor.id, advisor))
            }
        };
        let Some((advisor_id, advisor)) = found else {
            if ready.given || guest {
                return Err(crate::invalid!(
                    "--advisor：给出了出席情况、角色或意见，但没有给出参加的专家",
                    "--advisor: attendance, role or opinion was given but no advisor taking part"
                ));
            }
            // A row for an activity nobody has joined yet.
            return Ok(Outcome::Inserted);
        };
        let Some(join) = ready.join else {
            return Err(anyhow::anyhow!("line {}: cells not checked", row.line));
        };
        let join = join?;
        self.facts.hint = ready.serving;
        let admitted = admit(
            tx,
            "--advisor",
            activity,
            on,
            (advisor_id, advisor),
            &join,
            &mut self.facts,
        )?;
        self.writer.participant(
            tx,
            Joined {
                activity_id: activity.id,
                advisor_id,
                attendance: join.attendance,
                reason: join.reason,
                role: join.role,
                opinion: join.opinion,
                guest: !admitted.member,
                override_reason: admitted.override_reason,
            },
        )?;
        self.facts.joined.push(advisor_id);
        Ok(Outcome::Inserted)
    }

    fn finish(&mut self, tx: &Tx) -> anyhow::Result<()> {
        self.writer.finish(tx)
    }
}
