//! What every command runs with: the validated global options (`Env`), the
//! open connection, the one transaction helper and the confirmation prompt.

use std::io::IsTerminal;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::i18n::Lang;
use crate::output::Format;

/// The global options, validated.
#[derive(Clone, Debug)]
pub struct Env {
    pub format: Format,
    pub lang: Lang,
    pub operator: String,
    pub today: NaiveDate,
    pub yes: bool,
    /// A person is at a terminal and prompts are allowed.
    pub interactive: bool,
    /// The command line as typed, for the audit log.
    pub command: String,
    /// Print nothing (loading the sample office).
    pub quiet: bool,
}

impl Env {
    /// Whether stdin is a terminal (and prompts were not switched off).
    pub fn detect_interactive(no_input: bool) -> bool {
        !no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }
}

/// A command's context: the environment and the database.
pub struct Ctx {
    pub env: Env,
    pub conn: Connection,
}

impl Ctx {
    /// Runs `work` as one transaction: it all lands or nothing does. Takes
    /// the write lock at once (BEGIN IMMEDIATE) so a busy database waits
    /// within the timeout instead of failing half-way. Nested inside an outer
    /// transaction (the sample loader) it becomes a savepoint.
    pub fn write<T>(&self, work: impl FnOnce(&Tx) -> anyhow::Result<T>) -> anyhow::Result<T> {
        if crate::db::is_read_only(&self.conn) {
            return Err(crate::db::read_only_refusal(&self.conn));
        }
        let outermost = self.conn.is_autocommit();
        if outermost {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
        } else {
            self.conn.execute_batch("SAVEPOINT roster_command")?;
        }
        let tx = Tx {
            conn: &self.conn,
            env: &self.env,
        };
        match work(&tx) {
            Ok(value) => {
                let end = if outermost {
                    "COMMIT"
                } else {
                    "RELEASE roster_command"
                };
                if let Err(err) = self.conn.execute_batch(end) {
                    let _ = self.conn.execute_batch(if outermost {
                        "ROLLBACK"
                    } else {
                        "ROLLBACK TO roster_command; RELEASE roster_command"
                    });
                    return Err(err.into());
                }
                Ok(value)
            }
            Err(err) => {
                let undo = if outermost {
                    "ROLLBACK"
                } else {
                    "ROLLBACK TO roster_command; RELEASE roster_command"
                };
                let _ = self.conn.execute_batch(undo);
                Err(err)
            }
        }
    }

    /// Runs `work` inside one read transaction, so everything it reads comes
    /// from one consistent snapshot even while others write.
    pub fn read<T>(
        &self,
        work: impl FnOnce(&Connection) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        if !self.conn.is_autocommit() {
            return work(&self.conn);
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let result = work(&self.conn);
        let _ = self
            .conn
            .execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
        result
    }

    /// Runs two independent reads of one snapshot side by side, on the
    /// machine's two cores: `prelude` and `first` here, `second` on a
    /// reader of its own (`db::reader`), both given what `prelude` read.
    /// The reader is used only when it sees the snapshot this connection
    /// does by `audit::snapshot_mark` — the last audit row (id and hash) and
    /// the schema's version: every change a roster command makes writes an
    /// audit row (an edit that changes nothing moves only the record's
    /// `updated_at`, which no report reads), a migration or other schema
    /// change moves the version, and
    /// the hash tells a file restored over this one. (Only a write made
    /// outside roster, without either, could pass unseen; SQLite's snapshot
    /// API, which would close that too, is not in the bundled build.)
    /// Otherwise — a commit landed between the two reads' starts, no
    /// thread or reader could be had (a file opened read-only, in memory)
    /// or this runs inside a transaction — `second` runs here after
    /// `first`. The results are the same either way.
    pub fn read_both<P, A, B, F>(
        &self,
        prelude: impl FnOnce(&Connection) -> anyhow::Result<P>,
        first: impl FnOnce(&Connection, &P) -> anyhow::Result<A>,
        second: F,
    ) -> anyhow::Result<(P, A, B)>
    where
        P: Sync,
        B: Send,
        F: FnOnce(&Connection, &P) -> anyhow::Result<B> + Send,
    {
        let alone = !self.conn.is_autocommit() || crate::db::is_read_only(&self.conn);
        let path = self.conn.path().unwrap_or_default().to_string();
        self.read(|conn| {
            let p = prelude(conn)?;
            if alone || path.is_empty() {
                let a = first(conn, &p)?;
                let b = second(conn, &p)?;
                return Ok((p, a, b));
            }
            let mark = crate::audit::snapshot_mark(conn)?;
            // `second` waits here for whichever side runs it: the other
            // thread, or this one when no thread or reader can be had.
            let slot = std::sync::Mutex::new(Some(second));
            let (shared, slot) = (&p, &slot);
            let (a, b) = std::thread::scope(|scope| {
                let other = std::thread::Builder::new().spawn_scoped(scope, move || {
                    let reader = crate::db::reader(std::path::Path::new(&path))
                        .ok()
                        .and_then(|reader| {
                            reader.execute_batch("BEGIN DEFERRED").ok()?;
                            let same = crate::audit::snapshot_mark(&reader).ok()? == mark;
                            same.then_some(reader)
                        })?;
                    let second = slot.lock().ok()?.take()?;
                    Some(second(&reader, shared))
                });
                let a = first(conn, shared);
                let b = match other {
                    Ok(handle) => handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    Err(_) => None,
                };
                (a, b)
            });
            let a = a?;
            let b = match b {
                Some(b) => b?,
                None => {
                    let second = slot
                        .lock()
                        .map_err(|_| anyhow::anyhow!("the second read was lost"))?
                        .take()
                        .ok_or_else(|| anyhow::anyhow!("the second read ran without a result"))?;
                    second(conn, &p)?
                }
            };
            Ok((p, a, b))
        })
    }

    /// Asks before a destructive or final step; `--yes` answers for the user.
    /// Without a terminal and without `--yes` the step is not taken (exit 3).
    pub fn confirm(&self, question: &str) -> anyhow::Result<()> {
        confirm(&self.env, question)
    }

    pub fn today(&self) -> NaiveDate {
        self.env.today
    }
}

/// See `Ctx::confirm`.
pub fn confirm(env: &Env, question: &str) -> anyhow::Result<()> {
    if env.yes {
        return Ok(());
    }
    if !env.interactive {
        return Err(crate::invalid!(
            "此操作需要确认（{question}）；非交互运行时请加 --yes",
            "this step needs confirmation ({question}); add --yes when not at a terminal",
        ));
    }
    let answer = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()?;
    if answer {
        Ok(())
    } else {
        Err(crate::refused!(
            "已取消，未做任何更改",
            "cancelled; nothing was changed"
        ))
    }
}

/// A write transaction in progress: a connection plus who is writing.
pub struct Tx<'a> {
    pub conn: &'a Connection,
    pub env: &'a Env,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Tx<'_> {
    /// Writes an audit row for a change to `entity` #`id` (see `audit`).
    pub fn audit(
        &self,
        entity: &str,
        id: i64,
        action: &str,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> anyhow::Result<()> {
        crate::audit::record(self.conn, self.env, entity, Some(id), action, before, after)
    }

    /// The current row of `table` #`id` as a JSON object (for before/after).
    pub fn snapshot(&self, table: &str, id: i64) -> anyhow::Result<serde_json::Value> {
        crate::audit::snapshot(self.conn, table, id)
    }

    pub fn today(&self) -> NaiveDate {
        self.env.today
    }
}

/// The wall-clock time of a change, as stored in `created_at` and the audit log.
pub fn now_stamp() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn office(dir: &tempfile::TempDir) -> Ctx {
        let conn = crate::db::create(&dir.path().join("office.db")).unwrap();
        let env = Env {
            format: Format::Table,
            lang: Lang::Zh,
            operator: "test".to_string(),
            today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            yes: true,
            interactive: false,
            command: "test".to_string(),
            quiet: true,
        };
        Ctx { env, conn }
    }

    fn audit_rows(conn: &Connection) -> anyhow::Result<i64> {
        Ok(conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?)
    }

    /// (whether the connection only reads, how many audit rows it sees,
    /// what the prelude read)
    fn seen(conn: &Connection, prelude: &i64) -> anyhow::Result<(bool, i64, i64)> {
        let only: bool = conn.query_row("PRAGMA query_only", [], |r| r.get(0))?;
        Ok((only, audit_rows(conn)?, *prelude))
    }

    #[test]
    fn the_second_read_runs_beside_the_first_on_the_same_snapshot() {
        let dir = tempfile::TempDir::new().unwrap();
        let ctx = office(&dir);
        ctx.write(|tx| tx.audit("settings", 1, "set", None, None))
            .unwrap();
        let (n, first, second) = ctx.read_both(audit_rows, seen, seen).unwrap();
        assert!(n > 0);
        assert_eq!(first, (false, n, n));
        assert_eq!(
            second,
            (true, n, n),
            "read by a second, read-only connection"
        );
    }

    #[test]
    fn inside_a_transaction_the_second_read_sees_what_it_wrote() {
        let dir = tempfile::TempDir::new().unwrap();
        let ctx = office(&dir);
        let before = ctx.read(audit_rows).unwrap();
        let (_, first, second) = ctx
            .write(|tx| {
                tx.audit("settings", 1, "set", None, None)?;
                ctx.read_both(audit_rows, seen, seen)
            })
            .unwrap();
        assert_eq!(first, (false, before + 1, before + 1));
        assert_eq!(
            second,
            (false, before + 1, before + 1),
            "read here, uncommitted row and all"
        );
    }

    /// A change without an audit row that a roster binary makes — a
    /// migration, any schema change — moves the mark, so the two readers of
    /// `read_both` are never matched across it.
    #[test]
    fn the_snapshot_mark_moves_with_an_audit_row_and_with_the_schema() {
        let dir = tempfile::TempDir::new().unwrap();
        let ctx = office(&dir);
        let mark = || ctx.read(crate::audit::snapshot_mark).unwrap();
        let at_start = mark();
        ctx.write(|tx| tx.audit("settings", 1, "set", None, None))
            .unwrap();
        let audited = mark();
        assert_ne!(audited, at_start);
        ctx.conn
            .execute_batch("CREATE TABLE scratch (x INTEGER)")
            .unwrap();
        assert_ne!(mark(), audited);
    }
}
