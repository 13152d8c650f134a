//! The words of billing facts: why a card was declined (the `Motivo` and
//! the paragraph of the CRÍTICO email that says what to do about it), a
//! subscription that will end, and the money at risk.

use super::{format_date, pick};
use crate::model::{Decline, DeclineKind, Lang};
use chrono::NaiveDate;

/// A decline code in words, for the `Motivo` (the team reads it; the email
/// says only what [`decline_paragraph`] says). Unknown codes are shown as
/// written.
///
/// ```
/// use retention_worklist::{text::billing::decline_words, Decline, DeclineKind, Lang};
/// let d = Decline { code: "expired_card".into(), kind: DeclineKind::UpdateCard };
/// assert_eq!(decline_words(&d, Lang::Es), "tarjeta vencida (expired_card)");
/// ```
pub fn decline_words(d: &Decline, lang: Lang) -> String {
    let words = match d.code.as_str() {
        "insufficient_funds" => pick(lang, "fondos insuficientes", "insufficient funds"),
        "expired_card" => pick(lang, "tarjeta vencida", "expired card"),
        "card_declined" | "generic_decline" => pick(
            lang,
            "tarjeta rechazada por el banco",
            "card declined by the bank",
        ),
        "do_not_honor" => pick(
            lang,
            "el banco no autorizó el cargo",
            "the bank did not honor the charge",
        ),
        "incorrect_cvc" | "invalid_cvc" => pick(
            lang,
            "código de seguridad (CVC) incorrecto",
            "incorrect security code (CVC)",
        ),
        "incorrect_number" | "invalid_number" => pick(
            lang,
            "número de tarjeta incorrecto",
            "incorrect card number",
        ),
        "invalid_expiry_month" | "invalid_expiry_year" => {
            pick(lang, "fecha de vencimiento inválida", "invalid expiry date")
        }
        "incorrect_zip" | "incorrect_address" => pick(
            lang,
            "dirección de facturación incorrecta",
            "incorrect billing address",
        ),
        "processing_error" => pick(lang, "error al procesar el cargo", "processing error"),
        "authentication_required" | "authentication_not_handled" => pick(
            lang,
            "el banco pide autenticación (3-D Secure)",
            "the bank requires authentication (3-D Secure)",
        ),
        "card_velocity_exceeded" | "withdrawal_count_limit_exceeded" => {
            pick(lang, "límite de la tarjeta superado", "card limit exceeded")
        }
        "lost_card" => pick(lang, "tarjeta reportada como perdida", "card reported lost"),
        "stolen_card" => pick(
            lang,
            "tarjeta reportada como robada",
            "card reported stolen",
        ),
        "fraudulent" => pick(lang, "sospecha de fraude", "suspected fraud"),
        "merchant_blacklist" => pick(
            lang,
            "bloqueada por la lista de bloqueo",
            "blocked by the block list",
        ),
        "duplicate_transaction" => pick(lang, "cargo duplicado", "duplicate charge"),
        "card_not_supported" | "currency_not_supported" => pick(
            lang,
            "la tarjeta no admite este cargo",
            "the card does not support this charge",
        ),
        _ => match d.kind {
            DeclineKind::UpdateCard => pick(
                lang,
                "datos de la tarjeta inválidos",
                "invalid card details",
            ),
            DeclineKind::Funds => pick(
                lang,
                "fondos o límite insuficientes",
                "insufficient funds or limit",
            ),
            DeclineKind::Authenticate => pick(
                lang,
                "el banco pide autenticación",
                "the bank requires authentication",
            ),
            DeclineKind::Retry => pick(lang, "error pasajero del banco", "a passing bank error"),
            DeclineKind::ContactBank | DeclineKind::Undisclosed => {
                pick(lang, "rechazada por el banco", "declined by the bank")
            }
            DeclineKind::Duplicate => pick(lang, "cargo duplicado", "duplicate charge"),
            DeclineKind::Unknown => {
                return format!("{}: {}", pick(lang, "motivo", "reason"), d.code)
            }
        },
    };
    format!("{words} ({})", d.code)
}

/// The paragraph of the CRÍTICO email that says what fixes this decline
/// (`None` for a code this engine does not know). Lost, stolen and fraud
/// codes are not named to the customer: their paragraph is the bank's.
pub fn decline_paragraph(kind: DeclineKind, lang: Lang) -> Option<&'static str> {
    Some(match kind {
        DeclineKind::UpdateCard => pick(lang, "El banco indicó que los datos de la tarjeta registrada ya no son válidos (por ejemplo, venció). Basta con registrar una tarjeta vigente o revisar sus datos.", "The bank reported that the card on file is no longer valid (for example, it expired). Adding a current card, or checking its details, is all it takes."),
        DeclineKind::Funds => pick(lang, "El banco rechazó el cargo por fondos o límite insuficientes. Podemos reintentarlo en unos días o puedes usar otra tarjeta o método de pago.", "The bank declined the charge for insufficient funds or limit. We can retry it in a few days, or you can use another card or payment method."),
        DeclineKind::Authenticate => pick(lang, "Tu banco pide confirmar el pago (verificación 3-D Secure). Solo hay que completar esa verificación del banco al reintentar el pago.", "Your bank asks you to confirm the payment (3-D Secure verification). You only need to complete the bank's check when the payment is retried."),
        DeclineKind::Retry => pick(lang, "Fue un error pasajero al procesar el cargo: reintentarlo suele bastar, y podemos hacerlo contigo.", "It was a passing error while processing the charge: retrying usually works, and we can do it with you."),
        DeclineKind::ContactBank | DeclineKind::Undisclosed => pick(lang, "Tu banco rechazó el cargo sin indicar el motivo. Te sugerimos llamar al banco para autorizarlo, o usar otra tarjeta o método de pago.", "Your bank declined the charge without giving a reason. We suggest calling your bank to authorize it, or using another card or payment method."),
        DeclineKind::Duplicate => pick(lang, "El banco lo marcó como un cargo duplicado: revisemos juntos si ya hay un pago reciente antes de reintentarlo.", "The bank flagged it as a duplicate charge: let us check together whether a recent payment already went through before retrying."),
        DeclineKind::Unknown => return None,
    })
}

/// The note of a subscription set to end at the end of its period:
/// "se cancela al final del periodo (30/11/2026)".
pub fn ends_note(on: Option<NaiveDate>, lang: Lang) -> String {
    let words = pick(
        lang,
        "se cancela al final del periodo",
        "cancels at the end of the period",
    );
    match on {
        Some(d) => format!("{words} ({})", format_date(d, lang)),
        None => words.to_string(),
    }
}
