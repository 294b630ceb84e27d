//! `contacts`: the office reaching advisors, one row per contact with the
//! advisors it names listed in one cell (`A0005 李国栋、A0006 周敏`) — a
//! greeting to a panel is one contact, as it was recorded. Voided contacts
//! are left out. Imported through `contact add`'s own rules (`validate`,
//! `advisors`: each advisor serving on the day); the festival occurrence
//! greeted is computed again, not read. A blank liaison cell means no
//! liaison; without the column, the advisors' shared liaison is taken as
//! `contact add` takes it.

use rusqlite::types::Value;

use crate::cli::contact::ContactAddArgs;
use crate::commands::contact::{advisors, default_liaison, validate};
use crate::context::{Tx, now_stamp};
use crate::input::resolve::{ADVISOR, LIAISON};
use crate::labels::{CARE_KIND, CHANNEL, CONTACT_KIND, EVENT, FESTIVAL, OCCASION};
use crate::output::{Kind, col};
use crate::store::{Filter as Where, serving_condition};
use crate::transfer::{
    Dataset, Filter, ImportSettings, Names, Number, Numbers, Outcome, Query, Row, RowHandler,
    Selection, people_items, people_separator, person,
};

pub static DATASET: Dataset = Dataset {
    name: "contacts",
    zh: "联系服务",
    en: "contacts",
    columns: &[
        col("id", "编号", "id", Kind::Int),
        col("date", "日期", "date", Kind::Date),
        col("kind", "联系方式", "kind", Kind::Enum(&CONTACT_KIND)),
        col("advisor", "专家", "advisors", Kind::Text),
        col("liaison", "联系人", "liaison", Kind::Text),
        col("channel", "渠道", "channel", Kind::Enum(&CHANNEL)),
        col("occasion", "事由", "occasion", Kind::Enum(&OCCASION)),
        col("festival", "节日", "festival", Kind::Enum(&FESTIVAL)),
        col("festival_date", "所贺节日日期", "festival date", Kind::Date),
        col("care", "关怀内容", "care", Kind::Enum(&CARE_KIND)),
        col("event", "报告事项", "event", Kind::Enum(&EVENT)),
        col("note", "内容", "note", Kind::Text),
    ],
    required: &["date", "kind", "advisor"],
    filters: &[
        Filter::Year,
        Filter::Panel,
        Filter::Advisor,
        Filter::Kind,
        Filter::From,
        Filter::To,
    ],
    export,
    import: Some(start),
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let mut filter = Where::default();
    filter.add("c.voided_at IS NULL", []);
    sel.dates(&mut filter, "c.on_date")?;
    if let Some(kind) = sel.kind(&CONTACT_KIND)? {
        filter.add("c.kind = ?", [Value::Text(kind.to_string())]);
    }
    if let Some(advisor) = sel.advisor()? {
        filter.add(
            "c.id IN (SELECT x.contact_id FROM contact_advisors x WHERE x.advisor_id = ?)",
            [Value::Integer(advisor)],
        );
    }
    if let Some(panel) = sel.panel()? {
        // As `contact list --panel`: naming an advisor serving on the panel that day.
        let serving = serving_condition("ap").replace('?', "y.on_date");
        filter.add(
            format!(
                "c.id IN (SELECT x.contact_id FROM appointments ap
                 JOIN contact_advisors x ON x.advisor_id = ap.advisor_id
                 JOIN contacts y ON y.id = x.contact_id
                 WHERE ap.panel_id = ? AND {serving})"
            ),
            [Value::Integer(panel)],
        );
    }
    let where_clause = filter.sql();
    let mut params = vec![Value::Text(people_separator().to_string())];
    params.extend(filter.params);
    Ok(Query {
        sql: format!(
            "SELECT c.id, c.on_date, c.kind,
                (SELECT group_concat(who, ?1) FROM (SELECT a.code || ' ' || a.name AS who FROM contact_advisors x
                   JOIN advisors a ON a.id = x.advisor_id WHERE x.contact_id = c.id ORDER BY a.code)),
                l.code || ' ' || l.name, c.channel, c.occasion, c.festival, c.festival_date, c.care_kind, c.event,
                c.note
             FROM contacts c LEFT JOIN liaisons l ON l.id = c.liaison_id{where_clause}
             ORDER BY c.id"
        ),
        params,
    })
}

struct Contacts {
    settings: ImportSettings,
    advisors: Names,
    liaisons: Names,
    numbers: Numbers,
    now: String,
}

fn start(tx: &Tx, settings: &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>> {
    settings.refuse_update("contacts")?;
    Ok(Box::new(Contacts {
        settings: settings.clone(),
        advisors: Names::load(tx, &ADVISOR)?,
        liaisons: Names::load(tx, &LIAISON)?,
        numbers: Numbers::load(tx, "contacts")?,
        now: now_stamp(),
    }))
}

impl RowHandler for Contacts {
    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        let env = &self.settings.env;
        let id = match self.numbers.claim(tx, "--id", row.value("id"), row.line)? {
            Number::New(id) => id,
            Number::OnFile(id) => {
                return self
                    .settings
                    .duplicate("--id", &crate::tr!("联系服务记录 #{id}", "contact #{id}"));
            }
        };
        // Each advisor by code (and the name it must carry) or by name.
        let mut texts = Vec::new();
        for (code, name) in people_items(row.value("advisor").unwrap_or_default()) {
            let found = person(
                &self.advisors,
                tx,
                env,
                "--advisor",
                Some(&code),
                name.as_deref(),
            )?;
            if let Some(found) = found {
                texts.push(found.code.clone());
            }
        }
        let args = ContactAddArgs {
            date: row.flag("date"),
            kind: row.flag("kind"),
            advisors: texts,
            panel: None,
            liaison: None,
            channel: row.flag("channel"),
            occasion: row.flag("occasion"),
            festival: row.flag("festival"),
            care: row.flag("care"),
            event: row.flag("event"),
            note: row.flag("note"),
        };
        let (mut contact, texts) = validate(env, &args)?;
        let named = advisors(tx, env, &args, &texts, &contact.on_date)?;
        contact.liaison_id = match row.value("liaison") {
            Some(cell) => {
                let (code, name) = people_items(cell)
                    .into_iter()
                    .next()
                    .unwrap_or((cell.to_string(), None));
                person(
                    &self.liaisons,
                    tx,
                    env,
                    "--liaison",
                    Some(&code),
                    name.as_deref(),
                )?
                .map(|l| l.id)
            }
            None if row.has("liaison") => None,
            None => default_liaison(tx, &contact.kind, &named, &contact.on_date)?,
        };
        contact.id = Some(id);
        let ids: Vec<i64> = named.iter().map(|f| f.id).collect();
        crate::store::contact::insert(tx, &contact, &ids, &self.now)?;
        Ok(Outcome::Inserted)
    }
}
