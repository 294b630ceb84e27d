//! `liaison-assignments`: the history of one-to-one pairings (一对一, seed
//! 000) — which liaison held which advisor from when until when. Imported
//! through `liaison assign`'s own rules (`check_pairing`: the advisor
//! serves on the first day, no overlapping pairing); a duplicate is the
//! same liaison, advisor and first day, and `--on-duplicate update` sets
//! its last day and note.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use crate::commands::liaison::check_pairing;
use crate::context::{Tx, now_stamp};
use crate::input::resolve::{ADVISOR, LIAISON};
use crate::input::{date, text};
use crate::output::{Kind, col};
use crate::store::Filter as Where;
use crate::store::liaison::{holding_condition, insert_assignment, overlapping};
use crate::transfer::{
    Dataset, Filter, ImportSettings, Names, OnDuplicate, Outcome, Query, Row, RowHandler,
    Selection, person,
};

pub static DATASET: Dataset = Dataset {
    name: "liaison-assignments",
    zh: "联系人与专家的结对记录",
    en: "pairings of liaisons with advisors",
    columns: &[
        col("liaison", "联系人编码", "liaison code", Kind::Text),
        col("liaison_name", "联系人", "liaison name", Kind::Text),
        col("advisor", "专家编码", "advisor code", Kind::Text),
        col("advisor_name", "专家姓名", "advisor name", Kind::Text),
        col("from", "开始日期", "from", Kind::Date),
        col("until", "结束日期", "until", Kind::Date),
        col("note", "备注", "note", Kind::Text),
    ],
    required: &["from"],
    filters: &[Filter::Advisor, Filter::AsOf],
    export,
    import: Some(start),
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let mut filter = Where::default();
    if let Some(advisor) = sel.advisor()? {
        filter.add("la.advisor_id = ?", [Value::Integer(advisor)]);
    }
    if let Some(on) = sel.date("--as-of", sel.filters.as_of.as_deref())? {
        filter.add(
            holding_condition("la"),
            [Value::Text(on.clone()), Value::Text(on)],
        );
    }
    Ok(Query {
        sql: format!(
            "SELECT l.code, l.name, a.code, a.name, la.start_date, la.end_date, la.note
             FROM liaison_assignments la JOIN liaisons l ON l.id = la.liaison_id
             JOIN advisors a ON a.id = la.advisor_id{} ORDER BY la.id",
            filter.sql()
        ),
        params: filter.params,
    })
}

struct Assignments {
    settings: ImportSettings,
    liaisons: Names,
    advisors: Names,
    now: String,
}

fn start(tx: &Tx, settings: &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>> {
    Ok(Box::new(Assignments {
        settings: settings.clone(),
        liaisons: Names::load(tx, &LIAISON)?,
        advisors: Names::load(tx, &ADVISOR)?,
        now: now_stamp(),
    }))
}

impl RowHandler for Assignments {
    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        let env = &self.settings.env;
        let missing = |flag: &str| {
            crate::invalid!(
                "{flag}：请填写编码或姓名",
                "{flag}: give the code or the name"
            )
        };
        let liaison = person(
            &self.liaisons,
            tx,
            env,
            "--liaison",
            row.value("liaison"),
            row.value("liaison_name"),
        )?
        .ok_or_else(|| missing("--liaison"))?;
        let advisor = person(
            &self.advisors,
            tx,
            env,
            "--advisor",
            row.value("advisor"),
            row.value("advisor_name"),
        )?
        .ok_or_else(|| missing("--advisor"))?;
        let from = date::parse("--from", row.value("from").unwrap_or_default(), env.today)?;
        let until = row
            .value("until")
            .map(|s| date::parse("--until", s, env.today))
            .transpose()?;
        if let Some(until) = until
            && until < from
        {
            let (f, u) = (date::iso(from), date::iso(until));
            return Err(crate::invalid!(
                "--until：结束日期 {u} 早于开始日期 {f}",
                "--until: the last day {u} is before the first day {f}"
            ));
        }
        let note = row
            .value("note")
            .map(|s| text::note("--note", s))
            .transpose()?;
        let (start, end) = (date::iso(from), until.map(date::iso));
        let existing: Option<i64> = tx
            .prepare_cached(
                "SELECT id FROM liaison_assignments WHERE liaison_id = ?1 AND advisor_id = ?2 AND start_date = ?3",
            )?
            .query_row(params![liaison.id, advisor.id, start], |r| r.get(0))
            .optional()?;
        if let Some(id) = existing {
            let (l, a) = (&liaison.name, &advisor.name);
            return match self.settings.on_duplicate {
                OnDuplicate::Skip => Ok(Outcome::Skipped),
                OnDuplicate::Fail => Err(OnDuplicate::refuse(
                    "--from",
                    &crate::tr!(
                        "{l} 自 {start} 联系 {a} 的记录",
                        "the pairing of {l} with {a} from {start}"
                    ),
                )),
                OnDuplicate::Update => {
                    let clash = overlapping(tx, advisor.id, None, &start, end.as_deref())?
                        .into_iter()
                        .find(|other| other.id != id);
                    if let Some(other) = clash {
                        let since = &other.start_date;
                        return Err(crate::refused!(
                            "--until：{a} 自 {since} 另有联系记录，与改后的联系期重叠；一位专家同一时间只有一位联系人",
                            "--until: {a} has another pairing from {since}, which the changed pairing would overlap; an advisor has one liaison at a time",
                        ));
                    }
                    let before = tx.snapshot("liaison_assignments", id)?;
                    tx.prepare_cached(
                        "UPDATE liaison_assignments SET end_date = ?1, note = ?2 WHERE id = ?3",
                    )?
                    .execute(params![end, note, id])?;
                    let after = tx.snapshot("liaison_assignments", id)?;
                    // A row that changes nothing counts as skipped.
                    if !crate::commands::panel::changed(&before, &after) {
                        return Ok(Outcome::Skipped);
                    }
                    tx.audit(
                        "liaison_assignment",
                        id,
                        "import_update",
                        Some(&before),
                        Some(&after),
                    )?;
                    Ok(Outcome::Updated)
                }
            };
        }
        check_pairing(tx, liaison, advisor, &start, end.as_deref(), (false, true))?;
        insert_assignment(
            tx,
            liaison.id,
            advisor.id,
            &start,
            end.as_deref(),
            note.as_deref(),
            &self.now,
        )?;
        Ok(Outcome::Inserted)
    }
}
