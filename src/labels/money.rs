//! Enumerations of money, the assessment and the panels' yearly duties.

use super::{Domain, Label};

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

// What a spending report covers: the whole office, `*` (never a panel's
// code, which is letters, digits, - and _); a panel is named by its code.
domain!(SPENDING_SCOPE, "范围", "scope", [], {
    "*" => "全办", "office-wide";
});

// A panel's eligibility limit that is not set (a number otherwise).
domain!(NO_LIMIT, "限制", "limit", [], {
    "none" => "不限", "no limit";
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
    "not_begun" => "聘期未开始", "term not begun";
});

domain!(GRADE, "考核等次", "grade", ["assessments.prelim_grade", "assessments.grade"], {
    "excellent" => "优秀", "excellent";
    "competent" => "称职", "competent";
    "basic" => "基本称职", "basic";
    "incompetent" => "不称职", "incompetent";
});

// What an assessment counts per advisor (`domain::assess::COUNTS`), as
// `assess explain` lists its metrics.
domain!(ASSESS_COUNT, "指标", "metric", [], {
    "attended" => "出席", "attended";
    "excused" => "请假", "excused";
    "absent" => "无故缺席", "absent";
    "advice_submitted" => "提交意见建议", "advice submitted";
    "advice_adopted" => "被采纳", "advice adopted";
    "advice_implemented" => "已落实", "advice implemented";
    "advice_endorsed" => "领导批示", "advice endorsed";
    "contacts" => "联系服务", "contacts";
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

// A rule set's requirement periods and the excellent quota's rounding
// (`assess rules check`).
domain!(RULE_PERIOD, "周期", "period", [], {
    "year" => "全年", "the year";
    "each_half" => "每半年", "each half-year";
    "year_end" => "年终", "year end";
});

domain!(ROUNDING, "取整", "rounding", [], {
    "floor" => "向下取整", "rounded down";
    "round" => "四舍五入", "rounded";
    "ceil" => "向上取整", "rounded up";
});
