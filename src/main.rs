//! `retention-worklist`: the native command-line shell around the engine.
//!
//! Everything here is I/O and presentation: parse options, resolve "today"
//! and the local zone, read the input, call [`build_worklist_owned`], write the
//! workbook atomically and print a summary. The engine is the same one the
//! browser runs, so the bytes are the same.

use chrono::Utc;
use clap::Parser;
use retention_worklist::{
    build_worklist_owned, parse_as_of, text, DateOrder, Error, Field, Lang, Level, Options,
    ReportZone, Summary, Thresholds,
};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Turn the morning's tenant export (CSV) into the day's colour-coded
/// retention and upselling worklist (XLSX), following the ImagineCRM protocol:
/// 🔴 CRÍTICO failed payment · 🟠 ALTO trial ends in ≤ 3 days ·
/// 🟡 MEDIO 4–7 days · 🔵 INFORMATIVO > 90 % of the message limit.
#[derive(Parser, Debug)]
#[command(
    name = "retention-worklist",
    version,
    after_help = "Examples:\n  retention-worklist tenants.csv\n  retention-worklist export.csv -o hoy.xlsx --as-of 2026-11-26 --tz America/Mexico_City\n  cat export.csv | retention-worklist - -o worklist.xlsx --json > resumen.json\n  retention-worklist export.csv --lang en --column trial_ends_at=\"Vence el\" --date-order mdy\n\nExit status: 0 on success (data problems in some rows are listed in the workbook, not a failure);\n1 when the input is unusable or the workbook cannot be written; 2 for invalid options."
)]
struct Cli {
    /// The tenant export (CSV, any of , ; tab |; UTF-8, UTF-16 or Windows-1252). `-` reads standard input.
    input: String,

    /// Where to write the workbook. Default: `worklist-<as-of>.xlsx` in the current folder.
    /// Example: `-o /srv/reportes/worklist.xlsx`
    #[arg(short, long, value_name = "FILE.xlsx")]
    output: Option<PathBuf>,

    /// Report date ("today" for the worklist). Default: today in --tz. Example: `--as-of 2026-11-26`
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,

    /// Report time zone: an IANA name or a fixed offset. Default: the system's zone.
    /// Examples: `--tz America/Mexico_City`, `--tz -06:00`, `--tz UTC`
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,

    /// Language of the workbook and messages: es (default) or en. Example: `--lang en`
    #[arg(long, value_name = "es|en", default_value = "es")]
    lang: String,

    /// Print the summary as one JSON object on standard output. Example: `--json > resumen.json`
    #[arg(long)]
    json: bool,

    /// Do not print the human summary on standard error.
    #[arg(short, long)]
    quiet: bool,

    /// File name shown on the summary sheet. Default: the input's file name (`stdin` for `-`).
    /// Example: `--file-name tenants-2026-11-26.csv`
    #[arg(long, value_name = "NAME")]
    file_name: Option<String>,

    /// Product name used in email subjects and drafts. Example: `--product-name ImagineCRM`
    #[arg(long, value_name = "NAME", default_value = "ImagineCRM")]
    product_name: String,

    /// ALTO when the trial ends in at most this many days (protocol: 3). Example: `--high-days 3`
    #[arg(long, value_name = "DAYS", default_value_t = 3)]
    high_days: i64,

    /// MEDIO when the trial ends in at most this many days (protocol: 7). Example: `--medium-days 7`
    #[arg(long, value_name = "DAYS", default_value_t = 7)]
    medium_days: i64,

    /// INFORMATIVO when usage is above this percentage of the limit (protocol: 90). Example: `--usage-percent 90`
    #[arg(long, value_name = "PERCENT", default_value_t = 90.0)]
    usage_percent: f64,

    /// Order of NN/NN/YYYY dates: dmy or mdy. Default: detected (day first unless the data says otherwise).
    /// Example: `--date-order mdy`
    #[arg(long, value_name = "dmy|mdy")]
    date_order: Option<String>,

    /// Map a column by hand, FIELD=HEADER (repeatable). Example: `--column trial_ends_at="Vence el"`
    #[arg(long = "column", value_name = "FIELD=HEADER")]
    columns: Vec<String>,
}

/// Exit code for invalid options (as clap uses).
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang: Lang = match cli.lang.parse() {
        Ok(l) => l,
        Err(e) => return fail(&e, Lang::Es, EXIT_USAGE),
    };
    interrupt::install(lang);
    let options = match options_from(&cli, lang) {
        Ok(o) => o,
        Err(e) => return fail(&e, lang, EXIT_USAGE),
    };
    let input = match read_input(&cli.input) {
        Ok(b) => b,
        Err(msg) => {
            eprintln!("retention-worklist: {msg}");
            return ExitCode::from(1);
        }
    };
    // The input is given away: it is freed once read, before the workbook.
    let out = match build_worklist_owned(input, &options, &mut |_, _| {}) {
        Ok(o) => o,
        Err(e) => {
            let code = if matches!(
                e,
                Error::InvalidOption { .. } | Error::MappedColumnMissing { .. }
            ) {
                EXIT_USAGE
            } else {
                1
            };
            return fail(&e, lang, code);
        }
    };
    let path = cli.output.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "worklist-{}.xlsx",
            options.as_of.format("%Y-%m-%d")
        ))
    });
    if let Err(msg) = write_atomically(&path, &out.xlsx) {
        eprintln!("retention-worklist: {msg}");
        return ExitCode::from(1);
    }
    if !cli.quiet {
        eprint!("{}", human_summary(&out.summary, &path, lang));
    }
    if cli.json {
        match serde_json::to_string(&out.summary) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("retention-worklist: JSON: {e}");
                return ExitCode::from(1);
            }
        }
    }
    // The process ends now: freeing the worklist one allocation at a time
    // (~8 % of a 1M-row run) would only delay the exit.
    std::mem::forget(out);
    ExitCode::SUCCESS
}

fn fail(e: &Error, lang: Lang, code: u8) -> ExitCode {
    eprintln!("retention-worklist: {}", e.message(lang));
    ExitCode::from(code)
}

fn options_from(cli: &Cli, lang: Lang) -> Result<Options, Error> {
    let tz: ReportZone = match &cli.tz {
        Some(t) => t.parse()?,
        None => system_zone(),
    };
    let as_of = match &cli.as_of {
        Some(d) => parse_as_of(d)?,
        None => tz.date_of(Utc::now()),
    };
    let mut o = Options::new(as_of);
    o.tz = tz;
    o.lang = lang;
    o.product_name = cli.product_name.clone();
    o.thresholds = Thresholds {
        high_days: cli.high_days,
        medium_days: cli.medium_days,
        usage_percent: cli.usage_percent,
    };
    o.date_order = cli
        .date_order
        .as_deref()
        .map(str::parse::<DateOrder>)
        .transpose()?;
    o.file_name = cli.file_name.clone().unwrap_or_else(|| {
        if cli.input == "-" {
            "stdin".to_string()
        } else {
            Path::new(&cli.input)
                .file_name()
                .map_or_else(|| cli.input.clone(), |n| n.to_string_lossy().into_owned())
        }
    });
    for spec in &cli.columns {
        let (field, header) = spec.split_once('=').ok_or_else(|| Error::InvalidOption {
            option: "column",
            value: spec.clone(),
            expected: [
                "CAMPO=ENCABEZADO, por ejemplo trial_ends_at=\"Vence el\"",
                "FIELD=HEADER, for example trial_ends_at=\"Vence el\"",
            ],
        })?;
        let field: Field = field.parse()?;
        o.columns
            .push((field, header.trim_matches('"').to_string()));
    }
    o.validate()?;
    Ok(o)
}

/// The system's zone, or UTC when it cannot be told.
fn system_zone() -> ReportZone {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse().ok())
        .unwrap_or_default()
}

fn read_input(input: &str) -> Result<Vec<u8>, String> {
    if input == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(input).map_err(|e| format!("cannot read {input}: {e}"))
    }
}

/// Writes to a temporary file beside the target, then renames it into place:
/// a failed or interrupted run never leaves a half-written workbook.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".retention-worklist-").suffix(".xlsx.tmp");
    // The temporary file's name is registered for the interrupt handler
    // *before* the file exists, so there is no moment in which an interrupt
    // could leave it behind. Created like any new file (0666 minus the
    // umask), not tempfile's 0600: the workbook is for others to open.
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
            format!("cannot write in {}: {e}", dir.display())
        })?;
    let written = tmp.write_all(bytes).and_then(|()| tmp.as_file().sync_all());
    let result = match written {
        Ok(()) => tmp
            .persist(path)
            .map(drop)
            .map_err(|e| format!("cannot write {}: {}", path.display(), e.error)),
        Err(e) => {
            drop(tmp);
            Err(format!("cannot write {}: {e}", path.display()))
        }
    };
    interrupt::done();
    result
}

/// Ctrl-C and SIGTERM: remove the temporary workbook being written, if any,
/// say so on stderr, and exit with 128 + the signal number. Without this the
/// default action kills the process before the temporary file's destructor
/// runs, leaving a stale `.retention-worklist-*.xlsx.tmp` beside the output.
/// The handler only makes async-signal-safe calls: unlink, write, _exit.
#[cfg(unix)]
mod interrupt {
    use retention_worklist::Lang;
    use std::ffi::{c_char, c_int, CString};
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;
    use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

    extern "C" {
        fn signal(signum: c_int, handler: extern "C" fn(c_int)) -> usize;
        fn unlink(path: *const c_char) -> c_int;
        fn write(fd: c_int, buf: *const u8, count: usize) -> isize;
        fn _exit(status: c_int) -> !;
    }

    const SIGINT: c_int = 2;
    const SIGTERM: c_int = 15;

    /// The temporary file being written (a leaked C string), or null.
    static TEMP: AtomicPtr<c_char> = AtomicPtr::new(std::ptr::null_mut());
    static ENGLISH: AtomicBool = AtomicBool::new(false);

    extern "C" fn on_signal(sig: c_int) {
        let temp = TEMP.swap(std::ptr::null_mut(), Ordering::SeqCst);
        let msg: &[u8] = if ENGLISH.load(Ordering::SeqCst) {
            "\nretention-worklist: interrupted: no workbook was written, and no half-written file was left behind.\n".as_bytes()
        } else {
            "\nretention-worklist: interrumpido: no se escribió el workbook y no queda ningún archivo a medias.\n".as_bytes()
        };
        // SAFETY: `temp` is null or a NUL-terminated path leaked by
        // `writing`; unlink, write and _exit are async-signal-safe.
        unsafe {
            if !temp.is_null() {
                unlink(temp);
            }
            write(2, msg.as_ptr(), msg.len());
            _exit(128 + sig);
        }
    }

    /// Installs the handler for SIGINT and SIGTERM.
    pub fn install(lang: Lang) {
        ENGLISH.store(lang == Lang::En, Ordering::SeqCst);
        // SAFETY: `on_signal` only makes async-signal-safe calls.
        unsafe {
            signal(SIGINT, on_signal);
            signal(SIGTERM, on_signal);
        }
    }

    /// Marks `path` as the temporary file an interrupt must remove.
    pub fn writing(path: &Path) {
        if let Ok(c) = CString::new(path.as_os_str().as_bytes()) {
            done();
            TEMP.store(c.into_raw(), Ordering::SeqCst);
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
}

#[cfg(not(unix))]
mod interrupt {
    pub fn install(_: retention_worklist::Lang) {}
    pub fn writing(_: &std::path::Path) {}
    pub fn done() {}
}

fn human_summary(s: &Summary, path: &Path, lang: Lang) -> String {
    let es = lang == Lang::Es;
    let mut out = String::new();
    out.push_str(&if es {
        format!(
            "{} filas leídas de {} → {}\n",
            s.rows,
            s.file_name,
            path.display()
        )
    } else {
        format!(
            "{} rows read from {} → {}\n",
            s.rows,
            s.file_name,
            path.display()
        )
    });
    for l in Level::ALL {
        out.push_str(&format!(
            "  {:<16} {:>7}\n",
            text::level_label(l, lang),
            s.count(l)
        ));
    }
    out.push_str(&if es {
        format!(
            "  sin riesgo {} · rechazadas {} · problemas {}\n",
            s.no_risk, s.rejected, s.problems
        )
    } else {
        format!(
            "  no risk {} · rejected {} · problems {}\n",
            s.no_risk, s.rejected, s.problems
        )
    });
    out.push_str(&if es {
        format!(
            "  codificación {} · delimitador {} · fechas {} · fecha de corte {} ({})\n",
            s.encoding, s.delimiter, s.date_order, s.as_of, s.tz
        )
    } else {
        format!(
            "  encoding {} · delimiter {} · dates {} · as of {} ({})\n",
            s.encoding, s.delimiter, s.date_order, s.as_of, s.tz
        )
    });
    for r in &s.rules_not_evaluated {
        out.push_str(&format!("  ! {}\n", r.reason));
    }
    for n in &s.notices {
        out.push_str(&format!("  ! {n}\n"));
    }
    out
}
