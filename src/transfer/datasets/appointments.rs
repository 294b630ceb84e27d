//! `appointments`: every term of every advisor on every panel, export only,
//! with `appointment list`'s filters (`--panel`, `--advisor`, `--state`,
//! `--as-of`) and its status: expired, renewed and pending computed on the
//! day of the export exactly as `store::status_expr` computes them.

use crate::cli::appointment::ListArgs;
use crate::commands::appointment::read::list_filter;
use crate::labels::{APPOINTMENT_STATUS, DISMISSAL_GROUND, ROLE, SOURCE};
use crate::output::{Kind, col};
use crate::store::status_expr;
use crate::transfer::{Dataset, Filter, Query, Selection};

pub static DATASET: Dataset = Dataset {
    name: "appointments",
    zh: "聘任",
    en: "appointments",
    columns: &[
        col("id", "聘任编号", "appointment", Kind::Int),
        col("advisor", "专家编码", "advisor code", Kind::Text),
        col("advisor_name", "姓名", "name", Kind::Text),
        col("panel", "顾问团", "panel", Kind::Text),
        col("role", "职务", "role", Kind::Enum(&ROLE)),
        col("status", "状态", "status", Kind::Enum(&APPOINTMENT_STATUS)),
        col("source", "推荐方式", "source", Kind::Enum(&SOURCE)),
        col("nominated_by", "推荐人/单位", "nominated by", Kind::Text),
        col("nominated_on", "推荐日期", "nominated on", Kind::Date),
        col("notice_start", "公示开始", "notice start", Kind::Date),
        col("notice_end", "公示截止", "notice end", Kind::Date),
        col("certificate", "聘书编号", "certificate", Kind::Text),
        col(
            "agreement_date",
            "协议签订日期",
            "agreement date",
            Kind::Date,
        ),
        col("term_start", "聘期起", "term start", Kind::Date),
        col("term_end", "聘期止", "term end", Kind::Date),
        col("exemption", "资格豁免理由", "exemption", Kind::Text),
        col("previous", "前一聘期", "previous term", Kind::Int),
        col("renewal", "续聘记录", "renewal", Kind::Int),
        col("ended_on", "终止日期", "ended on", Kind::Date),
        col(
            "dismissal_ground",
            "解聘情形",
            "dismissal ground",
            Kind::Enum(&DISMISSAL_GROUND),
        ),
        col(
            "resign_request_date",
            "辞职申请日期",
            "resignation request",
            Kind::Date,
        ),
        col(
            "certificate_returned",
            "已收回聘书",
            "certificate returned",
            Kind::Bool,
        ),
        col(
            "reject_reason",
            "未通过原因",
            "rejection reason",
            Kind::Text,
        ),
    ],
    required: &[],
    filters: &[Filter::Panel, Filter::Advisor, Filter::State, Filter::AsOf],
    export,
    import: None,
    rows_checked: false,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let f = sel.filters;
    let args = ListArgs {
        panel: f.panel.clone(),
        state: f.state.clone(),
        advisor: f.advisor.clone(),
        expiring_within: None,
        as_of: f.as_of.clone(),
    };
    let filter = list_filter(sel.conn, sel.env, &args)?;
    Ok(Query {
        sql: format!(
            "SELECT ap.id, a.code, a.name, p.name, ap.role, {status}, ap.source, ap.nominated_by, ap.nominated_on,
                ap.notice_start, ap.notice_end, ap.certificate_no, ap.agreement_date, ap.term_start, ap.term_end,
                ap.exemption, ap.previous_id,
                (SELECT nx.id FROM appointments nx WHERE nx.previous_id = ap.id AND nx.state <> 'rejected'),
                ap.ended_on, ap.dismissal_ground, ap.resign_request_date, ap.certificate_returned, ap.reject_reason
             FROM appointments ap JOIN advisors a ON a.id = ap.advisor_id JOIN panels p ON p.id = ap.panel_id
             {} ORDER BY ap.id",
            filter.sql(),
            status = status_expr("ap", "?1"),
        ),
        params: filter.params,
    })
}
