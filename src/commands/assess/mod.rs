//! `roster assess`: the annual assessment. Rule files are checked and
//! stored with each run (`mod.rs`, `run.rs`); results are shown and
//! explained (`read.rs`); the confirming authority grades, adjusts and
//! confirms (`decide.rs`). The rules themselves live in `domain::assess`.

mod budget;
mod decide;
mod explain;
mod left;
mod load;
pub(crate) mod notes;
mod planning;
mod read;
mod run;
mod service;
mod stored;
mod term;

use std::path::Path;

use crate::cli::assess::{AssessCommand, RulesCommand};
use crate::context::{Ctx, Env};
use crate::domain::assess::{self, Rules};
use crate::i18n::pick;
use crate::input::{Form, date};
use crate::output::{Doc, Kind, RowSet, col, print_doc};

pub use load::{Counting, metrics_json, subjects};
pub use service::{Leaver, assessed_in, leavers};

pub fn run(ctx: &Ctx, cmd: AssessCommand) -> anyhow::Result<()> {
    match cmd {
        AssessCommand::Rules(RulesCommand::Check(args)) => rules_check(&ctx.env, &args.file),
        AssessCommand::Run(args) => run::run(ctx, &args),
        AssessCommand::Show(args) => read::show(ctx, &args),
        AssessCommand::Explain(args) => explain::explain(ctx, &args),
        AssessCommand::Grade(args) => decide::grade(ctx, &args),
        AssessCommand::Adjust(args) => decide::adjust(ctx, &args),
        AssessCommand::Confirm(args) => decide::confirm(ctx, &args),
        AssessCommand::Term(args) => term::term(ctx, args.appointment),
    }
}

/// Reads and validates a rule file; errors name the file and the line (exit 3).
pub fn load_rules(path: &Path) -> anyhow::Result<(Rules, String)> {
    let shown = path.display().to_string();
    // A sample rule file is built in, so `samples/rules/…` works from any folder.
    let text = match (
        std::fs::read_to_string(path),
        crate::sample::rule_file(path),
    ) {
        (Ok(text), _) => text,
        (Err(_), Some(built_in)) => built_in.to_string(),
        (Err(e), None) => {
            return Err(crate::invalid!(
                "--rules：无法读取 {shown}：{e}",
                "--rules: cannot read {shown}: {e}"
            ));
        }
    };
    let rules =
        assess::parse(&text).map_err(|e| crate::invalid!("{shown}：{e}", "{shown}: {e}"))?;
    Ok((rules, text))
}

/// The required `--year`.
pub(crate) fn year(ctx: &Ctx, given: Option<&str>) -> anyhow::Result<i32> {
    let mut form = Form::new(&ctx.env);
    let year = form.value("--year", pick("年度", "year"), given, |s| {
        date::parse_year("--year", s)
    })?;
    form.finish()?;
    Ok(year)
}

/// Needs no database: a rule file is checked before an office uses it.
pub fn rules_check(env: &Env, path: &Path) -> anyhow::Result<()> {
    let (rules, _) = load_rules(path)?;
    let mut requirements = RowSet::new(vec![
        col("label", "要求", "requirement", Kind::Text),
        col(
            "period",
            "周期",
            "period",
            Kind::Enum(&crate::labels::RULE_PERIOD),
        ),
        col(
            "on_miss",
            "未达到时最高等次",
            "best grade if missed",
            Kind::Enum(&crate::labels::GRADE),
        ),
    ]);
    for r in &rules.requirements {
        requirements.push(vec![
            r.label.clone().into(),
            r.period.clone().into(),
            r.on_miss.clone().into(),
        ]);
    }
    let mut points = RowSet::new(vec![
        col("label", "计分项", "points rule", Kind::Text),
        col("each", "每项分值", "each", Kind::Float),
        col("cap", "上限", "cap", Kind::Float),
    ]);
    for p in &rules.points {
        points.push(vec![p.label.clone().into(), p.each.into(), p.cap.into()]);
    }
    let [e, c, b] = rules.thresholds.map(crate::output::decimal);
    let s = &rules.subsidy;
    let money = crate::input::money::grouped;
    let (ex, co, ba, inc) = (
        money(s.for_grade("excellent")),
        money(s.for_grade("competent")),
        money(s.for_grade("basic")),
        money(s.for_grade("incompetent")),
    );
    let (min, max, cap) = (money(s.min), money(s.max), money(s.cap));
    let mut lines = vec![
        crate::tr!(
            "分数线：优秀 ≥{e}，称职 ≥{c}，基本称职 ≥{b}",
            "thresholds: excellent ≥{e}, competent ≥{c}, basic ≥{b}"
        ),
        crate::tr!(
            "补贴（元）：优秀 {ex}，称职 {co}，基本称职 {ba}，不称职 {inc}；每人 {min}–{max}；年度上限 {cap}",
            "subsidy (yuan): excellent {ex}, competent {co}, basic {ba}, incompetent {inc}; each {min}–{max}; yearly cap {cap}",
        ),
    ];
    if let Some(q) = &rules.quota {
        let (share, rounding) = (q.share, crate::labels::ROUNDING.label(&q.rounding));
        lines.push(crate::tr!(
            "优秀比例上限 {share}（{rounding}）",
            "excellent share at most {share} ({rounding})"
        ));
    }
    let name = &rules.name;
    lines.insert(0, crate::tr!("规则有效：{name}", "rules are valid: {name}"));
    let doc = Doc::default()
        .lines("summary", ("规则", "Rules"), lines)
        .table("requirements", ("年度要求", "Requirements"), requirements)
        .table("points", ("计分", "Points"), points);
    print_doc(env, &doc)
}
