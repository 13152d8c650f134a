//! The CLI's progress bar: drawn on a terminal (a
//! pseudo-terminal made by util-linux's `script`), never in a pipe, with
//! `-q` or `--json`, and never changing the workbook.
#![cfg(unix)]

use crate::common::{cli, scratch_dir, BIN};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;

/// A scratch folder with an export long enough that the bar is drawn
/// before the run ends (with the delay at 0, it is drawn within
/// milliseconds; the run takes a second).
fn scratch() -> TempDir {
    let d = scratch_dir();
    let mut csv = String::from("id,name,ejecutivo,trial_ends_at,payment_failed\n");
    for i in 0..ROWS {
        let level = ["yes,", "no,2026-11-28", "no,2026-12-01", "no,"][i % 4];
        let (flag, trial) = level.split_once(',').unwrap();
        csv.push_str(&format!(
            "T-{i},Tenant {i},Ejecutivo {},{trial},{flag}\n",
            i % 3
        ));
    }
    std::fs::write(d.path().join("big.csv"), csv).unwrap();
    d
}

/// Rows in the export: a debug build takes a second or more over them.
const ROWS: usize = 12_000;

const ARGS: &str = "big.csv --as-of 2026-11-26 --tz UTC";

/// Runs the CLI in a pseudo-terminal (`script -qfec`), standard error and
/// output both on it; returns what the terminal received.
fn in_terminal(dir: &Path, args: &str, delay_ms: &str) -> String {
    let script = Command::new("script")
        .current_dir(dir)
        .env("RETENTION_WORKLIST_PROGRESS_DELAY_MS", delay_ms)
        .args(["-qfec", &format!("{BIN} {args}"), "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("util-linux `script` makes the pseudo-terminal");
    assert!(script.status.success(), "{script:?}");
    String::from_utf8_lossy(&script.stdout).into_owned()
}

/// Runs the CLI with standard error piped.
fn piped(dir: &Path, args: &str) -> Output {
    let o = cli()
        .current_dir(dir)
        .env("RETENTION_WORKLIST_PROGRESS_DELAY_MS", "0")
        .args(args.split(' '))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Whether a terminal's text holds the bar: a stage word and the bar's ends.
fn has_bar(text: &str) -> bool {
    [
        "leyendo",
        "clasificando",
        "escribiendo",
        "reading",
        "writing",
    ]
    .iter()
    .any(|w| text.contains(w))
        && text.contains(" %")
        && text.contains('[')
}

#[test]
fn the_bar_is_drawn_on_a_terminal_and_changes_no_byte() {
    let s = scratch();
    let shown = in_terminal(s.path(), &format!("{ARGS} -o tty.xlsx"), "0");
    assert!(has_bar(&shown), "no bar in {shown:?}");
    assert!(
        shown.contains("filas") && shown.contains("\u{1b}[2K"),
        "{shown:?}"
    );
    // Cleared before the summary, which follows it in full.
    let summary = shown.rsplit("\u{1b}[2K").next().unwrap();
    assert!(
        summary.starts_with("12000 filas leídas de big.csv"),
        "{summary:?}"
    );
    // In English, with the per-executive files too.
    let en = in_terminal(
        s.path(),
        &format!("{ARGS} --lang en --split-by-executive en"),
        "0",
    );
    assert!(has_bar(&en) && en.contains("writing"), "{en:?}");

    piped(s.path(), &format!("{ARGS} -o piped.xlsx"));
    let tty = std::fs::read(s.path().join("tty.xlsx")).unwrap();
    assert!(tty == std::fs::read(s.path().join("piped.xlsx")).unwrap());
}

#[test]
fn never_in_a_pipe_nor_with_quiet_or_json() {
    let s = scratch();
    let o = piped(s.path(), &format!("{ARGS} -o a.xlsx"));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        !has_bar(&err) && !err.contains('\r') && !err.contains('\u{1b}'),
        "{err:?}"
    );
    assert!(err.starts_with("12000 filas leídas"), "{err:?}");

    let quiet = in_terminal(s.path(), &format!("{ARGS} -o b.xlsx -q"), "0");
    assert_eq!(quiet, "", "-q prints nothing on a terminal");
    let json = in_terminal(s.path(), &format!("{ARGS} -o c.xlsx --json"), "0");
    // The human summary still goes to the terminal (no -q), the JSON after it.
    assert!(
        !has_bar(&json) && json.contains("\r\n{\"rows\":12000,"),
        "{json:?}"
    );
    assert!(!json.contains('\u{1b}'), "{json:?}");
}

#[test]
fn a_short_run_on_a_terminal_shows_no_bar() {
    let s = scratch();
    std::fs::write(s.path().join("small.csv"), "id,payment_failed\nT-1,yes\n").unwrap();
    // The default delay (one second) is far longer than this run.
    let out = in_terminal(s.path(), "small.csv --as-of 2026-11-26 -o s.xlsx", "");
    assert!(!has_bar(&out) && !out.contains('\u{1b}'), "{out:?}");
    assert!(out.starts_with("1 filas leídas de small.csv"), "{out:?}");
}
