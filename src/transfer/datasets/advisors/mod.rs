//! `advisors`: the roster. Exported with `advisor list`'s filters (`--as-of`
//! and `--serving` select who served on a day); imported row by row through
//! `advisor add`/`edit`'s own validation, duplicates found by code or ID number
//! (`import.rs`).

mod import;
mod write;

use crate::cli::advisor::AdvisorListArgs;
use crate::commands::advisor::list_filter;
use crate::labels::{CATEGORY, GENDER, TIER};
use crate::output::{Kind, col};
use crate::transfer::{Dataset, Filter, Query, Selection};

pub static DATASET: Dataset = Dataset {
    name: "advisors",
    zh: "专家名册",
    en: "the roster of advisors",
    columns: &[
        col("code", "编码", "code", Kind::Text),
        col("name", "姓名", "name", Kind::Text),
        col("gender", "性别", "gender", Kind::Enum(&GENDER)),
        col("birth_date", "出生日期", "birth date", Kind::BirthDate),
        col("id_number", "身份证号", "ID number", Kind::IdNumber),
        col("category", "类别", "category", Kind::Enum(&CATEGORY)),
        col("tier", "层级", "tier", Kind::Enum(&TIER)),
        col("native_place", "籍贯", "native place", Kind::Text),
        col(
            "native_abroad",
            "在外人员",
            "native working elsewhere",
            Kind::Bool,
        ),
        col("employer", "工作单位", "employer", Kind::Text),
        col("position", "职务", "position", Kind::Text),
        col("title", "职称", "professional title", Kind::Text),
        col("fields", "专业领域", "fields", Kind::Text),
        col("work_start_year", "参加工作年份", "work since", Kind::Int),
        col("academician", "院士", "academician", Kind::Bool),
        col("phone", "电话", "phone", Kind::Phone),
        col("email", "电子邮件", "e-mail", Kind::Email),
        col("wechat", "微信", "WeChat", Kind::WeChat),
        col("address", "地址", "address", Kind::Address),
        col("stipend", "个人年度聘金", "personal stipend", Kind::Money),
        col("notes", "备注", "notes", Kind::Text),
    ],
    required: &["name", "category"],
    filters: &[
        Filter::Panel,
        Filter::Category,
        Filter::Tier,
        Filter::Field,
        Filter::Text,
        Filter::AsOf,
        Filter::Serving,
    ],
    export,
    import: Some(import::start),
    rows_checked: true,
};

fn export(sel: &Selection) -> anyhow::Result<Query> {
    let f = sel.filters;
    let args = AdvisorListArgs {
        panel: f.panel.clone(),
        category: f.category.clone(),
        tier: f.tier.clone(),
        field: f.field.clone(),
        text: f.text.clone(),
        as_of: f.as_of.clone(),
        serving: f.serving,
        limit: 0,
    };
    let filter = list_filter(sel.conn, sel.env, &args)?;
    Ok(Query {
        sql: format!(
            "SELECT a.code, a.name, a.gender, a.birth_date, a.id_number, a.category, a.tier, a.native_place,
                a.native_abroad, a.employer, a.position, a.title, a.fields, a.work_start_year, a.academician,
                a.phone, a.email, a.wechat, a.address, a.stipend_fen, a.notes
             FROM advisors a{} ORDER BY a.code",
            filter.sql()
        ),
        params: filter.params,
    })
}
