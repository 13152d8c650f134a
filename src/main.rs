//! `retention-worklist`: the native command-line shell around the engine.
//!
//! Everything here is I/O and presentation: parse the flags into the engine's
//! raw options, pass "now" and the local zone, read the input, call
//! [`analyze_with_previous`] and [`render`] (and [`split_by_executive_with_progress`]
//! with `--split-by-executive`), write the workbooks atomically and print the
//! summary (words from the engine's [`text`] module, in `--lang`), with a
//! progress bar on a terminal. The engine is the same one the browser runs,
//! so the bytes are the same.

mod cli;

use chrono::Utc;
use clap::Parser;
use cli::{args::Cli, interrupt, output, progress::Progress};
use retention_worklist::{
    render, split_by_executive_with_progress, text, Analysis, Environment, Error, Lang, Options,
    Run, SplitFile, SplitListing, Stage, Summary, DEFAULTS,
};
use std::path::PathBuf;
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
    interrupt::install(lang);
    let env = Environment {
        now: Utc::now(),
        local_zone: iana_time_zone::get_timezone().ok(),
    };
    match raw.resolve(&env).and_then(|options| run(&cli, &options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e, lang),
    }
}

/// Reads, builds, writes and reports.
fn run(cli: &Cli, options: &Options) -> Result<(), Error> {
    let previous = cli
        .previous
        .as_deref()
        .map(output::read_previous)
        .transpose()?;
    let input = output::read_input(&cli.input)?;
    // Dropped (cleared) when this returns, error or not, before anything is printed.
    let mut bar = Progress::new(!cli.quiet && !cli.json, input.len() as u64, options.lang);
    let built = build(cli, input, previous.as_deref(), options, &mut bar);
    interrupt::release();
    let built = built?;
    bar.finish();
    let stem = format!("worklist-{}", options.as_of.format("%Y-%m-%d"));
    let mut shown = String::new();
    if let Some(xlsx) = &built.xlsx {
        let path = cli
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{stem}.xlsx")));
        output::write_atomically(&path, xlsx)?;
        shown = path.display().to_string();
    }
    if let (Some(dir), Some(files)) = (&cli.split_by_executive, &built.split) {
        output::create_dir(dir)?;
        for f in files {
            output::write_atomically(&dir.join(&f.name), &f.xlsx)?;
        }
        if shown.is_empty() {
            shown = dir.display().to_string();
        }
    }
    let summary = &built.analysis.summary;
    if !cli.quiet {
        eprint!(
            "{}",
            text::messages::cli_summary(summary, &shown, options.lang)
        );
        if let (Some(dir), Some(files)) = (&cli.split_by_executive, &built.split) {
            let list: Vec<(&str, u64)> = files.iter().map(|f| (f.name.as_str(), f.rows)).collect();
            let dir = dir.display().to_string();
            eprint!("{}", text::split::cli_files(&dir, &list, options.lang));
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
        println!("{}", json.unwrap_or_default());
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
    cli: &Cli,
    input: Vec<u8>,
    previous: Option<&[u8]>,
    options: &Options,
    bar: &mut Progress,
) -> Result<Built, Error> {
    let analysis = Run::new(&input, options)
        .previous(previous)
        .progress(&mut |stage, fraction| bar.update(stage, fraction))
        .analyze()?;
    drop(input);
    bar.rows(analysis.items.len() as u64);
    let whole = cli.output.is_some() || cli.split_by_executive.is_none();
    // The whole workbook takes the first half of the writing stage when
    // both are built (each renders every row once).
    let share = match (whole, cli.split_by_executive.is_some()) {
        (true, true) => 0.5,
        _ => 1.0,
    };
    interrupt::hold();
    bar.update(Stage::Writing, 0.0);
    let xlsx = whole.then(|| render(&analysis, options)).transpose()?;
    let split = match cli.split_by_executive {
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

fn fail(e: &Error, lang: Lang) -> ExitCode {
    eprintln!("retention-worklist: {}", e.message(lang));
    ExitCode::from(if e.is_usage() { EXIT_USAGE } else { 1 })
}
