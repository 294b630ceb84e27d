//! Whether an advisor may join an activity: the rules of `participant add`
//! (seed 001 arts. 10–12: serving on the panel that day or a guest, a
//! recusal respected unless overridden, the confirmed year locked, no
//! attendance recorded before the day), asked of `Facts` — the database for
//! the commands, what an import loaded once for the activities import.

use super::participant::Join;
use crate::context::Tx;
use crate::domain::work;
use crate::i18n::pick;
use crate::input::resolve::Found;
use crate::store::activity::{self as store, Activity, Participant};

/// What deciding a participation needs to know about the roster. The
/// commands ask the database (`Stored`); an import answers from what it
/// loaded once (`transfer::datasets::activities`), with the same meaning.
pub(crate) trait Facts {
    /// `store::assess::check_open` for one advisor on `date`.
    fn check_open(&mut self, tx: &Tx, date: &str, advisor_id: i64) -> anyhow::Result<()>;
    /// The advisor's row on the activity, voided or not.
    fn existing(
        &mut self,
        tx: &Tx,
        activity_id: i64,
        advisor_id: i64,
    ) -> anyhow::Result<Option<Participant>>;
    /// Whether the advisor serves on the activity's panel (or on any panel
    /// when it has none) on its date.
    fn serving(&mut self, tx: &Tx, a: &Activity, advisor_id: i64) -> anyhow::Result<bool>;
    /// The first standing recusal of the advisor that covers the activity.
    fn covering_recusal(
        &mut self,
        tx: &Tx,
        a: &Activity,
        advisor_id: i64,
    ) -> anyhow::Result<Option<store::Recusal>>;
}

/// The facts as the database holds them.
pub(crate) struct Stored;

impl Facts for Stored {
    fn check_open(&mut self, tx: &Tx, date: &str, advisor_id: i64) -> anyhow::Result<()> {
        crate::store::assess::check_open(tx, date, &[advisor_id])
    }

    fn existing(
        &mut self,
        tx: &Tx,
        activity_id: i64,
        advisor_id: i64,
    ) -> anyhow::Result<Option<Participant>> {
        store::participant(tx, activity_id, advisor_id)
    }

    fn serving(&mut self, tx: &Tx, a: &Activity, advisor_id: i64) -> anyhow::Result<bool> {
        crate::store::is_serving(tx, advisor_id, a.panel_id, &a.on_date)
    }

    fn covering_recusal(
        &mut self,
        tx: &Tx,
        a: &Activity,
        advisor_id: i64,
    ) -> anyhow::Result<Option<store::Recusal>> {
        Ok(store::recusals_by(tx, advisor_id, &a.on_date)?
            .into_iter()
            .find(|r| covers(r, a)))
    }
}

/// Whether recusal `r` covers activity `a` (`domain::work::recusal_covers`).
pub(crate) fn covers(r: &store::Recusal, a: &Activity) -> bool {
    work::recusal_covers(
        &r.matter,
        r.related_unit.as_deref(),
        &a.topic,
        a.requesting_unit.as_deref(),
    )
}

/// The refusal of an advisor who does not serve where the activity is.
pub(crate) fn not_serving(
    tx: &Tx,
    flag: &str,
    a: &Activity,
    advisor: &Found,
) -> anyhow::Result<anyhow::Error> {
    let (who, code, on) = (&advisor.name, &advisor.code, &a.on_date);
    let elsewhere = a.panel_id.is_some() && crate::store::is_serving(tx, advisor.id, None, on)?;
    let place = match a.panel_id {
        Some(p) => crate::store::panel::get(tx, p)?.name,
        None => pick("任何顾问团", "any panel").to_string(),
    };
    Ok(if elsewhere {
        crate::refused!(
            "{flag}：{who}（{code}）在 {on} 未在{place}任职（在其他顾问团任职）；作为特邀嘉宾参加请加 --guest",
            "{flag}: {who} ({code}) does not serve on {place} on {on} (serves elsewhere); to take part as a guest add --guest",
        )
    } else {
        crate::refused!(
            "{flag}：{who}（{code}）在 {on} 未在{place}任职；作为特邀嘉宾参加请加 --guest",
            "{flag}: {who} ({code}) does not serve on {place} on {on}; to take part as a guest add --guest",
        )
    })
}

pub(crate) fn recusal_error(
    flag: &str,
    advisor: &Found,
    r: &store::Recusal,
    activity_id: i64,
) -> anyhow::Error {
    let (who, code, rid, matter, on) = (&advisor.name, &advisor.code, r.id, &r.matter, &r.on_date);
    // The related unit in brackets, when the recusal names one.
    let (unit_zh, unit_en) = match r.related_unit.as_deref().filter(|u| !u.is_empty()) {
        Some(unit) => (format!("（{unit}）"), format!(" ({unit})")),
        None => (String::new(), String::new()),
    };
    crate::refused!(
        "{flag}：{who}（{code}）已于 {on} 对“{matter}”{unit_zh}申请回避（回避记录 #{rid}），不能参加活动 #{activity_id}；确需参加请加 --override \"理由\"",
        "{flag}: {who} ({code}) recused from \"{matter}\"{unit_en} on {on} (recusal #{rid}) and cannot take part in activity #{activity_id}; if it must be, add --override \"reason\"",
    )
}

/// An advisor let onto an activity: how, and any row to revive.
pub(crate) struct Admitted {
    /// A row removed earlier, revived rather than added again.
    pub existing: Option<Participant>,
    /// Serving there that day (otherwise a guest).
    pub member: bool,
    /// The override reason, kept when a recusal covers the activity.
    pub override_reason: Option<String>,
}

/// The checks of adding one advisor to an activity held on `on`, in order:
/// the year not locked, not on it already, no recorded attendance ahead of
/// the day, serving there or a guest, not covered by a recusal unless
/// overridden. Shared by the commands and the activities import. The
/// advisor's id comes apart from their record, which only a refusal reads
/// (an import's million rows then never touch the records, far apart in
/// memory).
pub(crate) fn admit(
    tx: &Tx,
    flag: &str,
    a: &Activity,
    on: chrono::NaiveDate,
    (id, advisor): (i64, &Found),
    j: &Join,
    facts: &mut impl Facts,
) -> anyhow::Result<Admitted> {
    facts.check_open(tx, &a.on_date, id)?;
    let existing = facts.existing(tx, a.id, id)?;
    if existing.as_ref().is_some_and(|p| p.voided_at.is_none()) {
        let (who, code, id) = (&advisor.name, &advisor.code, a.id);
        return Err(crate::refused!(
            "{flag}：{who}（{code}）已在活动 #{id} 中；修改出席情况请用 roster activity attend {id} {code}",
            "{flag}: {who} ({code}) is already on activity #{id}; to change the attendance use `roster activity attend {id} {code}`",
        ));
    }
    work::check_not_future("--attendance", a.id, on, j.attendance, tx.today())?;
    let member = facts.serving(tx, a, id)?;
    if !member && !j.guest {
        return Err(not_serving(tx, flag, a, advisor)?);
    }
    let override_reason = match facts.covering_recusal(tx, a, id)? {
        Some(r) if j.override_reason.is_none() => {
            return Err(recusal_error(flag, advisor, &r, a.id));
        }
        Some(_) => j.override_reason.clone(),
        None => None,
    };
    Ok(Admitted {
        existing,
        member,
        override_reason,
    })
}
