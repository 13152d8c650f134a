//! The dialect of a generated export: its columns and the header names they go by, the
//! delimiter, `sep=` line, encoding, line ends and date order (proptest values, so a failure
//! shrinks towards the simplest dialect), and the writing of fields and bytes.

use super::values::Rng;
use proptest::prelude::*;
use retention_worklist::Lang;

// ------------------------------------------------------- columns and names

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Col {
    Id,
    Name,
    Owner,
    Email,
    Phone,
    Exec,
    Plan,
    Status,
    Trial,
    Failed,
    LastPay,
    Used,
    Limit,
    Notes,
}

/// The accepted header names, as the issue lists them (English canonical
/// first). Written here, not taken from the engine.
fn aliases(c: Col) -> &'static [&'static str] {
    match c {
        Col::Id => &["tenant_id", "id", "id_tenant"],
        Col::Name => &[
            "tenant_name",
            "tenant",
            "name",
            "company",
            "empresa",
            "nombre",
            "nombre_tenant",
            "cuenta",
        ],
        Col::Owner => &[
            "owner_name",
            "owner",
            "propietario",
            "contacto",
            "nombre_owner",
        ],
        Col::Email => &[
            "owner_email",
            "email",
            "correo",
            "correo_owner",
            "email_owner",
        ],
        Col::Phone => &["owner_phone", "phone", "telefono", "celular", "whatsapp"],
        Col::Exec => &[
            "account_executive",
            "account_manager",
            "csm",
            "ejecutivo",
            "ejecutivo_cuenta",
            "ejecutivo_asignado",
        ],
        Col::Plan => &["plan", "plan_name", "nombre_plan"],
        Col::Status => &[
            "subscription_status",
            "status",
            "stripe_status",
            "estado",
            "estado_suscripcion",
        ],
        Col::Trial => &[
            "trial_ends_at",
            "trial_end",
            "trial_ends",
            "fin_trial",
            "fecha_fin_trial",
            "trial_vence",
        ],
        Col::Failed => &["payment_failed", "failed_payment", "pago_fallido"],
        Col::LastPay => &[
            "last_payment_status",
            "payment_status",
            "estado_pago",
            "ultimo_pago",
        ],
        Col::Used => &[
            "messages_used",
            "messages_sent",
            "mensajes_usados",
            "mensajes_enviados",
            "uso_mensajes",
        ],
        Col::Limit => &[
            "messages_limit",
            "message_limit",
            "limite_mensajes",
            "cuota_mensajes",
        ],
        // An unknown column: ignored by the engine. "año" makes a
        // Windows-1252 file invalid UTF-8, so it is detected as such.
        Col::Notes => &["Notas del año", "comentarios"],
    }
}

/// A header as a person or tool might write the alias: case, accents,
/// spaces / hyphens / underscores, surrounding spaces.
pub(super) fn header_text(rng: &mut Rng, c: Col, enc: Enc) -> String {
    let base = *rng.pick(aliases(c));
    if c == Col::Notes {
        // In a Windows-1252 file, "año" is what makes the bytes invalid UTF-8.
        return if enc == Enc::Win1252 {
            aliases(c)[0]
        } else {
            base
        }
        .to_string();
    }
    let accented = base
        .replace("telefono", "teléfono")
        .replace("limite", "límite")
        .replace("ultimo", "último")
        .replace("suscripcion", "suscripción");
    let mut s = if rng.chance(50) {
        accented
    } else {
        base.to_string()
    };
    s = match rng.below(3) {
        0 => s,
        1 => s.replace('_', " "),
        _ => s.replace('_', "-"),
    };
    s = match rng.below(3) {
        0 => s,
        1 => s.to_uppercase(),
        _ => {
            let mut out = String::new();
            let mut up = true;
            for ch in s.chars() {
                if up {
                    out.extend(ch.to_uppercase());
                } else {
                    out.push(ch);
                }
                up = ch == ' ' || ch == '-' || ch == '_';
            }
            out
        }
    };
    if rng.chance(10) {
        s = format!(" {s} ");
    }
    s
}

// ------------------------------------------------------------ the dialect

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Enc {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Win1252,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Knobs {
    pub(super) delimiter: u8,
    pub(super) sep_line: bool,
    pub(super) enc: Enc,
    pub(super) crlf: bool,
    /// Dates written month first, with `--date-order mdy`.
    pub(super) mdy: bool,
    pub(super) lang: Lang,
    pub(super) seed: u64,
}

pub(super) fn knobs() -> impl Strategy<Value = Knobs> {
    (
        prop::sample::select(vec![b',', b';', b'\t', b'|']),
        any::<bool>(),
        prop::sample::select(vec![
            Enc::Utf8,
            Enc::Utf8Bom,
            Enc::Utf16Le,
            Enc::Utf16Be,
            Enc::Win1252,
        ]),
        any::<bool>(),
        prop::bool::weighted(0.25),
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(|(delimiter, sep_line, enc, crlf, mdy, en, seed)| Knobs {
            delimiter,
            sep_line,
            enc,
            crlf,
            mdy,
            lang: if en { Lang::En } else { Lang::Es },
            seed,
        })
}

// ------------------------------------------------------- fields and bytes

pub(super) fn quote(field: &str, d: u8, force: bool) -> String {
    let d = d as char;
    if force
        || field.contains(d)
        || field.contains('"')
        || field.contains('\n')
        || field.contains('\r')
    {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

pub(super) fn encode(text: &str, enc: Enc) -> Vec<u8> {
    match enc {
        Enc::Utf8 => text.as_bytes().to_vec(),
        Enc::Utf8Bom => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        Enc::Utf16Le => {
            let mut v = vec![0xFF, 0xFE];
            text.encode_utf16()
                .for_each(|u| v.extend_from_slice(&u.to_le_bytes()));
            v
        }
        Enc::Utf16Be => {
            let mut v = vec![0xFE, 0xFF];
            text.encode_utf16()
                .for_each(|u| v.extend_from_slice(&u.to_be_bytes()));
            v
        }
        Enc::Win1252 => {
            let (bytes, _, unmappable) = encoding_rs_like_1252(text);
            assert!(
                !unmappable,
                "the generator only writes Windows-1252 characters in such files"
            );
            bytes
        }
    }
}

/// Windows-1252 encoder for the characters the generator uses.
fn encoding_rs_like_1252(text: &str) -> (Vec<u8>, (), bool) {
    let mut out = Vec::with_capacity(text.len());
    let mut bad = false;
    for ch in text.chars() {
        let b = match ch {
            c if (c as u32) < 0x80 => c as u8,
            '€' => 0x80,
            c if (0xA0..=0xFF).contains(&(c as u32)) => c as u32 as u8,
            _ => {
                bad = true;
                b'?'
            }
        };
        out.push(b);
    }
    (out, (), bad)
}
