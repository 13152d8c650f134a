//! What a run is asked to do: the report date, zone, language, thresholds.
//!
//! The core never reads the clock or the system time zone: the shells (CLI,
//! wasm) resolve "today" and "the local zone" and pass them in here. That is
//! what makes the same input and options give the same bytes everywhere.

use crate::error::Error;
use crate::read::columns::Field;
use chrono::{FixedOffset, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Language of everything a person reads: workbook, summary, messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Spanish, the default: the users are Spanish-speaking.
    #[default]
    Es,
    /// English.
    En,
}

impl FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "es" | "es-es" | "es-mx" | "spanish" | "español" | "espanol" => Ok(Lang::Es),
            "en" | "en-us" | "en-gb" | "english" | "inglés" | "ingles" => Ok(Lang::En),
            _ => Err(Error::InvalidOption {
                option: "lang",
                value: s.to_string(),
                expected: ["es | en", "es | en"],
            }),
        }
    }
}

/// How to read ambiguous `NN/NN/YYYY` dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day first (`25/11/2026`), the Spanish-speaking default.
    Dmy,
    /// Month first (`11/25/2026`).
    Mdy,
}

impl DateOrder {
    /// The short name used in summaries and options (`dmy`, `mdy`).
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
        }
    }
}

impl FromStr for DateOrder {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dmy" | "dd/mm/yyyy" => Ok(DateOrder::Dmy),
            "mdy" | "mm/dd/yyyy" => Ok(DateOrder::Mdy),
            _ => Err(Error::InvalidOption {
                option: "date-order",
                value: s.to_string(),
                expected: ["dmy | mdy", "dmy | mdy"],
            }),
        }
    }
}

/// The report's time zone: an IANA zone or a fixed UTC offset.
///
/// ```
/// use retention_worklist::ReportZone;
/// let z: ReportZone = "America/Mexico_City".parse().unwrap();
/// assert_eq!(z.to_string(), "America/Mexico_City");
/// let f: ReportZone = "-06:00".parse().unwrap();
/// assert_eq!(f.to_string(), "-06:00");
/// assert!("Mars/Olympus".parse::<ReportZone>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportZone {
    /// A zone from the IANA database, with its daylight-saving rules.
    Iana(Tz),
    /// A fixed offset from UTC (`UTC` itself is `+00:00`).
    Fixed(FixedOffset),
}

impl ReportZone {
    /// The calendar date of a UTC instant in this zone.
    pub fn date_of(self, instant: chrono::DateTime<chrono::Utc>) -> NaiveDate {
        match self {
            ReportZone::Iana(tz) => instant.with_timezone(&tz).date_naive(),
            ReportZone::Fixed(off) => instant.with_timezone(&off).date_naive(),
        }
    }
}

impl Default for ReportZone {
    fn default() -> Self {
        ReportZone::Fixed(FixedOffset::east_opt(0).expect("zero offset is valid"))
    }
}

impl fmt::Display for ReportZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportZone::Iana(tz) => f.write_str(tz.name()),
            ReportZone::Fixed(off) if off.local_minus_utc() == 0 => f.write_str("UTC"),
            ReportZone::Fixed(off) => write!(f, "{off}"),
        }
    }
}

impl FromStr for ReportZone {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let t = s.trim();
        let bad = || Error::InvalidOption {
            option: "tz",
            value: s.to_string(),
            expected: [
                "una zona IANA como America/Mexico_City, UTC, o un desfase como -06:00",
                "an IANA zone such as America/Mexico_City, UTC, or an offset such as -06:00",
            ],
        };
        if t.is_empty() {
            return Err(bad());
        }
        let upper = t.to_ascii_uppercase();
        if upper == "UTC" || upper == "Z" || upper == "GMT" {
            return Ok(ReportZone::default());
        }
        if let Ok(tz) = t.parse::<Tz>() {
            return Ok(ReportZone::Iana(tz));
        }
        // "UTC-6", "GMT+05:30", "-06:00", "+0530", "-6"
        let rest = upper
            .strip_prefix("UTC")
            .or_else(|| upper.strip_prefix("GMT"))
            .unwrap_or(&upper);
        parse_offset(rest).map(ReportZone::Fixed).ok_or_else(bad)
    }
}

/// Parses `+HH:MM`, `+HHMM`, `+HH` or `+H` (sign required).
pub(crate) fn parse_offset(s: &str) -> Option<FixedOffset> {
    let (sign, digits) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    if h.is_empty()
        || h.len() > 2
        || m.len() > 2
        || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// The protocol's thresholds. The defaults are the protocol's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// ALTO when a trial ends in at most this many days (protocol: 3).
    pub high_days: i64,
    /// MEDIO when a trial ends in more than `high_days` and at most this many
    /// days (protocol: 7).
    pub medium_days: i64,
    /// INFORMATIVO when usage is strictly above this percentage of the
    /// monthly message limit (protocol: 90).
    pub usage_percent: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            high_days: 3,
            medium_days: 7,
            usage_percent: 90.0,
        }
    }
}

impl Thresholds {
    /// Checks the thresholds make sense together.
    pub fn validate(&self) -> Result<(), Error> {
        if !(0..=365).contains(&self.high_days) {
            return Err(Error::InvalidOption {
                option: "high-days",
                value: self.high_days.to_string(),
                expected: [
                    "un número entero de días de 0 a 365",
                    "a whole number of days from 0 to 365",
                ],
            });
        }
        if self.medium_days < self.high_days || self.medium_days > 365 {
            return Err(Error::InvalidOption {
                option: "medium-days",
                value: self.medium_days.to_string(),
                expected: [
                    "un número entero de días, al menos high-days y como máximo 365",
                    "a whole number of days, at least high-days and at most 365",
                ],
            });
        }
        if !(self.usage_percent.is_finite()
            && self.usage_percent > 0.0
            && self.usage_percent < 1000.0)
        {
            return Err(Error::InvalidOption {
                option: "usage-percent",
                value: self.usage_percent.to_string(),
                expected: [
                    "un porcentaje mayor que 0 (por ejemplo 90)",
                    "a percentage above 0 (for example 90)",
                ],
            });
        }
        Ok(())
    }
}

/// Everything a run needs besides the input bytes.
///
/// ```
/// use retention_worklist::{Options, Lang};
/// use chrono::NaiveDate;
/// let mut o = Options::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
/// o.lang = Lang::En;
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
    /// Product name used in email subjects and drafts.
    pub product_name: String,
    /// The protocol's thresholds.
    pub thresholds: Thresholds,
    /// Force the order of `NN/NN/YYYY` dates; `None` detects it.
    pub date_order: Option<DateOrder>,
    /// Hand-made column mappings: field → header text in the file.
    pub columns: Vec<(Field, String)>,
}

impl Options {
    /// Options with the protocol's defaults for the given report date.
    pub fn new(as_of: NaiveDate) -> Options {
        Options {
            as_of,
            tz: ReportZone::default(),
            lang: Lang::Es,
            file_name: String::new(),
            product_name: "ImagineCRM".to_string(),
            thresholds: Thresholds::default(),
            date_order: None,
            columns: Vec::new(),
        }
    }

    /// Checks every option; the engine calls this before reading.
    pub fn validate(&self) -> Result<(), Error> {
        self.thresholds.validate()?;
        if self.product_name.trim().is_empty() || self.product_name.chars().count() > 100 {
            return Err(Error::InvalidOption {
                option: "product-name",
                value: self.product_name.clone(),
                expected: [
                    "un nombre no vacío de hasta 100 caracteres",
                    "a non-empty name of at most 100 characters",
                ],
            });
        }
        Ok(())
    }
}

/// Parses `YYYY-MM-DD` as given to `--as-of`.
pub fn parse_as_of(s: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| Error::InvalidOption {
        option: "as-of",
        value: s.to_string(),
        expected: [
            "una fecha AAAA-MM-DD, por ejemplo 2026-11-26",
            "a date as YYYY-MM-DD, for example 2026-11-26",
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_parse() {
        assert_eq!("UTC".parse::<ReportZone>().unwrap().to_string(), "UTC");
        assert_eq!("utc-6".parse::<ReportZone>().unwrap().to_string(), "-06:00");
        assert_eq!("+0530".parse::<ReportZone>().unwrap().to_string(), "+05:30");
        assert_eq!(
            "Europe/Madrid".parse::<ReportZone>().unwrap().to_string(),
            "Europe/Madrid"
        );
        assert!("+25:00".parse::<ReportZone>().is_err());
        assert!("".parse::<ReportZone>().is_err());
        assert!("06:00".parse::<ReportZone>().is_err());
    }

    #[test]
    fn thresholds_validate() {
        assert!(Thresholds::default().validate().is_ok());
        let t = Thresholds {
            high_days: 8,
            ..Thresholds::default()
        };
        assert!(t.validate().is_err());
        let t = Thresholds {
            usage_percent: f64::NAN,
            ..Thresholds::default()
        };
        assert!(t.validate().is_err());
    }

    #[test]
    fn as_of_parses() {
        assert_eq!(
            parse_as_of("2026-11-26").unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
        assert!(parse_as_of("26/11/2026").is_err());
    }
}
