//! Importing the roster: each row through `advisor add`/`edit`'s own
//! validation, duplicates found by code or ID number, new rows staged and
//! moved into `advisors` in one statement at the end.

use rusqlite::params;

use crate::cli::advisor::AdvisorFields;
use crate::commands::advisor::apply;
use crate::context::{Env, Tx, now_stamp};
use crate::input::idcard;
use crate::store::advisor::{self as store, Advisor};
use crate::transfer::{
    FastMap, ImportSettings, OnDuplicate, Outcome, Prepared, Preparer, Row, RowHandler, fast_map,
    personal_cells,
};

/// The row as `advisor add` flags (`edit` when updating: a blank cell clears).
fn fields(row: &Row, editing: bool) -> AdvisorFields {
    let optional = |key: &str| {
        if editing {
            row.edit(key)
        } else {
            row.flag(key)
        }
    };
    AdvisorFields {
        code: row.flag("code"),
        name: row.flag("name"),
        gender: optional("gender"),
        birth_date: optional("birth_date"),
        id_number: optional("id_number"),
        category: row.flag("category"),
        tier: optional("tier"),
        native_place: optional("native_place"),
        native_abroad: row.flag("native_abroad"),
        employer: optional("employer"),
        position: optional("position"),
        title: optional("title"),
        fields: optional("fields"),
        work_start_year: optional("work_start_year"),
        academician: row.flag("academician"),
        phone: optional("phone"),
        email: optional("email"),
        wechat: optional("wechat"),
        address: optional("address"),
        stipend: optional("stipend"),
        notes: optional("notes"),
    }
}

/// Rows are staged in a temporary table and moved into `advisors` by one
/// statement at the end; the search index is then filled for the new rows by
/// one more (`finish`).
const STAGE: &str = "temp.roster_import_advisors";
const STAGED_COLUMNS: &str = "code, name, gender, birth_date, id_number, category, tier, native_place, \
    native_abroad, employer, position, title, fields, work_start_year, academician, phone, email, wechat, \
    address, stipend_fen, notes, created_at, updated_at";

/// The trigger that keeps the search index in step with `advisors` on insert.
const FTS_TRIGGER: &str = "advisors_fts_insert";

/// From this many staged rows on (and as many as are on file), the plain
/// indexes are dropped for the move and built again after it.
const BULK: i64 = 10_000;

/// The advisors' plain (not UNIQUE) indexes, as `schema.sql` makes them; a
/// test keeps the two in step.
const PLAIN_INDEXES: [(&str, &str); 3] = [
    (
        "advisors_code_nocase",
        "CREATE INDEX advisors_code_nocase ON advisors(code COLLATE NOCASE)",
    ),
    (
        "advisors_name",
        "CREATE INDEX advisors_name ON advisors(name)",
    ),
    (
        "advisors_category",
        "CREATE INDEX advisors_category ON advisors(category, tier)",
    ),
];

struct Advisors {
    settings: ImportSettings,
    /// Code → id and ID number → id of every advisor on file; a row new in
    /// this file is entered as minus its line, so a repeat can name it.
    codes: FastMap<String, i64>,
    ids: FastMap<String, i64>,
    /// Advisors on file that a row already matched (id → line).
    touched: FastMap<i64, u64>,
    next_code: i64,
    now: String,
}

pub(super) fn start(tx: &Tx, settings: &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>> {
    let mut codes = fast_map();
    let mut ids = fast_map();
    let mut next_code = 1;
    let mut stmt = tx.prepare("SELECT id, code, id_number FROM advisors")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, code, id_number): (i64, String, Option<String>) =
            (r.get(0)?, r.get(1)?, r.get(2)?);
        if let Some(n) = generated_number(&code) {
            next_code = next_code.max(n + 1);
        }
        codes.insert(code, id);
        if let Some(number) = id_number {
            ids.insert(number, id);
        }
    }
    tx.execute_batch(&format!(
        "DROP TABLE IF EXISTS {STAGE};
         CREATE TABLE {STAGE} AS SELECT {STAGED_COLUMNS} FROM main.advisors WHERE 0;"
    ))?;
    Ok(Box::new(Advisors {
        settings: settings.clone(),
        codes,
        ids,
        touched: fast_map(),
        next_code,
        now: now_stamp(),
    }))
}

/// A row as a new advisor, checked by `advisor add`'s rules on the reading
/// thread: all of a new row's checks that need no database. The handler
/// takes the result only for a row that is not on file.
fn prepare(env: &Env, row: &Row) -> Prepared {
    let mut a = Advisor::default();
    let checked = apply(env, &fields(row, false), &mut a, true).map(|()| a);
    Some(Box::new(checked))
}

/// An advisor's personal value on file, by column key (`personal_cells`).
fn personal<'a>(advisor: &'a Advisor, key: &str) -> Option<&'a str> {
    match key {
        "id_number" => advisor.id_number.as_deref(),
        "phone" => advisor.phone.as_deref(),
        "email" => advisor.email.as_deref(),
        "wechat" => advisor.wechat.as_deref(),
        "address" => advisor.address.as_deref(),
        "birth_date" => advisor.birth_date.as_deref(),
        _ => None,
    }
}

/// The number in a generated code such as `A0041`.
fn generated_number(code: &str) -> Option<i64> {
    let digits = code.strip_prefix('A')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

impl RowHandler for Advisors {
    fn preparer(&self) -> Option<Preparer> {
        let env = self.settings.env.clone();
        Some(Box::new(move |row: &Row| prepare(&env, row)))
    }

    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        let code = row.value("code").map(str::trim);
        let id_number = row.value("id_number").map(|s| s.trim().to_uppercase());
        let by_code = code.and_then(|c| self.codes.get(c).copied());
        let by_id = id_number.as_ref().and_then(|n| self.ids.get(n).copied());
        if let (Some(code), Some(line)) = (code, by_code.filter(|v| *v < 0)) {
            let first = -line;
            return Err(crate::invalid!(
                "--code：编码 {code} 与第 {first} 行重复",
                "--code: code {code} repeats line {first}"
            ));
        }
        if let (Some(number), Some(line)) = (&id_number, by_id.filter(|v| *v < 0)) {
            let (masked, first) = (idcard::mask(number), -line);
            return Err(crate::invalid!(
                "--id-number：身份证号 {masked} 与第 {first} 行重复",
                "--id-number: ID number {masked} repeats line {first}"
            ));
        }
        let existing = match (by_code, by_id) {
            (Some(a), Some(b)) if a != b => {
                let masked = id_number.as_deref().map(idcard::mask).unwrap_or_default();
                return Err(crate::invalid!(
                    "--id-number：身份证号 {masked} 已登记在另一位专家名下，与编码不符；请核对",
                    "--id-number: ID number {masked} belongs to another advisor than the code says; check both",
                ));
            }
            (a, b) => a.or(b),
        };
        let Some(id) = existing else {
            return self.insert(tx, row);
        };
        if let Some(first) = self.touched.insert(id, row.line) {
            return Err(crate::invalid!(
                "第 {first} 行已对应同一位专家（编码或身份证号相同）",
                "line {first} already matched the same advisor (same code or ID number)"
            ));
        }
        match self.settings.on_duplicate {
            OnDuplicate::Skip => self.skip(tx, row, id),
            OnDuplicate::Fail => {
                // Who holds it, as `advisor add` names them.
                let holder = store::get(tx, id)?;
                let (held_code, held_name) = (&holder.code, &holder.name);
                let what = match (code, by_code) {
                    (Some(code), Some(_)) => {
                        crate::tr!("编码 {code}（{held_name}）", "code {code} ({held_name})")
                    }
                    _ => {
                        let masked = id_number.as_deref().map(idcard::mask).unwrap_or_default();
                        crate::tr!(
                            "身份证号 {masked}（{held_code} {held_name}）",
                            "ID number {masked} ({held_code} {held_name})"
                        )
                    }
                };
                let flag = if by_code.is_some() {
                    "--code"
                } else {
                    "--id-number"
                };
                Err(OnDuplicate::refuse(flag, &what))
            }
            OnDuplicate::Update => self.update(tx, row, id),
        }
    }

    fn finish(&mut self, tx: &Tx) -> anyhow::Result<()> {
        // As large as the roster on file or larger: the plain indexes are
        // built again in one sort rather than updated row by row.
        let (staged, on_file): (i64, i64) = tx.query_row(
            &format!("SELECT (SELECT count(*) FROM {STAGE}), (SELECT count(*) FROM main.advisors)"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let rebuild = staged >= on_file.max(BULK);
        if rebuild {
            tx.execute_batch(
                &PLAIN_INDEXES
                    .map(|(name, _)| format!("DROP INDEX main.{name};"))
                    .concat(),
            )?;
        }
        // The search index's trigger fires once per row (100,000 advisors
        // imported in 1.10 s with it, 1.00 s with the index filled by one
        // INSERT … SELECT). So the trigger is set aside for the move and
        // made again, as it was, in the same transaction.
        let trigger: String = tx.query_row(
            "SELECT sql FROM main.sqlite_master WHERE type = 'trigger' AND name = ?1",
            [FTS_TRIGGER],
            |r| r.get(0),
        )?;
        let first_new: i64 = tx.query_row(
            "SELECT coalesce(max(id), 0) + 1 FROM main.advisors",
            [],
            |r| r.get(0),
        )?;
        tx.execute_batch(&format!(
            "DROP TRIGGER main.{FTS_TRIGGER};
             INSERT INTO main.advisors ({STAGED_COLUMNS}) SELECT {STAGED_COLUMNS} FROM {STAGE} ORDER BY rowid;
             DROP TABLE {STAGE};"
        ))?;
        tx.execute(
            "INSERT INTO main.advisors_fts (rowid, name, employer, fields, notes)
             SELECT id, name, employer, fields, notes FROM main.advisors WHERE id >= ?1",
            [first_new],
        )?;
        tx.execute_batch(&trigger)?;
        if rebuild {
            tx.execute_batch(&PLAIN_INDEXES.map(|(_, sql)| format!("{sql};")).concat())?;
        }
        Ok(())
    }
}

impl Advisors {
    fn insert(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        personal_cells(row, "advisor", None)?;
        let mut a = match row.take_prepared::<anyhow::Result<Advisor>>() {
            Some(checked) => checked?,
            None => {
                let mut a = Advisor::default();
                apply(&self.settings.env, &fields(row, false), &mut a, true)?;
                a
            }
        };
        if a.code.is_empty() {
            while self.codes.contains_key(&format!("A{:04}", self.next_code)) {
                self.next_code += 1;
            }
            a.code = format!("A{:04}", self.next_code);
            self.next_code += 1;
        }
        tx.prepare_cached(&format!(
            "INSERT INTO {STAGE} ({STAGED_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22)"
        ))?
        .execute(params![
            a.code, a.name, a.gender, a.birth_date, a.id_number, a.category, a.tier, a.native_place,
            a.native_abroad, a.employer, a.position, a.title, a.fields, a.work_start_year, a.academician,
            a.phone, a.email, a.wechat, a.address, a.stipend_fen, a.notes, self.now
        ])?;
        let line = -(row.line as i64);
        self.codes.insert(a.code, line);
        if let Some(number) = a.id_number {
            self.ids.insert(number, line);
        }
        Ok(Outcome::Inserted)
    }

    /// A row left as it is on file: said so when the file differs (a bad
    /// cell counts as a difference; it is not checked, the row is skipped).
    fn skip(&self, tx: &Tx, row: &Row, id: i64) -> anyhow::Result<Outcome> {
        let on_record = store::get(tx, id)?;
        let mut advisor = on_record.clone();
        let same = personal_cells(row, "advisor", Some(&|key: &str| personal(&on_record, key)))
            .is_ok()
            && apply(&self.settings.env, &fields(row, true), &mut advisor, false).is_ok()
            && advisor == on_record;
        Ok(if same {
            Outcome::Skipped
        } else {
            Outcome::SkippedDiffers
        })
    }

    fn update(&mut self, tx: &Tx, row: &Row, id: i64) -> anyhow::Result<Outcome> {
        let mut advisor = store::get(tx, id)?;
        personal_cells(row, "advisor", Some(&|key: &str| personal(&advisor, key)))?;
        let on_record = advisor.clone();
        apply(&self.settings.env, &fields(row, true), &mut advisor, false)?;
        // A row that changes nothing (an export imported back as it was)
        // is left alone: not rewritten, counted as skipped.
        if advisor == on_record {
            return Ok(Outcome::Skipped);
        }
        if let Some(number) = &advisor.id_number
            && self.ids.get(number).is_some_and(|other| *other != id)
        {
            let masked = idcard::mask(number);
            return Err(crate::invalid!(
                "--id-number：身份证号 {masked} 已登记在另一位专家名下",
                "--id-number: ID number {masked} is already on the roster for another advisor",
            ));
        }
        let before = tx.snapshot("advisors", id)?;
        store::update(tx, &advisor, &self.now)?;
        store::record_tier(
            tx,
            id,
            on_record.tier.as_deref(),
            advisor.tier.as_deref(),
            &crate::input::date::iso(self.settings.env.today),
            &self.now,
        )?;
        let after = tx.snapshot("advisors", id)?;
        if crate::commands::panel::changed(&before, &after) {
            tx.audit("advisor", id, "import_update", Some(&before), Some(&after))?;
        }
        self.codes.insert(advisor.code, id);
        if let Some(number) = advisor.id_number {
            self.ids.insert(number, id);
        }
        Ok(Outcome::Updated)
    }
}

#[cfg(test)]
mod tests {
    use super::PLAIN_INDEXES;

    /// The indexes an import drops and builds again are exactly the plain
    /// indexes of `advisors`, made as the schema makes them.
    #[test]
    fn plain_indexes_match_the_schema() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for migration in crate::db::MIGRATIONS {
            conn.execute_batch(migration).unwrap();
        }
        let mut stmt = conn
            .prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'advisors'
                   AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
            )
            .unwrap();
        let found: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut wanted: Vec<(String, String)> = PLAIN_INDEXES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        wanted.sort();
        assert_eq!(found, wanted);
    }
}
