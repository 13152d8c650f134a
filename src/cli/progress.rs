//! The progress bar of a long run: on a terminal only,
//! and only once the run has taken a second.
//!
//! Shown when standard error is a terminal and neither `-q` nor `--json` was
//! given; never in a pipe, a file or cron. It appears after
//! [`DEFAULT_DELAY`] (`RETENTION_WORKLIST_PROGRESS_DELAY_MS` sets another
//! delay in milliseconds: the tests use `0`), shows the stage, the bytes
//! read or the rows being written, and is cleared before anything else is
//! printed. It only watches the engine's progress callback: the workbook is
//! the same with or without it.
//!
//! Interrupts: the threads that draw the bar are started with SIGINT and
//! SIGTERM held, so an interrupt always lands on the main thread (see
//! [`interrupt::hold`]).

use super::interrupt;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use retention_worklist::{text, Lang, Stage};
use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a run goes before the bar appears.
pub const DEFAULT_DELAY: Duration = Duration::from_secs(1);

/// The variable that sets another delay, in milliseconds.
pub const DELAY_VARIABLE: &str = "RETENTION_WORKLIST_PROGRESS_DELAY_MS";

/// The bar's length: the fraction in thousandths.
const STEPS: u64 = 1000;

/// Whether the bar is on the screen yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Waiting,
    Drawn,
    Done,
}

/// The bar of one run (or nothing, where none is shown).
pub struct Progress {
    bar: Option<Bar>,
}

struct Bar {
    bar: ProgressBar,
    shown: Arc<Mutex<Shown>>,
    /// Dropped (or sent to) when the run ends: the waiting thread stops.
    stop: Option<Sender<()>>,
    lang: Lang,
    input_bytes: u64,
    rows: Option<u64>,
    stage: Option<Stage>,
}

impl Progress {
    /// A bar for a run over `input_bytes`, shown only when `wanted` (not
    /// `-q`, not `--json`) and standard error is a terminal.
    pub fn new(wanted: bool, input_bytes: u64, lang: Lang) -> Progress {
        if !wanted || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let delay = std::env::var(DELAY_VARIABLE)
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .map_or(DEFAULT_DELAY, Duration::from_millis);
        let bar = ProgressBar::with_draw_target(Some(STEPS), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template("{spinner} {msg:32} [{bar:30}] {percent:>3} %")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        let shown = Arc::new(Mutex::new(Shown::Waiting));
        let (stop, wait) = mpsc::channel::<()>();
        let (b, s) = (bar.clone(), Arc::clone(&shown));
        // Started with interrupts held: this thread and the ticker it
        // starts inherit the hold.
        interrupt::hold();
        let spawned = std::thread::Builder::new()
            .name("progress".into())
            .spawn(move || {
                if wait.recv_timeout(delay) != Err(RecvTimeoutError::Timeout) {
                    return; // the run ended first
                }
                let mut s = s.lock().unwrap_or_else(|e| e.into_inner());
                if *s == Shown::Waiting {
                    b.set_draw_target(ProgressDrawTarget::stderr());
                    b.enable_steady_tick(Duration::from_millis(100));
                    *s = Shown::Drawn;
                }
            });
        interrupt::release();
        if spawned.is_err() {
            return Progress { bar: None };
        }
        Progress {
            bar: Some(Bar {
                bar,
                shown,
                stop: Some(stop),
                lang,
                input_bytes,
                rows: None,
                stage: None,
            }),
        }
    }

    /// The engine's progress: a stage and the fraction done (0..=1).
    pub fn update(&mut self, stage: Stage, fraction: f64) {
        let Some(b) = &mut self.bar else { return };
        if b.stage != Some(stage) {
            b.stage = Some(stage);
            b.bar.set_message(b.message(stage, fraction));
        } else if stage == Stage::Reading {
            b.bar.set_message(b.message(stage, fraction));
        }
        b.bar
            .set_position((fraction.clamp(0.0, 1.0) * STEPS as f64) as u64);
    }

    /// The worklist rows, once known (shown while the workbooks are written).
    pub fn rows(&mut self, rows: u64) {
        if let Some(b) = &mut self.bar {
            b.rows = Some(rows);
        }
    }

    /// Clears the bar (if it was drawn) before anything else is printed.
    pub fn finish(&mut self) {
        let Some(mut b) = self.bar.take() else { return };
        let mut s = b.shown.lock().unwrap_or_else(|e| e.into_inner());
        if *s == Shown::Drawn {
            b.bar.finish_and_clear();
        }
        *s = Shown::Done;
        drop(s);
        b.stop.take();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

impl Bar {
    /// `leyendo 45 / 150 MB`, `escribiendo 1.000.000 filas`.
    fn message(&self, stage: Stage, fraction: f64) -> String {
        let word = text::progress::stage(stage, self.lang);
        let mb = |b: f64| text::format_int((b / 1e6).round() as u64, self.lang);
        match (stage, self.rows) {
            (Stage::Reading, _) => {
                let total = self.input_bytes as f64;
                format!("{word} {} / {} MB", mb(fraction * total), mb(total))
            }
            (_, Some(rows)) => format!(
                "{word} {} {}",
                text::format_int(rows, self.lang),
                text::progress::rows(self.lang)
            ),
            (_, None) => word.to_string(),
        }
    }
}
