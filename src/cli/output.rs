//! Files: reading the export, writing the workbooks atomically.

use super::interrupt;
use retention_worklist::{Error, IoKind, IoProblem, PreviousError, MAX_PREVIOUS_BYTES};
use std::io::{Read, Write};
use std::path::Path;

/// The facts of an I/O failure, for the engine's words.
pub fn io_problem(e: &std::io::Error) -> IoProblem {
    use std::io::ErrorKind as K;
    let kind = match e.kind() {
        K::NotFound => IoKind::NotFound,
        K::PermissionDenied => IoKind::PermissionDenied,
        K::IsADirectory => IoKind::IsADirectory,
        K::NotADirectory => IoKind::NotADirectory,
        K::StorageFull | K::QuotaExceeded => IoKind::StorageFull,
        K::ReadOnlyFilesystem => IoKind::ReadOnly,
        _ => IoKind::Other,
    };
    IoProblem {
        kind,
        detail: e.to_string(),
    }
}

/// Reads the whole input (`-`: standard input).
pub fn read_input(input: &str) -> Result<Vec<u8>, Error> {
    let read = if input == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(input)
    };
    read.map_err(|e| Error::ReadInput {
        path: input.to_string(),
        io: io_problem(&e),
    })
}

/// Reads the previous worklist, refusing one over the engine's limit before
/// reading it.
pub fn read_previous(path: &Path) -> Result<Vec<u8>, Error> {
    let fail = |e: std::io::Error| Error::ReadInput {
        path: path.display().to_string(),
        io: io_problem(&e),
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    let len = file.metadata().map_err(fail)?.len();
    if len > MAX_PREVIOUS_BYTES {
        return Err(Error::Previous(PreviousError::TooLarge {
            bytes: len,
            limit: MAX_PREVIOUS_BYTES,
        }));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // Read at most one byte past the limit: a file that grew is still refused.
    file.take(MAX_PREVIOUS_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    Ok(bytes)
}

/// Creates a folder for workbooks (and its parents) unless it exists.
pub fn create_dir(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::WriteOutput {
        path: dir.display().to_string(),
        io: io_problem(&e),
    })
}

/// Writes to a temporary file beside the target, then renames it into place:
/// a failed or interrupted run never leaves a half-written workbook. An
/// interrupt that lands after the rename removes the workbook too (an
/// interrupted run wrote nothing).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_file(path, bytes, true)
}

/// [`write_atomically`] for a file that replaces one a person may have
/// worked in (the archive's day): once renamed into place it stays, even if
/// the run is then interrupted, since the one it replaced is gone.
pub fn replace_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_file(path, bytes, false)
}

/// Writes atomically; `undo`: an interrupt after the rename removes the file.
///
/// A link is followed: the file it names is replaced (beside it) and the link
/// stays. A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is
/// written into, never replaced: renaming over `/dev/null` would replace it
/// for the whole machine.
fn write_file(path: &Path, bytes: &[u8], undo: bool) -> Result<(), Error> {
    let fail = |p: &Path, e: &std::io::Error| Error::WriteOutput {
        path: p.display().to_string(),
        io: io_problem(e),
    };
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    // A link that names nothing is replaced like a missing file.
    let target = match is_link.then(|| std::fs::canonicalize(path)) {
        Some(Ok(named)) => named,
        _ => path.to_path_buf(),
    };
    if std::fs::metadata(&target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()))
            .map_err(|e| fail(&target, &e));
    }
    let path = target.as_path();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".retention-worklist-").suffix(".xlsx.tmp");
    // Created like any new file (0666 minus the umask), not tempfile's 0600:
    // the workbook is for others to open.
    let mut tmp = builder
        .make_in(dir, |p| {
            interrupt::writing(p);
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(p)
        })
        .map_err(|e| {
            interrupt::done();
            fail(dir, &e)
        })?;
    let written = tmp.write_all(bytes).and_then(|()| tmp.as_file().sync_all());
    let result = match written {
        Ok(()) => tmp
            .persist(path)
            .map(|_| {
                if undo {
                    interrupt::renamed(path);
                }
            })
            .map_err(|e| fail(path, &e.error)),
        Err(e) => {
            drop(tmp);
            Err(fail(path, &e))
        }
    };
    interrupt::done();
    result
}
