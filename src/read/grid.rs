//! A sheet's grid: its cells as text ([`Grid`], built by [`GridBuilder`]) in
//! the rows calamine's range of the sheet spans and the columns that hold a
//! cell; Excel's bound on where a cell may be ([`in_grid`]); a column's
//! letters; and the sheet column of each field of a record ([`SheetPlace`],
//! for a problem's `Sheet!B2`).

use crate::error::{Damage, Error};
use crate::model::MAX_SHEET_ROWS;

/// Excel's number of columns (A to XFD).
pub(crate) const MAX_COLUMNS: u32 = 16_384;

/// The one bound of a cell reference, in any workbook read (the export's
/// reader and the previous worklist's call it): column at most XFD, row at
/// most 1,048,576. `row` and `col` are 0-based, as calamine gives them.
pub(crate) fn in_grid(sheet: &str, row: u32, col: u32) -> Result<(), Damage> {
    if (row as usize) < MAX_SHEET_ROWS && col < MAX_COLUMNS {
        return Ok(());
    }
    Err(Damage::CellOutsideGrid {
        sheet: sheet.to_string(),
        cell: format!("{}{}", column_letters(col), u64::from(row) + 1),
    })
}

/// A sheet's name and the sheet column of each field of its records.
#[derive(Debug, Clone)]
pub(crate) struct SheetPlace {
    pub name: String,
    /// The sheet column (0 = A) of each field of a record.
    pub columns: Vec<u32>,
}

impl SheetPlace {
    /// The letters of field `i`'s column (`XFD`).
    pub fn letters(&self, i: usize) -> String {
        self.columns
            .get(i)
            .map_or_else(String::new, |&c| column_letters(c))
    }
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

/// A sheet's cells as the text a CSV export would hold: the rows
/// calamine's range spans, each non-empty cell's text in one buffer. A
/// record holds the columns that have a cell, and only those: one stray
/// value typed at `XFD1` adds one field, not 16,000 empty ones.
pub(crate) struct Grid {
    first_row: u32,
    /// The sheet columns (0 = A) that hold a cell, in order: a record's fields.
    pub columns: Vec<u32>,
    /// Row `k`'s cells are `cells[rows[k]..rows[k + 1]]`, by column.
    rows: Vec<usize>,
    cells: Vec<Spot>,
    text: String,
}

/// A non-empty cell: where it is and where its text ends in [`Grid::text`]
/// (it starts where the cell before it ends).
#[derive(Debug, Clone, Copy)]
struct Spot {
    row: u32,
    col: u32,
    end: usize,
}

impl Grid {
    pub fn height(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }

    /// Whether row `k` has no cell (a blank record, known without writing it).
    pub fn is_empty_row(&self, k: usize) -> bool {
        self.rows.get(k) == self.rows.get(k + 1)
    }

    /// Writes row `k` into `rec` (one field per column of [`Grid::columns`],
    /// empty ones as empty fields); returns its sheet row (1-based).
    pub fn fill(&self, k: usize, rec: &mut super::records::Record) -> u64 {
        rec.clear();
        let (from, to) = match (self.rows.get(k), self.rows.get(k + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        };
        let mut start = from
            .checked_sub(1)
            .and_then(|i| self.cells.get(i))
            .map_or(0, |s| s.end);
        // Both in column order: the fields before each cell are empty.
        let mut next = 0;
        for s in self.cells.get(from..to).unwrap_or_default() {
            while self.columns.get(next).is_some_and(|&c| c < s.col) {
                rec.push_field("");
                next += 1;
            }
            rec.push_field(self.text.get(start..s.end).unwrap_or_default());
            (start, next) = (s.end, next + 1);
        }
        while next < self.columns.len() {
            rec.push_field("");
            next += 1;
        }
        u64::from(self.first_row) + k as u64 + 1
    }
}

/// A sheet's non-empty cells as they come, in any order.
pub(crate) struct GridBuilder<'n> {
    /// The sheet's name.
    name: &'n str,
    cells: Vec<Spot>,
    text: String,
    /// Whether every cell came after the one before it (rows, then columns).
    in_order: bool,
    /// The columns that hold a cell (a bit each, A to XFD).
    used: Vec<u64>,
}

impl<'n> GridBuilder<'n> {
    /// The cells of the sheet `name`.
    pub fn new(name: &'n str) -> GridBuilder<'n> {
        GridBuilder {
            name,
            cells: Vec::new(),
            text: String::new(),
            in_order: true,
            used: vec![0; MAX_COLUMNS as usize / 64],
        }
    }

    /// Adds the cell at `row`, `col` (0-based), whose text `write` appends;
    /// a cell outside Excel's grid is a damaged file.
    pub fn push(
        &mut self,
        row: u32,
        col: u32,
        write: impl FnOnce(&mut String),
    ) -> Result<(), Damage> {
        in_grid(self.name, row, col)?;
        self.used[col as usize / 64] |= 1 << (col % 64);
        write(&mut self.text);
        if let Some(last) = self.cells.last() {
            self.in_order &= (last.row, last.col) < (row, col);
        }
        let end = self.text.len();
        self.cells.push(Spot { row, col, end });
        Ok(())
    }

    /// The rectangle that bounds the cells, as `calamine::Range::from_sparse`
    /// makes it (`None`: no cells).
    pub fn finish(self) -> Result<Option<Grid>, Error> {
        let Some(first) = self.cells.first() else {
            return Ok(None);
        };
        let (mut top, mut bottom) = (first.row, first.row);
        for s in &self.cells {
            (top, bottom) = (top.min(s.row), bottom.max(s.row));
        }
        let height = (bottom - top) as usize + 1;
        if height > MAX_SHEET_ROWS {
            return Err(Error::SheetTooLong {
                sheet: self.name.to_string(),
                rows: height,
            });
        }
        Ok(Some(self.grid(top, height)))
    }

    /// The grid of `height` rows from `top` that holds every cell.
    pub fn grid(mut self, top: u32, height: usize) -> Grid {
        if !self.in_order {
            self.sort();
        }
        let mut rows = Vec::with_capacity(height + 1);
        rows.push(0);
        let mut i = 0;
        for k in 0..height {
            let row = u64::from(top) + k as u64;
            while self.cells.get(i).is_some_and(|s| u64::from(s.row) == row) {
                i += 1;
            }
            rows.push(i);
        }
        let columns = (self.used.iter().enumerate())
            .flat_map(|(w, &bits)| {
                (0..64u32)
                    .filter(move |b| bits & (1 << b) != 0)
                    .map(move |b| w as u32 * 64 + b)
            })
            .collect();
        Grid {
            first_row: top,
            columns,
            rows,
            cells: self.cells,
            text: self.text,
        }
    }

    /// Puts the cells in place order, keeping the later of two cells at one
    /// place (their texts rewritten in that order).
    fn sort(&mut self) {
        let mut start = 0;
        let mut spots: Vec<(u32, u32, usize, usize)> = (self.cells.iter())
            .map(|s| {
                let spot = (s.row, s.col, start, s.end);
                start = s.end;
                spot
            })
            .collect();
        spots.sort_by_key(|&(row, col, ..)| (row, col));
        spots.dedup_by(|later, kept| {
            let same = (later.0, later.1) == (kept.0, kept.1);
            if same {
                *kept = *later;
            }
            same
        });
        let mut text = String::with_capacity(self.text.len());
        self.cells.clear();
        for (row, col, start, end) in spots {
            text.push_str(self.text.get(start..end).unwrap_or_default());
            self.cells.push(Spot {
                row,
                col,
                end: text.len(),
            });
        }
        self.text = text;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_is_excels() {
        assert!(in_grid("S", 1_048_575, 16_383).is_ok());
        let far = in_grid("S", 0, 321_272_405).unwrap_err();
        assert_eq!(
            far,
            Damage::CellOutsideGrid {
                sheet: "S".into(),
                cell: "ZZZZZZ1".into()
            }
        );
        let low = in_grid("S", 1_048_576, 0).unwrap_err();
        assert!(matches!(low, Damage::CellOutsideGrid { cell, .. } if cell == "A1048577"));
    }

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
