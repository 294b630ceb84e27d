//! Importing activities, one row per participant. Rows with the same
//! activity number are one activity (their activity cells must agree); rows
//! without a number are one activity while consecutive rows carry the same
//! activity cells. A new activity goes through `activity add`'s own rules
//! (`parse_new`), each participant through `participant add`'s
//! (`parse_join_text`, `admit`), answered from what `facts.rs` loaded once.
//! A number already on file is a duplicate; `--on-duplicate update` is
//! refused (edit activities with `roster activity`).
//!
//! For speed on a province's years of records, rows are written a hundred
//! at a time (SQLite then evaluates the tables' CHECK lists once per
//! statement rather than once per row), and once an import is large
//! against what is on file, the secondary indexes are dropped and built
//! again at the end (one sort instead of a million scattered inserts). All
//! of it inside the import's one transaction.

use std::hash::Hasher;

use super::at;
use super::facts::Loaded;
use crate::cli::activity::ActivityFields;
use crate::commands::activity::parse_new;
use crate::commands::activity::participant::{JoinText, admit, parse_join_text};
use crate::context::{Tx, now_stamp};
use crate::input::resolve::{ADVISOR, PANEL};
use crate::input::{date, text};
use crate::store::activity::Activity;
use crate::transfer::fastmap::FxHasher;
use crate::transfer::{
    FastMap, ImportSettings, Names, Number, Numbers, Outcome, Row, RowHandler, fast_map, person,
};

const ACTIVITY_COLUMNS: &str = "main.activities (id, on_date, panel_id, kind, topic, mode, place, hours, \
    requesting_unit, minutes_ref, result, created_at, updated_at)";
const PARTICIPANT_COLUMNS: &str = "main.participants (activity_id, advisor_id, attendance, excuse_reason, role, \
    opinion, guest, override_reason)";

/// Rows per INSERT statement.
const PER: usize = 100;

/// From this many participants on, an import this large against what is on
/// file rebuilds the indexes rather than updating them row by row.
const BULK: u64 = 10_000;

/// A participant waiting to be written.
struct Joined {
    activity_id: i64,
    advisor_id: i64,
    attendance: &'static str,
    reason: Option<String>,
    role: &'static str,
    opinion: Option<String>,
    guest: bool,
    override_reason: Option<String>,
}

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
    advisors: Names,
    panels: Names,
    facts: Loaded,
    numbers: Numbers,
    current: Option<Group>,
    seen: FastMap<i64, Seen>,
    /// Activities and participants waiting to be written.
    activities: Vec<Activity>,
    participants: Vec<Joined>,
    written: u64,
    /// When to stop updating the secondary indexes row by row.
    bulk_from: u64,
    /// The indexes dropped for a bulk load, to build again at the end.
    dropped: Vec<String>,
    now: String,
}

pub fn start(tx: &Tx, settings: &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>> {
    settings.refuse_update("activities")?;
    let on_file: i64 = tx.query_row(
        "SELECT IFNULL(max(id), 0) FROM main.participants",
        [],
        |r| r.get(0),
    )?;
    Ok(Box::new(Activities {
        settings: settings.clone(),
        advisors: Names::load(tx, &ADVISOR)?,
        panels: Names::load(tx, &PANEL)?,
        facts: Loaded::load(tx)?,
        numbers: Numbers::load(tx, "activities")?,
        current: None,
        seen: fast_map(),
        activities: Vec::with_capacity(PER),
        participants: Vec::with_capacity(PER),
        written: 0,
        bulk_from: BULK.max(on_file.max(0) as u64 / 4),
        dropped: Vec::new(),
        now: now_stamp(),
    }))
}

/// `INSERT INTO {into} VALUES (…), (…)` for `rows` rows of `width` values.
fn insert_sql(into: &str, width: usize, rows: usize) -> String {
    let one = format!("({})", vec!["?"; width].join(","));
    format!("INSERT INTO {into} VALUES {}", vec![one; rows].join(","))
}

/// The activity cells of a row, hashed.
fn activity_hash(row: &Row) -> u64 {
    let mut hasher = FxHasher::default();
    for index in at::DATE..=at::RESULT {
        hasher.write(row.at(index).unwrap_or_default().trim().as_bytes());
        hasher.write_u8(0xff);
    }
    hasher.finish()
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
                    self.activities.push(activity.clone());
                    if self.activities.len() >= PER {
                        self.flush_activities(tx)?;
                    }
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

    /// Writes the activities waiting.
    fn flush_activities(&mut self, tx: &Tx) -> anyhow::Result<()> {
        if self.activities.is_empty() {
            return Ok(());
        }
        let sql = insert_sql(ACTIVITY_COLUMNS, 13, self.activities.len());
        let mut params: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(13 * self.activities.len());
        for a in &self.activities {
            params.extend_from_slice(&[
                &a.id as &dyn rusqlite::ToSql,
                &a.on_date,
                &a.panel_id,
                &a.kind,
                &a.topic,
                &a.mode,
                &a.place,
                &a.hours,
                &a.requesting_unit,
                &a.minutes_ref,
                &a.result,
                &self.now,
                &self.now,
            ]);
        }
        tx.prepare_cached(&sql)?.execute(&*params)?;
        self.activities.clear();
        Ok(())
    }

    /// Writes everything waiting (activities first: participants point at them).
    fn flush(&mut self, tx: &Tx) -> anyhow::Result<()> {
        self.flush_activities(tx)?;
        if self.participants.is_empty() {
            return Ok(());
        }
        let sql = insert_sql(PARTICIPANT_COLUMNS, 8, self.participants.len());
        let mut params: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(8 * self.participants.len());
        for p in &self.participants {
            params.extend_from_slice(&[
                &p.activity_id as &dyn rusqlite::ToSql,
                &p.advisor_id,
                &p.attendance,
                &p.reason,
                &p.role,
                &p.opinion,
                &p.guest,
                &p.override_reason,
            ]);
        }
        tx.prepare_cached(&sql)?.execute(&*params)?;
        self.written += self.participants.len() as u64;
        self.participants.clear();
        if self.dropped.is_empty() && self.written >= self.bulk_from {
            self.dropped = drop_secondary_indexes(tx)?;
        }
        Ok(())
    }

    /// Finds (or starts) the activity of `row`.
    fn group(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<()> {
        let hash = activity_hash(row);
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
                self.flush(tx)?;
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
    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        self.group(tx, row)?;
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
        let cells = JoinText {
            attendance: row.value_at(at::ATTENDANCE),
            reason: row.value_at(at::REASON),
            role: row.value_at(at::ROLE),
            opinion: row.value_at(at::OPINION),
            guest: row
                .value_at(at::GUEST)
                .map(|g| text::yes_no("--guest", g))
                .transpose()?
                .unwrap_or(false),
            override_reason: row.value_at(at::OVERRIDE),
        };
        let code = row.value_at(at::ADVISOR);
        let name = row.value_at(at::ADVISOR_NAME);
        let Some(advisor) = person(&self.advisors, tx, env, "--advisor", code, name)? else {
            if cells.attendance.is_some()
                || cells.reason.is_some()
                || cells.role.is_some()
                || cells.opinion.is_some()
                || cells.override_reason.is_some()
                || cells.guest
            {
                return Err(crate::invalid!(
                    "--advisor：给出了出席情况、角色或意见，但没有给出参加的专家",
                    "--advisor: attendance, role or opinion was given but no advisor taking part"
                ));
            }
            // A row for an activity nobody has joined yet.
            return Ok(Outcome::Inserted);
        };
        let join = parse_join_text(&cells)?;
        let admitted = admit(
            tx,
            "--advisor",
            activity,
            on,
            advisor,
            &join,
            &mut self.facts,
        )?;
        self.participants.push(Joined {
            activity_id: activity.id,
            advisor_id: advisor.id,
            attendance: join.attendance,
            reason: join.reason,
            role: join.role,
            opinion: join.opinion,
            guest: !admitted.member,
            override_reason: admitted.override_reason,
        });
        self.facts.joined.push(advisor.id);
        if self.participants.len() >= PER {
            self.flush(tx)?;
        }
        Ok(Outcome::Inserted)
    }

    fn finish(&mut self, tx: &Tx) -> anyhow::Result<()> {
        self.flush(tx)?;
        for sql in std::mem::take(&mut self.dropped) {
            tx.execute_batch(&sql)?;
        }
        Ok(())
    }
}

/// Drops the indexes of `activities` and `participants` that a bulk load
/// builds faster afterwards: not those behind a UNIQUE constraint (SQLite
/// keeps them), nor partial ones (only their few rows are updated).
/// Returns the SQL that makes them again.
fn drop_secondary_indexes(tx: &Tx) -> anyhow::Result<Vec<String>> {
    let mut stmt = tx.prepare(
        "SELECT name, sql FROM main.sqlite_master
         WHERE type = 'index' AND tbl_name IN ('activities', 'participants') AND sql IS NOT NULL
           AND sql NOT LIKE '% WHERE %' AND sql NOT LIKE 'CREATE UNIQUE%'
         ORDER BY name",
    )?;
    let indexes = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut made = Vec::new();
    for (name, sql) in indexes {
        tx.execute_batch(&format!("DROP INDEX main.\"{name}\""))?;
        made.push(sql);
    }
    Ok(made)
}
