//! Where a table is in a workbook, and how a spreadsheet names a column.

/// A sheet's name and the column its table starts at (0 = A).
#[derive(Debug, Clone)]
pub(crate) struct SheetPlace {
    pub name: String,
    pub first_col: u32,
}

/// A spreadsheet column's letters: 0 → `A`, 26 → `AA`.
pub(crate) fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_a_spreadsheet_does() {
        for (n, l) in [
            (0, "A"),
            (8, "I"),
            (25, "Z"),
            (26, "AA"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letters(n), l);
        }
    }
}
