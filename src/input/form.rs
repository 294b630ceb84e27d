//! Collecting a command's required values: taken from flags when given,
//! asked for (dialoguer) when a person is at a terminal, and otherwise
//! gathered into one error that names every missing flag (exit 3).

use crate::context::Env;
use crate::labels::Domain;

pub struct Form<'a> {
    env: &'a Env,
    missing: Vec<String>,
}

impl<'a> Form<'a> {
    pub fn new(env: &'a Env) -> Self {
        Form {
            env,
            missing: Vec::new(),
        }
    }

    /// A required value parsed by `parse`. Given: parsed now (a bad value is
    /// an error). Missing at a terminal: asked for until it parses. Missing
    /// otherwise: recorded for `finish`, and a default returned meanwhile.
    pub fn value<T: Default>(
        &mut self,
        flag: &str,
        prompt: &str,
        given: Option<&str>,
        parse: impl Fn(&str) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        if let Some(text) = given {
            return parse(text);
        }
        if !self.env.interactive {
            self.missing.push(flag.to_string());
            return Ok(T::default());
        }
        let text: String = dialoguer::Input::new()
            .with_prompt(prompt)
            .validate_with(|input: &String| parse(input).map(|_| ()).map_err(|e| e.to_string()))
            .interact_text()?;
        parse(&text)
    }

    /// A required free-text value (a name, a title).
    pub fn text(
        &mut self,
        flag: &str,
        prompt: &str,
        given: Option<&str>,
        max: usize,
    ) -> anyhow::Result<String> {
        self.value(flag, prompt, given, |s| {
            crate::input::text::required(flag, s, max)
        })
    }

    /// A required person's name (`text::name`: padding blanks dropped).
    pub fn name(
        &mut self,
        flag: &str,
        prompt: &str,
        given: Option<&str>,
    ) -> anyhow::Result<String> {
        self.value(flag, prompt, given, |s| crate::input::text::name(flag, s))
    }

    /// A required enumerated value: code or label, or a pick from a list at a terminal.
    pub fn choice(
        &mut self,
        flag: &str,
        domain: &'static Domain,
        given: Option<&str>,
    ) -> anyhow::Result<&'static str> {
        if let Some(text) = given {
            return domain.parse(flag, text);
        }
        if !self.env.interactive {
            self.missing.push(flag.to_string());
            return Ok("");
        }
        // Each choice shows its label and code; typing either narrows the
        // list (a plain menu ignored what was typed and Enter took the first).
        let items: Vec<String> = domain
            .labels
            .iter()
            .map(|l| match domain.label(l.code) {
                label if label == l.code => label,
                label => format!("{label} ({})", l.code),
            })
            .collect();
        let index = dialoguer::FuzzySelect::new()
            .with_prompt(domain.name())
            .items(&items)
            .interact()?;
        Ok(domain.labels[index].code)
    }

    /// Notes a required value given some other way than one flag (either
    /// of two), so one error names it with the rest. Never at a terminal,
    /// where the command asks for it instead.
    pub fn require(&mut self, flag: &str, given: bool) {
        if !given && !self.env.interactive {
            self.missing.push(flag.to_string());
        }
    }

    /// Fails naming every missing flag, if any.
    pub fn finish(self) -> anyhow::Result<()> {
        if self.missing.is_empty() {
            return Ok(());
        }
        let flags = self.missing.join(", ");
        Err(crate::invalid!(
            "缺少必填项：{flags}；请用这些参数给出（在终端中运行时会逐项询问）",
            "missing required values: {flags}; give them as flags (at a terminal you are asked for them)",
        ))
    }
}
