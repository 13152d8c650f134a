//! Errors that stop a run, as data.
//!
//! Problems confined to one row or one field are *not* errors: they are
//! [`Problem`](crate::Problem)s, listed in the workbook, and the run goes on.
//! An [`Error`] is for input that cannot produce a worklist at all (empty,
//! binary, no recognisable column) and for invalid options. Each variant
//! carries what is needed to tell the person what went wrong and where; the
//! message is rendered in the report language by [`Error::message`].

use crate::options::Lang;
use std::fmt;

/// Why a run produced no workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input has no bytes (or only a byte-order mark / whitespace).
    EmptyInput,
    /// The input looks like a binary file (NUL bytes or mostly control
    /// characters), not a text export. `offset` is the first suspicious byte.
    BinaryInput { offset: usize },
    /// No header cell matched any known column. `headers` are the header
    /// cells found (first line of the table), to help the person fix it.
    NoKnownColumns { headers: Vec<String> },
    /// Neither a tenant id nor a tenant name column exists, so no row could
    /// ever be identified.
    NoIdentityColumn { headers: Vec<String> },
    /// Columns were recognised but none of the four rules has the columns it
    /// needs.
    NoRuleEvaluable { headers: Vec<String> },
    /// A `--column FIELD=HEADER` mapping names a header that is not in the file.
    MappedColumnMissing { field: String, header: String },
    /// An option has a value that cannot be used.
    InvalidOption {
        option: &'static str,
        value: String,
        /// What was expected, in Spanish and English.
        expected: [&'static str; 2],
    },
    /// The workbook could not be written (an internal limit of the XLSX
    /// writer). This should not happen with any input; it is reported rather
    /// than panicking.
    Render(String),
}

impl Error {
    /// The message shown to the person, in the report language.
    ///
    /// ```
    /// use retention_worklist::{Error, Lang};
    /// let e = Error::EmptyInput;
    /// assert!(e.message(Lang::Es).contains("vacío"));
    /// assert!(e.message(Lang::En).contains("empty"));
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        let list = |h: &[String]| {
            if h.is_empty() {
                if es {
                    "(ninguna)".to_string()
                } else {
                    "(none)".to_string()
                }
            } else {
                h.iter()
                    .take(30)
                    .map(|s| format!("«{}»", s))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        match self {
            Error::EmptyInput => if es {
                "El archivo está vacío: no contiene una fila de encabezados ni datos. Exporta los tenants como CSV con encabezados (por ejemplo tenant_id, tenant_name, trial_ends_at)."
            } else {
                "The file is empty: it has no header row and no data. Export the tenants as CSV with headers (for example tenant_id, tenant_name, trial_ends_at)."
            }
            .to_string(),
            Error::BinaryInput { offset } => if es {
                format!("El archivo no es un CSV de texto: contiene bytes binarios (el primero en la posición {offset}). ¿Es un .xlsx, un .zip o una imagen? Exporta los tenants como CSV.")
            } else {
                format!("The file is not a text CSV: it contains binary bytes (the first at byte {offset}). Is it an .xlsx, a .zip or an image? Export the tenants as CSV.")
            },
            Error::NoKnownColumns { headers } => if es {
                format!("Ninguna columna es reconocible. Encabezados encontrados en la línea 1: {}. Se esperaba al menos un identificador (tenant_id o tenant_name) y las columnas de una regla (p. ej. trial_ends_at, payment_failed, messages_used + messages_limit). Usa --column CAMPO=\"Encabezado\" para mapear una columna a mano.", list(headers))
            } else {
                format!("No column is recognisable. Headers found on line 1: {}. Expected at least an identifier (tenant_id or tenant_name) and one rule's columns (e.g. trial_ends_at, payment_failed, messages_used + messages_limit). Use --column FIELD=\"Header\" to map a column by hand.", list(headers))
            },
            Error::NoIdentityColumn { headers } => if es {
                format!("No hay columna de identificación del tenant (tenant_id o tenant_name, o sus alias id, empresa, nombre, cuenta…). Encabezados encontrados: {}.", list(headers))
            } else {
                format!("There is no tenant identity column (tenant_id or tenant_name, or aliases id, company, name, account…). Headers found: {}.", list(headers))
            },
            Error::NoRuleEvaluable { headers } => if es {
                format!("Ninguna regla se puede evaluar: faltan las columnas de pago (payment_failed, last_payment_status o subscription_status), de fin de trial (trial_ends_at) y de uso (messages_used + messages_limit). Encabezados encontrados: {}.", list(headers))
            } else {
                format!("No rule can be evaluated: the payment columns (payment_failed, last_payment_status or subscription_status), the trial end column (trial_ends_at) and the usage columns (messages_used + messages_limit) are all missing. Headers found: {}.", list(headers))
            },
            Error::MappedColumnMissing { field, header } => if es {
                format!("La columna «{header}» indicada para {field} no está en el archivo.")
            } else {
                format!("The column \"{header}\" given for {field} is not in the file.")
            },
            Error::InvalidOption { option, value, expected } => if es {
                format!("Valor no válido para {option}: «{value}». Se esperaba {}.", expected[0])
            } else {
                format!("Invalid value for {option}: \"{value}\". Expected {}.", expected[1])
            },
            Error::Render(detail) => if es {
                format!("No se pudo generar el XLSX: {detail}")
            } else {
                format!("Could not write the XLSX: {detail}")
            },
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}
