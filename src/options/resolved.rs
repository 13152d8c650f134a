//! The options a run uses, checked: [`Options`], and what the shells pass
//! about the world: [`Environment`].

use super::bounds;
use super::zone::ReportZone;
use crate::error::Error;
use crate::model::{DateOrder, Deadlines, Field, Lang, OptionName, Thresholds, DEFAULTS};
use chrono::{DateTime, NaiveDate, Utc};

impl Thresholds {
    /// Checks the thresholds against their options' bounds and each other.
    pub fn validate(&self) -> Result<(), Error> {
        bounds::check_integer(OptionName::HighDays, self.high_days)?;
        bounds::check_integer(OptionName::MediumDays, self.medium_days)?;
        if self.medium_days < self.high_days {
            return Err(Error::InvalidOption {
                option: OptionName::MediumDays,
                value: self.medium_days.to_string(),
            });
        }
        bounds::check_number(OptionName::UsagePercent, self.usage_percent)
    }
}

/// Everything a run needs besides the input bytes, resolved and valid.
///
/// ```
/// use retention_worklist::{Options, Lang};
/// use chrono::NaiveDate;
/// let mut o = Options::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
/// o.lang = "en".parse().unwrap();
/// o.tz = "America/Mexico_City".parse().unwrap();
/// assert_eq!(o.product_name, "ImagineCRM");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The report date: "today" for the person reading the worklist.
    pub as_of: NaiveDate,
    /// Zone in which trial ends with a time and offset are turned into dates.
    pub tz: ReportZone,
    /// Language of the workbook and messages.
    pub lang: Lang,
    /// Source file name, shown on the summary sheet.
    pub file_name: String,
    /// The previous worklist's file name, shown on the summary sheet.
    pub previous_file_name: String,
    /// Today's own earlier worklist's file name (see [`crate::Run::same_day`]).
    pub same_day_file_name: String,
    /// Product name used in email subjects and drafts.
    pub product_name: String,
    /// The protocol's thresholds.
    pub thresholds: Thresholds,
    /// When a row still at its first `Estado` is overdue.
    pub deadlines: Deadlines,
    /// Force the order of `NN/NN/YYYY` dates; `None` detects it.
    pub date_order: Option<DateOrder>,
    /// Hand-made column mappings: field → header text in the file.
    pub columns: Vec<(Field, String)>,
    /// The sheet to read when the export is a workbook; `None` picks the
    /// first visible sheet with a tenant export's columns.
    pub sheet: Option<String>,
}

impl Options {
    /// Options with the protocol's defaults for the given report date.
    pub fn new(as_of: NaiveDate) -> Options {
        Options {
            as_of,
            tz: ReportZone::default(),
            lang: DEFAULTS.lang,
            file_name: String::new(),
            previous_file_name: String::new(),
            same_day_file_name: String::new(),
            product_name: DEFAULTS.product_name.to_string(),
            thresholds: DEFAULTS.thresholds,
            deadlines: DEFAULTS.deadlines,
            date_order: None,
            columns: Vec::new(),
            sheet: None,
        }
    }

    /// Checks every option; the engine calls this before reading.
    pub fn validate(&self) -> Result<(), Error> {
        self.thresholds.validate()?;
        bounds::check_integer(
            OptionName::CriticalOverdueDays,
            self.deadlines.critical_days,
        )?;
        bounds::check_integer(OptionName::HighOverdueDays, self.deadlines.high_days)?;
        bounds::check_name(OptionName::ProductName, &self.product_name)
    }
}

/// What the shell knows about the world that the core must not read itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    /// Now, for "today" when no report date is given.
    pub now: DateTime<Utc>,
    /// The system's (or browser's) time zone name, when it can be told.
    pub local_zone: Option<String>,
}

/// Parses `YYYY-MM-DD` as given to `--as-of`.
pub fn parse_as_of(s: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| Error::InvalidOption {
        option: OptionName::AsOf,
        value: s.to_string(),
    })
}
