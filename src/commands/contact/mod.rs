//! `roster contact`: recording the office's contacts with advisors (visits,
//! holiday greetings, calls, materials sent, care, the five reported events),
//! listing them, and voiding a wrong one. Greetings are tied to the festival
//! occurrence they were for (`domain::festival::occurrence_greeted`).

use rusqlite::types::Value;

use crate::cli::contact::{ContactAddArgs, ContactCommand, ContactListArgs};
use crate::context::{Ctx, Env, now_stamp};
use crate::domain::festival::{self, Festival};
use crate::i18n::pick;
use crate::input::{Form, date, resolve, text};
use crate::labels::{CARE_KIND, CHANNEL, CONTACT_KIND, EVENT, FESTIVAL, OCCASION};
use crate::output::{Kind, RowSet, col, print_done, print_rows};
use crate::store::contact::{self as store, Contact};
use crate::store::{Filter, serving_condition};

mod named;
pub(crate) use named::{advisors, default_liaison};

pub fn run(ctx: &Ctx, cmd: ContactCommand) -> anyhow::Result<()> {
    match cmd {
        ContactCommand::Add(args) => add(ctx, &args),
        ContactCommand::List(args) => list(ctx, &args),
        ContactCommand::Void(args) => void(ctx, args.id, args.reason.as_deref()),
    }
}

/// The advisors typed with `--advisor`. With none, a person at a terminal is
/// asked for one (before any transaction begins); a script gets an error
/// naming the flag (and `--panel` where a panel may stand instead).
pub fn advisor_texts(env: &Env, given: &[String], or_panel: bool) -> anyhow::Result<Vec<String>> {
    if !given.is_empty() {
        return Ok(given.to_vec());
    }
    if env.interactive {
        let mut form = Form::new(env);
        let prompt = pick("专家（编号、编码或姓名）", "advisor (id, code or name)");
        let one = form.text("--advisor", prompt, None, text::NAME_MAX)?;
        form.finish()?;
        return Ok(vec![one]);
    }
    Err(if or_panel {
        crate::invalid!(
            "缺少必填项：--advisor（可重复）或 --panel",
            "missing required values: --advisor (repeatable) or --panel"
        )
    } else {
        crate::invalid!(
            "缺少必填项：--advisor（可重复）",
            "missing required values: --advisor (repeatable)"
        )
    })
}

/// Validates everything that needs no database: the date, the kind and the
/// fields that belong to it (shared with the contacts import).
pub(crate) fn validate(env: &Env, args: &ContactAddArgs) -> anyhow::Result<(Contact, Vec<String>)> {
    let today = env.today;
    let mut form = Form::new(env);
    if let Some(err) = crate::labels::belongs_elsewhere(
        "--kind",
        args.kind.as_deref(),
        &CONTACT_KIND,
        &crate::labels::ACTIVITY_KIND,
        "activity add",
    ) {
        return Err(err);
    }
    let kind = form.choice("--kind", &CONTACT_KIND, args.kind.as_deref())?;
    // Whom: named with a missing kind in one error, so a script learns
    // both at once.
    form.require(
        "--advisor/--panel",
        args.panel.is_some() || !args.advisors.is_empty(),
    );
    form.finish()?;
    let named = match args.panel {
        Some(_) => args.advisors.clone(),
        None => advisor_texts(env, &args.advisors, true)?,
    };
    let on = match args.date.as_deref() {
        Some(text) => date::parse("--date", text, today)?,
        None => today,
    };
    if on > today {
        let (shown, now) = (date::iso(on), date::iso(today));
        return Err(crate::invalid!(
            "--date：{shown} 晚于今天（{now}）；联系服务只能记录已发生的",
            "--date: {shown} is after today ({now}); only contacts that happened can be recorded"
        ));
    }
    let parse = |domain: &'static crate::labels::Domain, flag: &str, given: Option<&str>| {
        given
            .map(|s| domain.parse(flag, s).map(str::to_string))
            .transpose()
    };
    let mut c = Contact {
        on_date: date::iso(on),
        kind: kind.to_string(),
        channel: parse(&CHANNEL, "--channel", args.channel.as_deref())?,
        occasion: parse(&OCCASION, "--occasion", args.occasion.as_deref())?,
        festival: parse(&FESTIVAL, "--festival", args.festival.as_deref())?,
        care_kind: parse(&CARE_KIND, "--care", args.care.as_deref())?,
        event: parse(&EVENT, "--event", args.event.as_deref())?,
        note: args
            .note
            .as_deref()
            .map(|s| text::note("--note", s))
            .transpose()?,
        ..Contact::default()
    };
    let kind_label = CONTACT_KIND.label(kind);
    match (kind, &c.care_kind, &c.event) {
        ("care", None, _) => {
            return Err(crate::invalid!(
                "--care：关心关怀须说明内容（health_check 健康体检、recuperation 休假疗养、hardship_help 困难帮扶）",
                "--care: a care contact needs its kind (health_check, recuperation or hardship_help)"
            ));
        }
        ("report", _, None) => {
            let choices = EVENT.choices();
            return Err(crate::invalid!(
                "--event：重大事项报告须说明是五报告中的哪一项（{choices}）",
                "--event: a reported event needs which of the five it is ({choices})"
            ));
        }
        (k, Some(_), _) if k != "care" => {
            return Err(crate::invalid!(
                "--care：只用于关心关怀（--kind care），不用于{kind_label}",
                "--care: only for care contacts (--kind care), not for {kind_label}"
            ));
        }
        (k, _, Some(_)) if k != "report" => {
            return Err(crate::invalid!(
                "--event：只用于重大事项报告（--kind report），不用于{kind_label}",
                "--event: only for reported events (--kind report), not for {kind_label}"
            ));
        }
        _ => {}
    }
    match (&c.festival, c.occasion.as_deref()) {
        (None, _) if kind == "greeting" => {
            let choices = FESTIVAL.choices();
            return Err(crate::invalid!(
                "--festival：节日慰问须说明节日（{choices}）",
                "--festival: a holiday greeting needs its festival ({choices})"
            ));
        }
        (None, Some("festival")) => {
            let choices = FESTIVAL.choices();
            return Err(crate::invalid!(
                "--festival：事由为重要节日时须说明节日（{choices}）",
                "--festival: the occasion is a festival, so name it ({choices})"
            ));
        }
        (Some(_), Some(other)) if other != "festival" => {
            let shown = OCCASION.label(other);
            return Err(crate::invalid!(
                "--occasion：给出了 --festival，事由应为重要节日而不是{shown}",
                "--occasion: with --festival the occasion is festival, not {shown}"
            ));
        }
        (Some(code), _) => {
            c.occasion = Some("festival".to_string());
            let f = Festival::from_code(code)
                .ok_or_else(|| anyhow::anyhow!("festival code {code} has no calendar rule"))?;
            let greeted = festival::occurrence_greeted(f, on).ok_or_else(|| {
                let name = FESTIVAL.label(code);
                let shown = date::iso(on);
                let (before, after) = festival::nearest(f, on);
                let near = [before, after]
                    .into_iter()
                    .flatten()
                    .map(date::iso)
                    .collect::<Vec<_>>()
                    .join(pick("、", ", "));
                let (b, a) = (festival::DAYS_BEFORE, festival::DAYS_AFTER);
                crate::invalid!(
                    "--festival：{shown} 离{name}（{near}）太远；问候须在节前 {b} 天内或节后 {a} 天内",
                    "--festival: {shown} is not near {name} ({near}); a greeting counts from {b} days before to {a} days after"
                )
            })?;
            c.festival_date = Some(date::iso(greeted));
        }
        _ => {}
    }
    Ok((c, named))
}

fn add(ctx: &Ctx, args: &ContactAddArgs) -> anyhow::Result<()> {
    let (mut contact, texts) = validate(&ctx.env, args)?;
    let (id, count) = ctx.write(|tx| {
        let on = contact.on_date.clone();
        let named = advisors(tx, &ctx.env, args, &texts, &on)?;
        contact.liaison_id = match &args.liaison {
            Some(text) => Some(resolve::liaison(tx, &ctx.env, "--liaison", text)?.id),
            None => default_liaison(tx, &contact.kind, &named, &on)?,
        };
        let ids: Vec<i64> = named.iter().map(|f| f.id).collect();
        let id = store::insert(tx, &contact, &ids, &now_stamp())?;
        let mut after = tx.snapshot("contacts", id)?;
        after["advisors"] = named.iter().map(|f| f.code.clone()).collect();
        tx.audit("contact", id, "add", None, Some(&after))?;
        Ok((id, named.len()))
    })?;
    let kind = CONTACT_KIND.label(&contact.kind);
    let on = &contact.on_date;
    print_done(
        &ctx.env,
        &crate::tr!(
            "已记录联系服务 #{id}：{on} {kind}，{count} 位专家",
            "recorded contact #{id}: {kind} on {on}, {count} advisor(s)"
        ),
        "contact",
        id,
        None,
    )
}

fn list(ctx: &Ctx, args: &ContactListArgs) -> anyhow::Result<()> {
    let rows = ctx.read(|conn| {
        let mut filter = Filter::default();
        if !args.all {
            filter.add("c.voided_at IS NULL", []);
        }
        if let Some(festival) = &args.festival {
            filter.add("c.festival = ?", [crate::store::text(FESTIVAL.parse("--festival", festival)?)]);
        }
        // With a festival, the year is the occurrence greeted (a late-December
        // 元旦 greeting belongs to the next year).
        let column = if args.festival.is_some() { "festival_date" } else { "on_date" };
        let year = args.year.as_deref().map(|y| date::parse_year("--year", y)).transpose()?;
        let bounds = |year: i32| [crate::store::text(format!("{year}-01-01")), crate::store::text(format!("{year}-12-31"))];
        if let Some(year) = year {
            filter.add(format!("c.{column} BETWEEN ? AND ?"), bounds(year));
        }
        if let Some(advisor) = &args.advisor {
            let advisor = resolve::advisor(conn, &ctx.env, "--advisor", advisor)?;
            filter.add(
                "c.id IN (SELECT x.contact_id FROM contact_advisors x WHERE x.advisor_id = ?)",
                [Value::Integer(advisor.id)],
            );
        }
        if let Some(panel) = &args.panel {
            let panel = resolve::panel(conn, &ctx.env, "--panel", panel)?;
            let serving = serving_condition("ap").replace('?', "y.on_date");
            // From the panel's appointments to their advisors' contacts
            // (indexed), within the year when one is given: otherwise every
            // contact of everyone who ever served there is read (0.9 s at
            // 2,000,000 contacts, against 0.1 s).
            let mut params = vec![Value::Integer(panel.id)];
            let within = match year {
                Some(year) => {
                    params.extend(bounds(year));
                    format!(" AND +y.{column} BETWEEN ? AND ?")
                }
                None => String::new(),
            };
            filter.add(
                format!(
                    "c.id IN (SELECT x.contact_id FROM appointments ap
                     JOIN contact_advisors x ON x.advisor_id = ap.advisor_id
                     JOIN contacts y ON y.id = x.contact_id
                     WHERE ap.panel_id = ? AND {serving}{within})"
                ),
                params,
            );
        }
        if let Some(kind) = &args.kind {
            filter.add("c.kind = ?", [crate::store::text(CONTACT_KIND.parse("--kind", kind)?)]);
        }
        if let Some(liaison) = &args.liaison {
            let liaison = resolve::liaison(conn, &ctx.env, "--liaison", liaison)?;
            filter.add("c.liaison_id = ?", [Value::Integer(liaison.id)]);
        }
        let limit = if args.limit == 0 { -1 } else { args.limit as i64 };
        let mut params = filter.params.clone();
        params.push(Value::Integer(limit));
        let sql = format!(
            "SELECT c.id, c.on_date, c.kind,
                (SELECT group_concat(who, '、') FROM (SELECT a.code || ' ' || a.name AS who FROM contact_advisors x
                   JOIN advisors a ON a.id = x.advisor_id WHERE x.contact_id = c.id ORDER BY a.code)),
                l.name, c.channel, c.occasion, c.festival, c.festival_date, c.care_kind, c.event, c.note,
                c.voided_at IS NOT NULL, c.void_reason
             FROM contacts c LEFT JOIN liaisons l ON l.id = c.liaison_id{}
             ORDER BY c.on_date DESC, c.id DESC LIMIT ?",
            filter.sql()
        );
        let mut columns = vec![
            col("id", "编号", "id", Kind::Int),
            col("date", "日期", "date", Kind::Date),
            col("kind", "联系方式", "kind", Kind::Enum(&CONTACT_KIND)),
            col("advisors", "专家", "advisors", Kind::Text),
            col("liaison", "联系人", "liaison", Kind::Text),
            col("channel", "渠道", "channel", Kind::Enum(&CHANNEL)),
            col("occasion", "事由", "occasion", Kind::Enum(&OCCASION)),
            col("festival", "节日", "festival", Kind::Enum(&FESTIVAL)),
            col("festival_date", "所贺节日日期", "festival date", Kind::Date),
            col("care", "关怀内容", "care", Kind::Enum(&CARE_KIND)),
            col("event", "报告事项", "event", Kind::Enum(&EVENT)),
            col("note", "内容", "note", Kind::Text),
            col("voided", "已作废", "void", Kind::Bool),
            col("void_reason", "作废原因", "void reason", Kind::Text),
        ];
        let mut rows = RowSet::query(conn, columns.clone(), &sql, rusqlite::params_from_iter(params.iter()))?;
        if !args.all {
            columns.truncate(columns.len() - 2);
            rows.columns = columns;
            for row in &mut rows.rows {
                row.truncate(row.len() - 2);
            }
        }
        Ok(rows)
    })?;
    print_rows(&ctx.env, &rows)
}

fn void(ctx: &Ctx, id: i64, reason: Option<&str>) -> anyhow::Result<()> {
    let what = super::void::Voidable {
        table: "contacts",
        entity: "contact",
        zh: "联系服务记录",
        en: "contact",
        list: "contact list",
        stamped: false,
    };
    super::void::void_record(ctx, &what, id, reason, |_| Ok(()))
}
