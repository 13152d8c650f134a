//! The words of a worklist row: why the tenant is on the list, what to do,
//! the email subject and a draft ready to send, the protocol's goal.

use super::{format_date, format_int, format_usage, level_label, trial_when};
use crate::model::{Lang, Level, PaymentFailure, Signal, Thresholds};
use chrono::NaiveDate;

/// The facts a row's words are made of.
#[derive(Debug, Clone, Copy)]
pub struct RowFacts<'a> {
    /// The level.
    pub level: Level,
    /// The signal that gave the level.
    pub main: &'a Signal,
    /// Other matching signals, most urgent first.
    pub secondary: &'a [Signal],
    /// The tenant's name (its id when it has none).
    pub tenant: &'a str,
    /// The owner's name, possibly empty.
    pub owner: &'a str,
    /// The account executive, possibly empty.
    pub executive: &'a str,
    /// The phone as written.
    pub phone: &'a str,
    /// Whether the phone can be dialled (it becomes a link).
    pub can_dial: bool,
    /// Days until the trial ends.
    pub days_left: Option<i64>,
    /// The trial end date.
    pub trial_end: Option<NaiveDate>,
    /// The thresholds in force.
    pub thresholds: &'a Thresholds,
    /// The product named in the emails.
    pub product: &'a str,
    /// The subscription ends at the end of its period (on this date, when
    /// known): a note among the other signals.
    pub ends: Option<Option<NaiveDate>>,
}

/// The words of one worklist row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowWords {
    /// Why the tenant is on the list ("Trial vence en 2 días (28/11/2026)").
    pub reason: String,
    /// What to do, from the protocol.
    pub action: String,
    /// The email subject.
    pub subject: String,
    /// The email draft.
    pub draft: String,
    /// The protocol's goal.
    pub goal: &'static str,
    /// The other signals that also matched, joined by "; ".
    pub other_signals: String,
}

/// The words of a worklist row, in a language.
pub fn row_words(f: &RowFacts, lang: Lang) -> RowWords {
    let th = f.thresholds.usage_percent;
    let (action, subject, body) = match f.level {
        Level::Critical => critical(f, lang),
        Level::High => high(f, lang),
        Level::Medium => medium(f, lang),
        Level::Info => info(f, lang),
    };
    let es = lang == Lang::Es;
    let greeting = match (es, f.owner.is_empty()) {
        (true, false) => format!("Hola {},", f.owner),
        (true, true) => "Hola,".to_string(),
        (false, false) => format!("Hi {},", f.owner),
        (false, true) => "Hi,".to_string(),
    };
    let signature = match (es, f.executive.is_empty()) {
        (_, false) => f.executive.to_string(),
        (true, true) => format!("El equipo de {}", f.product),
        (false, true) => format!("The {} team", f.product),
    };
    let sign_off = if es { "Saludos" } else { "Best regards" };
    let other_signals = f
        .secondary
        .iter()
        .map(|s| {
            let lvl = level_label(s.level(f.thresholds), lang);
            format!("{lvl}: {}", reason(s, f.trial_end, th, lang))
        })
        .chain(f.ends.map(|on| super::billing::ends_note(on, lang)))
        .collect::<Vec<_>>()
        .join("; ");
    RowWords {
        reason: reason(f.main, f.trial_end, th, lang),
        action,
        subject,
        draft: format!("{greeting}\n\n{body}\n\n{sign_off},\n{signature}"),
        goal: goal(f.level, lang),
        other_signals,
    }
}

/// CRÍTICO: (action, subject, body).
fn critical(f: &RowFacts, lang: Lang) -> (String, String, String) {
    let (es, tenant, product) = (lang == Lang::Es, f.tenant, f.product);
    let call = match (es, f.can_dial) {
        (true, true) => format!("1) Llamar AHORA al owner ({}).", f.phone),
        (true, false) => {
            "1) Llamar AHORA al owner (sin teléfono en el export: buscarlo en el CRM).".to_string()
        }
        (false, true) => format!("1) Call the owner NOW ({}).", f.phone),
        (false, false) => {
            "1) Call the owner NOW (no phone in the export: look it up in the CRM).".to_string()
        }
    };
    let mail = if es {
        "2) Enviar el email urgente de pago (asunto y borrador en esta fila)."
    } else {
        "2) Send the urgent payment email (subject and draft in this row)."
    };
    let (opening, closing) = if es {
        (format!("No pudimos procesar el último pago de la cuenta {tenant} en {product}. Si no se actualiza el método de pago, la cuenta será suspendida automáticamente y tu equipo perderá el acceso."),
        "Queremos ayudarte a resolverlo hoy mismo: responde a este email o llámanos y actualizamos juntos el método de pago en unos minutos.")
    } else {
        (format!("We could not process the last payment for the {tenant} account on {product}. Unless the payment method is updated, the account will be suspended automatically and your team will lose access."),
        "We want to help you fix it today: reply to this email or call us and we will update the payment method together in a few minutes.")
    };
    // Why the card was declined, when the export says: what fixes it.
    let decline = match f.main {
        Signal::PaymentFailed {
            decline: Some(d), ..
        } => super::billing::decline_paragraph(d.kind, lang),
        _ => None,
    };
    let body = match decline {
        Some(fix) => format!("{opening}\n\n{fix}\n\n{closing}"),
        None => format!("{opening}\n\n{closing}"),
    };
    (
        format!("{call} {mail}"),
        critical_subject(lang, product),
        body,
    )
}

/// ALTO: (action, subject, body).
fn high(f: &RowFacts, lang: Lang) -> (String, String, String) {
    let (es, tenant, product, owner) = (lang == Lang::Es, f.tenant, f.product, f.owner);
    let d = f.days_left.unwrap_or(0);
    let when = trial_when(d, lang);
    let action = if es {
        "Email personal (no automatizado): experiencia del trial, dudas y beneficios del plan de pago. Si le faltó tiempo para evaluar: extensión de 3-5 días (superadmin)."
    } else {
        "Personal (not automated) email: trial experience, questions and paid-plan benefits. If short of time to evaluate: a 3-5 day extension (superadmin)."
    };
    let subject = match (es, owner.is_empty()) {
        (true, false) => format!("{owner}, ¿cómo va tu prueba de {product}?"),
        (true, true) => format!("¿Cómo va tu prueba de {product}?"),
        (false, false) => format!("{owner}, how is your {product} trial going?"),
        (false, true) => format!("How is your {product} trial going?"),
    };
    let ends = match (es, d < 0) {
        (true, false) => format!("Tu prueba de {product} para {tenant} termina {when}."),
        (true, true) => format!("Tu prueba de {product} para {tenant} terminó {when}."),
        (false, false) => format!("Your {product} trial for {tenant} ends {when}."),
        (false, true) => format!("Your {product} trial for {tenant} ended {when}."),
    };
    let body = if es {
        format!("{ends} Me gustaría saber cómo ha sido tu experiencia: ¿hay algo que no hayas podido probar o alguna duda que pueda resolverte?\n\nCon un plan de pago conservas toda tu configuración, contactos y conversaciones, sin interrupciones.\n\nSi necesitas unos días más para evaluarlo con calma, dímelo y vemos cómo extender tu prueba.")
    } else {
        format!("{ends} I would love to hear how it has gone: is there anything you have not been able to try, or a question I can answer?\n\nWith a paid plan you keep all your setup, contacts and conversations, with no interruption.\n\nIf you need a few more days to evaluate it properly, tell me and we will see about extending your trial.")
    };
    (action.to_string(), subject, body)
}

/// MEDIO: (action, subject, body).
fn medium(f: &RowFacts, lang: Lang) -> (String, String, String) {
    let (es, product) = (lang == Lang::Es, f.product);
    let action = if es {
        "Añadir a la campaña automatizada «Última Semana de Trial» (hoja Campaña)."
    } else {
        "Add to the automated \"Last Trial Week\" campaign (Campaign sheet)."
    };
    let subject = if es {
        format!("Tu última semana de prueba en {product}")
    } else {
        format!("Your last trial week on {product}")
    };
    let body = if es {
        format!("Te queda una semana de prueba en {product}. Así es como otros equipos lo usan para vender más: [caso de éxito]. ¿Ya probaste las funciones avanzadas, como las automatizaciones y los reportes? \n\nSuscríbete hoy y conserva todo lo que configuraste: [enlace para suscribirse].")
    } else {
        format!("You have one week of your {product} trial left. This is how other teams use it to sell more: [success story]. Have you tried the advanced features, like automations and reports?\n\nSubscribe today and keep everything you set up: [subscribe link].")
    };
    (action.to_string(), subject, body)
}

/// INFORMATIVO: (action, subject, body).
fn info(f: &RowFacts, lang: Lang) -> (String, String, String) {
    let (es, product, th) = (lang == Lang::Es, f.product, f.thresholds.usage_percent);
    let action = if es {
        "Enviar email proactivo de upselling: sugerir actualizar el plan antes de llegar al límite."
    } else {
        "Send a proactive upselling email: suggest upgrading the plan before hitting the limit."
    };
    let subject = if es {
        format!("Estás aprovechando al máximo {product}")
    } else {
        format!("You are getting the most out of {product}")
    };
    (
        action.to_string(),
        subject,
        usage_sentence(lang, product, th),
    )
}

/// The `Motivo` text of a signal: "Trial vence en 2 días (28/11/2026)".
pub fn reason(signal: &Signal, trial_end: Option<NaiveDate>, threshold: f64, lang: Lang) -> String {
    let es = lang == Lang::Es;
    match signal {
        Signal::PaymentFailed { reason, decline } => {
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
            let why = match decline {
                Some(d) => format!("{why}; {}", super::billing::decline_words(d, lang)),
                None => why,
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

/// The CRÍTICO email subject, exactly as the protocol writes it.
///
/// ```
/// use retention_worklist::{text::worklist::critical_subject, Lang};
/// assert_eq!(critical_subject(Lang::Es, "ImagineCRM"),
///            "Acción Urgente Requerida: Problema con tu Pago en ImagineCRM");
/// ```
pub fn critical_subject(lang: Lang, product: &str) -> String {
    match lang {
        Lang::Es => format!("Acción Urgente Requerida: Problema con tu Pago en {product}"),
        Lang::En => format!("Urgent Action Required: Problem with your Payment at {product}"),
    }
}

/// The protocol's INFORMATIVO text, with the product and threshold.
///
/// ```
/// use retention_worklist::{text::worklist::usage_sentence, Lang};
/// assert_eq!(usage_sentence(Lang::Es, "ImagineCRM", 90.0),
///     "Parece que le estás sacando mucho provecho a ImagineCRM. Has usado más del 90% de tu límite de mensajes este mes. Considera actualizar tu plan para evitar interrupciones.");
/// ```
pub fn usage_sentence(lang: Lang, product: &str, percent: f64) -> String {
    match lang {
        Lang::Es => format!("Parece que le estás sacando mucho provecho a {product}. Has usado más del {percent}% de tu límite de mensajes este mes. Considera actualizar tu plan para evitar interrupciones."),
        Lang::En => format!("It looks like you are getting a lot out of {product}. You have used more than {percent}% of your message limit this month. Consider upgrading your plan to avoid interruptions."),
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
    use crate::model::Status;

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
            reason: PaymentFailure::Status(Status::PastDue),
            decline: None,
        };
        assert_eq!(reason(&s, None, 90.0, Lang::Es), "Pago fallido (past_due)");
    }
}
