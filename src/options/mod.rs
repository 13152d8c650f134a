//! What a run is asked to do, resolved once: the report date, zone,
//! language, thresholds, column mappings.
//!
//! The shells fill a [`RawOptions`] (from flags, from a JavaScript object)
//! with what the person gave, as given; [`RawOptions::resolve`] validates it,
//! applies the defaults (declared once, in the options' table
//! [`crate::OPTIONS`]) and returns the [`Options`] a run uses. The core never
//! reads the clock or the system time zone: the shells pass "now" and "the
//! local zone" in an [`Environment`]. That is what makes the same input and
//! options give the same bytes everywhere.

mod bounds;
mod raw;
mod resolved;
mod zone;

pub use raw::{known_keys, RawOptions, RawValue};
pub use resolved::{parse_as_of, Environment, Options};
pub(crate) use zone::parse_offset;
pub use zone::ReportZone;

use crate::error::Error;
use crate::model::{DateOrder, Lang, OptionName, Thresholds, DEFAULTS};
use std::fmt;
use std::str::FromStr;

impl Default for Thresholds {
    fn default() -> Self {
        DEFAULTS.thresholds
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, NaiveDate};

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
    fn every_key_of_the_table_is_known_and_no_other_is() {
        for d in crate::model::OPTIONS {
            let value = match d.kind {
                crate::model::OptionKind::Columns => RawValue::Pairs(Vec::new()),
                _ => RawValue::Text(String::new()),
            };
            let raw = RawOptions::from_keys([(d.key, value)]).unwrap();
            assert!(raw.get(d.name).is_some(), "{}", d.key);
        }
        assert_eq!(known_keys().count(), crate::model::OPTIONS.len());
        for bad in ["asof", "AsOf", "high_days", "previous", ""] {
            assert_eq!(
                RawOptions::from_keys([(bad, RawValue::Text("1".into()))]),
                Err(Error::UnknownOption { name: bad.into() })
            );
        }
    }

    #[test]
    fn every_number_in_the_table_is_refused_past_its_bounds() {
        // Table-driven: an option added to `OPTIONS` is held to its own
        // bounds without code of its own in the resolver.
        use crate::model::{OptionKind, OPTIONS};
        let env = Environment {
            now: DateTime::UNIX_EPOCH,
            local_zone: None,
        };
        let resolve = |name, n: f64| RawOptions::default().with(name, n).resolve(&env);
        let mut checked = 0;
        for d in OPTIONS {
            let outside = match d.kind {
                OptionKind::Integer { min, max } => [min as f64 - 1.0, max as f64 + 1.0],
                OptionKind::Number { above, below } => [above, below],
                _ => continue,
            };
            for n in outside {
                assert!(
                    matches!(resolve(d.name, n), Err(Error::InvalidOption { option, .. }) if option == d.name),
                    "{}={n}",
                    d.key
                );
            }
            checked += 1;
        }
        assert!(checked >= 5, "{checked} numeric options");
    }

    #[test]
    fn numbers_come_as_numbers_or_text_and_nothing_else() {
        let env = Environment {
            now: DateTime::UNIX_EPOCH,
            local_zone: None,
        };
        let days = |v: RawValue| {
            RawOptions::default()
                .with(OptionName::HighDays, v)
                .resolve(&env)
                .map(|o| o.thresholds.high_days)
        };
        assert_eq!(days(RawValue::Number(2.0)), Ok(2));
        assert_eq!(days(RawValue::Text(" 2 ".into())), Ok(2));
        for bad in [
            RawValue::Number(2.5),
            RawValue::Text("dos".into()),
            RawValue::Pairs(vec![]),
        ] {
            assert!(matches!(
                days(bad),
                Err(Error::InvalidOption {
                    option: OptionName::HighDays,
                    ..
                })
            ));
        }
        let tz = RawOptions::default()
            .with(OptionName::Tz, 5.0)
            .resolve(&env);
        assert!(matches!(
            tz,
            Err(Error::InvalidOption {
                option: OptionName::Tz,
                ..
            })
        ));
    }

    #[test]
    fn blank_text_means_not_given_and_defaults_fill_in() {
        let env = Environment {
            now: DateTime::from_timestamp(1_795_000_000, 0).unwrap(),
            local_zone: Some("America/Mexico_City".into()),
        };
        let raw = RawOptions::default()
            .with(OptionName::AsOf, " ")
            .with(OptionName::DateOrder, "");
        let o = raw.resolve(&env).unwrap();
        assert_eq!(o.tz.to_string(), "America/Mexico_City");
        assert_eq!(o.as_of, o.tz.date_of(env.now));
        assert_eq!(o.date_order, None);
        assert_eq!(o.thresholds, DEFAULTS.thresholds);
        let raw = RawOptions::default()
            .with(OptionName::HighDays, 5)
            .with(OptionName::MediumDays, 2);
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
