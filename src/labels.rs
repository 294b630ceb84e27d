//! The one table of enumerations: every stored code with its Chinese and
//! English label. Input accepts any of the three; the database stores the
//! code; output shows the label in the user's language. The schema's CHECK
//! lists are kept equal to these codes by a test.

use crate::i18n::is_en;

#[derive(Debug)]
pub struct Label {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// One enumeration: its name for messages and the columns that store it.
#[derive(Debug)]
pub struct Domain {
    pub zh: &'static str,
    pub en: &'static str,
    pub labels: &'static [Label],
    /// `table.column` pairs whose CHECK constraint lists exactly these codes.
    pub columns: &'static [&'static str],
}

impl Domain {
    /// Accepts a code, an English label or a Chinese label (any part of a
    /// label written with `/`), case-insensitively; `-` may stand for `_`.
    pub fn parse(&self, flag: &str, input: &str) -> anyhow::Result<&'static str> {
        let wanted = input.trim();
        if let Some(code) = self.find(wanted) {
            return Ok(code);
        }
        let choices = self.choices();
        let name = self.name();
        Err(crate::invalid!(
            "{flag}：未知的{name}“{wanted}”；可选：{choices}",
            "{flag}: unknown {name} \"{wanted}\"; choose one of: {choices}",
        ))
    }

    /// The code `wanted` (trimmed) names, if any: `parse` without the error.
    /// Plain ASCII input (the usual code or English label) is compared
    /// without allocating, as an import does for every row.
    fn find(&self, wanted: &str) -> Option<&'static str> {
        if wanted.is_ascii() {
            // Lowercase and `-` as `_` on the input, lowercase and ` ` as `_` on the label.
            let fold = |b: u8| match b.to_ascii_lowercase() {
                b'-' => b'_',
                other => other,
            };
            let label_fold = |b: u8| match b.to_ascii_lowercase() {
                b' ' => b'_',
                other => other,
            };
            let same = |text: &str, folding: &dyn Fn(u8) -> u8| {
                text.len() == wanted.len()
                    && text
                        .bytes()
                        .zip(wanted.bytes())
                        .all(|(a, b)| folding(a) == fold(b))
            };
            return self
                .labels
                .iter()
                .find(|label| {
                    same(label.code, &|b| b)
                        || label.en.eq_ignore_ascii_case(wanted)
                        || (label.en.is_ascii() && same(label.en, &label_fold))
                        || (!label.en.is_ascii()
                            && label.en.to_lowercase().replace(' ', "_")
                                == wanted.to_lowercase().replace('-', "_"))
                        || label.zh == wanted
                        || label.zh.split('/').any(|part| part == wanted)
                })
                .map(|label| label.code);
        }
        // A Chinese label as written (the usual cell of a Chinese export):
        // only a Chinese label can equal non-ASCII text.
        if let Some(label) = self
            .labels
            .iter()
            .find(|label| label.zh == wanted || label.zh.split('/').any(|part| part == wanted))
        {
            return Some(label.code);
        }
        let folded = wanted.to_lowercase().replace('-', "_");
        self.labels
            .iter()
            .find(|label| {
                label.code == folded
                    || label.en.eq_ignore_ascii_case(wanted)
                    || label.en.to_lowercase().replace(' ', "_") == folded
                    || label.zh == wanted
                    || label.zh.split('/').any(|part| part == wanted)
            })
            .map(|label| label.code)
    }

    pub fn name(&self) -> &'static str {
        if is_en() { self.en } else { self.zh }
    }

    /// The label of a stored code in the user's language (the code itself if unknown).
    pub fn label(&self, code: &str) -> String {
        match self.labels.iter().find(|l| l.code == code) {
            Some(l) if is_en() => l.en.to_string(),
            Some(l) => l.zh.to_string(),
            None => code.to_string(),
        }
    }

    pub fn codes(&self) -> impl Iterator<Item = &'static str> {
        self.labels.iter().map(|l| l.code)
    }

    pub fn choices(&self) -> String {
        self.labels
            .iter()
            .map(|l| format!("{} ({})", l.code, if is_en() { l.en } else { l.zh }))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

macro_rules! domain {
    ($name:ident, $zh:literal, $en:literal, [$($col:literal),* $(,)?], { $($code:literal => $lzh:literal, $len:literal;)* }) => {
        pub static $name: Domain = Domain {
            zh: $zh,
            en: $en,
            columns: &[$($col),*],
            labels: &[$(Label { code: $code, zh: $lzh, en: $len }),*],
        };
    };
}

domain!(GENDER, "性别", "gender", ["advisors.gender"], {
    "male" => "男", "male";
    "female" => "女", "female";
});

domain!(CATEGORY, "类别", "category", ["advisors.category"], {
    "government_advisor" => "政府顾问", "government advisor";
    "decision_expert" => "决策咨询专家", "decision expert";
    "tech_advisor" => "科技顾问", "tech advisor";
    "pool_expert" => "专家库专家", "pool expert";
});

domain!(TIER, "层级", "tier", ["advisors.tier"], {
    "pool" => "入库专家", "pool";
    "active" => "在岗专家", "active";
    "key" => "关键专家", "key";
});

domain!(PANEL_KIND, "组织类型", "panel kind", ["panels.kind"], {
    "advisory_panel" => "顾问团", "advisory panel";
    "expert_committee" => "决咨委", "expert committee";
    "professional_station" => "专业站", "professional station";
});

// The procedure steps a panel may use, in their fixed order (seed 001 art. 4).
domain!(STEP, "聘任步骤", "procedure step", [], {
    "vetted" => "初审", "vetted";
    "checked" => "背调", "checked";
    "reviewed" => "审核", "reviewed";
    "approved" => "审定", "approved";
    "publicized" => "公示", "publicized";
});

domain!(APPOINTMENT_STATE, "聘任状态", "appointment state", ["appointments.state"], {
    "nominated" => "推荐", "nominated";
    "vetted" => "初审", "vetted";
    "checked" => "背调", "checked";
    "reviewed" => "审核", "reviewed";
    "approved" => "审定", "approved";
    "publicized" => "公示", "publicized";
    "appointed" => "聘任", "appointed";
    "rejected" => "未通过", "rejected";
    "dismissed" => "解聘", "dismissed";
    "resigned" => "辞去", "resigned";
});

// What a reader sees: the stored state, or `expired` / `renewed` computed from the date.
domain!(APPOINTMENT_STATUS, "聘任状态", "appointment status", [], {
    "nominated" => "推荐", "nominated";
    "vetted" => "初审", "vetted";
    "checked" => "背调", "checked";
    "reviewed" => "审核", "reviewed";
    "approved" => "审定", "approved";
    "publicized" => "公示", "publicized";
    "appointed" => "聘任", "appointed";
    "pending" => "待任", "pending start";
    "expired" => "期满", "expired";
    "renewed" => "已续聘", "renewed";
    "rejected" => "未通过", "rejected";
    "dismissed" => "解聘", "dismissed";
    "resigned" => "辞去", "resigned";
});

domain!(STEP_EVENT, "步骤", "step", ["appointment_steps.step"], {
    "nominated" => "推荐", "nominated";
    "vetted" => "初审", "vetted";
    "checked" => "背调", "checked";
    "reviewed" => "审核", "reviewed";
    "approved" => "审定", "approved";
    "publicized" => "公示", "publicized";
    "appointed" => "聘任", "appointed";
    "rejected" => "未通过", "rejected";
    "objected" => "公示异议", "objection";
    "dismissed" => "解聘", "dismissed";
    "resigned" => "辞去", "resigned";
    "evaluated" => "任期评估", "term evaluated";
});

domain!(SOURCE, "推荐方式", "nomination source", ["appointments.source"], {
    "org_recommendation" => "组织推荐", "organisation recommendation";
    "think_tank" => "智库引荐", "think-tank referral";
    "self" => "自荐", "self-recommendation";
    "leader" => "领导举荐", "leader referral";
    "other" => "其他", "other";
});

domain!(ROLE, "拟任职务", "role", ["appointments.role"], {
    "member" => "成员", "member";
    "head" => "团长", "head";
    "deputy_head" => "副团长", "deputy head";
});

// The six grounds for dismissal (seed 001 art. 12).
domain!(DISMISSAL_GROUND, "解聘情形", "dismissal ground", ["appointments.dismissal_ground"], {
    "criminal" => "被依法追究刑事责任", "criminal liability";
    "disqualified" => "被剥夺职业资格", "loss of professional qualification";
    "nonperformance" => "不积极履行顾问职责", "not performing duties";
    "secrets" => "泄露秘密", "leaking secrets";
    "misconduct" => "损害政府形象", "conduct damaging the government";
    "other" => "其他不适宜情形", "other";
});

domain!(CONTACT_KIND, "联系方式", "contact kind", ["contacts.kind"], {
    "visit" => "走访", "visit";
    "home_visit" => "登门拜访", "home visit";
    "greeting" => "节日慰问", "holiday greeting";
    "call" => "电话联系", "call";
    "message" => "微信/短信", "message";
    "letter" => "信函/邮件", "letter";
    "materials" => "寄送资料", "materials sent";
    "reception" => "来访接待", "reception";
    "care" => "关心关怀", "care";
    "report" => "重大事项报告", "reported event";
});

domain!(CHANNEL, "渠道", "channel", ["contacts.channel"], {
    "in_person" => "当面", "in person";
    "phone" => "电话", "phone";
    "wechat" => "微信", "WeChat";
    "sms" => "短信", "SMS";
    "letter" => "信函", "letter";
    "email" => "电子邮件", "email";
    "video" => "视频", "video";
    "other" => "其他", "other";
});

// The occasions of 三必访 (seed 004 part 3(1)1).
domain!(OCCASION, "事由", "occasion", ["contacts.occasion"], {
    "festival" => "重要节日", "festival";
    "achievement" => "重大成就", "achievement";
    "hardship" => "特殊困难", "hardship";
    "routine" => "日常", "routine";
});

domain!(FESTIVAL, "节日", "festival", ["contacts.festival"], {
    "new_year" => "元旦", "New Year's Day";
    "spring" => "春节", "Spring Festival";
    "qingming" => "清明", "Qingming";
    "dragon_boat" => "端午", "Dragon Boat Festival";
    "mid_autumn" => "中秋", "Mid-Autumn Festival";
    "double_ninth" => "重阳", "Double Ninth Festival";
});

domain!(CARE_KIND, "关怀内容", "care kind", ["contacts.care_kind"], {
    "health_check" => "健康体检", "health check";
    "recuperation" => "休假疗养", "recuperation";
    "hardship_help" => "困难帮扶", "hardship help";
});

// The five things an expert reports (五报告, seed 004 part 3(1)3).
domain!(EVENT, "报告事项", "reported event", ["contacts.event"], {
    "major_activity" => "参加重大活动", "major activity";
    "post_change" => "岗位职务变动", "post change";
    "achievement" => "获得重大成就", "achievement";
    "family_event" => "家庭重大变故", "family event";
    "health" => "重大健康状况", "health";
});

// What `report coverage` flags (seed 000 一对一 and greetings, seed 004 ≥2 per leader).
domain!(COVERAGE_FLAG, "提示", "flag", [], {
    "no_liaison" => "未确定联系人", "no liaison";
    "leader_under_2" => "领导联系不足2人", "leader holds fewer than 2";
    "not_visited" => "本年未走访", "not visited this year";
    "greeting_missed" => "节日未问候", "greeting missed";
    "quota_unmet" => "联系要求未完成", "contact quota unmet";
});

// What `roster due` lists, in the order items of one day are shown.
domain!(DUE_KIND, "待办事项", "item", [], {
    "term_end" => "聘期届满", "term ending";
    "term_evaluation" => "任期评估", "term evaluation";
    "ready_to_appoint" => "待聘任", "ready to appoint";
    "festival" => "节日问候", "holiday greeting";
    "no_contact" => "久未联系", "no recent contact";
    "no_liaison" => "未定联系人", "no liaison";
    "leader_short" => "领导联系不足", "leader holds too few";
    "advice_feedback" => "意见待反馈", "advice feedback";
    "quota" => "履职要求", "duty behind pace";
    "year_end_report" => "年终报告", "year-end report";
    "assessment" => "考核待确定", "assessment to confirm";
    "budget" => "预算预警", "budget alert";
});

domain!(ACTIVITY_KIND, "活动类型", "activity kind", ["activities.kind"], {
    "consultation" => "个别咨询", "consultation";
    "group_consultation" => "小组咨询", "group consultation";
    "seminar" => "专题研讨", "seminar";
    "panel_meeting" => "顾问团会议", "panel meeting";
    "economic_analysis" => "经济运行分析会", "economic analysis meeting";
    "site_research" => "实地调研", "site research";
    "lecture" => "专题讲座/培训", "lecture";
    "written_opinion" => "书面意见", "written opinion";
    "research_report" => "研究报告", "research report";
    "project_review" => "论证评估", "project review";
    "planning" => "规划编制", "planning";
    "investment_referral" => "招商推介", "investment referral";
    "enterprise_service" => "联系服务企业", "enterprise service";
    "clinical_guidance" => "查房/手术指导/会诊", "clinical guidance";
    "other" => "其他", "other";
});

domain!(MODE, "方式", "mode", ["activities.mode"], {
    "on_site" => "现场", "on site";
    "remote" => "远程", "remote";
    "in_writing" => "书面", "in writing";
});

domain!(ATTENDANCE, "出席情况", "attendance", ["participants.attendance"], {
    "invited" => "已邀请", "invited";
    "attended" => "出席", "attended";
    "excused" => "请假", "excused";
    "absent" => "缺席", "absent";
});

domain!(PARTICIPANT_ROLE, "角色", "participant role", ["participants.role"], {
    "chair" => "主持", "chair";
    "speaker" => "主讲", "speaker";
    "member" => "参加", "member";
    "author" => "执笔", "author";
    "reviewer" => "评审", "reviewer";
});

// Seed 004's four channels (约见、电话、信函、邮件) plus a written report (seed 001 art. 9).
domain!(ADVICE_CHANNEL, "提交渠道", "advice channel", ["advice.channel"], {
    "meeting" => "约见/会议", "meeting";
    "letter" => "信函", "letter";
    "phone" => "电话", "phone";
    "email" => "电子邮件", "email";
    "report" => "研究报告", "report";
});

domain!(ADVICE_STATUS, "办理状态", "advice status", ["advice.status"], {
    "submitted" => "已提交", "submitted";
    "assigned" => "已交办", "assigned";
    "adopted" => "已采纳", "adopted";
    "partly_adopted" => "部分采纳", "partly adopted";
    "not_adopted" => "未采纳", "not adopted";
    "implemented" => "已落实", "implemented";
});

domain!(ADVICE_EVENT, "办理事项", "advice event", ["advice_events.event"], {
    "submitted" => "已提交", "submitted";
    "assigned" => "已交办", "assigned";
    "adopted" => "已采纳", "adopted";
    "partly_adopted" => "部分采纳", "partly adopted";
    "not_adopted" => "未采纳", "not adopted";
    "implemented" => "已落实", "implemented";
    "endorsed" => "领导批示", "leader endorsement";
    "feedback" => "反馈", "feedback";
});

// The kinds of entry in an advisor's work ledger (工作台账, seed 002 part 7(1)5).
domain!(LEDGER_ENTRY, "台账事项", "ledger entry", [], {
    "appointment" => "聘任", "appointment";
    "activity" => "履职活动", "activity";
    "advice" => "意见建议", "advice";
    "contact" => "联系服务", "contact";
    "recusal" => "回避", "recusal";
    "expense" => "经费", "expense";
});

domain!(EXPENSE_CATEGORY, "经费类别", "expense category", ["expenses.category", "budgets.category"], {
    "travel" => "差旅费", "travel";
    "lodging" => "食宿费", "lodging";
    "consultation" => "咨询费", "consultation fee";
    "stipend" => "聘金", "stipend";
    "subsidy" => "工作补贴", "subsidy";
    "research" => "课题研究", "research";
    "reward" => "成果激励", "reward";
    "meeting" => "会议费", "meeting";
    "training" => "培训费", "training";
    "reception" => "公务接待", "reception";
    "other" => "其他", "other";
});

// What a reader sees of an expense: paid once a voucher is attached (seed 002 part 6: 拨付凭证报备案).
domain!(EXPENSE_STATUS, "支付状态", "payment status", [], {
    "paid" => "已支付", "paid";
    "pending" => "待支付", "awaiting voucher";
    "voided" => "已作废", "void";
});

// Where a yearly stipend comes from.
domain!(STIPEND_SOURCE, "聘金来源", "stipend source", [], {
    "advisor" => "个人聘金", "advisor's own";
    "panel" => "顾问团聘金", "panel's";
});

// What a stipend run did for one advisor.
domain!(STIPEND_OUTCOME, "结果", "outcome", [], {
    "created" => "新建", "created";
    "existed" => "已有", "already existed";
});

domain!(GRADE, "考核等次", "grade", ["assessments.prelim_grade", "assessments.grade"], {
    "excellent" => "优秀", "excellent";
    "competent" => "称职", "competent";
    "basic" => "基本称职", "basic";
    "incompetent" => "不称职", "incompetent";
});

domain!(ASSESS_STATE, "考核状态", "assessment state", ["assess_runs.state", "assessments.state"], {
    "draft" => "初评", "draft";
    "confirmed" => "已确定", "confirmed";
    "superseded" => "已重算", "superseded";
});

domain!(QUOTA_SUBJECT, "指标对象", "quota subject", ["panel_quotas.subject"], {
    "contact" => "联系服务", "contact";
    "activity" => "履职活动", "activity";
    "advice" => "意见建议", "advice";
});

domain!(QUOTA_PERIOD, "周期", "period", ["panel_quotas.period"], {
    "year" => "每年", "yearly";
    "half" => "每半年", "half-yearly";
});

domain!(QUOTA_SCOPE, "计数范围", "scope", ["panel_quotas.scope"], {
    "advisor" => "每人", "per advisor";
    "panel" => "全团", "whole panel";
});

/// Every domain, for the schema consistency test and for help text.
pub static ALL: &[&Domain] = &[
    &GENDER,
    &CATEGORY,
    &TIER,
    &PANEL_KIND,
    &STEP,
    &APPOINTMENT_STATE,
    &APPOINTMENT_STATUS,
    &STEP_EVENT,
    &SOURCE,
    &ROLE,
    &DISMISSAL_GROUND,
    &CONTACT_KIND,
    &CHANNEL,
    &OCCASION,
    &FESTIVAL,
    &CARE_KIND,
    &EVENT,
    &COVERAGE_FLAG,
    &DUE_KIND,
    &ACTIVITY_KIND,
    &MODE,
    &ATTENDANCE,
    &PARTICIPANT_ROLE,
    &ADVICE_CHANNEL,
    &ADVICE_STATUS,
    &ADVICE_EVENT,
    &LEDGER_ENTRY,
    &EXPENSE_CATEGORY,
    &EXPENSE_STATUS,
    &STIPEND_SOURCE,
    &STIPEND_OUTCOME,
    &GRADE,
    &ASSESS_STATE,
    &QUOTA_SUBJECT,
    &QUOTA_PERIOD,
    &QUOTA_SCOPE,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The CHECK list of every enumerated column equals the codes here.
    #[test]
    fn schema_checks_match_labels() {
        let schema = include_str!("../schema.sql");
        for domain in ALL {
            for column in domain.columns {
                let (table, col) = column.split_once('.').unwrap();
                let start = schema.find(&format!("CREATE TABLE {table} (")).unwrap();
                let body = &schema[start..];
                let body = &body[..body.find(") STRICT").unwrap()];
                // `CHECK (col IN ('a','b'))`, or `CHECK (col = 'a' OR col = 'b')`
                // where a table written in bulk avoids IN lists (see schema.sql).
                let needle = format!("CHECK ({col} IN (");
                let chain = format!("CHECK ({col} = ");
                let codes: Vec<&str> = if let Some(at) = body.find(&needle) {
                    let list = &body[at + needle.len()..];
                    let list = &list[..list.find(')').unwrap()];
                    list.split(',')
                        .map(|c| c.trim().trim_matches('\''))
                        .collect()
                } else {
                    let at = body
                        .find(&chain)
                        .unwrap_or_else(|| panic!("no CHECK for {column}"));
                    let list = &body[at + "CHECK (".len()..];
                    let list = &list[..list.find(')').unwrap()];
                    list.split(" OR ")
                        .map(|c| {
                            let (left, value) = c.split_once(" = ").unwrap();
                            assert_eq!(left.trim(), col, "{column}: {c}");
                            value.trim().trim_matches('\'')
                        })
                        .collect()
                };
                let mut expected: Vec<&str> = domain.codes().collect();
                let mut got = codes.clone();
                expected.sort();
                got.sort();
                assert_eq!(got, expected, "{column}");
            }
        }
    }

    #[test]
    fn parses_code_and_both_labels() {
        assert_eq!(
            ACTIVITY_KIND.parse("--kind", "written_opinion").unwrap(),
            "written_opinion"
        );
        assert_eq!(
            ACTIVITY_KIND.parse("--kind", "书面意见").unwrap(),
            "written_opinion"
        );
        assert_eq!(
            ACTIVITY_KIND.parse("--kind", "Written Opinion").unwrap(),
            "written_opinion"
        );
        assert_eq!(ACTIVITY_KIND.parse("--kind", "培训").unwrap(), "lecture");
        assert_eq!(
            ACTIVITY_KIND.parse("--kind", "written-opinion").unwrap(),
            "written_opinion"
        );
        assert!(ACTIVITY_KIND.parse("--kind", "party").is_err());
    }
}
