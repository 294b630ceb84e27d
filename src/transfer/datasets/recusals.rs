//! `recusals`: advisors' recusals (回避, seed 001 art. 10), with how many
//! times each was overridden; imported through `recusal add`'s own rules
//! (so that activities whose participants overrode one can come in after
//! them). Voided recusals are left out. The override count is read-only.

use rusqlite::types::Value;

use crate::commands::recusal::{OVERRIDES, parse};
use crate::context::{Tx, now_stamp};
use crate::input::resolve::ADVISOR;
use crate::output::{Kind, col};
use crate::store::recusal::{NewRecusal, insert};
use crate::store::{Filter as Where, serving_condition};
use crate::transfer::{
    Dataset, Filter, ImportSettings, Names, Number, Numbers, Outcome, Query, Row, RowHandler,
    Selection, person,
};

pub static DATASET: Dataset = Dataset {
    name: "recusals",
    zh: "回避",
    en: "recusals",
    columns: &[
        col("id", "编号", "id", Kind::Int),
        col("date", "日期", "date", Kind::Date),
        col("advisor", "专家编码", "advisor code", Kind::Text),
        col("advisor_name", "姓名", "name", Kind::Text),
        col("matter", "回避事项", "matter", Kind::Text),
        col(
            "unit",
            "相关单位/项目",
            "related unit or project",
            Kind::Text,
        ),
        col("reason", "回避理由", "reason", Kind::Text),
        col("overridden", "豁免参加次数", "times overridden", Kind::Int),
    ],
    required: &["date", "matter", "reason"],
    filters: &[
        Filter::Year,
        Filter::Panel,
        Filter::Advisor,
        Filter::From,
        Filter::To,
    ],
    export,
    import: Some(start),
    rows_checked: false,
};

const ID: usize = 0;
const DATE: usize = 1;
const ADVISOR_CODE: usize = 2;
const ADVISOR_NAME: usize = 3;
const MATTER: usize = 4;
const UNIT: usize = 5;
const REASON: usize = 6;

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let mut filter = Where::default();
    filter.add("r.voided_at IS NULL", []);
    sel.dates(&mut filter, "r.on_date")?;
    if let Some(advisor) = sel.advisor()? {
        filter.add("r.advisor_id = ?", [Value::Integer(advisor)]);
    }
    if let Some(panel) = sel.panel()? {
        // Advisors serving on the panel on the recusal's date (as `recusal list`).
        let serving = serving_condition("ap").replace('?', "r.on_date");
        filter.add(
            format!(
                "EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = r.advisor_id AND ap.panel_id = ? AND {serving})"
            ),
            [Value::Integer(panel)],
        );
    }
    Ok(Query {
        sql: format!(
            "SELECT r.id, r.on_date, a.code, a.name, r.matter, r.related_unit, r.reason, {OVERRIDES}
             FROM recusals r JOIN advisors a ON a.id = r.advisor_id{} ORDER BY r.id",
            filter.sql()
        ),
        params: filter.params,
    })
}

struct Recusals {
    settings: ImportSettings,
    advisors: Names,
    numbers: Numbers,
    now: String,
}

fn start(tx: &Tx, settings: &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>> {
    settings.refuse_update("recusals")?;
    Ok(Box::new(Recusals {
        settings: settings.clone(),
        advisors: Names::load(tx, &ADVISOR)?,
        numbers: Numbers::load(tx, "recusals")?,
        now: now_stamp(),
    }))
}

impl RowHandler for Recusals {
    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        let env = &self.settings.env;
        let id = match self.numbers.claim(tx, "--id", row.value_at(ID), row.line)? {
            Number::New(id) => id,
            Number::OnFile(id) => {
                return self
                    .settings
                    .duplicate("--id", &crate::tr!("回避记录 #{id}", "recusal #{id}"));
            }
        };
        let advisor = person(
            &self.advisors,
            tx,
            env,
            "--advisor",
            row.value_at(ADVISOR_CODE),
            row.value_at(ADVISOR_NAME),
        )?
        .ok_or_else(|| {
            crate::invalid!(
                "--advisor：请填写专家编码或姓名",
                "--advisor: give the advisor's code or name"
            )
        })?;
        let typed = parse(
            env,
            row.value_at(MATTER),
            row.value_at(UNIT),
            row.value_at(DATE),
            row.value_at(REASON),
        )?;
        insert(
            tx,
            &NewRecusal {
                id: Some(id),
                advisor_id: advisor.id,
                matter: &typed.matter,
                related_unit: typed.unit.as_deref(),
                on_date: &typed.on_date,
                reason: &typed.reason,
            },
            &self.now,
        )?;
        Ok(Outcome::Inserted)
    }
}
