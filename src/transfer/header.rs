//! An import file's header row mapped onto a dataset's columns: each cell
//! may be the Chinese header, the English one or the key, in any order;
//! unknown columns are refused by name (or skipped with --ignore-unknown),
//! repeated ones refused, and missing required ones named.

use csv::StringRecord;

use super::Dataset;
use super::row::Row;

pub struct Header {
    /// Cells per row.
    pub width: usize,
    /// For each dataset column, its position in the file.
    pub positions: Vec<Option<usize>>,
    /// For each dataset column, its name as the file writes it.
    pub names: Vec<String>,
    required: Vec<usize>,
    /// Columns with an empty header (a spreadsheet's cleared columns):
    /// skipped, but a row with something under one is refused.
    pub blank: Vec<usize>,
    /// The columns skipped under `--ignore-unknown`, as the file names them.
    pub ignored: Vec<String>,
}

impl Header {
    /// The first required column left blank in `row`, by its name in the file.
    pub fn blank_required(&self, row: &Row) -> Option<String> {
        self.required
            .iter()
            .find_map(|&i| row.value_at(i).is_none().then(|| self.names[i].clone()))
    }
}

impl Header {
    /// The first cell of `record` that is a live formula, by its column's name.
    pub fn formula(&self, record: &StringRecord) -> Option<String> {
        self.positions.iter().enumerate().find_map(|(i, p)| {
            let cell = record.get((*p)?)?;
            super::cells::is_formula(cell).then(|| self.names[i].clone())
        })
    }
}

impl Header {
    /// The first column with an empty header that `record` fills, by its
    /// number (from 1).
    pub fn filled_blank(&self, record: &StringRecord) -> Option<usize> {
        self.blank
            .iter()
            .find(|&&i| {
                record
                    .get(i)
                    .is_some_and(|c| !super::cells::trim(c).is_empty())
            })
            .map(|i| i + 1)
    }
}

/// Other names clerks' spreadsheets give a column, by column key (the
/// column's own Chinese and English headers and its key are always known).
const ALIASES: &[(&str, &[&str])] = &[
    (
        "id_number",
        &[
            "身份证号码",
            "身份证",
            "公民身份号码",
            "证件号码",
            "id no",
            "id",
        ],
    ),
    (
        "phone",
        &[
            "手机",
            "手机号",
            "手机号码",
            "联系电话",
            "电话号码",
            "联系方式",
            "mobile",
            "telephone",
            "tel",
        ],
    ),
    (
        "employer",
        &[
            "单位",
            "所在单位",
            "工作单位名称",
            "单位名称",
            "organization",
            "organisation",
        ],
    ),
    ("email", &["邮箱", "电子邮箱", "e-mail地址", "mail"]),
    ("address", &["通讯地址", "联系地址", "住址"]),
    (
        "fields",
        &["专业", "专业方向", "研究领域", "研究方向", "专长"],
    ),
    (
        "birth_date",
        &[
            "出生年月",
            "出生年月日",
            "生日",
            "date of birth",
            "birthday",
        ],
    ),
    ("work_start_year", &["参加工作时间", "工作年份"]),
    ("wechat", &["微信号"]),
    ("title", &["技术职称", "专业技术职称"]),
    ("position", &["现任职务"]),
    ("native_place", &["出生地"]),
    ("academician", &["是否院士", "是否为院士", "两院院士"]),
];

/// Lowercase, half-width letters and brackets, spaces for underscores, no
/// extra blanks — and none at all in a header with Chinese in it, where
/// spreadsheets pad short names to line up (`姓  名`).
fn fold(text: &str) -> String {
    let text: String = text
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .map(crate::input::text::halfwidth_char)
        .collect();
    let text = text.to_lowercase().replace('_', " ");
    let words: Vec<&str> = text.split_whitespace().collect();
    if text.chars().any(crate::input::text::is_cjk) {
        words.concat()
    } else {
        words.join(" ")
    }
}

/// Whether `record` is a title above the header (a merged cell naming the
/// table, as spreadsheets print them): one filled cell that names no column
/// of `dataset`.
pub fn is_title(dataset: &Dataset, record: &StringRecord) -> bool {
    let mut filled = record.iter().filter(|c| !c.trim().is_empty());
    let (Some(only), None) = (filled.next(), filled.next()) else {
        return false;
    };
    let folded = fold(only);
    !dataset.columns.iter().any(|c| {
        [c.zh, c.en, c.key].iter().any(|n| fold(n) == folded)
            || ALIASES
                .iter()
                .any(|(key, more)| *key == c.key && more.iter().any(|m| fold(m) == folded))
    })
}

pub fn map_header(
    dataset: &Dataset,
    record: &StringRecord,
    ignore_unknown: bool,
    file: &str,
) -> anyhow::Result<Header> {
    let columns = dataset.columns;
    let names: Vec<Vec<String>> = columns
        .iter()
        .map(|c| {
            let mut known = vec![fold(c.zh), fold(c.en), fold(c.key)];
            if let Some((_, more)) = ALIASES.iter().find(|(key, _)| *key == c.key) {
                known.extend(more.iter().map(|m| fold(m)));
            }
            known
        })
        .collect();
    let mut positions: Vec<Option<usize>> = vec![None; columns.len()];
    let mut shown: Vec<String> = columns.iter().map(|c| c.header().to_string()).collect();
    let mut unknown = Vec::new();
    let mut repeated = Vec::new();
    let mut blank = Vec::new();
    for (position, cell) in record.iter().enumerate() {
        let folded = fold(cell);
        if folded.is_empty() {
            blank.push(position);
            continue;
        }
        match names.iter().position(|n| n.contains(&folded)) {
            Some(i) if positions[i].is_some() => repeated.push(cell.trim().to_string()),
            Some(i) => {
                positions[i] = Some(position);
                shown[i] = cell.trim().trim_start_matches('\u{feff}').to_string();
            }
            None => unknown.push(cell.trim().to_string()),
        }
    }
    let name = dataset.name;
    let expected = || {
        columns
            .iter()
            .map(|c| format!("{} ({})", c.zh, c.en))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !repeated.is_empty() {
        let list = repeated.join(", ");
        return Err(crate::invalid!(
            "{file}：表头中的列重复：{list}；每列只能出现一次",
            "{file}: repeated columns in the header: {list}; each column may appear once",
        ));
    }
    if !unknown.is_empty() && !ignore_unknown {
        let (list, expected) = (unknown.join(", "), expected());
        return Err(crate::invalid!(
            "{file}：数据集 {name} 没有这些列：{list}；可用的列为：{expected}（如要忽略多余的列，请加 --ignore-unknown）",
            "{file}: the {name} dataset has no columns {list}; its columns are: {expected} (add --ignore-unknown to skip extra columns)",
        ));
    }
    let missing: Vec<String> = dataset
        .required
        .iter()
        .filter_map(|key| {
            let i = columns.iter().position(|c| c.key == *key)?;
            positions[i]
                .is_none()
                .then(|| format!("{} ({})", columns[i].zh, columns[i].en))
        })
        .collect();
    if !missing.is_empty() {
        let list = missing.join(", ");
        return Err(crate::invalid!(
            "{file}：缺少必需的列：{list}；请在表头中加上这些列",
            "{file}: missing required columns: {list}; add them to the header row",
        ));
    }
    let required = dataset
        .required
        .iter()
        .filter_map(|key| columns.iter().position(|c| c.key == *key))
        .collect();
    Ok(Header {
        width: record.len(),
        positions,
        names: shown,
        required,
        blank,
        ignored: unknown,
    })
}
