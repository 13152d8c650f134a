//! Ctrl-C and SIGTERM: remove the temporary workbook being written, if any,
//! say so on stderr, and exit with 128 + the signal number. Without this the
//! default action kills the process before the temporary file's destructor
//! runs, leaving a stale `.retention-worklist-*.xlsx.tmp` beside the output.
//!
//! The signals are received by `signal-hook` on a thread of their own, so the
//! clean-up is ordinary code (no async-signal-safety rules to follow).

use retention_worklist::{text, Lang};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary file being written, if any.
static TEMP: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Starts the thread that waits for SIGINT and SIGTERM.
#[cfg(unix)]
pub fn install(lang: Lang) {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM]) else {
        return; // the default action stays: still no partial workbook at the output path
    };
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            // Holding the lock to the end: `writing`/`done` wait, so the file
            // named here is the one on disk.
            let temp = TEMP.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(path) = temp.as_ref() {
                let _ = std::fs::remove_file(path);
            }
            eprintln!("\nretention-worklist: {}", text::messages::interrupted(lang));
            std::process::exit(128 + sig);
        }
    });
}

/// Elsewhere the default signal action applies.
#[cfg(not(unix))]
pub fn install(_: Lang) {}

/// Marks `path` as the temporary file an interrupt must remove. Called
/// *before* the file is created, so no moment exists in which an interrupt
/// could leave it behind.
pub fn writing(path: &Path) {
    *TEMP.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.to_path_buf());
}

/// The temporary file is gone (renamed or deleted): nothing to remove.
pub fn done() {
    *TEMP.lock().unwrap_or_else(|e| e.into_inner()) = None;
}
