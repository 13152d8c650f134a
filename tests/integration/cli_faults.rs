//! Faults around the CLI: where the workbook cannot be written, the disk is
//! full, the run is interrupted, or the input is unusable. In every case the
//! run ends with a clear message on stderr, a non-zero exit, and no partial
//! workbook (nor a stale temporary file) left behind; an existing workbook at
//! the output path is never clobbered by a failed run.
//!
//! The full-disk and read-only cases mount a tiny tmpfs (this needs root).
//! Where mounting is not allowed, those cases print `SKIPPED: …` and say so
//! loudly instead of passing silently.

use crate::common::{cli, scratch_dir};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn run(args: &[&str]) -> Output {
    cli().args(args).output().expect("the CLI runs")
}

/// Runs the CLI on `input` writing to `out`, as of the fixtures' day.
pub(crate) fn run_to(input: &Path, out: &Path) -> Output {
    run(&[
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--as-of",
        "2026-11-26",
    ])
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Files in a directory (names), to check nothing was left behind.
pub(crate) fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn no_workbook_or_temp(dir: &Path) -> Result<(), String> {
    let left: Vec<String> = files_in(dir)
        .into_iter()
        .filter(|n| {
            n.ends_with(".xlsx") || n.ends_with(".tmp") || n.starts_with(".retention-worklist-")
        })
        .collect();
    if left.is_empty() {
        Ok(())
    } else {
        Err(format!("left behind in {}: {left:?}", dir.display()))
    }
}

/// A small valid export.
fn small_input(dir: &Path) -> PathBuf {
    let p = dir.join("tenants.csv");
    fs::write(&p, "tenant_id,tenant_name,subscription_status,trial_ends_at\nt1,Acme,trialing,2026-11-28\nt2,Beta,past_due,\n").unwrap();
    p
}

/// An export with `n` at-risk tenants: a workbook of a few hundred KB or more.
pub(crate) fn big_input(dir: &Path, n: usize) -> PathBuf {
    let p = dir.join(format!("big-{n}.csv"));
    let mut s = String::from("tenant_id,tenant_name,owner_name,owner_email,subscription_status,trial_ends_at,payment_failed\n");
    for i in 0..n {
        s += &format!(
            "t{i},Empresa número {i},Persona {i},p{i}@ejemplo.com,trialing,2026-11-{:02},{}\n",
            20 + i % 10,
            i % 2
        );
    }
    fs::write(&p, s).unwrap();
    p
}

// ------------------------------------------------------- unwritable output

#[test]
fn output_under_a_regular_file_is_refused_with_a_message() {
    let d = scratch_dir();
    let input = small_input(d.path());
    fs::write(d.path().join("file.txt"), "x").unwrap();
    let out = d.path().join("file.txt/worklist.xlsx");
    let o = run_to(&input, &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.starts_with("retention-worklist: ") && e.contains("No se pudo escribir"),
        "{e}"
    );
    assert!(e.contains("file.txt"), "the message names the place: {e}");
    assert_eq!(files_in(d.path()), ["file.txt", "tenants.csv"]);
}

#[test]
fn output_in_a_missing_directory_is_refused_with_a_message() {
    let d = scratch_dir();
    let input = small_input(d.path());
    let out = d.path().join("no/such/dir/worklist.xlsx");
    let o = run_to(&input, &out);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("No se pudo escribir") && e.contains("no/such/dir"),
        "{e}"
    );
    assert_eq!(files_in(d.path()), ["tenants.csv"]);
}

#[test]
fn output_onto_a_directory_is_refused_and_leaves_no_temp_file() {
    let d = scratch_dir();
    let input = small_input(d.path());
    let sub = d.path().join("sub");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("keep.txt"), "mine").unwrap();
    let o = run_to(&input, &sub);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("No se pudo escribir"), "{}", stderr(&o));
    assert_eq!(
        files_in(d.path()),
        ["sub", "tenants.csv"],
        "no temp file left beside it"
    );
    assert_eq!(files_in(&sub), ["keep.txt"]);
}

#[test]
fn a_written_workbook_is_readable_like_any_new_file() {
    // The temporary file is created 0600; the finished workbook must get the
    // usual permissions (0666 minus the umask), or a manager reading the
    // shared folder a cron job writes to cannot open it.
    use std::os::unix::fs::PermissionsExt;
    let d = scratch_dir();
    let input = small_input(d.path());
    let out = d.path().join("w.xlsx");
    let o = run(&[
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--as-of",
        "2026-11-26",
        "-q",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let probe = d.path().join("probe");
    fs::write(&probe, "").unwrap();
    let want = fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    let got = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        got, want,
        "workbook mode {got:o}, a new file here gets {want:o}"
    );
}

// ------------------------------------------------ tiny filesystems (root)

/// A tmpfs of `size` mounted for the test's lifetime.
struct Mount {
    dir: tempfile::TempDir,
}

impl Mount {
    fn new(options: &str) -> Option<Mount> {
        let dir = scratch_dir();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                options,
                "tmpfs",
                dir.path().to_str().unwrap(),
            ])
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        ok.then_some(Mount { dir })
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn skipped(case: &str) {
    // Loud, never a silent pass: visible with --nocapture and in the CI log.
    eprintln!("SKIPPED: {case}: cannot mount a tmpfs here (needs root and mount rights)");
    println!("SKIPPED: {case}: cannot mount a tmpfs here (needs root and mount rights)");
}

#[test]
fn a_full_disk_ends_with_a_message_and_keeps_the_previous_workbook() {
    let Some(m) = Mount::new("size=64k") else {
        return skipped("full disk");
    };
    let work = scratch_dir();
    let input = big_input(work.path(), 400);
    let out = m.path().join("worklist.xlsx");
    fs::write(&out, b"previous workbook").unwrap();
    let o = run_to(&input, &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("No se pudo escribir") && e.contains("No space left"),
        "{e}"
    );
    assert_eq!(
        fs::read(&out).unwrap(),
        b"previous workbook",
        "the old workbook is untouched"
    );
    assert_eq!(
        files_in(m.path()),
        ["worklist.xlsx"],
        "no temp file left on the full disk"
    );
}

#[test]
fn a_read_only_filesystem_ends_with_a_message() {
    let Some(m) = Mount::new("ro,size=64k") else {
        return skipped("read-only filesystem");
    };
    let work = scratch_dir();
    let input = small_input(work.path());
    let out = m.path().join("worklist.xlsx");
    let o = run_to(&input, &out);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("No se pudo escribir") && e.contains("Read-only"),
        "{e}"
    );
    assert!(files_in(m.path()).is_empty());
}

// -------------------------------------------------------------- interrupts

pub(crate) fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{sig} {pid}");
}

fn spawn(input: &Path, out: &Path) -> Child {
    cli()
        .args([
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--as-of",
            "2026-11-26",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits (up to 2 s) until `/proc` shows `pid` stopped; false if it exited
/// (a zombie, or gone) first.
pub(crate) fn is_stopped(pid: u32) -> bool {
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline {
        let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
            return false;
        };
        // The state follows the parenthesised command name: "pid (comm) S ...".
        match stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next())
        {
            Some('T' | 't') => return true,
            Some('Z' | 'X') | None => return false,
            _ => std::thread::sleep(Duration::from_millis(1)),
        }
    }
    false
}

/// Watches `dir` for the run's temporary file; the moment it appears,
/// freezes the process (SIGSTOP), and if the file is still there once the
/// kernel reports it stopped, interrupts it (SIGINT); then lets it go on
/// (SIGCONT). Whether the interrupt landed during the write: `false` when
/// the run finished, or renamed its file, before it could be caught.
pub(crate) fn interrupt_while_writing(child: &mut Child, dir: &Path) -> bool {
    let pid = child.id();
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if temp_present(dir) {
            signal(pid, "STOP");
            // `kill` returns before the stop takes effect: wait until the
            // kernel reports the process stopped (or gone), then look again.
            let frozen_with_temp = is_stopped(pid) && temp_present(dir);
            if frozen_with_temp {
                signal(pid, "INT");
            }
            signal(pid, "CONT");
            return frozen_with_temp;
        }
        if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
            return false;
        }
        std::hint::spin_loop();
    }
}

pub(crate) fn temp_present(dir: &Path) -> bool {
    fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        })
        .unwrap_or(false)
}

#[test]
fn an_interrupt_while_reading_leaves_nothing_and_says_so() {
    for sig in ["INT", "TERM"] {
        let d = scratch_dir();
        let input = big_input(d.path(), 20_000);
        let out = d.path().join("w.xlsx");
        let child = spawn(&input, &out);
        std::thread::sleep(Duration::from_millis(300));
        signal(child.id(), sig);
        let o = child.wait_with_output().unwrap();
        assert!(
            !o.status.success(),
            "SIG{sig}: the run must not report success"
        );
        no_workbook_or_temp(d.path()).unwrap();
        let e = stderr(&o);
        assert!(
            e.contains("interrump") || e.contains("interrupt"),
            "SIG{sig}: stderr says the run was interrupted: {e:?}"
        );
    }
}

/// Ctrl-C while the workbook is being written: the temporary file exists.
/// The test watches for it, freezes the process (SIGSTOP) the moment it
/// appears, interrupts it (SIGINT), lets it go on (SIGCONT) and checks no
/// workbook and no temporary file remain.
#[test]
fn an_interrupt_while_writing_leaves_no_partial_workbook_nor_temp_file() {
    let d = scratch_dir();
    // Big enough (a ~5 MB workbook) that writing and syncing it takes a
    // while: a small one is written too fast for the poll below to catch.
    let input = big_input(d.path(), 20_000);
    let mut caught = 0;
    let mut attempts = 0;
    while caught < 2 && attempts < 8 {
        attempts += 1;
        let out = d.path().join("w.xlsx");
        let _ = fs::remove_file(&out);
        let mut child = spawn(&input, &out);
        let frozen_with_temp = interrupt_while_writing(&mut child, d.path());
        let o = child.wait_with_output().unwrap();
        if frozen_with_temp {
            caught += 1;
            assert!(
                !o.status.success(),
                "an interrupted run must not report success: {:?} {}",
                o.status,
                String::from_utf8_lossy(&o.stderr)
            );
            no_workbook_or_temp(d.path())
                .unwrap_or_else(|e| panic!("after SIGINT during the write: {e}"));
        } else {
            // Finished before the write could be caught: the workbook is
            // complete (it only appears by rename) and nothing else is left.
            let _ = fs::remove_file(&out);
            no_workbook_or_temp(d.path()).unwrap();
        }
    }
    assert!(
        caught > 0,
        "the write window was never caught in {attempts} runs: this test proved nothing"
    );
    println!("interrupted during the write {caught} time(s) in {attempts} run(s)");
}

// --------------------------------------------------------- unusable input

#[test]
fn unusable_input_exits_non_zero_with_a_message_and_no_output() {
    let d = scratch_dir();
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty.csv", b"", "vacío"),
        (
            "binary.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR binary",
            "binarios",
        ),
        (
            "broken-workbook.bin",
            b"PK\x03\x04\x14\x00\x06\x00not really a workbook",
            "no se pudo leer",
        ),
        ("columns.csv", b"foo,bar\n1,2\n", "Ninguna columna"),
        (
            "identity.csv",
            b"plan,trial_ends_at\npro,2026-11-27\n",
            "identificación",
        ),
    ];
    for (name, bytes, fragment) in cases {
        let input = d.path().join(name);
        fs::write(&input, bytes).unwrap();
        let out = d.path().join(format!("{name}.xlsx"));
        let o = run_to(&input, &out);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let e = stderr(&o);
        assert!(e.contains(fragment), "{name}: {e}");
        assert!(o.stdout.is_empty(), "{name}: nothing on stdout");
        assert!(!out.exists(), "{name}: no workbook");
    }
    no_workbook_or_temp(d.path()).unwrap();
}

#[test]
fn a_missing_input_file_and_bad_options_are_clear() {
    let d = scratch_dir();
    let out = d.path().join("w.xlsx");
    let o = run(&[
        d.path().join("nope.csv").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("No se pudo leer") && stderr(&o).contains("nope.csv"),
        "{}",
        stderr(&o)
    );
    let input = small_input(d.path());
    let o = run(&[
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--as-of",
        "26/11/2026",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("as-of") && stderr(&o).contains("AAAA-MM-DD"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

#[test]
fn empty_standard_input_is_unusable_input() {
    let d = scratch_dir();
    let out = d.path().join("w.xlsx");
    let o = cli()
        .args([
            "-",
            "-o",
            out.to_str().unwrap(),
            "--as-of",
            "2026-11-26",
            "--lang",
            "en",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("The file is empty"), "{}", stderr(&o));
    assert!(!out.exists());
}
