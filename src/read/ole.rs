//! An .xls checked before calamine opens it. calamine 0.38 reads the OLE
//! container and every sheet when it opens the file, and on the way:
//!
//! - follows sector chains without checking for loops (a looping chain
//!   grows until memory runs out) or that a sector is in the file (a
//!   sector past the end, or a FAT entry past the FAT, panics);
//! - reserves a sheet's cells from its `DIMENSIONS` record (rows × columns
//!   as the record states them, wrapping when the first row is after the
//!   last);
//! - builds each sheet's whole rectangle, from its first cell to its
//!   farthest (a BIFF cell has a 16-bit column: 65,536 × 65,536 cells);
//! - indexes a few records without checking their length.
//!
//! [`check_xls`] follows the same chains the same way to the same
//! `Workbook` stream, walks its records as calamine does, and refuses what
//! would make calamine loop, panic or allocate past [`MAX_RANGE_CELLS`].

use super::guard::MAX_RANGE_CELLS;
use crate::error::Damage;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

fn broken(detail: impl Into<String>) -> Damage {
    Damage::Container {
        detail: detail.into(),
    }
}

/// The container's sectors as calamine reads them.
struct Sectors<'a> {
    /// The file after its header: sector `i` starts at `i * size`.
    data: &'a [u8],
    size: usize,
    /// The largest id calamine accepts (file length / sector size).
    maxid: u32,
}

impl<'a> Sectors<'a> {
    /// A whole sector (FAT and DIFAT sectors are read as u32s: a short one
    /// panics in calamine).
    fn whole(&self, id: u32) -> Result<Option<&'a [u8]>, Damage> {
        if id > self.maxid {
            return Ok(None); // calamine refuses it
        }
        let start = id as usize * self.size;
        match self.data.get(start..start + self.size) {
            Some(s) => Ok(Some(s)),
            None => Err(broken(format!("sector {id} is past the end of the file"))),
        }
    }

    /// A chain from `first`, `len` bytes at most, as calamine's
    /// `get_chain`: refused when it loops, leaves the file or the FAT.
    fn chain(&self, first: u32, fats: &[u32], len: usize) -> Result<Option<Vec<u8>>, Damage> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.maxid as usize + 1];
        let mut id = first;
        while id != ENDOFCHAIN {
            if id > self.maxid {
                return Ok(None); // calamine refuses it
            }
            if std::mem::replace(&mut seen[id as usize], true) {
                return Err(broken(format!("the sector chain from {first} loops")));
            }
            let start = id as usize * self.size;
            let Some(sector) = self.data.get(start..).filter(|s| !s.is_empty()) else {
                return Err(broken(format!("sector {id} is past the end of the file")));
            };
            let sector = &sector[..sector.len().min(self.size)];
            out.extend_from_slice(&sector[..sector.len().min(len - out.len())]);
            if out.len() >= len {
                break;
            }
            id = *fats
                .get(id as usize)
                .ok_or_else(|| broken(format!("sector {id} is past the FAT")))?;
        }
        Ok(Some(out))
    }
}

/// The mini stream's 64-byte sectors, as calamine reads a short stream.
fn mini_chain(mini: &[u8], fats: &[u32], first: u32, len: usize) -> Result<Vec<u8>, Damage> {
    let (mut out, mut id) = (Vec::new(), first);
    let mut seen = vec![false; mini.len() / 64 + 1];
    while id != ENDOFCHAIN {
        let start = id as usize * 64;
        let sector = (mini.get(start..start + 64))
            .ok_or_else(|| broken(format!("mini sector {id} is past the mini stream")))?;
        if std::mem::replace(&mut seen[id as usize], true) {
            return Err(broken(format!("the mini sector chain from {first} loops")));
        }
        out.extend_from_slice(&sector[..64.min(len - out.len())]);
        if out.len() >= len {
            break;
        }
        id = *fats
            .get(id as usize)
            .ok_or_else(|| broken(format!("mini sector {id} is past the mini FAT")))?;
    }
    Ok(out)
}

/// The `Workbook` (or `Book`) stream calamine would read (`None`: calamine
/// refuses the file by itself).
fn workbook_stream(bytes: &[u8]) -> Result<Option<Vec<u8>>, Damage> {
    const SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.len() < 512 || !bytes.starts_with(SIGNATURE) || u16_at(bytes, 32) != Some(6) {
        return Ok(None);
    }
    let (size, header) = match u16_at(bytes, 30) {
        Some(9) => (512, 512),
        Some(12) if bytes.len() >= 4096 => (4096, 4096),
        _ => return Ok(None),
    };
    let word = |i| u32_at(bytes, i).unwrap_or(0);
    let (dir_start, mini_fat_start) = (word(48), word(60));
    let (mini_fat_len, difat_start) = (word(64) as usize, word(68));
    let sectors = Sectors {
        data: &bytes[header..],
        size,
        maxid: (bytes.len() / size) as u32,
    };
    let mut difat: Vec<u32> = bytes[76..512]
        .chunks(4)
        .filter_map(|c| u32_at(c, 0))
        .collect();
    let (mut id, mut count) = (difat_start, 0u64);
    while id < RESERVED {
        count += 1;
        if count > u64::from(sectors.maxid) + 1 {
            return Ok(None);
        }
        let Some(s) = sectors.whole(id)? else {
            return Ok(None);
        };
        difat.extend(s.chunks(4).filter_map(|c| u32_at(c, 0)));
        let Some(next) = difat.pop() else {
            return Ok(None);
        };
        id = next;
    }
    let mut fats = Vec::new();
    for id in difat.into_iter().filter(|&id| id < DIFSECT) {
        let Some(s) = sectors.whole(id)? else {
            return Ok(None);
        };
        fats.extend(s.chunks(4).filter_map(|c| u32_at(c, 0)));
    }
    let Some(dirs) = sectors.chain(dir_start, &fats, usize::MAX)? else {
        return Ok(None);
    };
    // (name, start, length) of each directory entry.
    let mut entries = Vec::new();
    for d in dirs.chunks_exact(128) {
        let name: Vec<u16> = (d[..64].chunks(2))
            .filter_map(|c| u16_at(c, 0))
            .take_while(|&c| c != 0)
            .collect();
        let len = if size == 512 {
            u64::from(word_at(d, 120))
        } else {
            u64::from_le_bytes(d[120..128].try_into().unwrap_or_default())
        };
        // calamine turns it into a usize with `unwrap`: past 32 bits that
        // panics in WebAssembly.
        if len > u64::from(u32::MAX) {
            return Err(broken(format!("a stream declares {len} bytes")));
        }
        entries.push((
            String::from_utf16_lossy(&name),
            word_at(d, 116),
            len as usize,
        ));
    }
    let Some(&(_, root_start, root_len)) = entries.first() else {
        return Ok(None);
    };
    let (mini_fats, mini) = if mini_fat_len > 0 {
        let Some(mini) = sectors.chain(root_start, &fats, root_len)? else {
            return Ok(None);
        };
        let Some(m) = sectors.chain(mini_fat_start, &fats, mini_fat_len.saturating_mul(size))?
        else {
            return Ok(None);
        };
        // calamine reads it as u32s, asserting whole ones.
        if m.len() % 4 != 0 {
            return Err(broken("the mini FAT ends inside an entry"));
        }
        (m.chunks(4).filter_map(|c| u32_at(c, 0)).collect(), mini)
    } else {
        (Vec::new(), Vec::new())
    };
    // calamine reads `Workbook`, or `Book` when it cannot.
    for name in ["Workbook", "Book"] {
        let Some(&(_, start, len)) = entries.iter().find(|e| e.0.eq_ignore_ascii_case(name)) else {
            continue;
        };
        let stream = if len < 4096 {
            Some(mini_chain(&mini, &mini_fats, start, len)?)
        } else {
            sectors.chain(start, &fats, len)?
        };
        if stream.is_some() {
            return Ok(stream);
        }
    }
    Ok(None)
}

fn word_at(b: &[u8], i: usize) -> u32 {
    u32_at(b, i).unwrap_or(0)
}

/// A BIFF record: its type and data (its `CONTINUE` records left out: the
/// checks below read none of them).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let (t, len) = (u16_at(rest, 0)?, usize::from(u16_at(rest, 2)?));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((t, data))
    })
}

/// The shortest length of the records calamine indexes without checking.
fn too_short(t: u16, d: &[u8]) -> bool {
    match t {
        0x002F | 0x0042 | 0x0022 | 0x0809 | 0x0017 => d.len() < 2,
        // BoundSheet8: the sheet's offset, its state and type.
        0x0085 => d.len() < 6,
        // Lbl: a 14-byte header; its last `cce` bytes are the formula.
        0x0018 => d.len() < 14 || usize::from(u16_at(d, 4).unwrap_or(0)) > d.len(),
        // MergeCells: a count, then 8 bytes a range.
        0x00E5 => d.len() < 2 + 8 * usize::from(u16_at(d, 0).unwrap_or(u16::MAX)),
        _ => false,
    }
}

/// Checks an .xls before calamine opens it (see the module's notes).
pub(crate) fn check_xls(bytes: &[u8]) -> Result<(), Damage> {
    let Some(stream) = workbook_stream(bytes)? else {
        return Ok(());
    };
    let mut sheets = Vec::new();
    for (t, d) in records(&stream) {
        if too_short(t, d) {
            return Err(broken(format!("record {t:#06x} has {} bytes", d.len())));
        }
        match t {
            // An encrypted workbook: calamine stops here (a password).
            0x002F if u16_at(d, 0) != Some(0) => return Ok(()),
            0x0085 => sheets.push(word_at(d, 0) as usize),
            0x000A => break,
            _ => {}
        }
    }
    let mut total = 0u64;
    for pos in sheets {
        let sheet = stream
            .get(pos..)
            .ok_or_else(|| broken(format!("a sheet starts at {pos}, past the stream")))?;
        total = total.saturating_add(sheet_cells(sheet)?);
        if total > MAX_RANGE_CELLS {
            return Err(Damage::TooManyCells {
                sheet: format!("(.xls, at {pos})"),
                cells: total,
                limit: MAX_RANGE_CELLS,
            });
        }
    }
    Ok(())
}

/// The cells calamine holds for one sheet: the rectangle from its first to
/// its farthest cell (every cell record counts, even one calamine may drop),
/// or what its `DIMENSIONS` record reserves, the larger.
fn sheet_cells(sheet: &[u8]) -> Result<u64, Damage> {
    let (mut depth, mut seen_bof) = (0usize, false);
    let (mut reserved, mut corners) = (0u64, None::<(u32, u32, u32, u32)>);
    let mut mark = |row: u32, first: u32, last: u32| {
        let (a, b, c, d) = corners.unwrap_or((row, first, row, last));
        corners = Some((a.min(row), b.min(first), c.max(row), d.max(last)));
    };
    for (t, d) in records(sheet) {
        if too_short(t, d) {
            return Err(broken(format!("record {t:#06x} has {} bytes", d.len())));
        }
        if depth > 0 {
            match t {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let cell = || Some((u32::from(u16_at(d, 0)?), u32::from(u16_at(d, 2)?)));
        match t {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => reserved = reserved.max(dimensions(d)?),
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let Some((r, c)) = cell() {
                    mark(r, c, c);
                }
            }
            // MulRk: a row, its first column, then 6 bytes a cell.
            0x00BD if d.len() >= 6 => {
                if let Some((r, c)) = cell() {
                    let n = (d.len() - 6) / 6;
                    mark(r, c, c + n.saturating_sub(1) as u32);
                }
            }
            _ => {}
        }
    }
    let area = corners.map_or(0, |(a, b, c, d)| {
        u64::from(c - a + 1).saturating_mul(u64::from(d - b + 1))
    });
    Ok(area.max(reserved))
}

/// The cells a `DIMENSIONS` record makes calamine reserve; a first row or
/// column after the last is refused (calamine's count wraps).
fn dimensions(d: &[u8]) -> Result<u64, Damage> {
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0).unwrap_or(0)),
            u32::from(u16_at(d, 2).unwrap_or(0)),
            u32::from(u16_at(d, 4).unwrap_or(0)),
            u32::from(u16_at(d, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            word_at(d, 0),
            word_at(d, 4),
            u32::from(u16_at(d, 8).unwrap_or(0)),
            u32::from(u16_at(d, 10).unwrap_or(0)),
        ),
        _ => return Ok(0), // calamine refuses it
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (end_row, end_col) = if rl >= 1 && cl >= 1 {
        (rl - 1, cl - 1)
    } else {
        (rf, cf)
    };
    if end_row < rf || end_col < cf {
        return Err(Damage::FalseCount {
            part: "DIMENSIONS".into(),
            declared: u64::from(rf),
            found: u64::from(end_row),
        });
    }
    let rows = u64::from(end_row) - u64::from(rf) + 1;
    Ok(rows.saturating_mul(u64::from(end_col) - u64::from(cf) + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_are_counted_as_calamine_counts_them() {
        let d = |rf: u32, rl: u32, cf: u16, cl: u16| {
            let mut v = rf.to_le_bytes().to_vec();
            v.extend(rl.to_le_bytes());
            v.extend(cf.to_le_bytes());
            v.extend(cl.to_le_bytes());
            v.extend([0, 0]);
            dimensions(&v)
        };
        assert_eq!(d(0, 10, 0, 4), Ok(40));
        assert_eq!(d(0, 0, 0, 0), Ok(1));
        assert_eq!(d(0, u32::MAX, 0, 256), Ok(u64::from(u32::MAX) * 256));
        assert!(d(5, 1, 0, 4).is_err());
    }

    #[test]
    fn the_fixtures_pass() {
        for f in ["tenants-ejemplo", "en-db-comma", "us-month-first"] {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sheets");
            let bytes = std::fs::read(format!("{dir}/{f}.xls")).unwrap();
            assert!(workbook_stream(&bytes).unwrap().is_some(), "{f}");
            assert_eq!(check_xls(&bytes), Ok(()), "{f}");
        }
    }
}
