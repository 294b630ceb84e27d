//! Enumerations of the roster and the appointment procedure.

use super::{Domain, Label};

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

// The grounds for ending an appointment early: seed 001 art. 12's six, and
// seed 004 二's 违纪违法、学术不端 and 调离 (migration 9), before "other".
domain!(DISMISSAL_GROUND, "解聘情形", "dismissal ground", ["appointments.dismissal_ground"], {
    "criminal" => "被依法追究刑事责任", "criminal liability";
    "disqualified" => "被剥夺职业资格", "loss of professional qualification";
    "nonperformance" => "不积极履行顾问职责", "not performing duties";
    "secrets" => "泄露秘密", "leaking secrets";
    "misconduct" => "损害政府形象", "conduct damaging the government";
    "violation" => "违纪违法", "breach of discipline or law";
    "academic_misconduct" => "学术不端", "academic misconduct";
    "transferred" => "调离", "transferred away";
    "other" => "其他不适宜情形", "other";
});
