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
            "此操作需要确认：{question}；非交互运行时请加 --yes",
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
