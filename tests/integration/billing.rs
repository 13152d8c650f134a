//! Exports as billing systems write them (tests/fixtures/billing/, each
//! shaped like the system's documented column list; README "Exports from
//! billing systems"): read with no column mapping, in Spanish and English.
//! Levels, zone arithmetic at the day boundary, names and emails, the
//! executive from metadata, MRR per currency, order, decline wording.

use crate::common::{fixture, options, sample, Book};
use retention_worklist::{Lang, Level, Options, Output, Run, WorkItem};

fn run(file: &str, lang: Lang) -> Output {
    let mut o = options();
    o.lang = lang;
    Run::new(fixture(&format!("billing/{file}")), &o)
        .build()
        .unwrap()
}

fn item<'a>(out: &'a Output, id: &str) -> &'a WorkItem {
    out.items
        .iter()
        .find(|w| w.contact.id == id)
        .unwrap_or_else(|| panic!("{id} is not on the worklist"))
}

fn ids(out: &Output, level: Level) -> Vec<&str> {
    out.items
        .iter()
        .filter(|w| w.level == level)
        .map(|w| w.contact.id.as_str())
        .collect()
}

/// The number format code of a cell (`#,##0.00 "USD"`), read from the
/// workbook's styles the way Excel does.
fn num_format(book: &Book, sheet_n: usize, cell: &str) -> String {
    let xml = book.sheet_xml(sheet_n);
    let at = xml.find(&format!("<c r=\"{cell}\"")).unwrap();
    let tag = &xml[at..at + xml[at..].find('>').unwrap()];
    let style: usize = attr(tag, "s").map_or(0, |s| s.parse().unwrap());
    let styles = book.part("xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    let id = attr(xf, "numFmtId").unwrap();
    let fmts = &styles[styles.find("<numFmts").unwrap()..];
    let at = fmts.find(&format!("numFmtId=\"{id}\"")).unwrap();
    attr(&fmts[at..], "formatCode")
        .unwrap()
        .replace("&quot;", "\"")
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

#[test]
fn stripe_subscriptions_export_as_downloaded() {
    let out = run("stripe-subscriptions.csv", Lang::Es);
    let s = &out.summary;
    assert_eq!(
        (s.critical, s.high, s.medium, s.info, s.no_risk),
        (5, 3, 2, 0, 5)
    );
    assert_eq!(s.problems, 0, "{:?}", s.problem_list);
    // The customer is the tenant (not the subscription's `id`), named and
    // written to as the export says; the executive comes from metadata.
    let a = item(&out, "cus_RA01");
    assert_eq!(a.contact.name, "Acme Logística");
    assert_eq!(a.contact.email, "compras@acme-logistica.mx");
    assert_eq!(a.contact.executive, "Ana Pérez");
    assert!(s.duplicate_columns.contains(&"id".to_string()));
    // Trial End (UTC) in the report's zone (America/Mexico_City, UTC-6):
    // 05:59 UTC on the 30th is the 29th, 3 days away (ALTO); 06:00 UTC is
    // the 30th, 4 days (MEDIO).
    assert_eq!(item(&out, "cus_RA06").level, Level::High);
    assert_eq!(item(&out, "cus_RA06").days_left, Some(3));
    assert_eq!(item(&out, "cus_RA07").level, Level::Medium);
    assert_eq!(item(&out, "cus_RA07").days_left, Some(4));
    // incomplete is CRÍTICO; incomplete_expired, canceled, paused, active
    // and a trial two weeks away have no level.
    assert_eq!(item(&out, "cus_RA03").level, Level::Critical);
    for gone in ["cus_RA09", "cus_RA10", "cus_RA11", "cus_RA12", "cus_RA13"] {
        assert!(out.items.iter().all(|w| w.contact.id != gone), "{gone}");
    }
    // MRR per currency: amount × quantity brought to a month.
    let mrr = s.mrr_at_risk.as_ref().unwrap();
    let of = |c: &str| mrr.iter().find(|m| m.currency == c).unwrap();
    assert_eq!(
        mrr.iter().map(|m| m.currency.as_str()).collect::<Vec<_>>(),
        ["EUR", "JPY", "MXN", "USD"]
    );
    assert_eq!(of("MXN").critical, 1497.0); // 3 × 499.00 a month
    assert_eq!(of("USD").critical, 149.0); // 1,200.00 a year → 100, plus 49
    assert_eq!(of("EUR").critical, 178.0);
    assert_eq!(of("JPY").critical, 9800.0);
    assert_eq!(of("USD").high, 2125.0); // 5 × 29 + 10 × 99 + 10 × 99
    assert_eq!(of("USD").medium, 30.33); // 7.00 a week × 52 / 12
    assert_eq!(of("MXN").medium, 304.17); // 10.00 a day × 365 / 12
                                          // Within a level and the same days, the larger MRR first.
    assert_eq!(
        ids(&out, Level::Critical),
        ["cus_RA05", "cus_RA01", "cus_RA03", "cus_RA02", "cus_RA04"]
    );
    assert_eq!(ids(&out, Level::High), ["cus_RA14", "cus_RA15", "cus_RA06"]);
    // Executives' MRR per currency.
    let luis = s
        .by_executive
        .iter()
        .find(|e| e.executive == "Luis Gómez")
        .unwrap();
    let usd = luis
        .mrr_at_risk
        .iter()
        .find(|m| m.currency == "USD")
        .unwrap();
    assert_eq!((usd.critical, usd.high), (149.0, 990.0));
}

#[test]
fn decline_codes_in_the_reason_and_the_drafts_middle_paragraph() {
    for lang in [Lang::Es, Lang::En] {
        let out = run("stripe-subscriptions.csv", lang);
        let es = lang == Lang::Es;
        let subject = if es {
            "Acción Urgente Requerida: Problema con tu Pago en ImagineCRM"
        } else {
            "Urgent Action Required: Problem with your Payment at ImagineCRM"
        };
        let cases: [(&str, &str, &str, &str); 5] = [
            (
                "cus_RA01",
                "insufficient_funds",
                if es {
                    "fondos insuficientes"
                } else {
                    "insufficient funds"
                },
                if es {
                    "otra tarjeta o método de pago"
                } else {
                    "another card or payment method"
                },
            ),
            (
                "cus_RA02",
                "expired_card",
                if es {
                    "tarjeta vencida"
                } else {
                    "expired card"
                },
                if es {
                    "registrar una tarjeta vigente"
                } else {
                    "Adding a current card"
                },
            ),
            (
                "cus_RA03",
                "authentication_required",
                if es {
                    "autenticación"
                } else {
                    "authentication"
                },
                "3-D Secure",
            ),
            // From Stripe's Seller Message sentence.
            (
                "cus_RA04",
                "do_not_honor",
                if es {
                    "el banco no autorizó"
                } else {
                    "did not honor"
                },
                if es {
                    "llamar al banco"
                } else {
                    "calling your bank"
                },
            ),
            (
                "cus_RA05",
                "lost_card",
                if es {
                    "reportada como perdida"
                } else {
                    "reported lost"
                },
                if es {
                    "llamar al banco"
                } else {
                    "calling your bank"
                },
            ),
        ];
        for (id, code, words, fix) in cases {
            let w = item(&out, id);
            assert!(
                w.reason.contains(code) && w.reason.contains(words),
                "{id}: {}",
                w.reason
            );
            assert!(
                w.draft.contains(fix),
                "{id}'s draft fits its decline: {}",
                w.draft
            );
            assert_eq!(w.subject, subject, "the subject stays the protocol's");
            // Three paragraphs between greeting and sign-off: the failure,
            // what fixes it, the offer of help.
            assert_eq!(w.draft.split("\n\n").count(), 5, "{id}");
        }
        // A lost card is named to the team, never to the customer.
        let lost = item(&out, "cus_RA05");
        assert!(!lost.draft.contains("perdida") && !lost.draft.contains("lost"));
        // Cancel At Period End on a live subscription: a note, not a level.
        let ends = if es {
            "se cancela al final del periodo (15/12/2026)"
        } else {
            "cancels at the end of the period (2026-12-15)"
        };
        assert!(
            item(&out, "cus_RA04").other_signals.contains(ends),
            "{}",
            item(&out, "cus_RA04").other_signals
        );
        let trial = item(&out, "cus_RA15");
        assert_eq!(trial.level, Level::High);
        assert!(trial
            .other_signals
            .contains(if es { "29/11/2026" } else { "2026-11-29" }));
    }
}

#[test]
fn the_worklist_gets_an_mrr_column_in_each_rows_currency() {
    for lang in [Lang::Es, Lang::En] {
        let out = run("stripe-subscriptions.csv", lang);
        let book = Book::new(out.xlsx.clone());
        let sheet = book.sheet_names()[0].clone();
        // Right after Plan (column I): MRR in J.
        assert_eq!(book.text(&sheet, 0, 8), "Plan");
        assert_eq!(book.text(&sheet, 0, 9), "MRR");
        let row_of = |id: &str| {
            (1..=out.items.len() as u32)
                .find(|&r| book.text(&sheet, r, 2) == id)
                .unwrap()
        };
        let jpy = row_of("cus_RA05");
        assert_eq!(book.text(&sheet, jpy, 9), "9800");
        assert_eq!(
            num_format(&book, 1, &format!("J{}", jpy + 1)),
            "#,##0 \"JPY\""
        );
        let mxn = row_of("cus_RA01");
        assert_eq!(book.text(&sheet, mxn, 9), "1497");
        assert_eq!(
            num_format(&book, 1, &format!("J{}", mxn + 1)),
            "#,##0.00 \"MXN\""
        );
        // Resumen: MRR at risk per currency and per executive.
        let summary = book.part("xl/sharedStrings.xml");
        let title = if lang == Lang::Es {
            "MRR en riesgo"
        } else {
            "MRR at risk"
        };
        assert!(summary.contains(title) && summary.contains("Luis Gómez · USD"));
    }
}

#[test]
fn other_billing_systems_exports() {
    // Chargebee's import-friendly export: bracketed headers, its status words.
    let cb = run("chargebee-subscriptions.csv", Lang::Es);
    assert_eq!(ids(&cb, Level::High), ["cb_cust_001"]); // in_trial, ends 28/11
    assert_eq!(ids(&cb, Level::Medium), ["cb_cust_002"]);
    assert_eq!(cb.summary.no_risk, 5); // active, non_renewing, cancelled, future, paused
    assert_eq!(item(&cb, "cb_cust_001").contact.email, "pagos@andesagro.cl");
    assert_eq!(item(&cb, "cb_cust_001").contact.name, "Andes Agro");
    let mrr = cb.summary.mrr_at_risk.as_ref().unwrap();
    assert_eq!((mrr[0].currency.as_str(), mrr[0].high), ("", 98.0)); // no currency column

    // Recurly's subscriptions export: a trial is `active` until it ends;
    // the custom field names the executive; every 3 months.
    let re = run("recurly-subscriptions.csv", Lang::En);
    let andina = item(&re, "acct-andina");
    assert_eq!((andina.level, andina.days_left), (Level::High, Some(2)));
    assert_eq!(andina.contact.executive, "Ana Pérez");
    assert_eq!(
        andina.mrr.as_ref().map(|m| (m.cents, m.currency.as_str())),
        Some((5000, "USD"))
    );
    assert_eq!(item(&re, "acct-cumbre").level, Level::Medium);
    assert_eq!(
        re.items.len(),
        2,
        "active without a trial, canceled, expired, future: no level"
    );

    // Lemon Squeezy's subscription fields: on_trial, past_due, unpaid.
    let ls = run("lemonsqueezy-subscriptions.csv", Lang::Es);
    assert_eq!(ids(&ls, Level::Critical), ["51002", "51003"]);
    let marta = item(&ls, "51001");
    // 23:30 UTC on the 28th is 17:30 in Mexico City: 2 days.
    assert_eq!((marta.level, marta.days_left), (Level::High, Some(2)));
    assert_eq!(
        (marta.contact.owner.as_str(), marta.contact.email.as_str()),
        ("Marta Ríos", "marta@riosconsultores.mx")
    );
    assert!(ls.summary.mrr_at_risk.is_none(), "no money columns");
}

#[test]
fn an_export_without_money_gets_no_money_anywhere() {
    let out = Run::new(sample(), &options()).build().unwrap();
    assert!(out.summary.mrr_at_risk.is_none());
    assert!(out
        .summary
        .by_executive
        .iter()
        .all(|e| e.mrr_at_risk.is_empty()));
    let json = serde_json::to_string(&out.summary).unwrap();
    assert!(!json.contains("mrr"), "no mrr key in --json");
    let book = Book::new(out.xlsx.clone());
    let sheet = book.sheet_names()[0].clone();
    let headers: Vec<String> = (0..30).map(|c| book.text(&sheet, 0, c)).collect();
    assert!(!headers.iter().any(|h| h == "MRR"), "{headers:?}");
    assert!(!book.part("xl/sharedStrings.xml").contains("MRR en riesgo"));
    assert!(out.items.iter().all(|w| w.mrr.is_none()));
}

#[test]
fn a_money_cell_that_cannot_be_read_is_a_problem_and_the_row_stays() {
    let csv = "Customer ID,Status,Amount,Interval,Quantity,Currency\n\
               c1,past_due,doce,month,1,usd\n\
               c2,past_due,12.50,fortnight,1,usd\n\
               c3,past_due,12.50,month,1,dollars\n\
               c4,past_due,\"1.234,56\",year,2,eur\n";
    let out = Run::new(csv, &options()).build().unwrap();
    assert_eq!(out.summary.critical, 4, "no row is lost");
    let problems: Vec<(u64, &str, &str, String)> = out
        .summary
        .problem_list
        .iter()
        .map(|p| {
            (
                p.line,
                p.column.as_str(),
                p.value.as_str(),
                format!("{:?}", p.expected),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            (2, "Amount", "doce", "Amount".to_string()),
            (3, "Interval", "fortnight", "Interval".to_string()),
            (4, "Currency", "dollars", "Currency".to_string()),
        ]
    );
    assert!(item(&out, "c1").mrr.is_none() && item(&out, "c2").mrr.is_none());
    // An unreadable currency leaves the amount without one.
    assert_eq!(
        item(&out, "c3").mrr.as_ref().map(|m| m.currency.as_str()),
        Some("")
    );
    // 1.234,56 a year × 2 = 205.76 a month.
    assert_eq!(item(&out, "c4").mrr.as_ref().map(|m| m.cents), Some(20576));
}

#[test]
fn a_headers_zone_note_moves_date_times_into_the_report_zone() {
    // UTC-05:00: 23:30 on the 29th there is 04:30 UTC on the 30th, 22:30 on
    // the 29th in Mexico City: 3 days. A date without a time stays its date.
    let csv = "Customer ID,Status,Trial End (UTC-05:00)\nc1,trialing,2026-11-29 23:30\nc2,trialing,2026-11-30\n";
    let mut o: Options = options();
    let out = Run::new(csv, &o).build().unwrap();
    assert_eq!(item(&out, "c1").days_left, Some(3));
    assert_eq!(item(&out, "c2").days_left, Some(4));
    // The same instant read in Madrid's day: the 30th, 4 days.
    o.tz = "Europe/Madrid".parse().unwrap();
    let out = Run::new(csv, &o).build().unwrap();
    assert_eq!(item(&out, "c1").days_left, Some(4));
}
