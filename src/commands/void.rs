//! Voiding: the one way a wrong record leaves use. Nothing is deleted; the
//! row is marked with when and why, stays in history and in the audit log,
//! and no longer counts anywhere.

use rusqlite::{OptionalExtension, params};

use crate::context::{Ctx, Tx, now_stamp};
use crate::i18n::pick;
use crate::input::{Form, text};
use crate::output::print_done;

/// A kind of record that can be voided.
pub struct Voidable {
    pub table: &'static str,
    /// The audit log's entity name.
    pub entity: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// The listing that shows these records (for a "not found" message).
    pub list: &'static str,
    /// The table keeps an `updated_at` stamp.
    pub stamped: bool,
}

/// Voids record `id` with a reason (asked for when missing at a terminal).
/// `guard` runs first inside the transaction and refuses what may not be
/// voided (a locked year, a record others depend on).
pub fn void_record(
    ctx: &Ctx,
    what: &Voidable,
    id: i64,
    reason: Option<&str>,
    guard: impl FnOnce(&Tx) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut form = Form::new(&ctx.env);
    let reason = form.text(
        "--reason",
        pick("作废原因", "reason"),
        reason,
        text::LINE_MAX,
    )?;
    form.finish()?;
    let name = pick(what.zh, what.en);
    ctx.write(|tx| {
        let table = what.table;
        let state: Option<Option<String>> = tx
            .prepare_cached(&format!("SELECT void_reason FROM {table} WHERE id = ?1"))?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let list = what.list;
        match state {
            None => {
                return Err(crate::invalid!(
                    "找不到{name} #{id}；可用 roster {list} 查看",
                    "no {name} #{id}; see `roster {list}`"
                ));
            }
            Some(Some(previous)) => {
                return Err(crate::refused!(
                    "{name} #{id} 已作废（{previous}）",
                    "{name} #{id} is already void ({previous})"
                ));
            }
            Some(None) => {}
        }
        guard(tx)?;
        let before = tx.snapshot(table, id)?;
        let stamp = if what.stamped {
            ", updated_at = ?1"
        } else {
            ""
        };
        tx.prepare_cached(&format!(
            "UPDATE {table} SET voided_at = ?1, void_reason = ?2{stamp} WHERE id = ?3"
        ))?
        .execute(params![now_stamp(), reason, id])?;
        tx.audit(
            what.entity,
            id,
            "void",
            Some(&before),
            Some(&tx.snapshot(table, id)?),
        )
    })?;
    print_done(
        &ctx.env,
        &crate::tr!(
            "已作废{name} #{id}：{reason}",
            "voided {name} #{id}: {reason}"
        ),
        what.entity,
        id,
        None,
    )
}
