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

/// Lowercase, half-width brackets, spaces for underscores, no extra blanks.
fn fold(text: &str) -> String {
    text.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace('（', "(")
        .replace('）', ")")
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn map_header(
    dataset: &Dataset,
    record: &StringRecord,
    ignore_unknown: bool,
    file: &str,
) -> anyhow::Result<Header> {
    let columns = dataset.columns;
    let names: Vec<[String; 3]> = columns
        .iter()
        .map(|c| [fold(c.zh), fold(c.en), fold(c.key)])
        .collect();
    let mut positions: Vec<Option<usize>> = vec![None; columns.len()];
    let mut shown: Vec<String> = columns.iter().map(|c| c.header().to_string()).collect();
    let mut unknown = Vec::new();
    let mut repeated = Vec::new();
    for (position, cell) in record.iter().enumerate() {
        let folded = fold(cell);
        if folded.is_empty() && ignore_unknown {
            continue;
        }
        match names.iter().position(|n| n.contains(&folded)) {
            Some(i) if positions[i].is_some() => repeated.push(cell.trim().to_string()),
            Some(i) => {
                positions[i] = Some(position);
                shown[i] = cell.trim().trim_start_matches('\u{feff}').to_string();
            }
            None => unknown.push(if cell.trim().is_empty() {
                let n = position + 1;
                crate::tr!("（第 {n} 列，空表头）", "(column {n}, empty header)")
            } else {
                cell.trim().to_string()
            }),
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
    })
}
