//! Work on file dated after an appointment ended (a resignation or a
//! dismissal entered with an earlier date): the participations and advice
//! that were recorded as the advisor's service but no longer fall in it. They
//! stay on file and nothing is refused; the clerk is warned, `assess run`
//! counts only records in the days served, and `roster check` lists the
//! participations (check::work).

use rusqlite::params;

use crate::context::Tx;
use crate::labels::ATTENDANCE;

/// Lines naming advisor `advisor_id`'s non-guest participations and
/// advice dated `from` (the first day no longer served) or later on which,
/// now, they do not serve: on the activity's panel (any panel when it has
/// none), as `participant add` asks without `--guest`; on any panel for
/// advice, as `advice add` asks.
pub(super) fn work_after(tx: &Tx, advisor_id: i64, from: &str) -> anyhow::Result<Vec<String>> {
    let serving = |on: &str, panel: &str| {
        format!(
            "EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = ?1 AND {panel}{})",
            crate::store::serving_condition("ap").replace('?', on)
        )
    };
    let mut lines = Vec::new();
    let sql = format!(
        "SELECT ac.id, ac.on_date, ac.topic, pa.attendance
         FROM participants pa JOIN activities ac ON ac.id = pa.activity_id
         WHERE pa.advisor_id = ?1 AND pa.guest = 0 AND pa.voided_at IS NULL AND ac.voided_at IS NULL
           AND ac.on_date >= ?2 AND NOT {}
         ORDER BY ac.on_date, ac.id",
        serving(
            "ac.on_date",
            "(ac.panel_id IS NULL OR ap.panel_id = ac.panel_id) AND "
        )
    );
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query(params![advisor_id, from])?;
    while let Some(r) = rows.next()? {
        let (id, on, topic, attendance): (i64, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let attendance = ATTENDANCE.label(&attendance);
        lines.push(crate::tr!(
            "活动 #{id}（{on}，{topic}，{attendance}）",
            "activity #{id} ({on}, {topic}, {attendance})"
        ));
    }
    let sql = format!(
        "SELECT ad.id, ad.on_date, ad.title
         FROM advice_advisors aa JOIN advice ad ON ad.id = aa.advice_id
         WHERE aa.advisor_id = ?1 AND ad.voided_at IS NULL AND ad.on_date >= ?2 AND NOT {}
         ORDER BY ad.on_date, ad.id",
        serving("ad.on_date", "")
    );
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query(params![advisor_id, from])?;
    while let Some(r) = rows.next()? {
        let (id, on, title): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        lines.push(crate::tr!(
            "意见建议 #{id}（{on}，{title}）",
            "advice #{id} ({on}, {title})"
        ));
    }
    Ok(lines)
}

/// The warning for `work_after`'s lines (none when there are none).
pub(super) fn warning(name: &str, code: &str, from: &str, lines: &[String]) -> Option<String> {
    if lines.is_empty() {
        return None;
    }
    let list = lines.join(crate::i18n::pick("；", "; "));
    Some(crate::tr!(
        "注意：{name} 自 {from} 起不再任职，但以下记录的日期在此之后，仍作为任职期间的工作登记：{list}。记录保留未动；年度考核只计任职期间的记录。日期有误的请更正；不属于任职期间的，请移除（roster activity participant remove 活动ID {code} --reason …）或作废（roster advice void ID --reason …）",
        "note: {name} no longer serves from {from}, yet these records dated on or after it are on file as their service: {list}. They are kept as they are; the yearly assessment counts only records in the days served. Correct a wrong date; remove what was not their service (roster activity participant remove ACTIVITY {code} --reason …) or void it (roster advice void ID --reason …)",
    ))
}

/// A reminder for the stipends recorded for the year the service ends in
/// (or later): paid for the days projected then, they may now be more than
/// the days served (seed 002 六, per year of service). `pay-stipends` for
/// that year names the amount owed and how to correct it.
pub(super) fn stipends(tx: &Tx, advisor_id: i64, from: &str) -> anyhow::Result<Option<String>> {
    let year: i64 = from.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let mut stmt = tx.prepare(
        "SELECT id, stipend_year, amount_fen FROM expenses
         WHERE advisor_id = ?1 AND stipend_year >= ?2 AND voided_at IS NULL ORDER BY stipend_year",
    )?;
    let found: Vec<(i64, i64, i64)> = stmt
        .query_map(params![advisor_id, year], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    let Some(&(_, first_year, _)) = found.first() else {
        return Ok(None);
    };
    let list = found
        .iter()
        .map(|(id, y, fen)| {
            let amount = crate::input::money::grouped(*fen);
            crate::tr!("#{id}（{y} 年，{amount} 元）", "#{id} ({y}, {amount} yuan)")
        })
        .collect::<Vec<_>>()
        .join(crate::i18n::pick("、", ", "));
    Ok(Some(crate::tr!(
        "注意：已记录的聘金 {list} 是按当时的聘期计算的；任职提前结束后请核对：roster expense pay-stipends --year {first_year} 会列出现在应为多少及如何更正",
        "note: the stipends recorded, {list}, were reckoned on the terms as they stood; with the service ended early, check them: roster expense pay-stipends --year {first_year} names what is owed now and how to correct it",
    )))
}

/// Warns (stderr) of work on file dated after the ending and of stipends
/// recorded on the terms as they stood (`work_after`, `stipends`).
pub(super) fn warn(
    ctx: &crate::context::Ctx,
    advisor_id: i64,
    from: chrono::NaiveDate,
    lines: &[String],
    paid: Option<String>,
) -> anyhow::Result<()> {
    let advisor = crate::store::advisor::get(&ctx.conn, advisor_id)?;
    if let Some(note) = warning(
        &advisor.name,
        &advisor.code,
        &crate::input::date::iso(from),
        lines,
    ) {
        crate::output::print_warning(&ctx.env, &note);
    }
    if let Some(note) = paid {
        crate::output::print_warning(&ctx.env, &note);
    }
    Ok(())
}
