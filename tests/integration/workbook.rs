//! The workbook, read back: sheets, columns, levels, fills, order, links,
//! determinism. These tests open the bytes the engine produced, the way a
//! manager's Excel would.

use crate::common::{as_of, col_letter, fixture, options, sample, Book};
use calamine::Data;
use retention_worklist::level_fill;
use retention_worklist::{Lang, Level, Run};

const LEVEL: u32 = 0;
const DAYS: u32 = 1;
const ID: u32 = 2;
const TENANT: u32 = 3;
const PHONE: u32 = 5;
const EMAIL: u32 = 6;
const REASON: u32 = 9;
const STATUS: u32 = 11;
const TRIAL_END: u32 = 16;
const USAGE: u32 = 17;
const SUBJECT: u32 = 18;
const DRAFT: u32 = 19;
const OTHER: u32 = 21;
const LINE: u32 = 22;

/// The link font colour of the worklist (the colour table).
const LINK_BLUE: u32 = retention_worklist::colours::LINK_TEXT;

/// The XML of one cell, `<c r="…" …>` up to its end.
fn cell_xml<'a>(sheet: &'a str, cell: &str) -> &'a str {
    let at = sheet
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let rest = &sheet[at..];
    let end = rest.find("</c>").map_or(rest.len(), |e| e + 4);
    let empty = rest.find("/>").map_or(rest.len(), |e| e + 2);
    &rest[..end.min(empty)]
}

/// Phone and email cells of worklist row `r` look like links (blue font)
/// exactly when they are links; returns (phone is a link, email is a link).
fn assert_link_looks(book: &Book, sheet: &str, r: u32) -> (bool, bool) {
    let phone = format!("{}{}", col_letter(PHONE), r + 1);
    let email = format!("{}{}", col_letter(EMAIL), r + 1);
    let is_link = |c: &str| book.font_color_of(1, c) == Some(LINK_BLUE);
    let phone_is_formula = cell_xml(sheet, &phone).contains("<f>HYPERLINK(\"tel:");
    assert_eq!(is_link(&phone), phone_is_formula, "link look of {phone}");
    let email_has_link = sheet.contains(&format!("<hyperlink ref=\"{email}\""));
    assert_eq!(is_link(&email), email_has_link, "link look of {email}");
    (phone_is_formula, email_has_link)
}

fn level_of(label: &str) -> Level {
    for l in Level::ALL {
        for lang in [Lang::Es, Lang::En] {
            if label == retention_worklist::text::level_label(l, lang) {
                return l;
            }
        }
    }
    panic!("not a level label: {label:?}")
}

#[test]
fn sheets_and_headers_in_spanish() {
    let out = Run::new(sample(), &options()).build().unwrap();
    let book = Book::new(out.xlsx);
    assert_eq!(
        book.sheet_names(),
        [
            "Worklist",
            "Resumen",
            "Campaña",
            "Protocolo",
            "Problemas",
            "Historial",
            "Historial por ejecutivo"
        ]
    );
    let headers: Vec<String> = (0..23).map(|c| book.text("Worklist", 0, c)).collect();
    for needed in [
        "Nivel",
        "ID",
        "Tenant",
        "Owner",
        "Email",
        "Teléfono",
        "Ejecutivo",
        "Plan",
        "Motivo",
        "Fin del trial",
        "Uso de mensajes",
        "Acción",
        "Asunto email",
        "Borrador email",
        "Objetivo",
        "Otras señales",
        "Estado",
        "Notas",
        "Cambio",
        "Posponer hasta",
        "En lista desde",
    ] {
        assert!(
            headers.iter().any(|h| h == needed),
            "missing header {needed}: {headers:?}"
        );
    }
}

#[test]
fn sheets_and_headers_in_english() {
    let mut o = options();
    o.lang = Lang::En;
    let out = Run::new(sample(), &o).build().unwrap();
    let book = Book::new(out.xlsx);
    assert_eq!(
        book.sheet_names(),
        [
            "Worklist",
            "Summary",
            "Campaign",
            "Protocol",
            "Problems",
            "Daily history",
            "History by executive"
        ]
    );
    assert_eq!(book.text("Worklist", 0, LEVEL), "Level");
    assert_eq!(book.text("Worklist", 1, LEVEL), "🔴 CRITICAL");
    assert_eq!(book.text("Worklist", 1, STATUS), "Pending");
    assert!(book
        .text("Worklist", 1, SUBJECT)
        .starts_with("Urgent Action Required"));
}

#[test]
fn every_row_is_one_tenant_sorted_by_urgency_and_filled_by_level() {
    let out = Run::new(sample(), &options()).build().unwrap();
    let s = &out.summary;
    let book = Book::new(out.xlsx);
    let range = book.range("Worklist");
    let n = (s.critical + s.high + s.medium + s.info) as u32;
    assert!(
        s.critical > 0 && s.high > 0 && s.medium > 0 && s.info > 0,
        "sample must show every level"
    );
    assert_eq!(
        range.height() as u32,
        n + 1,
        "one row per tenant to act on, plus the header"
    );

    let sheet = book.sheet_xml(1);
    let mut prev: Option<(Level, f64)> = None;
    let mut ids = std::collections::HashSet::new();
    for r in 1..=n {
        let level = level_of(&book.text("Worklist", r, LEVEL));
        assert!(
            ids.insert(book.text("Worklist", r, ID)),
            "tenant listed twice at row {r}"
        );
        // The key the protocol sorts by within a level.
        let key = match level {
            Level::High | Level::Medium => match range.get_value((r, DAYS)) {
                Some(Data::Float(d)) => *d,
                other => panic!("days missing at row {r}: {other:?}"),
            },
            Level::Info => match range.get_value((r, USAGE)) {
                Some(Data::Float(u)) => -*u,
                other => panic!("usage missing at row {r}: {other:?}"),
            },
            Level::Critical => 0.0,
        };
        if let Some((pl, pk)) = prev {
            assert!(pl <= level, "row {r}: {level:?} after {pl:?}");
            if pl == level {
                assert!(
                    pk <= key,
                    "row {r}: not sorted within {level:?} ({pk} then {key})"
                );
            }
        }
        prev = Some((level, key));
        // Every cell of the row, empty ones (notes) included, has the fill.
        for c in 0..=LINE {
            let cell = format!("{}{}", col_letter(c), r + 1);
            assert_eq!(
                book.fill_of(1, &cell),
                Some(level_fill(level)),
                "fill of {cell}"
            );
        }
        assert_link_looks(&book, &sheet, r);
    }
    // The four fills are distinct: one colour per level.
    let mut fills: Vec<u32> = Level::ALL.iter().map(|&l| level_fill(l)).collect();
    fills.dedup();
    assert_eq!(fills.len(), 4);
}

#[test]
fn cells_have_real_types_links_and_the_protocol_texts() {
    let out = Run::new(fixture("es-excel-semicolon.csv"), &options())
        .build()
        .unwrap();
    let book = Book::new(out.xlsx);
    let range = book.range("Worklist");
    // Row 1: CRÍTICO, row 2: ALTO (A-2, 28/11/2026), row 3: MEDIO, row 4: INFORMATIVO.
    assert_eq!(book.text("Worklist", 1, ID), "A-3");
    assert_eq!(book.text("Worklist", 1, TENANT), "Taller; Hermanos");
    assert_eq!(
        book.text("Worklist", 1, SUBJECT),
        "Acción Urgente Requerida: Problema con tu Pago en ImagineCRM"
    );
    assert_eq!(
        book.text("Worklist", 1, REASON),
        "Pago fallido (pago_fallido = sí)"
    );
    assert_eq!(
        book.text("Worklist", 2, REASON),
        "Trial vence en 2 días (28/11/2026)"
    );
    match range.get_value((2, TRIAL_END)) {
        Some(Data::DateTime(d)) => {
            let serial = (chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
                - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap())
            .num_days() as f64;
            assert_eq!(d.as_f64(), serial);
        }
        other => panic!("trial end is not a date: {other:?}"),
    }
    assert_eq!(book.text("Worklist", 4, ID), "A-1");
    assert_eq!(
        book.text("Worklist", 4, REASON),
        "Uso de mensajes 94 % (9.400 / 10.000)"
    );
    assert_eq!(range.get_value((4, USAGE)), Some(&Data::Float(0.94)));
    assert!(book.text("Worklist", 4, DRAFT).contains(
        "Parece que le estás sacando mucho provecho a ImagineCRM. Has usado más del 90% de tu límite de mensajes este mes. Considera actualizar tu plan para evitar interrupciones."
    ));
    assert_eq!(book.text("Worklist", 1, STATUS), "Pendiente");

    let sheet = book.sheet_xml(1);
    assert!(sheet.contains("<pane ySplit=\"1\""), "frozen header");
    assert!(
        sheet.contains("<autoFilter ref=\"A1:W5\""),
        "autofilter over the table"
    );
    assert!(
        sheet.contains("<dataValidation type=\"list\""),
        "Estado drop-down"
    );
    assert!(sheet.contains("Pendiente,Contactado,Resuelto,Sin respuesta"));
    assert!(sheet.contains("<pageSetup") && sheet.contains("orientation=\"landscape\""));
    assert!(sheet.contains("fitToHeight=\"0\""), "fitted to width");
    assert!(
        book.part("xl/workbook.xml").contains("_xlnm.Print_Titles"),
        "header repeated on print"
    );
    // Email: mailto with the subject; phone: tel: through HYPERLINK.
    let rels = book.part("xl/worksheets/_rels/sheet1.xml.rels");
    assert!(
        rels.contains("mailto:eva@taller.mx?subject=Acci%C3%B3n%20Urgente%20Requerida"),
        "{rels}"
    );
    assert!(
        sheet.contains("<f>HYPERLINK(\"tel:+525511112222\",\"+52 55 1111 2222\")</f>"),
        "tel link for A-1"
    );
    assert_eq!(book.text("Worklist", 4, PHONE), "+52 55 1111 2222");
    assert_eq!(book.text("Worklist", 4, EMAIL), "ana@sol.mx");
}

#[test]
fn secondary_signals_are_shown() {
    let csv = "tenant_id,subscription_status,trial_ends_at,payment_failed,messages_used,messages_limit\nX,trialing,2026-11-27,sí,95,100\n";
    let out = Run::new(csv.as_bytes(), &options()).build().unwrap();
    let book = Book::new(out.xlsx);
    assert_eq!(book.text("Worklist", 1, LEVEL), "🔴 CRÍTICO");
    let other = book.text("Worklist", 1, OTHER);
    assert!(
        other.contains("🟠 ALTO: Trial vence mañana (27/11/2026)"),
        "{other}"
    );
    assert!(
        other.contains("🔵 INFORMATIVO: Uso de mensajes 95 %"),
        "{other}"
    );
}

#[test]
fn campaign_sheet_lists_the_medium_tenants() {
    let out = Run::new(sample(), &options()).build().unwrap();
    let medium = out.summary.medium as usize;
    let book = Book::new(out.xlsx);
    let range = book.range("Campaña");
    assert_eq!(range.height(), medium + 1);
    assert_eq!(book.text("Campaña", 0, 0), "Nombre");
    assert_eq!(book.text("Campaña", 0, 1), "Email");
    let medium_ids: Vec<String> = out
        .items
        .iter()
        .filter(|w| w.level == Level::Medium)
        .map(|w| w.contact.id.clone())
        .collect();
    let listed: Vec<String> = (1..=medium as u32)
        .map(|r| book.text("Campaña", r, 3))
        .collect();
    assert_eq!(listed, medium_ids);
}

#[test]
fn summary_sheet_has_counts_chart_and_settings() {
    let out = Run::new(sample(), &options()).build().unwrap();
    let s = out.summary.clone();
    let book = Book::new(out.xlsx);
    let range = book.range("Resumen");
    let find = |label: &str| -> Option<Data> {
        (0..range.height() as u32).find_map(|r| {
            (book.text("Resumen", r, 0) == label)
                .then(|| range.get_value((r, 1)).cloned().unwrap_or(Data::Empty))
        })
    };
    assert_eq!(find("🔴 CRÍTICO"), Some(Data::Float(s.critical as f64)));
    assert_eq!(find("🟡 MEDIO"), Some(Data::Float(s.medium as f64)));
    assert_eq!(find("Filas leídas"), Some(Data::Float(s.rows as f64)));
    assert_eq!(
        find("Filas rechazadas"),
        Some(Data::Float(s.rejected as f64))
    );
    assert_eq!(
        find("Zona horaria"),
        Some(Data::String("America/Mexico_City".into()))
    );
    assert_eq!(
        find("Codificación"),
        Some(Data::String("UTF-8 (BOM)".into()))
    );
    assert_eq!(find("Delimitador"), Some(Data::String(";".into())));
    assert_eq!(find("Archivo"), Some(Data::String("test.csv".into())));
    assert!(
        book.part_names()
            .iter()
            .any(|p| p.starts_with("xl/charts/chart")),
        "a chart"
    );
    // Per executive, with a total.
    let execs: u64 = s
        .by_executive
        .iter()
        .map(|e| e.critical + e.high + e.medium + e.info)
        .sum();
    assert_eq!(execs, s.critical + s.high + s.medium + s.info);
}

#[test]
fn rules_not_evaluated_are_on_the_summary_sheet() {
    let out = Run::new(fixture("partial-trial-only.csv"), &options())
        .build()
        .unwrap();
    assert_eq!(out.summary.rules_not_evaluated.len(), 2);
    let book = Book::new(out.xlsx);
    let range = book.range("Resumen");
    let all: Vec<String> = (0..range.height() as u32)
        .map(|r| book.text("Resumen", r, 1))
        .collect();
    assert!(
        all.iter().any(|t| t.starts_with("CRÍTICO no evaluado")),
        "{all:?}"
    );
    assert!(
        all.iter().any(|t| t.starts_with("INFORMATIVO no evaluado")),
        "{all:?}"
    );
}

#[test]
fn problems_sheet_lists_each_problem_with_its_line() {
    let out = Run::new(fixture("bad-rows.csv"), &options())
        .build()
        .unwrap();
    let book = Book::new(out.xlsx);
    let range = book.range("Problemas");
    assert_eq!(range.height() as u64, out.summary.problems + 1);
    let rows: Vec<(String, String, String)> = (1..range.height() as u32)
        .map(|r| {
            (
                book.text("Problemas", r, 0),
                book.text("Problemas", r, 2),
                book.text("Problemas", r, 3),
            )
        })
        .collect();
    // The multi-line record starts on line 2 although its date is on line 3.
    assert!(
        rows.contains(&("2".into(), "trial_ends_at".into(), "31/02/2026".into())),
        "{rows:?}"
    );
    assert!(rows.contains(&("4".into(), "messages_used".into(), "muchos".into())));
    assert!(rows.contains(&("4".into(), "messages_limit".into(), "-5".into())));
    assert!(rows.iter().any(|r| r.0 == "5"), "rejected row reported");
    assert!(
        rows.contains(&("6".into(), "tenant_id".into(), "R1".into())),
        "duplicate id reported"
    );
    // R1 is still CRÍTICO although its trial date is broken.
    assert_eq!(out.items[0].contact.id, "R1");
    assert_eq!(out.items[0].level, Level::Critical);
}

#[test]
fn formula_like_text_is_written_as_text() {
    let out = Run::new(fixture("formula-text.csv"), &options())
        .build()
        .unwrap();
    let book = Book::new(out.xlsx);
    let names: Vec<String> = (1..=2).map(|r| book.text("Worklist", r, TENANT)).collect();
    assert_eq!(names, ["=HYPERLINK(\"http://evil\",\"x\")", "-2+3"]);
    assert_eq!(book.text("Worklist", 1, 4), "+owner");
    let sheet = book.sheet_xml(1);
    assert_eq!(
        book.text("Worklist", 1, PHONE),
        "=2+5",
        "a formula-like phone stays text"
    );
    // The only formula is the tel: link we build from digits; none holds user text.
    let formulas: Vec<&str> = sheet
        .split("<f>")
        .skip(1)
        .map(|f| &f[..f.find("</f>").unwrap()])
        .collect();
    assert_eq!(
        formulas,
        ["HYPERLINK(\"tel:+525512345678\",\"+52 55 1234 5678\")"]
    );
}

#[test]
fn text_longer_than_excel_allows_is_cut_and_reported() {
    let long = "N".repeat(40_000);
    let csv = format!("tenant_id,tenant_name,payment_failed\nL1,{long},yes\n");
    let out = Run::new(csv.as_bytes(), &options()).build().unwrap();
    assert_eq!(out.summary.problems, 1);
    assert_eq!(out.summary.problem_list[0].column, "tenant_name");
    let book = Book::new(out.xlsx);
    let name = book.text("Worklist", 1, TENANT);
    assert!(name.ends_with("… [cortado]"));
    assert!(name.encode_utf16().count() <= 32_767);
}

#[test]
fn same_input_same_bytes_and_the_date_comes_from_as_of() {
    let a = Run::new(sample(), &options()).build().unwrap().xlsx;
    let b = Run::new(sample(), &options()).build().unwrap().xlsx;
    assert_eq!(a, b);
    let core = Book::new(a.clone()).part("docProps/core.xml");
    assert!(core.contains("2026-11-26T00:00:00Z"), "{core}");
    let mut o = options();
    o.as_of = as_of().succ_opt().unwrap();
    let c = Run::new(sample(), &o).build().unwrap().xlsx;
    assert_ne!(a, c);
    let mut o = options();
    o.file_name = "otro.csv".into();
    assert_ne!(a, Run::new(sample(), &o).build().unwrap().xlsx);
}

#[test]
fn header_only_is_a_valid_empty_report() {
    let out = Run::new(fixture("header-only.csv"), &options())
        .build()
        .unwrap();
    assert_eq!(out.summary.rows, 0);
    let book = Book::new(out.xlsx);
    assert_eq!(book.range("Worklist").height(), 1);
    assert_eq!(
        book.text("Problemas", 1, 0),
        "Sin problemas: todas las filas se leyeron completas."
    );
}

#[test]
fn product_name_and_thresholds_are_options() {
    let mut o = options();
    o.product_name = "OtroCRM".into();
    o.thresholds.usage_percent = 80.0;
    let csv = "tenant_id,messages_used,messages_limit,payment_failed\nP,85,100,yes\nQ,85,100,no\n";
    let out = Run::new(csv.as_bytes(), &o).build().unwrap();
    assert_eq!((out.summary.critical, out.summary.info), (1, 1));
    let book = Book::new(out.xlsx);
    assert_eq!(
        book.text("Worklist", 1, SUBJECT),
        "Acción Urgente Requerida: Problema con tu Pago en OtroCRM"
    );
    assert!(book
        .text("Worklist", 2, DRAFT)
        .contains("Has usado más del 80% de tu límite"));
}

#[test]
fn phone_and_email_look_like_links_only_where_they_are_links() {
    // Same level, links and plain text interleaved: the formats are applied
    // in runs (render::format_runs), so each switch must start a new run.
    let csv = "id,name,owner_email,owner_phone,payment_failed\n\
               1,A,a@x.mx,+52 55 1111 2222,yes\n\
               2,B,no-es-correo,sin teléfono,yes\n\
               3,C,c@x.mx,55 3333 4444,yes\n\
               4,D,,,yes\n\
               5,E,e@x.mx,+34 600 000 000,yes\n";
    let out = Run::new(csv.as_bytes(), &options()).build().unwrap();
    assert_eq!(out.summary.critical, 5);
    let book = Book::new(out.xlsx);
    let sheet = book.sheet_xml(1);
    let looks: Vec<(bool, bool)> = (1..=5)
        .map(|r| assert_link_looks(&book, &sheet, r))
        .collect();
    assert_eq!(
        looks,
        [
            (true, true),
            (false, false),
            (true, true),
            (false, false),
            (true, true)
        ]
    );
    for r in 1..=5 {
        for c in 0..=LINE {
            let cell = format!("{}{}", col_letter(c), r + 1);
            assert_eq!(
                book.fill_of(1, &cell),
                Some(level_fill(Level::Critical)),
                "{cell}"
            );
        }
    }
}
