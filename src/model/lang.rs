//! The language asked for.

use serde::Serialize;

/// Language of everything a person reads: workbook, summary, messages.
///
/// Which words each language uses is [`crate::text`]'s business; which names
/// select it (`es`, `en`, `español`…) is the option parser's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Spanish (the default language is the options' table's, [`DEFAULTS`](crate::DEFAULTS)).
    Es,
    /// English.
    En,
}

impl Lang {
    /// The option value that selects this language (`es`, `en`).
    pub const fn code(self) -> &'static str {
        match self {
            Self::Es => "es",
            Self::En => "en",
        }
    }

    /// The language an option value's code selects (`es`, `en`; the option
    /// parser also takes other names for them).
    pub const fn from_code(code: &str) -> Option<Lang> {
        match code.as_bytes() {
            b"es" => Some(Self::Es),
            b"en" => Some(Self::En),
            _ => None,
        }
    }
}
