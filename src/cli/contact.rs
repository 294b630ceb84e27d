//! `roster contact …`: the office reaching advisors — visits, greetings,
//! calls, materials, care, reported events (seed 000, seed 004).

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Record a contact with one or more advisors
    Add(ContactAddArgs),
    /// List contacts, filtered
    List(ContactListArgs),
    /// Void a wrong contact with a reason (it stays in history)
    Void(ContactVoidArgs),
}

#[derive(Debug, Args, Default)]
pub struct ContactAddArgs {
    /// Date of the contact (default today; never in the future)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// visit (走访), home_visit (登门拜访), greeting (节日慰问), call (电话联系), message (微信/短信),
    /// letter (信函/邮件), materials (寄送资料), reception (来访接待), care (关心关怀),
    /// online (线上互动), briefing (工作通报: the office informing its experts; both seed 004
    /// 六活动) or report (重大事项报告, 五报告: sent in by the expert, not a contact)
    #[arg(long)]
    pub kind: Option<String>,
    /// Advisor id, code or name (repeat for several)
    #[arg(long = "advisor", value_name = "ADVISOR")]
    pub advisors: Vec<String>,
    /// Every advisor serving on this panel on the date (id, code or name)
    #[arg(long)]
    pub panel: Option<String>,
    /// The liaison who made the contact (default: the advisors' liaison, when they share one;
    /// none for a reported event, which the expert or their unit sends in)
    #[arg(long)]
    pub liaison: Option<String>,
    /// in_person, phone, wechat, sms, letter, email, video or other
    #[arg(long)]
    pub channel: Option<String>,
    /// 三必访 occasion: festival, achievement, hardship or routine
    #[arg(long)]
    pub occasion: Option<String>,
    /// The festival greeted: new_year (元旦), spring (春节), qingming (清明), dragon_boat (端午),
    /// mid_autumn (中秋), double_ninth (重阳); it counts for the occurrence from 45 days
    /// ahead to 15 days after (a 元旦 greeting on 30 December is for the coming year)
    #[arg(long)]
    pub festival: Option<String>,
    /// For care: health_check, recuperation or hardship_help
    #[arg(long)]
    pub care: Option<String>,
    /// For a reported event (五报告): major_activity, post_change, achievement, family_event or health
    #[arg(long)]
    pub event: Option<String>,
    /// What was said or sent
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args, Default)]
pub struct ContactListArgs {
    /// Only this year (with --festival: the year of the festival greeted)
    #[arg(long)]
    pub year: Option<String>,
    /// Only contacts naming this advisor
    #[arg(long)]
    pub advisor: Option<String>,
    /// Only contacts naming an advisor serving on this panel on the contact's date
    #[arg(long)]
    pub panel: Option<String>,
    /// Only this kind
    #[arg(long)]
    pub kind: Option<String>,
    /// Only greetings for this festival
    #[arg(long)]
    pub festival: Option<String>,
    /// Only contacts made by this liaison
    #[arg(long)]
    pub liaison: Option<String>,
    /// Include voided contacts
    #[arg(long)]
    pub all: bool,
    /// At most this many rows, newest first (0 = all)
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct ContactVoidArgs {
    /// Contact id
    pub id: i64,
    /// Why it is voided
    #[arg(long)]
    pub reason: Option<String>,
}
