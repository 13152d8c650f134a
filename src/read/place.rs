//! Where a table is in a workbook: a sheet's cells as text, in the
//! rectangle calamine's range of the sheet spans, and how a spreadsheet
//! names a column.

use crate::error::Error;
use crate::model::MAX_SHEET_ROWS;

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

/// A sheet's cells as the text a CSV export would hold: the rectangle
/// calamine's range spans, each non-empty cell's text in one buffer.
pub(crate) struct Grid {
    first_row: u32,
    /// The rectangle's first column (0 = A).
    pub first_col: u32,
    width: usize,
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

    /// Writes row `k` into `rec` (every column of the rectangle, empty ones
    /// as empty fields); returns its sheet row (1-based).
    pub fn fill(&self, k: usize, rec: &mut csv::StringRecord) -> u64 {
        rec.clear();
        let (from, to) = match (self.rows.get(k), self.rows.get(k + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        };
        let mut start = from
            .checked_sub(1)
            .and_then(|i| self.cells.get(i))
            .map_or(0, |s| s.end);
        let mut next = 0;
        for s in self.cells.get(from..to).unwrap_or_default() {
            let col = s.col.saturating_sub(self.first_col) as usize;
            while next < col {
                rec.push_field("");
                next += 1;
            }
            rec.push_field(self.text.get(start..s.end).unwrap_or_default());
            (start, next) = (s.end, next + 1);
        }
        while next < self.width {
            rec.push_field("");
            next += 1;
        }
        u64::from(self.first_row) + k as u64 + 1
    }
}

/// A sheet's non-empty cells as they come, in any order.
pub(crate) struct GridBuilder {
    cells: Vec<Spot>,
    text: String,
    /// Whether every cell came after the one before it (rows, then columns).
    in_order: bool,
}

impl Default for GridBuilder {
    fn default() -> Self {
        GridBuilder {
            cells: Vec::new(),
            text: String::new(),
            in_order: true,
        }
    }
}

impl GridBuilder {
    /// Adds the cell at `row`, `col`, whose text `write` appends.
    pub fn push(&mut self, row: u32, col: u32, write: impl FnOnce(&mut String)) {
        write(&mut self.text);
        if let Some(last) = self.cells.last() {
            self.in_order &= (last.row, last.col) < (row, col);
        }
        let end = self.text.len();
        self.cells.push(Spot { row, col, end });
    }

    /// The rectangle that bounds the cells, as `calamine::Range::from_sparse`
    /// makes it (`None`: no cells).
    pub fn finish(self, name: &str) -> Result<Option<Grid>, Error> {
        let Some(first) = self.cells.first() else {
            return Ok(None);
        };
        let (mut top, mut bottom) = (first.row, first.row);
        let (mut left, mut right) = (first.col, first.col);
        for s in &self.cells {
            (top, bottom) = (top.min(s.row), bottom.max(s.row));
            (left, right) = (left.min(s.col), right.max(s.col));
        }
        let height = (bottom - top) as usize + 1;
        if height > MAX_SHEET_ROWS {
            return Err(Error::SheetTooLong {
                sheet: name.to_string(),
                rows: height,
            });
        }
        let width = (right - left) as usize + 1;
        Ok(Some(self.grid(top, left, height, width)))
    }

    /// The grid of `height` rows and `width` columns from `top`, `left`
    /// that holds every cell.
    pub fn grid(mut self, top: u32, left: u32, height: usize, width: usize) -> Grid {
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
        Grid {
            first_row: top,
            first_col: left,
            width,
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
