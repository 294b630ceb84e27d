//! `roster advice update`: moving the handling of advice on — assignment
//! (交办), adoption, implementation — and recording a leader's endorsement
//! (领导批示) and feedback to the advisor (反馈). Every move is checked by
//! `domain::advice` and dated in `advice_events`.

use crate::cli::advice::AdviceUpdateArgs;
use crate::context::{Ctx, Tx, now_stamp};
use crate::domain::advice as rules;
use crate::input::{date, text};
use crate::labels::ADVICE_STATUS;
use crate::output::print_done;
use crate::store::advice as store;

/// `update`'s values, validated before the transaction.
#[derive(Default)]
pub(crate) struct Moves {
    pub status: Option<(&'static str, chrono::NaiveDate)>,
    pub unit: Option<String>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub endorsed: Option<(String, chrono::NaiveDate)>,
    pub feedback: Option<(String, chrono::NaiveDate, Option<String>)>,
}

impl Moves {
    /// A status move to `to` on `on`, with the unit or reason it needs.
    pub(crate) fn status(
        to: &'static str,
        on: chrono::NaiveDate,
        unit: Option<String>,
        reason: Option<String>,
    ) -> anyhow::Result<Moves> {
        rules::check_move_details(to, unit.as_deref(), reason.as_deref())?;
        Ok(Moves {
            status: Some((to, on)),
            unit,
            reason,
            ..Moves::default()
        })
    }
}

fn parse_moves(ctx: &Ctx, args: &AdviceUpdateArgs) -> anyhow::Result<Moves> {
    let today = ctx.today();
    let day = |flag: &str, given: Option<&str>| -> anyhow::Result<chrono::NaiveDate> {
        given.map_or(Ok(today), |s| date::parse(flag, s, today))
    };
    let line = |flag: &str, given: Option<&str>| -> anyhow::Result<Option<String>> {
        Ok(given
            .map(|s| text::line(flag, s, text::LINE_MAX))
            .transpose()?
            .filter(|s| !s.is_empty()))
    };
    let status = args
        .status
        .as_deref()
        .map(|s| ADVICE_STATUS.parse("--status", s))
        .transpose()?;
    if status.is_none() && (args.date.is_some() || args.unit.is_some() || args.reason.is_some()) {
        return Err(crate::invalid!(
            "--status：--date、--unit、--reason 用于办理状态的变更，请同时给出 --status",
            "--status: --date, --unit and --reason go with a status move; give --status too"
        ));
    }
    let unit = line("--unit", args.unit.as_deref())?;
    let reason = line("--reason", args.reason.as_deref())?;
    if let Some(to) = status {
        rules::check_move_details(to, unit.as_deref(), reason.as_deref())?;
    }
    let requires =
        |who: &Option<String>, flag: &str, dependents: &[(&str, bool)]| -> anyhow::Result<()> {
            if who.is_none()
                && let Some((dependent, _)) = dependents.iter().find(|(_, given)| *given)
            {
                return Err(crate::invalid!(
                    "{flag}：给出了 {dependent}，请同时写明是谁（{flag}）",
                    "{flag}: {dependent} was given; say who with {flag}"
                ));
            }
            Ok(())
        };
    requires(
        &args.endorsed_by,
        "--endorsed-by",
        &[("--endorsed-on", args.endorsed_on.is_some())],
    )?;
    requires(
        &args.feedback_by,
        "--feedback-by",
        &[
            ("--feedback-on", args.feedback_on.is_some()),
            ("--feedback-note", args.feedback_note.is_some()),
        ],
    )?;
    if status.is_none() && args.endorsed_by.is_none() && args.feedback_by.is_none() {
        return Err(crate::invalid!(
            "没有可更新的内容：请给出 --status、--endorsed-by 或 --feedback-by（修改标题等请用 roster advice edit）",
            "nothing to update: give --status, --endorsed-by or --feedback-by (to correct the title and such, use `roster advice edit`)"
        ));
    }
    Ok(Moves {
        status: status
            .map(|s| day("--date", args.date.as_deref()).map(|d| (s, d)))
            .transpose()?,
        unit,
        reason,
        note: args
            .note
            .as_deref()
            .map(|s| text::note("--note", s))
            .transpose()?
            .filter(|s| !s.is_empty()),
        endorsed: args
            .endorsed_by
            .as_deref()
            .map(|w| {
                Ok::<_, anyhow::Error>((
                    text::name("--endorsed-by", w)?,
                    day("--endorsed-on", args.endorsed_on.as_deref())?,
                ))
            })
            .transpose()?,
        feedback: args
            .feedback_by
            .as_deref()
            .map(|w| {
                Ok::<_, anyhow::Error>((
                    text::name("--feedback-by", w)?,
                    day("--feedback-on", args.feedback_on.as_deref())?,
                    args.feedback_note
                        .as_deref()
                        .map(|s| text::note("--feedback-note", s))
                        .transpose()?
                        .filter(|s| !s.is_empty()),
                ))
            })
            .transpose()?,
    })
}

/// Applies `moves` to advice `a` (loaded, not void, its year open): each
/// checked by `domain::advice`, dated in `advice_events`; the status
/// move's date is reported under `date_flag`. The caller writes `a` back.
pub(crate) fn apply_moves(
    tx: &Tx,
    a: &mut store::Advice,
    moves: &Moves,
    date_flag: &str,
) -> anyhow::Result<()> {
    let id = a.id;
    let submitted = date::from_db(&a.on_date)?;
    let (today, operator, now) = (tx.today(), tx.env.operator.clone(), now_stamp());
    if let Some((to, on)) = moves.status {
        rules::check_move(id, &a.status, to)?;
        rules::check_move_date(date_flag, on, date::from_db(a.status_date())?, today)?;
        let day = date::iso(on);
        match to {
            "assigned" => {
                a.assigned_unit = moves.unit.clone();
                a.assigned_on = Some(day.clone());
            }
            "implemented" => a.implemented_on = Some(day.clone()),
            _ => {
                a.outcome_on = Some(day.clone());
                a.not_adopted_reason = moves.reason.clone();
            }
        }
        a.status = to.to_string();
        let note = [moves.unit.clone(), moves.reason.clone(), moves.note.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("；");
        store::add_event(
            tx,
            id,
            to,
            &day,
            &operator,
            Some(note.as_str()).filter(|n| !n.is_empty()),
            &now,
        )?;
    }
    if let Some((who, on)) = &moves.endorsed {
        rules::check_after_submission("--endorsed-on", *on, submitted, today)?;
        a.endorsed_by = Some(who.clone());
        a.endorsed_on = Some(date::iso(*on));
        store::add_event(
            tx,
            id,
            "endorsed",
            &date::iso(*on),
            &operator,
            Some(who),
            &now,
        )?;
    }
    if let Some((who, on, note)) = &moves.feedback {
        rules::check_after_submission("--feedback-on", *on, submitted, today)?;
        a.feedback_by = Some(who.clone());
        a.feedback_on = Some(date::iso(*on));
        a.feedback_note = note.clone();
        let text = match note {
            Some(n) => format!("{who}：{n}"),
            None => who.clone(),
        };
        store::add_event(
            tx,
            id,
            "feedback",
            &date::iso(*on),
            &operator,
            Some(&text),
            &now,
        )?;
    }
    Ok(())
}

/// What the assessment counts of a piece of advice besides its submission
/// (`assess::load`): adopted, implemented, endorsed.
fn assessed(a: &store::Advice) -> (bool, bool, bool) {
    (
        store::ADOPTED.contains(&a.status.as_str()),
        a.status == "implemented",
        a.endorsed_on.is_some(),
    )
}

pub fn update(ctx: &Ctx, args: &AdviceUpdateArgs) -> anyhow::Result<()> {
    let moves = parse_moves(ctx, args)?;
    let id = args.id;
    let status = ctx.write(|tx| {
        let mut a = store::get_open(tx, id)?;
        let counted = assessed(&a);
        let before = tx.snapshot("advice", id)?;
        apply_moves(tx, &mut a, &moves, "--date")?;
        // A confirmed year keeps what its assessment counted; the handling
        // that counts for nothing (assignment, feedback, not adopted) goes
        // on into the next year.
        if assessed(&a) != counted {
            crate::store::assess::check_advice_open(tx, id)?;
        }
        store::update(tx, &a, &now_stamp())?;
        tx.audit(
            "advice",
            id,
            "update",
            Some(&before),
            Some(&tx.snapshot("advice", id)?),
        )?;
        Ok(a.status)
    })?;
    let shown = ADVICE_STATUS.label(&status);
    print_done(
        &ctx.env,
        &crate::tr!("意见建议 #{id}：{shown}", "advice #{id}: {shown}"),
        "advice",
        id,
        None,
    )
}
