//! The workbook's own words: sheet names, the summary and protocol sheets,
//! the tracking states. (Labels the page shows too are in [`super::shared`].)

use super::{format_int, format_number, level_word, pick};
use crate::model::{DateOrderSource, Lang, Level, Thresholds};

/// Sheet names.
#[allow(missing_docs)] // each field is the name of the sheet it names
pub struct SheetNames {
    pub worklist: &'static str,
    pub summary: &'static str,
    pub campaign: &'static str,
    pub protocol: &'static str,
    pub problems: &'static str,
    pub changes: &'static str,
}

/// The workbook's sheet names in a language.
pub fn sheet_names(lang: Lang) -> SheetNames {
    pick(
        lang,
        SheetNames {
            worklist: "Worklist",
            summary: "Resumen",
            campaign: "Campaña",
            protocol: "Protocolo",
            problems: "Problemas",
            changes: "Cambios",
        },
        SheetNames {
            worklist: "Worklist",
            summary: "Summary",
            campaign: "Campaign",
            protocol: "Protocol",
            problems: "Problems",
            changes: "Changes",
        },
    )
}

/// The tracking states offered in the `Estado` drop-down; the first is the default.
pub fn tracking_states(lang: Lang) -> [&'static str; 4] {
    pick(
        lang,
        ["Pendiente", "Contactado", "Resuelto", "Sin respuesta"],
        ["Pending", "Contacted", "Resolved", "No answer"],
    )
}

/// A tracking state's words in every language (`Resuelto`, `Resolved`):
/// what a typed `Estado` may say for it.
pub fn state_words(state: usize) -> [&'static str; 2] {
    [Lang::Es, Lang::En].map(|l| tracking_states(l).get(state).copied().unwrap_or(""))
}

/// Whether an `Estado` cell holds the first tracking state, in either
/// language (`Pendiente`, `Pending`; case and surrounding spaces aside) or
/// nothing: nobody has worked the row yet.
///
/// ```
/// use retention_worklist::text::workbook::is_first_state;
/// assert!(is_first_state(" pendiente") && is_first_state("Pending") && is_first_state(""));
/// assert!(!is_first_state("Contactado"));
/// ```
pub fn is_first_state(status: &str) -> bool {
    let s = status.trim();
    s.is_empty() || state_words(0).iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// The campaign sheet's headers.
pub fn campaign_headers(lang: Lang) -> [&'static str; 6] {
    pick(
        lang,
        [
            "Nombre",
            "Email",
            "Tenant",
            "ID",
            "Fin del trial",
            "Días restantes",
        ],
        ["Name", "Email", "Tenant", "ID", "Trial end", "Days left"],
    )
}

/// The protocol sheet's headers.
pub fn protocol_headers(lang: Lang) -> [&'static str; 4] {
    pick(
        lang,
        ["Nivel", "Disparador", "Acciones", "Objetivo"],
        ["Level", "Trigger", "Actions", "Goal"],
    )
}

/// The line under the protocol's table.
pub fn protocol_footer(lang: Lang) -> &'static str {
    pick(
        lang,
        "Frecuencia de revisión: diaria, preferiblemente al inicio de la jornada. Equipo responsable: Operaciones y Ventas. Un tenant recibe el nivel más urgente que cumple; las demás señales aparecen en «Otras señales».",
        "Review frequency: daily, preferably at the start of the working day. Responsible team: Operations and Sales. A tenant gets the most urgent level it matches; the other signals appear under \"Other signals\".",
    )
}

/// The problems sheet's line when there are none.
pub fn no_problems(lang: Lang) -> &'static str {
    pick(
        lang,
        "Sin problemas: todas las filas se leyeron completas.",
        "No problems: every row was read in full.",
    )
}

/// The end of a cell cut to Excel's limit.
pub fn cut_marker(lang: Lang) -> &'static str {
    pick(lang, "… [cortado]", "… [truncated]")
}

/// The document's title (file properties).
pub fn document_title(product: &str, as_of: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Worklist de retención {product} — {as_of}"),
        format!("Retention worklist {product} — {as_of}"),
    )
}

/// The alternative text of the Resumen's chart (what a screen reader says
/// for it): what it shows, and each level's count, in [`Level::ALL`] order.
/// At most about 160 characters, under Excel's 255 whatever the counts.
///
/// ```
/// use retention_worklist::{text::workbook::chart_alt_text, Lang};
/// assert_eq!(
///     chart_alt_text([3, 5, 10_000, 0], Lang::Es),
///     "Gráfico de barras, tenants por nivel: CRÍTICO 3, ALTO 5, MEDIO 10.000, INFORMATIVO 0."
/// );
/// ```
pub fn chart_alt_text(counts: [u64; 4], lang: Lang) -> String {
    let bars: Vec<String> = Level::ALL
        .iter()
        .zip(counts)
        .map(|(&l, n)| format!("{} {}", level_word(l, lang), format_int(n, lang)))
        .collect();
    let head = pick(
        lang,
        "Gráfico de barras, tenants por nivel",
        "Bar chart, tenants per level",
    );
    format!("{head}: {}.", bars.join(", "))
}

/// The summary sheet's title.
pub fn summary_title(product: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Worklist de retención y upselling — {product}"),
        format!("Retention and upselling worklist — {product}"),
    )
}

/// The date order and where it came from: `dmy (detectado en los datos)`.
pub fn date_order(order: &str, source: DateOrderSource, lang: Lang) -> String {
    let why = match source {
        DateOrderSource::Option => pick(lang, "indicado por opción", "given as an option"),
        DateOrderSource::Detected => pick(lang, "detectado en los datos", "detected from the data"),
        DateOrderSource::Default => pick(lang, "por defecto", "default"),
    };
    format!("{order} ({why})")
}

/// The run's facts that take words, as the Resumen sheet writes them: the
/// page shows the same.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FactWords {
    /// The delimiter (`;`, `\t` for tab).
    pub delimiter: &'static str,
    /// The date order and where it came from: `dmy (detectado en los datos)`.
    pub date_order: String,
}

/// A run's [`FactWords`].
pub fn fact_words(s: &crate::model::Summary, lang: Lang) -> FactWords {
    FactWords {
        delimiter: s.delimiter,
        date_order: date_order(s.date_order, s.date_order_source, lang),
    }
}

/// The thresholds in force, on one line.
pub fn thresholds(th: &Thresholds, lang: Lang) -> String {
    let (h, m) = (th.high_days, th.medium_days);
    let u = format_number(th.usage_percent, Lang::En);
    pick(
        lang,
        format!(
            "ALTO ≤ {h} días · MEDIO {}-{m} días · INFORMATIVO > {u} % de uso",
            h + 1
        ),
        format!(
            "HIGH ≤ {h} days · MEDIUM {}-{m} days · INFO > {u} % usage",
            h + 1
        ),
    )
}

/// The protocol, level by level, for the `Protocolo` sheet:
/// (level, trigger, actions, goal).
pub fn protocol(level: Level, lang: Lang, product: &str, th: &Thresholds) -> [String; 3] {
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
                format!("1. Contacto telefónico: el ejecutivo de cuenta asignado llama al owner del tenant inmediatamente.\n2. Email personalizado con el asunto «{}», explicando que la cuenta será suspendida y ofreciendo ayuda para actualizar el método de pago.", super::worklist::critical_subject(lang, product))
            } else {
                format!("1. Phone call: the assigned account executive calls the tenant's owner immediately.\n2. Personal email with the subject \"{}\", explaining that the account will be suspended and offering help to update the payment method.", super::worklist::critical_subject(lang, product))
            },
            super::worklist::goal(Level::Critical, lang).into(),
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
            super::worklist::goal(Level::High, lang).into(),
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
            super::worklist::goal(Level::Medium, lang).into(),
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
                    super::worklist::usage_sentence(lang, product, u)
                )
            } else {
                format!(
                    "1. Proactive notice: send the informative email \"{}\"",
                    super::worklist::usage_sentence(lang, product, u)
                )
            },
            super::worklist::goal(Level::Info, lang).into(),
        ],
    }
}
