//! Usage errors (exit 2) in the reader's language. clap words them in
//! English; a clerk reading Chinese gets the same facts — what is missing or
//! unknown, the nearest valid word, the usage line — in Chinese. Kinds that
//! a typing clerk rarely meets keep clap's own wording.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The error in Chinese, or `None` to leave clap's wording (help and
/// version output, and the rare kinds not translated here).
pub fn in_chinese(err: &clap::Error) -> Option<String> {
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join("、")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(list)) => Some(
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        _ => None,
    };
    let quoted = |kind| {
        text(kind).filter(|s| !s.is_empty()).map(|s| {
            s.split('、')
                .map(|one| format!("“{one}”"))
                .collect::<Vec<_>>()
                .join("、")
        })
    };
    let (what, tip) = match err.kind() {
        ErrorKind::MissingRequiredArgument => (
            format!("缺少必填参数：{}", text(ContextKind::InvalidArg)?),
            None,
        ),
        ErrorKind::InvalidSubcommand => (
            format!("没有子命令{}", quoted(ContextKind::InvalidSubcommand)?),
            quoted(ContextKind::SuggestedSubcommand).map(|s| format!("相近的子命令：{s}")),
        ),
        ErrorKind::UnknownArgument => (
            format!("没有参数{}", quoted(ContextKind::InvalidArg)?),
            quoted(ContextKind::SuggestedArg)
                .map(|s| format!("相近的参数：{s}"))
                .or_else(|| {
                    let arg = text(ContextKind::InvalidArg)?;
                    arg.starts_with('-').then(|| {
                        format!(
                            "如果“{arg}”是要填的内容而不是参数，请在它前面写 --（例如 -- {arg}）"
                        )
                    })
                }),
        ),
        ErrorKind::InvalidValue => {
            let value = text(ContextKind::InvalidValue)?;
            let arg = text(ContextKind::InvalidArg)?;
            let what = if value.is_empty() {
                format!("{arg} 需要一个值，但没有给出")
            } else {
                format!("“{value}”不是 {arg} 的有效值")
            };
            (
                what,
                quoted(ContextKind::ValidValue).map(|s| format!("可选的值：{s}")),
            )
        }
        // A value clap itself parses: the numbers (record ids, --limit).
        ErrorKind::ValueValidation => (
            format!(
                "“{}”不是 {} 的有效值：应为整数（如记录编号 12）",
                text(ContextKind::InvalidValue)?,
                text(ContextKind::InvalidArg)?
            ),
            None,
        ),
        ErrorKind::ArgumentConflict => {
            let arg = text(ContextKind::InvalidArg)?;
            let what = match text(ContextKind::PriorArg) {
                Some(prior) if prior == arg => format!("参数 {arg} 只能给出一次"),
                Some(prior) => format!("参数 {arg} 不能与 {prior} 同时使用"),
                None => format!("参数 {arg} 不能与已给出的参数同时使用"),
            };
            (what, None)
        }
        ErrorKind::MissingSubcommand => (
            format!(
                "“{}”后面还需要一个子命令",
                text(ContextKind::InvalidSubcommand)?
            ),
            None,
        ),
        _ => return None,
    };
    let mut message = format!("错误: {what}\n");
    if let Some(tip) = tip {
        message.push_str(&format!("\n  提示：{tip}\n"));
    }
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        message.push_str(&format!("\n用法：{usage}\n"));
    }
    message.push_str("\n更多说明：在命令后加 --help（例如 roster advisor show --help）。\n");
    Some(message)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::in_chinese;
    use crate::cli::Cli;

    fn chinese(args: &[&str]) -> String {
        let err = Cli::command()
            .try_get_matches_from(args)
            .expect_err("a usage error");
        in_chinese(&err).unwrap_or_else(|| panic!("not translated: {err}"))
    }

    #[test]
    fn a_missing_argument_is_named() {
        let message = chinese(&["roster", "advisor", "show"]);
        assert!(
            message.starts_with("错误: 缺少必填参数：<ADVISOR>"),
            "{message}"
        );
        assert!(message.contains("用法：roster advisor show"), "{message}");
    }

    #[test]
    fn an_unknown_subcommand_gets_the_nearest_one() {
        let message = chinese(&["roster", "advisor", "shw"]);
        assert!(message.contains("没有子命令“shw”"), "{message}");
        assert!(message.contains("相近的子命令：“show”"), "{message}");
    }

    #[test]
    fn an_unknown_flag_is_quoted() {
        let message = chinese(&["roster", "advisor", "list", "--bogus"]);
        assert!(message.contains("没有参数“--bogus”"), "{message}");
    }

    #[test]
    fn a_bad_choice_lists_the_good_ones() {
        let message = chinese(&["roster", "--format", "xml", "advisor", "list"]);
        assert!(message.contains("“xml”不是 --format"), "{message}");
        assert!(message.contains("“json”"), "{message}");
    }

    #[test]
    fn a_record_number_that_is_not_one_says_so() {
        let message = chinese(&["roster", "need", "show", "abc"]);
        assert!(
            message.contains("“abc”不是 <ID> 的有效值：应为整数"),
            "{message}"
        );
    }

    #[test]
    fn help_keeps_clap_output() {
        let err = Cli::command()
            .try_get_matches_from(["roster", "--help"])
            .expect_err("help is an early exit");
        assert!(in_chinese(&err).is_none());
    }
}
