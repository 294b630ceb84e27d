//! Personal data coming back from a masked export (`139****1021`,
//! `500234********9374`, `l***@cas.cn`): a mask is never stored and never
//! taken for a typo. On an update a mask of the value on file means
//! "unchanged"; any other mask is refused, naming the fix. A blank ID
//! number or phone on an update would erase the number on file (a clerk
//! clearing the masked cells to make the file pass): refused too.

use super::Row;
use crate::output::Kind;
use crate::privacy;

/// The stored value of a column (by key) of the record a row updates.
pub type OnFile<'f, 's> = &'f dyn Fn(&str) -> Option<&'s str>;

/// Checks the row's personal-data cells before it is written. `on_file`
/// gives the stored value of a column of the record the row updates;
/// `None` for a new record. A masked cell that is the mask of the value on
/// file is read as absent from then on (the value is kept). `noun` names
/// the command that clears a number (`advisor`, `liaison`).
pub fn personal_cells<'s>(
    row: &Row,
    noun: &str,
    on_file: Option<OnFile<'_, 's>>,
) -> anyhow::Result<()> {
    for (index, column) in row.columns().iter().enumerate() {
        let kind = column.kind;
        if !matches!(
            kind,
            Kind::Phone
                | Kind::IdNumber
                | Kind::Email
                | Kind::Address
                | Kind::WeChat
                | Kind::BirthDate
        ) {
            continue;
        }
        let Some(cell) = row.at(index).map(str::trim) else {
            continue;
        };
        let flag = || format!("--{}", column.key.replace('_', "-"));
        let Some(on_file) = on_file else {
            if privacy::looks_masked(kind, cell) {
                let flag = flag();
                return Err(crate::invalid!(
                    "{flag}：“{cell}”是脱敏导出的内容（部分以 * 遮盖），不能作为新记录的值；请用 export --unmasked 导出，或填写完整的值，或删去这一列",
                    "{flag}: \"{cell}\" comes from a masked export (partly hidden by *) and cannot be a new record's value; export with --unmasked, give the full value, or delete the column",
                ));
            }
            continue;
        };
        let stored = on_file(column.key).filter(|v| !v.is_empty());
        if cell.is_empty() {
            if matches!(kind, Kind::Phone | Kind::IdNumber) && stored.is_some() {
                let flag = flag();
                return Err(crate::invalid!(
                    "{flag}：空白会清除已登记的号码；要保留登记的号码请删去这一列（或填回完整号码）；确要清除请用 roster {noun} edit 逐个清除",
                    "{flag}: a blank cell would erase the number on file; to keep the numbers delete the column (or fill in the full number); to clear one, use roster {noun} edit, one at a time",
                ));
            }
        } else if privacy::looks_masked(kind, cell) {
            let unchanged = stored
                .and_then(|v| privacy::mask(kind, v))
                .is_some_and(|m| m.eq_ignore_ascii_case(cell));
            if !unchanged {
                let flag = flag();
                return Err(crate::invalid!(
                    "{flag}：“{cell}”是脱敏导出的内容（部分以 * 遮盖），与登记的值不符；请用 export --unmasked 导出后再修改，或删去这一列以保留登记的值",
                    "{flag}: \"{cell}\" comes from a masked export (partly hidden by *) and does not match the value on file; export with --unmasked and edit that file, or delete the column to keep what is on file",
                ));
            }
            row.keep(index);
        }
    }
    Ok(())
}
