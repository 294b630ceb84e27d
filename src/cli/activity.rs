//! `roster activity …` (alias `act`): the advisors' work — meetings,
//! consultations, written opinions — with who took part and how.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ActivityCommand {
    /// Record an activity (履职活动), planned or held, with its participants
    Add(ActivityAddArgs),
    /// List activities, filtered (voided ones only with --include-void)
    List(ActivityListArgs),
    /// Show one activity with its participants, their attendance and opinions
    Show(ActivityShowArgs),
    /// Correct an activity's details (only the flags given change; "" clears)
    Edit(ActivityEditArgs),
    /// Void an activity recorded by mistake: it stays, marked, and no longer counts
    Void(ActivityVoidArgs),
    /// Record attendance (出席/请假/缺席), role and opinion of participants
    Attend(AttendArgs),
    /// Add participants to an activity, or remove one added by mistake
    #[command(subcommand)]
    Participant(ParticipantCommand),
    /// Attendance per advisor in a year: attended, excused, unexcused absences
    /// (seed 001 art. 12(3)) and invitations not yet recorded, for the
    /// activities held by today (as the yearly summary counts them)
    Attendance(AttendanceArgs),
}

/// The details of an activity. On `add`, --kind, --date and --topic are required.
#[derive(Debug, Args, Default)]
pub struct ActivityFields {
    /// consultation (个别咨询), group_consultation (小组咨询), seminar (专题研讨),
    /// panel_meeting (顾问团会议), economic_analysis (经济运行分析会), site_research (实地调研),
    /// lecture (专题讲座/培训), written_opinion (书面意见), research_report (研究报告),
    /// project_review (论证评估), planning (规划编制), investment_referral (招商推介),
    /// enterprise_service (联系服务企业), clinical_guidance (查房/手术指导/会诊);
    /// seed 004 六活动: symposium (座谈交流), work_report (工作汇报, the expert reporting
    /// their work), study (国情区情市情研修); other
    #[arg(long)]
    pub kind: Option<String>,
    /// The day it takes (or took) place
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Panel whose work it is (id, code or name)
    #[arg(long)]
    pub panel: Option<String>,
    /// Topic (议题/主题)
    #[arg(long)]
    pub topic: Option<String>,
    /// on_site (现场), remote (远程) or in_writing (书面); written work defaults to in_writing
    #[arg(long)]
    pub mode: Option<String>,
    /// Place
    #[arg(long)]
    pub place: Option<String>,
    /// Hours spent, 0 to 24
    #[arg(long, allow_negative_numbers = true)]
    pub hours: Option<String>,
    /// The unit that asked for it (委托/邀请单位)
    #[arg(long = "unit", value_name = "UNIT")]
    pub requesting_unit: Option<String>,
    /// Reference of the minutes (会议纪要), which name the advisors present and their opinions (seed 001 art. 11)
    #[arg(long = "minutes", value_name = "REF")]
    pub minutes_ref: Option<String>,
    /// What came of it
    #[arg(long)]
    pub result: Option<String>,
}

/// How advisors take part, when they are added.
#[derive(Debug, Args, Default)]
pub struct JoinArgs {
    /// invited (default), attended, excused or absent; recorded attendance needs the day to have come
    #[arg(long)]
    pub attendance: Option<String>,
    /// Reason of an excused absence (required with --attendance excused)
    #[arg(long)]
    pub reason: Option<String>,
    /// chair (主持), speaker (主讲), member (参加, default), author (执笔), reviewer (评审)
    #[arg(long)]
    pub role: Option<String>,
    /// The opinion the advisor gave (recorded in the minutes)
    #[arg(long)]
    pub opinion: Option<String>,
    /// Allow advisors who do not serve on the activity's panel that day (guests)
    #[arg(long)]
    pub guest: bool,
    /// Take part despite a recusal that covers this activity; the reason is stored
    #[arg(long = "override", value_name = "REASON")]
    pub override_reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct ActivityAddArgs {
    #[command(flatten)]
    pub fields: ActivityFields,
    /// An advisor taking part (repeat for several)
    #[arg(long = "advisor", value_name = "ADVISOR")]
    pub advisors: Vec<String>,
    #[command(flatten)]
    pub join: JoinArgs,
}

#[derive(Debug, Args)]
pub struct ActivityEditArgs {
    /// Activity id
    pub id: i64,
    #[command(flatten)]
    pub fields: ActivityFields,
}

#[derive(Debug, Args)]
pub struct ActivityVoidArgs {
    /// Activity id
    pub id: i64,
    /// Why it is void
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct ActivityShowArgs {
    /// Activity id
    pub id: i64,
}

#[derive(Debug, Args)]
pub struct AttendArgs {
    /// Activity id
    pub id: i64,
    /// Participants (id, code or name), already on the activity
    #[arg(required = true, value_name = "ADVISOR")]
    pub advisors: Vec<String>,
    /// attended, excused, absent, or invited to undo a record; when left out,
    /// an invited advisor is recorded as attended and a recorded one is kept
    #[arg(long)]
    pub attendance: Option<String>,
    /// Reason of an excused absence (required with --attendance excused)
    #[arg(long)]
    pub reason: Option<String>,
    /// chair, speaker, member, author or reviewer
    #[arg(long)]
    pub role: Option<String>,
    /// The opinion the advisor gave, as the minutes record it ("" clears)
    #[arg(long)]
    pub opinion: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ParticipantCommand {
    /// Add advisors to an activity (invited unless --attendance says otherwise)
    Add(ParticipantAddArgs),
    /// Remove a participant added by mistake: the row stays, voided, with the reason
    Remove(ParticipantRemoveArgs),
}

#[derive(Debug, Args)]
pub struct ParticipantAddArgs {
    /// Activity id
    pub id: i64,
    /// Advisors to add (id, code or name)
    #[arg(required = true, value_name = "ADVISOR")]
    pub advisors: Vec<String>,
    #[command(flatten)]
    pub join: JoinArgs,
}

#[derive(Debug, Args)]
pub struct ParticipantRemoveArgs {
    /// Activity id
    pub id: i64,
    /// The advisor to remove
    pub advisor: String,
    /// Why
    #[arg(long)]
    pub reason: Option<String>,
}

/// The filters every listing of the advisors' work accepts.
#[derive(Debug, Args, Default, Clone)]
pub struct WorkFilter {
    /// Only this calendar year
    #[arg(long)]
    pub year: Option<String>,
    /// Only this panel (id, code or name)
    #[arg(long)]
    pub panel: Option<String>,
    /// Only this advisor (id, code or name)
    #[arg(long)]
    pub advisor: Option<String>,
    /// Only this kind of activity
    #[arg(long)]
    pub kind: Option<String>,
}

#[derive(Debug, Args)]
pub struct ActivityListArgs {
    #[command(flatten)]
    pub filter: WorkFilter,
    /// Only activities with a participant (the --advisor, if given) of this attendance, e.g. absent
    #[arg(long)]
    pub attendance: Option<String>,
    /// Include voided activities, marked
    #[arg(long)]
    pub include_void: bool,
    /// At most this many rows (0 = all)
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct AttendanceArgs {
    /// --year is required; --panel also lists every advisor who served on the panel that year
    #[command(flatten)]
    pub filter: WorkFilter,
}
