//! Microbenchmarks of the engine's hot stages, in ns per input row.
//!
//! `cargo bench --bench stages` (release profile; < 1 min; prefix it with
//! `CARGO_PROFILE_BENCH_PANIC=unwind` until Cargo.toml has `[profile.bench]
//! panic = "unwind"`: with `panic = "abort"` inherited from release, cargo
//! builds the library twice and warns about colliding output file names,
//! which now and then fails the build; `bash scripts/bench.sh --stages` does
//! it for you). Plain timing, no
//! framework: each stage runs a few times on the same generated export and the
//! best time is reported (best-of-N is the least noisy estimate on a shared
//! machine).
//!
//! Stages:
//! - `decode`        bytes → text (BOM, UTF-8 validation)
//! - `csv records`   text → records (the csv reader alone)
//! - `date order`    the pre-pass that decides day/month order (a full CSV pass)
//! - `parse rows`    records → typed rows (values, dates, counts, problems)
//! - `classify`      typed signals → level (the protocol)
//! - `analyze`       the whole front half: read + decode + classify + plan + sort
//! - `analyze (xlsx)` the same rows as an .xlsx (at most 3× `analyze`)
//! - `calamine (xlsx)` calamine alone on that .xlsx: open it, read every cell
//! - `render`        worklist → XLSX bytes (rust_xlsxwriter + zip)
//! - `build_worklist` everything
//!
//! `STAGES_STRAY=1` (`bash scripts/bench.sh --stray`) measures only the
//! stray cell instead: the same .xlsx export read by `analyze` with and
//! without one value typed at `XFD1`, at 20k and 200k rows (`STAGES_ROWS`
//! picks one size), alternated, best of each; target ≤ 2×.
//!
//! Input: a deterministic export generated here (same shape as
//! `benches/generate.mjs`: Spanish headers, `;`, BOM, CRLF, DD/MM/YYYY,
//! thousands separators, quoted fields, ~10 % at risk). `STAGES_ROWS=N`
//! changes the size (default 50,000); `STAGES_CSV=path` benchmarks a file
//! instead (e.g. `target/bench/tenants-100000.csv`). Without a `--bench`
//! argument it runs once on 500 rows as a smoke test: `cargo test` does so,
//! the integration tests compiling this file in
//! (`tests/integration/stages_bench.rs`), so it needs no test binary of its own.
//!
//! The bench names no `chrono` or `csv` type itself (it gets them from the
//! engine's API by inference): with `panic = "abort"` in the release profile,
//! `cargo bench` builds the library's dependencies twice (abort for the bin,
//! unwind for the bench), and a direct `use csv::…` could pick the other copy.
//! (`calamine (xlsx)` uses calamine directly: none of its values reach the
//! engine, so either copy does.)

use retention_worklist::stages::{decode, RowContext, Table};
use retention_worklist::{classify, parse_as_of, render, DateOrder, Options, Run};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// xorshift64*: small, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const FIRST: [&str; 12] = [
    "Ana", "Luis", "María", "José", "Sofía", "Carlos", "Lucía", "Jorge", "Iñaki", "Begoña", "Raúl",
    "Tomás",
];
const LAST: [&str; 12] = [
    "García", "Pérez", "Sánchez", "Ramírez", "Núñez", "Ibáñez", "Díaz", "Cruz", "Solís", "Muñoz",
    "Ortiz", "Ríos",
];
const KIND: [&str; 8] = [
    "Estudio",
    "Farmacia",
    "Taller",
    "Academia",
    "Clínica",
    "Óptica",
    "Hotel",
    "Librería",
];
const PLACE: [&str; 8] = [
    "Cusco",
    "Quito",
    "Bogotá",
    "Monterrey",
    "Medellín",
    "Lima",
    "Puebla",
    "Mérida",
];
const EXECS: [&str; 5] = [
    "Rodrigo Fuentes",
    "Laura Méndez",
    "Pablo Ibáñez",
    "Andrea Solís",
    "Verónica Luna",
];

fn thousands(n: i64) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `DD/MM/YYYY` of a day number (inverse of [`days_from_civil`]).
fn dmy(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{d:02}/{m:02}/{y}")
}

/// A realistic export of `rows` tenants (see the module docs), dated around
/// the day number `as_of`.
fn generate(rows: usize, as_of: i64) -> Vec<u8> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut s = String::with_capacity(rows * 170);
    s.push('\u{FEFF}');
    s.push_str("ID Tenant;Empresa;Propietario;Correo;Teléfono;Ejecutivo asignado;Plan;Estado;Fecha fin trial;Pago fallido;Último pago;Mensajes usados;Límite mensajes;Notas\r\n");
    for i in 0..rows {
        let (first, last) = (rng.pick(&FIRST), rng.pick(&LAST));
        let (kind, place) = (rng.pick(&KIND), rng.pick(&PLACE));
        let company = if rng.unit() < 0.01 {
            "\"Comercializadora \"\"La Esperanza\"\"; S.A.\"".to_string()
        } else {
            format!("{kind} {place}")
        };
        let email = format!(
            "{}.{}@{}{}.com.mx",
            first.to_lowercase(),
            last.to_lowercase(),
            kind.to_lowercase(),
            i % 97
        );
        let phone = format!("+52 55 {} {}", rng.range(1000, 9999), rng.range(1000, 9999));
        let exec = rng.pick(&EXECS);
        let r = rng.unit();
        let date = |d: i64| dmy(as_of + d);
        let (plan, status, trial, flag, last_pay, used, limit): (
            &str,
            &str,
            String,
            &str,
            &str,
            i64,
            i64,
        ) = if r < 0.025 {
            (
                "Profesional",
                "past_due",
                String::new(),
                "no",
                "fallido",
                rng.range(0, 8000),
                10_000,
            )
        } else if r < 0.05 {
            (
                "Trial",
                "trialing",
                date(rng.range(-5, 3)),
                "no",
                "",
                rng.range(0, 1000),
                1000,
            )
        } else if r < 0.075 {
            (
                "Trial",
                "prueba",
                date(rng.range(4, 7)),
                "no",
                "",
                rng.range(0, 900),
                1000,
            )
        } else if r < 0.1 {
            (
                "Empresarial",
                "activo",
                String::new(),
                "no",
                "pagado",
                rng.range(45_001, 55_000),
                50_000,
            )
        } else if r < 0.3 {
            (
                "Trial",
                "trialing",
                date(rng.range(8, 30)),
                "",
                "",
                rng.range(0, 900),
                1000,
            )
        } else if r < 0.34 {
            (
                "Básico",
                "cancelado",
                String::new(),
                "sí",
                "fallido",
                rng.range(0, 2000),
                2000,
            )
        } else {
            (
                "Básico",
                "activo",
                String::new(),
                "no",
                "pagado",
                rng.range(0, 1800),
                2000,
            )
        };
        let used = if used >= 1000 && rng.unit() < 0.6 {
            thousands(used)
        } else {
            used.to_string()
        };
        let note = if rng.unit() < 0.01 {
            "\"Nota con salto\nde línea; y \"\"comillas\"\"\""
        } else {
            ""
        };
        s.push_str(&format!(
            "TN-{};{company};{first} {last};{email};{phone};{exec};{plan};{status};{trial};{flag};{last_pay};{used};{};{note}\r\n",
            1_000_000 + i,
            thousands(limit)
        ));
    }
    s.into_bytes()
}

/// The rows as an .xlsx: whole numbers as number cells, the rest as text
/// (dates stay `DD/MM/YYYY` text, as the CSV has them).
fn as_workbook(headers: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    workbook_with(headers, rows, false)
}

/// [`as_workbook`], with one value typed at `XFD1` when `stray`.
fn workbook_with(headers: &[String], rows: &[Vec<String>], stray: bool) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).expect("cell");
    }
    if stray {
        ws.write_string(0, 16_383, "Columna suelta").expect("cell");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v.parse::<u32>() {
                Ok(n) if !v.starts_with('0') || v == "0" => ws.write_number(r, c, f64::from(n)),
                _ => ws.write_string(r, c, v),
            }
            .expect("cell");
        }
    }
    wb.save_to_buffer().expect("workbook")
}

/// Runs `f` until `budget` is spent (at least `min_iters` times) and returns the best time.
fn best_of<T>(budget: Duration, min_iters: u32, mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    let mut best = Duration::MAX;
    let mut n = 0;
    while n < min_iters || (start.elapsed() < budget && n < 50) {
        let t = Instant::now();
        black_box(f());
        best = best.min(t.elapsed());
        n += 1;
    }
    best
}

/// A generated export's header and cells.
fn header_and_cells(input: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let decoded = decode(input).expect("decodable");
    let table = Table::open(&decoded.text, &[]).expect("a table");
    let mut cells = Vec::new();
    let mut rd = table.records();
    let mut rec = Default::default();
    while rd.next_record(&mut rec).is_some() {
        cells.push(rec.iter().map(str::to_string).collect());
    }
    (table.headers.clone(), cells)
}

/// The stray cell's cost: `analyze` on the same .xlsx export with and
/// without a value at `XFD1`, alternated (plain, stray, plain, stray…),
/// best of each.
fn stray(options: &Options, sizes: &[usize], rounds: u32) {
    for &rows in sizes {
        let (headers, cells) = header_and_cells(&generate(rows, days_from_civil(2026, 11, 26)));
        let plain = workbook_with(&headers, &cells, false);
        let stray = workbook_with(&headers, &cells, true);
        let (mut a, mut b) = (Duration::MAX, Duration::MAX);
        let mut unknown = Vec::new();
        for _ in 0..rounds {
            let t = Instant::now();
            black_box(Run::new(&plain, options).analyze().expect("ok").items.len());
            a = a.min(t.elapsed());
            let t = Instant::now();
            unknown = Run::new(&stray, options)
                .analyze()
                .expect("ok")
                .summary
                .unknown_columns;
            b = b.min(t.elapsed());
        }
        assert_eq!(
            unknown.last().map(String::as_str),
            Some("Columna suelta"),
            "the stray column is an ignored column"
        );
        println!(
            "stray XFD1, {rows:>7} rows: without {:>8.1} ms   with {:>8.1} ms   with / without {:.2}x   (target <= 2x)",
            a.as_secs_f64() * 1e3,
            b.as_secs_f64() * 1e3,
            b.as_secs_f64() / a.as_secs_f64()
        );
    }
}

pub fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let as_of = parse_as_of("2026-11-26").expect("valid date");
    let mut options = Options::new(as_of);
    options.tz = "America/Mexico_City".parse().expect("known zone");
    options.file_name = "bench.csv".into();
    if !bench_mode {
        stray(&options, &[300], 1);
    } else if std::env::var_os("STAGES_STRAY").is_some() {
        let sizes = match std::env::var("STAGES_ROWS")
            .ok()
            .and_then(|s| s.parse().ok())
        {
            Some(n) => vec![n],
            None => vec![20_000, 200_000],
        };
        stray(&options, &sizes, 5);
        return;
    }

    let (input, source) = match std::env::var("STAGES_CSV") {
        Ok(path) => (std::fs::read(&path).expect("STAGES_CSV readable"), path),
        Err(_) => {
            let rows = if bench_mode {
                std::env::var("STAGES_ROWS")
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(50_000)
            } else {
                500
            };
            (
                generate(rows, days_from_civil(2026, 11, 26)),
                format!("generated, {rows} rows"),
            )
        }
    };
    let (budget, min_iters) = if bench_mode {
        (Duration::from_secs(3), 3)
    } else {
        (Duration::ZERO, 1)
    };

    // Shared, untimed setup for the per-stage measurements.
    let decoded = decode(&input).expect("decodable");
    let table = Table::open(&decoded.text, &[]).expect("a table");
    let (order, _) = table.date_order(None, options.tz);
    let ctx = RowContext {
        zone: options.tz,
        date_order: order,
        as_of,
    };
    let mut records = Vec::new();
    {
        let mut rd = table.records();
        let mut rec = Default::default();
        while let Some(line) = rd.next_record(&mut rec) {
            records.push((line, rec.clone()));
        }
    }
    let rows = records.len().max(1) as f64;
    let signals: Vec<_> = {
        let mut problems = Vec::new();
        records
            .iter()
            .filter_map(|(line, rec)| table.parse_row(rec, *line, &ctx, &mut problems))
            .map(|r| r.signals)
            .collect()
    };
    let analysis = Run::new(&input, &options).analyze().expect("analysable");

    println!(
        "stages: {source}; {:.1} MB; {} rows, {} at risk ({:.1} %), {} problems",
        input.len() as f64 / 1e6,
        records.len(),
        analysis.items.len(),
        100.0 * analysis.items.len() as f64 / rows,
        analysis.summary.problem_list.len()
    );
    let report = |name: &str, d: Duration| {
        println!(
            "{name:<16} {:>9.1} ns/row   {:>8.2} ms   {:>6.2} M rows/s",
            d.as_nanos() as f64 / rows,
            d.as_secs_f64() * 1e3,
            rows / d.as_secs_f64() / 1e6
        );
    };

    report(
        "decode",
        best_of(budget, min_iters, || {
            decode(&input).expect("decodable").text.len()
        }),
    );
    report(
        "csv records",
        best_of(budget, min_iters, || {
            let mut rd = table.records();
            let mut rec = Default::default();
            let mut n = 0usize;
            while rd.next_record(&mut rec).is_some() {
                n += rec.len();
            }
            n
        }),
    );
    report(
        "date order",
        best_of(budget, min_iters, || table.date_order(None, options.tz)),
    );
    report(
        "parse rows",
        best_of(budget, min_iters, || {
            let mut problems = Vec::new();
            records
                .iter()
                .filter_map(|(line, rec)| table.parse_row(rec, *line, &ctx, &mut problems))
                .count()
        }),
    );
    report(
        "classify",
        best_of(budget, min_iters, || {
            signals
                .iter()
                .filter_map(|s| classify(s, &options.thresholds))
                .count()
        }),
    );
    let analyze_csv = best_of(budget, min_iters, || {
        Run::new(&input, &options)
            .analyze()
            .expect("ok")
            .items
            .len()
    });
    report("analyze", analyze_csv);
    // The same rows as a workbook (what Excel saves after opening
    // the export), read through calamine. Target: at most 3× the CSV.
    let cells: Vec<Vec<String>> = records
        .iter()
        .map(|(_, r)| r.iter().map(str::to_string).collect())
        .collect();
    let xlsx = as_workbook(&table.headers, &cells);
    let analyze_xlsx = best_of(budget, min_iters, || {
        Run::new(&xlsx, &options).analyze().expect("ok").items.len()
    });
    report("analyze (xlsx)", analyze_xlsx);
    // calamine alone: opening the workbook (its shared strings) and reading
    // every cell of the sheet, nothing kept: the floor of `analyze (xlsx)`.
    let calamine_only = best_of(budget, min_iters, || {
        use calamine::{DataRef, Reader, Xlsx};
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(&xlsx[..])).expect("an xlsx");
        let mut cells = book.worksheet_cells_reader("Sheet1").expect("a sheet");
        let mut n = 0usize;
        while let Some(c) = cells.next_cell().expect("a cell") {
            n += usize::from(*c.get_value() != DataRef::Empty);
        }
        n
    });
    report("calamine (xlsx)", calamine_only);
    println!(
        "analyze (xlsx) / analyze (csv): {:.2}x   (the .xlsx is {:.1} MB)",
        analyze_xlsx.as_secs_f64() / analyze_csv.as_secs_f64(),
        xlsx.len() as f64 / 1e6
    );
    println!(
        "calamine (xlsx) / analyze (csv): {:.2}x",
        calamine_only.as_secs_f64() / analyze_csv.as_secs_f64()
    );
    report(
        "render",
        best_of(budget, min_iters, || {
            render(&analysis, &options).expect("ok").len()
        }),
    );
    report(
        "build_worklist",
        best_of(budget, min_iters, || {
            Run::new(&input, &options).build().expect("ok").xlsx.len()
        }),
    );
    if order != DateOrder::Dmy {
        println!("(date order detected: {})", order.as_str());
    }
}
