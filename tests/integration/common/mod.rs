//! Helpers every module of the integration tests shares: where the repository's files are, the
//! report date and options the tests read exports on, the CLI, scratch folders, the workbook
//! read back ([`Book`]), and the workbook in a person's hands: typed into, re-saved and printed by
//! LibreOffice ([`office`]).

mod book;
pub mod office;

pub use book::{attr, col_letter, header_row, Book};

use chrono::NaiveDate;
use retention_worklist::{Options, ReportZone};
use std::path::PathBuf;
use std::process::Command;

/// A path inside the repository, from its root (`tests/fixtures/bad-rows.csv`).
pub fn path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The bytes of a file inside the repository.
pub fn read(relative: &str) -> Vec<u8> {
    let p = path(relative);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A file of `tests/fixtures/`.
pub fn fixture(name: &str) -> Vec<u8> {
    read(&format!("tests/fixtures/{name}"))
}

/// The sample export the page offers (`www/sample/tenants-ejemplo.csv`).
pub fn sample() -> Vec<u8> {
    read("www/sample/tenants-ejemplo.csv")
}

/// The report date the fixtures, the sample and the generated exports are written for.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// The engine's own defaults on [`as_of`]: zone UTC+00:00, Spanish, no file name.
pub fn default_options() -> Options {
    Options::new(as_of())
}

/// The options a test uses unless it says otherwise: [`default_options`] in Mexico City's zone,
/// for a file named `test.csv`.
pub fn options() -> Options {
    let mut o = default_options();
    o.tz = "America/Mexico_City".parse::<ReportZone>().unwrap();
    o.file_name = "test.csv".into();
    o
}

/// The CLI cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_retention-worklist");

/// The CLI as a command, waiting for its arguments.
pub fn cli() -> Command {
    Command::new(BIN)
}

/// A scratch folder, removed (with what the test wrote in it) when dropped.
pub fn scratch_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("rw-test-")
        .tempdir()
        .unwrap()
}
