//! `advice`: the advisors' advice and how it was handled, one row per piece
//! with its advisors listed in one cell. Voided advice is left out.
//! Imported through `advice add`'s own rules, then each step its dates
//! record — assignment, the adoption decision, implementation, a leader's
//! endorsement, feedback — through `advice update`'s (`apply_moves`), so
//! the handling history is rebuilt step by step and checked as a clerk's
//! commands would be. The status must be where those steps lead.

use rusqlite::types::Value;

use crate::cli::advice::AdviceFields;
use crate::commands::activity::participant::resolve_all;
use crate::commands::advice::handling::{Moves, apply_moves};
use crate::commands::advice::{insert_new, parse_new};
use crate::context::{Tx, now_stamp};
use crate::domain::advice::OUTCOMES;
use crate::input::resolve::ADVISOR;
use crate::input::{Form, date, text};
use crate::labels::{ADVICE_CHANNEL, ADVICE_STATUS};
use crate::output::{Kind, col};
use crate::store::Filter as Where;
use crate::store::advice as store;
use crate::transfer::{
    Dataset, Filter, ImportSettings, Names, Number, Numbers, Outcome, Query, Row, RowHandler,
    Selection, people_items, people_separator, person,
};

pub static DATASET: Dataset = Dataset {
    name: "advice",
    zh: "意见建议及办理情况",
    en: "advice and how it was handled",
    columns: &[
        col("id", "编号", "id", Kind::Int),
        col("date", "提交日期", "submitted", Kind::Date),
        col("title", "标题", "title", Kind::Text),
        col(
            "channel",
            "报送方式",
            "channel",
            Kind::Enum(&ADVICE_CHANNEL),
        ),
        col("advisor", "专家", "advisors", Kind::Text),
        col("panel", "顾问团", "panel", Kind::Text),
        col("activity", "来源活动编号", "from activity", Kind::Int),
        col("summary", "内容摘要", "summary", Kind::Text),
        col("status", "办理状态", "status", Kind::Enum(&ADVICE_STATUS)),
        col("outcome", "采纳结果", "outcome", Kind::Enum(&ADVICE_STATUS)),
        col("unit", "承办单位", "assigned unit", Kind::Text),
        col("assigned_on", "交办日期", "assigned on", Kind::Date),
        col("outcome_on", "采纳决定日期", "decided on", Kind::Date),
        col("reason", "未采纳理由", "reason not adopted", Kind::Text),
        col("implemented_on", "落实日期", "implemented on", Kind::Date),
        col("endorsed_by", "批示领导", "endorsed by", Kind::Text),
        col("endorsed_on", "批示日期", "endorsed on", Kind::Date),
        col("feedback_by", "反馈人", "feedback by", Kind::Text),
        col("feedback_on", "反馈日期", "feedback on", Kind::Date),
        col("feedback_note", "反馈内容", "feedback", Kind::Text),
    ],
    required: &["date", "title", "channel", "advisor"],
    filters: &[
        Filter::Year,
        Filter::Panel,
        Filter::Advisor,
        Filter::Kind,
        Filter::Status,
        Filter::From,
        Filter::To,
    ],
    export,
    import: Some(start),
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let mut filter = Where::default();
    filter.add("ad.voided_at IS NULL", []);
    sel.dates(&mut filter, "ad.on_date")?;
    if let Some(panel) = sel.panel()? {
        filter.add("ad.panel_id = ?", [Value::Integer(panel)]);
    }
    if let Some(advisor) = sel.advisor()? {
        filter.add(
            "ad.id IN (SELECT x.advice_id FROM advice_advisors x WHERE x.advisor_id = ?)",
            [Value::Integer(advisor)],
        );
    }
    if let Some(channel) = sel.kind(&ADVICE_CHANNEL)? {
        filter.add("ad.channel = ?", [Value::Text(channel.to_string())]);
    }
    if let Some(status) = &sel.filters.status {
        let status = ADVICE_STATUS.parse("--status", status)?;
        filter.add("ad.status = ?", [Value::Text(status.to_string())]);
    }
    let where_clause = filter.sql();
    let mut params = vec![Value::Text(people_separator().to_string())];
    params.extend(filter.params);
    Ok(Query {
        sql: format!(
            "SELECT ad.id, ad.on_date, ad.title, ad.channel,
                (SELECT group_concat(who, ?1) FROM (SELECT a.code || ' ' || a.name AS who FROM advice_advisors x
                   JOIN advisors a ON a.id = x.advisor_id WHERE x.advice_id = ad.id ORDER BY a.code)),
                p.name, ad.activity_id, ad.summary, ad.status,
                (SELECT e.event FROM advice_events e WHERE e.advice_id = ad.id
                   AND e.event IN ('adopted', 'partly_adopted', 'not_adopted') ORDER BY e.id DESC LIMIT 1),
                ad.assigned_unit, ad.assigned_on, ad.outcome_on, ad.not_adopted_reason, ad.implemented_on,
                ad.endorsed_by, ad.endorsed_on, ad.feedback_by, ad.feedback_on, ad.feedback_note
             FROM advice ad LEFT JOIN panels p ON p.id = ad.panel_id{where_clause}
             ORDER BY ad.id"
        ),
        params,
    })
}

struct Advice {
    settings: ImportSettings,
    advisors: Names,
    numbers: Numbers,
}

fn start(tx: &Tx, settings: &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>> {
    settings.refuse_update("advice")?;
    Ok(Box::new(Advice {
        settings: settings.clone(),
        advisors: Names::load(tx, &ADVISOR)?,
        numbers: Numbers::load(tx, "advice")?,
    }))
}

/// A date cell a step needs: required when the step is there.
fn step_date(
    row: &Row,
    key: &str,
    flag: &str,
    today: chrono::NaiveDate,
) -> anyhow::Result<chrono::NaiveDate> {
    match row.value(key) {
        Some(text) => date::parse(flag, text, today),
        None => Err(crate::invalid!(
            "{flag}：请填写这一办理环节的日期",
            "{flag}: give the date of this step of handling"
        )),
    }
}

/// A name cell (leader, who gave feedback), validated as `advice update` does.
fn who(row: &Row, key: &str, flag: &str) -> anyhow::Result<Option<String>> {
    row.value(key).map(|s| text::name(flag, s)).transpose()
}

impl RowHandler for Advice {
    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        let env = &self.settings.env;
        let today = env.today;
        let id = match self.numbers.claim(tx, "--id", row.value("id"), row.line)? {
            Number::New(id) => id,
            Number::OnFile(id) => {
                return self
                    .settings
                    .duplicate("--id", &crate::tr!("意见建议 #{id}", "advice #{id}"));
            }
        };
        let mut codes = Vec::new();
        for (code, name) in people_items(row.value("advisor").unwrap_or_default()) {
            if let Some(found) = person(
                &self.advisors,
                tx,
                env,
                "--advisor",
                Some(&code),
                name.as_deref(),
            )? {
                codes.push(found.code.clone());
            }
        }
        let advisors = resolve_all(tx, env, "--advisor", &codes)?;
        // A blank panel cell means no panel; without the column, the
        // advisor's only panel is taken as `advice add` takes it.
        let fields = AdviceFields {
            title: row.flag("title"),
            channel: row.flag("channel"),
            activity: row.flag("activity"),
            panel: if row.has("panel") {
                Some(row.value("panel").unwrap_or_default().to_string())
            } else {
                None
            },
            summary: row.flag("summary"),
        };
        let mut form = Form::new(env);
        let mut advice = parse_new(env, &fields, row.value("date"), &mut form)?;
        form.finish()?;
        advice.id = id;
        insert_new(
            tx,
            env,
            &fields,
            &mut advice,
            &advisors,
            (!row.has("panel"), false),
        )?;
        // The steps its dates record, in their order.
        let unit = row
            .value("unit")
            .map(|s| text::line("--unit", s, text::LINE_MAX))
            .transpose()?;
        if unit.is_some() || row.value("assigned_on").is_some() {
            let on = step_date(row, "assigned_on", "--assigned-on", today)?;
            let moves = Moves::status("assigned", on, unit, None)?;
            apply_moves(tx, &mut advice, &moves, "--assigned-on")?;
        }
        let status = row
            .value("status")
            .map(|s| ADVICE_STATUS.parse("--status", s))
            .transpose()?;
        let outcome = match row.value("outcome") {
            Some(s) => Some(ADVICE_STATUS.parse("--outcome", s)?),
            None => status.filter(|s| OUTCOMES.contains(s)),
        };
        if let Some(outcome) = outcome {
            if !OUTCOMES.contains(&outcome) {
                let shown = ADVICE_STATUS.label(outcome);
                return Err(crate::invalid!(
                    "--outcome：采纳结果应为采纳、部分采纳或未采纳，而不是“{shown}”",
                    "--outcome: the outcome is adopted, partly adopted or not adopted, not {shown}"
                ));
            }
            let on = step_date(row, "outcome_on", "--outcome-on", today)?;
            let reason = row
                .value("reason")
                .map(|s| text::line("--reason", s, text::LINE_MAX))
                .transpose()?;
            let moves = Moves::status(outcome, on, None, reason)?;
            apply_moves(tx, &mut advice, &moves, "--outcome-on")?;
        } else if row.value("outcome_on").is_some() || row.value("reason").is_some() {
            return Err(crate::invalid!(
                "--outcome：给出了采纳决定的日期或理由，请写明采纳结果（采纳、部分采纳或未采纳）",
                "--outcome: a decision date or reason was given; name the outcome (adopted, partly adopted or not adopted)"
            ));
        }
        if row.value("implemented_on").is_some() {
            let on = step_date(row, "implemented_on", "--implemented-on", today)?;
            let moves = Moves::status("implemented", on, None, None)?;
            apply_moves(tx, &mut advice, &moves, "--implemented-on")?;
        }
        if let Some(status) = status
            && status != advice.status
        {
            let (said, reached) = (
                ADVICE_STATUS.label(status),
                ADVICE_STATUS.label(&advice.status),
            );
            return Err(crate::invalid!(
                "--status：办理状态写的是“{said}”，但所填的办理日期只到“{reached}”；请补全交办、采纳或落实的日期",
                "--status: the status says {said}, but the dates given lead to {reached}; fill in the dates of assignment, decision or implementation"
            ));
        }
        let mut moves = Moves::default();
        if let Some(leader) = who(row, "endorsed_by", "--endorsed-by")? {
            moves.endorsed = Some((
                leader,
                step_date(row, "endorsed_on", "--endorsed-on", today)?,
            ));
        } else if row.value("endorsed_on").is_some() {
            return Err(crate::invalid!(
                "--endorsed-by：给出了批示日期，请同时写明批示领导",
                "--endorsed-by: an endorsement date was given; say who endorsed it"
            ));
        }
        if let Some(giver) = who(row, "feedback_by", "--feedback-by")? {
            let note = row
                .value("feedback_note")
                .map(|s| text::note("--feedback-note", s))
                .transpose()?;
            moves.feedback = Some((
                giver,
                step_date(row, "feedback_on", "--feedback-on", today)?,
                note,
            ));
        } else if row.value("feedback_on").is_some() || row.value("feedback_note").is_some() {
            return Err(crate::invalid!(
                "--feedback-by：给出了反馈日期或内容，请同时写明反馈人",
                "--feedback-by: a feedback date or note was given; say who gave the feedback"
            ));
        }
        apply_moves(tx, &mut advice, &moves, "--date")?;
        store::update(tx, &advice, &now_stamp())?;
        Ok(Outcome::Inserted)
    }
}
