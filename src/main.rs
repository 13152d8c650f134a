//! `retention-worklist`: the native command-line shell around the engine.
//!
//! Everything here is I/O and presentation: parse the flags into the engine's
//! raw options, pass "now" and the local zone, read the input, call
//! [`build_worklist_with_previous`], write the workbook atomically and print the
//! summary (words from the engine's [`text`] module, in `--lang`). The engine
//! is the same one the browser runs, so the bytes are the same.

mod cli;

use chrono::Utc;
use clap::Parser;
use cli::{args::Cli, interrupt, output};
use retention_worklist::{build_worklist_with_previous, text, Environment, Error, Lang, Stage};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code for invalid options (as clap uses).
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let raw = match cli.raw_options() {
        Ok(r) => r,
        Err(e) => return fail(&e, Default::default()),
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
fn run(cli: &Cli, options: &retention_worklist::Options) -> Result<(), Error> {
    let previous = cli
        .previous
        .as_deref()
        .map(output::read_previous)
        .transpose()?;
    let input = output::read_input(&cli.input)?;
    // The input is given away: it is freed once read, before the workbook.
    // Interrupts wait while the workbook is built (see `interrupt::hold`).
    let mut progress = |stage: Stage, fraction: f64| {
        if stage == Stage::Writing && fraction == 0.0 {
            interrupt::hold();
        }
    };
    let built = build_worklist_with_previous(input, previous.as_deref(), options, &mut progress);
    interrupt::release();
    let out = built?;
    let path = cli.output.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "worklist-{}.xlsx",
            options.as_of.format("%Y-%m-%d")
        ))
    });
    output::write_atomically(&path, &out.xlsx)?;
    if !cli.quiet {
        let shown = path.display().to_string();
        eprint!(
            "{}",
            text::messages::cli_summary(&out.summary, &shown, options.lang)
        );
    }
    if cli.json {
        // Serializing plain data to a string cannot fail.
        let json = serde_json::to_string(&out.summary).unwrap_or_default();
        println!("{json}");
    }
    // The process ends now: freeing the worklist one allocation at a time
    // (~8 % of a 1M-row run) would only delay the exit.
    std::mem::forget(out);
    Ok(())
}

fn fail(e: &Error, lang: Lang) -> ExitCode {
    eprintln!("retention-worklist: {}", e.message(lang));
    ExitCode::from(if e.is_usage() { EXIT_USAGE } else { 1 })
}
