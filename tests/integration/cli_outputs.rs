//! Where the CLI's output goes, besides a plain file: a reader of `--json`
//! that goes away (`| head`), a summary that cannot be written (a full
//! disk), an output that is a device (`-o /dev/null`, `-o /dev/stdout`), a
//! pipe, or a link. The workbook is delivered or the run says why; a device,
//! a pipe or a link is never replaced by a file; nothing panics.

use crate::cli_faults::{files_in, run_to, stderr};
use crate::common::{cli, scratch_dir};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// The arguments of a run on the sample that writes `out` and its `--json`.
fn json_run_args(out: &Path) -> Vec<String> {
    let sample = crate::common::path("www/sample/tenants-ejemplo.csv");
    [sample.to_str().unwrap(), "-o", out.to_str().unwrap()]
        .into_iter()
        .chain(["--as-of", "2026-11-26", "--json", "--lang", "en"])
        .map(String::from)
        .collect()
}

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly_with_the_workbook_written() {
    // `retention-worklist … --json | head -c 0`: the summary's reader has
    // closed the pipe. The workbook is already written; the run is not a
    // crash (no panic, no exit 101), whether stdout or stderr is the pipe.
    for closed in ["stdout", "stderr"] {
        let d = scratch_dir();
        let out = d.path().join("w.xlsx");
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut cmd = cli();
        cmd.args(json_run_args(&out)).stdin(Stdio::null());
        let o = if closed == "stdout" {
            cmd.stdout(writer).stderr(Stdio::piped()).output().unwrap()
        } else {
            cmd.stderr(writer).stdout(Stdio::null()).output().unwrap()
        };
        assert_eq!(o.status.code(), Some(0), "{closed}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{closed}: {}", stderr(&o));
        assert!(fs::read(&out).unwrap().starts_with(b"PK"), "{closed}");
    }
}

#[test]
fn a_summary_that_cannot_be_written_is_a_write_error() {
    // stdout redirected to a full disk: the --json summary is lost, so the
    // run fails (exit 1) and says what could not be written and why.
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        println!("SKIPPED: no /dev/full here");
        return;
    };
    let d = scratch_dir();
    let out = d.path().join("w.xlsx");
    let o = cli()
        .args(json_run_args(&out))
        .stdin(Stdio::null())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("Cannot write \"-\"") && err.contains("space"),
        "{err}"
    );
}

/// `mkfifo` or `mknod` in a test's folder; `None` where this system will
/// not make one (then the test says SKIPPED).
fn make_node(args: &[&str]) -> Option<()> {
    let ok = Command::new(args[0])
        .args(&args[1..])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(())
}

fn file_type(p: &Path) -> fs::FileType {
    fs::symlink_metadata(p).unwrap().file_type()
}

#[test]
fn an_output_that_is_a_device_is_written_into_never_replaced() {
    // `-o /dev/null` to try a schedule, run as root: renaming the workbook
    // over the device would replace /dev/null for the whole machine. A
    // device node made in the test's folder stands for it (mknod: root).
    use std::os::unix::fs::FileTypeExt;
    let d = scratch_dir();
    let null = d.path().join("null");
    let full = d.path().join("full");
    let made = make_node(&["mknod", null.to_str().unwrap(), "c", "1", "3"])
        .and_then(|()| make_node(&["mknod", full.to_str().unwrap(), "c", "1", "7"]));
    if made.is_none() {
        println!("SKIPPED: mknod is not allowed here (needs root)");
        return;
    }
    let o = run_to(
        &crate::common::path("www/sample/tenants-ejemplo.csv"),
        &null,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        file_type(&null).is_char_device(),
        "the device is still a device"
    );
    // A device that refuses the bytes is a write error, and stays a device.
    let o = run_to(
        &crate::common::path("www/sample/tenants-ejemplo.csv"),
        &full,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("el disco está lleno"), "{}", stderr(&o));
    assert!(
        file_type(&full).is_char_device(),
        "the device is still a device"
    );
    assert_eq!(
        files_in(d.path()),
        ["full", "null"],
        "no temporary file left"
    );
}

#[test]
fn an_output_that_is_a_pipe_gets_the_workbook_through_it() {
    use std::os::unix::fs::FileTypeExt;
    let d = scratch_dir();
    let fifo = d.path().join("w.xlsx");
    if make_node(&["mkfifo", fifo.to_str().unwrap()]).is_none() {
        println!("SKIPPED: no mkfifo here");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(&fifo).unwrap())
    };
    let o = run_to(
        &crate::common::path("www/sample/tenants-ejemplo.csv"),
        &fifo,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Checked before joining: a pipe replaced by a file leaves its reader
    // waiting for ever.
    assert!(file_type(&fifo).is_fifo(), "the pipe is still a pipe");
    let through_the_pipe = reader.join().unwrap();
    let file = d.path().join("file.xlsx");
    let o = run_to(
        &crate::common::path("www/sample/tenants-ejemplo.csv"),
        &file,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        through_the_pipe,
        fs::read(&file).unwrap(),
        "the same workbook"
    );
    assert!(file_type(&fifo).is_fifo(), "the pipe is still a pipe");
}

#[test]
fn an_output_that_is_a_link_updates_the_file_it_names_and_stays_a_link() {
    // `latest.xlsx -> worklists/today.xlsx`: the workbook replaces the file
    // the link names (atomically, beside it), and the link keeps naming it.
    let d = scratch_dir();
    let real_dir = d.path().join("worklists");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("today.xlsx");
    fs::write(&real, b"yesterday's bytes").unwrap();
    let link = d.path().join("latest.xlsx");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = run_to(
        &crate::common::path("www/sample/tenants-ejemplo.csv"),
        &link,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(file_type(&link).is_symlink(), "the link is still a link");
    assert!(
        fs::read(&real).unwrap().starts_with(b"PK"),
        "the file it names is the workbook"
    );
    assert_eq!(
        files_in(&real_dir),
        ["today.xlsx"],
        "no temporary file left"
    );
    assert_eq!(files_in(d.path()), ["latest.xlsx", "worklists"]);
}
