//! The command line's flags. The shell's own (the input, where to write,
//! `--json`, `--previous`…) are declared here; the engine's options come
//! from the options' one table ([`OPTIONS`]), with their words from
//! [`text::options`] and their defaults from the table, and fill the
//! engine's [`RawOptions`]. Validation and defaults are the engine's
//! ([`RawOptions::resolve`]).

use clap::parser::ValueSource;
use clap::{Arg, Args, FromArgMatches, Parser};
use clap::{ArgAction, ArgMatches, Command};
use retention_worklist::{
    text, Error, OptionDef, OptionDefault, OptionKind, OptionName, RawOptions, OPTIONS,
};
use std::path::{Path, PathBuf};

/// Turn the morning's tenant export (CSV) into the day's colour-coded
/// retention and upselling worklist (XLSX), following the ImagineCRM protocol:
/// 🔴 CRÍTICO failed payment · 🟠 ALTO trial ends soon ·
/// 🟡 MEDIO trial ends within a week · 🔵 INFORMATIVO message limit nearly used.
#[derive(Parser, Debug)]
#[command(
    name = "retention-worklist",
    version = retention_worklist::VERSION,
    after_help = "Examples:\n  retention-worklist tenants.csv\n  retention-worklist export.csv -o hoy.xlsx --as-of 2026-11-26 --tz America/Mexico_City\n  cat export.csv | retention-worklist - -o worklist.xlsx --json > resumen.json\n  retention-worklist export.csv --lang en --column trial_ends_at=\"Vence el\" --date-order mdy\n  retention-worklist hoy.csv --previous worklist-2026-11-25.xlsx -o worklist-2026-11-26.xlsx\n  retention-worklist hoy.csv -o worklist.xlsx --split-by-executive por-ejecutivo\n  retention-worklist /srv/exports/tenants.csv --archive /srv/reportes/worklists --split-by-executive\n\nExit status: 0 on success (data problems in some rows are listed in the workbook, not a failure);\n1 when the input is unusable or the workbook cannot be written; 2 for invalid options;\n130 or 143 when interrupted (Ctrl-C, SIGTERM), leaving no half-written file.\n\nOn a terminal, a run that takes over a second shows a progress bar on standard error (not with\n-q or --json, never in a pipe or a file)."
)]
pub struct Cli {
    /// The tenant export: CSV (any of , ; tab |; UTF-8, UTF-16 or Windows-1252) or a workbook
    /// (.xlsx, .xlsm, .xls, .ods), told apart by content. `-` reads standard input.
    pub input: String,

    /// Where to write the workbook. Default: `worklist-<as-of>.xlsx` in the current folder (with
    /// --split-by-executive: only when given). Example: `-o /srv/reportes/worklist.xlsx`
    #[arg(short, long, value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,

    /// Print the summary as one JSON object on standard output (the same in every language).
    /// Example: `--json > resumen.json`
    #[arg(long)]
    pub json: bool,

    /// Do not print the human summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,

    /// The previous worklist (an .xlsx this tool wrote, as the team left it): its Estado, Notas,
    /// Posponer hasta, En lista desde and the team's own columns are carried into today's, which
    /// says what changed and lists the tenants that left. Example: `--previous worklist-2026-11-25.xlsx`
    #[arg(long, value_name = "FILE.xlsx")]
    pub previous: Option<PathBuf>,

    /// Also write one workbook per account executive into this folder (created if missing):
    /// `worklist-<as-of>-<name>.xlsx` with that executive's rows, its counts and its rows' problems,
    /// and `worklist-<as-of>-sin-asignar.xlsx` (`-unassigned` with --lang en) for rows with no
    /// executive. The whole workbook is then written only with -o. With --archive the folder may
    /// be left out (give the flag after the input): the files go to `DIR/<as-of>/`. Example:
    /// `--split-by-executive /srv/reportes/por-ejecutivo`
    #[arg(long, value_name = "DIR", num_args = 0..=1)]
    pub split_by_executive: Option<Option<PathBuf>>,

    /// The folder of a scheduled run, one worklist a day (created when first written). Today's
    /// worklist is written as `DIR/worklist-<as-of>.xlsx`; the previous worklist is the latest
    /// `DIR/worklist-<date>.xlsx` dated before the as-of date (--previous still wins); today's
    /// own file, when an earlier run wrote it, is carried too, so a re-run keeps what the team
    /// typed in it today. Other files in DIR are never read or touched. Example:
    /// `--archive /srv/reportes/worklists`
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub archive: Option<PathBuf>,

    /// The engine's options, from its table.
    #[command(flatten)]
    engine: EngineFlags,
}

impl Cli {
    /// The options as given, for the engine to resolve. `--file-name`
    /// defaults to the input's name and the previous worklist's name is its
    /// path's: the shell knows them, the engine does not.
    pub fn raw_options(&self) -> Result<RawOptions, Error> {
        if matches!(self.split_by_executive, Some(None)) && self.archive.is_none() {
            return Err(Error::SplitFolderMissing);
        }
        let mut raw = self.engine.given.clone();
        for spec in &self.engine.column_specs {
            raw.push_column_spec(spec)?;
        }
        if raw.get(OptionName::FileName).is_none() {
            let name = if self.input == "-" {
                "stdin".to_string()
            } else {
                file_name(Path::new(&self.input))
            };
            raw.set(OptionName::FileName, name);
        }
        if let Some(p) = &self.previous {
            raw.set(OptionName::PreviousFileName, file_name(p));
        }
        Ok(raw)
    }
}

/// A path's last part, or the whole path when it has none.
pub fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The engine's options as typed on the command line: only what the person
/// typed (the defaults clap shows in the help are the engine's to apply).
#[derive(Debug, Clone, Default)]
struct EngineFlags {
    given: RawOptions,
    /// `--column FIELD=HEADER` as typed, checked when the options are built.
    column_specs: Vec<String>,
}

/// The clap argument for an option of the table.
fn arg(d: &OptionDef) -> Option<Arg> {
    let flag = d.flag?;
    let mut a = Arg::new(d.key)
        .long(flag)
        .value_name(d.value_name)
        .help(text::options::cli_help(d.name))
        .action(ArgAction::Set);
    if d.kind == OptionKind::Columns {
        a = a.action(ArgAction::Append);
    }
    if matches!(
        d.kind,
        OptionKind::Integer { .. } | OptionKind::Number { .. }
    ) {
        a = a.allow_negative_numbers(true);
    }
    let default = match d.default {
        OptionDefault::Integer(n) => Some(n.to_string()),
        OptionDefault::Number(n) => Some(n.to_string()),
        OptionDefault::Text(t) => Some(t.to_string()),
        OptionDefault::FromRun => None,
    };
    if let Some(v) = default {
        a = a.default_value(v);
    }
    Some(a)
}

impl Args for EngineFlags {
    fn augment_args(cmd: Command) -> Command {
        cmd.args(OPTIONS.iter().filter_map(arg))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for EngineFlags {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let mut flags = EngineFlags::default();
        flags.update_from_arg_matches(m)?;
        Ok(flags)
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        for d in OPTIONS.iter().filter(|d| d.flag.is_some()) {
            if m.value_source(d.key) != Some(ValueSource::CommandLine) {
                continue;
            }
            let values = m.get_many::<String>(d.key).into_iter().flatten();
            if d.kind == OptionKind::Columns {
                self.column_specs.extend(values.cloned());
            } else if let Some(v) = values.last() {
                self.given.set(d.name, v.as_str());
            }
        }
        Ok(())
    }
}
