//! `panels`: the committee, panels and stations with their settings,
//! imported through `panel add`/`edit`'s own validation; a duplicate is a
//! row whose code (or name) is already on file. Yearly duties (quotas) are
//! not part of this dataset.

use rusqlite::types::Value;

use crate::cli::panel::PanelFields;
use crate::commands::panel::apply;
use crate::context::{Tx, now_stamp};
use crate::i18n::pick;
use crate::labels::{FESTIVAL, PANEL_KIND, STEP};
use crate::output::{Kind, col};
use crate::store::panel::{self as store, Panel};
use crate::transfer::{
    Dataset, FastMap, ImportSettings, OnDuplicate, Outcome, Query, Row, RowHandler, Selection,
    fast_map,
};

pub static DATASET: Dataset = Dataset {
    name: "panels",
    zh: "顾问团",
    en: "panels",
    columns: &[
        col("code", "编码", "code", Kind::Text),
        col("name", "名称", "name", Kind::Text),
        col("kind", "类型", "kind", Kind::Enum(&PANEL_KIND)),
        col("lead_unit", "牵头单位", "lead unit", Kind::Text),
        col(
            "liaison_office",
            "联系服务办公室",
            "liaison office",
            Kind::Text,
        ),
        col("office_head", "办公室负责人", "office head", Kind::Text),
        col(
            "term_years",
            "默认聘期(年)",
            "default term (years)",
            Kind::Int,
        ),
        col(
            "max_term_years",
            "最长聘期(年)",
            "longest term (years)",
            Kind::Int,
        ),
        col("steps", "聘任步骤", "procedure steps", Kind::Enum(&STEP)),
        col("notice_days", "公示天数", "notice days", Kind::Int),
        col("direct_renewal", "可直接续聘", "direct renewal", Kind::Bool),
        col(
            "contact_interval",
            "联系间隔上限(天)",
            "contact interval (days)",
            Kind::Int,
        ),
        col("stipend", "年度聘金", "yearly stipend", Kind::Money),
        col(
            "greetings",
            "节日慰问",
            "festivals greeted",
            Kind::Enum(&FESTIVAL),
        ),
        // Who may be appointed: 无/none for no limit (a blank cell: the
        // default, seed 001 art. 5).
        col("max_age", "年龄上限(岁)", "age limit", Kind::Text),
        col(
            "min_work_years",
            "从业年限下限(年)",
            "years of work required",
            Kind::Text,
        ),
        col("notes", "备注", "notes", Kind::Text),
    ],
    required: &["code", "name", "kind"],
    filters: &[],
    export,
    import: Some(start),
    rows_checked: false,
};

fn export(_: &Selection) -> anyhow::Result<Query> {
    Ok(Query {
        // A panel without steps appoints directly: written as 无/none, which
        // the import reads back as no steps (a blank cell means the default).
        sql: "SELECT code, name, kind, lead_unit, liaison_office, office_head, term_years, max_term_years,
                CASE WHEN steps = '' THEN ?1 ELSE steps END, notice_days, direct_renewal,
                contact_interval_days, stipend_fen, greeting_festivals,
                IFNULL(CAST(max_age AS TEXT), ?1), IFNULL(CAST(min_work_years AS TEXT), ?1), notes
              FROM panels ORDER BY id"
            .to_string(),
        params: vec![Value::Text(pick("无", "none").to_string())],
    })
}

/// The row as `panel add` flags (`edit` when updating: a blank cell clears).
fn fields(row: &Row, editing: bool) -> PanelFields {
    let optional = |key: &str| {
        if editing {
            row.edit(key)
        } else {
            row.flag(key)
        }
    };
    PanelFields {
        code: row.flag("code"),
        name: row.flag("name"),
        kind: row.flag("kind"),
        lead_unit: optional("lead_unit"),
        liaison_office: optional("liaison_office"),
        office_head: optional("office_head"),
        term_years: row.flag("term_years"),
        max_term_years: row.flag("max_term_years"),
        steps: row.flag("steps"),
        notice_days: row.flag("notice_days"),
        direct_renewal: row.flag("direct_renewal"),
        contact_interval: optional("contact_interval"),
        stipend: optional("stipend"),
        greetings: row.flag("greetings"),
        max_age: row.flag("max_age"),
        min_work_years: row.flag("min_work_years"),
        notes: optional("notes"),
    }
}

struct Panels {
    settings: ImportSettings,
    /// Lowercased code → id and name → id (codes and names are unique, codes without case).
    codes: FastMap<String, i64>,
    names: FastMap<String, i64>,
    seen: FastMap<String, u64>,
    now: String,
}

fn start(tx: &Tx, settings: &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>> {
    let mut codes = fast_map();
    let mut names = fast_map();
    let mut stmt = tx.prepare("SELECT id, code, name FROM panels")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, code, name): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        codes.insert(code.to_lowercase(), id);
        names.insert(name, id);
    }
    Ok(Box::new(Panels {
        settings: settings.clone(),
        codes,
        names,
        seen: fast_map(),
        now: now_stamp(),
    }))
}

impl RowHandler for Panels {
    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        let code = row.value("code").unwrap_or_default().trim();
        let name = row.value("name").unwrap_or_default().trim();
        if let Some(first) = self.seen.insert(code.to_lowercase(), row.line) {
            return Err(crate::invalid!(
                "--code：编码 {code} 与第 {first} 行重复",
                "--code: code {code} repeats line {first}"
            ));
        }
        let by_code = self.codes.get(&code.to_lowercase()).copied();
        let by_name = self.names.get(name).copied();
        let Some(id) = by_code else {
            if by_name.is_some() {
                return Err(crate::invalid!(
                    "--name：名称“{name}”已被其他顾问团使用",
                    "--name: name \"{name}\" is already used by another panel"
                ));
            }
            let mut panel = Panel::default();
            apply(&self.settings.env, &fields(row, false), &mut panel, true)?;
            let id = store::insert(tx, &panel, &self.now)?;
            self.codes.insert(panel.code.to_lowercase(), id);
            self.names.insert(panel.name, id);
            return Ok(Outcome::Inserted);
        };
        match self.settings.on_duplicate {
            OnDuplicate::Skip => Ok(Outcome::Skipped),
            OnDuplicate::Fail => Err(OnDuplicate::refuse(
                "--code",
                &crate::tr!("编码 {code}", "code {code}"),
            )),
            OnDuplicate::Update => {
                if by_name.is_some_and(|other| other != id) {
                    return Err(crate::invalid!(
                        "--name：名称“{name}”已被其他顾问团使用",
                        "--name: name \"{name}\" is already used by another panel"
                    ));
                }
                let mut panel = store::get(tx, id)?;
                let on_record = panel.clone();
                apply(&self.settings.env, &fields(row, true), &mut panel, false)?;
                // A row that changes nothing is left alone, counted as skipped.
                if panel == on_record {
                    return Ok(Outcome::Skipped);
                }
                let before = tx.snapshot("panels", id)?;
                store::update(tx, &panel, &self.now)?;
                let after = tx.snapshot("panels", id)?;
                if crate::commands::panel::changed(&before, &after) {
                    tx.audit("panel", id, "import_update", Some(&before), Some(&after))?;
                }
                self.names.insert(panel.name, id);
                Ok(Outcome::Updated)
            }
        }
    }
}
