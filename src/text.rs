//! Every word a person reads, in Spanish and English.
//!
//! Kept in one place so that a translation is one file and so that the
//! workbook, the CLI summary and the page say the same thing.

use crate::classify::{Level, PaymentFailure, Signal};
use crate::options::Lang;
use crate::read::columns::Field;
use crate::read::values::Expected;
use chrono::NaiveDate;

/// The level's word as the protocol writes it (CRÍTICO…), or in English.
pub fn level_word(level: Level, lang: Lang) -> &'static str {
    match (lang, level) {
        (Lang::Es, Level::Critical) => "CRÍTICO",
        (Lang::Es, Level::High) => "ALTO",
        (Lang::Es, Level::Medium) => "MEDIO",
        (Lang::Es, Level::Info) => "INFORMATIVO",
        (Lang::En, Level::Critical) => "CRITICAL",
        (Lang::En, Level::High) => "HIGH",
        (Lang::En, Level::Medium) => "MEDIUM",
        (Lang::En, Level::Info) => "INFO",
    }
}

/// The level's emoji, as in the protocol.
pub fn level_emoji(level: Level) -> &'static str {
    match level {
        Level::Critical => "🔴",
        Level::High => "🟠",
        Level::Medium => "🟡",
        Level::Info => "🔵",
    }
}

/// Emoji and word, as shown in the `Nivel` column: `🔴 CRÍTICO`.
pub fn level_label(level: Level, lang: Lang) -> String {
    format!("{} {}", level_emoji(level), level_word(level, lang))
}

/// A field's name for people.
pub fn field_label(field: Field, lang: Lang) -> &'static str {
    let es = lang == Lang::Es;
    match field {
        Field::TenantId => "ID",
        Field::TenantName => "Tenant",
        Field::OwnerName => "Owner",
        Field::OwnerEmail => "Email",
        Field::OwnerPhone => {
            if es {
                "Teléfono"
            } else {
                "Phone"
            }
        }
        Field::AccountExecutive => {
            if es {
                "Ejecutivo"
            } else {
                "Account executive"
            }
        }
        Field::Plan => "Plan",
        Field::SubscriptionStatus => {
            if es {
                "Estado de suscripción"
            } else {
                "Subscription status"
            }
        }
        Field::TrialEndsAt => {
            if es {
                "Fin del trial"
            } else {
                "Trial end"
            }
        }
        Field::PaymentFailed => {
            if es {
                "Pago fallido"
            } else {
                "Payment failed"
            }
        }
        Field::LastPaymentStatus => {
            if es {
                "Estado del último pago"
            } else {
                "Last payment status"
            }
        }
        Field::MessagesUsed => {
            if es {
                "Mensajes usados"
            } else {
                "Messages used"
            }
        }
        Field::MessagesLimit => {
            if es {
                "Límite de mensajes"
            } else {
                "Message limit"
            }
        }
    }
}

/// What a cell should have contained.
pub fn expected_text(e: Expected, lang: Lang) -> String {
    let es = lang == Lang::Es;
    match e {
        Expected::Boolean => if es { "sí/no (true/false, 1/0, x o vacío)" } else { "yes/no (true/false, 1/0, x or empty)" }.into(),
        Expected::Count => if es { "un número entero ≥ 0 (se admite 9.400, 9,400 o 9 400)" } else { "a whole number ≥ 0 (9,400, 9.400 and 9 400 are accepted)" }.into(),
        Expected::Date => if es { "una fecha real: AAAA-MM-DD, DD/MM/AAAA o DD-MM-AAAA (con hora y zona opcionales)" } else { "a real date: YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY (time and offset optional)" }.into(),
        Expected::DateInOrder => if es { "una fecha válida en el orden de fechas del archivo (día/mes o mes/día)" } else { "a date valid in the file's date order (day/month or month/day)" }.into(),
        Expected::Status => if es { "un estado: trialing/prueba, active/activo, past_due, unpaid, incomplete, canceled/cancelado, paused" } else { "a status: trialing/trial, active, past_due, unpaid, incomplete, canceled, paused" }.into(),
        Expected::PaymentStatus => if es { "un estado de pago: failed/fallido, declined/rechazado, requires_payment_method, succeeded/pagado, pending/pendiente…" } else { "a payment status: failed, declined, requires_payment_method, succeeded, paid, pending…" }.into(),
        Expected::Identity => if es { "un ID o un nombre de tenant: la fila se rechazó" } else { "a tenant id or name: the row was rejected" }.into(),
        Expected::UniqueId => if es { "un ID que no se repita (ID duplicado; la fila se procesa igualmente)" } else { "an id that appears once (duplicated id; the row is still processed)" }.into(),
        Expected::Email => if es { "una dirección de email (nombre@dominio): se muestra sin enlace" } else { "an email address (name@domain): shown without a link" }.into(),
        Expected::CellLength => if es { "un texto de hasta 32.767 caracteres (límite de Excel): se cortó" } else { "text of at most 32,767 characters (Excel's limit): it was cut" }.into(),
        Expected::FieldCount { header_fields } => if es { format!("{header_fields} campos, como el encabezado") } else { format!("{header_fields} fields, like the header") },
        Expected::SwallowedLines { lines } => if es { format!("comillas cerradas en su sitio: este campo abarca {lines} línea(s) con forma de fila, que no se leyeron como filas; corrige las comillas y vuelve a exportar") } else { format!("quotes closed where they belong: this field spans {lines} line(s) shaped like rows, which were not read as rows; fix the quotes and export again") },
    }
}

/// A date as people read it: `25/11/2026` (es) or `2026-11-25` (en).
pub fn format_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Es => d.format("%d/%m/%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// A whole number with thousands separators: `9.400` (es), `9,400` (en).
pub fn format_int(n: u64, lang: Lang) -> String {
    let sep = if lang == Lang::Es { '.' } else { ',' };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Usage as a percentage with enough decimals to show it is above the
/// threshold: `94 %`, `90,1 %`, `90,01 %`.
pub fn format_usage(used: u64, limit: u64, threshold: f64, lang: Lang) -> String {
    let p = used as f64 * 100.0 / limit.max(1) as f64;
    let mut text = String::new();
    for decimals in 0..=3 {
        let scale = 10f64.powi(decimals);
        let shown = (p * scale).floor() / scale;
        text = format!("{:.*}", decimals as usize, shown);
        if shown > threshold || decimals == 3 {
            break;
        }
    }
    if lang == Lang::Es {
        text = text.replace('.', ",");
    }
    format!("{text} %")
}

/// When a trial ends, relative to the report date.
pub fn trial_when(days_left: i64, lang: Lang) -> String {
    match (lang, days_left) {
        (Lang::Es, 0) => "hoy".into(),
        (Lang::Es, 1) => "mañana".into(),
        (Lang::Es, d) if d > 1 => format!("en {d} días"),
        (Lang::Es, -1) => "hace 1 día".into(),
        (Lang::Es, d) => format!("hace {} días", -d),
        (Lang::En, 0) => "today".into(),
        (Lang::En, 1) => "tomorrow".into(),
        (Lang::En, d) if d > 1 => format!("in {d} days"),
        (Lang::En, -1) => "1 day ago".into(),
        (Lang::En, d) => format!("{} days ago", -d),
    }
}

/// The `Motivo` text of a signal: "Trial vence en 2 días (28/11/2026)".
pub fn reason(signal: &Signal, trial_end: Option<NaiveDate>, threshold: f64, lang: Lang) -> String {
    let es = lang == Lang::Es;
    match signal {
        Signal::PaymentFailed { reason } => {
            let why = match reason {
                PaymentFailure::Flag => {
                    if es {
                        "pago_fallido = sí".to_string()
                    } else {
                        "payment_failed = yes".to_string()
                    }
                }
                PaymentFailure::LastPayment(w) => {
                    if es {
                        format!("último pago: {w}")
                    } else {
                        format!("last payment: {w}")
                    }
                }
                PaymentFailure::Status(s) => s.as_str().to_string(),
            };
            if es {
                format!("Pago fallido ({why})")
            } else {
                format!("Payment failed ({why})")
            }
        }
        Signal::TrialEnding { days_left } => {
            let date = trial_end
                .map(|d| format!(" ({})", format_date(d, lang)))
                .unwrap_or_default();
            let when = trial_when(*days_left, lang);
            match (es, *days_left < 0) {
                (true, false) => format!("Trial vence {when}{date}"),
                (true, true) => format!("Trial vencido {when}{date}, sin convertir"),
                (false, false) => format!("Trial ends {when}{date}"),
                (false, true) => format!("Trial ended {when}{date}, not converted"),
            }
        }
        Signal::HighUsage { used, limit } => {
            let pct = format_usage(*used, *limit, threshold, lang);
            let nums = format!("{} / {}", format_int(*used, lang), format_int(*limit, lang));
            if es {
                format!("Uso de mensajes {pct} ({nums})")
            } else {
                format!("Message usage {pct} ({nums})")
            }
        }
    }
}

/// Sheet names.
pub struct SheetNames {
    pub worklist: &'static str,
    pub summary: &'static str,
    pub campaign: &'static str,
    pub protocol: &'static str,
    pub problems: &'static str,
}

/// The workbook's sheet names in a language.
pub fn sheet_names(lang: Lang) -> SheetNames {
    match lang {
        Lang::Es => SheetNames {
            worklist: "Worklist",
            summary: "Resumen",
            campaign: "Campaña",
            protocol: "Protocolo",
            problems: "Problemas",
        },
        Lang::En => SheetNames {
            worklist: "Worklist",
            summary: "Summary",
            campaign: "Campaign",
            protocol: "Protocol",
            problems: "Problems",
        },
    }
}

/// The worklist's column headers. The first 13 (who, why, what to do and
/// the tracking columns) are the printed part; the email material follows.
pub fn worklist_headers(lang: Lang) -> [&'static str; 20] {
    match lang {
        Lang::Es => [
            "Nivel",
            "Días",
            "ID",
            "Tenant",
            "Owner",
            "Teléfono",
            "Email",
            "Ejecutivo",
            "Plan",
            "Motivo",
            "Acción",
            "Estado",
            "Notas",
            "Fin del trial",
            "Uso de mensajes",
            "Asunto email",
            "Borrador email",
            "Objetivo",
            "Otras señales",
            "Línea",
        ],
        Lang::En => [
            "Level",
            "Days",
            "ID",
            "Tenant",
            "Owner",
            "Phone",
            "Email",
            "Account executive",
            "Plan",
            "Reason",
            "Action",
            "Status",
            "Notes",
            "Trial end",
            "Message usage",
            "Email subject",
            "Email draft",
            "Goal",
            "Other signals",
            "Line",
        ],
    }
}

/// The tracking states offered in the `Estado` drop-down; the first is the default.
pub fn tracking_states(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Es => ["Pendiente", "Contactado", "Resuelto", "Sin respuesta"],
        Lang::En => ["Pending", "Contacted", "Resolved", "No answer"],
    }
}

/// The campaign sheet's headers.
pub fn campaign_headers(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Es => [
            "Nombre",
            "Email",
            "Tenant",
            "ID",
            "Fin del trial",
            "Días restantes",
        ],
        Lang::En => ["Name", "Email", "Tenant", "ID", "Trial end", "Days left"],
    }
}

/// The problems sheet's headers.
pub fn problem_headers(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Es => ["Línea", "Tenant", "Columna", "Valor", "Se esperaba"],
        Lang::En => ["Line", "Tenant", "Column", "Value", "Expected"],
    }
}

/// Why a rule was not evaluated.
pub fn rule_not_evaluated(level: Level, lang: Lang) -> String {
    let es = lang == Lang::Es;
    match level {
        Level::Critical => if es { "CRÍTICO no evaluado: faltan las columnas payment_failed, last_payment_status y subscription_status" } else { "CRITICAL not evaluated: the payment_failed, last_payment_status and subscription_status columns are missing" },
        Level::High | Level::Medium => if es { "ALTO y MEDIO no evaluados: falta la columna trial_ends_at (fin del trial)" } else { "HIGH and MEDIUM not evaluated: the trial_ends_at column is missing" },
        Level::Info => if es { "INFORMATIVO no evaluado: faltan las columnas messages_used y/o messages_limit" } else { "INFO not evaluated: the messages_used and/or messages_limit columns are missing" },
    }
    .to_string()
}

/// The protocol, level by level, for the `Protocolo` sheet:
/// (level, trigger, actions, goal).
pub fn protocol(level: Level, lang: Lang, product: &str, th: &crate::Thresholds) -> [String; 3] {
    let es = lang == Lang::Es;
    let (h, m, u) = (th.high_days, th.medium_days, th.usage_percent);
    match level {
        Level::Critical => [
            if es {
                "Pago fallido: alerta del monitoreo de Stripe o revisión manual de webhooks fallidos.".into()
            } else {
                "Failed payment: a Stripe monitoring alert or a manual review of failed webhooks."
                    .into()
            },
            if es {
                format!("1. Contacto telefónico: el ejecutivo de cuenta asignado llama al owner del tenant inmediatamente.\n2. Email personalizado con el asunto «{}», explicando que la cuenta será suspendida y ofreciendo ayuda para actualizar el método de pago.", crate::plan::critical_subject(lang, product))
            } else {
                format!("1. Phone call: the assigned account executive calls the tenant's owner immediately.\n2. Personal email with the subject \"{}\", explaining that the account will be suspended and offering help to update the payment method.", crate::plan::critical_subject(lang, product))
            },
            goal(Level::Critical, lang).into(),
        ],
        Level::High => [
            if es {
                format!("Trial vence en ≤ {h} días (incluye trials ya vencidos sin convertir).")
            } else {
                format!("Trial ends in ≤ {h} days (including trials that already ended without converting).")
            },
            if es {
                "1. Email personalizado (no automatizado) del ejecutivo de cuenta: preguntar por la experiencia del trial, resolver dudas y recordar los beneficios de los planes de pago.\n2. Ofrecer extensión (opcional): si el cliente muestra interés pero no ha tenido tiempo de evaluar, el superadmin puede extender el trial 3-5 días más como gesto de buena voluntad.".into()
            } else {
                "1. Personal (not automated) email from the account executive: ask about the trial experience, resolve questions and recall the benefits of the paid plans.\n2. Offer an extension (optional): if the customer is interested but has not had time to evaluate, the superadmin can extend the trial by 3-5 days as a goodwill gesture.".into()
            },
            goal(Level::High, lang).into(),
        ],
        Level::Medium => [
            if es {
                format!("Trial vence en {}-{m} días.", h + 1)
            } else {
                format!("Trial ends in {}-{m} days.", h + 1)
            },
            if es {
                "1. Segmentación: añadir a la campaña de email automatizada «Última Semana de Trial» (casos de éxito, funciones avanzadas y una clara llamada a la acción para suscribirse). La hoja Campaña tiene la lista lista para importar.".into()
            } else {
                "1. Segmentation: add to the automated \"Last Trial Week\" email campaign (success stories, advanced features and a clear call to action to subscribe). The Campaign sheet has the list ready to import.".into()
            },
            goal(Level::Medium, lang).into(),
        ],
        Level::Info => [
            if es {
                format!("Más del {u}% del límite mensual de mensajes usado.")
            } else {
                format!("More than {u}% of the monthly message limit used.")
            },
            if es {
                format!(
                    "1. Notificación proactiva: enviar el email informativo «{}»",
                    crate::plan::usage_sentence(lang, product, u)
                )
            } else {
                format!(
                    "1. Proactive notice: send the informative email \"{}\"",
                    crate::plan::usage_sentence(lang, product, u)
                )
            },
            goal(Level::Info, lang).into(),
        ],
    }
}

/// The protocol's goal for a level.
pub fn goal(level: Level, lang: Lang) -> &'static str {
    match (lang, level) {
        (Lang::Es, Level::Critical) => "Recuperar el pago antes de que la suspensión automática impacte la operación del cliente.",
        (Lang::Es, Level::High) => "Conversión. Resolver las últimas barreras para que el cliente se suscriba.",
        (Lang::Es, Level::Medium) => "Nutrir. Mantener el interés y guiar al cliente hacia la decisión de compra sin ser intrusivo.",
        (Lang::Es, Level::Info) => "Upselling. Generar ingresos adicionales y mejorar la experiencia del cliente al evitar que se tope con un límite.",
        (Lang::En, Level::Critical) => "Recover the payment before the automatic suspension hits the customer's operation.",
        (Lang::En, Level::High) => "Conversion. Remove the last barriers so the customer subscribes.",
        (Lang::En, Level::Medium) => "Nurture. Keep the interest and guide the customer towards buying without being intrusive.",
        (Lang::En, Level::Info) => "Upselling. Generate additional revenue and improve the customer's experience by keeping them from hitting a limit.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates() {
        assert_eq!(format_int(9400, Lang::Es), "9.400");
        assert_eq!(format_int(10_000, Lang::En), "10,000");
        assert_eq!(format_int(999, Lang::Es), "999");
        assert_eq!(format_int(1_234_567, Lang::Es), "1.234.567");
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(format_date(d, Lang::Es), "25/11/2026");
        assert_eq!(format_date(d, Lang::En), "2026-11-25");
    }

    #[test]
    fn usage_shows_enough_decimals_to_be_above_the_threshold() {
        assert_eq!(format_usage(9400, 10_000, 90.0, Lang::Es), "94 %");
        assert_eq!(format_usage(9010, 10_000, 90.0, Lang::Es), "90,1 %");
        assert_eq!(format_usage(9001, 10_000, 90.0, Lang::En), "90.01 %");
    }

    #[test]
    fn reasons() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 28);
        let s = Signal::TrialEnding { days_left: 2 };
        assert_eq!(
            reason(&s, d, 90.0, Lang::Es),
            "Trial vence en 2 días (28/11/2026)"
        );
        let s = Signal::TrialEnding { days_left: -3 };
        assert_eq!(
            reason(&s, d, 90.0, Lang::Es),
            "Trial vencido hace 3 días (28/11/2026), sin convertir"
        );
        let s = Signal::HighUsage {
            used: 9400,
            limit: 10_000,
        };
        assert_eq!(
            reason(&s, None, 90.0, Lang::Es),
            "Uso de mensajes 94 % (9.400 / 10.000)"
        );
        let s = Signal::PaymentFailed {
            reason: PaymentFailure::Status(crate::read::values::Status::PastDue),
        };
        assert_eq!(reason(&s, None, 90.0, Lang::Es), "Pago fallido (past_due)");
    }
}
