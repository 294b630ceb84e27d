//! A liaison's place in the leadership (领导班子成员, seed 004 二), dated:
//! `--leader` with `--leader-from` sets `leader_since` / `leader_until`
//! (migration 8), so a past year's coverage judges that year's leaders.

use crate::cli::liaison::LiaisonFields;
use crate::context::Env;
use crate::input::{date, text};
use crate::store::liaison::Liaison;

/// `--leader` and `--leader-from`: the leadership, dated (migration 8). A
/// liaison named a leader is one from `--leader-from` (else from the day
/// recorded); one who stands down was one up to the day before.
pub(super) fn apply(
    env: &Env,
    f: &LiaisonFields,
    l: &mut Liaison,
    adding: bool,
) -> anyhow::Result<()> {
    let from = f
        .leader_from
        .as_deref()
        .map(|s| date::parse("--leader-from", s, env.today))
        .transpose()?;
    if let Some(day) = from
        && day > env.today
    {
        let (day, today) = (date::iso(day), date::iso(env.today));
        return Err(crate::invalid!(
            "--leader-from：{day} 晚于今天（{today}）；领导班子的变动在发生后登记",
            "--leader-from: {day} is after today ({today}); record a change in the leadership once it has happened"
        ));
    }
    let Some(text) = f.leader.as_deref() else {
        if from.is_some() {
            return Err(crate::invalid!(
                "--leader-from：须与 --leader yes 或 --leader no 一起使用",
                "--leader-from: give it with --leader yes or --leader no"
            ));
        }
        return Ok(());
    };
    let leader = text::yes_no("--leader", text)?;
    if leader {
        if adding || from.is_some() || !l.is_leader {
            // A leader from the day given, else from the day recorded: a
            // past year's coverage does not judge them (QA r8).
            l.leader_since = Some(date::iso(from.unwrap_or(env.today)));
        }
        l.leader_until = None;
    } else if adding {
        l.leader_since = None;
        l.leader_until = None;
    } else if l.is_leader || from.is_some() && l.leader_until.is_some() {
        let day = from.unwrap_or(env.today);
        let until = day.pred_opt().unwrap_or(day);
        if let Some(since) = l.leader_since.as_deref().and_then(date::parse_plain)
            && until < since
        {
            let since = date::iso(since);
            return Err(crate::invalid!(
                "--leader-from：{since} 起才担任领导，不能在此之前卸任",
                "--leader-from: a leader only from {since}; they cannot stand down before that"
            ));
        }
        l.leader_until = Some(date::iso(until));
    }
    l.is_leader = leader;
    Ok(())
}
