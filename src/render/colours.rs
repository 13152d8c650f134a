//! The one colour table: every colour the workbook writes text in, and every
//! background it writes text on. The page takes the level and snoozed colours
//! from the engine (`engine_info`), so both show the same.
//!
//! Every text colour reaches WCAG 2.1 AA on the background it is written on:
//! 4.5:1 for normal text, 3:1 for large text (the Resumen's 16 pt bold title).
//! `tests/integration/accessibility.rs` computes the ratios from this table and checks
//! that the workbook's formats use no other pair. Text on a fill is written in
//! its own colour, not Excel's "automatic" one, which a dark Office theme turns
//! light over the light fills.

use crate::model::Level;

/// RGB fills of the four levels (solid), strong enough to read at a glance,
/// light enough for dark text. The page colours its levels with these.
///
/// ```
/// use retention_worklist::{level_fill, Level};
/// assert_eq!(level_fill(Level::Critical), 0xFF8080);
/// ```
pub fn level_fill(level: Level) -> u32 {
    match level {
        Level::Critical => 0xFF8080,
        Level::High => 0xF8B26A,
        Level::Medium => 0xFFE36E,
        Level::Info => 0x9CC3E6,
    }
}

/// The text on a level's fill: a dark shade of that fill (a fifth of each
/// channel), at least 6.6:1 on it.
///
/// ```
/// use retention_worklist::{colours::level_text, Level};
/// assert_eq!(level_text(Level::Critical), 0x331A1A);
/// ```
pub fn level_text(level: Level) -> u32 {
    match level {
        Level::Critical => 0x331A1A,
        Level::High => 0x322415,
        Level::Medium => 0x332D16,
        Level::Info => 0x1F272E,
    }
}

/// The grey of a snoozed worklist row (below the active rows, whatever its
/// level). The page greys its snoozed rows with it too.
///
/// ```
/// assert_eq!(retention_worklist::SNOOZED_FILL, 0xD9D9D9);
/// ```
pub const SNOOZED_FILL: u32 = 0xD9D9D9;
/// The text of a snoozed row: dark grey (4.96:1 on [`SNOOZED_FILL`]).
pub const SNOOZED_TEXT: u32 = 0x595959;

/// Link text (phone and email cells, on a level's fill or the snoozed grey):
/// dark blue, underlined; at least 5:1 on each.
pub const LINK_TEXT: u32 = 0x06307A;

/// Dark blue of the header rows' fill, and of the titles' text on white.
pub const HEADER_FILL: u32 = 0x1F3864;
/// Text on [`HEADER_FILL`]: white.
pub const HEADER_TEXT: u32 = 0xFFFFFF;
/// The sheets' own background (cells without a fill), and the text Excel
/// writes on it when a format gives no colour.
pub const SHEET_BACKGROUND: u32 = 0xFFFFFF;
/// Text in cells without a fill (Excel's default, black).
pub const PLAIN_TEXT: u32 = 0x000000;

/// A level's line on the history chart: a deep shade of its fill, at
/// least 3:1 on the white plot (WCAG's non-text contrast).
///
/// ```
/// use retention_worklist::{colours::level_line, Level};
/// assert_eq!(level_line(Level::Critical), 0xC00000);
/// ```
pub fn level_line(level: Level) -> u32 {
    match level {
        Level::Critical => 0xC00000,
        Level::High => 0xC55A11,
        Level::Medium => 0x7F6000,
        Level::Info => 0x2E75B6,
    }
}

/// A worklist row whose `Estado` says it is resolved: green, its text grey
/// (Excel's and LibreOffice's conditional format, as people type).
pub const RESOLVED_FILL: u32 = 0xC6EFCE;
/// The text of a resolved row (5.7:1 on [`RESOLVED_FILL`]).
pub const RESOLVED_TEXT: u32 = 0x595959;
/// A worklist row whose `Estado` says nobody answered: amber.
pub const NO_ANSWER_FILL: u32 = 0xFFD966;

/// A contacted row's fill: its level's, lighter (halfway to white).
///
/// ```
/// use retention_worklist::{colours::contacted_fill, Level};
/// assert_eq!(contacted_fill(Level::Critical), 0xFFC0C0);
/// ```
pub fn contacted_fill(level: Level) -> u32 {
    let fill = level_fill(level);
    let half = |shift: u32| {
        let c = (fill >> shift) & 0xFF;
        (c + (0xFF - c).div_ceil(2)) << shift
    };
    half(16) | half(8) | half(0)
}

/// Grey of cell borders (lines, not text: no contrast ratio applies).
pub const BORDER_GREY: u32 = 0xBFBFBF;

/// Where a text colour is written: its background, and whether the text is
/// large (WCAG: 18 pt, or 14 pt bold), which needs 3:1 instead of 4.5:1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOn {
    /// What the text is (for a test's message).
    pub what: &'static str,
    /// RGB of the text.
    pub text: u32,
    /// RGB of the background under it.
    pub background: u32,
    /// At least 18 pt, or 14 pt bold.
    pub large: bool,
}

/// Every text colour the workbook writes, on every background it writes it
/// on: the levels' text and links on their fills, the snoozed rows', the
/// header rows', the titles' and plain cells'.
pub fn text_pairs() -> Vec<TextOn> {
    let mut out = Vec::new();
    for level in Level::ALL {
        let fill = level_fill(level);
        out.push(TextOn {
            what: "level text",
            text: level_text(level),
            background: fill,
            large: false,
        });
        out.push(TextOn {
            what: "link on a level fill",
            text: LINK_TEXT,
            background: fill,
            large: false,
        });
    }
    // The Estado colours (conditional formats) keep the row's text, or
    // grey it when resolved.
    for level in Level::ALL {
        for (what, background) in [
            ("level text on a contacted row", contacted_fill(level)),
            ("level text on a row without answer", NO_ANSWER_FILL),
        ] {
            out.push(TextOn {
                what,
                text: level_text(level),
                background,
                large: false,
            });
            out.push(TextOn {
                what: "link on an Estado colour",
                text: LINK_TEXT,
                background,
                large: false,
            });
            out.push(TextOn {
                what: "snoozed text on an Estado colour",
                text: SNOOZED_TEXT,
                background,
                large: false,
            });
        }
    }
    let normal = |what, text, background| TextOn {
        what,
        text,
        background,
        large: false,
    };
    out.extend([
        normal("snoozed text", SNOOZED_TEXT, SNOOZED_FILL),
        normal("resolved row", RESOLVED_TEXT, RESOLVED_FILL),
        normal("link on a snoozed row", LINK_TEXT, SNOOZED_FILL),
        normal("header", HEADER_TEXT, HEADER_FILL),
        normal("plain text", PLAIN_TEXT, SHEET_BACKGROUND),
        TextOn {
            what: "title (16 pt bold)",
            text: HEADER_FILL,
            background: SHEET_BACKGROUND,
            large: true,
        },
    ]);
    out
}
