//! `cargo bench`: the performance benchmark of issue 10. Generates a
//! synthetic office at ROSTER_BENCH_SCALE (1.0 = the province scale:
//! 100,000 advisors, 10,000,000 activity participations; default 0.02) in
//! ROSTER_BENCH_DIR (default a temporary folder) and prints one table.

mod harness;
#[path = "gen.rs"]
mod synthetic;

fn main() -> anyhow::Result<()> {
    let scale: f64 = std::env::var("ROSTER_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.02);
    let runs: usize = std::env::var("ROSTER_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let keep = std::env::var("ROSTER_BENCH_DIR").ok();
    let temp = tempfile::TempDir::new()?;
    let dir = keep
        .as_deref()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir)?;
    let roster = std::path::PathBuf::from(env!("CARGO_BIN_EXE_roster"));
    eprintln!(
        "roster benchmark: scale {scale} in {} ({})",
        dir.display(),
        roster.display()
    );
    let lines = harness::run(synthetic::Scale::times(scale), &dir, &roster, runs)?;
    println!("{}", harness::table(&lines));
    Ok(())
}
