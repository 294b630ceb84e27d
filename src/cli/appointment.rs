//! `roster appointment …` (alias `appt`): the procedure from nomination to
//! appointment, renewal and the endings.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AppointmentCommand {
    /// Nominate an advisor to a panel (推荐): starts the procedure
    Nominate(NominateArgs),
    /// Record the preliminary review (初审)
    Vet(StepArgs),
    /// Record the background check (背调)
    Check(StepArgs),
    /// Record the review (审核) of one appointment; or, with --year, the
    /// yearly roster adjustment (seed 004 二): every serving advisor with what
    /// the year shows, so the office can decide who stays; --done records the
    /// year's adjustment as made
    Review(ReviewArgs),
    /// Record the approval (审定), e.g. by the government's standing meeting
    Approve(StepArgs),
    /// Start the public notice (公示), 7 days unless the panel says otherwise
    Publicize(PublicizeArgs),
    /// Record an objection during the public notice: back to review, or reject
    Object(ObjectArgs),
    /// Appoint (聘任): certificate number, agreement and term
    Appoint(AppointArgs),
    /// End a nomination before appointment (未通过)
    Reject(RejectArgs),
    /// Renew (续聘): a new term linked to this one
    Renew(RenewArgs),
    /// Record the term evaluation (任期评估, seed 002 part 8: the term report and
    /// self-evaluation, due one month before the term ends; `assess term` summarises it)
    Evaluate(StepArgs),
    /// Dismiss (解聘) or take off the roster (调出): on one of the six grounds of
    /// seed 001 art. 12, or seed 004 二's breach of discipline or law, academic
    /// misconduct or transfer away
    Dismiss(DismissArgs),
    /// Record a resignation (辞去, seed 001 art. 13)
    Resign(ResignArgs),
    /// Correct an appointment's details (role, work plan, certificate, agreement date,
    /// certificate returned)
    Edit(EditArgs),
    /// List appointments, filtered
    List(ListArgs),
    /// Show one appointment with its full step history
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct NominateArgs {
    /// Advisor id, code or name
    pub advisor: String,
    /// Panel id, code or name
    #[arg(long)]
    pub panel: Option<String>,
    /// org_recommendation (组织推荐), think_tank (智库引荐), self (自荐), leader (领导举荐), other
    #[arg(long)]
    pub source: Option<String>,
    /// Who nominated (unit or person)
    #[arg(long = "by")]
    pub by: Option<String>,
    /// Date of the nomination (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Proposed role: member (成员), head (团长), deputy_head (副团长)
    #[arg(long)]
    pub role: Option<String>,
    /// The work plan proposed with the nomination: research directions, cooperation projects
    #[arg(long)]
    pub work_plan: Option<String>,
    /// Reason for appointing an advisor who is over 70 or has under 5 years' work
    #[arg(long)]
    pub exemption: Option<String>,
    /// Reference, e.g. the recommending letter
    #[arg(long)]
    pub reference: Option<String>,
    /// Note
    #[arg(long)]
    pub note: Option<String>,
}

/// A procedure step on one appointment.
#[derive(Debug, Args)]
pub struct StepArgs {
    /// Appointment id
    pub id: i64,
    /// Date of the step (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Reference, e.g. 区政府第31次常务会议
    #[arg(long)]
    pub reference: Option<String>,
    /// Note
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct PublicizeArgs {
    #[command(flatten)]
    pub step: StepArgs,
    /// First day of the notice (default the step date)
    #[arg(long, value_name = "DATE")]
    pub notice_start: Option<String>,
    /// Length of the notice in days (default the panel's, normally 7)
    #[arg(long)]
    pub notice_days: Option<String>,
}

#[derive(Debug, Args)]
pub struct ObjectArgs {
    #[command(flatten)]
    pub step: StepArgs,
    /// What the objection leads to: review (back to 审核) or reject
    #[arg(long)]
    pub outcome: Option<String>,
    /// The objection and how it was handled
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct AppointArgs {
    #[command(flatten)]
    pub step: StepArgs,
    /// Certificate number (聘书编号), unique
    #[arg(long)]
    pub certificate: Option<String>,
    /// Date the appointment agreement was signed (default the step date)
    #[arg(long, value_name = "DATE")]
    pub agreement_date: Option<String>,
    /// First day of the term (default the step date)
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Term length in years (default the panel's)
    #[arg(long)]
    pub years: Option<String>,
    /// Last day of the term (overrides --years)
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
    /// Reason for appointing an advisor who is over 70 or has under 5 years' work
    #[arg(long)]
    pub exemption: Option<String>,
}

#[derive(Debug, Args)]
pub struct RejectArgs {
    #[command(flatten)]
    pub step: StepArgs,
    /// Why the nomination ends
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct RenewArgs {
    #[command(flatten)]
    pub step: StepArgs,
    /// First day of the new term (default the day after the current term ends)
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Term length in years (default the panel's); used when the panel allows direct renewal
    #[arg(long)]
    pub years: Option<String>,
    /// Certificate number for a direct renewal
    #[arg(long)]
    pub certificate: Option<String>,
    /// Reason for renewing an advisor who is now over 70
    #[arg(long)]
    pub exemption: Option<String>,
    /// Work plan for the new term
    #[arg(long)]
    pub work_plan: Option<String>,
}

#[derive(Debug, Args)]
pub struct DismissArgs {
    #[command(flatten)]
    pub step: StepArgs,
    /// Seed 001 art. 12: criminal (被依法追究刑事责任), disqualified (被剥夺职业资格),
    /// nonperformance (不积极履行顾问职责), secrets (泄露秘密), misconduct (损害政府形象);
    /// seed 004 二: violation (违纪违法), academic_misconduct (学术不端), transferred (调离);
    /// or other (其他不适宜情形, with --note or --reference saying what it is)
    #[arg(long)]
    pub ground: Option<String>,
    /// Whether the certificate was taken back (yes/no; seed 001 art. 13:
    /// 解聘…并收回聘书); `due` lists one not returned until it is recorded
    #[arg(long)]
    pub certificate_returned: Option<String>,
}

#[derive(Debug, Args)]
pub struct ResignArgs {
    #[command(flatten)]
    pub step: StepArgs,
    /// Date of the written request (seed 001 art. 13)
    #[arg(long, value_name = "DATE")]
    pub request_date: Option<String>,
    /// Whether the certificate was returned: yes/no
    #[arg(long)]
    pub certificate_returned: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Appointment id
    pub id: i64,
    /// member, head or deputy_head
    #[arg(long)]
    pub role: Option<String>,
    /// Who nominated
    #[arg(long = "by")]
    pub by: Option<String>,
    /// The work plan
    #[arg(long)]
    pub work_plan: Option<String>,
    /// Certificate number
    #[arg(long)]
    pub certificate: Option<String>,
    /// Date the agreement was signed
    #[arg(long, value_name = "DATE")]
    pub agreement_date: Option<String>,
    /// After a resignation or dismissal: whether the certificate has been
    /// returned (yes/no), e.g. returned after the day it ended
    #[arg(long)]
    pub certificate_returned: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this panel
    #[arg(long)]
    pub panel: Option<String>,
    /// Only this status (nominated … appointed, pending, expired, renewed, rejected, dismissed, resigned, or "open" for any step before appointment)
    #[arg(long)]
    pub state: Option<String>,
    /// Only this advisor
    #[arg(long)]
    pub advisor: Option<String>,
    /// Only terms ending within this many days (e.g. 90 or 90d)
    #[arg(long, value_name = "DAYS")]
    pub expiring_within: Option<String>,
    /// Only appointments serving on this date
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Appointment id
    pub id: i64,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Appointment id (to record its review step)
    #[arg(required_unless_present = "year", conflicts_with = "year")]
    pub id: Option<i64>,
    /// Review the roster for this year instead (seed 004 part 2)
    #[arg(long)]
    pub year: Option<String>,
    /// With --year: only this panel
    #[arg(long, requires = "year")]
    pub panel: Option<String>,
    /// With --year: record the year's roster adjustment (调整补充, seed 004 二: once a
    /// year) as made, on --date (default today) with --reference and --note; once a year
    #[arg(long)]
    pub done: bool,
    /// With --year: void the year's adjustment recorded in error (with --reason); it
    /// stays in history, and the year may be recorded again
    #[arg(long, conflicts_with = "done")]
    pub void: bool,
    /// Why the record is voided (with --void)
    #[arg(long)]
    pub reason: Option<String>,
    /// Date of the step, or of the year's adjustment (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Reference, e.g. 开州在外人员联系服务工作联席会议, or the decision on the year's adjustment
    #[arg(long)]
    pub reference: Option<String>,
    /// Note
    #[arg(long)]
    pub note: Option<String>,
}
