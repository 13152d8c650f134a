//! The formats, built once per workbook and reused for every cell, in the
//! colours of [`super::colours`] (the one colour table).

use super::colours::{
    contacted_fill, level_fill, level_text, BORDER_GREY, HEADER_FILL, HEADER_TEXT, LINK_TEXT,
    NO_ANSWER_FILL, RESOLVED_FILL, RESOLVED_TEXT, SNOOZED_FILL, SNOOZED_TEXT,
};
use crate::model::{Lang, Level, WHOLE_CURRENCIES};
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
    /// Amounts in each currency of the workbook: per level (in
    /// [`Level::ALL`] order), snoozed, plain (the summary's), and per level
    /// bold (overdue rows).
    money: Vec<(String, [Format; 10])>,
    /// Per level, bold: an overdue row's.
    overdue: [LevelStyles; 4],
    /// The worklist's colours by `Estado` (conditional formats).
    pub status: StatusStyles,
}

/// The worklist rows' colours by `Estado`: what the conditional formats set.
pub(super) struct StatusStyles {
    pub resolved: Format,
    pub no_answer: Format,
    /// Per level, in [`Level::ALL`] order.
    pub contacted: [Format; 4],
}

/// What a worklist row's look depends on.
#[derive(Debug, Clone, Copy)]
pub(super) struct RowLook {
    pub level: Level,
    pub snoozed: bool,
    pub overdue: bool,
}

/// The number format of an amount in a currency: `#,##0.00 "USD"`
/// (`#,##0 "JPY"` for a currency without decimals; no code when the export
/// names none). Excel shows the separators of the reader's locale.
fn money_format(currency: &str) -> String {
    let number = if WHOLE_CURRENCIES.contains(&currency) {
        "#,##0"
    } else {
        "#,##0.00"
    };
    if currency.is_empty() {
        number.to_string()
    } else {
        format!("{number} \"{currency}\"")
    }
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
    /// The formats of a workbook in `lang` whose amounts are in `currencies`.
    pub fn new(lang: Lang, currencies: &[&str]) -> Styles {
        let date_fmt = excel_date_format(lang);
        let base = Format::new()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(BORDER_GREY));
        let filled = |l: Level| {
            base.clone()
                .set_background_color(Color::RGB(level_fill(l)))
                .set_font_color(Color::RGB(level_text(l)))
        };
        let level = Level::ALL.map(|l| LevelStyles::filled(filled(l), date_fmt));
        let overdue = Level::ALL.map(|l| LevelStyles::filled(filled(l).set_bold(), date_fmt));
        let snoozed = LevelStyles::filled(
            base.clone()
                .set_background_color(Color::RGB(SNOOZED_FILL))
                .set_font_color(Color::RGB(SNOOZED_TEXT)),
            date_fmt,
        );
        let money = currencies
            .iter()
            .map(|&c| {
                let f = money_format(c);
                let of = |st: &LevelStyles| st.int.clone().set_num_format(&f);
                let formats = [
                    of(&level[0]),
                    of(&level[1]),
                    of(&level[2]),
                    of(&level[3]),
                    of(&snoozed),
                    base.clone().set_num_format(&f),
                    of(&overdue[0]),
                    of(&overdue[1]),
                    of(&overdue[2]),
                    of(&overdue[3]),
                ];
                (c.to_string(), formats)
            })
            .collect();
        let status = StatusStyles {
            resolved: Format::new()
                .set_background_color(Color::RGB(RESOLVED_FILL))
                .set_font_color(Color::RGB(RESOLVED_TEXT)),
            no_answer: Format::new().set_background_color(Color::RGB(NO_ANSWER_FILL)),
            contacted: Level::ALL
                .map(|l| Format::new().set_background_color(Color::RGB(contacted_fill(l)))),
        };
        Styles {
            status,
            money,
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
            overdue,
            snoozed,
        }
    }

    /// The formats of a level's cells.
    pub fn of(&self, level: Level) -> &LevelStyles {
        &self.level[level as usize]
    }

    /// An amount's format on a worklist row (see [`Styles::row`]) in its
    /// currency.
    pub fn money(&self, look: RowLook, currency: &str) -> &Format {
        let k = match look {
            RowLook { snoozed: true, .. } => 4,
            RowLook {
                overdue: true,
                level,
                ..
            } => 6 + level as usize,
            RowLook { level, .. } => level as usize,
        };
        self.money_formats(currency)
            .map_or(&self.row(look).int, |f| &f[k])
    }

    /// An amount's format on the summary, in its currency.
    pub fn money_plain(&self, currency: &str) -> &Format {
        self.money_formats(currency).map_or(&self.plain, |f| &f[5])
    }

    fn money_formats(&self, currency: &str) -> Option<&[Format; 10]> {
        self.money
            .iter()
            .find(|(c, _)| c == currency)
            .map(|(_, f)| f)
    }

    /// The formats of a worklist row: its level's, bold when it is
    /// overdue, or grey when snoozed.
    pub fn row(&self, look: RowLook) -> &LevelStyles {
        if look.snoozed {
            &self.snoozed
        } else if look.overdue {
            &self.overdue[look.level as usize]
        } else {
            self.of(look.level)
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
