//! SQL, kept beside the code that reads its columns; always with parameters.

pub mod activity;
pub mod advice;
pub mod advisor;
pub mod appointment;
pub mod assess;
pub mod budget;
pub mod contact;
pub mod coverage;
pub mod due;
pub mod expense;
pub mod liaison;
pub mod need;
pub mod panel;
pub mod quota;
pub mod recusal;
pub mod roster_review;
pub mod settings;
pub mod station;
pub mod summary;

use rusqlite::types::Value;

/// A WHERE clause built from optional filters, with its parameters in order.
#[derive(Default)]
pub struct Filter {
    clauses: Vec<String>,
    pub params: Vec<Value>,
}

impl Filter {
    /// Adds a condition whose `?` placeholders take `values`, in order.
    pub fn add(&mut self, clause: impl Into<String>, values: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause.into());
        self.params.extend(values);
    }

    /// ` WHERE a AND b` (or nothing).
    pub fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// Text as a SQL parameter value.
pub fn text(v: impl Into<String>) -> Value {
    Value::Text(v.into())
}

/// A `LIKE` pattern matching `words` anywhere, with `%`, `_` and `\` taken
/// literally; use it with `LIKE ? ESCAPE '\'`.
pub fn contains(words: &str) -> Value {
    let mut pattern = String::with_capacity(words.len() + 2);
    pattern.push('%');
    for c in words.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    text(pattern)
}

/// An optional text: empty means NULL.
pub fn opt(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

/// Contact `{c}` is the visit a reported achievement or hardship calls for
/// (seed 004 三(一)1 三必访, 面对面联系): a visit, a home visit, or care
/// brought to the advisor — not the yearly group health check or
/// recuperation (三(五)1-2). Migration 7 keeps `contact_last.visit_on` by
/// the same rule.
pub fn follow_up_visit(c: &str) -> String {
    format!(
        "({c}.kind IN ('visit','home_visit') OR {c}.kind = 'care' \
         AND IFNULL({c}.care_kind, '') NOT IN ('health_check','recuperation'))"
    )
}

/// "Serving on a date" (DESIGN.md): an appointment that reached `appointed`
/// covers the date and had not ended by then. `{ap}` is the appointments
/// alias; the date is the next `?` parameter.
pub fn serving_condition(ap: &str) -> String {
    format!(
        "{ap}.state IN ('appointed','dismissed','resigned') AND {ap}.term_start <= ? AND {ap}.term_end >= ? \
         AND ({ap}.ended_on IS NULL OR {ap}.ended_on > ?)"
    )
}

/// `EXISTS` an appointment of advisor `{advisor_id}` serving on the date
/// (three `?` parameters, all the date), optionally on one panel (a fourth).
pub fn serving_exists(advisor_id: &str, with_panel: bool) -> String {
    let panel = if with_panel {
        " AND ap.panel_id = ?"
    } else {
        ""
    };
    format!(
        "EXISTS (SELECT 1 FROM appointments ap WHERE ap.advisor_id = {advisor_id} AND {}{panel})",
        serving_condition("ap")
    )
}

/// Whether an advisor serves (on any panel, or on `panel_id`) on `date`.
pub fn is_serving(
    conn: &rusqlite::Connection,
    advisor_id: i64,
    panel_id: Option<i64>,
    date: &str,
) -> anyhow::Result<bool> {
    let sql = format!("SELECT {}", serving_exists("?", panel_id.is_some()));
    let mut params: Vec<Value> = vec![Value::Integer(advisor_id)];
    params.extend(std::iter::repeat_n(text(date), 3));
    if let Some(p) = panel_id {
        params.push(Value::Integer(p));
    }
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?)
}

/// The status a reader sees (labels::APPOINTMENT_STATUS): the stored state,
/// except that an appointed term that has ended by `today` reads `renewed`
/// (a successor was appointed) or `expired`, and one not yet begun reads
/// `pending`; one dismissed or resigned after `today` reads as it was then.
/// `today` is a parameter name such as `?2` or `:today`.
pub fn status_expr(ap: &str, today: &str) -> String {
    format!(
        "CASE WHEN {ap}.state = 'appointed' AND {ap}.term_end < {today} THEN
            CASE WHEN EXISTS (SELECT 1 FROM appointments nx WHERE nx.previous_id = {ap}.id
                              AND nx.state IN ('appointed','dismissed','resigned')) THEN 'renewed' ELSE 'expired' END
         WHEN {ap}.state = 'appointed' AND {ap}.term_start > {today} THEN 'pending'
         WHEN {ap}.state IN ('dismissed','resigned') AND {ap}.ended_on > {today} THEN
            CASE WHEN {ap}.term_start > {today} THEN 'pending' ELSE 'appointed' END
         ELSE {ap}.state END"
    )
}
