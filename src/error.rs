//! Errors that stop a run, as data.
//!
//! Problems confined to one row or one field are *not* errors: they are
//! [`Problem`](crate::Problem)s, listed in the workbook, and the run goes on.
//! An [`Error`] is for input that cannot produce a worklist at all (empty,
//! binary, no recognisable column), for invalid options and for files that
//! cannot be read or written. Each variant carries the facts needed to tell the
//! person what went wrong and where; the words are chosen by
//! [`crate::text`] (`Error::message`), in the language asked for.

use crate::model::{Field, OptionName};
use chrono::NaiveDate;

/// Why a run produced no workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input has no bytes (or only a byte-order mark / whitespace).
    EmptyInput,
    /// The input looks like a binary file (NUL bytes or mostly control
    /// characters), not a text export.
    BinaryInput {
        /// The first suspicious byte.
        offset: usize,
    },
    /// No header cell matched any known column.
    NoKnownColumns {
        /// The header cells found (first line of the table).
        headers: Vec<String>,
    },
    /// Neither a tenant id nor a tenant name column exists, so no row could
    /// ever be identified.
    NoIdentityColumn {
        /// The header cells found.
        headers: Vec<String>,
    },
    /// Columns were recognised but none of the four rules has the columns it
    /// needs.
    NoRuleEvaluable {
        /// The header cells found.
        headers: Vec<String>,
    },
    /// A workbook that cannot be read: damaged, truncated, or a zip or
    /// Office file that is not a spreadsheet (a .docx).
    UnreadableWorkbook {
        /// The reader's own words.
        detail: String,
    },
    /// A workbook protected with a password.
    EncryptedWorkbook,
    /// A workbook whose members declare more than it may unpack to (a zip bomb).
    WorkbookTooLarge {
        /// The bytes declared.
        unpacked: u64,
    },
    /// A sheet past Excel's row limit.
    SheetTooLong {
        /// The sheet.
        sheet: String,
        /// Its rows.
        rows: usize,
    },
    /// The sheet asked for (`--sheet`) is not in the workbook.
    SheetNotFound {
        /// The name asked for.
        name: String,
        /// The workbook's sheets.
        sheets: Vec<String>,
    },
    /// No sheet of the workbook has any data.
    NoDataSheet {
        /// The workbook's sheets.
        sheets: Vec<String>,
    },
    /// A `--column FIELD=HEADER` mapping names a header that is not in the file.
    MappedColumnMissing {
        /// The field being mapped.
        field: Field,
        /// The header asked for.
        header: String,
    },
    /// An option has a value that cannot be used.
    InvalidOption {
        /// Which option.
        option: OptionName,
        /// The value given.
        value: String,
    },
    /// A JavaScript option with a name the engine does not know (`asof`).
    UnknownOption {
        /// The name given.
        name: String,
    },
    /// The input file could not be read.
    ReadInput {
        /// The path as given (`-` for standard input).
        path: String,
        /// Why.
        io: IoProblem,
    },
    /// The workbook could not be written.
    WriteOutput {
        /// The path of the workbook (or its folder).
        path: String,
        /// Why.
        io: IoProblem,
    },
    /// The workbook could not be built (an internal limit of the XLSX
    /// writer). This should not happen with any input; it is reported rather
    /// than panicking.
    Render(String),
    /// The previous worklist (`--previous`) cannot be carried from.
    Previous(PreviousError),
    /// Today's own worklist from an earlier run (see `Run::same_day`)
    /// cannot be carried from.
    SameDay(PreviousError),
    /// The command line's archive folder (`--archive`) cannot be used: it
    /// is not a folder, or it cannot be listed.
    Archive {
        /// The folder as given.
        path: String,
        /// Why.
        io: IoProblem,
    },
    /// The command line's `--split-by-executive` without a folder, and no
    /// `--archive` to put the files in.
    SplitFolderMissing,
    /// A workbook whose content breaks what a spreadsheet can be (a cell
    /// past Excel's grid, a count it declares but does not hold): refused
    /// before the reader acts on it.
    Damaged(Damage),
}

/// What is wrong with a damaged workbook (the export's or the previous
/// worklist's), found before anything is allocated from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// A cell reference past column XFD or row 1,048,576.
    CellOutsideGrid {
        /// The sheet.
        sheet: String,
        /// The reference as read (`ZZZZZZ1`).
        cell: String,
    },
    /// A part declares more entries than it holds (`uniqueCount` of the
    /// shared strings, a sheet's `DIMENSIONS` record).
    FalseCount {
        /// The part of the file (`xl/sharedStrings.xml`).
        part: String,
        /// The number it declares.
        declared: u64,
        /// How many it can hold.
        found: u64,
    },
    /// A sheet that unfolds (repeated rows and columns, or cells far apart)
    /// into more cells than the reader can hold.
    TooManyCells {
        /// The sheet (or the part, when the sheet has no name yet).
        sheet: String,
        /// The cells it unfolds to.
        cells: u64,
        /// The most read.
        limit: u64,
    },
    /// The container's structure is broken (an OLE sector chain that loops
    /// or points past the file).
    Container {
        /// Where.
        detail: String,
    },
}

impl Damage {
    /// A stable name for the kind of damage.
    pub fn code(&self) -> &'static str {
        match self {
            Damage::CellOutsideGrid { .. } => "cell_outside_grid",
            Damage::FalseCount { .. } => "false_count",
            Damage::TooManyCells { .. } => "too_many_cells",
            Damage::Container { .. } => "broken_container",
        }
    }
}

/// Why the previous worklist cannot be used. The run stops: carrying from
/// a wrong file would mislabel every row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviousError {
    /// Not an XLSX workbook (a CSV, an .ods, an image…).
    NotXlsx,
    /// An XLSX that cannot be read (damaged, truncated).
    Unreadable {
        /// The reader's own words.
        detail: String,
    },
    /// Protected with a password.
    Encrypted,
    /// Over the size limit, refused before it is read.
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// Its members declare more than it may unpack to (a zip bomb).
    ZipBomb {
        /// The bytes declared.
        unpacked: u64,
    },
    /// No sheet has the worklist's columns (`ID`/`Tenant`, `Nivel`, `Estado`).
    NoWorklistSheet {
        /// The workbook's sheets.
        sheets: Vec<String>,
    },
    /// A worklist sheet past Excel's row limit.
    SheetTooLong {
        /// The sheet.
        sheet: String,
        /// Its rows, as the sheet declares them.
        rows: u64,
    },
    /// A damaged workbook (see [`Damage`]).
    Damaged(Damage),
    /// It was made for a day after today's as-of date.
    AfterAsOf {
        /// Its as-of date.
        previous: NaiveDate,
        /// Today's.
        as_of: NaiveDate,
    },
}

impl Error {
    /// A stable name for the kind of error (`no_identity_column`…), for
    /// programs: the page offers column mapping on the column errors.
    pub fn code(&self) -> &'static str {
        match self {
            Error::EmptyInput => "empty_input",
            Error::BinaryInput { .. } => "binary_input",
            Error::UnreadableWorkbook { .. } => "unreadable_workbook",
            Error::EncryptedWorkbook => "encrypted_workbook",
            Error::WorkbookTooLarge { .. } => "workbook_too_large",
            Error::SheetTooLong { .. } => "sheet_too_long",
            Error::SheetNotFound { .. } => "sheet_not_found",
            Error::NoDataSheet { .. } => "no_data_sheet",
            Error::NoKnownColumns { .. } => "no_known_columns",
            Error::NoIdentityColumn { .. } => "no_identity_column",
            Error::NoRuleEvaluable { .. } => "no_rule_evaluable",
            Error::MappedColumnMissing { .. } => "mapped_column_missing",
            Error::InvalidOption { .. } => "invalid_option",
            Error::UnknownOption { .. } => "unknown_option",
            Error::ReadInput { .. } => "read_input",
            Error::WriteOutput { .. } => "write_output",
            Error::Render(_) => "render",
            Error::Archive { .. } => "archive",
            Error::SplitFolderMissing => "split_folder_missing",
            Error::SameDay(p) => match p {
                PreviousError::NotXlsx => "same_day_not_xlsx",
                PreviousError::Unreadable { .. } => "same_day_unreadable",
                PreviousError::Encrypted => "same_day_encrypted",
                PreviousError::TooLarge { .. } => "same_day_too_large",
                PreviousError::ZipBomb { .. } => "same_day_zip_bomb",
                PreviousError::NoWorklistSheet { .. } => "same_day_no_worklist",
                PreviousError::SheetTooLong { .. } => "same_day_sheet_too_long",
                PreviousError::AfterAsOf { .. } => "same_day_after_as_of",
                PreviousError::Damaged(d) => match d {
                    Damage::CellOutsideGrid { .. } => "same_day_cell_outside_grid",
                    Damage::FalseCount { .. } => "same_day_false_count",
                    Damage::TooManyCells { .. } => "same_day_too_many_cells",
                    Damage::Container { .. } => "same_day_broken_container",
                },
            },
            Error::Damaged(d) => d.code(),
            Error::Previous(p) => match p {
                PreviousError::NotXlsx => "previous_not_xlsx",
                PreviousError::Unreadable { .. } => "previous_unreadable",
                PreviousError::Encrypted => "previous_encrypted",
                PreviousError::TooLarge { .. } => "previous_too_large",
                PreviousError::ZipBomb { .. } => "previous_zip_bomb",
                PreviousError::NoWorklistSheet { .. } => "previous_no_worklist",
                PreviousError::SheetTooLong { .. } => "previous_sheet_too_long",
                PreviousError::AfterAsOf { .. } => "previous_after_as_of",
                PreviousError::Damaged(d) => match d {
                    Damage::CellOutsideGrid { .. } => "previous_cell_outside_grid",
                    Damage::FalseCount { .. } => "previous_false_count",
                    Damage::TooManyCells { .. } => "previous_too_many_cells",
                    Damage::Container { .. } => "previous_broken_container",
                },
            },
        }
    }

    /// Which input the error is about: `previous` for the previous
    /// worklist, `same_day` for today's own earlier worklist, `export` for
    /// everything else (the page shows the message next to that input).
    pub fn input(&self) -> &'static str {
        match self {
            Error::Previous(_) => "previous",
            Error::SameDay(_) => "same_day",
            _ => "export",
        }
    }

    /// The file's header cells, for the errors about its columns.
    pub fn headers(&self) -> Option<&[String]> {
        match self {
            Error::NoKnownColumns { headers }
            | Error::NoIdentityColumn { headers }
            | Error::NoRuleEvaluable { headers } => Some(headers),
            _ => None,
        }
    }

    /// Whether the error is about the options (the CLI's exit status 2)
    /// rather than the input or the output (exit status 1).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::InvalidOption { .. }
                | Error::UnknownOption { .. }
                | Error::MappedColumnMissing { .. }
                | Error::SheetNotFound { .. }
                | Error::SplitFolderMissing
        )
    }

    /// The error as it is about today's own earlier worklist (see
    /// `Run::same_day`): the previous worklist's errors become
    /// [`Error::SameDay`]; others stay as they are.
    pub fn of_same_day(self) -> Error {
        match self {
            Error::Previous(p) => Error::SameDay(p),
            other => other,
        }
    }
}

/// Why a file could not be read or written, as the shell saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoProblem {
    /// The kind of failure.
    pub kind: IoKind,
    /// The system's own description (shown after the person's words).
    pub detail: String,
}

/// The kinds of file failure a person can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoKind {
    /// No such file or folder.
    NotFound,
    /// Not allowed.
    PermissionDenied,
    /// A folder where a file was expected.
    IsADirectory,
    /// A file where a folder was expected.
    NotADirectory,
    /// The disk (or quota) is full.
    StorageFull,
    /// A read-only file system.
    ReadOnly,
    /// Anything else: the detail says what.
    Other,
}

impl std::error::Error for Error {}
