//! The fields the engine understands, and the headers that name them.
//!
//! Headers are matched by meaning, not spelling: case, accents, surrounding
//! spaces and the choice between space, hyphen and underscore do not matter,
//! and each field has Spanish and English aliases (the one list of them).

use serde::Serialize;

/// A field the engine understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The tenant's id.
    TenantId,
    /// The tenant (company) name.
    TenantName,
    /// The account owner's name.
    OwnerName,
    /// The owner's email.
    OwnerEmail,
    /// The owner's phone.
    OwnerPhone,
    /// The assigned account executive.
    AccountExecutive,
    /// The subscription plan.
    Plan,
    /// The (Stripe) subscription status.
    SubscriptionStatus,
    /// When the trial ends.
    TrialEndsAt,
    /// Whether the last payment failed (a flag).
    PaymentFailed,
    /// The last payment's status word.
    LastPaymentStatus,
    /// Messages used this month.
    MessagesUsed,
    /// The monthly message limit.
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
                "fin_del_trial",
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

/// Folds a header for matching: lowercase, no accents, no surrounding
/// spaces, and runs of space / `-` / `_` / `.` as one `_`.
///
/// ```
/// use retention_worklist::normalize_header;
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
}
