//! A workbook in a person's hands: cells typed into it (its sheet's XML rewritten, as the cell
//! would be after typing), re-saved by LibreOffice, printed by LibreOffice to PDF and the PDF's
//! first page turned into pixels (poppler's `pdftoppm`).
//!
//! Without LibreOffice (or `pdftoppm`) these return `None` and the caller skips, except where
//! LibreOffice must be there ([`soffice_required`]): then they fail.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether LibreOffice must be there (CI and `npm test` say so).
pub fn soffice_required() -> bool {
    std::env::var_os("CI").is_some() || std::env::var_os("RW_REQUIRE_SOFFICE").is_some()
}

/// Runs a program the tests need from the machine; `None` (skipped) when it is not installed,
/// unless LibreOffice's tools are required.
fn run_tool(mut cmd: Command, what: &str) -> Option<()> {
    match cmd.output() {
        Ok(o) if o.status.success() => Some(()),
        Ok(o) => panic!("{what} failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) if !soffice_required() => {
            eprintln!("SKIPPED: {what} is not installed: {e}");
            None
        }
        Err(e) => panic!("{what} is required here: {e}"),
    }
}

/// `soffice --headless --convert-to FORMAT` of `src` into `out`, with its own profile under
/// `dir` (reused by the calls with the same `dir`); the converted file's path.
fn soffice_convert(src: &Path, format: &str, out: &Path, dir: &Path) -> Option<PathBuf> {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let mut cmd = Command::new("soffice");
    cmd.args([&profile, "--headless", "--convert-to", format, "--outdir"])
        .arg(out)
        .arg(src);
    run_tool(cmd, "LibreOffice (soffice)")?;
    let stem = src.file_stem().unwrap().to_string_lossy().into_owned();
    let ext = format.split(':').next().unwrap();
    Some(out.join(format!("{stem}.{ext}")))
}

/// Re-saves an .xlsx with LibreOffice, as a person opening and saving it would (`dir`: a
/// scratch folder for the files and LibreOffice's profile).
pub fn resave_with_libreoffice(xlsx: &[u8], dir: &Path) -> Option<Vec<u8>> {
    let src = dir.join("edited").join("worklist.xlsx");
    std::fs::create_dir_all(src.parent().unwrap()).unwrap();
    std::fs::write(&src, xlsx).unwrap();
    let saved = soffice_convert(&src, "xlsx", &dir.join("resaved"), dir)?;
    Some(std::fs::read(saved).unwrap())
}

/// A picture of a page: its size and its pixels, RGB, row by row.
pub struct Picture {
    pub width: usize,
    pub height: usize,
    rgb: Vec<u8>,
}

impl Picture {
    /// The colour (RRGGBB) at a pixel.
    pub fn at(&self, x: usize, y: usize) -> u32 {
        let i = (y * self.width + x) * 3;
        let [r, g, b] = [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]];
        u32::from(r) << 16 | u32::from(g) << 8 | u32::from(b)
    }
}

/// The first page of an .xlsx as LibreOffice prints it (to PDF), in pixels at `dpi`: what a
/// person sees on paper. `None`: LibreOffice or `pdftoppm` is not installed.
pub fn first_page_printed(xlsx: &[u8], dir: &Path, dpi: u32) -> Option<Picture> {
    let src = dir.join("print").join("worklist.xlsx");
    std::fs::create_dir_all(src.parent().unwrap()).unwrap();
    std::fs::write(&src, xlsx).unwrap();
    let pdf = soffice_convert(&src, "pdf", &dir.join("pdf"), dir)?;
    let prefix = dir.join("pdf").join("page");
    let mut cmd = Command::new("pdftoppm");
    cmd.args(["-r", &dpi.to_string(), "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&prefix);
    run_tool(cmd, "pdftoppm (poppler-utils)")?;
    Some(read_ppm(
        &std::fs::read(prefix.with_extension("ppm")).unwrap(),
    ))
}

/// A binary PPM (`P6`, 8 bits a channel: what `pdftoppm` writes by default): a header of
/// four words (`P6 width height 255`, a comment line may come between them), then the pixels.
fn read_ppm(bytes: &[u8]) -> Picture {
    let mut words = Vec::new();
    let mut at = 0;
    while words.len() < 4 {
        match bytes[at] {
            b'#' => at += bytes[at..].iter().position(|&b| b == b'\n').unwrap(),
            b if b.is_ascii_whitespace() => at += 1,
            _ => {
                let len = bytes[at..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .unwrap();
                words.push(std::str::from_utf8(&bytes[at..at + len]).unwrap());
                at += len;
            }
        }
    }
    assert_eq!((words[0], words[3]), ("P6", "255"), "a binary 8-bit PPM");
    let (width, height) = (words[1].parse().unwrap(), words[2].parse().unwrap());
    let rgb = bytes[at + 1..].to_vec();
    assert_eq!(rgb.len(), width * height * 3, "the PPM's pixels");
    Picture { width, height, rgb }
}

/// Rewrites one member of a zip (the other members copied as they are).
pub fn with_member(xlsx: &[u8], name: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default();
    let mut found = false;
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let member = f.name().unwrap().to_string();
        let mut body = Vec::new();
        f.read_to_end(&mut body).unwrap();
        if member == name {
            body = edit(String::from_utf8(body).unwrap()).into_bytes();
            found = true;
        }
        w.start_file(member, deflated).unwrap();
        w.write_all(&body).unwrap();
    }
    assert!(found, "no member {name}");
    w.finish().unwrap().into_inner()
}

/// Types text into cells of a sheet (`member`: its part, `xl/worksheets/sheet1.xml`), as a
/// person typing into them would leave them: each cell (`L3`) holds the text, keeping its
/// format. The cells must be in the sheet (the worklist writes every cell of a row, blank or
/// not).
pub fn type_text(xlsx: &[u8], member: &str, cells: &[(String, &str)]) -> Vec<u8> {
    with_member(xlsx, member, |mut xml| {
        for (cell, text) in cells {
            let start = xml
                .find(&format!("<c r=\"{cell}\""))
                .unwrap_or_else(|| panic!("no cell {cell} in {member}"));
            let open_end = start + xml[start..].find('>').unwrap();
            let end = if xml[..open_end].ends_with('/') {
                open_end + 1
            } else {
                open_end + xml[open_end..].find("</c>").unwrap() + 4
            };
            let style = super::attr(&xml[start..open_end], "s")
                .map(|s| format!(" s=\"{s}\""))
                .unwrap_or_default();
            let escaped = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            let typed =
                format!("<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t>{escaped}</t></is></c>");
            xml.replace_range(start..end, &typed);
        }
        xml
    })
}
