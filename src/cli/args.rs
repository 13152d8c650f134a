//! The command line's flags, defined once, and how they fill the engine's
//! [`RawOptions`]. Validation and defaults are the engine's
//! ([`RawOptions::resolve`]); clap shows the engine's [`DEFAULTS`].

use clap::Parser;
use retention_worklist::{Error, RawOptions, DEFAULTS};
use std::path::{Path, PathBuf};

/// Turn the morning's tenant export (CSV) into the day's colour-coded
/// retention and upselling worklist (XLSX), following the ImagineCRM protocol:
/// 🔴 CRÍTICO failed payment · 🟠 ALTO trial ends soon ·
/// 🟡 MEDIO trial ends within a week · 🔵 INFORMATIVO message limit nearly used.
#[derive(Parser, Debug)]
#[command(
    name = "retention-worklist",
    version = retention_worklist::VERSION,
    after_help = "Examples:\n  retention-worklist tenants.csv\n  retention-worklist export.csv -o hoy.xlsx --as-of 2026-11-26 --tz America/Mexico_City\n  cat export.csv | retention-worklist - -o worklist.xlsx --json > resumen.json\n  retention-worklist export.csv --lang en --column trial_ends_at=\"Vence el\" --date-order mdy\n  retention-worklist hoy.csv --previous worklist-2026-11-25.xlsx -o worklist-2026-11-26.xlsx\n  retention-worklist hoy.csv -o worklist.xlsx --split-by-executive por-ejecutivo\n\nExit status: 0 on success (data problems in some rows are listed in the workbook, not a failure);\n1 when the input is unusable or the workbook cannot be written; 2 for invalid options.\n\nOn a terminal, a run that takes over a second shows a progress bar on standard error (not with\n-q or --json, never in a pipe or a file)."
)]
pub struct Cli {
    /// The tenant export: CSV (any of , ; tab |; UTF-8, UTF-16 or Windows-1252) or a workbook
    /// (.xlsx, .xlsm, .xls, .ods), told apart by content. `-` reads standard input.
    pub input: String,

    /// Where to write the workbook. Default: `worklist-<as-of>.xlsx` in the current folder (with
    /// --split-by-executive: only when given). Example: `-o /srv/reportes/worklist.xlsx`
    #[arg(short, long, value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,

    /// Report date ("today" for the worklist). Default: today in --tz. Example: `--as-of 2026-11-26`
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,

    /// Report time zone: an IANA name or a fixed offset. Default: the system's zone.
    /// Examples: `--tz America/Mexico_City`, `--tz -06:00`, `--tz UTC`
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,

    /// Language of the workbook and messages: es or en. Example: `--lang en`
    #[arg(long, value_name = "es|en", default_value = DEFAULTS.lang.code())]
    lang: String,

    /// Print the summary as one JSON object on standard output (the same in every language).
    /// Example: `--json > resumen.json`
    #[arg(long)]
    pub json: bool,

    /// Do not print the human summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,

    /// File name shown on the summary sheet. Default: the input's file name (`stdin` for `-`).
    /// Example: `--file-name tenants-2026-11-26.csv`
    #[arg(long, value_name = "NAME")]
    file_name: Option<String>,

    /// Product name used in email subjects and drafts. Example: `--product-name ImagineCRM`
    #[arg(long, value_name = "NAME", default_value = DEFAULTS.product_name)]
    product_name: String,

    /// ALTO when the trial ends in at most this many days. Example: `--high-days 3`
    #[arg(long, value_name = "DAYS", default_value_t = DEFAULTS.thresholds.high_days)]
    high_days: i64,

    /// MEDIO when the trial ends in at most this many days. Example: `--medium-days 7`
    #[arg(long, value_name = "DAYS", default_value_t = DEFAULTS.thresholds.medium_days)]
    medium_days: i64,

    /// INFORMATIVO when usage is above this percentage of the limit. Example: `--usage-percent 90`
    #[arg(long, value_name = "PERCENT", default_value_t = DEFAULTS.thresholds.usage_percent)]
    usage_percent: f64,

    /// Order of NN/NN/YYYY dates: dmy or mdy. Default: detected (day first unless the data says otherwise).
    /// Example: `--date-order mdy`
    #[arg(long, value_name = "dmy|mdy")]
    date_order: Option<String>,

    /// When the export is a workbook (.xlsx, .xls, .ods): the sheet to read. Default: the first
    /// visible sheet with a tenant export's columns. Example: `--sheet "Hoja1"`
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,

    /// The previous worklist (an .xlsx this tool wrote, as the team left it): its Estado, Notas,
    /// Posponer hasta, En lista desde and the team's own columns are carried into today's, which
    /// says what changed and lists the tenants that left. Example: `--previous worklist-2026-11-25.xlsx`
    #[arg(long, value_name = "FILE.xlsx")]
    pub previous: Option<PathBuf>,

    /// Also write one workbook per account executive into this folder (created if missing):
    /// `worklist-<as-of>-<name>.xlsx` with that executive's rows, its counts and its rows' problems,
    /// and `worklist-<as-of>-sin-asignar.xlsx` (`-unassigned` with --lang en) for rows with no
    /// executive. The whole workbook is then written only with -o. Example:
    /// `--split-by-executive /srv/reportes/por-ejecutivo`
    #[arg(long, value_name = "DIR")]
    pub split_by_executive: Option<PathBuf>,

    /// Map a column by hand, FIELD=HEADER (repeatable). Example: `--column trial_ends_at="Vence el"`
    #[arg(long = "column", value_name = "FIELD=HEADER")]
    columns: Vec<String>,
}

impl Cli {
    /// The options as given, for the engine to resolve.
    pub fn raw_options(&self) -> Result<RawOptions, Error> {
        let file_name = self.file_name.clone().unwrap_or_else(|| {
            if self.input == "-" {
                "stdin".to_string()
            } else {
                Path::new(&self.input)
                    .file_name()
                    .map_or_else(|| self.input.clone(), |n| n.to_string_lossy().into_owned())
            }
        });
        let mut raw = RawOptions {
            as_of: self.as_of.clone(),
            tz: self.tz.clone(),
            lang: Some(self.lang.clone()),
            file_name: Some(file_name),
            previous_file_name: self.previous.as_ref().map(|p| {
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            }),
            product_name: Some(self.product_name.clone()),
            high_days: Some(self.high_days),
            medium_days: Some(self.medium_days),
            usage_percent: Some(self.usage_percent),
            date_order: self.date_order.clone(),
            columns: Vec::new(),
            sheet: self.sheet.clone(),
        };
        for spec in &self.columns {
            raw.push_column_spec(spec)?;
        }
        Ok(raw)
    }
}
