//! `retention-worklist`: the native command-line shell around the engine.
//!
//! Everything here is I/O and presentation: parse the flags into the engine's
//! raw options, pass "now" and the local zone, find the files to read and
//! write (with `--archive`, in the archive: [`cli::archive`]), read the input,
//! run the engine ([`Run`]) and [`render`] (and [`split_by_executive_with_progress`]
//! with `--split-by-executive`), write the workbooks atomically and print the
//! summary (words from the engine's [`text`] module, in `--lang`), with a
//! progress bar on a terminal. The engine is the same one the browser runs,
//! so the bytes are the same.

mod cli;

use chrono::Utc;
use clap::Parser;
use cli::{archive::Files, args::Cli, interrupt, output, progress::Progress};
use retention_worklist::{
    render, split_by_executive_with_progress, text, Analysis, Environment, Error, Lang, Options,
    Run, SplitFile, SplitListing, Stage, Summary, DEFAULTS,
};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code for invalid options (as clap uses).
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let raw = match cli.raw_options() {
        Ok(r) => r,
        Err(e) => return fail(&e, DEFAULTS.lang),
    };
    let lang = raw.message_lang();
    interrupt::install(lang, cli.archive.is_some());
    let env = Environment {
        now: Utc::now(),
        local_zone: iana_time_zone::get_timezone().ok(),
    };
    let (files, options) = match raw
        .resolve(&env)
        .and_then(|o| Ok((Files::of(&cli, o.as_of)?, o)))
    {
        Ok(found) => found,
        Err(e) => return fail(&e, lang),
    };
    // The summary names the worklists carried from (the archive's choice too).
    let (previous, same_day) = files.names();
    let options = Options {
        previous_file_name: previous.unwrap_or_default(),
        same_day_file_name: same_day.unwrap_or_default(),
        ..options
    };
    match run(&cli, &files, &options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let code = fail(&e, lang);
            if let Some(p) = files.chosen(&e) {
                let path = p.display().to_string();
                say(&format!(
                    "  {}\n",
                    text::messages::archive_file(&path, lang)
                ));
            }
            code
        }
    }
}

/// Reads, builds, writes and reports.
fn run(cli: &Cli, files: &Files, options: &Options) -> Result<(), Error> {
    let read = |p: &Option<PathBuf>| p.as_deref().map(output::read_previous).transpose();
    let previous = read(&files.previous)?;
    let same_day = read(&files.same_day).map_err(Error::of_same_day)?;
    let input = output::read_input(&cli.input)?;
    // Dropped (cleared) when this returns, error or not, before anything is printed.
    let mut bar = Progress::new(!cli.quiet && !cli.json, input.len() as u64, options.lang);
    let earlier = (previous.as_deref(), same_day.as_deref());
    let built = build(files, input, earlier, options, &mut bar);
    interrupt::release();
    let built = built?;
    bar.finish();
    let shown = write(files, &built, options)?;
    let summary = &built.analysis.summary;
    if !cli.quiet {
        say(&text::messages::cli_summary(summary, &shown, options.lang));
        if let (Some(dir), Some(split)) = (&files.split, &built.split) {
            let list: Vec<(&str, u64)> = split.iter().map(|f| (f.name.as_str(), f.rows)).collect();
            let dir = dir.display().to_string();
            say(&text::split::cli_files(&dir, &list, options.lang));
        }
    }
    if cli.json {
        // Serializing plain data to a string cannot fail.
        let json = match &built.split {
            None => serde_json::to_string(summary),
            Some(files) => serde_json::to_string(&SplitJson {
                summary,
                split: files.iter().map(SplitFile::listing).collect(),
            }),
        };
        let line = json.unwrap_or_default() + "\n";
        emit(std::io::stdout().lock(), &line).map_err(|e| Error::WriteOutput {
            path: "-".to_string(),
            io: output::io_problem(&e),
        })?;
    }
    // The process ends now: freeing the worklist one allocation at a time
    // would only delay the exit (benches/PROFILE.md §13).
    std::mem::forget(built);
    Ok(())
}

/// The `--json` of a run with `--split-by-executive`: the summary and the
/// files (`split: [{file, executive, rows}]`).
#[derive(serde::Serialize)]
struct SplitJson<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    split: Vec<SplitListing>,
}

/// Writes the workbooks atomically (with `--archive`, each file renamed
/// into place stays, even if the run is then interrupted), and says where.
fn write(files: &Files, built: &Built, options: &Options) -> Result<String, Error> {
    let put = |path: &Path, bytes: &[u8]| {
        if files.archived {
            output::replace_atomically(path, bytes)
        } else {
            output::write_atomically(path, bytes)
        }
    };
    let mut shown = String::new();
    if let (Some(path), Some(xlsx)) = (&files.output, &built.xlsx) {
        if let (true, Some(dir)) = (files.archived, path.parent()) {
            output::create_dir(dir)?;
        }
        put(path, xlsx)?;
        shown = path.display().to_string();
    }
    if let (Some(dir), Some(split)) = (&files.split, &built.split) {
        output::create_dir(dir)?;
        for f in split {
            put(&dir.join(&f.name), &f.xlsx)?;
        }
        let names: Vec<&str> = split.iter().map(|f| f.name.as_str()).collect();
        files.prune_split(options.as_of, &names)?;
        if shown.is_empty() {
            shown = dir.display().to_string();
        }
    }
    Ok(shown)
}

/// What a run built, before it is written.
struct Built {
    analysis: Analysis,
    /// The whole workbook (not built when only the per-executive files are asked for).
    xlsx: Option<Vec<u8>>,
    /// The per-executive files, with `--split-by-executive`.
    split: Option<Vec<SplitFile>>,
}

/// Reads and classifies, then builds the workbooks with interrupts held
/// (see `interrupt::hold`; the caller releases them). The input is given
/// away: it is freed once read, before the workbooks are built.
fn build(
    files: &Files,
    input: Vec<u8>,
    (previous, same_day): (Option<&[u8]>, Option<&[u8]>),
    options: &Options,
    bar: &mut Progress,
) -> Result<Built, Error> {
    let analysis = Run::new(&input, options)
        .previous(previous)
        .same_day(same_day)
        .progress(&mut |stage, fraction| bar.update(stage, fraction))
        .analyze()?;
    drop(input);
    bar.rows(analysis.items.len() as u64);
    let whole = files.output.is_some();
    // The whole workbook takes the first half of the writing stage when
    // both are built (each renders every row once).
    let share = match (whole, files.split.is_some()) {
        (true, true) => 0.5,
        _ => 1.0,
    };
    interrupt::hold();
    bar.update(Stage::Writing, 0.0);
    let xlsx = whole.then(|| render(&analysis, options)).transpose()?;
    let split = match files.split {
        None => None,
        Some(_) => {
            let start = if whole { share } else { 0.0 };
            let mut progress = |stage, f: f64| bar.update(stage, start + f * (1.0 - start));
            Some(split_by_executive_with_progress(
                &analysis,
                options,
                &mut progress,
            )?)
        }
    };
    bar.update(Stage::Writing, 1.0);
    Ok(Built {
        analysis,
        xlsx,
        split,
    })
}

/// Writes `text` to `to`. A reader that has gone away (`… --json | head`)
/// is not a failure: the workbook is written, and what the reader did not
/// read it did not want. Any other failure (a full disk) is.
fn emit(mut to: impl Write, text: &str) -> std::io::Result<()> {
    match to.write_all(text.as_bytes()).and_then(|()| to.flush()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        done => done,
    }
}

/// Says `text` on stderr; a message that cannot be shown there cannot be
/// shown anywhere, so failing to write it never changes the run's outcome
/// (`eprint!` would panic).
fn say(text: &str) {
    let _ = emit(std::io::stderr().lock(), text);
}

fn fail(e: &Error, lang: Lang) -> ExitCode {
    say(&format!("retention-worklist: {}\n", e.message(lang)));
    ExitCode::from(if e.is_usage() { EXIT_USAGE } else { 1 })
}
