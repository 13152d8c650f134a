//! Ctrl-C and SIGTERM: remove the temporary workbook being written, if any,
//! say so on stderr, and exit with 128 + the signal number. Without this the
//! default action kills the process before the temporary file's destructor
//! runs, leaving a stale `.retention-worklist-*.xlsx.tmp` beside the output.
//!
//! `signal-hook` installs the handler; the handler itself does only what is
//! safe inside a signal handler, at once, on whichever thread the signal
//! lands: `unlink` the temporary file (its path prepared beforehand as a C
//! string), `write` the notice, `_exit`. (A handler that only woke a thread
//! to clean up let the main thread finish renaming the workbook first, on a
//! busy machine.)

use retention_worklist::{text, Lang};
use std::ffi::{c_char, CString};
use std::path::Path;
use std::sync::atomic::{AtomicPtr, Ordering};

/// The temporary file being written (a C string leaked by [`writing`]), or null.
static TEMP: AtomicPtr<c_char> = AtomicPtr::new(std::ptr::null_mut());
/// The workbook just renamed into place (a C string leaked by [`renamed`]),
/// or null. An interrupt that lands after the rename, before the process
/// ends, removes it: "interrupted" then still means "no workbook". A file
/// written into `--archive`'s folder is never put here: it may have replaced
/// this morning's file, so once in place it stays.
static RENAMED: AtomicPtr<c_char> = AtomicPtr::new(std::ptr::null_mut());

/// Installs the handler for SIGINT and SIGTERM (`archive`: the run writes
/// into `--archive`'s folder, and its notice says what that leaves).
#[cfg(unix)]
pub fn install(lang: Lang, archive: bool) {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let words = if archive {
        text::messages::interrupted_archive(lang)
    } else {
        text::messages::interrupted(lang)
    };
    // Made before the handler exists: the handler must not allocate.
    let notice: &'static [u8] = format!("\nretention-worklist: {words}\n")
        .into_bytes()
        .leak();
    for sig in [SIGINT, SIGTERM] {
        let action = move || {
            let temp = TEMP.swap(std::ptr::null_mut(), Ordering::SeqCst);
            let renamed = RENAMED.load(Ordering::SeqCst);
            // SAFETY: `temp` and `renamed` are null or NUL-terminated paths
            // leaked by `writing` and `renamed`; unlink, write and _exit are
            // async-signal-safe.
            unsafe {
                if !temp.is_null() {
                    libc::unlink(temp);
                }
                if !renamed.is_null() {
                    libc::unlink(renamed);
                }
                libc::write(2, notice.as_ptr().cast(), notice.len());
            }
            signal_hook::low_level::exit(128 + sig);
        };
        // SAFETY: the action only makes async-signal-safe calls (above).
        // Registering cannot fail for these two signals; if it did, the
        // default action stays (still no partial workbook at the output path).
        let _ = unsafe { signal_hook::low_level::register(sig, action) };
    }
}

/// Elsewhere the default signal action applies.
#[cfg(not(unix))]
pub fn install(_: Lang, _: bool) {}

/// Marks `path` as the temporary file an interrupt must remove. Called
/// *before* the file is created, so no moment exists in which an interrupt
/// could leave it behind.
pub fn writing(path: &Path) {
    if let Some(c) = leaked_c_path(path) {
        done();
        TEMP.store(c, Ordering::SeqCst);
    }
}

/// Holds SIGINT and SIGTERM back on this thread (they wait, pending) until
/// [`release`]. The CLI holds them while the engine builds the workbook:
/// the threads the engine starts then (one frees the workbook's memory while
/// the file is written) inherit the hold, so an interrupt during the write
/// always lands on the main thread, at once, before it can rename anything.
pub fn hold() {
    #[cfg(unix)]
    mask(libc::SIG_BLOCK);
}

/// Lets held signals through on this thread (a pending one acts now).
pub fn release() {
    #[cfg(unix)]
    mask(libc::SIG_UNBLOCK);
}

#[cfg(unix)]
fn mask(how: libc::c_int) {
    // SAFETY: plain calls on a zeroed, then emptied, signal set owned here.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::pthread_sigmask(how, &set, std::ptr::null_mut());
    }
}

/// The workbook is at `path` now (the temporary file was renamed there).
pub fn renamed(path: &Path) {
    if let Some(c) = leaked_c_path(path) {
        RENAMED.store(c, Ordering::SeqCst);
    }
    done();
}

/// `path` as a C string the signal handler can use without allocating,
/// given up to the caller (`None` where there is no such handler).
fn leaked_c_path(path: &Path) -> Option<*mut c_char> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        CString::new(path.as_os_str().as_bytes())
            .ok()
            .map(CString::into_raw)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The temporary file is gone (renamed or deleted): nothing to remove.
pub fn done() {
    let p = TEMP.swap(std::ptr::null_mut(), Ordering::SeqCst);
    if !p.is_null() {
        // SAFETY: `p` came from `CString::into_raw` in `writing`, and the
        // swap took it out of the handler's reach.
        drop(unsafe { CString::from_raw(p) });
    }
}
