//! The report's time zone: an IANA zone or a fixed UTC offset, as typed.

use crate::error::Error;
use crate::model::OptionName;
use chrono::{FixedOffset, NaiveDate};
use chrono_tz::Tz;
use std::fmt;
use std::str::FromStr;

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
    /// The instant a local date and time in this zone stand for (the first,
    /// when a clock change makes it happen twice; `None` when it never
    /// happens, inside a clock change's gap).
    pub fn instant_of(self, local: chrono::NaiveDateTime) -> Option<chrono::DateTime<chrono::Utc>> {
        use chrono::{TimeZone, Utc};
        match self {
            ReportZone::Iana(tz) => tz
                .from_local_datetime(&local)
                .earliest()
                .map(|d| d.with_timezone(&Utc)),
            ReportZone::Fixed(off) => off
                .from_local_datetime(&local)
                .earliest()
                .map(|d| d.with_timezone(&Utc)),
        }
    }

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
            option: OptionName::Tz,
            value: s.to_string(),
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
