//! The README stays true: every `roster …` command in its shell blocks runs
//! as shown, in order, on the sample office (a line whose comment says it is
//! refused must be refused with exit 4; one that says "exit N" must exit N).

use crate::common::Office;

/// The README's command lines (continuations joined), with their comments.
fn commands() -> Vec<(String, String)> {
    let text = std::fs::read_to_string("README.md").expect("README.md");
    let mut out = Vec::new();
    let mut in_block = false;
    let mut pending = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = line.trim() == "```sh" || line.trim() == "```bash";
            continue;
        }
        if !in_block {
            continue;
        }
        let line = line.trim();
        if let Some(head) = line.strip_suffix('\\') {
            pending.push_str(head);
            pending.push(' ');
            continue;
        }
        pending.push_str(line);
        let full = std::mem::take(&mut pending);
        let (command, comment) = match full.split_once(" #") {
            Some((c, rest)) => (c.trim().to_string(), rest.trim().to_string()),
            None => (full.trim().to_string(), String::new()),
        };
        for part in command.split(" && ") {
            if part.trim().starts_with("roster ") {
                out.push((part.trim().to_string(), comment.clone()));
            }
        }
    }
    out
}

#[test]
fn every_readme_command_runs_as_shown() {
    let office = Office::sample();
    let commands = commands();
    assert!(commands.len() > 40, "the tour lost its commands");
    for (command, comment) in commands {
        let words = shlex::split(&command).expect("shell quoting");
        let mut cmd = office.cmd();
        cmd.current_dir(office.dir.path())
            .arg("--yes")
            .args(&words[1..]);
        let out = cmd.output().expect("run roster");
        // A comment may say what the command exits with ("exit 6 when …").
        let stated = comment
            .split("exit ")
            .nth(1)
            .and_then(|rest| rest.chars().next())
            .and_then(|c| c.to_digit(10));
        let expected = match stated {
            Some(code) => code as i32,
            None if comment.contains("refused") => 4,
            None => 0,
        };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "README: `{command}` ({comment})\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
