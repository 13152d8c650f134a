#!/usr/bin/env node
// Reference implementation of the retention worklist in JavaScript, on the usual browser/Node
// stack for this job: PapaParse (CSV) + ExcelJS (XLSX with cell fills; SheetJS's free edition
// cannot write fills). It is the peer the Rust/WebAssembly engine is benchmarked against, so it
// is written the way a competent JS developer would write it, not as a straw man:
//
//   - one decode (TextDecoder, BOM-aware, Windows-1252 fallback), one PapaParse pass in `step`
//     mode (rows are classified as they stream by; only at-risk tenants and problems are kept);
//   - the same header matching (case, accents, spaces/hyphens/underscores; the engine's aliases),
//     the same value parsing (Spanish/English booleans and statuses, thousands separators,
//     DD/MM/YYYY, ISO dates and instants with offsets converted to the report zone), and the
//     same date-order rule (day first unless the data only makes sense month first; the file is
//     re-read only in that rare case);
//   - the same classification (CRÍTICO payment failed > ALTO trial ≤ 3 days > MEDIO 4–7 days >
//     INFORMATIVO usage > 90 % with limit > 0; canceled → none), the same problems (with the line
//     where the record starts), the same worklist columns, texts, solid fills per level, links,
//     frozen header, autofilter, drop-down, print setup, and the same order;
//   - ExcelJS's typical in-memory API: `workbook.xlsx.writeBuffer()` (default), or its streaming
//     writer with `stream: true` (`--stream` on the CLI), which is what ExcelJS recommends for
//     large sheets.
//
// Spanish workbook only (the benchmark's language). Not reproduced: the chart on the Resumen sheet
// (ExcelJS cannot write charts) and the workbook's fixed creation date.
//
// API:  import { buildWorklistRef } from './worklist-ref.mjs'
//       const { xlsx, summary } = await buildWorklistRef(bytes, { asOf: '2026-11-26', tz: 'UTC', fileName, stream })
// CLI:  node benches/reference/worklist-ref.mjs INPUT -o OUT.xlsx --as-of YYYY-MM-DD --tz ZONE [--json] [--stream]

import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';

// ---------------------------------------------------------------------------------------------
// Header matching

const FIELDS = {
  tenant_id: ['tenant_id', 'id', 'id_tenant'],
  tenant_name: ['tenant_name', 'tenant', 'name', 'company', 'empresa', 'nombre', 'nombre_tenant', 'cuenta'],
  owner_name: ['owner_name', 'owner', 'propietario', 'contacto', 'nombre_owner'],
  owner_email: ['owner_email', 'email', 'correo', 'correo_owner', 'email_owner'],
  owner_phone: ['owner_phone', 'phone', 'telefono', 'celular', 'whatsapp'],
  account_executive: ['account_executive', 'account_manager', 'csm', 'ejecutivo', 'ejecutivo_cuenta', 'ejecutivo_asignado'],
  plan: ['plan', 'plan_name', 'nombre_plan'],
  subscription_status: ['subscription_status', 'status', 'stripe_status', 'estado', 'estado_suscripcion'],
  trial_ends_at: ['trial_ends_at', 'trial_end', 'trial_ends', 'fin_trial', 'fecha_fin_trial', 'trial_vence'],
  payment_failed: ['payment_failed', 'failed_payment', 'pago_fallido'],
  last_payment_status: ['last_payment_status', 'payment_status', 'estado_pago', 'ultimo_pago'],
  messages_used: ['messages_used', 'messages_sent', 'mensajes_usados', 'mensajes_enviados', 'uso_mensajes'],
  messages_limit: ['messages_limit', 'message_limit', 'limite_mensajes', 'cuota_mensajes'],
};
const ALIAS = new Map();
for (const [field, names] of Object.entries(FIELDS)) for (const n of names) ALIAS.set(n, field);

const ACCENTS = { á: 'a', à: 'a', ä: 'a', â: 'a', ã: 'a', é: 'e', è: 'e', ë: 'e', ê: 'e', í: 'i', ì: 'i', ï: 'i',
  î: 'i', ó: 'o', ò: 'o', ö: 'o', ô: 'o', õ: 'o', ú: 'u', ù: 'u', ü: 'u', û: 'u', ñ: 'n', ç: 'c' };

/** Lowercase, accent-free, runs of space/-/_/. as one `_`, trimmed. */
export function normalizeHeader(h) {
  return h
    .replace(/^[\s\uFEFF"]+|[\s\uFEFF"]+$/g, '')
    .toLowerCase()
    .replace(/[áàäâãéèëêíìïîóòöôõúùüûñç]/g, (c) => ACCENTS[c])
    .replace(/[\s\-_.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

// Word keys of status/boolean cells repeat endlessly: memoise them (bounded).
const wordCache = new Map();
function wordKey(s) {
  let k = wordCache.get(s);
  if (k === undefined) {
    k = normalizeHeader(s);
    if (wordCache.size < 10_000) wordCache.set(s, k);
  }
  return k;
}

// ---------------------------------------------------------------------------------------------
// Values

const E = {
  Boolean: 'sí/no (true/false, 1/0, x o vacío)',
  Count: 'un número entero ≥ 0 (se admite 9.400, 9,400 o 9 400)',
  Date: 'una fecha real: AAAA-MM-DD, DD/MM/AAAA o DD-MM-AAAA (con hora y zona opcionales)',
  DateInOrder: 'una fecha válida en el orden de fechas del archivo (día/mes o mes/día)',
  Status: 'un estado: trialing/prueba, active/activo, past_due, unpaid, incomplete, canceled/cancelado, paused',
  PaymentStatus: 'un estado de pago: failed/fallido, declined/rechazado, requires_payment_method, succeeded/pagado, pending/pendiente…',
  Identity: 'un ID o un nombre de tenant: la fila se rechazó',
  UniqueId: 'un ID que no se repita (ID duplicado; la fila se procesa igualmente)',
  Email: 'una dirección de email (nombre@dominio): se muestra sin enlace',
  CellLength: 'un texto de hasta 32.767 caracteres (límite de Excel): se cortó',
  FieldCount: (n) => `${n} campos, como el encabezado`,
};
const BAD = Symbol('bad');

const BOOL = new Map([
  ...['true', '1', 'yes', 'y', 'si', 's', 'x', 'verdadero', 't'].map((w) => [w, true]),
  ...['false', '0', 'no', 'n', 'falso', 'f', '-'].map((w) => [w, false]),
]);
function parseBool(s) {
  const k = wordKey(s);
  if (k === '') return null;
  const v = BOOL.get(k);
  return v === undefined ? BAD : v;
}

const STATUS = new Map();
for (const [st, words] of Object.entries({
  trialing: ['trialing', 'trial', 'prueba', 'en_prueba', 'periodo_de_prueba'],
  active: ['active', 'activo', 'activa', 'paid', 'pagado'],
  past_due: ['past_due', 'pastdue', 'vencido', 'moroso', 'pago_vencido', 'atrasado'],
  unpaid: ['unpaid', 'impago', 'no_pagado', 'sin_pagar'],
  incomplete: ['incomplete', 'incompleto', 'incompleta'],
  canceled: ['canceled', 'cancelled', 'cancelado', 'cancelada', 'incomplete_expired', 'expired', 'expirado'],
  paused: ['paused', 'pausado', 'pausada', 'suspendido', 'suspendida'],
})) for (const w of words) STATUS.set(w, st);
function parseStatus(s) {
  const k = wordKey(s);
  if (k === '') return null;
  return STATUS.get(k) ?? BAD;
}

const PAY = new Map([
  ...['failed', 'fallido', 'fallida', 'fallo', 'declined', 'rechazado', 'rechazada', 'requires_payment_method',
    'payment_failed', 'error', 'card_declined'].map((w) => [w, true]),
  ...['succeeded', 'success', 'successful', 'paid', 'pagado', 'exitoso', 'ok', 'approved', 'aprobado', 'pending',
    'pendiente', 'processing', 'procesando', 'refunded', 'reembolsado', 'none', 'n/a', 'na', 'ninguno', 'canceled',
    'cancelado'].map((w) => [w, false]),
]);
function parsePaymentStatus(s) {
  const k = wordKey(s);
  if (k === '') return null;
  const v = PAY.get(k);
  return v === undefined ? BAD : v;
}

const DIGITS = /^\d+$/;
const MAX_U64 = 18446744073709551615n;
function toCount(digits) {
  // Counts are u64 in the engine; JS numbers are exact up to 2^53, plenty for message counts.
  if (digits.length > 19 && BigInt(digits) > MAX_U64) return BAD;
  return Number(digits);
}
/** A whole number ≥ 0 with optional thousands separators (`9.400`, `9,400`, `9 400`). */
export function parseCount(s) {
  const t = s.trim();
  if (t === '') return null;
  if (DIGITS.test(t)) return toCount(t);
  const m = /^(\d+)[.,](0+)$/.exec(t);
  if (m && m[2].length !== 3) return toCount(m[1]);
  const sepMatch = /\D/.exec(t);
  const sep = sepMatch[0];
  if (!['.', ',', ' ', '\u00a0', '\u202f', "'"].includes(sep)) return BAD;
  const groups = t.split(sep);
  const first = groups[0];
  if (first === '' || first.length > 3 || !DIGITS.test(first)) return BAD;
  for (let i = 1; i < groups.length; i++) if (groups[i].length !== 3 || !DIGITS.test(groups[i])) return BAD;
  return toCount(groups.join(''));
}

function daysInMonth(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
function validYmd(y, m, d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}
/** Days since 1970-01-01 of a valid calendar date. */
function dayNumber(y, m, d) {
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
function validTime(t) {
  const m = TIME.exec(t);
  return !!m && +m[1] < 24 && +m[2] < 60 && (m[3] === undefined || +m[3] < 60);
}

/** The report zone: an IANA name, `UTC`, or a fixed offset `±HH:MM`. */
function makeZone(tz) {
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(tz || '');
  if (!tz || tz.toUpperCase() === 'UTC' || tz === 'Z') return { dateOf: (ms) => Math.floor(ms / 86_400_000) };
  if (fixed) {
    const off = (fixed[1] === '-' ? -1 : 1) * (+fixed[2] * 60 + +fixed[3]) * 60_000;
    return { dateOf: (ms) => Math.floor((ms + off) / 86_400_000) };
  }
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  return {
    dateOf: (ms) => {
      const [y, m, d] = fmt.format(new Date(ms)).split('-').map(Number);
      return dayNumber(y, m, d);
    },
  };
}

const ISO = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[Tt ](.+))?$/;
const DMY = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
/**
 * Parses a trial-end cell: null (empty), BAD, { day } (exact day number), or
 * { a, b, year } (NN/NN/YYYY, order decided per file).
 */
function parseDate(s, zone) {
  const t = s.trim();
  if (t === '') return null;
  if (t.length > 40) return BAD;
  const iso = ISO.exec(t);
  if (iso || (t.length >= 10 && /^\d{4}[-/]/.test(t))) {
    if (!iso) return BAD;
    const y = +iso[1], m = +iso[2], d = +iso[3];
    if (!validYmd(y, m, d)) return BAD;
    if (iso[4] === undefined) return { day: dayNumber(y, m, d) };
    let rest = iso[4].trim(), offsetMin = null;
    let z;
    if (/[Zz]$/.test(rest)) { rest = rest.slice(0, -1).trim(); offsetMin = 0; }
    else if (rest.endsWith(' UTC')) { rest = rest.slice(0, -4).trim(); offsetMin = 0; }
    else if ((z = /([+-])(\d{2})(?::?(\d{2}))?$/.exec(rest))) {
      offsetMin = (z[1] === '-' ? -1 : 1) * (+z[2] * 60 + +(z[3] ?? 0));
      rest = rest.slice(0, z.index).trim();
    }
    if (!validTime(rest)) return BAD;
    if (offsetMin === null) return { day: dayNumber(y, m, d) };
    const [hh, mm, ss] = rest.split(':').map((x) => Math.floor(+x || 0));
    const utcMs = Date.UTC(y, m - 1, d, hh, mm, ss || 0) - offsetMin * 60_000;
    return { day: zone.dateOf(utcMs) };
  }
  const sp = t.search(/[ T]/);
  let datePart = t;
  if (sp >= 0) {
    datePart = t.slice(0, sp);
    if (!validTime(t.slice(sp + 1).trim())) return BAD;
  }
  const m = DMY.exec(datePart);
  if (!m) return BAD;
  const a = +m[1], b = +m[3], year = +m[4];
  if (a === 0 || b === 0 || a > 31 || b > 31 || (a > 12 && b > 12)) return BAD;
  if (!validYmd(year, b, a) && !validYmd(year, a, b)) return BAD;
  return { a, b, year };
}
function resolveDate(raw, mdy) {
  if (raw.day !== undefined) return raw.day;
  const [mo, d] = mdy ? [raw.a, raw.b] : [raw.b, raw.a];
  return validYmd(raw.year, mo, d) ? dayNumber(raw.year, mo, d) : null;
}

export function isPlausibleEmail(s) {
  const at = s.indexOf('@');
  if (at <= 0) return false;
  const domain = s.slice(at + 1);
  return domain.includes('.') && !domain.startsWith('.') && !domain.endsWith('.') && !domain.includes('@') &&
    !/[\s\p{Cc}<>",;]/u.test(s);
}

export function dialablePhone(s) {
  const t = s.trim();
  if (/[^0-9+ \-().\/]/.test(t)) return null;
  const digits = t.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) return null;
  return (t.startsWith('+') ? '+' : '') + digits;
}

function shorten(s) {
  const chars = Array.from(s);
  return chars.length <= 200 ? s : chars.slice(0, 200).join('') + '…';
}

const MAX_CELL = 32_767;
function fitCell(s) {
  if (s.length <= MAX_CELL) return [s, false];
  const marker = '… [cortado]';
  let cut = s.slice(0, MAX_CELL - marker.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return [cut + marker, true];
}

// ---------------------------------------------------------------------------------------------
// Texts (Spanish), as the engine writes them

const CRIT = 0, HIGH = 1, MED = 2, INFO = 3;
const LABEL = ['🔴 CRÍTICO', '🟠 ALTO', '🟡 MEDIO', '🔵 INFORMATIVO'];
const FILL = ['FFFF8080', 'FFF8B26A', 'FFFFE36E', 'FF9CC3E6'];
const GOAL = [
  'Recuperar el pago antes de que la suspensión automática impacte la operación del cliente.',
  'Conversión. Resolver las últimas barreras para que el cliente se suscriba.',
  'Nutrir. Mantener el interés y guiar al cliente hacia la decisión de compra sin ser intrusivo.',
  'Upselling. Generar ingresos adicionales y mejorar la experiencia del cliente al evitar que se tope con un límite.',
];
// Column order and widths as the engine writes them (who, why, what to do and tracking first; the
// email material after).
const HEADERS = ['Nivel', 'Días', 'ID', 'Tenant', 'Owner', 'Teléfono', 'Email', 'Ejecutivo', 'Plan', 'Motivo',
  'Acción', 'Estado', 'Notas', 'Fin del trial', 'Uso de mensajes', 'Asunto email', 'Borrador email', 'Objetivo',
  'Otras señales', 'Línea'];
const WIDTHS = [15, 6, 10, 22, 18, 17, 27, 16, 11, 30, 42, 13, 22, 12, 10, 36, 60, 34, 30, 7];
const LAST_PRINTED = 13; // print area: Nivel … Notas
const STATES = ['Pendiente', 'Contactado', 'Resuelto', 'Sin respuesta'];

function pad2(n) { return n < 10 ? `0${n}` : String(n); }
function fmtDay(day) {
  const d = new Date(day * 86_400_000);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
function fmtInt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.'); }
function fmtUsage(used, limit, threshold) {
  const p = (used * 100) / Math.max(limit, 1);
  let text = '';
  for (let dec = 0; dec <= 3; dec++) {
    const scale = 10 ** dec;
    const shown = Math.floor(p * scale) / scale;
    text = shown.toFixed(dec);
    if (shown > threshold || dec === 3) break;
  }
  return `${text.replace('.', ',')} %`;
}
function trialWhen(d) {
  if (d === 0) return 'hoy';
  if (d === 1) return 'mañana';
  if (d > 1) return `en ${d} días`;
  if (d === -1) return 'hace 1 día';
  return `hace ${-d} días`;
}
function signalLevel(sig, th) {
  if (sig.kind === 'payment') return CRIT;
  if (sig.kind === 'trial') return sig.days <= th.highDays ? HIGH : MED;
  return INFO;
}
function reasonText(sig, trialDay, th) {
  if (sig.kind === 'payment') {
    const why = sig.why === 'flag' ? 'pago_fallido = sí' : sig.why === 'last' ? `último pago: ${sig.word}` : sig.word;
    return `Pago fallido (${why})`;
  }
  if (sig.kind === 'trial') {
    const date = trialDay == null ? '' : ` (${fmtDay(trialDay)})`;
    const when = trialWhen(sig.days);
    return sig.days < 0 ? `Trial vencido ${when}${date}, sin convertir` : `Trial vence ${when}${date}`;
  }
  return `Uso de mensajes ${fmtUsage(sig.used, sig.limit, th.usagePercent)} (${fmtInt(sig.used)} / ${fmtInt(sig.limit)})`;
}
function percentEncode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The worklist row for an at-risk tenant (action, subject, draft…), as plan.rs builds it. */
function planItem(line, contact, trialDay, days, usage, level, main, secondary, o) {
  const product = o.productName;
  const owner = contact.owner;
  const tenant = contact.name || contact.id;
  const greeting = owner ? `Hola ${owner},` : 'Hola,';
  const signature = contact.executive || `El equipo de ${product}`;
  const dial = dialablePhone(contact.phone);
  let action, subject, body;
  if (level === CRIT) {
    const call = dial ? `1) Llamar AHORA al owner (${contact.phone}).` : '1) Llamar AHORA al owner (sin teléfono en el export: buscarlo en el CRM).';
    action = `${call} 2) Enviar el email urgente de pago (asunto y borrador en esta fila).`;
    subject = `Acción Urgente Requerida: Problema con tu Pago en ${product}`;
    body = `No pudimos procesar el último pago de la cuenta ${tenant} en ${product}. Si no se actualiza el método de pago, la cuenta será suspendida automáticamente y tu equipo perderá el acceso.\n\nQueremos ayudarte a resolverlo hoy mismo: responde a este email o llámanos y actualizamos juntos el método de pago en unos minutos.`;
  } else if (level === HIGH) {
    const d = days ?? 0;
    const when = trialWhen(d);
    action = 'Email personal (no automatizado): experiencia del trial, dudas y beneficios del plan de pago. Si le faltó tiempo para evaluar: extensión de 3-5 días (superadmin).';
    subject = owner ? `${owner}, ¿cómo va tu prueba de ${product}?` : `¿Cómo va tu prueba de ${product}?`;
    const ends = d < 0 ? `Tu prueba de ${product} para ${tenant} terminó ${when}.` : `Tu prueba de ${product} para ${tenant} termina ${when}.`;
    body = `${ends} Me gustaría saber cómo ha sido tu experiencia: ¿hay algo que no hayas podido probar o alguna duda que pueda resolverte?\n\nCon un plan de pago conservas toda tu configuración, contactos y conversaciones, sin interrupciones.\n\nSi necesitas unos días más para evaluarlo con calma, dímelo y vemos cómo extender tu prueba.`;
  } else if (level === MED) {
    action = 'Añadir a la campaña automatizada «Última Semana de Trial» (hoja Campaña).';
    subject = `Tu última semana de prueba en ${product}`;
    body = `Te queda una semana de prueba en ${product}. Así es como otros equipos lo usan para vender más: [caso de éxito]. ¿Ya probaste las funciones avanzadas, como las automatizaciones y los reportes? \n\nSuscríbete hoy y conserva todo lo que configuraste: [enlace para suscribirse].`;
  } else {
    action = 'Enviar email proactivo de upselling: sugerir actualizar el plan antes de llegar al límite.';
    subject = `Estás aprovechando al máximo ${product}`;
    body = `Parece que le estás sacando mucho provecho a ${product}. Has usado más del ${o.thresholds.usagePercent}% de tu límite de mensajes este mes. Considera actualizar tu plan para evitar interrupciones.`;
  }
  const draft = `${greeting}\n\n${body}\n\nSaludos,\n${signature}`;
  const other = secondary.map((s) => `${LABEL[signalLevel(s, o.thresholds)]}: ${reasonText(s, trialDay, o.thresholds)}`).join('; ');
  return {
    line, level, contact, trialDay, days, usage, dial,
    reason: reasonText(main, trialDay, o.thresholds),
    action, subject, draft, goal: GOAL[level], other,
    emailOk: isPlausibleEmail(contact.email),
  };
}

/** Percent-encoding as the engine does it: RFC 3986 unreserved characters (plus `keep`) stay. */
function percentEncodeKeeping(s, keep) {
  let out = percentEncode(s);
  for (const c of keep) out = out.split(`%${c.charCodeAt(0).toString(16).toUpperCase()}`).join(c);
  return out;
}

/** The mailto: link: address (keeping `@` and `+`), subject and, when asked and it fits, the draft. */
function mailto(item, withDraft) {
  if (!item.emailOk) return null;
  const base = `mailto:${percentEncodeKeeping(item.contact.email, '@+')}?subject=${percentEncode(item.subject)}`;
  if (withDraft) {
    const withBody = `${base}&body=${percentEncode(item.draft)}`;
    if (withBody.length <= 2079) return withBody;
  }
  return base.length <= 2079 ? base : null;
}

function byUrgency(a, b) {
  if (a.level !== b.level) return a.level - b.level;
  if (a.level === HIGH || a.level === MED) {
    const da = a.days ?? -Infinity, db = b.days ?? -Infinity; // Rust: None < Some
    if (da !== db) return da - db;
  } else if (a.level === INFO) {
    if (a.usage && b.usage) {
      const l = b.usage[0] * Math.max(a.usage[1], 1), r = a.usage[0] * Math.max(b.usage[1], 1);
      if (l !== r) return l - r;
    } else if (a.usage || b.usage) return a.usage ? -1 : 1;
  }
  return a.line - b.line;
}

// ---------------------------------------------------------------------------------------------
// Reading and classifying

function decode(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16BE' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: bom ? 'UTF-8 (BOM)' : 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

function countNewlines(s) {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** One pass over the records with a given date order. */
function readPass(text, startLine, delimiter, headers, col, mdy, o, zone) {
  const problems = [];
  const items = [];
  const counts = [0, 0, 0, 0];
  let rows = 0, noRisk = 0, rejected = 0, blank = 0;
  let dayFirst = false, monthFirst = false;
  const seen = new Set();
  const asOfDay = dayNumber(...o.asOf.split('-').map(Number));
  const th = o.thresholds;
  const hasStatus = col.subscription_status !== undefined;
  const header = (f) => (col[f] === undefined ? f : headers[col[f]]);
  const cellOf = (rec, f) => {
    const i = col[f];
    return i === undefined || i >= rec.length ? '' : rec[i].trim();
  };
  let line = startLine; // line where the next record starts
  let first = true;

  Papa.parse(text, {
    delimiter,
    newline: '',
    header: false,
    skipEmptyLines: false,
    step: ({ data: rec }) => {
      const recLine = line;
      let nl = 1;
      for (const f of rec) if (f.indexOf('\n') !== -1) nl += countNewlines(f);
      line += nl;
      if (first) { first = false; return; } // the header
      if (rec.length === 1 && rec[0] === '') return; // an empty line (the CSV reader skips them)
      if (rec.every((f) => f.trim() === '')) { blank++; return; }
      rows++;
      const id = cellOf(rec, 'tenant_id');
      const name = cellOf(rec, 'tenant_name');
      const who = shorten(id || name);
      const report = (field, value, expected) =>
        problems.push({ line: recLine, tenant: who, column: field ? header(field) : '', value: shorten(value), expected });
      if (rec.length !== headers.length) {
        const value = rec.length > headers.length ? rec.slice(headers.length).join(delimiter) : `${rec.length} / ${headers.length}`;
        report(null, value, E.FieldCount(headers.length));
      }
      if (!id && !name) {
        report(col.tenant_id !== undefined ? 'tenant_id' : 'tenant_name', rec.map((f) => f.trim()).filter(Boolean).join(' | '), E.Identity);
        rejected++;
        return;
      }
      const statusText = cellOf(rec, 'subscription_status');
      let status = parseStatus(statusText);
      if (status === BAD) { report('subscription_status', statusText, E.Status); status = null; }
      const flagText = cellOf(rec, 'payment_failed');
      let flag = parseBool(flagText);
      if (flag === BAD) { report('payment_failed', flagText, E.Boolean); flag = null; }
      const lastText = cellOf(rec, 'last_payment_status');
      let lastFailed = parsePaymentStatus(lastText);
      if (lastFailed === BAD) { report('last_payment_status', lastText, E.PaymentStatus); lastFailed = null; }
      let payment = null;
      if (flag === true) payment = { kind: 'payment', why: 'flag' };
      else if (lastFailed === true) payment = { kind: 'payment', why: 'last', word: shorten(lastText) };
      else if (status === 'past_due' || status === 'unpaid' || status === 'incomplete') payment = { kind: 'payment', why: 'status', word: status };

      const trialText = cellOf(rec, 'trial_ends_at');
      let trialDay = null;
      const raw = parseDate(trialText, zone);
      if (raw === BAD) report('trial_ends_at', trialText, E.Date);
      else if (raw) {
        if (raw.a !== undefined) { if (raw.a > 12) dayFirst = true; if (raw.b > 12) monthFirst = true; }
        trialDay = resolveDate(raw, mdy);
        if (trialDay === null) report('trial_ends_at', trialText, E.DateInOrder);
      }
      const days = trialDay === null ? null : trialDay - asOfDay;
      const count = (f) => {
        const t = cellOf(rec, f);
        const v = parseCount(t);
        if (v === BAD) { report(f, t, E.Count); return null; }
        return v;
      };
      const used = count('messages_used');
      const limit = count('messages_limit');
      const usage = used !== null && limit !== null ? [used, limit] : null;

      if (id) {
        if (seen.has(id)) problems.push({ line: recLine, tenant: shorten(id), column: headers[col.tenant_id ?? 0], value: shorten(id), expected: E.UniqueId });
        else seen.add(id);
      }

      // Classification: most urgent first; canceled gets no level.
      if (status === 'canceled') { noRisk++; return; }
      const signals = [];
      if (payment) signals.push(payment);
      const onTrial = status !== null ? status === 'trialing' : days !== null;
      if (onTrial && days !== null && days <= th.mediumDays) signals.push({ kind: 'trial', days });
      if (usage && usage[1] > 0 && usage[0] * 10_000 > Math.round(th.usagePercent * 100) * usage[1]) {
        signals.push({ kind: 'usage', used: usage[0], limit: usage[1] });
      }
      if (signals.length === 0) { noRisk++; return; }
      const main = signals.shift();
      const level = signalLevel(main, th);
      counts[level]++;
      const text = (f, value) => {
        const [fitted, cut] = fitCell(value);
        if (cut) problems.push({ line: recLine, tenant: who, column: col[f] === undefined ? '' : headers[col[f]], value: shorten(value), expected: E.CellLength });
        return fitted;
      };
      const contact = {
        id: text('tenant_id', id),
        name: text('tenant_name', name),
        owner: text('owner_name', cellOf(rec, 'owner_name')),
        email: text('owner_email', cellOf(rec, 'owner_email')),
        phone: text('owner_phone', cellOf(rec, 'owner_phone')),
        executive: text('account_executive', cellOf(rec, 'account_executive')),
        plan: text('plan', cellOf(rec, 'plan')),
      };
      if (contact.email && !isPlausibleEmail(contact.email)) {
        problems.push({ line: recLine, tenant: who, column: col.owner_email === undefined ? '' : headers[col.owner_email], value: shorten(contact.email), expected: E.Email });
      }
      items.push(planItem(recLine, contact, trialDay, days, usage, level, main, signals, o));
    },
  });
  const order = dayFirst ? 'dmy' : monthFirst ? 'mdy' : 'dmy';
  const source = dayFirst || monthFirst ? 'detected' : 'default';
  return { items, problems, counts, rows, noRisk, rejected, blank, order, source };
}

/** Reads, classifies and plans: the worklist and its summary. */
export function analyzeRef(bytes, options = {}) {
  const o = {
    asOf: options.asOf,
    tz: options.tz || 'UTC',
    fileName: options.fileName || 'export.csv',
    productName: options.productName || 'ImagineCRM',
    thresholds: { highDays: 3, mediumDays: 7, usagePercent: 90, ...(options.thresholds || {}) },
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.asOf || '')) throw new Error('asOf must be YYYY-MM-DD');
  const zone = makeZone(o.tz);
  const { text: decoded, encoding } = decode(bytes);
  let text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  if (text.trim() === '') throw new Error('El archivo está vacío.');

  // Excel's `sep=X` line, else PapaParse's delimiter guess among , ; tab |.
  let delimiter, startLine = 1;
  const sepLine = /^sep=(.)\r?\n/i.exec(text.slice(0, 10));
  if (sepLine) {
    delimiter = sepLine[1];
    text = text.slice(sepLine[0].length);
    startLine = 2;
  } else {
    const firstLines = text.slice(0, 64 * 1024);
    delimiter = Papa.parse(firstLines, { preview: 20, delimitersToGuess: [',', ';', '\t', '|'] }).meta.delimiter;
  }
  const headerRec = Papa.parse(text.slice(0, 64 * 1024), { delimiter, preview: 1 }).data[0] || [];
  const headers = headerRec.map((h) => h.replace(/^\uFEFF/, '').trim());
  const col = {};
  const unknown = [];
  headers.forEach((h, i) => {
    const f = ALIAS.get(normalizeHeader(h));
    if (f && col[f] === undefined) col[f] = i;
    else unknown.push(h || `#${i + 1}`);
  });
  if (Object.keys(col).length === 0) throw new Error('Ninguna columna reconocida.');
  if (col.tenant_id === undefined && col.tenant_name === undefined) throw new Error('Falta la columna de ID o nombre del tenant.');

  let pass = readPass(text, startLine, delimiter, headers, col, false, o, zone);
  if (pass.order === 'mdy') pass = { ...readPass(text, startLine, delimiter, headers, col, true, o, zone), order: 'mdy', source: 'detected' };
  text = null;

  pass.items.sort(byUrgency);
  pass.problems.sort((a, b) => a.line - b.line);
  const byExec = new Map();
  for (const w of pass.items) {
    const e = w.contact.executive;
    if (!byExec.has(e)) byExec.set(e, [0, 0, 0, 0]);
    byExec.get(e)[w.level]++;
  }
  const summary = {
    rows: pass.rows, critical: pass.counts[0], high: pass.counts[1], medium: pass.counts[2], info: pass.counts[3],
    no_risk: pass.noRisk, rejected: pass.rejected, problems: pass.problems.length, blank_rows: pass.blank,
    encoding, delimiter: delimiter === '\t' ? 'tab' : delimiter, date_order: pass.order, date_order_source: pass.source,
    as_of: o.asOf, tz: o.tz, file_name: o.fileName,
    columns: Object.entries(col).map(([field, i]) => ({ field, header: headers[i] })), unknown_columns: unknown,
    by_executive: [...byExec.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([executive, c]) => ({ executive, critical: c[0], high: c[1], medium: c[2], info: c[3] })),
  };
  return { items: pass.items, problems: pass.problems, summary, options: o };
}

// ---------------------------------------------------------------------------------------------
// Writing with ExcelJS

const BORDER = { style: 'thin', color: { argb: 'FFBFBFBF' } };
const BORDERS = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };
const HEADER_STYLE = {
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } },
  alignment: { vertical: 'top', wrapText: true },
  border: BORDERS,
};
const LEVEL_STYLES = FILL.map((argb) => {
  const fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
  const base = { fill, border: BORDERS, alignment: { vertical: 'top' } };
  return {
    text: base,
    wrap: { ...base, alignment: { vertical: 'top', wrapText: true } },
    date: { ...base, numFmt: 'dd/mm/yyyy', alignment: { vertical: 'top', horizontal: 'left' } },
    percent: { ...base, numFmt: '0.0%', alignment: { vertical: 'top', horizontal: 'left' } },
    int: { ...base, alignment: { vertical: 'top', horizontal: 'left' } },
    link: { ...base, font: { color: { argb: 'FF0B3D91' }, underline: 'single' } },
    strong: { ...base, font: { bold: true } },
  };
});
const PLAIN = { border: BORDERS, alignment: { vertical: 'top' } };
const WRAP = { border: BORDERS, alignment: { vertical: 'top', wrapText: true } };
const DATE = { border: BORDERS, numFmt: 'dd/mm/yyyy', alignment: { vertical: 'top', horizontal: 'left' } };
const PRINT = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };

function sheet(wb, name, widths) {
  return wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { ...PRINT },
    headerFooter: { oddFooter: '&L&A&R&P / &N' },
    properties: {},
  });
}

function headerRow(ws, headers, widths) {
  ws.columns = headers.map((h, i) => ({ width: widths[i] }));
  const row = ws.getRow(1);
  headers.forEach((h, i) => {
    const c = row.getCell(i + 1);
    c.value = h;
    c.style = HEADER_STYLE;
  });
  row.height = 30;
  return row;
}

function put(row, col, value, style) {
  const c = row.getCell(col);
  c.value = value;
  c.style = style;
}

const dateOf = (day) => new Date(day * 86_400_000);

function writeWorklist(ws, items, streaming) {
  headerRow(ws, HEADERS, WIDTHS);
  if (streaming) ws.getRow(1).commit();
  let links = 0;
  items.forEach((w, i) => {
    const st = LEVEL_STYLES[w.level];
    const c = w.contact;
    const row = ws.getRow(i + 2);
    put(row, 1, LABEL[w.level], st.strong);
    put(row, 2, w.days ?? null, w.days == null ? st.text : st.int);
    put(row, 3, c.id, st.text);
    put(row, 4, c.name, st.wrap);
    put(row, 5, c.owner, st.wrap);
    if (w.dial) put(row, 6, { formula: `HYPERLINK("tel:${w.dial}","${c.phone.trim()}")`, result: c.phone.trim() }, st.link);
    else put(row, 6, c.phone, st.text);
    // The engine's rule: the first 10,000 links carry the draft, then the subject only, and Excel
    // takes at most 65,530 links per sheet.
    const link = links < 10_000 ? mailto(w, true) : links < 65_530 ? mailto(w, false) : null;
    if (link) { links++; put(row, 7, { text: c.email, hyperlink: link }, st.link); }
    else put(row, 7, c.email, st.text);
    put(row, 8, c.executive, st.wrap);
    put(row, 9, c.plan, st.text);
    put(row, 10, w.reason, st.wrap);
    put(row, 11, w.action, st.wrap);
    put(row, 12, STATES[0], st.text);
    row.getCell(12).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${STATES.join(',')}"`] };
    put(row, 13, null, st.wrap);
    put(row, 14, w.trialDay == null ? null : dateOf(w.trialDay), w.trialDay == null ? st.text : st.date);
    const ratio = w.usage && w.usage[1] > 0 ? w.usage[0] / w.usage[1] : null;
    put(row, 15, ratio, ratio == null ? st.text : st.percent);
    put(row, 16, w.subject, st.wrap);
    put(row, 17, fitCell(w.draft)[0], st.text);
    put(row, 18, w.goal, st.wrap);
    put(row, 19, w.other, st.wrap);
    put(row, 20, w.line, st.int);
    row.height = 60;
    if (streaming) row.commit();
  });
  ws.pageSetup.printArea = `A1:${String.fromCharCode(64 + LAST_PRINTED)}${items.length + 1}`;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: items.length + 1, column: HEADERS.length } };
}

function writeSummary(ws, summary, items) {
  ws.columns = [{ width: 34 }, { width: 44 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }];
  let r = 1;
  const row = () => ws.getRow(r++);
  let x = row();
  put(x, 1, `Worklist de retención y upselling — ImagineCRM`, { font: { bold: true, size: 16, color: { argb: 'FF1F3864' } } });
  r++;
  const kv = [
    ['Fecha de corte', summary.as_of.split('-').reverse().join('/')], ['Zona horaria', summary.tz],
    ['Archivo', summary.file_name], ['Codificación', summary.encoding], ['Delimitador', summary.delimiter],
    ['Orden de fechas', `${summary.date_order} (${summary.date_order_source === 'detected' ? 'detectado en los datos' : 'por defecto'})`],
    ['Umbrales', 'ALTO ≤ 3 días · MEDIO 4-7 días · INFORMATIVO > 90 % de uso'],
  ];
  for (const [k, v] of kv) { x = row(); put(x, 1, k, { font: { bold: true } }); put(x, 2, v, WRAP); }
  r++;
  x = row(); put(x, 1, 'Tenants por nivel', HEADER_STYLE); put(x, 2, 'Cantidad', HEADER_STYLE);
  const counts = [summary.critical, summary.high, summary.medium, summary.info];
  counts.forEach((n, l) => { x = row(); put(x, 1, LABEL[l], LEVEL_STYLES[l].strong); put(x, 2, n, LEVEL_STYLES[l].int); });
  for (const [k, v] of [['Sin riesgo', summary.no_risk], ['Filas rechazadas', summary.rejected], ['Filas leídas', summary.rows],
    ['Problemas en los datos', summary.problems], ['Filas en blanco omitidas', summary.blank_rows]]) {
    x = row(); put(x, 1, k, PLAIN); put(x, 2, v, PLAIN);
  }
  r = Math.max(r, 18) + 1;
  x = row(); put(x, 1, 'Por ejecutivo de cuenta', HEADER_STYLE);
  LABEL.forEach((l, i) => put(x, i + 2, l, LEVEL_STYLES[i].strong));
  put(x, 6, 'Total', HEADER_STYLE);
  for (const e of summary.by_executive) {
    x = row();
    put(x, 1, e.executive || '(sin asignar)', PLAIN);
    const c = [e.critical, e.high, e.medium, e.info];
    c.forEach((n, i) => put(x, i + 2, n, PLAIN));
    put(x, 6, c[0] + c[1] + c[2] + c[3], PLAIN);
  }
  r++;
  x = row(); put(x, 1, 'Reglas no evaluadas', HEADER_STYLE);
  x = row(); put(x, 1, 'Ninguna: todas las reglas se evaluaron', PLAIN);
  r++;
  x = row(); put(x, 1, 'Columnas reconocidas', HEADER_STYLE); put(x, 2, 'Encabezado en el archivo', HEADER_STYLE);
  for (const c of summary.columns) { x = row(); put(x, 1, c.field, PLAIN); put(x, 2, c.header, PLAIN); }
  if (summary.unknown_columns.length) { x = row(); put(x, 1, 'Columnas ignoradas', { font: { bold: true } }); put(x, 2, summary.unknown_columns.join(', '), WRAP); }
}

function writeCampaign(ws, items, streaming) {
  headerRow(ws, ['Nombre', 'Email', 'Tenant', 'ID', 'Fin del trial', 'Días restantes'], [24, 30, 28, 12, 14, 14]);
  if (streaming) ws.getRow(1).commit();
  let r = 2;
  for (const w of items) {
    if (w.level !== MED) continue;
    const row = ws.getRow(r++);
    put(row, 1, w.contact.owner, PLAIN);
    put(row, 2, w.contact.email, PLAIN);
    put(row, 3, w.contact.name, PLAIN);
    put(row, 4, w.contact.id, PLAIN);
    put(row, 5, w.trialDay == null ? null : dateOf(w.trialDay), w.trialDay == null ? PLAIN : DATE);
    if (w.days != null) put(row, 6, w.days, PLAIN);
    if (streaming) row.commit();
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(r - 1, 1), column: 6 } };
}

function writeProtocol(ws, o) {
  headerRow(ws, ['Nivel', 'Disparador', 'Acciones', 'Objetivo'], [18, 40, 80, 40]);
  const p = o.productName;
  const rows = [
    ['Pago fallido: alerta del monitoreo de Stripe o revisión manual de webhooks fallidos.',
      `1. Contacto telefónico: el ejecutivo de cuenta asignado llama al owner del tenant inmediatamente.\n2. Email personalizado con el asunto «Acción Urgente Requerida: Problema con tu Pago en ${p}», explicando que la cuenta será suspendida y ofreciendo ayuda para actualizar el método de pago.`],
    ['Trial vence en ≤ 3 días (incluye trials ya vencidos sin convertir).',
      '1. Email personalizado (no automatizado) del ejecutivo de cuenta: preguntar por la experiencia del trial, resolver dudas y recordar los beneficios de los planes de pago.\n2. Ofrecer extensión (opcional): si el cliente muestra interés pero no ha tenido tiempo de evaluar, el superadmin puede extender el trial 3-5 días más como gesto de buena voluntad.'],
    ['Trial vence en 4-7 días.',
      '1. Segmentación: añadir a la campaña de email automatizada «Última Semana de Trial» (casos de éxito, funciones avanzadas y una clara llamada a la acción para suscribirse). La hoja Campaña tiene la lista lista para importar.'],
    ['Más del 90% del límite mensual de mensajes usado.',
      `1. Notificación proactiva: enviar el email informativo «Parece que le estás sacando mucho provecho a ${p}. Has usado más del 90% de tu límite de mensajes este mes. Considera actualizar tu plan para evitar interrupciones.»`],
  ];
  rows.forEach(([trigger, actions], l) => {
    const row = ws.getRow(l + 2);
    put(row, 1, LABEL[l], LEVEL_STYLES[l].strong);
    put(row, 2, trigger, WRAP);
    put(row, 3, actions, WRAP);
    put(row, 4, GOAL[l], WRAP);
    row.height = 110;
  });
  put(ws.getRow(7), 1, 'Frecuencia de revisión: diaria, preferiblemente al inicio de la jornada. Equipo responsable: Operaciones y Ventas. Un tenant recibe el nivel más urgente que cumple; las demás señales aparecen en «Otras señales».', { font: { bold: true } });
}

function writeProblems(ws, problems, streaming) {
  headerRow(ws, ['Línea', 'Tenant', 'Columna', 'Valor', 'Se esperaba'], [8, 26, 22, 30, 70]);
  if (streaming) ws.getRow(1).commit();
  if (problems.length === 0) put(ws.getRow(2), 1, 'Sin problemas: todas las filas se leyeron completas.', { font: { bold: true } });
  problems.forEach((p, i) => {
    const row = ws.getRow(i + 2);
    put(row, 1, p.line, PLAIN);
    put(row, 2, p.tenant, PLAIN);
    put(row, 3, p.column, PLAIN);
    put(row, 4, p.value, PLAIN);
    put(row, 5, p.expected, WRAP);
    if (streaming) row.commit();
  });
  if (problems.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: problems.length + 1, column: 5 } };
}

const PER_SHEET = 1_048_575;
function pages(list) {
  const out = [];
  for (let i = 0; i < list.length; i += PER_SHEET) out.push(list.slice(i, i + PER_SHEET));
  return out.length ? out : [[]];
}

/** The whole job: bytes → { xlsx: Buffer, summary }. */
export async function buildWorklistRef(bytes, options = {}) {
  const { items, problems, summary, options: o } = analyzeRef(bytes, options);
  const stream = !!options.stream;
  let wb, sink, chunks;
  if (stream) {
    sink = new PassThrough();
    chunks = [];
    sink.on('data', (c) => chunks.push(c));
    wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  } else {
    wb = new ExcelJS.Workbook();
  }
  wb.creator = 'retention-worklist (JS reference)';
  wb.title = `Worklist de retención ${o.productName} — ${o.asOf}`;
  wb.created = new Date(`${o.asOf}T00:00:00Z`);
  const finish = (ws) => { if (stream) ws.commit(); };
  pages(items).forEach((chunk, i) => {
    const ws = sheet(wb, i === 0 ? 'Worklist' : `Worklist (${i + 1})`);
    writeWorklist(ws, chunk, stream);
    finish(ws);
  });
  let ws = sheet(wb, 'Resumen');
  writeSummary(ws, summary, items);
  finish(ws);
  ws = sheet(wb, 'Campaña');
  writeCampaign(ws, items, stream);
  finish(ws);
  ws = sheet(wb, 'Protocolo');
  writeProtocol(ws, o);
  finish(ws);
  pages(problems).forEach((chunk, i) => {
    const s = sheet(wb, i === 0 ? 'Problemas' : `Problemas (${i + 1})`);
    writeProblems(s, chunk, stream);
    finish(s);
  });
  let xlsx;
  if (stream) {
    await wb.commit();
    xlsx = Buffer.concat(chunks);
  } else {
    xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  }
  return { xlsx, summary };
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(argv) {
  const a = { input: null, out: null, asOf: null, tz: 'UTC', json: false, stream: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '-o' || k === '--output') a.out = argv[++i];
    else if (k === '--as-of') a.asOf = argv[++i];
    else if (k === '--tz') a.tz = argv[++i];
    else if (k === '--json') a.json = true;
    else if (k === '--stream') a.stream = true;
    else if (k === '-h' || k === '--help') {
      console.log('usage: node benches/reference/worklist-ref.mjs INPUT -o OUT.xlsx --as-of YYYY-MM-DD [--tz ZONE] [--json] [--stream]');
      return 0;
    } else if (!a.input) a.input = k;
    else throw new Error(`unexpected argument ${k}`);
  }
  if (!a.input || !a.out || !a.asOf) throw new Error('INPUT, -o OUT.xlsx and --as-of are required');
  const bytes = fs.readFileSync(a.input);
  const { xlsx, summary } = await buildWorklistRef(bytes, { asOf: a.asOf, tz: a.tz, fileName: path.basename(a.input), stream: a.stream });
  fs.writeFileSync(a.out, xlsx);
  if (a.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else console.error(`${summary.rows} filas → ${a.out}: CRÍTICO ${summary.critical}, ALTO ${summary.high}, MEDIO ${summary.medium}, INFORMATIVO ${summary.info}, problemas ${summary.problems}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => { console.error(`worklist-ref: ${e.message}`); process.exit(1); },
  );
}
