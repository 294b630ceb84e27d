//! `roster init [--sample]`: the only command that creates a database.

use std::path::Path;

use crate::cli::init::InitArgs;
use crate::context::{Ctx, Env};

pub fn run(path: &Path, env: Env, args: &InitArgs) -> anyhow::Result<()> {
    let conn = crate::db::create(path)?;
    let mut ctx = Ctx { env, conn };
    let shown = path.display().to_string();
    if args.sample {
        if let Err(err) = crate::sample::load(&mut ctx) {
            drop(ctx);
            remove_database(path);
            return Err(err.context(crate::tr!(
                "载入样例失败，已删除 {shown}",
                "loading the sample office failed; {shown} was removed"
            )));
        }
        let counts = crate::sample::counts(&ctx.conn)?;
        crate::output::print_done(
            &ctx.env,
            &crate::tr!(
                "已创建 {shown}，并载入样例：{counts}",
                "created {shown} with the sample office: {counts}"
            ),
            "database",
            0,
            None,
        )
    } else {
        crate::output::print_done(
            &ctx.env,
            &crate::tr!("已创建 {shown}（空数据库）", "created {shown} (empty)"),
            "database",
            0,
            None,
        )
    }
}

fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(Path::new(&name));
    }
}
