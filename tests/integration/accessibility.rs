//! The workbook for every reader: what Excel's Accessibility Checker checks
//! and this workbook can have. Text contrast (WCAG 2.1 AA) computed from the
//! one colour table and checked in the workbook's own formats; alternative
//! text on every chart; every data sheet's header row repeated on each printed
//! page (its print titles); no merged cells.

use crate::common::{attr, options, sample, Book};
use calamine::Data;
use retention_worklist::colours::{self, text_pairs, TextOn};
use retention_worklist::{render_with_sheet_rows, Lang, Level, Output, Run};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// WCAG 2.1 relative luminance of an sRGB colour (0xRRGGBB).
fn luminance(rgb: u32) -> f64 {
    let channel = |shift: u32| {
        let c = ((rgb >> shift) & 0xFF) as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
}

/// WCAG 2.1 contrast ratio of two colours (1 to 21).
fn contrast(a: u32, b: u32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The ratio WCAG 2.1 AA asks of text (1.4.3): 3:1 large, 4.5:1 otherwise.
fn needed(large: bool) -> f64 {
    if large {
        3.0
    } else {
        4.5
    }
}

#[test]
fn contrast_formula_matches_known_values() {
    assert!((contrast(0x000000, 0xFFFFFF) - 21.0).abs() < 1e-9);
    assert!((contrast(0x777777, 0xFFFFFF) - 4.48).abs() < 0.01);
    // The pair the page's accessibility audit found: 4.25:1 on the CRÍTICO fill.
    assert!((contrast(0x633232, 0xFF8080) - 4.25).abs() < 0.02);
}

#[test]
fn every_text_colour_of_the_table_reaches_wcag_aa_on_its_background() {
    let pairs = text_pairs();
    // Every level's text and links, on its fill; the snoozed rows; headers; titles.
    for l in Level::ALL {
        assert!(pairs
            .iter()
            .any(|p| p.background == colours::level_fill(l) && p.text == colours::level_text(l)));
        assert!(pairs
            .iter()
            .any(|p| p.background == colours::level_fill(l) && p.text == colours::LINK_TEXT));
    }
    let mut failing = Vec::new();
    for TextOn {
        what,
        text,
        background,
        large,
    } in pairs
    {
        let ratio = contrast(text, background);
        println!("{what:>22}: #{text:06X} on #{background:06X} = {ratio:.2}:1");
        if ratio < needed(large) {
            failing.push(format!(
                "{what}: #{text:06X} on #{background:06X} is {ratio:.2}:1, needs {}:1",
                needed(large)
            ));
        }
    }
    assert!(failing.is_empty(), "{failing:#?}");
}

/// One format of the workbook (a `<xf>` of `cellXfs`), as text on a background.
#[derive(Debug, PartialEq)]
struct CellLook {
    /// `None`: Excel's automatic colour (no colour, or a theme's).
    text: Option<u32>,
    /// `None`: no fill.
    fill: Option<u32>,
    large: bool,
}

/// The elements `<tag …>…</tag>` (or `<tag …/>`) inside the first `<list>`.
fn items<'a>(xml: &'a str, list: &str, tag: &str) -> Vec<&'a str> {
    let start = xml.find(&format!("<{list}")).unwrap();
    let end = xml[start..].find(&format!("</{list}>")).unwrap() + start;
    let body = &xml[start..end];
    let open = format!("<{tag}");
    body.match_indices(&open)
        .filter(|(i, _)| {
            // `<font>` but not `<fonts>`
            matches!(
                body.as_bytes().get(i + open.len()),
                Some(b' ' | b'>' | b'/')
            )
        })
        .map(|(i, _)| {
            let rest = &body[i..];
            let close = format!("</{tag}>");
            let first_gt = rest.find('>').unwrap();
            if rest[..first_gt].ends_with('/') {
                &rest[..first_gt + 1]
            } else {
                &rest[..rest.find(&close).map_or(rest.len(), |e| e + close.len())]
            }
        })
        .collect()
}

fn rgb(tag: &str) -> Option<u32> {
    let v = attr(tag, "rgb")?;
    u32::from_str_radix(&v[v.len() - 6..], 16).ok()
}

/// Every cell format of a workbook.
fn cell_looks(book: &Book) -> Vec<CellLook> {
    let styles = book.part("xl/styles.xml");
    let fonts = items(&styles, "fonts", "font");
    let fills = items(&styles, "fills", "fill");
    items(&styles, "cellXfs", "xf")
        .into_iter()
        .map(|xf| {
            let font = fonts[attr(xf, "fontId").unwrap().parse::<usize>().unwrap()];
            let fill = fills[attr(xf, "fillId").unwrap().parse::<usize>().unwrap()];
            let text = font.find("<color").and_then(|at| rgb(&font[at..]));
            let size: f64 = font
                .find("<sz")
                .and_then(|at| attr(&font[at..], "val"))
                .map_or(11.0, |v| v.parse().unwrap());
            let bold = font.contains("<b/>");
            let fill = fill
                .contains("patternType=\"solid\"")
                .then(|| fill.find("<fgColor").and_then(|at| rgb(&fill[at..])))
                .flatten();
            CellLook {
                text,
                fill,
                large: size >= 18.0 || (bold && size >= 14.0),
            }
        })
        .collect()
}

/// A previous worklist as a person left it: day 1's rows, the first one
/// snoozed past day 2 (so day 2 has a grey snoozed row).
fn previous_with_a_snooze(day1: &[u8]) -> Vec<u8> {
    let ws = Book::new(day1).range("Worklist");
    let rows: Vec<Vec<Data>> = ws.rows().map(|r| r.to_vec()).collect();
    let snooze = rows[0].iter().position(|h| *h == "Posponer hasta").unwrap() as u16;
    let mut wb = Workbook::new();
    let sh = wb.add_worksheet().set_name("Worklist").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v {
                Data::Empty => continue,
                Data::Float(f) => sh.write_number(r, c, *f),
                Data::DateTime(d) => sh.write_number_with_format(r, c, d.as_f64(), &date),
                other => sh.write_string(r, c, other.to_string()),
            }
            .unwrap();
        }
    }
    let later = ExcelDateTime::from_ymd(2026, 12, 20).unwrap();
    sh.write_datetime_with_format(1, snooze, later, &date)
        .unwrap();
    wb.save_to_buffer().unwrap()
}

/// The workbooks the checks run on: the sample in Spanish and in English,
/// a second day with a previous worklist (snoozed row, Cambios sheet), and
/// one split across sheets of 4 rows.
fn workbooks() -> Vec<(&'static str, Lang, Output)> {
    let day1 = Run::new(sample(), &options()).build().unwrap();
    let mut en = options();
    en.lang = Lang::En;
    let mut o2 = options();
    o2.as_of = o2.as_of.succ_opt().unwrap();
    let previous = previous_with_a_snooze(&day1.xlsx);
    let day2 = Run::new(sample(), &o2)
        .previous(Some(&previous))
        .build()
        .unwrap();
    assert!(
        day2.summary.changes.as_ref().unwrap().snoozed > 0,
        "the second day has a snoozed row"
    );
    let mut paged = Run::new(sample(), &options()).build().unwrap();
    let analysis = Run::new(sample(), &options()).analyze().unwrap();
    paged.xlsx = render_with_sheet_rows(&analysis, &options(), 5).unwrap();
    vec![
        ("sample (es)", Lang::Es, day1),
        (
            "sample (en)",
            Lang::En,
            Run::new(sample(), &en).build().unwrap(),
        ),
        ("second day, with a previous worklist", Lang::Es, day2),
        ("split across sheets", Lang::Es, paged),
    ]
}

#[test]
fn every_cell_format_of_the_workbook_is_a_pair_of_the_table() {
    let pairs = text_pairs();
    for (what, _, out) in workbooks() {
        let book = Book::new(out.xlsx);
        let looks = cell_looks(&book);
        assert!(looks.len() > 10, "{what}: {} formats", looks.len());
        for look in looks {
            let background = look.fill.unwrap_or(colours::SHEET_BACKGROUND);
            // A fill always comes with its own text colour: Excel's automatic one turns light
            // under a dark Office theme, over the same light fill.
            let text = match look.text {
                Some(t) => t,
                None => {
                    assert_eq!(
                        look.fill, None,
                        "{what}: {look:?} has a fill but automatic text"
                    );
                    colours::PLAIN_TEXT
                }
            };
            let listed = pairs
                .iter()
                .any(|p| p.text == text && p.background == background && (p.large || !look.large));
            assert!(
                listed,
                "{what}: #{text:06X} on #{background:06X} ({look:?}) is not in colours::text_pairs()"
            );
            let ratio = contrast(text, background);
            assert!(
                ratio >= needed(look.large),
                "{what}: #{text:06X} on #{background:06X} is {ratio:.2}:1"
            );
        }
    }
}

#[test]
fn every_chart_has_alternative_text_saying_its_numbers() {
    for (what, lang, out) in workbooks() {
        let s = &out.summary;
        let book = Book::new(out.xlsx);
        let names = book.part_names();
        let charts = names
            .iter()
            .filter(|p| p.starts_with("xl/charts/chart"))
            .count();
        assert!(charts >= 1, "{what}: the Resumen has a chart");
        let mut frames = 0;
        for drawing in names
            .iter()
            .filter(|p| p.starts_with("xl/drawings/drawing"))
        {
            let xml = book.part(drawing);
            for (at, _) in xml.match_indices("<xdr:graphicFrame") {
                frames += 1;
                let props = &xml[at..];
                let props = &props[props.find("<xdr:cNvPr").unwrap()..];
                let props = &props[..props.find('>').unwrap()];
                let alt = attr(props, "descr").unwrap_or_default();
                assert!(
                    !alt.is_empty(),
                    "{what}: a chart in {drawing} has no alternative text"
                );
                assert!(alt.chars().count() <= 255, "{what}: {alt}");
                for (l, n) in Level::ALL.iter().map(|&l| (l, s.count(l))) {
                    let word = retention_worklist::text::level_word(l, lang);
                    assert!(
                        alt.contains(&format!("{word} {n}")),
                        "{what}: {alt:?} lacks {word} {n}"
                    );
                }
            }
        }
        assert_eq!(frames, charts, "{what}: every chart is in a drawing");
    }
}

#[test]
fn the_alternative_text_stays_under_excels_limit_whatever_the_counts() {
    for lang in [Lang::Es, Lang::En] {
        let alt = retention_worklist::text::workbook::chart_alt_text([u64::MAX; 4], lang);
        assert!(
            alt.encode_utf16().count() <= 255,
            "{} chars: {alt}",
            alt.len()
        );
    }
}

/// A defined name: its name, the sheet it belongs to (index; None: the
/// workbook's), and what it refers to.
type DefinedName = (String, Option<usize>, String);

/// The sheets of a workbook (workbook order) and its defined names.
fn defined_names(book: &Book) -> (Vec<String>, Vec<DefinedName>) {
    let xml = book.part("xl/workbook.xml");
    let sheets = items(&xml, "sheets", "sheet")
        .into_iter()
        .map(|s| attr(s, "name").unwrap().replace("&apos;", "'"))
        .collect();
    let names = if xml.contains("<definedNames>") {
        items(&xml, "definedNames", "definedName")
            .into_iter()
            .map(|d| {
                let body = &d[d.find('>').unwrap() + 1..d.rfind("</").unwrap()];
                (
                    attr(d, "name").unwrap().to_string(),
                    attr(d, "localSheetId").map(|i| i.parse().unwrap()),
                    body.replace("&apos;", "'"),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    (sheets, names)
}

#[test]
fn every_data_sheet_repeats_its_header_row_and_nothing_is_merged() {
    for (what, lang, out) in workbooks() {
        let summary_name = retention_worklist::text::workbook::sheet_names(lang).summary;
        let book = Book::new(out.xlsx);
        let (sheets, names) = defined_names(&book);
        assert!(sheets.len() >= 5, "{what}: {sheets:?}");
        for (i, sheet) in sheets.iter().enumerate() {
            let xml = book.sheet_xml(i + 1);
            assert!(
                !xml.contains("<mergeCell"),
                "{what}: {sheet} has merged cells"
            );
            let local = |n: &str| {
                names
                    .iter()
                    .find(|(name, at, _)| name == n && *at == Some(i))
            };
            if sheet == summary_name {
                continue;
            }
            // A sheet name in a formula, quoted or not ('Worklist (2)'!…, Campaña!…).
            let refers = |formula: &str, cells: &str| {
                formula == format!("{sheet}!{cells}")
                    || formula == format!("'{}'!{cells}", sheet.replace('\'', "''"))
            };
            let (_, _, titles) = local("_xlnm.Print_Titles")
                .unwrap_or_else(|| panic!("{what}: {sheet} has no print titles"));
            assert!(
                refers(titles, "$1:$1"),
                "{what}: {sheet}'s print titles are {titles}"
            );
            // Row 1 is the header row: a word, on the header fill.
            assert!(
                !book.text(sheet, 0, 0).is_empty(),
                "{what}: {sheet}!A1 is empty"
            );
            assert_eq!(
                book.fill_of(i + 1, "A1"),
                Some(colours::HEADER_FILL),
                "{what}: {sheet}"
            );
        }
    }
}
