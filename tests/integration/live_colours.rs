//! The Worklist's live Estado colours, as LibreOffice shows them: statuses typed into the
//! workbook (no run of the engine in between), the workbook printed by LibreOffice to PDF, the
//! page turned into pixels, and the rows' colours read off the page. A "Resuelto" row is the
//! colour table's green, "Sin respuesta" amber, "Contactado" its level's lighter fill; the rows
//! nobody touched keep their level's fill.
//!
//! Needs LibreOffice (`soffice`) and poppler's `pdftoppm`; skipped without them, except under
//! `RW_REQUIRE_SOFFICE=1` (or `CI`).

use crate::common::office::{first_page_printed, type_text, Picture};
use crate::common::{as_of, col_letter, scratch_dir, Book};
use retention_worklist::colours::{
    contacted_fill, level_fill, BORDER_GREY, HEADER_FILL, NO_ANSWER_FILL, RESOLVED_FILL,
    SHEET_BACKGROUND,
};
use retention_worklist::text::workbook::tracking_states;
use retention_worklist::{Lang, Level, Options, Run};

/// One tenant per row, in the worklist's order: two CRÍTICO, an ALTO, a MEDIO, an INFORMATIVO.
/// No owner, phone or email columns: those cells are blank, their fill alone.
const EXPORT: &str = "\
tenant_id,tenant_name,subscription_status,payment_failed,trial_ends_at,messages_used,messages_limit
T-1,Uno,past_due,yes,,,
T-2,Dos,past_due,yes,,,
T-3,Tres,trialing,no,2026-11-28,,
T-4,Cuatro,trialing,no,2026-12-01,,
T-5,Cinco,active,no,,950,1000
";

/// The colours of the rows down a vertical line of the page at `x`, from the first header pixel
/// to the end of the table (the first band of white 10 pixels tall): each colour held for 3
/// pixels or more, in order, white and the borders' grey left out, repeats merged.
fn bands_down(page: &Picture, x: usize, from_y: usize) -> Vec<u32> {
    let mut bands: Vec<u32> = Vec::new();
    let (mut colour, mut run, mut white) = (page.at(x, from_y), 0, 0);
    for y in from_y..page.height {
        let c = page.at(x, y);
        white = if c == SHEET_BACKGROUND { white + 1 } else { 0 };
        if white >= 10 {
            break;
        }
        if c == colour {
            run += 1;
            continue;
        }
        if run >= 3
            && ![SHEET_BACKGROUND, BORDER_GREY].contains(&colour)
            && bands.last() != Some(&colour)
        {
            bands.push(colour);
        }
        (colour, run) = (c, 1);
    }
    bands
}

#[test]
fn libreoffice_shows_the_rows_in_the_colours_of_the_status_typed() {
    let out = Run::new(EXPORT, &Options::new(as_of())).build().unwrap();
    let book = Book::new(out.xlsx.clone());
    let ids = book.worklist_column("ID");
    assert_eq!(ids, ["T-1", "T-2", "T-3", "T-4", "T-5"]);
    let header: Vec<String> = (0..23).map(|c| book.text("Worklist", 0, c)).collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap() as u32;
    let states = tracking_states(Lang::Es);
    // Typed in the Estado cells: T-2 resolved, T-3 no answer, T-4 contacted.
    let estado = |row: u32| format!("{}{row}", col_letter(col("Estado")));
    let typed = [
        (estado(3), states[2]),
        (estado(4), states[3]),
        (estado(5), states[1]),
    ];
    let edited = type_text(&out.xlsx, "xl/worksheets/sheet1.xml", &typed);

    let dir = scratch_dir();
    let Some(page) = first_page_printed(&edited, dir.path(), 60) else {
        return; // no LibreOffice or pdftoppm here (and not required)
    };
    // The header row: the first pixel row mostly its dark blue, and where it starts and ends.
    let y0 = (0..page.height)
        .find(|&y| {
            (0..page.width)
                .filter(|&x| page.at(x, y) == HEADER_FILL)
                .count()
                > page.width / 3
        })
        .expect("the Worklist's header on the first page");
    let xs: Vec<usize> = (0..page.width)
        .filter(|&x| page.at(x, y0) == HEADER_FILL)
        .collect();
    let (left, right) = (xs[0], *xs.last().unwrap());
    // Down the middle of the Owner column (blank on every row): its place on the page from the
    // printed columns' widths (the print area, A to the last printed column, fills the width).
    let widths = column_widths(&book);
    let printed = printed_columns(&book);
    let total: f64 = widths[..printed].iter().sum();
    let owner = col("Owner") as usize;
    let middle = (widths[..owner].iter().sum::<f64>() + widths[owner] / 2.0) / total;
    let x = left + (middle * (right - left) as f64) as usize;

    let want = [
        HEADER_FILL,
        level_fill(Level::Critical),
        RESOLVED_FILL,
        NO_ANSWER_FILL,
        contacted_fill(Level::Medium),
        level_fill(Level::Info),
    ];
    let hex = |v: &[u32]| v.iter().map(|c| format!("{c:06X}")).collect::<Vec<_>>();
    assert_eq!(
        hex(&bands_down(&page, x, y0)),
        hex(&want),
        "the rows' colours on LibreOffice's page, top to bottom, at x = {x}"
    );
    // Without the typing, the same line crosses the level fills.
    let plain = first_page_printed(&out.xlsx, dir.path(), 60).unwrap();
    let levels = [Level::Critical, Level::High, Level::Medium, Level::Info].map(level_fill);
    assert_eq!(
        hex(&bands_down(&plain, x, y0)),
        hex(&[&[HEADER_FILL][..], &levels[..]].concat()),
        "the untouched rows: two CRÍTICO (one band), ALTO, MEDIO, INFORMATIVO"
    );
}

/// The Worklist's column widths (characters), from its `<col>` elements, first column first.
fn column_widths(book: &Book) -> Vec<f64> {
    let xml = book.sheet_xml(1);
    let mut widths = Vec::new();
    for tag in xml.split("<col ").skip(1) {
        let tag = &format!(" {}", &tag[..tag.find('>').unwrap()]);
        let n = |a: &str| {
            crate::common::attr(tag, a)
                .unwrap()
                .parse::<usize>()
                .unwrap()
        };
        let width: f64 = crate::common::attr(tag, "width").unwrap().parse().unwrap();
        assert_eq!(
            widths.len() + 1,
            n("min"),
            "the columns' widths in order, none left out"
        );
        widths.resize(n("max"), width);
    }
    widths
}

/// How many columns the Worklist prints (its print area, `$A$1:$M$6`: 13).
fn printed_columns(book: &Book) -> usize {
    let workbook = book.part("xl/workbook.xml");
    let at = workbook.find("_xlnm.Print_Area").unwrap();
    let area = &workbook[at..];
    let area = &area[area.find('>').unwrap() + 1..area.find("</definedName>").unwrap()];
    let last = area.rsplit(":$").next().unwrap();
    let letters: String = last.chars().take_while(char::is_ascii_uppercase).collect();
    letters
        .bytes()
        .fold(0, |n, b| n * 26 + usize::from(b - b'A' + 1))
}
