//! Cells of a billing system's export: money (an amount, a quantity, an
//! interval and its count, a currency, or an MRR as is) and why a card was
//! declined. Each parser says what it expected when it cannot read a cell.

use super::shorten;
use super::values::word_key;
use crate::model::{Decline, DeclineKind, Expected, Interval, Mrr};

/// Parses an amount of money in units of its currency: `33.00`, `1,234.56`,
/// `1.234,56`, `$ 49`, `12,50`. A single separator followed by exactly
/// three digits groups thousands (`1.500` is 1500); otherwise it is the
/// decimal point. Empty is `Ok(None)`; a negative amount is refused.
///
/// ```
/// use retention_worklist::stages::parse_amount;
/// assert_eq!(parse_amount("1.234,56"), Ok(Some(1234.56)));
/// assert_eq!(parse_amount("$1,500"), Ok(Some(1500.0)));
/// assert_eq!(parse_amount("12,5"), Ok(Some(12.5)));
/// assert!(parse_amount("doce").is_err());
/// ```
pub fn parse_amount(s: &str) -> Result<Option<f64>, Expected> {
    let t = s
        .trim()
        .trim_start_matches(['$', '€', '£', '¥'])
        .trim_end_matches(['$', '€', '£', '¥'])
        .trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() > 40
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b' '))
    {
        return Err(Expected::Amount);
    }
    let digits: String = t.chars().filter(|c| *c != ' ').collect();
    let last_dot = digits.rfind('.');
    let last_comma = digits.rfind(',');
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(d.max(c)),
        (Some(i), None) | (None, Some(i)) => {
            let sep = digits.as_bytes()[i];
            let once = digits.bytes().filter(|&b| b == sep).count() == 1;
            // `1.500` / `1,500`: thousands; `12.5`, `12,50`: decimals.
            (once && digits.len() - i - 1 != 3).then_some(i)
        }
        (None, None) => None,
    };
    let mut plain = String::with_capacity(digits.len());
    for (i, c) in digits.char_indices() {
        match c {
            '.' | ',' if Some(i) == decimal => plain.push('.'),
            '.' | ',' => {}
            _ => plain.push(c),
        }
    }
    plain
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or(Expected::Amount)
}

/// Parses a billing interval, English or Spanish, singular, plural or
/// adjective: `month`, `months`, `monthly`, `mes`, `mensual`… Empty is
/// `Ok(None)`.
pub fn parse_interval(s: &str) -> Result<Option<Interval>, Expected> {
    Ok(Some(match word_key(s).as_ref() {
        "" => return Ok(None),
        "day" | "days" | "daily" | "dia" | "dias" | "diario" | "diaria" => Interval::Day,
        "week" | "weeks" | "weekly" | "semana" | "semanas" | "semanal" => Interval::Week,
        "month" | "months" | "monthly" | "mes" | "meses" | "mensual" => Interval::Month,
        "quarter" | "quarters" | "quarterly" | "trimestre" | "trimestres" | "trimestral" => {
            Interval::Quarter
        }
        "year" | "years" | "yearly" | "annual" | "annually" | "ano" | "anos" | "anual" => {
            Interval::Year
        }
        _ => return Err(Expected::Interval),
    }))
}

/// Parses a currency: an ISO 4217 code, any case (`usd` → `USD`). Empty is
/// `Ok(None)`.
pub fn parse_currency(s: &str) -> Result<Option<String>, Expected> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(Some(t.to_ascii_uppercase()))
    } else {
        Err(Expected::Currency)
    }
}

/// A subscription's monthly value in hundredths of its currency: the
/// amount times the quantity, brought to a month (a year is 1/12, a week
/// 52/12, a day 365/12) and divided by the intervals per bill.
///
/// ```
/// use retention_worklist::{stages::monthly_cents, Interval};
/// assert_eq!(monthly_cents(120.0, 2, Interval::Year, 1), 2000); // 2 × 120 / 12 = 20.00
/// assert_eq!(monthly_cents(30.0, 1, Interval::Month, 3), 1000); // every 3 months
/// ```
pub fn monthly_cents(amount: f64, quantity: u64, interval: Interval, count: u64) -> i64 {
    let monthly = amount * quantity as f64 * interval.per_month() / count.max(1) as f64;
    let cents = (monthly * 100.0).round();
    if cents.is_finite() {
        cents.clamp(i64::MIN as f64, i64::MAX as f64) as i64
    } else {
        0
    }
}

/// What a Stripe decline code asks of the customer (`None`: not a code
/// this engine knows). `card_declined`, Stripe's error code for every
/// issuer decline, says no more than the bank's refusal.
fn decline_kind(code: &str) -> Option<DeclineKind> {
    use DeclineKind::*;
    Some(match code {
        "expired_card"
        | "incorrect_number"
        | "invalid_number"
        | "incorrect_cvc"
        | "invalid_cvc"
        | "invalid_expiry_month"
        | "invalid_expiry_year"
        | "incorrect_zip"
        | "incorrect_address"
        | "invalid_account"
        | "new_account_information_available"
        | "card_not_supported"
        | "currency_not_supported" => UpdateCard,
        "insufficient_funds"
        | "card_velocity_exceeded"
        | "withdrawal_count_limit_exceeded"
        | "invalid_amount" => Funds,
        "authentication_required" | "authentication_not_handled" => Authenticate,
        "processing_error"
        | "try_again_later"
        | "issuer_not_available"
        | "reenter_transaction"
        | "approve_with_id" => Retry,
        "card_declined"
        | "generic_decline"
        | "do_not_honor"
        | "call_issuer"
        | "no_action_taken"
        | "not_permitted"
        | "restricted_card"
        | "revocation_of_authorization"
        | "revocation_of_all_authorizations"
        | "security_violation"
        | "service_not_allowed"
        | "stop_payment_order"
        | "transaction_not_allowed"
        | "do_not_try_again"
        | "pickup_card" => ContactBank,
        "fraudulent" | "lost_card" | "stolen_card" | "merchant_blacklist" => Undisclosed,
        "duplicate_transaction" => Duplicate,
        _ => return None,
    })
}

/// Reads why a card was declined: a decline code (`insufficient_funds`),
/// or a sentence that names one (Stripe's `Seller Message`: "The bank
/// returned the decline code `expired_card`."); anything else is kept as
/// written, for a person to read. Empty is `None`; this never fails.
///
/// ```
/// use retention_worklist::{stages::parse_decline, DeclineKind};
/// assert_eq!(parse_decline("Insufficient_Funds").unwrap().kind, DeclineKind::Funds);
/// let d = parse_decline("The bank returned the decline code `expired_card`.").unwrap();
/// assert_eq!((d.code.as_str(), d.kind), ("expired_card", DeclineKind::UpdateCard));
/// assert_eq!(parse_decline("pick up at branch").unwrap().kind, DeclineKind::Unknown);
/// ```
pub fn parse_decline(s: &str) -> Option<Decline> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    let key = word_key(t);
    if let Some(kind) = decline_kind(&key) {
        return Some(Decline {
            code: key.into_owned(),
            kind,
        });
    }
    let lower = t.to_lowercase();
    if let Some(i) = lower.find("decline code") {
        let code: String = lower[i + "decline code".len()..]
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '`' | '"' | '\'' | ':'))
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if let Some(kind) = decline_kind(&code) {
            return Some(Decline { code, kind });
        }
    }
    Some(Decline {
        code: shorten(t),
        kind: DeclineKind::Unknown,
    })
}

/// A row's MRR from its money cells, already read: an MRR column is taken
/// as is, else the amount brought to a month. `None` when there is no
/// amount.
pub(super) fn mrr_of(
    mrr: Option<f64>,
    amount: Option<f64>,
    quantity: Option<u64>,
    interval: Option<Interval>,
    count: Option<u64>,
    currency: Option<String>,
) -> Option<Mrr> {
    let cents = match (mrr, amount) {
        (Some(m), _) => monthly_cents(m, 1, Interval::Month, 1),
        (None, Some(a)) => monthly_cents(
            a,
            quantity.unwrap_or(1),
            interval.unwrap_or(Interval::Month),
            count.unwrap_or(1),
        ),
        (None, None) => return None,
    };
    Some(Mrr {
        cents,
        currency: currency.unwrap_or_default(),
    })
}
