//! Ctrl-C and SIGTERM: remove the temporary workbook being written, if any,
//! say so on stderr, and exit with 128 + the signal number. Without this the
//! default action kills the process before the temporary file's destructor
//! runs, leaving a stale `.retention-worklist-*.xlsx.tmp` beside the output.
//!
//! `signal-hook` does the signal handling: its handler only records the
//! signal (synchronously, in an atomic) and wakes a thread of ours, which does
//! the clean-up as ordinary code. The writer checks the record just before it
//! renames the finished file into place ([`commit`]), so a signal that
//! arrived during the write is never followed by a workbook appearing.

use retention_worklist::{text, Lang};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// The temporary file being written, if any.
static TEMP: Mutex<Option<PathBuf>> = Mutex::new(None);
/// The signal received (0: none), set by the signal handler itself.
static RECEIVED: OnceLock<Arc<AtomicUsize>> = OnceLock::new();
/// The language of the notice.
static LANG: OnceLock<Lang> = OnceLock::new();

/// Starts watching for SIGINT and SIGTERM.
#[cfg(unix)]
pub fn install(lang: Lang) {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;
    let _ = LANG.set(lang);
    let received = RECEIVED.get_or_init(|| Arc::new(AtomicUsize::new(0)));
    for sig in [SIGINT, SIGTERM] {
        // Cannot fail for these two signals; if it did, the default action
        // stays (still no partial workbook at the output path).
        let _ = signal_hook::flag::register_usize(sig, Arc::clone(received), sig as usize);
    }
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            stop(sig);
        }
    });
}

/// Elsewhere the default signal action applies.
#[cfg(not(unix))]
pub fn install(_: Lang) {}

/// Removes the temporary file, says the run was interrupted, exits.
fn stop(sig: i32) -> ! {
    let temp = TEMP.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(path) = temp.as_ref() {
        let _ = std::fs::remove_file(path);
    }
    let lang = LANG.get().copied().unwrap_or_default();
    eprintln!(
        "\nretention-worklist: {}",
        text::messages::interrupted(lang)
    );
    std::process::exit(128 + sig);
}

/// The signal received so far, if any.
fn received() -> Option<i32> {
    let n = RECEIVED.get()?.load(Ordering::SeqCst);
    (n != 0).then_some(n as i32)
}

/// Marks `path` as the temporary file an interrupt must remove. Called
/// *before* the file is created, so no moment exists in which an interrupt
/// could leave it behind.
pub fn writing(path: &Path) {
    *TEMP.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.to_path_buf());
}

/// Runs `rename` (the temporary file into place) unless a signal came first,
/// in which case the run stops here instead. The clean-up thread waits
/// meanwhile, so the two never disagree about which file exists.
pub fn commit<T>(rename: impl FnOnce() -> T) -> T {
    let mut temp = TEMP.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(sig) = received() {
        drop(temp);
        stop(sig);
    }
    let result = rename();
    *temp = None;
    result
}

/// The temporary file is gone (renamed or deleted): nothing to remove.
pub fn done() {
    *TEMP.lock().unwrap_or_else(|e| e.into_inner()) = None;
}
