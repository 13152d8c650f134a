//! The options a person sets, declared once: [`OPTIONS`].
//!
//! Each option is one row of the table below: its name ([`OptionName`], also
//! the key of its words in `text::options`), its JavaScript key, its command
//! line flag, what kind of value it takes (with its range) and its default.
//! From that table come the CLI's flags (`cli::args`), the JavaScript API's
//! known keys and its parsing ([`crate::RawOptions`]), and the page's
//! settings form (`engine_info().options`). Adding an option is one row here
//! plus its words; the engine reads its value from [`crate::Options`].

use super::lang::Lang;
use super::signal::{Deadlines, Thresholds};

/// What kind of value an option takes, and its bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OptionKind {
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A time zone: an IANA name or a UTC offset.
    Zone,
    /// One of a few words (`es`/`en`, `dmy`/`mdy`).
    Choice(&'static [&'static str]),
    /// A whole number from `min` to `max`, both included.
    Integer {
        /// The smallest value allowed.
        min: i64,
        /// The largest value allowed.
        max: i64,
    },
    /// A number strictly between `above` and `below`.
    Number {
        /// Every value must be greater than this.
        above: f64,
        /// Every value must be smaller than this.
        below: f64,
    },
    /// A name: text of 1 to `max_chars` characters, not blank.
    Name {
        /// The most characters allowed.
        max_chars: usize,
    },
    /// Any text.
    Text,
    /// `FIELD=HEADER` pairs: hand-made column mappings (repeatable).
    Columns,
}

/// An option's value when it is not given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OptionDefault {
    /// A fixed number.
    Integer(i64),
    /// A fixed number with decimals.
    Number(f64),
    /// A fixed text.
    Text(&'static str),
    /// Decided by the run: today, the local zone, detected from the data,
    /// the input's name, or nothing.
    FromRun,
}

/// Where the page shows an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionPlace {
    /// A field of the settings form.
    Settings,
    /// Elsewhere (the language switch, the file inputs, the mapping panel)
    /// or not at all.
    Elsewhere,
}

/// One option: everything the shells need to offer it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptionDef {
    /// Its name, the key of its words.
    pub name: OptionName,
    /// The JavaScript API's name (`highDays`).
    pub key: &'static str,
    /// The command line's flag without `--` (`high-days`); `None` when the
    /// CLI sets it itself (the previous worklist's file name).
    pub flag: Option<&'static str>,
    /// What the command line's help shows for its value (`DAYS`).
    pub value_name: &'static str,
    /// What it takes.
    pub kind: OptionKind,
    /// Its default.
    pub default: OptionDefault,
    /// Where the page shows it.
    pub place: OptionPlace,
}

macro_rules! option_table {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident {
            key: $key:literal,
            flag: $flag:expr,
            value_name: $value_name:literal,
            kind: $kind:expr,
            default: $default:expr,
            place: $place:ident $(,)?
        }
    )*) => {
        /// An option a person sets (a CLI flag, a JavaScript option, a page
        /// field); its row in [`OPTIONS`] says everything else.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum OptionName {
            $( $(#[doc = $doc])* $name, )*
        }

        /// Every option, in the order the CLI's help and the page's settings
        /// show them; `OPTIONS[name as usize].name == name`.
        pub const OPTIONS: &[OptionDef] = &[
            $( OptionDef {
                name: OptionName::$name,
                key: $key,
                flag: $flag,
                value_name: $value_name,
                kind: $kind,
                default: $default,
                place: OptionPlace::$place,
            }, )*
        ];
    };
}

use OptionDefault::FromRun;
use OptionKind::*;

option_table! {
    /// The report date: "today" for the worklist.
    AsOf { key: "asOf", flag: Some("as-of"), value_name: "YYYY-MM-DD", kind: Date, default: FromRun, place: Settings }
    /// The report's time zone.
    Tz { key: "tz", flag: Some("tz"), value_name: "ZONE", kind: Zone, default: FromRun, place: Settings }
    /// How to read `NN/NN/YYYY` dates.
    DateOrder { key: "dateOrder", flag: Some("date-order"), value_name: "dmy|mdy", kind: Choice(&["dmy", "mdy"]), default: FromRun, place: Settings }
    /// ALTO's window in days.
    HighDays { key: "highDays", flag: Some("high-days"), value_name: "DAYS", kind: Integer { min: 0, max: 365 }, default: OptionDefault::Integer(3), place: Settings }
    /// MEDIO's window in days.
    MediumDays { key: "mediumDays", flag: Some("medium-days"), value_name: "DAYS", kind: Integer { min: 0, max: 365 }, default: OptionDefault::Integer(7), place: Settings }
    /// INFORMATIVO's usage threshold, in percent.
    UsagePercent { key: "usagePercent", flag: Some("usage-percent"), value_name: "PERCENT", kind: Number { above: 0.0, below: 1000.0 }, default: OptionDefault::Number(90.0), place: Settings }
    /// A CRÍTICO still at its first Estado this many days after it appeared
    /// on the list is overdue.
    CriticalOverdueDays { key: "criticalOverdueDays", flag: Some("critical-overdue-days"), value_name: "DAYS", kind: Integer { min: 1, max: 365 }, default: OptionDefault::Integer(1), place: Settings }
    /// An ALTO still at its first Estado this many days after it appeared on
    /// the list is overdue.
    HighOverdueDays { key: "highOverdueDays", flag: Some("high-overdue-days"), value_name: "DAYS", kind: Integer { min: 1, max: 365 }, default: OptionDefault::Integer(2), place: Settings }
    /// The product named in email subjects and drafts.
    ProductName { key: "productName", flag: Some("product-name"), value_name: "NAME", kind: Name { max_chars: 100 }, default: OptionDefault::Text("ImagineCRM"), place: Settings }
    /// The language of the workbook and messages.
    Lang { key: "lang", flag: Some("lang"), value_name: "es|en", kind: Choice(&["es", "en"]), default: OptionDefault::Text("es"), place: Elsewhere }
    /// The export's file name, shown on the summary.
    FileName { key: "fileName", flag: Some("file-name"), value_name: "NAME", kind: Text, default: FromRun, place: Elsewhere }
    /// The previous worklist's file name, shown on the summary.
    PreviousFileName { key: "previousFileName", flag: None, value_name: "NAME", kind: Text, default: FromRun, place: Elsewhere }
    /// Today's own earlier worklist's file name, shown on the summary.
    SameDayFileName { key: "sameDayFileName", flag: None, value_name: "NAME", kind: Text, default: FromRun, place: Elsewhere }
    /// A workbook's sheet to read.
    Sheet { key: "sheet", flag: Some("sheet"), value_name: "NAME", kind: Text, default: FromRun, place: Elsewhere }
    /// Hand-made column mappings.
    Columns { key: "columns", flag: Some("column"), value_name: "FIELD=HEADER", kind: Columns, default: FromRun, place: Elsewhere }
}

impl OptionName {
    /// The option's row in [`OPTIONS`].
    pub const fn def(self) -> &'static OptionDef {
        &OPTIONS[self as usize]
    }

    /// The JavaScript API's name (`highDays`).
    pub const fn key(self) -> &'static str {
        self.def().key
    }

    /// The command line's flag without `--` (`high-days`); the JavaScript
    /// key for an option the CLI does not take.
    pub const fn flag(self) -> &'static str {
        match self.def().flag {
            Some(f) => f,
            None => self.key(),
        }
    }

    /// The option with this JavaScript key.
    pub fn from_key(key: &str) -> Option<OptionName> {
        OPTIONS.iter().find(|d| d.key == key).map(|d| d.name)
    }
}

const fn integer_default(name: OptionName) -> i64 {
    match name.def().default {
        OptionDefault::Integer(n) => n,
        _ => panic!("the option's default is not a whole number"),
    }
}

const fn number_default(name: OptionName) -> f64 {
    match name.def().default {
        OptionDefault::Number(n) => n,
        _ => panic!("the option's default is not a number"),
    }
}

const fn text_default(name: OptionName) -> &'static str {
    match name.def().default {
        OptionDefault::Text(t) => t,
        _ => panic!("the option's default is not a text"),
    }
}

const fn lang_default() -> Lang {
    match Lang::from_code(text_default(OptionName::Lang)) {
        Some(lang) => lang,
        None => panic!("the default language is not es or en"),
    }
}

/// The protocol's defaults, as typed values (read from [`OPTIONS`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Defaults {
    /// Spanish: the users are Spanish-speaking.
    pub lang: Lang,
    /// ALTO ≤ 3 days, MEDIO ≤ 7 days, INFORMATIVO > 90 %.
    pub thresholds: Thresholds,
    /// A CRÍTICO is overdue a day after it appeared, an ALTO two.
    pub deadlines: Deadlines,
    /// The product named in email subjects and drafts.
    pub product_name: &'static str,
}

/// The protocol's defaults: the values of [`OPTIONS`]' defaults.
///
/// ```
/// use retention_worklist::DEFAULTS;
/// assert_eq!(DEFAULTS.thresholds.high_days, 3);
/// assert_eq!(DEFAULTS.product_name, "ImagineCRM");
/// ```
pub const DEFAULTS: Defaults = Defaults {
    lang: lang_default(),
    thresholds: Thresholds {
        high_days: integer_default(OptionName::HighDays),
        medium_days: integer_default(OptionName::MediumDays),
        usage_percent: number_default(OptionName::UsagePercent),
    },
    deadlines: Deadlines {
        critical_days: integer_default(OptionName::CriticalOverdueDays),
        high_days: integer_default(OptionName::HighOverdueDays),
    },
    product_name: text_default(OptionName::ProductName),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_is_at_its_names_place_and_keys_and_flags_are_unique() {
        for (i, d) in OPTIONS.iter().enumerate() {
            assert_eq!(d.name as usize, i, "{:?}", d.name);
            assert_eq!(OptionName::from_key(d.key), Some(d.name));
        }
        let mut keys: Vec<_> = OPTIONS.iter().map(|d| d.key).collect();
        let mut flags: Vec<_> = OPTIONS.iter().filter_map(|d| d.flag).collect();
        let (k, f) = (keys.len(), flags.len());
        keys.sort_unstable();
        keys.dedup();
        flags.sort_unstable();
        flags.dedup();
        assert_eq!((keys.len(), flags.len()), (k, f));
    }

    #[test]
    fn defaults_are_within_their_own_bounds() {
        for d in OPTIONS {
            match (d.kind, d.default) {
                (OptionKind::Integer { min, max }, OptionDefault::Integer(n)) => {
                    assert!((min..=max).contains(&n), "{:?}", d.name)
                }
                (OptionKind::Number { above, below }, OptionDefault::Number(n)) => {
                    assert!(n > above && n < below, "{:?}", d.name)
                }
                (OptionKind::Choice(words), OptionDefault::Text(t)) => {
                    assert!(words.contains(&t), "{:?}", d.name)
                }
                (OptionKind::Name { max_chars }, OptionDefault::Text(t)) => {
                    assert!(!t.is_empty() && t.chars().count() <= max_chars)
                }
                (_, OptionDefault::FromRun) => {}
                (kind, default) => panic!("{:?}: {kind:?} with {default:?}", d.name),
            }
        }
    }
}
