//! Importing the roster: each row through `advisor add`/`edit`'s own
//! validation, duplicates found by code or ID number, new rows written a
//! few dozen at a time (`write.rs`).

use super::write::Writer;
use crate::cli::advisor::AdvisorFields;
use crate::commands::advisor::apply;
use crate::context::{Env, Tx, now_stamp};
use crate::input::idcard;
use crate::input::text::halfwidth;
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

struct Advisors {
    settings: ImportSettings,
    /// Code → id, code in capitals → id (`b0001` is `B0001`, as lookups
    /// by code have it; the code as given wins where an older file holds
    /// both) and ID number → id of every advisor on file; a row new in this
    /// file is entered as minus its line, so a repeat can name it.
    codes: FastMap<String, i64>,
    folded: FastMap<String, i64>,
    ids: FastMap<String, i64>,
    /// Advisors on file that a row already matched (id → line).
    touched: FastMap<i64, u64>,
    next_code: i64,
    now: String,
    writer: Writer,
}

pub(super) fn start(tx: &Tx, settings: &ImportSettings) -> anyhow::Result<Box<dyn RowHandler>> {
    let mut codes = fast_map();
    let mut folded = fast_map();
    let mut ids = fast_map();
    let mut next_code = 1;
    let mut on_file = 0;
    let mut stmt = tx.prepare("SELECT id, code, id_number FROM advisors")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, code, id_number): (i64, String, Option<String>) =
            (r.get(0)?, r.get(1)?, r.get(2)?);
        if let Some(n) = generated_number(&code) {
            next_code = next_code.max(n + 1);
        }
        on_file += 1;
        folded.insert(code.to_ascii_uppercase(), id);
        codes.insert(code, id);
        if let Some(number) = id_number {
            ids.insert(number, id);
        }
    }
    let now = now_stamp();
    Ok(Box::new(Advisors {
        settings: settings.clone(),
        codes,
        folded,
        ids,
        touched: fast_map(),
        next_code,
        now: now.clone(),
        writer: Writer::new(on_file, now),
    }))
}

/// A row as a new advisor, checked on the reading thread: all of a new
/// row's checks that need no database. The handler takes the result only
/// for a row that is not on file.
fn prepare(env: &Env, row: &Row) -> Prepared {
    Some(Box::new(new_advisor(env, row)))
}

/// A row as a new advisor, checked: no masked value from an export, and
/// `advisor add`'s rules.
fn new_advisor(env: &Env, row: &Row) -> anyhow::Result<Advisor> {
    personal_cells(row, "advisor", None)?;
    let mut a = Advisor::default();
    apply(env, &fields(row, false), &mut a, true)?;
    Ok(a)
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
    /// 64-row INSERTs into a table with two UNIQUE keys and a search index:
    /// the writing thread is the busier (100,000 advisors 0.64 s with the
    /// content digest on the reading thread, 0.67 s on the writing one).
    fn writes_heavily(&self) -> bool {
        true
    }

    fn preparer(&self) -> Option<Preparer> {
        let env = self.settings.env.clone();
        Some(Box::new(move |rows: &[Row]| {
            rows.iter().map(|row| prepare(&env, row)).collect()
        }))
    }

    fn row(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        // As `advisor add` stores them (full-width forms read as ordinary ones).
        let code = row.value("code").map(|c| halfwidth(c).trim().to_string());
        let id_number = row.value("id_number").map(|s| {
            halfwidth(s.trim())
                .trim_start_matches('\'')
                .trim()
                .to_uppercase()
        });
        let by_code = code.as_deref().and_then(|c| {
            self.codes
                .get(c)
                .or_else(|| self.folded.get(&c.to_ascii_uppercase()))
                .copied()
        });
        let by_id = id_number.as_ref().and_then(|n| self.ids.get(n).copied());
        if let (Some(code), Some(line)) = (&code, by_code.filter(|v| *v < 0)) {
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
        self.writer.finish(tx)
    }
}

impl Advisors {
    fn insert(&mut self, tx: &Tx, row: &Row) -> anyhow::Result<Outcome> {
        let mut a = match row.take_prepared::<anyhow::Result<Advisor>>() {
            Some(checked) => checked?,
            None => new_advisor(&self.settings.env, row)?,
        };
        if a.code.is_empty() {
            while self.folded.contains_key(&format!("A{:04}", self.next_code)) {
                self.next_code += 1;
            }
            a.code = format!("A{:04}", self.next_code);
            self.next_code += 1;
        }
        let line = -(row.line as i64);
        // In capitals only: a new code is no other's in any case.
        self.folded.insert(a.code.to_ascii_uppercase(), line);
        if let Some(number) = &a.id_number {
            self.ids.insert(number.clone(), line);
        }
        self.writer.add(tx, a)?;
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
        self.folded.insert(advisor.code.to_ascii_uppercase(), id);
        self.codes.insert(advisor.code, id);
        if let Some(number) = advisor.id_number {
            self.ids.insert(number, id);
        }
        Ok(Outcome::Updated)
    }
}
