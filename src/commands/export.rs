//! `roster export DATASET`: options validated, then the transfer machinery
//! streams the dataset to stdout or a file; a file export reports its count
//! on stderr only when stderr is a terminal (stdout may be the data itself).

use crate::cli::export::ExportArgs;
use crate::context::Ctx;
use crate::output::Format;
use crate::transfer::{self, Charset, export::ExportOptions};

pub fn run(ctx: &Ctx, args: ExportArgs) -> anyhow::Result<()> {
    let dataset = transfer::find(&args.dataset, false)?;
    let xlsx = match ctx.env.format {
        Format::Table | Format::Csv => false,
        Format::Xlsx => true,
        Format::Json => {
            return Err(crate::invalid!(
                "--format：导出只写 CSV（默认）或 xlsx；JSON 请用各列表命令的 --format json",
                "--format: an export writes CSV (the default) or xlsx; for JSON use a listing with --format json",
            ));
        }
    };
    let charset = match args.encoding.as_deref() {
        Some(text) => Charset::parse("--encoding", text)?,
        None => Charset::Utf8,
    };
    if xlsx && args.encoding.is_some() {
        return Err(crate::invalid!(
            "--encoding：只适用于 CSV；xlsx 工作簿自带编码",
            "--encoding: applies to CSV only; an xlsx workbook carries its own"
        ));
    }
    // `--out -` is stdout, as for sort -o or curl -o.
    let out = args.out.as_deref().filter(|p| p.as_os_str() != "-");
    if xlsx && out.is_none() {
        return Err(crate::invalid!(
            "--out：xlsx 工作簿须写入文件；请加 --out 文件名.xlsx",
            "--out: an xlsx workbook must go to a file; add --out NAME.xlsx"
        ));
    }
    if let (Some(out), Some(db)) = (out, ctx.conn.path().filter(|p| !p.is_empty()))
        && crate::files::is_database(out, std::path::Path::new(db))
    {
        let shown = out.display();
        return Err(crate::invalid!(
            "--out：{shown} 就是数据库本身（写入会毁掉全部数据）；请换一个文件名",
            "--out: {shown} is the database itself (writing there would destroy every record); choose another file",
        ));
    }
    let options = ExportOptions {
        charset,
        bom: !args.no_bom,
        mask: !args.unmasked,
        xlsx,
    };
    let rows = transfer::export::run(ctx, dataset, &args.filters, options, out)?;
    if let Some(path) = out {
        let shown = path.display();
        crate::output::print_status(
            &ctx.env,
            &crate::tr!(
                "已导出 {rows} 行到 {shown}",
                "exported {rows} rows to {shown}"
            ),
        );
    }
    Ok(())
}
