//! Enumerations of liaison, contacts, the advisors' work and advice, and what is due.

use super::{Domain, Label};

// The office reaching the advisor. Seed 004 三(一)4 六活动: 节日慰问 is a
// greeting; 线上互动 and 工作通报 (the office informing its experts) are
// `online` and `briefing` (migration 9); its other three are activities.
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
    "online" => "线上互动", "online exchange";
    "briefing" => "工作通报", "work briefing";
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
    "leader_no_contact" => "领导本年未联系", "leader made no contact this year";
    "not_visited" => "本年未走访", "not visited this year";
    "greeting_missed" => "节日未问候", "greeting missed";
    "quota_unmet" => "联系要求未完成", "contact quota unmet";
    "visit_owed" => "三必访未访", "visit owed (三必访)";
});

// What `roster due` lists, in the order items of one day are shown.
domain!(DUE_KIND, "待办事项", "item", [], {
    "term_end" => "聘期届满", "term ending";
    "term_evaluation" => "任期评估", "term evaluation";
    "ready_to_appoint" => "待聘任", "ready to appoint";
    "certificate" => "聘书待收回", "certificate to take back";
    "festival" => "节日问候", "holiday greeting";
    "no_contact" => "久未联系", "no recent contact";
    "no_liaison" => "未定联系人", "no liaison";
    "leader_short" => "领导联系不足", "leader holds too few";
    "visit_owed" => "三必访", "visit owed";
    "advice_feedback" => "意见待反馈", "advice feedback";
    "quota" => "履职要求", "duty behind pace";
    "year_end_report" => "年终报告", "year-end report";
    "assessment" => "考核待确定", "assessment to confirm";
    "assessment_run" => "年度考核未进行", "assessment not run";
    "roster_review" => "名单年度调整", "yearly roster adjustment";
    "budget" => "预算预警", "budget alert";
});

// The advisor at work. Seed 004 三(一)4 六活动: 座谈交流, 工作汇报 (the expert
// reporting their work) and 国情区情市情研修 are `symposium`, `work_report`
// and `study` (migration 9), each counted apart from seminars and lectures.
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
    "symposium" => "座谈交流", "symposium";
    "work_report" => "工作汇报", "work report";
    "study" => "国情区情市情研修", "study programme";
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
    "need" => "需求对接", "need matched";
    "expense" => "经费", "expense";
});

// An enterprise's need in the project needs library (项目需求库, seed 003
// 二(二)1), by what it asks for (一(二)1: 研发技术、成果转化、人才培养、科技合作).
domain!(NEED_KIND, "需求类型", "need kind", ["needs.kind"], {
    "research" => "研发技术", "research and development";
    "transfer" => "成果转化", "technology transfer";
    "training" => "人才培养", "talent training";
    "cooperation" => "科技合作", "S&T cooperation";
});

// How a need was closed.
domain!(NEED_RESULT, "办结结果", "result", ["needs.result"], {
    "resolved" => "已解决", "resolved";
    "partly" => "部分解决", "partly resolved";
    "unresolved" => "未解决", "unresolved";
});

// Where a need stands, as listed: awaiting experts, matched, or closed
// with its result (computed on read, not stored).
domain!(NEED_STATUS, "需求状态", "need status", [], {
    "open" => "待对接", "awaiting experts";
    "matched" => "已对接", "matched";
    "resolved" => "已解决", "resolved";
    "partly" => "部分解决", "partly resolved";
    "unresolved" => "未解决", "unresolved";
    "voided" => "已作废", "voided";
});

// A station's yearly verdict (seed 003 三(三): 嘉奖, 通报批评).
domain!(VERDICT, "年度评价", "verdict", ["station_reviews.verdict"], {
    "commend" => "嘉奖", "commended";
    "criticize" => "通报批评", "criticized";
});
