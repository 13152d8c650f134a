//! The archive folder's own cases: which file is the day before (the latest dated before the
//! as-of date, whatever else is there; `--previous` still wins), a folder that cannot be used,
//! a worklist in it that cannot be carried from (named in the message, nothing written), the
//! per-executive files in `DIR/<as-of>/`, and a noon run interrupted while it writes, which
//! leaves the morning's file as the team left it.

use super::{scheduled_run, DAY1, DAY2, HEADER};
use crate::cli_faults::{big_input, interrupt_while_writing, signal, temp_present};
use crate::common::{cli, scratch_dir};
use retention_worklist::{Error, Options, PreviousError, Run};
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

/// The CLI on an export (written beside the archive) with these arguments.
fn run(dir: &Path, export: &str, args: &[&str]) -> Output {
    let csv = dir.join("tenants.csv");
    std::fs::write(&csv, format!("{HEADER}{export}")).unwrap();
    cli().arg(&csv).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The names in a folder, sorted (none when it does not exist).
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn the_day_before_is_the_latest_before_the_as_of_date_and_previous_still_wins() {
    let d = scratch_dir();
    let dir = d.path();
    for day in ["2026-11-24", "2026-11-25", "2026-11-27"] {
        scheduled_run(dir, DAY1, day);
    }
    // A run for an earlier day (a backfill) carries from the latest before it, not a later one.
    let (json, _) = scheduled_run(dir, DAY2, "2026-11-26");
    assert_eq!(json["previous"]["file_name"], "worklist-2026-11-25.xlsx");
    assert!(json.get("same_day").is_none());
    // --previous names another day; today's own file is still the archive's.
    let arch = dir.join("archive");
    let older = arch.join("worklist-2026-11-24.xlsx");
    let o = run(
        dir,
        DAY2,
        &[
            "--as-of",
            "2026-11-26",
            "--json",
            "--previous",
            older.to_str().unwrap(),
            "--archive",
            arch.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["previous"]["file_name"], "worklist-2026-11-24.xlsx");
    assert_eq!(json["same_day"]["file_name"], "worklist-2026-11-26.xlsx");
}

#[test]
fn a_folder_that_cannot_be_used_stops_the_run_and_a_missing_one_is_made_only_on_success() {
    let d = scratch_dir();
    let dir = d.path();
    let file = dir.join("archivo.txt");
    std::fs::write(&file, "no soy una carpeta").unwrap();
    for (lang, words) in [
        ("es", "es un archivo, no una carpeta"),
        ("en", "it is a file, not a folder"),
    ] {
        for target in [file.clone(), file.join("sub")] {
            let o = run(
                dir,
                DAY1,
                &["--archive", target.to_str().unwrap(), "--lang", lang],
            );
            assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
            let e = stderr(&o);
            assert!(e.contains(words) && e.contains("--archive"), "{e}");
            assert!(e.contains(target.to_str().unwrap()), "{e}");
        }
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "no soy una carpeta"
    );
    // Unusable input: exit 1 and no archive folder made.
    let missing = dir.join("nuevo").join("archivo");
    let o = cli()
        .arg(dir.join("no-such-export.csv"))
        .args(["--archive", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.join("nuevo").exists(), "a failed run writes nothing");
    let o = run(
        dir,
        DAY1,
        &[
            "--archive",
            missing.to_str().unwrap(),
            "--as-of",
            "2026-11-26",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(names(&missing), ["worklist-2026-11-26.xlsx"]);
    // Options that do not go together: exit 2.
    let o = run(
        dir,
        DAY1,
        &["--archive", missing.to_str().unwrap(), "-o", "x.xlsx"],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = run(dir, DAY1, &["--split-by-executive"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--archive"), "{}", stderr(&o));
}

#[test]
fn a_worklist_in_the_archive_that_cannot_be_carried_is_named_and_nothing_is_written() {
    let d = scratch_dir();
    let dir = d.path();
    let arch = dir.join("archive");
    std::fs::create_dir_all(&arch).unwrap();
    // The day before is not a workbook.
    std::fs::write(arch.join("worklist-2026-11-25.xlsx"), "roto").unwrap();
    let args = ["--as-of", "2026-11-26", "--archive", arch.to_str().unwrap()];
    let o = run(dir, DAY1, &args);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("El worklist anterior no se puede usar"), "{e}");
    assert!(
        e.contains("worklist-2026-11-25.xlsx") && e.contains("--archive"),
        "{e}"
    );
    assert_eq!(
        names(&arch),
        ["worklist-2026-11-25.xlsx"],
        "nothing written"
    );
    // Today's own file is not a workbook: said as today's, and left as it is.
    std::fs::remove_file(arch.join("worklist-2026-11-25.xlsx")).unwrap();
    std::fs::write(arch.join("worklist-2026-11-26.xlsx"), "roto").unwrap();
    let o = run(dir, DAY1, &[&args[..], &["--lang", "en"]].concat());
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("Today's worklist from an earlier run cannot be used"),
        "{e}"
    );
    assert!(e.contains("worklist-2026-11-26.xlsx"), "{e}");
    assert_eq!(
        std::fs::read(arch.join("worklist-2026-11-26.xlsx")).unwrap(),
        b"roto"
    );
    assert_eq!(names(&arch), ["worklist-2026-11-26.xlsx"]);
    // The engine says which of the two worklists it was.
    let o = Options::new("2026-11-26".parse().unwrap());
    let csv = format!("{HEADER}{DAY1}");
    let e = Run::new(csv.as_str(), &o)
        .same_day(Some(b"roto"))
        .build()
        .unwrap_err();
    assert_eq!((e.code(), e.input()), ("same_day_not_xlsx", "same_day"));
    assert_eq!(e, Error::SameDay(PreviousError::NotXlsx));
    let e = Run::new(csv.as_str(), &o)
        .previous(Some(b"roto"))
        .build()
        .unwrap_err();
    assert_eq!((e.code(), e.input()), ("previous_not_xlsx", "previous"));
}

#[test]
fn per_executive_files_go_to_the_days_folder_which_holds_the_latest_runs_alone() {
    let d = scratch_dir();
    let dir = d.path();
    let arch = dir.join("archive");
    let day = arch.join("2026-11-27");
    let args = [
        "--as-of",
        "2026-11-27",
        "-q",
        "--archive",
        arch.to_str().unwrap(),
        "--split-by-executive",
    ];
    let o = run(dir, DAY2, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        names(&day),
        [
            "worklist-2026-11-27-ana.xlsx",
            "worklist-2026-11-27-luis.xlsx"
        ]
    );
    assert_eq!(names(&arch), ["2026-11-27", "worklist-2026-11-27.xlsx"]);
    // Someone's file in the day's folder is theirs: never touched.
    std::fs::write(day.join("leeme.txt"), "para Ana").unwrap();
    // Noon: Luis has no rows left; his morning file goes, the whole workbook is today's again.
    let ana_only: String = DAY2
        .lines()
        .filter(|l| l.ends_with(",Ana"))
        .map(|l| format!("{l}\n"))
        .collect();
    let o = run(dir, &ana_only, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(names(&day), ["leeme.txt", "worklist-2026-11-27-ana.xlsx"]);
    assert_eq!(
        std::fs::read_to_string(day.join("leeme.txt")).unwrap(),
        "para Ana"
    );
    // A folder given by name is used as given, and nothing is removed from it.
    let mine = dir.join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("worklist-2026-11-27-pedro.xlsx"), "de otro día").unwrap();
    let o = run(
        dir,
        &ana_only,
        &[
            &args[..5],
            &["--split-by-executive", mine.to_str().unwrap()],
        ]
        .concat(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        names(&mine),
        [
            "worklist-2026-11-27-ana.xlsx",
            "worklist-2026-11-27-pedro.xlsx"
        ]
    );
}

/// Ctrl-C on the noon run while it writes today's file: the morning's file, which the team
/// worked in, stays as it was (the new one is never half there, and the old one is not removed).
#[test]
fn an_interrupted_noon_run_leaves_the_mornings_file_as_it_was() {
    let d = scratch_dir();
    let dir = d.path();
    let arch = dir.join("archive");
    let input = big_input(dir, 20_000);
    let morning = cli()
        .arg(&input)
        .args(["--as-of", "2026-11-26", "-q", "--archive"])
        .arg(&arch)
        .output()
        .unwrap();
    assert!(morning.status.success(), "{}", stderr(&morning));
    let file = arch.join("worklist-2026-11-26.xlsx");
    let (mut caught, mut attempts) = (0, 0);
    while caught < 1 && attempts < 8 {
        attempts += 1;
        let before = std::fs::read(&file).unwrap();
        let mut child = cli()
            .arg(&input)
            .args(["--as-of", "2026-11-26", "-q", "--archive"])
            .arg(&arch)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let frozen_with_temp = interrupt_while_writing(&mut child, &arch);
        let o = child.wait_with_output().unwrap();
        assert!(!temp_present(&arch), "no temporary file left");
        assert_eq!(names(&arch), ["worklist-2026-11-26.xlsx"]);
        if frozen_with_temp {
            caught += 1;
            assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
            assert!(
                stderr(&o).contains("el de hoy completo o el que ya estaba"),
                "{}",
                stderr(&o)
            );
            assert!(
                std::fs::read(&file).unwrap() == before,
                "the morning's file, as it was"
            );
        } else {
            // Finished first: today's file is whole (it only appears by rename); the next
            // attempt interrupts a noon run over it.
            assert!(o.status.success(), "{}", stderr(&o));
        }
    }
    assert!(
        caught > 0,
        "the write was never caught in {attempts} runs: this test proved nothing"
    );
}

/// An interrupt that lands after the noon run renamed today's file into place (the run is
/// held there: its `--json`, larger than a pipe holds, waits for a reader that does not come)
/// leaves that file: the morning's is gone, replaced by a complete one, never by nothing.
#[test]
fn an_interrupt_after_the_rename_keeps_the_new_file() {
    use std::os::unix::fs::MetadataExt;
    let d = scratch_dir();
    let dir = d.path();
    let arch = dir.join("archive");
    // Two thousand rows with a date no calendar has: as many problems in the --json.
    let bad: String = (0..2000)
        .map(|i| format!("B-{i},Malo {i},trialing,no,31/02/2026,,,Ana\n"))
        .collect();
    let args = [
        "--as-of",
        "2026-11-26",
        "--json",
        "--archive",
        arch.to_str().unwrap(),
    ];
    let morning = run(dir, &format!("{DAY1}{bad}"), &args);
    assert!(morning.status.success(), "{}", stderr(&morning));
    assert!(
        morning.stdout.len() > 1 << 17,
        "a --json larger than a pipe holds"
    );
    let file = arch.join("worklist-2026-11-26.xlsx");
    let inode = std::fs::metadata(&file).unwrap().ino();

    let csv = dir.join("tenants.csv");
    std::fs::write(&csv, format!("{HEADER}{DAY2}{bad}")).unwrap();
    let mut child = cli()
        .arg(&csv)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while std::fs::metadata(&file).unwrap().ino() == inode {
        assert!(
            Instant::now() < deadline,
            "the noon run never renamed its file"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it was caught"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // Renamed, and held writing its JSON (nobody reads the pipe).
    std::thread::sleep(Duration::from_millis(200));
    assert!(child.try_wait().unwrap().is_none(), "held by the full pipe");
    signal(child.id(), "INT");
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(130));
    let kept = crate::common::Book::new(std::fs::read(&file).unwrap());
    assert!(
        kept.worklist_column("ID").contains(&"T-7".to_string()),
        "the noon run's file"
    );
    assert_eq!(names(&arch), ["worklist-2026-11-26.xlsx"]);
}
