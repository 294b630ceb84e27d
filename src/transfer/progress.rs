//! A progress bar on stderr for large exports and imports, shown only when
//! stderr is a terminal; otherwise nothing is printed and nothing is counted.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Below this many rows (or bytes, for imports of this many rows' worth) no bar is shown.
pub const LARGE_ROWS: u64 = 50_000;
pub const LARGE_BYTES: u64 = 5_000_000;
/// Rows between updates, so the bar costs nothing per row.
pub const STEP: u64 = 4096;

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Whether a bar could be shown at all (stderr is a terminal).
    pub fn wanted() -> bool {
        std::io::stderr().is_terminal()
    }

    pub fn hidden() -> Self {
        Progress { bar: None }
    }

    /// A bar counting to `total` in `unit`s, shown when `total` is at least `large`.
    pub fn new(total: u64, large: u64, bytes: bool) -> Self {
        if !Self::wanted() || total < large {
            return Self::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let template = if bytes {
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}"
        } else {
            "{bar:40} {human_pos}/{human_len} {per_sec} {eta}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Progress { bar: Some(bar) }
    }

    pub fn set(&self, position: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(position);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
