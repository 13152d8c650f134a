//! Step 3 of reading: which column holds which field.
//!
//! Headers are matched by meaning, not spelling: case, accents, surrounding
//! spaces and the choice between space, hyphen and underscore do not matter,
//! and each field has Spanish and English aliases. Unknown columns are kept
//! aside and listed in the summary so nobody wonders where a column went.

use crate::error::Error;
use serde::Serialize;
use std::str::FromStr;

/// A field the engine understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    TenantId,
    TenantName,
    OwnerName,
    OwnerEmail,
    OwnerPhone,
    AccountExecutive,
    Plan,
    SubscriptionStatus,
    TrialEndsAt,
    PaymentFailed,
    LastPaymentStatus,
    MessagesUsed,
    MessagesLimit,
}

impl Field {
    /// Every field, in the order of the documentation.
    pub const ALL: [Field; 13] = [
        Field::TenantId,
        Field::TenantName,
        Field::OwnerName,
        Field::OwnerEmail,
        Field::OwnerPhone,
        Field::AccountExecutive,
        Field::Plan,
        Field::SubscriptionStatus,
        Field::TrialEndsAt,
        Field::PaymentFailed,
        Field::LastPaymentStatus,
        Field::MessagesUsed,
        Field::MessagesLimit,
    ];

    /// The canonical (English) column name.
    pub fn name(self) -> &'static str {
        self.names()[0]
    }

    /// Canonical name first, then the accepted aliases (already normalised).
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Field::TenantId => &["tenant_id", "id", "id_tenant"],
            Field::TenantName => &[
                "tenant_name",
                "tenant",
                "name",
                "company",
                "empresa",
                "nombre",
                "nombre_tenant",
                "cuenta",
            ],
            Field::OwnerName => &[
                "owner_name",
                "owner",
                "propietario",
                "contacto",
                "nombre_owner",
            ],
            Field::OwnerEmail => &[
                "owner_email",
                "email",
                "correo",
                "correo_owner",
                "email_owner",
            ],
            Field::OwnerPhone => &["owner_phone", "phone", "telefono", "celular", "whatsapp"],
            Field::AccountExecutive => &[
                "account_executive",
                "account_manager",
                "csm",
                "ejecutivo",
                "ejecutivo_cuenta",
                "ejecutivo_asignado",
            ],
            Field::Plan => &["plan", "plan_name", "nombre_plan"],
            Field::SubscriptionStatus => &[
                "subscription_status",
                "status",
                "stripe_status",
                "estado",
                "estado_suscripcion",
            ],
            Field::TrialEndsAt => &[
                "trial_ends_at",
                "trial_end",
                "trial_ends",
                "fin_trial",
                "fecha_fin_trial",
                "trial_vence",
            ],
            Field::PaymentFailed => &["payment_failed", "failed_payment", "pago_fallido"],
            Field::LastPaymentStatus => &[
                "last_payment_status",
                "payment_status",
                "estado_pago",
                "ultimo_pago",
            ],
            Field::MessagesUsed => &[
                "messages_used",
                "messages_sent",
                "mensajes_usados",
                "mensajes_enviados",
                "uso_mensajes",
            ],
            Field::MessagesLimit => &[
                "messages_limit",
                "message_limit",
                "limite_mensajes",
                "cuota_mensajes",
            ],
        }
    }

    /// The field's label in the workbook language (for problem reports).
    pub fn label(self, lang: crate::Lang) -> &'static str {
        crate::text::field_label(self, lang)
    }

    /// Finds the field a (raw) header names, if any.
    ///
    /// ```
    /// use retention_worklist::Field;
    /// assert_eq!(Field::from_header("  Fecha-Fin Trial "), Some(Field::TrialEndsAt));
    /// assert_eq!(Field::from_header("TELÉFONO"), Some(Field::OwnerPhone));
    /// assert_eq!(Field::from_header("Notas internas"), None);
    /// ```
    pub fn from_header(header: &str) -> Option<Field> {
        let key = normalize_header(header);
        Field::ALL
            .into_iter()
            .find(|f| f.names().contains(&key.as_str()))
    }
}

impl FromStr for Field {
    type Err = Error;
    fn from_str(s: &str) -> Result<Field, Error> {
        Field::from_header(s).ok_or_else(|| Error::InvalidOption {
            option: "column",
            value: s.to_string(),
            expected: [
                "un nombre de campo como trial_ends_at, tenant_id, owner_email, messages_used",
                "a field name such as trial_ends_at, tenant_id, owner_email, messages_used",
            ],
        })
    }
}

/// Folds a header for matching: lowercase, no accents, no surrounding
/// spaces, and runs of space / `-` / `_` / `.` as one `_`.
///
/// ```
/// use retention_worklist::read::columns::normalize_header;
/// assert_eq!(normalize_header(" Límite de  Mensajes "), "limite_de_mensajes");
/// assert_eq!(normalize_header("Estado-Suscripción"), "estado_suscripcion");
/// ```
pub fn normalize_header(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut pending_sep = false;
    for c in header
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}' || c == '"')
        .chars()
    {
        if c.is_whitespace() || matches!(c, '-' | '_' | '.') {
            pending_sep = !out.is_empty();
            continue;
        }
        if pending_sep {
            out.push('_');
            pending_sep = false;
        }
        for l in c.to_lowercase() {
            out.push(fold_accent(l));
        }
    }
    out
}

/// Removes the accent from the Latin letters Spanish and Portuguese use.
fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'ã' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        _ => c,
    }
}

/// Where each field is in the table, and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    index: [Option<usize>; 13],
    /// The header text of each recognised field, in field order.
    pub found: Vec<(Field, String)>,
    /// Header cells that matched no field (empty ones are shown by position).
    pub unknown: Vec<String>,
    /// Header cells that named a field already taken by an earlier column.
    pub duplicates: Vec<String>,
}

impl ColumnMap {
    /// Maps header cells to fields, applying hand-made mappings first.
    pub fn resolve(headers: &[&str], overrides: &[(Field, String)]) -> Result<ColumnMap, Error> {
        let mut map = ColumnMap::default();
        let mut taken = vec![false; headers.len()];
        for (field, wanted) in overrides {
            let key = normalize_header(wanted);
            let pos = headers
                .iter()
                .position(|h| normalize_header(h) == key)
                .ok_or_else(|| Error::MappedColumnMissing {
                    field: field.name().to_string(),
                    header: wanted.clone(),
                })?;
            map.index[*field as usize] = Some(pos);
            taken[pos] = true;
        }
        for (i, h) in headers.iter().enumerate() {
            if taken[i] {
                continue;
            }
            match Field::from_header(h) {
                Some(f) if map.index[f as usize].is_none() => map.index[f as usize] = Some(i),
                Some(_) => map.duplicates.push(h.trim().to_string()),
                None if h.trim().is_empty() => map.unknown.push(format!("#{}", i + 1)),
                None => map.unknown.push(h.trim().to_string()),
            }
        }
        map.found = Field::ALL
            .iter()
            .filter_map(|&f| map.index[f as usize].map(|i| (f, headers[i].trim().to_string())))
            .collect();
        Ok(map)
    }

    /// The column index of a field.
    pub fn get(&self, field: Field) -> Option<usize> {
        self.index[field as usize]
    }

    /// Whether the file has this field.
    pub fn has(&self, field: Field) -> bool {
        self.get(field).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_alias_matches_its_field() {
        for f in Field::ALL {
            for n in f.names() {
                assert_eq!(Field::from_header(n), Some(f), "{n}");
                let shouted = n.replace('_', " ").to_uppercase();
                assert_eq!(Field::from_header(&shouted), Some(f), "{shouted}");
            }
        }
    }

    #[test]
    fn no_alias_is_shared_between_fields() {
        let mut all: Vec<&str> = Field::ALL
            .iter()
            .flat_map(|f| f.names().iter().copied())
            .collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
    }

    #[test]
    fn spanish_headers_with_accents() {
        let h = [
            "ID",
            "Empresa",
            "Teléfono",
            "Límite Mensajes",
            "Fecha Fin Trial",
            "Estado Suscripción",
            "Último Pago",
        ];
        let m = ColumnMap::resolve(&h, &[]).unwrap();
        assert_eq!(m.get(Field::TenantId), Some(0));
        assert_eq!(m.get(Field::TenantName), Some(1));
        assert_eq!(m.get(Field::OwnerPhone), Some(2));
        assert_eq!(m.get(Field::MessagesLimit), Some(3));
        assert_eq!(m.get(Field::TrialEndsAt), Some(4));
        assert_eq!(m.get(Field::SubscriptionStatus), Some(5));
        assert_eq!(m.get(Field::LastPaymentStatus), Some(6));
        assert!(m.unknown.is_empty());
    }

    #[test]
    fn unknown_empty_and_duplicate_headers_are_listed() {
        let m = ColumnMap::resolve(&["id", "Notas", "", "tenant_id"], &[]).unwrap();
        assert_eq!(m.get(Field::TenantId), Some(0));
        assert_eq!(m.unknown, vec!["Notas".to_string(), "#3".to_string()]);
        assert_eq!(m.duplicates, vec!["tenant_id".to_string()]);
    }

    #[test]
    fn overrides_take_a_column_by_hand() {
        let o = vec![(Field::TrialEndsAt, "Vence el".to_string())];
        let m = ColumnMap::resolve(&["id", "vence el", "trial_end"], &o).unwrap();
        assert_eq!(m.get(Field::TrialEndsAt), Some(1));
        assert_eq!(m.duplicates, vec!["trial_end".to_string()]);
        let o = vec![(Field::TrialEndsAt, "No existe".to_string())];
        assert!(matches!(
            ColumnMap::resolve(&["id"], &o),
            Err(Error::MappedColumnMissing { .. })
        ));
    }
}
