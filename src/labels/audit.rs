//! What the audit log (`roster log`) names: the kinds of record changed and
//! the changes, in the reader's language (an action not listed shows as
//! stored).

use super::{Domain, Label};

domain!(AUDIT_ENTITY, "对象", "record", [], {
    "advisor" => "专家", "advisor";
    "panel" => "顾问团", "panel";
    "panel_quota" => "履职要求", "duty";
    "appointment" => "聘任", "appointment";
    "roster_review" => "名单年度调整", "roster adjustment";
    "need" => "项目需求", "need";
    "need_match" => "需求对接", "need match";
    "station_review" => "专业站年度评价", "station review";
    "liaison" => "联系人", "liaison";
    "liaison_assignment" => "联系分工", "liaison pairing";
    "contact" => "联系服务", "contact";
    "activity" => "活动", "activity";
    "participant" => "活动参加人", "participant";
    "advice" => "意见建议", "advice";
    "recusal" => "回避", "recusal";
    "expense" => "经费", "expense";
    "budget" => "预算", "budget";
    "assess_run" => "年度考核", "assessment run";
    "assessment" => "考核结果", "assessment";
    "setting" => "设置", "setting";
    "settings" => "设置项", "settings";
    "database" => "数据库", "database";
    "import" => "导入", "import";
    "export" => "导出", "export";
});

domain!(AUDIT_ACTION, "操作", "action", [], {
    "add" => "新增", "added";
    "edit" => "修改", "edited";
    "update" => "更新", "updated";
    "import_update" => "导入更新", "updated by import";
    "void" => "作废", "voided";
    "set" => "设置", "set";
    "reset" => "恢复默认", "reset";
    "assign" => "分配", "assigned";
    "end" => "结束", "ended";
    "attend" => "登记出席", "attendance recorded";
    "nominated" => "推荐", "nominated";
    "vetted" => "初审", "vetted";
    "checked" => "背调", "checked";
    "reviewed" => "审核", "reviewed";
    "approved" => "审定", "approved";
    "publicized" => "公示", "publicized";
    "objected" => "异议", "objection";
    "appointed" => "聘任", "appointed";
    "rejected" => "未通过", "rejected";
    "renewed" => "续聘", "renewed";
    "evaluated" => "任期评估", "term evaluated";
    "dismissed" => "解聘", "dismissed";
    "resigned" => "辞去", "resigned";
    "run" => "计算", "run";
    "grade" => "调整等次", "grade set";
    "adjust" => "特殊贡献补贴", "special contribution";
    "confirm" => "确定", "confirmed";
    "pay" => "支付", "paid";
    "import" => "导入", "imported";
    "export" => "导出", "exported";
    "export_unmasked" => "导出（未脱敏）", "exported unmasked";
    "close" => "办结", "closed";
    "reopen" => "重新打开", "reopened";
    "backup" => "备份", "backed up";
    "restore" => "恢复", "restored";
});
