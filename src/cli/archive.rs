//! Which files a run reads and writes: the flags' (`--previous`, `-o`,
//! `--split-by-executive DIR`), or a scheduled run's archive (`--archive DIR`).
//!
//! The archive is a folder of worklists, one a day, named by date. Today's
//! worklist is written as `DIR/worklist-<as-of>.xlsx`. The previous worklist
//! is, by itself, the latest `DIR/worklist-<date>.xlsx` dated before the
//! as-of date (by the date in its name; `--previous` still wins). Today's own
//! file, when an earlier run of the same day wrote it, is given to the engine
//! as the same day's (`Run::same_day`): what the team typed in it today is
//! kept, while the changes, the history and the overdue rows stay measured
//! against the day before. Only names that are exactly `worklist-YYYY-MM-DD.xlsx`
//! with a real date count: anything else in the folder (`notas.txt`,
//! `worklist-2026-11-25 (1).xlsx`, `Worklist-2026-11-25.xlsx`,
//! `worklist-2026-02-30.xlsx`) is never read, written or removed.
//!
//! With `--split-by-executive` and no folder, the per-executive files go to
//! `DIR/<as-of>/`, which then holds this run's files alone: one an earlier
//! run of the day wrote for an executive who has no rows now is removed.
//!
//! A missing archive folder is created only when the workbook is written (a
//! run that fails writes nothing, not even the folder).

use super::args::{file_name, Cli};
use super::output::io_problem;
use chrono::NaiveDate;
use retention_worklist::{Error, IoKind, IoProblem};
use std::path::{Path, PathBuf};

/// Where a run reads and writes.
#[derive(Debug, Default)]
pub struct Files {
    /// The previous worklist to carry from (`--previous`, or the archive's choice).
    pub previous: Option<PathBuf>,
    /// Today's own worklist from an earlier run (the archive's only).
    pub same_day: Option<PathBuf>,
    /// Where the whole workbook goes (`None`: only the per-executive files are asked for).
    pub output: Option<PathBuf>,
    /// Where the per-executive files go (with `--split-by-executive`).
    pub split: Option<PathBuf>,
    /// With `--archive`: a file, once renamed into place, stays even if the
    /// run is then interrupted (it may have replaced this morning's).
    pub archived: bool,
    /// The archive's own per-executive folder (`DIR/<as-of>/`): its files
    /// this run did not write are removed after the run wrote its own.
    prune_split: bool,
    /// Whether the archive chose `previous` (rather than `--previous`).
    chose_previous: bool,
}

impl Files {
    /// The files of a run reporting on `as_of`.
    pub fn of(cli: &Cli, as_of: NaiveDate) -> Result<Files, Error> {
        let Some(dir) = &cli.archive else {
            let split = cli.split_by_executive.clone().flatten();
            let whole = cli.output.is_some() || split.is_none();
            return Ok(Files {
                previous: cli.previous.clone(),
                output: whole.then(|| {
                    cli.output
                        .clone()
                        .unwrap_or_else(|| PathBuf::from(format!("{}.xlsx", stem(as_of))))
                }),
                split,
                ..Files::default()
            });
        };
        let found = scan(dir, as_of)?;
        let (split, prune_split) = match &cli.split_by_executive {
            None => (None, false),
            Some(Some(d)) => (Some(d.clone()), false),
            Some(None) => (Some(dir.join(day(as_of))), true),
        };
        Ok(Files {
            chose_previous: cli.previous.is_none() && found.before.is_some(),
            previous: cli.previous.clone().or(found.before),
            same_day: found.today,
            output: Some(dir.join(format!("{}.xlsx", stem(as_of)))),
            split,
            archived: true,
            prune_split,
        })
    }

    /// The names the summary shows for the worklists carried from:
    /// `(previous, same day)`.
    pub fn names(&self) -> (Option<String>, Option<String>) {
        let name = |p: &Option<PathBuf>| p.as_deref().map(file_name);
        (name(&self.previous), name(&self.same_day))
    }

    /// The file the archive chose by itself that an error is about, if any
    /// (said after the error: the person did not name it).
    pub fn chosen(&self, e: &Error) -> Option<&Path> {
        match e {
            Error::Previous(_) if self.chose_previous => self.previous.as_deref(),
            Error::SameDay(_) => self.same_day.as_deref(),
            _ => None,
        }
    }

    /// After the per-executive files (`written`, by name) are in the
    /// archive's folder for the day: removes that folder's files of the day
    /// an earlier run wrote and this one did not.
    pub fn prune_split(&self, as_of: NaiveDate, written: &[&str]) -> Result<(), Error> {
        let (Some(dir), true) = (&self.split, self.prune_split) else {
            return Ok(());
        };
        let prefix = format!("{}-", stem(as_of));
        let fail = |p: &Path, e: &std::io::Error| Error::WriteOutput {
            path: p.display().to_string(),
            io: io_problem(e),
        };
        for entry in std::fs::read_dir(dir).map_err(|e| fail(dir, &e))? {
            let entry = entry.map_err(|e| fail(dir, &e))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let ours = name.starts_with(&prefix) && name.ends_with(".xlsx");
            if !ours || written.contains(&name) || !is_file(&entry.path()) {
                continue;
            }
            std::fs::remove_file(entry.path()).map_err(|e| fail(&entry.path(), &e))?;
        }
        Ok(())
    }
}

/// `worklist-2026-11-26`: the name of a day's worklist, without `.xlsx`.
fn stem(as_of: NaiveDate) -> String {
    format!("worklist-{}", day(as_of))
}

/// `2026-11-26`.
fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The date of an archived worklist's name (`worklist-2026-11-25.xlsx`),
/// or `None` for any other name.
fn dated(name: &str) -> Option<NaiveDate> {
    let date = name.strip_prefix("worklist-")?.strip_suffix(".xlsx")?;
    let digits = date.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if date.len() != 10 || !digits {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// A regular file (or a link to one).
fn is_file(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_file())
}

/// The archive's worklists that matter to a day.
#[derive(Debug, Default)]
struct Found {
    /// The latest dated before the day.
    before: Option<PathBuf>,
    /// The day's own.
    today: Option<PathBuf>,
}

/// Looks through the archive folder (a missing one is empty; it is created
/// when written).
fn scan(dir: &Path, as_of: NaiveDate) -> Result<Found, Error> {
    let fail = |io: IoProblem| Error::Archive {
        path: dir.display().to_string(),
        io,
    };
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::default()),
        Err(e) => return Err(fail(io_problem(&e))),
        Ok(m) if !m.is_dir() => {
            return Err(fail(IoProblem {
                kind: IoKind::NotADirectory,
                detail: std::io::Error::from(std::io::ErrorKind::NotADirectory).to_string(),
            }))
        }
        Ok(_) => {}
    }
    let mut found = Found::default();
    let mut latest: Option<NaiveDate> = None;
    for entry in std::fs::read_dir(dir).map_err(|e| fail(io_problem(&e)))? {
        let entry = entry.map_err(|e| fail(io_problem(&e)))?;
        let name = entry.file_name();
        let Some(date) = name.to_str().and_then(dated) else {
            continue;
        };
        let path = entry.path();
        if date > as_of || !is_file(&path) {
            continue;
        }
        if date == as_of {
            found.today = Some(path);
        } else if latest.is_none_or(|l| date > l) {
            latest = Some(date);
            found.before = Some(path);
        }
    }
    Ok(found)
}
