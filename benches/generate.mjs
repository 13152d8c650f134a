#!/usr/bin/env node
// Deterministic generator of realistic tenant exports for the benchmarks.
//
//   node benches/generate.mjs --rows 100000 --as-of 2026-11-26 --out target/bench/tenants-100000.csv [--seed 42]
//
// The output looks like the bundled sample (www/sample/tenants-ejemplo.csv) and exercises every
// dialect feature the engine reads: UTF-8 BOM, Spanish headers with accents, `;` delimiter, CRLF
// line ends, DD/MM/YYYY dates (plus a few ISO dates and ISO instants with `Z`), thousands
// separators in the counts (`9.400`), quoted fields containing `;`, `""` and newlines.
// About 10 % of the tenants are at risk, spread over the four levels (≈ 2.5 % each), with some
// overlap (a failed payment on a trial about to end), canceled tenants that would otherwise
// match, boundary values (exactly 90 % usage, trial ending in 8 days) and a few bad values per
// 10,000 rows (31/02/2026, "muchos", a negative limit, a row with neither id nor name, a
// duplicated id, a malformed email).
//
// Same (rows, as-of, seed) → same bytes. No Math.random: a seeded PRNG (sfc32).
// Also importable: `generate({ rows, asOf, seed }, write)` calls write(chunkString) repeatedly.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** sfc32: a small, fast, well-distributed 32-bit PRNG. */
export function sfc32(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

const FIRST = ['Ana', 'Luis', 'María', 'José', 'Sofía', 'Carlos', 'Lucía', 'Jorge', 'Valentina', 'Andrés',
  'Camila', 'Diego', 'Paula', 'Tomás', 'Fernanda', 'Ricardo', 'Gabriela', 'Martín', 'Daniela', 'Sebastián',
  'Isabel', 'Fernando', 'Mariana', 'Raúl', 'Ximena', 'Héctor', 'Renata', 'Iñaki', 'Begoña', 'Joaquín'];
const LAST = ['García', 'Rodríguez', 'Martínez', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres',
  'Flores', 'Rivera', 'Gómez', 'Díaz', 'Cruz', 'Morales', 'Ortiz', 'Gutiérrez', 'Chávez', 'Ramos', 'Herrera',
  'Aguilar', 'Mendoza', 'Castillo', 'Jiménez', 'Vargas', 'Núñez', 'Ibáñez', 'Fuentes', 'Solís', 'Muñoz'];
const KIND = ['Estudio', 'Farmacia', 'Taller', 'Academia', 'Laboratorio', 'Transportes', 'Agencia', 'Veterinaria',
  'Consultores', 'Clínica', 'Inmobiliaria', 'Panadería', 'Ferretería', 'Distribuidora', 'Seguros', 'Óptica',
  'Constructora', 'Restaurante', 'Hotel', 'Librería'];
const PLACE = ['Cusco', 'Quito', 'Bogotá', 'Chapinero', 'Miraflores', 'Monterrey', 'del Norte', 'Polanco',
  'Guadalajara', 'Medellín', 'Santiago', 'Lima', 'Puebla', 'Valparaíso', 'Cali', 'Mérida', 'Arequipa',
  'La Paz', 'Córdoba', 'Rosario', 'Montevideo', 'Asunción', 'San José', 'Tijuana', 'Oaxaca'];
const TLD = ['com.mx', 'co', 'pe', 'cl', 'com', 'com.ar', 'ec'];
const PHONE_PREFIX = ['+52 55', '+57 601', '+51 1', '+56 2', '+54 11', '+593 2'];
const EXECUTIVES = ['Rodrigo Fuentes', 'Laura Méndez', 'Pablo Ibáñez', 'Andrea Solís', 'Verónica Luna',
  'Mateo Quiroga', 'Claudia Peña', 'Esteban Ríos'];
const PAID_PLANS = [['Básico', 2000], ['Profesional', 10000], ['Empresarial', 50000]];
const NOTES = ['Pidió demo de automatizaciones', 'Cliente referido', 'Llamar por la tarde', 'Interesado en API',
  'Migrando desde otra herramienta'];
const QUOTED_NAMES = ['Comercializadora "La Esperanza"; S.A. de C.V.', 'Distribuidora "El Sol"', 'Café; Té y Más',
  'Servicios "Integrales" del Sur; Ltda.'];
const QUOTED_NOTES = ['Nota con salto\nde línea dentro de la celda', 'Dice: "llamar el lunes"; urgente',
  'Prefiere WhatsApp;\nno correo', 'Revisar "plan anual"'];

const HEADER = ['ID Tenant', 'Empresa', 'Propietario', 'Correo', 'Teléfono', 'Ejecutivo asignado', 'Plan', 'Estado',
  'Fecha fin trial', 'Pago fallido', 'Último pago', 'Mensajes usados', 'Límite mensajes', 'Notas'];

const DAY_MS = 86_400_000;

function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function quote(s) {
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function pad2(n) {
  return n < 10 ? `0${n}` : String(n);
}

/** Thousands with a dot, as Spanish Excel writes them. */
function thousands(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * Generates the export. `write(str)` receives the text in chunks (the BOM first).
 * Returns counts of what was generated (intended categories, not the engine's verdict).
 */
export function generate({ rows, asOf = '2026-11-26', seed = 20261126 }, write) {
  const rnd = sfc32(seed ^ rows);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)); // inclusive
  const base = Date.parse(`${asOf}T00:00:00Z`);
  if (!Number.isFinite(base)) throw new Error(`bad --as-of ${asOf}`);
  const dmy = (days) => {
    const d = new Date(base + days * DAY_MS);
    return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  };
  const isoDate = (days) => new Date(base + days * DAY_MS).toISOString().slice(0, 10);
  // Noon UTC: the same calendar date in every zone from UTC-11 to UTC+11.
  const isoInstant = (days) => `${isoDate(days)}T12:00:00Z`;
  const trialDate = (days) => {
    const r = rnd();
    if (r < 0.9) return dmy(days);
    if (r < 0.96) return isoDate(days);
    return isoInstant(days);
  };
  const count = (n) => (n >= 1000 && rnd() < 0.6 ? thousands(n) : String(n));
  const stats = { rows, critical: 0, high: 0, medium: 0, info: 0, canceled: 0, bad: 0 };

  write('\uFEFF' + HEADER.join(';') + '\r\n');
  const ids = [];
  let out = [];
  for (let i = 0; i < rows; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const kind = pick(KIND);
    const place = pick(PLACE);
    let id = `TN-${1_000_000 + i}`;
    let company = rnd() < 0.01 ? pick(QUOTED_NAMES) : `${kind} ${place}`;
    const domain = `${fold(kind)}${fold(place)}`.slice(0, 18);
    let email = `${fold(first)}.${fold(last)}@${domain}.${pick(TLD)}`;
    const phone = rnd() < 0.05 ? '' : `${pick(PHONE_PREFIX)} ${int(1000, 9999)} ${int(1000, 9999)}`;
    const exec = pick(EXECUTIVES);
    let plan, status, trial = '', flag, last_payment = '', used, limit;

    // Category: ~2.5 % per level, the rest no risk (trials further out, healthy actives, canceled…).
    const r = rnd();
    if (r < 0.025) {
      stats.critical++;
      const paid = pick(PAID_PLANS);
      plan = paid[0];
      limit = paid[1];
      used = int(0, Math.floor(limit * 0.85));
      const how = rnd();
      if (how < 0.3) { status = pick(['past_due', 'past_due', 'unpaid', 'incomplete']); last_payment = pick(['fallido', 'requires_payment_method', '']); }
      else if (how < 0.55) { status = 'activo'; flag = pick(['sí', 'x', 'true', '1']); last_payment = 'rechazado'; }
      else if (how < 0.85) { status = 'activo'; last_payment = pick(['fallido', 'rechazado', 'requires_payment_method', 'declined']); }
      else {
        // Overlap: a failed payment on a trial about to end, with high usage (secondary signals).
        plan = 'Trial'; limit = 1000; status = 'trialing'; trial = trialDate(int(-2, 6));
        last_payment = 'fallido'; used = int(905, 1000);
      }
    } else if (r < 0.05) {
      stats.high++;
      plan = 'Trial'; limit = 1000; status = pick(['trialing', 'trialing', 'prueba']);
      trial = trialDate(int(-6, 3)); used = int(0, 1000); last_payment = '';
    } else if (r < 0.075) {
      stats.medium++;
      plan = 'Trial'; limit = 1000; status = pick(['trialing', 'trialing', 'prueba']);
      trial = trialDate(int(4, 7)); used = int(0, 900);
    } else if (r < 0.1) {
      stats.info++;
      const paid = pick(PAID_PLANS);
      plan = paid[0]; limit = paid[1]; status = 'activo'; last_payment = 'pagado';
      used = int(Math.floor(limit * 0.9) + 1, Math.floor(limit * 1.15));
    } else if (r < 0.3) {
      // Trials not ending soon (8 days out is the boundary just past MEDIO).
      plan = 'Trial'; limit = 1000; status = pick(['trialing', 'trialing', 'prueba']);
      trial = trialDate(rnd() < 0.05 ? 8 : int(8, 30)); used = int(0, 900);
    } else if (r < 0.34) {
      // Canceled: no level, even with failed payments or a trial ending.
      stats.canceled++;
      const paid = pick(PAID_PLANS);
      plan = paid[0]; limit = paid[1]; status = 'cancelado';
      last_payment = pick(['fallido', 'pagado', '']);
      used = int(0, limit);
      if (rnd() < 0.3) trial = dmy(int(-3, 5));
    } else {
      const paid = pick(PAID_PLANS);
      plan = paid[0]; limit = paid[1]; status = rnd() < 0.02 ? 'pausado' : 'activo';
      last_payment = rnd() < 0.9 ? 'pagado' : 'pendiente';
      // Exactly 90 % now and then: not above the threshold.
      used = rnd() < 0.01 ? Math.floor(limit * 0.9) : int(0, Math.floor(limit * 0.9));
    }
    if (flag === undefined) flag = pick(['no', 'no', 'no', 'no', '', 'false', '0']);

    let usedText = count(used);
    let limitText = count(limit);
    let note = '';
    const n = rnd();
    if (n < 0.01) note = pick(QUOTED_NOTES);
    else if (n < 0.2) note = pick(NOTES);

    // A few bad values (~6 per 10,000 rows), always after the category was drawn.
    const b = rnd();
    if (b < 0.0006) {
      stats.bad++;
      switch (int(0, 5)) {
        case 0: if (trial) trial = '31/02/2026'; else usedText = 'muchos'; break;
        case 1: usedText = 'muchos'; break;
        case 2: limitText = '-5'; break;
        case 3: id = ''; company = ''; break; // rejected: neither id nor name
        case 4: if (ids.length) id = ids[int(0, ids.length - 1)]; break; // duplicated id
        default: email = `${fold(first)} arroba ${domain}`; break;
      }
    }
    if (i % 97 === 0 && ids.length < 1000) ids.push(id);

    out.push([
      id, quote(company), `${first} ${last}`, email, phone, exec, plan, status, trial, flag, last_payment,
      usedText, limitText, quote(note),
    ].join(';'));
    if (out.length === 10_000) {
      write(out.join('\r\n') + '\r\n');
      out = [];
    }
  }
  if (out.length) write(out.join('\r\n') + '\r\n');
  return stats;
}

function parseArgs(argv) {
  const a = { rows: 10_000, asOf: '2026-11-26', out: null, seed: 20261126 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${k} needs a value`);
      return argv[++i];
    };
    if (k === '--rows') a.rows = Number(v());
    else if (k === '--as-of') a.asOf = v();
    else if (k === '--out' || k === '-o') a.out = v();
    else if (k === '--seed') a.seed = Number(v());
    else if (k === '-h' || k === '--help') {
      console.log('usage: node benches/generate.mjs --rows N [--as-of YYYY-MM-DD] [--seed N] --out FILE');
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  if (!Number.isInteger(a.rows) || a.rows < 0) throw new Error('--rows must be a whole number');
  if (!a.out) throw new Error('--out FILE is required');
  return a;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`generate.mjs: ${e.message}`);
    process.exit(2);
  }
  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  const tmp = `${args.out}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  const stats = generate(args, (s) => fs.writeSync(fd, s));
  fs.closeSync(fd);
  fs.renameSync(tmp, args.out);
  const size = fs.statSync(args.out).size;
  console.error(`generate.mjs: ${args.rows} rows, ${(size / 1e6).toFixed(1)} MB → ${args.out} ` +
    `(intended: critical ${stats.critical}, high ${stats.high}, medium ${stats.medium}, info ${stats.info}, bad ${stats.bad})`);
}
