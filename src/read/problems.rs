//! The problems a record's cells make: a value that cannot be read, a row
//! with the wrong number of fields, a row with neither id nor name, a quote
//! that swallowed the lines after it. Each names the line (and, in a
//! workbook, the cell), the tenant, the column and what was expected.

use super::shorten;
use super::table::Table;
use crate::model::{Expected, Field, Problem};

impl Table<'_> {
    fn header_of(&self, field: Field) -> String {
        self.map
            .get(field)
            .and_then(|i| self.headers.get(i))
            .cloned()
            .unwrap_or_else(|| field.name().to_string())
    }

    /// A problem with a field of the record starting at `line`, for the
    /// tenant `who` (its id, or its name when it has no id).
    pub fn problem(
        &self,
        line: u64,
        who: &str,
        field: Option<Field>,
        value: &str,
        expected: Expected,
    ) -> Problem {
        let index = field.and_then(|f| self.map.get(f));
        Problem {
            line,
            tenant: shorten(who),
            column: field.map_or_else(String::new, |f| self.header_of(f)),
            field,
            cell: self.cell_ref(line, index),
            value: shorten(value),
            expected,
        }
    }

    /// `Hoja1!I19`, for a sheet's table (the row alone when no column).
    fn cell_ref(&self, line: u64, column: Option<usize>) -> Option<String> {
        let place = self.sheet.as_ref()?;
        let col = column.map_or_else(String::new, |c| place.letters(c));
        Some(format!("{}!{col}{line}", place.name))
    }

    /// A problem for every field of the record whose inner lines look like
    /// whole records: a quote opened and never closed (or closed lines
    /// later) makes the reader take the following lines as part of one
    /// field, and those rows would vanish. (A sheet's cells are cells: no
    /// quote can swallow a row there.)
    pub(super) fn swallowed_lines_problems(
        &self,
        rec: &super::records::Record,
        line: u64,
        who: &str,
        problems: &mut Vec<Problem>,
    ) {
        if self.sheet.is_some() {
            return;
        }
        for (i, field) in rec.iter().enumerate() {
            let lines = swallowed_lines(field, self.dialect.delimiter, self.headers.len());
            if lines > 0 {
                problems.push(Problem {
                    line,
                    tenant: shorten(who),
                    column: self.headers.get(i).cloned().unwrap_or_default(),
                    field: self.map.field_at(i),
                    cell: None,
                    value: shorten(field),
                    expected: Expected::SwallowedLines { lines },
                });
            }
        }
    }

    /// The problem of a record with more or fewer fields than the header
    /// (the extra fields, or the counts), if it has.
    pub(super) fn field_count_problem(
        &self,
        rec: &super::records::Record,
        line: u64,
        who: &str,
    ) -> Option<Problem> {
        if rec.len() == self.headers.len() {
            return None;
        }
        let extra: Vec<&str> = rec.iter().skip(self.headers.len()).collect();
        let value = if extra.is_empty() {
            format!("{} / {}", rec.len(), self.headers.len())
        } else {
            extra.join(&(self.dialect.delimiter as char).to_string())
        };
        let expected = Expected::FieldCount {
            header_fields: self.headers.len(),
        };
        Some(self.problem(line, who, None, &value, expected))
    }

    /// The problem of a record with neither id nor name: what it holds, so
    /// a person can find it.
    pub(super) fn unidentified_problem(&self, rec: &super::records::Record, line: u64) -> Problem {
        let shown = rec
            .iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" | ");
        let field = if self.map.has(Field::TenantId) {
            Field::TenantId
        } else {
            Field::TenantName
        };
        self.problem(line, "", Some(field), &shown, Expected::Identity)
    }
}

/// How many lines inside a multi-line field look like whole records
/// (exactly the header's number of fields): the mark of a quote that was not
/// closed where it should have been. A multi-line note or address rarely
/// splits into exactly as many fields as the header, and long prose with
/// many commas does not count.
fn swallowed_lines(field: &str, delimiter: u8, header_fields: usize) -> u64 {
    // Every field of every row comes through here: memchr2, not a char scan.
    if header_fields < 2 || memchr::memchr2(b'\n', b'\r', field.as_bytes()).is_none() {
        return 0;
    }
    field
        .split(['\n', '\r'])
        .skip(1)
        .filter(|l| l.bytes().filter(|&b| b == delimiter).count() == header_fields - 1)
        .count() as u64
}
