//! Options as a person gave them, before they are checked: [`RawOptions`].

use super::bounds::{self, invalid_text};
use super::resolved::{parse_as_of, Environment, Options};
use super::zone::ReportZone;
use crate::error::Error;
use crate::model::{Deadlines, Field, Lang, OptionKind, OptionName, Thresholds, DEFAULTS, OPTIONS};
use std::collections::BTreeMap;

/// A value as a shell received it: typed text (a flag, a form field), a
/// number (a JavaScript number), or `FIELD=HEADER` pairs.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// Text as typed.
    Text(String),
    /// A number.
    Number(f64),
    /// Field → header pairs, in the order given.
    Pairs(Vec<(String, String)>),
}

impl From<&str> for RawValue {
    fn from(s: &str) -> Self {
        RawValue::Text(s.to_string())
    }
}

impl From<String> for RawValue {
    fn from(s: String) -> Self {
        RawValue::Text(s)
    }
}

impl From<f64> for RawValue {
    fn from(n: f64) -> Self {
        RawValue::Number(n)
    }
}

impl From<i64> for RawValue {
    fn from(n: i64) -> Self {
        RawValue::Number(n as f64)
    }
}

/// Options as a person gave them: each one optional, as typed, keyed by
/// [`OptionName`] (the options' one table is [`OPTIONS`]). The CLI fills it
/// from its flags, the JavaScript API from its options object (an unknown
/// key is an error); [`RawOptions::resolve`] checks it and fills in the
/// defaults.
///
/// ```
/// use retention_worklist::{Environment, OptionName, RawOptions};
/// let env = Environment { now: chrono::DateTime::UNIX_EPOCH, local_zone: None };
/// let mut raw = RawOptions::default()
///     .with(OptionName::HighDays, 2)
///     .with(OptionName::AsOf, "2026-11-26");
/// raw.push_column_spec("trial_ends_at=\"Vence el\"").unwrap();
/// let o = raw.resolve(&env).unwrap();
/// assert_eq!((o.thresholds.high_days, o.thresholds.medium_days), (2, 7));
/// assert_eq!(o.columns[0].1, "Vence el");
/// let bad = RawOptions::default().with(OptionName::MediumDays, 1);
/// assert!(bad.resolve(&env).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawOptions {
    values: BTreeMap<OptionName, RawValue>,
}

impl RawOptions {
    /// The options from `(JavaScript key, value)` pairs; an unknown key is
    /// [`Error::UnknownOption`].
    pub fn from_keys<K: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, RawValue)>,
    ) -> Result<RawOptions, Error> {
        let mut raw = RawOptions::default();
        for (key, value) in pairs {
            let key = key.as_ref();
            let name = OptionName::from_key(key).ok_or_else(|| Error::UnknownOption {
                name: key.to_string(),
            })?;
            raw.set(name, value);
        }
        Ok(raw)
    }

    /// Sets an option (replacing what was there).
    pub fn set(&mut self, name: OptionName, value: impl Into<RawValue>) {
        self.values.insert(name, value.into());
    }

    /// This, with an option set.
    pub fn with(mut self, name: OptionName, value: impl Into<RawValue>) -> RawOptions {
        self.set(name, value);
        self
    }

    /// The value given for an option, if any.
    pub fn get(&self, name: OptionName) -> Option<&RawValue> {
        self.values.get(&name)
    }

    /// Adds a `FIELD=HEADER` mapping as typed on the command line (quotes
    /// around the header are dropped).
    pub fn push_column_spec(&mut self, spec: &str) -> Result<(), Error> {
        let (field, header) = spec.split_once('=').ok_or_else(|| Error::InvalidOption {
            option: OptionName::Columns,
            value: spec.to_string(),
        })?;
        let pair = (field.to_string(), header.trim_matches('"').to_string());
        match self
            .values
            .entry(OptionName::Columns)
            .or_insert(RawValue::Pairs(Vec::new()))
        {
            RawValue::Pairs(pairs) => pairs.push(pair),
            other => *other = RawValue::Pairs(vec![pair]),
        }
        Ok(())
    }

    /// The text given, as typed.
    fn text(&self, name: OptionName) -> Result<Option<&str>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some(RawValue::Text(t)) => Ok(Some(t)),
            Some(other) => Err(invalid(name, other)),
        }
    }

    /// The text given, unless it is blank (a cleared form field).
    fn given(&self, name: OptionName) -> Result<Option<&str>, Error> {
        Ok(self.text(name)?.map(str::trim).filter(|s| !s.is_empty()))
    }

    /// A number given as a number or as text.
    fn number(&self, name: OptionName) -> Result<Option<f64>, Error> {
        self.parsed(name, Some)
    }

    /// A whole number given as a number or as text.
    fn integer(&self, name: OptionName) -> Result<Option<i64>, Error> {
        self.parsed(name, |n| {
            (n.fract() == 0.0 && n.abs() <= 1e15).then_some(n as i64)
        })
    }

    /// A value given as a JavaScript number (`from_number` says whether it is
    /// of the option's kind) or as text to parse.
    fn parsed<T: std::str::FromStr>(
        &self,
        name: OptionName,
        from_number: impl Fn(f64) -> Option<T>,
    ) -> Result<Option<T>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some(RawValue::Text(t)) => t
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| invalid_text(name, t)),
            Some(v @ RawValue::Number(n)) => {
                from_number(*n).map(Some).ok_or_else(|| invalid(name, v))
            }
            Some(other) => Err(invalid(name, other)),
        }
    }

    /// The language to speak in, even when other options are wrong (an
    /// invalid `lang` speaks the default).
    pub fn message_lang(&self) -> Lang {
        self.given(OptionName::Lang)
            .ok()
            .flatten()
            .and_then(|l| l.parse().ok())
            .unwrap_or(DEFAULTS.lang)
    }

    /// Validates the options and fills in the defaults.
    pub fn resolve(&self, env: &Environment) -> Result<Options, Error> {
        let lang = self
            .given(OptionName::Lang)?
            .map_or(Ok(DEFAULTS.lang), str::parse)?;
        let tz: ReportZone = match self.given(OptionName::Tz)? {
            Some(t) => t.parse()?,
            None => env
                .local_zone
                .as_deref()
                .and_then(|z| z.parse().ok())
                .unwrap_or_default(),
        };
        let as_of = match self.given(OptionName::AsOf)? {
            Some(d) => parse_as_of(d)?,
            None => tz.date_of(env.now),
        };
        let d = DEFAULTS.thresholds;
        let mut o = Options::new(as_of);
        o.tz = tz;
        o.lang = lang;
        let text = |name| self.text(name).map(|t| t.map(str::to_string));
        o.file_name = text(OptionName::FileName)?.unwrap_or_default();
        o.previous_file_name = text(OptionName::PreviousFileName)?.unwrap_or_default();
        o.same_day_file_name = text(OptionName::SameDayFileName)?.unwrap_or_default();
        if let Some(p) = text(OptionName::ProductName)? {
            o.product_name = p;
        }
        o.thresholds = Thresholds {
            high_days: self.integer(OptionName::HighDays)?.unwrap_or(d.high_days),
            medium_days: self
                .integer(OptionName::MediumDays)?
                .unwrap_or(d.medium_days),
            usage_percent: self
                .number(OptionName::UsagePercent)?
                .unwrap_or(d.usage_percent),
        };
        let dl = DEFAULTS.deadlines;
        o.deadlines = Deadlines {
            critical_days: self
                .integer(OptionName::CriticalOverdueDays)?
                .unwrap_or(dl.critical_days),
            high_days: self
                .integer(OptionName::HighOverdueDays)?
                .unwrap_or(dl.high_days),
        };
        o.date_order = self
            .given(OptionName::DateOrder)?
            .map(str::parse)
            .transpose()?;
        o.sheet = self.given(OptionName::Sheet)?.map(str::to_string);
        match self.get(OptionName::Columns) {
            None => {}
            Some(RawValue::Pairs(pairs)) => {
                for (field, header) in pairs {
                    let f = Field::from_header(field).ok_or_else(|| Error::InvalidOption {
                        option: OptionName::Columns,
                        value: field.clone(),
                    })?;
                    o.columns.push((f, header.clone()));
                }
            }
            Some(other) => return Err(invalid(OptionName::Columns, other)),
        }
        o.validate()?;
        self.check_against_table()?;
        Ok(o)
    }

    /// Every number or name given is of its kind and within the bounds of
    /// its row in [`OPTIONS`], whether or not the engine reads it above: an
    /// option added to the table is checked from its first day. (The words,
    /// dates and zones are checked by the parsing that reads them.)
    fn check_against_table(&self) -> Result<(), Error> {
        for &name in self.values.keys() {
            match name.def().kind {
                OptionKind::Integer { .. } => {
                    if let Some(n) = self.integer(name)? {
                        bounds::check_integer(name, n)?;
                    }
                }
                OptionKind::Number { .. } => {
                    if let Some(n) = self.number(name)? {
                        bounds::check_number(name, n)?;
                    }
                }
                OptionKind::Name { .. } => {
                    if let Some(t) = self.text(name)? {
                        bounds::check_name(name, t)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// The option's value is not of its kind.
fn invalid(option: OptionName, value: &RawValue) -> Error {
    let value = match value {
        RawValue::Text(t) => t.clone(),
        RawValue::Number(n) => n.to_string(),
        RawValue::Pairs(p) => p
            .iter()
            .map(|(f, h)| format!("{f}={h}"))
            .collect::<Vec<_>>()
            .join(", "),
    };
    Error::InvalidOption { option, value }
}

/// Every JavaScript key the engine knows, in the table's order.
pub fn known_keys() -> impl Iterator<Item = &'static str> {
    OPTIONS.iter().map(|d| d.key)
}
