//! The corpus of real workbooks no one here wrote: the test spreadsheets
//! other spreadsheet libraries publish in their registry packages (Excel on
//! Windows and Mac, LibreOffice, OpenOffice, WPS, Google Sheets, BIFF
//! writers; .xlsx, .xlsm, .xls, .ods, .xlsb, empty and password-protected
//! files among them), downloaded at pinned versions by
//! `scripts/fetch-corpus.sh` into `~/.cache/retention-worklist/corpus`
//! (README: "A corpus of real workbooks").
//!
//! Every file is run through the CLI as today's export and as the previous
//! worklist, under a memory limit (`prlimit --as`, 2 GiB) and a time limit
//! (60 s): each ends with a worklist (exit 0, the file written) or a clear
//! refusal (exit 1, a message, nothing written) — never a crash, a hang or
//! an allocation past the limit.
//!
//! Without the network the corpus may be missing and the test says so and
//! passes, except under `npm test` (`RW_REQUIRE_CORPUS=1`), where it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MEMORY_LIMIT: u64 = 2 << 30;
const TIME_LIMIT: Duration = Duration::from_secs(60);

fn root() -> PathBuf {
    crate::common::path("")
}

/// The unpacked corpus (downloading what is missing), or why not.
fn corpus() -> Result<PathBuf, String> {
    let out = Command::new("bash")
        .arg(root().join("scripts/fetch-corpus.sh"))
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("fetch-corpus.sh exited with {}", out.status));
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

fn spreadsheets(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for source in std::fs::read_dir(dir).unwrap().flatten() {
        for f in std::fs::read_dir(source.path()).unwrap().flatten() {
            let p = f.path();
            if p.file_name().is_some_and(|n| n != ".done") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// How a run ended.
#[derive(Debug)]
enum End {
    Worklist,
    Refused(String),
}

/// Runs the CLI with `args`, under the memory and time limits; the output
/// is `out`.
fn run(args: &[&std::ffi::OsStr], out: &Path) -> Result<End, String> {
    let bin = crate::common::BIN;
    let mut cmd = if Path::new("/usr/bin/prlimit").exists() {
        let mut c = Command::new("/usr/bin/prlimit");
        c.arg(format!("--as={MEMORY_LIMIT}")).arg("--").arg(bin);
        c
    } else {
        let mut c = Command::new("bash");
        let kib = MEMORY_LIMIT / 1024;
        c.args(["-c", &format!("ulimit -v {kib} && exec \"$0\" \"$@\""), bin]);
        c
    };
    cmd.args(args)
        .args(["--as-of", "2026-11-27", "--tz", "UTC", "-q", "-o"])
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {TIME_LIMIT:?}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
    }
    let written = out.exists();
    let _ = std::fs::remove_file(out);
    match status.code() {
        Some(0) if written => Ok(End::Worklist),
        Some(1) if !written && !stderr.trim().is_empty() && !stderr.contains("panicked") => {
            Ok(End::Refused(stderr.trim().to_string()))
        }
        code => Err(format!(
            "exit {code:?} ({status}), written: {written}: {stderr}"
        )),
    }
}

#[test]
fn every_real_workbook_ends_in_a_worklist_or_a_clear_error_within_limits() {
    let dir = match corpus() {
        Ok(d) => d,
        Err(e) if std::env::var_os("RW_REQUIRE_CORPUS").is_none() => {
            eprintln!("SKIPPED: the corpus of real workbooks is not available ({e})");
            return;
        }
        Err(e) => panic!("RW_REQUIRE_CORPUS is set and the corpus is not available: {e}"),
    };
    let files = spreadsheets(&dir);
    assert!(
        files.len() >= 120,
        "the corpus shrank: {} files",
        files.len()
    );
    let work = tempfile::tempdir().unwrap();
    let today = work.path().join("today.csv");
    std::fs::write(
        &today,
        "tenant_id,tenant_name,payment_failed\nT-1,Uno,yes\nT-2,Dos,no\n",
    )
    .unwrap();
    let out = work.path().join("out.xlsx");
    let (mut failures, mut worklists, mut refusals) = (Vec::new(), 0, 0);
    for f in &files {
        let name = f.strip_prefix(&dir).unwrap().display().to_string();
        let ways: [Vec<&std::ffi::OsStr>; 2] = [
            vec![f.as_os_str()],
            vec![today.as_os_str(), "--previous".as_ref(), f.as_os_str()],
        ];
        for (way, args) in ["export", "previous"].iter().zip(ways) {
            match run(&args, &out) {
                Ok(End::Worklist) => worklists += 1,
                Ok(End::Refused(said)) => {
                    refusals += 1;
                    let first = said.lines().next().unwrap_or_default();
                    eprintln!(
                        "{name} as {way}: {}",
                        first.chars().take(160).collect::<String>()
                    );
                }
                Err(e) => failures.push(format!("{name} as {way}: {e}")),
            }
        }
    }
    eprintln!(
        "{} real workbooks, {} runs: {worklists} worklists, {refusals} clear refusals",
        files.len(),
        files.len() * 2
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
