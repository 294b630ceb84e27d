//! A synthetic office at any scale, deterministic from a seed: Chinese
//! names, employers and fields, ID numbers with valid GB 11643 check digits,
//! appointments with renewals and endings, ten years of activities with
//! participants, advice, contacts and expenses. Written straight into a
//! database made by `roster::db::create`, so it has the real schema.
//!
//! Used by the benchmark (`cargo bench`) at full scale and by the test
//! suite at a small scale, so it cannot rot.

#![allow(dead_code)]

use std::collections::HashSet;
use std::path::Path;

use rusqlite::{Connection, params};

/// How much to generate.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub advisors: usize,
    pub appointments: usize,
    pub participations: usize,
    pub advice: usize,
    pub contacts: usize,
    pub expenses: usize,
}

impl Scale {
    /// The province-sized office of the performance issue.
    pub const FULL: Scale = Scale {
        advisors: 100_000,
        appointments: 150_000,
        participations: 10_000_000,
        advice: 1_000_000,
        contacts: 2_000_000,
        expenses: 1_000_000,
    };

    /// `FULL` times `factor` (at least a handful of each).
    pub fn times(factor: f64) -> Scale {
        let f = |n: usize| ((n as f64 * factor).round() as usize).max(10);
        let full = Scale::FULL;
        Scale {
            advisors: f(full.advisors),
            appointments: f(full.appointments),
            participations: f(full.participations),
            advice: f(full.advice),
            contacts: f(full.contacts),
            expenses: f(full.expenses),
        }
    }
}

/// SplitMix64: a small, fast, well-known generator; deterministic per seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
    "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴",
    "莫", "孔", "向", "冉",
];

pub const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "辉", "力", "海", "波", "宁",
    "鹏", "宇", "浩", "凯", "晨", "博", "思", "源", "志", "远", "德", "清", "玉", "兰", "春", "松",
    "林", "峰", "新", "立", "正", "光", "昌", "永", "成", "学", "东", "红", "雪", "梅", "琴", "燕",
    "萍", "云", "嘉", "怡", "欣", "晓", "佳", "俊", "阳", "斌", "飞", "翔", "睿", "哲", "瑞", "泽",
];

pub const EMPLOYERS: &[&str] = &[
    "重庆大学",
    "西南大学",
    "四川大学",
    "电子科技大学",
    "西南交通大学",
    "重庆医科大学",
    "清华大学",
    "北京大学",
    "浙江大学",
    "复旦大学",
    "上海交通大学",
    "华中科技大学",
    "武汉大学",
    "中山大学",
    "南京大学",
    "西安交通大学",
    "中国科学院重庆绿色智能技术研究院",
    "中国农业科学院",
    "中国水产科学研究院",
    "中国城市规划设计研究院",
    "国家发展改革委宏观经济研究院",
    "中国国际工程咨询有限公司",
    "中国电子信息产业集团有限公司",
    "重庆长安汽车股份有限公司",
    "华为技术有限公司",
    "腾讯云计算（北京）有限责任公司",
    "国家开发银行",
    "中国工商银行",
    "重庆农村商业银行",
    "太极集团有限公司",
    "中铁二院工程集团有限责任公司",
    "重庆交通大学",
    "重庆邮电大学",
    "陆军军医大学",
    "四川大学华西医院",
    "重庆市中医院",
    "北京师范大学",
    "重庆市农业科学院",
    "重庆社会科学院",
    "华润电力控股有限公司",
];

pub const FIELDS: &[&str] = &[
    "集成电路",
    "人工智能",
    "智能制造",
    "新能源汽车",
    "生物医药",
    "中医药",
    "生命健康",
    "种质创制",
    "检验检测",
    "区域经济",
    "产业政策",
    "城乡规划",
    "综合交通",
    "内河航运",
    "乡村振兴",
    "农业技术",
    "冷水鱼养殖",
    "茶叶栽培",
    "旅游规划",
    "文创设计",
    "基础教育",
    "教师发展",
    "心血管病",
    "神经外科",
    "妇产科",
    "金融监管",
    "普惠金融",
    "资本市场",
    "数字经济",
    "大数据",
    "绿色低碳",
    "能源建材",
    "电子信息",
    "装备制造",
    "光电子",
    "传感器",
    "工业互联网",
    "行政法",
    "城市更新",
    "物流体系",
];

const REGIONS: &[&str] = &[
    "500154", "500234", "512231", "500103", "500107", "500112", "110108", "110105", "310104",
    "440106", "510107", "420111", "330106", "320102", "610113", "450103", "451302", "152501",
    "500101", "500118",
];

const ACTIVITY_KINDS: &[&str] = &[
    "consultation",
    "group_consultation",
    "seminar",
    "panel_meeting",
    "economic_analysis",
    "site_research",
    "lecture",
    "written_opinion",
    "research_report",
    "project_review",
    "planning",
    "investment_referral",
    "enterprise_service",
    "clinical_guidance",
    "other",
];
const CONTACT_KINDS: &[&str] = &[
    "visit",
    "home_visit",
    "call",
    "message",
    "letter",
    "materials",
    "reception",
];
const CATEGORIES: &[&str] = &[
    "travel",
    "lodging",
    "consultation",
    "research",
    "reward",
    "meeting",
    "training",
    "other",
];
const ADVICE_STATUS: &[&str] = &[
    "submitted",
    "assigned",
    "adopted",
    "partly_adopted",
    "not_adopted",
    "implemented",
];
const TOPICS: &[&str] = &[
    "发展规划",
    "项目论证",
    "产业分析",
    "政策评估",
    "形势研判",
    "专题调研",
    "技术攻关",
    "人才培养",
];

/// The festival a greeting sent on day `n` is for, and its date (the first
/// of the year's festivals near enough, as the tool reads it).
fn festival_near(n: usize) -> Option<(&'static str, String)> {
    use roster::domain::festival::{Festival, occurrence_greeted};
    let base = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default();
    let sent = base + chrono::Days::new(n as u64);
    Festival::ALL.into_iter().find_map(|festival| {
        occurrence_greeted(festival, sent)
            .map(|on| (festival.code(), on.format("%Y-%m-%d").to_string()))
    })
}

/// Day number (0 = 2016-01-01) to ISO date, over ten years.
pub fn day(n: usize) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default();
    (base + chrono::Days::new(n as u64))
        .format("%Y-%m-%d")
        .to_string()
}

/// Ten years: 2016-01-01 ..= 2025-12-31.
pub const DAYS: usize = 3653;

fn id_number(rng: &mut Rng, birth: &str, male: bool, seen: &mut HashSet<String>) -> String {
    loop {
        let seq = rng.below(100);
        let sex = rng.below(5) * 2 + usize::from(male);
        let first17 = format!(
            "{}{}{seq:02}{sex}",
            rng.pick(REGIONS),
            birth.replace('-', "")
        );
        let check = roster::input::idcard::check_char(&first17).unwrap_or('0');
        let id = format!("{first17}{check}");
        if seen.insert(id.clone()) {
            return id;
        }
    }
}

/// What was generated.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub panels: usize,
    pub advisors: usize,
    pub appointments: usize,
    pub liaisons: usize,
    pub activities: usize,
    pub participations: usize,
    pub advice: usize,
    pub contacts: usize,
    pub expenses: usize,
}

/// One advisor's time in office on one panel (day numbers, inclusive).
#[derive(Clone, Copy)]
struct Term {
    advisor: i64,
    panel: usize,
    first: usize,
    last: usize,
}

/// Builds a new database at `path` holding a synthetic office. Every record
/// obeys the tool's own rules: participants serve on the activity's panel
/// that day, advice, contacts and expenses fall inside their advisor's
/// service, every serving advisor has a liaison, and one audit row (like an
/// import's) covers what was loaded.
pub fn generate(path: &Path, scale: Scale, seed: u64) -> anyhow::Result<Counts> {
    let conn = roster::db::create(path)?;
    conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; BEGIN")?;
    let marks = roster::check::database::id_marks(&conn)?;
    let mut rng = Rng::new(seed);
    let now = "2026-01-01T00:00:00+08:00";
    let mut counts = Counts::default();
    let panel_count = (scale.advisors / 2000).clamp(11, 50);
    for p in 0..panel_count {
        let field = FIELDS[p % FIELDS.len()];
        conn.execute(
            "INSERT INTO panels (code, name, kind, lead_unit, term_years, max_term_years, steps, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 3, 3, 'vetted,reviewed,approved', ?5, ?5)",
            params![
                format!("P{p:02}"),
                format!("{field}专家组{p:02}"),
                if p % 5 == 0 { "professional_station" } else { "advisory_panel" },
                "市人力资源和社会保障局",
                now
            ],
        )?;
    }
    counts.panels = panel_count;
    let mut seen = HashSet::new();
    {
        let mut insert = conn.prepare(
            "INSERT INTO advisors (code, name, gender, birth_date, id_number, category, tier, native_place, employer, title,
                fields, work_start_year, phone, email, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        )?;
        for i in 0..scale.advisors {
            let male = rng.chance(62);
            let name = format!(
                "{}{}{}",
                rng.pick(SURNAMES),
                rng.pick(GIVEN),
                if rng.chance(70) { *rng.pick(GIVEN) } else { "" }
            );
            let birth = format!(
                "{}-{:02}-{:02}",
                1956 + rng.below(34),
                1 + rng.below(12),
                1 + rng.below(28)
            );
            let id = id_number(&mut rng, &birth, male, &mut seen);
            let start: i64 = birth[..4].parse::<i64>().unwrap_or(1970) + 22 + rng.below(6) as i64;
            let fields = format!("{}、{}", rng.pick(FIELDS), rng.pick(FIELDS));
            insert.execute(params![
                format!("A{:06}", i + 1),
                name,
                if male { "male" } else { "female" },
                birth,
                id,
                [
                    "government_advisor",
                    "decision_expert",
                    "tech_advisor",
                    "pool_expert"
                ][rng.below(4)],
                ["pool", "active", "key"][rng.below(3)],
                "重庆",
                rng.pick(EMPLOYERS),
                ["教授", "研究员", "正高级工程师", "主任医师", "高级经济师"][rng.below(5)],
                fields,
                start,
                format!("13{}{:08}", rng.below(10), rng.below(100_000_000)),
                format!("expert{}@example.cn", i + 1),
                now,
            ])?;
        }
    }
    counts.advisors = scale.advisors;
    // Terms: one per advisor, and a renewal for the first (appointments − advisors).
    let mut terms: Vec<Term> = Vec::with_capacity(scale.appointments);
    let mut by_panel: Vec<Vec<Term>> = vec![Vec::new(); panel_count];
    let mut first_day = vec![0usize; scale.advisors];
    {
        let mut insert = conn.prepare(
            "INSERT INTO appointments (advisor_id, panel_id, role, state, source, nominated_on, certificate_no, agreement_date,
                term_start, term_end, previous_id, ended_on, dismissal_ground, created_at, updated_at)
             VALUES (?1, ?2, 'member', ?3, 'org_recommendation', ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        )?;
        let mut step = conn.prepare(
            "INSERT INTO appointment_steps (appointment_id, step, on_date, operator, created_at) VALUES (?1, 'appointed', ?2, 'generator', ?3)",
        )?;
        let renewals = scale.appointments.saturating_sub(scale.advisors);
        let mut made = 0;
        for (i, first) in first_day.iter_mut().enumerate() {
            let advisor = (i + 1) as i64;
            let panel = rng.below(panel_count);
            let start_day = 60 + rng.below(DAYS - 1160);
            *first = start_day;
            let end_day = start_day + 3 * 365 - 1;
            let renewed = i < renewals;
            let (state, ended, ground) = if !renewed && rng.chance(2) {
                if rng.chance(50) {
                    ("dismissed", Some(start_day + 400), Some("nonperformance"))
                } else {
                    ("resigned", Some(start_day + 500), None)
                }
            } else {
                ("appointed", None, None)
            };
            made += 1;
            insert.execute(params![
                advisor,
                panel as i64 + 1,
                state,
                day(start_day - 60),
                format!("C{made:07}"),
                day(start_day),
                day(end_day),
                None::<i64>,
                ended.map(day),
                ground,
                now
            ])?;
            let first = conn.last_insert_rowid();
            step.execute(params![first, day(start_day), now])?;
            let term = Term {
                advisor,
                panel,
                first: start_day,
                last: ended.map_or(end_day, |e| e - 1),
            };
            terms.push(term);
            by_panel[panel].push(term);
            if renewed {
                made += 1;
                let next = end_day + 1;
                let next_end = next + 3 * 365 - 1;
                insert.execute(params![
                    advisor,
                    panel as i64 + 1,
                    "appointed",
                    day(next - 60),
                    format!("C{made:07}"),
                    day(next),
                    day(next_end),
                    first,
                    None::<String>,
                    None::<String>,
                    now
                ])?;
                step.execute(params![conn.last_insert_rowid(), day(next), now])?;
                let term = Term {
                    advisor,
                    panel,
                    first: next,
                    last: next_end,
                };
                terms.push(term);
                by_panel[panel].push(term);
            }
        }
        counts.appointments = made;
    }
    {
        // One liaison for every three advisors, paired from their first day, open-ended.
        let liaisons = scale.advisors.div_ceil(3);
        let mut liaison = conn.prepare(
            "INSERT INTO liaisons (code, name, unit, position, phone, is_leader, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )?;
        for l in 0..liaisons {
            let name = format!(
                "{}{}{}",
                rng.pick(SURNAMES),
                rng.pick(GIVEN),
                rng.pick(GIVEN)
            );
            liaison.execute(params![
                format!("L{:06}", l + 1),
                name,
                "市人力资源和社会保障局",
                "科员",
                format!("139{:08}", rng.below(100_000_000)),
                rng.chance(10),
                now
            ])?;
        }
        let mut assign = conn.prepare(
            "INSERT INTO liaison_assignments (liaison_id, advisor_id, start_date, created_at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, first) in first_day.iter().enumerate() {
            assign.execute(params![
                (i / 3 + 1) as i64,
                (i + 1) as i64,
                day(*first),
                now
            ])?;
        }
        counts.liaisons = liaisons;
    }
    // A day inside a random term, and that term.
    let in_service = |rng: &mut Rng| -> (Term, usize) {
        let term = terms[rng.below(terms.len())];
        let d = term.first + rng.below(term.last.min(DAYS - 1).saturating_sub(term.first) + 1);
        (term, d.min(DAYS - 1))
    };
    {
        let mut activity = conn.prepare(
            "INSERT INTO activities (on_date, panel_id, kind, topic, mode, hours, requesting_unit, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )?;
        let mut participant = conn.prepare(
            "INSERT INTO participants (activity_id, advisor_id, attendance, excuse_reason, role) VALUES (?1, ?2, ?3, ?4, 'member')",
        )?;
        let mut left = scale.participations;
        let mut chosen: Vec<i64> = Vec::with_capacity(10);
        while left > 0 {
            // An activity of a panel on a day: its participants serve on that panel that day.
            let (anchor, d) = in_service(&mut rng);
            let members = &by_panel[anchor.panel];
            let size = (1 + rng.below(9)).min(left);
            chosen.clear();
            chosen.push(anchor.advisor);
            let mut tries = 0;
            while chosen.len() < size && tries < 40 {
                tries += 1;
                let t = members[rng.below(members.len())];
                if t.first <= d && d <= t.last && !chosen.contains(&t.advisor) {
                    chosen.push(t.advisor);
                }
            }
            let kind = rng.pick(ACTIVITY_KINDS);
            activity.execute(params![
                day(d),
                anchor.panel as i64 + 1,
                kind,
                format!("{}{}", rng.pick(FIELDS), rng.pick(TOPICS)),
                ["on_site", "remote", "in_writing"][rng.below(3)],
                1.0 + rng.below(8) as f64,
                "市发展改革委",
                now
            ])?;
            let id = conn.last_insert_rowid();
            counts.activities += 1;
            for a in &chosen {
                let (attendance, reason) = match rng.below(100) {
                    0..=84 => ("attended", None),
                    85..=92 => ("excused", Some("公务冲突")),
                    93..=96 => ("absent", None),
                    _ => ("invited", None),
                };
                participant.execute(params![id, a, attendance, reason])?;
            }
            left -= chosen.len();
            counts.participations += chosen.len();
        }
    }
    {
        let mut advice = conn.prepare(
            "INSERT INTO advice (title, on_date, channel, panel_id, status, assigned_unit, assigned_on, outcome_on,
                 not_adopted_reason, implemented_on, endorsed_by, endorsed_on, feedback_on, feedback_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        )?;
        let mut by =
            conn.prepare("INSERT INTO advice_advisors (advice_id, advisor_id) VALUES (?1, ?2)")?;
        let mut event = conn.prepare(
            "INSERT INTO advice_events (advice_id, event, on_date, operator, created_at)
             VALUES (?1, ?2, ?3, 'bench', ?4)",
        )?;
        for _ in 0..scale.advice {
            let (term, d) = in_service(&mut rng);
            let d = d.min(DAYS - 61);
            let status = *rng.pick(ADVICE_STATUS);
            let endorsed = rng.chance(10);
            let fed_back = rng.chance(60);
            // Each step dated, in the order `advice update` records them:
            // assigned after 5 days, decided after 15, implemented after 40.
            let decided = status != "submitted" && status != "assigned";
            advice.execute(params![
                format!("关于{}{}的建议", rng.pick(FIELDS), rng.pick(TOPICS)),
                day(d),
                ["meeting", "letter", "phone", "email", "report"][rng.below(5)],
                term.panel as i64 + 1,
                status,
                (status != "submitted").then_some("市发展改革委"),
                (status != "submitted").then(|| day(d + 5)),
                decided.then(|| day(d + 15)),
                (status == "not_adopted").then_some("与现行政策不符"),
                (status == "implemented").then(|| day(d + 40)),
                endorsed.then_some("分管副市长"),
                endorsed.then(|| day(d + 20)),
                fed_back.then(|| day(d + 45)),
                fed_back.then_some("市发展改革委"),
                now
            ])?;
            let id = conn.last_insert_rowid();
            by.execute(params![id, term.advisor])?;
            // The handling history the record's dates come from.
            let outcome = if status == "implemented" {
                "adopted"
            } else {
                status
            };
            let steps = [
                (true, "submitted", d),
                (status != "submitted", "assigned", d + 5),
                (decided, outcome, d + 15),
                (endorsed, "endorsed", d + 20),
                (status == "implemented", "implemented", d + 40),
                (fed_back, "feedback", d + 45),
            ];
            for (_, what, on) in steps.iter().filter(|(taken, ..)| *taken) {
                event.execute(params![id, what, day(*on), now])?;
            }
        }
        counts.advice = scale.advice;
    }
    {
        let mut contact = conn.prepare(
            "INSERT INTO contacts (on_date, kind, liaison_id, channel, occasion, festival, festival_date, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let mut with =
            conn.prepare("INSERT INTO contact_advisors (contact_id, advisor_id) VALUES (?1, ?2)")?;
        // A greeting is for the festival it falls near (seed 000: the tool
        // refuses one sent months away); a quarter of contacts are meant as
        // greetings, and those on a day near no festival are routine.
        let near: Vec<Option<(&str, String)>> = (0..DAYS).map(festival_near).collect();
        for _ in 0..scale.contacts {
            let (term, d) = in_service(&mut rng);
            let festival = if rng.chance(25) {
                near[d].clone()
            } else {
                None
            };
            let greeting = festival.is_some();
            let kind = if greeting {
                "greeting"
            } else {
                rng.pick(CONTACT_KINDS)
            };
            contact.execute(params![
                day(d),
                kind,
                (term.advisor - 1) / 3 + 1,
                ["in_person", "phone", "wechat", "letter", "email"][rng.below(5)],
                if greeting { "festival" } else { "routine" },
                festival.as_ref().map(|(code, _)| *code),
                festival.as_ref().map(|(_, on)| on.clone()),
                "例行联系",
                now
            ])?;
            with.execute(params![conn.last_insert_rowid(), term.advisor])?;
        }
        counts.contacts = scale.contacts;
    }
    {
        let mut expense = conn.prepare(
            "INSERT INTO expenses (advisor_id, panel_id, on_date, category, amount_fen, payer_unit, voucher_no, controlled, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        )?;
        // Controlled categories are spent only against a budget line (seed
        // 001 art. 14): an office-wide line a year for each, 10,000 yuan per
        // advisor (far above what a generated year spends).
        let most = scale.advisors as i64 * 1_000_000;
        let mut budget = conn.prepare(
            "INSERT INTO budgets (year, category, cap_fen, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, '年度预算', ?4, ?4)",
        )?;
        for year in 2016..=2025 {
            for category in ["travel", "meeting", "training"] {
                budget.execute(params![year, category, most, now])?;
            }
        }
        for i in 0..scale.expenses {
            let (term, d) = in_service(&mut rng);
            let category = rng.pick(CATEGORIES);
            let controlled = matches!(*category, "travel" | "meeting" | "training");
            expense.execute(params![
                term.advisor,
                term.panel as i64 + 1,
                day(d),
                category,
                (5_000 + rng.below(200_000)) as i64 * 10,
                "市人力资源和社会保障局",
                format!("V{:08}", i + 1),
                controlled,
                now
            ])?;
        }
        counts.expenses = scale.expenses;
    }
    // One audit row covers the load, the way an import's does.
    let after = roster::check::database::id_marks(&conn)?;
    let summary = serde_json::json!({
        "dataset": "synthetic office",
        "seed": seed,
        "ranges": roster::check::database::id_ranges(&marks, &after),
    });
    let env = roster::context::Env {
        format: roster::output::Format::Table,
        lang: roster::i18n::Lang::Zh,
        operator: "generator".to_string(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        yes: true,
        interactive: false,
        command: "generate".to_string(),
        quiet: true,
    };
    roster::audit::record(&conn, &env, "import", None, "import", None, Some(&summary))?;
    conn.execute_batch("COMMIT; PRAGMA optimize;")?;
    drop(conn);
    let _ = Connection::open(path)?.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
    Ok(counts)
}
