//! The formats, built once per workbook and reused for every cell, in the
//! colours of [`super::colours`] (the one colour table).

use super::colours::{
    level_fill, level_text, BORDER_GREY, HEADER_FILL, HEADER_TEXT, LINK_TEXT, SNOOZED_FILL,
    SNOOZED_TEXT,
};
use crate::model::{Lang, Level};
use crate::text::excel_date_format;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, FormatUnderline};

/// The workbook's formats.
pub(super) struct Styles {
    pub header: Format,
    pub title: Format,
    pub bold: Format,
    pub wrap: Format,
    pub plain: Format,
    /// `plain`, aligned left (numbers on the summary sheet).
    pub plain_left: Format,
    pub date: Format,
    /// Per level, in [`Level::ALL`] order.
    level: [LevelStyles; 4],
    /// A snoozed row's, whatever its level.
    snoozed: LevelStyles,
}

/// The formats of a level's cells: its fill under every kind of value.
pub(super) struct LevelStyles {
    pub text: Format,
    pub wrap: Format,
    pub date: Format,
    pub percent: Format,
    pub int: Format,
    pub link: Format,
    pub strong: Format,
}

impl Styles {
    pub fn new(lang: Lang) -> Styles {
        let date_fmt = excel_date_format(lang);
        let base = Format::new()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(BORDER_GREY));
        let level = Level::ALL.map(|l| {
            LevelStyles::filled(
                base.clone()
                    .set_background_color(Color::RGB(level_fill(l)))
                    .set_font_color(Color::RGB(level_text(l))),
                date_fmt,
            )
        });
        let snoozed = LevelStyles::filled(
            base.clone()
                .set_background_color(Color::RGB(SNOOZED_FILL))
                .set_font_color(Color::RGB(SNOOZED_TEXT)),
            date_fmt,
        );
        Styles {
            header: Format::new()
                .set_bold()
                .set_font_color(Color::RGB(HEADER_TEXT))
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_align(FormatAlign::Top)
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(BORDER_GREY)),
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_color(Color::RGB(HEADER_FILL)),
            bold: Format::new().set_bold(),
            wrap: base.clone().set_text_wrap(),
            plain_left: base.clone().set_align(FormatAlign::Left),
            plain: base.clone(),
            date: base.set_num_format(date_fmt).set_align(FormatAlign::Left),
            level,
            snoozed,
        }
    }

    /// The formats of a level's cells.
    pub fn of(&self, level: Level) -> &LevelStyles {
        &self.level[level as usize]
    }

    /// The formats of a worklist row: its level's, or grey when snoozed.
    pub fn row(&self, level: Level, snoozed: bool) -> &LevelStyles {
        if snoozed {
            &self.snoozed
        } else {
            self.of(level)
        }
    }
}

impl LevelStyles {
    /// Every kind of cell over one fill (`filled`: the base format with it).
    fn filled(filled: Format, date_fmt: &str) -> LevelStyles {
        LevelStyles {
            text: filled.clone(),
            wrap: filled.clone().set_text_wrap(),
            date: filled
                .clone()
                .set_num_format(date_fmt)
                .set_align(FormatAlign::Left),
            percent: filled
                .clone()
                .set_num_format("0.0%")
                .set_align(FormatAlign::Left),
            int: filled.clone().set_align(FormatAlign::Left),
            link: filled
                .clone()
                .set_font_color(Color::RGB(LINK_TEXT))
                .set_underline(FormatUnderline::Single),
            strong: filled.set_bold(),
        }
    }
}
