//! The fields the engine understands, and the headers that name them.
//!
//! Headers are matched by meaning, not spelling: case, accents, surrounding
//! spaces and the choice between space, hyphen and underscore do not matter,
//! and each field has Spanish and English aliases (the one list of them).

use serde::Serialize;

listed_enum! {
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
        /// The subscription's monthly recurring revenue, already monthly.
        Mrr,
        /// The price per unit per billing interval (Stripe's `Amount`).
        Amount,
        /// Units (seats) billed.
        Quantity,
        /// The billing interval: month, year, week, day.
        Interval,
        /// Intervals per bill (every 3 months: 3).
        IntervalCount,
        /// The currency, an ISO 4217 code.
        Currency,
        /// Why the last payment was declined (Stripe's decline code).
        DeclineCode,
        /// The subscription ends at the end of its current period.
        CancelAtPeriodEnd,
        /// When the current period ends.
        CurrentPeriodEnd,
    }
    /// Every field, in the order of the documentation.
    const ALL;
}

impl Field {
    /// The canonical (English) column name.
    pub fn name(self) -> &'static str {
        self.names()[0]
    }

    /// Canonical name first, then the accepted aliases (already normalised).
    pub fn names(self) -> &'static [&'static str] {
        match self {
            // A customer is the tenant; billing systems' own `id` is the
            // subscription's, so their customer columns come first.
            Field::TenantId => &[
                "tenant_id",
                "id_tenant",
                "customer_id",
                "account_code",
                "customer_id_stripe",
                "id_cliente",
                "id",
            ],
            Field::TenantName => &[
                "tenant_name",
                "tenant",
                "name",
                "company",
                "empresa",
                "nombre",
                "nombre_tenant",
                "cuenta",
                "customer_name",
                "customer_description",
                "customer_company",
                "cliente",
            ],
            Field::OwnerName => &[
                "owner_name",
                "owner",
                "propietario",
                "contacto",
                "nombre_owner",
                "user_name",
            ],
            Field::OwnerEmail => &[
                "owner_email",
                "email",
                "correo",
                "correo_owner",
                "email_owner",
                "customer_email",
                "user_email",
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
            Field::Plan => &[
                "plan",
                "plan_name",
                "nombre_plan",
                "plan_code",
                "subscription_plan_id",
                "variant_name",
            ],
            Field::SubscriptionStatus => &[
                "subscription_status",
                "status",
                "stripe_status",
                "estado",
                "estado_suscripcion",
                "subscription_state",
                "state",
            ],
            Field::TrialEndsAt => &[
                "trial_ends_at",
                "trial_end",
                "trial_ends",
                "fin_trial",
                "fecha_fin_trial",
                "fin_del_trial",
                "trial_vence",
                "subscription_trial_end",
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
            Field::Mrr => &[
                "mrr",
                "monthly_recurring_revenue",
                "subscription_mrr",
                "ingreso_mensual",
            ],
            Field::Amount => &[
                "amount",
                "monto",
                "importe",
                "precio",
                "price",
                "unit_amount",
                "unit_price",
                "subscription_plan_unit_price_in_decimal",
                "plan_amount",
            ],
            Field::Quantity => &[
                "quantity",
                "cantidad",
                "seats",
                "licencias",
                "subscription_plan_quantity",
                "plan_quantity",
            ],
            Field::Interval => &[
                "interval",
                "intervalo",
                "billing_interval",
                "billing_period_unit",
                "plan_interval_unit",
                "periodo_de_facturacion",
                "frecuencia",
            ],
            Field::IntervalCount => &[
                "interval_count",
                "billing_period",
                "plan_interval_length",
                "intervalos",
            ],
            Field::Currency => &["currency", "moneda", "divisa", "currency_code"],
            Field::DeclineCode => &[
                "decline_code",
                "decline_reason",
                "failure_code",
                "failure_message",
                "motivo_de_rechazo",
                "motivo_rechazo",
                "codigo_de_rechazo",
            ],
            Field::CancelAtPeriodEnd => &[
                "cancel_at_period_end",
                "cancela_al_final_del_periodo",
                "cancelar_al_final_del_periodo",
            ],
            Field::CurrentPeriodEnd => &[
                "current_period_end",
                "fin_del_periodo",
                "fin_periodo_actual",
                "current_period_ends_at",
                "subscription_current_term_end",
            ],
        }
    }

    /// Finds the field a (raw) header names, if any. A trailing note in
    /// parentheses qualifies the column and is not part of its name
    /// (`Trial End (UTC)`, `ejecutivo (metadata)`: see [`split_note`]).
    ///
    /// ```
    /// use retention_worklist::Field;
    /// assert_eq!(Field::from_header("  Fecha-Fin Trial "), Some(Field::TrialEndsAt));
    /// assert_eq!(Field::from_header("TELÉFONO"), Some(Field::OwnerPhone));
    /// assert_eq!(Field::from_header("Trial End (UTC)"), Some(Field::TrialEndsAt));
    /// assert_eq!(Field::from_header("ejecutivo (metadata)"), Some(Field::AccountExecutive));
    /// assert_eq!(Field::from_header("subscription[status]"), Some(Field::SubscriptionStatus));
    /// assert_eq!(Field::from_header("Notas internas"), None);
    /// ```
    pub fn from_header(header: &str) -> Option<Field> {
        Field::rank_header(header).map(|(f, _)| f)
    }

    /// The field a header names and how strongly: when several columns name
    /// one field, the lowest rank feeds it (a custom-field column —
    /// `KEY (metadata)`, `custom_field_KEY` — after every real column, then
    /// by the alias's place in [`Field::names`]; the leftmost on a tie).
    pub fn rank_header(header: &str) -> Option<(Field, usize)> {
        let (base, note) = split_note(header);
        let mut key = normalize_header(base);
        let mut custom = note.is_some_and(|n| normalize_header(n) == "metadata");
        if let Some(rest) = key.strip_prefix("custom_field_") {
            key = rest.to_string();
            custom = true;
        }
        Field::ALL.into_iter().find_map(|f| {
            let at = f.names().iter().position(|n| *n == key)?;
            Some((f, at + if custom { 1_000 } else { 0 }))
        })
    }
}

/// A header's name and the note in parentheses at its end, if any:
/// `Trial End (UTC)` → (`Trial End`, `UTC`). The note qualifies the column
/// (the zone of its date-times, a custom field) and is not matched.
///
/// ```
/// use retention_worklist::split_note;
/// assert_eq!(split_note("Trial End (UTC-05:00) "), ("Trial End", Some("UTC-05:00")));
/// assert_eq!(split_note("(metadata)"), ("(metadata)", None));
/// assert_eq!(split_note("Plan"), ("Plan", None));
/// ```
pub fn split_note(header: &str) -> (&str, Option<&str>) {
    let t = header.trim();
    let split = t
        .strip_suffix(')')
        .and_then(|x| x.rsplit_once('('))
        .filter(|(base, _)| !base.trim().is_empty());
    match split {
        Some((base, note)) => (base.trim(), Some(note.trim())),
        None => (t, None),
    }
}

/// Folds a header for matching: lowercase, no accents, no surrounding
/// spaces, and runs of space / `-` / `_` / `.` / `[` / `]` as one `_`
/// (`subscription[trial_end]`, a billing system's import format, is
/// `subscription_trial_end`).
///
/// ```
/// use retention_worklist::normalize_header;
/// assert_eq!(normalize_header(" Límite de  Mensajes "), "limite_de_mensajes");
/// assert_eq!(normalize_header("Estado-Suscripción"), "estado_suscripcion");
/// assert_eq!(normalize_header("customer[email]"), "customer_email");
/// ```
pub fn normalize_header(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut pending_sep = false;
    for c in header
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}' || c == '"')
        .chars()
    {
        if c.is_whitespace() || matches!(c, '-' | '_' | '.' | '[' | ']') {
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
