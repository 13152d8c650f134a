//! An option's value against the bounds its row of the options' table
//! ([`OPTIONS`](crate::OPTIONS)) sets.

use crate::error::Error;
use crate::model::{OptionKind, OptionName};

/// The error for an option's value, as typed.
pub(super) fn invalid_text(option: OptionName, value: &str) -> Error {
    Error::InvalidOption {
        option,
        value: value.to_string(),
    }
}

/// Checks a value against its option's bounds in the table.
pub(super) fn check_integer(option: OptionName, n: i64) -> Result<(), Error> {
    match option.def().kind {
        OptionKind::Integer { min, max } if !(min..=max).contains(&n) => {
            Err(invalid_text(option, &n.to_string()))
        }
        _ => Ok(()),
    }
}

/// Checks a value against its option's bounds in the table.
pub(super) fn check_number(option: OptionName, n: f64) -> Result<(), Error> {
    match option.def().kind {
        OptionKind::Number { above, below } if !(n.is_finite() && n > above && n < below) => {
            Err(invalid_text(option, &n.to_string()))
        }
        _ => Ok(()),
    }
}

/// Checks a name against its option's bounds in the table.
pub(super) fn check_name(option: OptionName, s: &str) -> Result<(), Error> {
    match option.def().kind {
        OptionKind::Name { max_chars } if s.trim().is_empty() || s.chars().count() > max_chars => {
            Err(invalid_text(option, s))
        }
        _ => Ok(()),
    }
}
