//! Step 1 of reading: bytes → text.
//!
//! Exports come from Excel ("CSV UTF-8", plain "CSV" in Windows-1252,
//! "Unicode text" in UTF-16) and from database tools (UTF-8). We detect the
//! encoding from the byte-order mark and validity, decode with `encoding_rs`,
//! and say which one we used so a person can tell when a file was misread.

use crate::error::Error;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use serde::Serialize;
use std::borrow::Cow;

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    #[serde(rename = "UTF-8")]
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    #[serde(rename = "UTF-8 (BOM)")]
    Utf8Bom,
    /// UTF-16 little-endian (Excel's "Unicode text").
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    /// UTF-16 big-endian.
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
    /// Not valid UTF-8: read as Windows-1252 (Excel on Windows in Spanish).
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl TextEncoding {
    /// The name shown in summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }
}

/// Decoded text plus how it was decoded.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, borrowed when the input was already UTF-8.
    pub text: Cow<'a, str>,
    /// The encoding used.
    pub encoding: TextEncoding,
    /// True when some bytes could not be decoded and were replaced with
    /// U+FFFD (visible as �), e.g. a lone surrogate in bad UTF-16.
    pub had_replacements: bool,
}

/// Decodes an export.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
    // UTF-8 is validated once: the check that tells it apart is the decoding.
    let (encoding, (text, had_replacements)) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            let text = match std::str::from_utf8(rest) {
                Ok(s) => (Cow::Borrowed(s), false),
                // A BOM followed by invalid UTF-8: decode lossily, visibly.
                Err(_) => (String::from_utf8_lossy(rest), true),
            };
            (TextEncoding::Utf8Bom, text)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            (TextEncoding::Utf16Le, decode_with(UTF_16LE, rest))
        } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            (TextEncoding::Utf16Be, decode_with(UTF_16BE, rest))
        } else if let Some(e) = sniff_utf16_without_bom(bytes) {
            let enc = if e == TextEncoding::Utf16Le {
                UTF_16LE
            } else {
                UTF_16BE
            };
            (e, decode_with(enc, bytes))
        } else if let Ok(s) = std::str::from_utf8(bytes) {
            (TextEncoding::Utf8, (Cow::Borrowed(s), false))
        } else {
            // Not UTF-8: a zip or image is binary, anything else is read as
            // Windows-1252, where every byte is a character.
            if let Some(offset) = binary_signature(bytes) {
                return Err(Error::BinaryInput { offset });
            }
            (TextEncoding::Windows1252, decode_with(WINDOWS_1252, bytes))
        };

    check_text(&text)?;
    Ok(Decoded {
        text,
        encoding,
        had_replacements,
    })
}

fn decode_with<'a>(enc: &'static Encoding, body: &'a [u8]) -> (Cow<'a, str>, bool) {
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    (text, had_errors)
}

/// UTF-16 text without a BOM has a NUL in every other byte of ASCII text.
fn sniff_utf16_without_bom(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(512) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 9 && even_nul == 0 {
        Some(TextEncoding::Utf16Le)
    } else if even_nul * 10 >= pairs * 9 && odd_nul == 0 {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Magic numbers of files people export by mistake (xlsx/zip, pdf, images,
/// gzip, old .xls).
fn binary_signature(bytes: &[u8]) -> Option<usize> {
    const MAGIC: &[&[u8]] = &[
        b"PK\x03\x04",
        b"%PDF",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"\x1F\x8B",
        b"\xD0\xCF\x11\xE0",
    ];
    MAGIC.iter().any(|m| bytes.starts_with(m)).then_some(0)
}

/// Rejects empty input and binary data that happens to decode.
fn check_text(text: &str) -> Result<(), Error> {
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .is_empty()
    {
        return Err(Error::EmptyInput);
    }
    if let Some(offset) = binary_signature(text.as_bytes()) {
        return Err(Error::BinaryInput { offset });
    }
    // Look at the start of the file: a text export has no NUL and few
    // control characters. A stray control character later on is data.
    let mut control = 0usize;
    let mut total = 0usize;
    for (i, c) in text.char_indices().take(4096) {
        total += 1;
        if c == '\0' {
            return Err(Error::BinaryInput { offset: i });
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            control += 1;
        }
    }
    if total >= 16 && control * 10 > total {
        let offset = text
            .char_indices()
            .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
            .map_or(0, |(i, _)| i);
        return Err(Error::BinaryInput { offset });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut v = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        v
    }

    #[test]
    fn utf8_plain_is_borrowed() {
        let d = decode("id,nombre\n1,Peña\n".as_bytes()).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf8);
        assert!(matches!(d.text, Cow::Borrowed(_)));
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let bytes = utf16le("id\tnombre\n1\tÑandú\n", true);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf16Le);
        assert_eq!(d.text, "id\tnombre\n1\tÑandú\n");
        let mut be = vec![0xFE, 0xFF];
        for u in "id,n\n1,é\n".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&be).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf16Be);
        assert_eq!(d.text, "id,n\n1,é\n");
    }

    #[test]
    fn utf16_without_bom_is_sniffed() {
        let bytes = utf16le("tenant_id,tenant_name\n1,x\n", false);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf16Le);
    }

    #[test]
    fn lone_surrogate_is_replaced_visibly() {
        let mut v = utf16le("id,n\n1,", true);
        v.extend_from_slice(&0xD800u16.to_le_bytes());
        v.extend_from_slice(&utf16le("x\n", false));
        let d = decode(&v).unwrap();
        assert!(d.had_replacements);
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn windows_1252() {
        let d = decode(b"id;empresa\n1;Compa\xF1\xEDa \x80\n").unwrap();
        assert_eq!(d.encoding, TextEncoding::Windows1252);
        assert!(d.text.contains("Compañía €"));
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(decode(b"").unwrap_err(), Error::EmptyInput);
        assert_eq!(decode(b"\xEF\xBB\xBF \r\n").unwrap_err(), Error::EmptyInput);
        assert!(matches!(
            decode(b"PK\x03\x04\x14\x00\x06\x00").unwrap_err(),
            Error::BinaryInput { .. }
        ));
        assert!(matches!(
            decode(b"id,name\0\0\0\x01\x02").unwrap_err(),
            Error::BinaryInput { offset: 7 }
        ));
        let noise: Vec<u8> = (0..200u32).map(|i| ((i * 7919) % 251) as u8).collect();
        assert!(matches!(
            decode(&noise).unwrap_err(),
            Error::BinaryInput { .. }
        ));
    }

    #[test]
    fn a_bom_means_utf8_and_an_invalid_utf8_byte_means_windows_1252() {
        let d = decode(b"\xEF\xBB\xBFid;empresa\n1;Caf\xC3\xA9\n").unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf8Bom);
        assert!(d.text.starts_with("id;"));
        let d = decode(b"id;empresa\n1;Caf\xE9\n").unwrap();
        assert_eq!(d.encoding, TextEncoding::Windows1252);
        assert!(d.text.contains("Café"));
    }
}
