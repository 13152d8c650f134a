//! Step 4 of the pipeline: the worklist → an XLSX workbook (bytes).
//!
//! The workbook is the deliverable managers open in Excel, so it has to stand
//! alone: the worklist coloured by level and sorted by urgency, a summary with
//! a chart, the campaign list, the protocol itself and the data problems.
//!
//! Determinism: no wall clock reaches the file. The document's creation date
//! is the report date, zip entries carry the writer's fixed timestamp, and
//! every collection is written in a defined order. Same input and options →
//! same bytes, natively and in WebAssembly.

use crate::classify::Level;
use crate::error::Error;
use crate::options::{Lang, Options};
use crate::plan::WorkItem;
use crate::read::Problem;
use crate::report::Summary;
use crate::text;
use chrono::Datelike;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartPoint, ChartSolidFill, ChartType, Color, DataValidation,
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Url, Workbook,
    Worksheet, XlsxError,
};

/// Excel's limit of characters in a cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limit of rows per sheet.
pub const MAX_SHEET_ROWS: usize = 1_048_576;
/// Excel's limit of hyperlinks per sheet.
pub const MAX_LINKS_PER_SHEET: usize = 65_530;
/// How many `mailto:` links per sheet carry the whole draft as well as the
/// subject (each such link is ~2 KB in the file).
pub const MAX_LINKS_WITH_DRAFT: usize = 10_000;

/// Cuts text to Excel's cell limit (counted in UTF-16 units, as Excel does),
/// ending it with a visible marker. Returns whether it was cut.
///
/// ```
/// use retention_worklist::render::{fit_cell, MAX_CELL_CHARS};
/// use retention_worklist::Lang;
/// let (s, cut) = fit_cell(&"a".repeat(40_000), Lang::Es);
/// assert!(cut && s.ends_with("[cortado]") && s.encode_utf16().count() <= MAX_CELL_CHARS);
/// assert_eq!(fit_cell("corto", Lang::Es), ("corto".to_string(), false));
/// ```
pub fn fit_cell(s: &str, lang: Lang) -> (String, bool) {
    // Fast path: a UTF-8 string of ≤ 32,767 bytes has ≤ 32,767 UTF-16 units.
    if s.len() <= MAX_CELL_CHARS || s.encode_utf16().count() <= MAX_CELL_CHARS {
        return (s.to_string(), false);
    }
    let marker = match lang {
        Lang::Es => "… [cortado]",
        Lang::En => "… [truncated]",
    };
    let budget = MAX_CELL_CHARS - marker.encode_utf16().count();
    let mut units = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > budget {
            break;
        }
        end = i + c.len_utf8();
    }
    (format!("{}{marker}", &s[..end]), true)
}

/// RGB fills of the four levels (solid), strong enough to read at a glance,
/// light enough for black text.
pub fn level_fill(level: Level) -> u32 {
    match level {
        Level::Critical => 0xFF8080,
        Level::High => 0xF8B26A,
        Level::Medium => 0xFFE36E,
        Level::Info => 0x9CC3E6,
    }
}

/// The formats, built once per workbook and reused for every cell.
struct Styles {
    header: Format,
    title: Format,
    bold: Format,
    wrap: Format,
    plain: Format,
    date: Format,
    /// Per level: text, wrapped text, date, percent, integer, link.
    level: [LevelStyles; 4],
}

struct LevelStyles {
    text: Format,
    wrap: Format,
    date: Format,
    percent: Format,
    int: Format,
    link: Format,
    strong: Format,
}

impl Styles {
    fn new(lang: Lang) -> Styles {
        let date_fmt = match lang {
            Lang::Es => "dd/mm/yyyy",
            Lang::En => "yyyy-mm-dd",
        };
        let base = Format::new()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBFBFBF));
        let level = Level::ALL.map(|l| {
            let filled = base.clone().set_background_color(Color::RGB(level_fill(l)));
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
                    .set_font_color(Color::RGB(0x0B3D91))
                    .set_underline(rust_xlsxwriter::FormatUnderline::Single),
                strong: filled.set_bold(),
            }
        });
        Styles {
            header: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0x1F3864))
                .set_align(FormatAlign::Top)
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xBFBFBF)),
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_color(Color::RGB(0x1F3864)),
            bold: Format::new().set_bold(),
            wrap: base.clone().set_text_wrap(),
            plain: base.clone(),
            date: base.set_num_format(date_fmt).set_align(FormatAlign::Left),
            level,
        }
    }

    fn of(&self, level: Level) -> &LevelStyles {
        &self.level[level as usize]
    }
}

fn xlsx_err(e: XlsxError) -> Error {
    Error::Render(e.to_string())
}

fn excel_date(d: chrono::NaiveDate) -> Option<ExcelDateTime> {
    let y = u16::try_from(d.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok()
}

/// Writes text as text (never a formula), cut to Excel's limit.
fn put_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    f: &Format,
    lang: Lang,
) -> Result<(), Error> {
    let (s, _) = fit_cell(s, lang);
    ws.write_string_with_format(row, col, s, f)
        .map_err(xlsx_err)?;
    Ok(())
}

/// Writes text as text (never a formula), cut to Excel's limit, without a
/// format: the column's formats are applied afterwards by [`format_runs`].
fn put_value(ws: &mut Worksheet, row: u32, col: u16, s: &str, lang: Lang) -> Result<(), Error> {
    let (s, _) = fit_cell(s, lang);
    ws.write_string(row, col, s).map_err(xlsx_err)?;
    Ok(())
}

/// Formats rows `first_row..first_row + n` of column `col`, where
/// `format_of(i)` is the format of the `i`-th of those rows. Consecutive rows
/// with the same format (the same `&Format`) get one range call.
///
/// Why not a format per write: rust_xlsxwriter looks every format up by
/// hashing the whole `Format` on each call that takes one; per cell that was
/// ~11 % of a 1M-row run (benches/PROFILE.md). A sorted worklist column is a
/// handful of runs, so this costs a few lookups per sheet. Cells not written
/// yet become formatted blanks.
fn format_runs<'f>(
    ws: &mut Worksheet,
    col: u16,
    first_row: u32,
    n: usize,
    format_of: impl Fn(usize) -> &'f Format,
) -> Result<(), Error> {
    let mut start = 0;
    while start < n {
        let f = format_of(start);
        let mut end = start + 1;
        while end < n && std::ptr::eq(format_of(end), f) {
            end += 1;
        }
        let row = |i: usize| first_row + i as u32;
        ws.set_range_format(row(start), col, row(end - 1), col, f)
            .map_err(xlsx_err)?;
        start = end;
    }
    Ok(())
}

/// The sheet names for `count` pages of a long sheet: "Worklist",
/// "Worklist (2)", …
fn paged_name(base: &str, page: usize) -> String {
    if page == 0 {
        base.to_string()
    } else {
        format!("{base} ({})", page + 1)
    }
}

/// Renders the workbook.
pub fn render(
    items: &[WorkItem],
    problems: &[Problem],
    summary: &Summary,
    o: &Options,
) -> Result<Vec<u8>, Error> {
    render_with_sheet_rows(items, problems, summary, o, MAX_SHEET_ROWS)
}

/// [`render`] with a smaller sheet size (rows including the header), so the
/// split of a long worklist or problems list across sheets can be tested
/// without a million-row input. `sheet_rows` is clamped to 2..=[`MAX_SHEET_ROWS`].
pub fn render_with_sheet_rows(
    items: &[WorkItem],
    problems: &[Problem],
    summary: &Summary,
    o: &Options,
    sheet_rows: usize,
) -> Result<Vec<u8>, Error> {
    let lang = o.lang;
    let names = text::sheet_names(lang);
    let styles = Styles::new(lang);
    let mut wb = Workbook::new();
    // Level 2 saves in ~0.57× the time of the default 6 for ~1.1× the size
    // (rust_xlsxwriter's performance notes); the worklist is mostly text.
    wb.set_zip_compression_level(2);

    // Creation date = report date at midnight UTC: no wall clock in the file.
    let created = excel_date(o.as_of)
        .unwrap_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).expect("valid date"));
    let title = match lang {
        Lang::Es => format!("Worklist de retención {} — {}", o.product_name, o.as_of),
        Lang::En => format!("Retention worklist {} — {}", o.product_name, o.as_of),
    };
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author("retention-worklist")
            .set_creation_datetime(&created),
    );

    let per_sheet = sheet_rows.clamp(2, MAX_SHEET_ROWS) - 1;
    let pages = items.len().div_ceil(per_sheet).max(1);
    for page in 0..pages {
        let chunk =
            &items[(page * per_sheet).min(items.len())..((page + 1) * per_sheet).min(items.len())];
        let ws = wb.add_worksheet();
        ws.set_name(paged_name(names.worklist, page))
            .map_err(xlsx_err)?;
        write_worklist(ws, chunk, &styles, lang)?;
    }
    write_summary(wb.add_worksheet(), summary, &styles, o, names.summary)?;
    // The campaign list splits like the worklist: no MEDIO tenant is cut off.
    let medium: Vec<&WorkItem> = items.iter().filter(|w| w.level == Level::Medium).collect();
    let cpages = medium.len().div_ceil(per_sheet).max(1);
    for page in 0..cpages {
        let chunk = &medium
            [(page * per_sheet).min(medium.len())..((page + 1) * per_sheet).min(medium.len())];
        let name = paged_name(names.campaign, page);
        write_campaign(wb.add_worksheet(), chunk, &styles, o, &name)?;
    }
    write_protocol(wb.add_worksheet(), &styles, o, names.protocol)?;
    let ppages = problems.len().div_ceil(per_sheet).max(1);
    for page in 0..ppages {
        let chunk = &problems
            [(page * per_sheet).min(problems.len())..((page + 1) * per_sheet).min(problems.len())];
        let ws = wb.add_worksheet();
        ws.set_name(paged_name(names.problems, page))
            .map_err(xlsx_err)?;
        write_problems(ws, chunk, &styles, lang)?;
    }
    let bytes = wb.save_to_buffer().map_err(xlsx_err)?;
    // Freeing every cell of a large workbook is ~7 % of a big run; natively the
    // second core does it while the caller writes the file. (wasm has no threads.)
    #[cfg(not(target_arch = "wasm32"))]
    if items.len() > 10_000 {
        std::thread::spawn(move || drop(wb));
    }
    Ok(bytes)
}

fn header_row(
    ws: &mut Worksheet,
    headers: &[&str],
    widths: &[f64],
    s: &Styles,
) -> Result<(), Error> {
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &s.header)
            .map_err(xlsx_err)?;
        ws.set_column_width(c as u16, *w).map_err(xlsx_err)?;
    }
    ws.set_row_height(0, 30).map_err(xlsx_err)?;
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    Ok(())
}

/// Landscape, fitted to the page width, header row on every page, sheet
/// name and page number in the footer.
fn print_setup(ws: &mut Worksheet) -> Result<(), Error> {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0).map_err(xlsx_err)?;
    ws.set_footer("&L&A&R&P / &N");
    Ok(())
}

/// Worklist columns, in the order of [`text::worklist_headers`].
mod col {
    pub const LEVEL: u16 = 0;
    pub const DAYS: u16 = 1;
    pub const ID: u16 = 2;
    pub const TENANT: u16 = 3;
    pub const OWNER: u16 = 4;
    pub const PHONE: u16 = 5;
    pub const EMAIL: u16 = 6;
    pub const EXECUTIVE: u16 = 7;
    pub const PLAN: u16 = 8;
    pub const REASON: u16 = 9;
    pub const ACTION: u16 = 10;
    pub const STATUS: u16 = 11;
    pub const NOTES: u16 = 12;
    pub const TRIAL_END: u16 = 13;
    pub const USAGE: u16 = 14;
    pub const SUBJECT: u16 = 15;
    pub const DRAFT: u16 = 16;
    pub const GOAL: u16 = 17;
    pub const OTHER: u16 = 18;
    pub const LINE: u16 = 19;
    /// The last column printed: who, why, what to do, and tracking.
    pub const LAST_PRINTED: u16 = NOTES;
}

/// Rows formatted together (see `write_worklist`).
const FORMAT_BLOCK: usize = 256;

const W_WIDTHS: [f64; 20] = [
    15.0, 6.0, 10.0, 22.0, 18.0, 17.0, 27.0, 16.0, 11.0, 30.0, 42.0, 13.0, 22.0, 12.0, 10.0, 36.0,
    60.0, 34.0, 30.0, 7.0,
];

fn write_worklist(
    ws: &mut Worksheet,
    items: &[WorkItem],
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let headers = text::worklist_headers(lang);
    header_row(ws, &headers, &W_WIDTHS, s)?;
    let states = text::tracking_states(lang);
    let mut links = 0usize;
    // Values first, without formats, then the formats column by column in
    // `format_runs`, one block of rows at a time: the block's cells are still
    // in cache when their formats are set (per column over the whole sheet,
    // each pass walked 100k rows' cell maps: 12 % of a 1M-row run).
    for (b, block) in items.chunks(FORMAT_BLOCK).enumerate() {
        let first = b * FORMAT_BLOCK;
        // Which rows' phone and email cells are links (they take the link look).
        let mut phone_link = [false; FORMAT_BLOCK];
        let mut email_link = [false; FORMAT_BLOCK];
        for (k, w) in block.iter().enumerate() {
            let r = (first + k + 1) as u32;
            let c = &w.contact;
            put_value(ws, r, col::LEVEL, &text::level_label(w.level, lang), lang)?;
            if let Some(d) = w.days_left {
                ws.write_number(r, col::DAYS, d as f64).map_err(xlsx_err)?;
            }
            put_value(ws, r, col::ID, &c.id, lang)?;
            put_value(ws, r, col::TENANT, &c.name, lang)?;
            put_value(ws, r, col::OWNER, &c.owner, lang)?;
            match &w.dial {
                // A formula we build from digits only, never from the cell text:
                // the phone column can't smuggle a formula in. Excel allows 255
                // characters of text in a formula; a longer phone stays text.
                Some(digits) if c.phone.trim().chars().count() <= 255 => {
                    let formula = format!("=HYPERLINK(\"tel:{digits}\",\"{}\")", c.phone.trim());
                    ws.write_formula(
                        r,
                        col::PHONE,
                        Formula::new(formula).set_result(c.phone.trim()),
                    )
                    .map_err(xlsx_err)?;
                    phone_link[k] = true;
                }
                _ => put_value(ws, r, col::PHONE, &c.phone, lang)?,
            }
            // Excel accepts at most 65,530 links per sheet; past that the address
            // is plain text (still complete and copyable). The most urgent rows'
            // links also carry the draft; past MAX_LINKS_WITH_DRAFT, the subject
            // only, which keeps very large workbooks light to build and open.
            let link = match links {
                n if n < MAX_LINKS_WITH_DRAFT => w.mailto(true),
                n if n < MAX_LINKS_PER_SHEET => w.mailto(false),
                _ => None,
            };
            match link {
                Some(link) => {
                    links += 1;
                    let (shown, _) = fit_cell(&c.email, lang);
                    let st = s.of(w.level);
                    ws.write_url_with_format(
                        r,
                        col::EMAIL,
                        Url::new(link).set_text(shown),
                        &st.link,
                    )
                    .map_err(xlsx_err)?;
                    email_link[k] = true;
                }
                _ => put_value(ws, r, col::EMAIL, &c.email, lang)?,
            }
            put_value(ws, r, col::EXECUTIVE, &c.executive, lang)?;
            put_value(ws, r, col::PLAN, &c.plan, lang)?;
            put_value(ws, r, col::REASON, &w.reason, lang)?;
            put_value(ws, r, col::ACTION, &w.action, lang)?;
            put_value(ws, r, col::STATUS, states[0], lang)?;
            if let Some(d) = w.trial_end.and_then(excel_date) {
                ws.write_datetime(r, col::TRIAL_END, &d).map_err(xlsx_err)?;
            }
            if let Some(u) = w.usage_ratio() {
                ws.write_number(r, col::USAGE, u).map_err(xlsx_err)?;
            }
            put_value(ws, r, col::SUBJECT, &w.subject, lang)?;
            put_value(ws, r, col::DRAFT, &w.draft, lang)?;
            put_value(ws, r, col::GOAL, &w.goal, lang)?;
            put_value(ws, r, col::OTHER, &w.other_signals, lang)?;
            ws.write_number(r, col::LINE, w.line as f64)
                .map_err(xlsx_err)?;
            ws.set_row_height(r, 60).map_err(xlsx_err)?;
        }
        // Every cell of a row takes its level's fill; empty cells (no days
        // left, no notes yet) are formatted blanks: coloured edge to edge.
        for column in 0..W_WIDTHS.len() as u16 {
            format_runs(ws, column, (first + 1) as u32, block.len(), |k| {
                let st = s.of(block[k].level);
                match column {
                    col::LEVEL => &st.strong,
                    col::DAYS | col::LINE => &st.int,
                    col::PHONE if phone_link[k] => &st.link,
                    col::EMAIL if email_link[k] => &st.link,
                    col::ID | col::PHONE | col::EMAIL | col::PLAN | col::STATUS | col::DRAFT => {
                        &st.text
                    }
                    col::TRIAL_END => &st.date,
                    col::USAGE => &st.percent,
                    _ => &st.wrap,
                }
            })?;
        }
    }
    let last = items.len() as u32;
    ws.autofilter(0, 0, last, (headers.len() - 1) as u16)
        .map_err(xlsx_err)?;
    if last > 0 {
        let dv = DataValidation::new()
            .allow_list_strings(&states)
            .map_err(xlsx_err)?;
        ws.add_data_validation(1, col::STATUS, last, col::STATUS, &dv)
            .map_err(xlsx_err)?;
    }
    print_setup(ws)?;
    ws.set_print_area(0, 0, last, col::LAST_PRINTED)
        .map_err(xlsx_err)?;
    Ok(())
}

fn write_summary(
    ws: &mut Worksheet,
    sm: &Summary,
    s: &Styles,
    o: &Options,
    name: &str,
) -> Result<(), Error> {
    let lang = o.lang;
    let es = lang == Lang::Es;
    ws.set_name(name).map_err(xlsx_err)?;
    ws.set_column_width(0, 30).map_err(xlsx_err)?;
    ws.set_column_width(1, 34).map_err(xlsx_err)?;
    for c in 2..=6 {
        ws.set_column_width(c, 16).map_err(xlsx_err)?;
    }
    let title = if es {
        format!("Worklist de retención y upselling — {}", o.product_name)
    } else {
        format!("Retention and upselling worklist — {}", o.product_name)
    };
    put_text(ws, 0, 0, &title, &s.title, lang)?;
    let mut r = 2u32;
    let kv = |ws: &mut Worksheet, r: &mut u32, k: &str, v: &str| -> Result<(), Error> {
        put_text(ws, *r, 0, k, &s.bold, lang)?;
        put_text(ws, *r, 1, v, &s.wrap, lang)?;
        *r += 1;
        Ok(())
    };
    let th = &sm.thresholds;
    let order = match (sm.date_order, sm.date_order_source, es) {
        (o, crate::read::DateOrderSource::Option, true) => format!("{o} (indicado por opción)"),
        (o, crate::read::DateOrderSource::Option, false) => format!("{o} (given as an option)"),
        (o, crate::read::DateOrderSource::Detected, true) => {
            format!("{o} (detectado en los datos)")
        }
        (o, crate::read::DateOrderSource::Detected, false) => {
            format!("{o} (detected from the data)")
        }
        (o, crate::read::DateOrderSource::Default, true) => format!("{o} (por defecto)"),
        (o, crate::read::DateOrderSource::Default, false) => format!("{o} (default)"),
    };
    let as_of = o.as_of;
    let rows: Vec<(&str, String)> = vec![
        (
            if es { "Fecha de corte" } else { "As-of date" },
            text::format_date(as_of, lang),
        ),
        (if es { "Zona horaria" } else { "Time zone" }, sm.tz.clone()),
        (if es { "Archivo" } else { "File" }, sm.file_name.clone()),
        (
            if es { "Codificación" } else { "Encoding" },
            sm.encoding.to_string(),
        ),
        (
            if es { "Delimitador" } else { "Delimiter" },
            sm.delimiter.to_string(),
        ),
        (if es { "Orden de fechas" } else { "Date order" }, order),
        (
            if es { "Umbrales" } else { "Thresholds" },
            if es {
                format!(
                    "ALTO ≤ {} días · MEDIO {}-{} días · INFORMATIVO > {} % de uso",
                    th.high_days,
                    th.high_days + 1,
                    th.medium_days,
                    th.usage_percent
                )
            } else {
                format!(
                    "HIGH ≤ {} days · MEDIUM {}-{} days · INFO > {} % usage",
                    th.high_days,
                    th.high_days + 1,
                    th.medium_days,
                    th.usage_percent
                )
            },
        ),
    ];
    for (k, v) in &rows {
        kv(ws, &mut r, k, v)?;
    }

    r += 1;
    put_text(
        ws,
        r,
        0,
        if es {
            "Tenants por nivel"
        } else {
            "Tenants per level"
        },
        &s.header,
        lang,
    )?;
    put_text(
        ws,
        r,
        1,
        if es { "Cantidad" } else { "Count" },
        &s.header,
        lang,
    )?;
    r += 1;
    let first_level_row = r;
    for l in Level::ALL {
        let st = s.of(l);
        put_text(ws, r, 0, &text::level_label(l, lang), &st.strong, lang)?;
        ws.write_number_with_format(r, 1, sm.count(l) as f64, &st.int)
            .map_err(xlsx_err)?;
        r += 1;
    }
    let others: [(&str, u64); 5] = [
        (if es { "Sin riesgo" } else { "No risk" }, sm.no_risk),
        (
            if es {
                "Filas rechazadas"
            } else {
                "Rejected rows"
            },
            sm.rejected,
        ),
        (if es { "Filas leídas" } else { "Rows read" }, sm.rows),
        (
            if es {
                "Problemas en los datos"
            } else {
                "Data problems"
            },
            sm.problems,
        ),
        (
            if es {
                "Filas en blanco omitidas"
            } else {
                "Blank rows skipped"
            },
            sm.blank_rows,
        ),
    ];
    for (k, v) in others {
        put_text(ws, r, 0, k, &s.plain, lang)?;
        ws.write_number_with_format(
            r,
            1,
            v as f64,
            &s.plain.clone().set_align(FormatAlign::Left),
        )
        .map_err(xlsx_err)?;
        r += 1;
    }

    // Chart: one bar per level, coloured like the rows.
    let mut chart = Chart::new(ChartType::Bar);
    let points: Vec<ChartPoint> = Level::ALL
        .iter()
        .map(|&l| {
            ChartPoint::new().set_format(
                ChartFormat::new()
                    .set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(level_fill(l)))),
            )
        })
        .collect();
    chart
        .add_series()
        .set_categories((name, first_level_row, 0, first_level_row + 3, 0))
        .set_values((name, first_level_row, 1, first_level_row + 3, 1))
        .set_points(&points);
    chart.title().set_name(if es {
        "Tenants por nivel"
    } else {
        "Tenants per level"
    });
    chart.legend().set_hidden();
    chart.y_axis().set_reverse();
    ws.insert_chart(1, 3, &chart).map_err(xlsx_err)?;

    r = r.max(17) + 1;
    put_text(
        ws,
        r,
        0,
        if es {
            "Por ejecutivo de cuenta"
        } else {
            "Per account executive"
        },
        &s.header,
        lang,
    )?;
    for (i, l) in Level::ALL.iter().enumerate() {
        put_text(
            ws,
            r,
            (i + 1) as u16,
            &text::level_label(*l, lang),
            &s.of(*l).strong,
            lang,
        )?;
    }
    put_text(ws, r, 5, "Total", &s.header, lang)?;
    r += 1;
    for e in &sm.by_executive {
        let who = if e.executive.is_empty() {
            if es { "(sin asignar)" } else { "(unassigned)" }.to_string()
        } else {
            e.executive.clone()
        };
        put_text(ws, r, 0, &who, &s.plain, lang)?;
        let counts = [e.critical, e.high, e.medium, e.info];
        for (i, n) in counts.iter().enumerate() {
            ws.write_number_with_format(r, (i + 1) as u16, *n as f64, &s.plain)
                .map_err(xlsx_err)?;
        }
        ws.write_number_with_format(r, 5, counts.iter().sum::<u64>() as f64, &s.plain)
            .map_err(xlsx_err)?;
        r += 1;
    }

    r += 1;
    put_text(
        ws,
        r,
        0,
        if es {
            "Reglas no evaluadas"
        } else {
            "Rules not evaluated"
        },
        &s.header,
        lang,
    )?;
    r += 1;
    if sm.rules_not_evaluated.is_empty() {
        put_text(
            ws,
            r,
            0,
            if es {
                "Ninguna: todas las reglas se evaluaron"
            } else {
                "None: every rule was evaluated"
            },
            &s.plain,
            lang,
        )?;
        r += 1;
    }
    for rule in &sm.rules_not_evaluated {
        put_text(
            ws,
            r,
            0,
            &text::level_label(rule.level, lang),
            &s.of(rule.level).strong,
            lang,
        )?;
        put_text(ws, r, 1, &rule.reason, &s.wrap, lang)?;
        r += 1;
    }

    r += 1;
    put_text(
        ws,
        r,
        0,
        if es {
            "Columnas reconocidas"
        } else {
            "Recognised columns"
        },
        &s.header,
        lang,
    )?;
    put_text(
        ws,
        r,
        1,
        if es {
            "Encabezado en el archivo"
        } else {
            "Header in the file"
        },
        &s.header,
        lang,
    )?;
    r += 1;
    for c in &sm.columns {
        put_text(ws, r, 0, c.field, &s.plain, lang)?;
        put_text(ws, r, 1, &c.header, &s.plain, lang)?;
        r += 1;
    }
    let ignored: Vec<String> = sm
        .unknown_columns
        .iter()
        .chain(&sm.duplicate_columns)
        .cloned()
        .collect();
    if !ignored.is_empty() {
        put_text(
            ws,
            r,
            0,
            if es {
                "Columnas ignoradas"
            } else {
                "Ignored columns"
            },
            &s.bold,
            lang,
        )?;
        put_text(ws, r, 1, &ignored.join(", "), &s.wrap, lang)?;
        r += 1;
    }
    for n in &sm.notices {
        put_text(ws, r, 0, if es { "Aviso" } else { "Notice" }, &s.bold, lang)?;
        put_text(ws, r, 1, n, &s.wrap, lang)?;
        r += 1;
    }
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn write_campaign(
    ws: &mut Worksheet,
    items: &[&WorkItem],
    s: &Styles,
    o: &Options,
    name: &str,
) -> Result<(), Error> {
    let lang = o.lang;
    ws.set_name(name).map_err(xlsx_err)?;
    let headers = text::campaign_headers(lang);
    header_row(ws, &headers, &[24.0, 30.0, 28.0, 12.0, 14.0, 14.0], s)?;
    let mut r = 1u32;
    for w in items {
        let c = &w.contact;
        put_value(ws, r, 0, &c.owner, lang)?;
        put_value(ws, r, 1, &c.email, lang)?;
        put_value(ws, r, 2, &c.name, lang)?;
        put_value(ws, r, 3, &c.id, lang)?;
        if let Some(d) = w.trial_end.and_then(excel_date) {
            ws.write_datetime(r, 4, &d).map_err(xlsx_err)?;
        }
        if let Some(d) = w.days_left {
            ws.write_number(r, 5, d as f64).map_err(xlsx_err)?;
        }
        r += 1;
    }
    for column in 0..headers.len() as u16 {
        let f = if column == 4 { &s.date } else { &s.plain };
        format_runs(ws, column, 1, items.len(), |_| f)?;
    }
    ws.autofilter(0, 0, r.saturating_sub(1), (headers.len() - 1) as u16)
        .map_err(xlsx_err)?;
    print_setup(ws)?;
    Ok(())
}

fn write_protocol(ws: &mut Worksheet, s: &Styles, o: &Options, name: &str) -> Result<(), Error> {
    let lang = o.lang;
    let es = lang == Lang::Es;
    ws.set_name(name).map_err(xlsx_err)?;
    let headers: [&str; 4] = if es {
        ["Nivel", "Disparador", "Acciones", "Objetivo"]
    } else {
        ["Level", "Trigger", "Actions", "Goal"]
    };
    header_row(ws, &headers, &[18.0, 40.0, 80.0, 40.0], s)?;
    for (i, l) in Level::ALL.iter().enumerate() {
        let r = (i + 1) as u32;
        let st = s.of(*l);
        let [trigger, actions, goal] = text::protocol(*l, lang, &o.product_name, &o.thresholds);
        put_text(ws, r, 0, &text::level_label(*l, lang), &st.strong, lang)?;
        put_text(ws, r, 1, &trigger, &s.wrap, lang)?;
        put_text(ws, r, 2, &actions, &s.wrap, lang)?;
        put_text(ws, r, 3, &goal, &s.wrap, lang)?;
        ws.set_row_height(r, 80).map_err(xlsx_err)?;
    }
    let foot = if es {
        "Frecuencia de revisión: diaria, preferiblemente al inicio de la jornada. Equipo responsable: Operaciones y Ventas. Un tenant recibe el nivel más urgente que cumple; las demás señales aparecen en «Otras señales»."
    } else {
        "Review frequency: daily, preferably at the start of the working day. Responsible team: Operations and Sales. A tenant gets the most urgent level it matches; the other signals appear under \"Other signals\"."
    };
    put_text(ws, 6, 0, foot, &s.bold, lang)?;
    print_setup(ws)?;
    Ok(())
}

fn write_problems(
    ws: &mut Worksheet,
    problems: &[Problem],
    s: &Styles,
    lang: Lang,
) -> Result<(), Error> {
    let headers = text::problem_headers(lang);
    header_row(ws, &headers, &[8.0, 26.0, 22.0, 30.0, 70.0], s)?;
    if problems.is_empty() {
        let none = match lang {
            Lang::Es => "Sin problemas: todas las filas se leyeron completas.",
            Lang::En => "No problems: every row was read in full.",
        };
        put_text(ws, 1, 0, none, &s.bold, lang)?;
    }
    for (i, p) in problems.iter().enumerate() {
        let r = (i + 1) as u32;
        ws.write_number(r, 0, p.line as f64).map_err(xlsx_err)?;
        put_value(ws, r, 1, &p.tenant, lang)?;
        put_value(ws, r, 2, &p.column, lang)?;
        put_value(ws, r, 3, &p.value, lang)?;
        put_value(ws, r, 4, &text::expected_text(p.expected, lang), lang)?;
    }
    for column in 0..headers.len() as u16 {
        let f = if column == 4 { &s.wrap } else { &s.plain };
        format_runs(ws, column, 1, problems.len(), |_| f)?;
    }
    if !problems.is_empty() {
        ws.autofilter(0, 0, problems.len() as u32, 4)
            .map_err(xlsx_err)?;
    }
    print_setup(ws)?;
    Ok(())
}
