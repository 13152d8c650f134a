//! What a run is asked to do, resolved once: the report date, zone,
//! language, thresholds, column mappings.
//!
//! The shells fill a [`RawOptions`] (from flags, from a JavaScript object)
//! with what the person gave, as given; [`RawOptions::resolve`] validates it,
//! applies the [`DEFAULTS`] (the one place they are written) and returns the
//! [`Options`] a run uses. The core never reads the clock or the system time
//! zone: the shells pass "now" and "the local zone" in an [`Environment`].
//! That is what makes the same input and options give the same bytes
//! everywhere.

use crate::error::Error;
use crate::model::{DateOrder, Field, Lang, OptionName, Thresholds};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// The protocol's defaults, written once. The CLI's help and the page's
/// settings show these; a run uses them for every option not given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Defaults {
    /// Spanish: the users are Spanish-speaking.
    pub lang: Lang,
    /// ALTO ≤ 3 days, MEDIO ≤ 7 days, INFORMATIVO > 90 %.
    pub thresholds: Thresholds,
    /// The product named in email subjects and drafts.
    pub product_name: &'static str,
}

/// The protocol's defaults.
///
/// ```
/// use retention_worklist::DEFAULTS;
/// assert_eq!(DEFAULTS.thresholds.high_days, 3);
/// assert_eq!(DEFAULTS.product_name, "ImagineCRM");
/// ```
pub const DEFAULTS: Defaults = Defaults {
    lang: Lang::Es,
    thresholds: Thresholds {
        high_days: 3,
        medium_days: 7,
        usage_percent: 90.0,
    },
    product_name: "ImagineCRM",
};

impl Default for Thresholds {
    fn default() -> Self {
        DEFAULTS.thresholds
    }
}

impl Lang {
    /// The option value that selects this language (`es`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "es" | "es-es" | "es-mx" | "spanish" | "español" | "espanol" => Ok(Lang::Es),
            "en" | "en-us" | "en-gb" | "english" | "inglés" | "ingles" => Ok(Lang::En),
            _ => Err(Error::InvalidOption {
                option: OptionName::Lang,
                value: s.to_string(),
            }),
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
                option: OptionName::DateOrder,
                value: s.to_string(),
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

impl Thresholds {
    /// Checks the thresholds make sense together.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |option, value: String| Err(Error::InvalidOption { option, value });
        if !(0..=365).contains(&self.high_days) {
            return bad(OptionName::HighDays, self.high_days.to_string());
        }
        if self.medium_days < self.high_days || self.medium_days > 365 {
            return bad(OptionName::MediumDays, self.medium_days.to_string());
        }
        if !(self.usage_percent.is_finite()
            && self.usage_percent > 0.0
            && self.usage_percent < 1000.0)
        {
            return bad(OptionName::UsagePercent, self.usage_percent.to_string());
        }
        Ok(())
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
    /// Product name used in email subjects and drafts.
    pub product_name: String,
    /// The protocol's thresholds.
    pub thresholds: Thresholds,
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
            product_name: DEFAULTS.product_name.to_string(),
            thresholds: DEFAULTS.thresholds,
            date_order: None,
            columns: Vec::new(),
            sheet: None,
        }
    }

    /// Checks every option; the engine calls this before reading.
    pub fn validate(&self) -> Result<(), Error> {
        self.thresholds.validate()?;
        if self.product_name.trim().is_empty() || self.product_name.chars().count() > 100 {
            return Err(Error::InvalidOption {
                option: OptionName::ProductName,
                value: self.product_name.clone(),
            });
        }
        Ok(())
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

/// Options as a person gave them: each one optional, as typed. The CLI fills
/// it from its flags, the JavaScript API from its options object (camelCase
/// names; an unknown name is an error); [`RawOptions::resolve`] does the rest.
///
/// ```
/// use retention_worklist::{Environment, RawOptions};
/// let env = Environment { now: chrono::DateTime::UNIX_EPOCH, local_zone: None };
/// let mut raw = RawOptions { high_days: Some(2), as_of: Some("2026-11-26".into()), ..Default::default() };
/// raw.push_column_spec("trial_ends_at=\"Vence el\"").unwrap();
/// let o = raw.resolve(&env).unwrap();
/// assert_eq!((o.thresholds.high_days, o.thresholds.medium_days), (2, 7));
/// assert_eq!(o.columns[0].1, "Vence el");
/// let bad = RawOptions { medium_days: Some(1), ..Default::default() };
/// assert!(bad.resolve(&env).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RawOptions {
    /// `YYYY-MM-DD`; default: today in the zone.
    pub as_of: Option<String>,
    /// An IANA zone or an offset; default: the environment's zone, else UTC.
    pub tz: Option<String>,
    /// `es` or `en`; default [`DEFAULTS`].
    pub lang: Option<String>,
    /// The file name shown on the summary; default: none.
    pub file_name: Option<String>,
    /// The previous worklist's file name, shown on the summary; default: none.
    pub previous_file_name: Option<String>,
    /// Default [`DEFAULTS`].
    pub product_name: Option<String>,
    /// Default [`DEFAULTS`].
    pub high_days: Option<i64>,
    /// Default [`DEFAULTS`].
    pub medium_days: Option<i64>,
    /// Default [`DEFAULTS`].
    pub usage_percent: Option<f64>,
    /// `dmy` or `mdy`; default: detected.
    pub date_order: Option<String>,
    /// Field name (or alias) → header in the file, in the order given.
    #[serde(default, deserialize_with = "columns_from_map")]
    pub columns: Vec<(String, String)>,
    /// A workbook's sheet to read, by name; default: picked by its columns.
    pub sheet: Option<String>,
}

/// A JavaScript `columns: { field: header }` object, in key order.
fn columns_from_map<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    let map: Option<BTreeMap<String, String>> = Option::deserialize(d)?;
    Ok(map.unwrap_or_default().into_iter().collect())
}

/// `Some` text unless it is absent or blank (a cleared form field).
fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl RawOptions {
    /// The option names the JavaScript API accepts (the fields above;
    /// `previous`, the previous worklist's bytes, is the shell's, not an
    /// option the engine resolves).
    pub const KEYS: [&'static str; 12] = [
        "asOf",
        "tz",
        "lang",
        "fileName",
        "previousFileName",
        "productName",
        "highDays",
        "mediumDays",
        "usagePercent",
        "dateOrder",
        "columns",
        "sheet",
    ];

    /// Adds a `FIELD=HEADER` mapping as typed on the command line (quotes
    /// around the header are dropped).
    pub fn push_column_spec(&mut self, spec: &str) -> Result<(), Error> {
        let (field, header) = spec.split_once('=').ok_or_else(|| Error::InvalidOption {
            option: OptionName::ColumnSpec,
            value: spec.to_string(),
        })?;
        self.columns
            .push((field.to_string(), header.trim_matches('"').to_string()));
        Ok(())
    }

    /// The language to speak in, even when other options are wrong (an
    /// invalid `lang` speaks the default).
    pub fn message_lang(&self) -> Lang {
        given(&self.lang)
            .and_then(|l| l.parse().ok())
            .unwrap_or(DEFAULTS.lang)
    }

    /// Validates the options and fills in the defaults.
    pub fn resolve(&self, env: &Environment) -> Result<Options, Error> {
        let lang = given(&self.lang).map_or(Ok(DEFAULTS.lang), str::parse)?;
        let tz: ReportZone = match given(&self.tz) {
            Some(t) => t.parse()?,
            None => env
                .local_zone
                .as_deref()
                .and_then(|z| z.parse().ok())
                .unwrap_or_default(),
        };
        let as_of = match given(&self.as_of) {
            Some(d) => parse_as_of(d)?,
            None => tz.date_of(env.now),
        };
        let d = DEFAULTS.thresholds;
        let mut o = Options::new(as_of);
        o.tz = tz;
        o.lang = lang;
        o.file_name = self.file_name.clone().unwrap_or_default();
        o.previous_file_name = self.previous_file_name.clone().unwrap_or_default();
        if let Some(p) = &self.product_name {
            o.product_name = p.clone();
        }
        o.thresholds = Thresholds {
            high_days: self.high_days.unwrap_or(d.high_days),
            medium_days: self.medium_days.unwrap_or(d.medium_days),
            usage_percent: self.usage_percent.unwrap_or(d.usage_percent),
        };
        o.date_order = given(&self.date_order).map(str::parse).transpose()?;
        o.sheet = given(&self.sheet).map(str::to_string);
        for (field, header) in &self.columns {
            let f = Field::from_header(field).ok_or_else(|| Error::InvalidOption {
                option: OptionName::Column,
                value: field.clone(),
            })?;
            o.columns.push((f, header.clone()));
        }
        o.validate()?;
        Ok(o)
    }
}

/// Parses `YYYY-MM-DD` as given to `--as-of`.
pub fn parse_as_of(s: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| Error::InvalidOption {
        option: OptionName::AsOf,
        value: s.to_string(),
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
    fn every_javascript_key_is_a_field_and_no_other_is() {
        for k in RawOptions::KEYS {
            let json = if k == "columns" {
                format!("{{\"{k}\": {{}}}}")
            } else {
                format!("{{\"{k}\": null}}")
            };
            assert!(serde_json::from_str::<RawOptions>(&json).is_ok(), "{k}");
        }
        assert!(serde_json::from_str::<RawOptions>("{\"asof\": null}").is_err());
    }

    #[test]
    fn blank_text_means_not_given_and_defaults_fill_in() {
        let env = Environment {
            now: DateTime::from_timestamp(1_795_000_000, 0).unwrap(),
            local_zone: Some("America/Mexico_City".into()),
        };
        let raw = RawOptions {
            as_of: Some(" ".into()),
            date_order: Some(String::new()),
            ..Default::default()
        };
        let o = raw.resolve(&env).unwrap();
        assert_eq!(o.tz.to_string(), "America/Mexico_City");
        assert_eq!(o.as_of, o.tz.date_of(env.now));
        assert_eq!(o.date_order, None);
        assert_eq!(o.thresholds, DEFAULTS.thresholds);
        let raw = RawOptions {
            high_days: Some(5),
            medium_days: Some(2),
            ..Default::default()
        };
        assert_eq!(
            raw.resolve(&env).unwrap_err(),
            Error::InvalidOption {
                option: OptionName::MediumDays,
                value: "2".into()
            }
        );
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
