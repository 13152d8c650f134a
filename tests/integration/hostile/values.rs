//! Hostile values: inert, round-tripped or visibly replaced.

use super::{lines, problem, MAX_CELL};
use crate::common::Book;
use retention_worklist::{Expected, Output};

pub(super) fn formula_injection(_: &Output, book: &Book) {
    let tenants = book.worklist_column("Tenant");
    let owners = book.worklist_column("Owner");
    let ids = book.worklist_column("ID");
    // Text that starts like a formula — also after spaces, tabs and line
    // breaks, which the engine trims — is a string cell with that text.
    for t in [
        "=1+1",
        "@SUM(1)",
        "=HYPERLINK(\"http://evil\")",
        "DDE(\"cmd\";\"/C calc\";\"!A0\")",
        "-cmd|'/c calc'!A0",
    ] {
        assert!(
            tenants.iter().any(|x| x == t),
            "{t:?} not a text cell in {tenants:?}"
        );
    }
    for t in [
        "+SUM(A1:A9)",
        "=cmd|' /C calc'!A0",
        "=1+1",
        "+cmd|'/c notepad'!A1",
        "=2+2",
    ] {
        assert!(
            owners.iter().any(|x| x == t),
            "{t:?} not a text cell in {owners:?}"
        );
    }
    assert!(ids.iter().any(|x| x == "=f5"));
    // And nowhere a formula: no <f> element in any sheet.
    assert!(book.formulas().is_empty(), "{:?}", book.formulas());
    // The sheet XML stores them as shared strings (t="s"), never t="str".
    let xml = book.sheet_xml(1);
    assert!(!xml.contains("t=\"str\""));
}

pub(super) fn html(_: &Output, book: &Book) {
    let tenants = book.worklist_column("Tenant");
    let owners = book.worklist_column("Owner");
    assert!(tenants.contains(&"<script>alert('x')</script>".to_string()));
    assert!(
        tenants.contains(&"&lt;b&gt; &amp; ]]> <![CDATA[x]]>".to_string()),
        "{tenants:?}"
    );
    assert!(owners.contains(&"<img src=x onerror=alert(1)>".to_string()));
    assert!(owners.contains(&"<a href=\"javascript:alert(1)\">x</a>".to_string()));
}

pub(super) fn control_chars(_: &Output, book: &Book) {
    // Control characters are kept and escaped in the XML (_xHHHH_), so the
    // workbook is valid and they round-trip; a literal "_x0041_" in the data
    // stays literal text, not an "A".
    let tenants = book.worklist_column("Tenant");
    assert!(
        tenants.contains(&"Bell\u{7}Tab\tVT\u{b}FF\u{c}Esc\u{1b}".to_string()),
        "{tenants:?}"
    );
    assert!(
        tenants.contains(&"_x0041_ literal".to_string()),
        "{tenants:?}"
    );
    let owners = book.worklist_column("Owner");
    assert!(owners.contains(&"Back\u{8}space".to_string()), "{owners:?}");
}

pub(super) fn rtl_emoji(_: &Output, book: &Book) {
    let tenants = book.worklist_column("Tenant");
    let owners = book.worklist_column("Owner");
    for t in [
        "\u{202e}evil\u{202c}.exe",
        "👨‍👩‍👧‍👦 Familia 🇲🇽",
        "\u{1F600}\u{1F4A9}",
    ] {
        assert!(tenants.contains(&t.to_string()), "{t:?} in {tenants:?}");
    }
    for t in [
        "\u{200f}مرحبا\u{200f}",
        "Zalgo z\u{351}\u{352}\u{357}a\u{308}",
        "a\u{2028}line\u{2029}sep",
    ] {
        assert!(owners.contains(&t.to_string()), "{t:?} in {owners:?}");
    }
}

pub(super) fn overlong(o: &Output, book: &Book) {
    let name = &book.worklist_column("Tenant")[0];
    assert!(name.ends_with("… [truncated]"), "the cut is marked");
    assert!(name.encode_utf16().count() <= MAX_CELL);
    assert!(name.starts_with(&"N".repeat(30_000)));
    let owner = &book.worklist_column("Owner")[0];
    assert!(owner.ends_with("… [truncated]"));
    assert!(
        owner.encode_utf16().count() <= MAX_CELL,
        "emoji are two UTF-16 units each: counted as Excel counts"
    );
    let cols: Vec<&str> = o
        .summary
        .problem_list
        .iter()
        .map(|p| p.column.as_str())
        .collect();
    assert_eq!(cols, ["tenant_name", "owner_name"]);
    assert!(o
        .summary
        .problem_list
        .iter()
        .all(|p| p.expected == Expected::CellLength && p.line == 2));
}

pub(super) fn huge_numbers(o: &Output, _: &Book) {
    let p = problem(o, 2);
    assert_eq!(
        (p.column.as_str(), p.value.as_str()),
        ("messages_used", "99999999999999999999999")
    );
    let usages: Vec<_> = o.items.iter().map(|w| w.usage).collect();
    assert!(usages.contains(&Some((u64::MAX, u64::MAX))));
    assert!(usages.contains(&Some((1_000_000_000, 1000))));
}

pub(super) fn extreme_dates(o: &Output, _: &Book) {
    assert_eq!(lines(o), [5, 6]);
    let days: Vec<Option<i64>> = o.items.iter().map(|w| w.days_left).collect();
    // 0000-01-01 is long gone (still ALTO: never converted); 00:00 at -14:00
    // is 14:00 UTC on the as-of day: 0 days.
    assert!(days.contains(&Some(0)));
    assert!(days.iter().any(|d| d.is_some_and(|d| d < -700_000)));
}

pub(super) fn mailto_injection(o: &Output, book: &Book) {
    // The address with ?cc=…&bcc=… is one recipient, percent-encoded; the
    // generic check (no parameter but subject and body) holds it too.
    let links = book.links();
    let evil = links
        .iter()
        .find(|l| l.contains("evil"))
        .expect("the link is kept");
    assert!(
        evil.starts_with("mailto:a%3Fcc%3Dx%2540evil.com%26bcc%3Dy%2540evil.com%26b@x.co?subject="),
        "{evil}"
    );
    assert_eq!(o.items.len(), 2);
    let plain = links.iter().find(|l| l.contains("ana@")).unwrap();
    assert!(
        plain.starts_with("mailto:ana@ejemplo.com?subject="),
        "a plain address is unchanged: {plain}"
    );
}

pub(super) fn phone_formula(_: &Output, book: &Book) {
    // Phones become a tel: link built from their digits; a phone that is not
    // only digits and separators stays text, whatever it says.
    let f = book.formulas();
    assert_eq!(f.len(), 1, "only the dialable phone is a link: {f:?}");
    assert_eq!(
        f[0].1,
        "HYPERLINK(\"tel:+525512345678\",\"+52 (55) 1234-5678\")"
    );
    let phones = book.worklist_column("Phone");
    let long = format!("5{}512345678", " -".repeat(150));
    assert!(
        phones.contains(&long),
        "a phone too long for a formula stays text"
    );
    assert!(
        phones.iter().any(|p| p == "=HYPERLINK(\"tel:1\",\"x\")+1"),
        "{phones:?}"
    );
    assert!(
        phones.iter().any(|p| p == "555\",\"x\")&cmd|'/c calc'!A0"),
        "{phones:?}"
    );
}
