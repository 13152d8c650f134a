// A made-up export the worker runs through the engine while the page waits for a file.
//
// The browser compiles WebAssembly in two tiers: a quick baseline compile first, the optimised
// code only for functions that have run a while. A function busy in a long loop keeps its
// baseline code until it returns, so the first real file ran mostly on baseline code (a 200,000-row
// export took about a third longer than the same file read a second time). A few small runs
// while nobody waits make the engine's hot code optimised before the person's file arrives. The
// rows have the shapes of a real export (two dialects; every level, healthy tenants, a quoted
// field, an odd value); nothing of it is shown or kept.

/** Rows per warm-up run; the runs alternate the dialects. */
export const WARMUP_ROWS = 750;
export const WARMUP_RUNS = 8;
/** The date the made-up rows are read as of. */
export const WARMUP_OPTIONS = { asOf: '2026-01-15', tz: 'UTC', fileName: 'warmup.csv' };

const DAY_MS = 86_400_000;
const AS_OF = Date.parse(`${WARMUP_OPTIONS.asOf}T00:00:00Z`);
const PLACES = ['Cusco', 'Quito', 'Bogotá', 'Mérida', 'Córdoba', 'Lima', 'Puebla', 'Cali'];
const KINDS = ['Estudio', 'Farmacia', 'Óptica', 'Taller', 'Librería', 'Hotel', 'Clínica'];
const PEOPLE = ['Ana García', 'Luis Peña', 'María Núñez', 'José Ríos', 'Sofía Díaz', 'Iñaki Solís'];

const pad2 = (/** @type {number} */ n) => (n < 10 ? `0${n}` : String(n));
/**
 * @param {number} offset days from the as-of date
 * @param {boolean} iso YYYY-MM-DD (else DD/MM/YYYY)
 */
function day(offset, iso) {
  const d = new Date(AS_OF + offset * DAY_MS);
  return iso ? d.toISOString().slice(0, 10) : `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/**
 * Run `n` (0, 1, …) of the warm-up: the bytes of a small export.
 * @param {number} n
 */
export function warmupExport(n, rows = WARMUP_ROWS) {
  const es = n % 2 === 0;
  const sep = es ? ';' : ',';
  const header = es
    ? ['ID Tenant', 'Empresa', 'Propietario', 'Correo', 'Teléfono', 'Ejecutivo asignado', 'Plan', 'Estado',
      'Fecha fin trial', 'Pago fallido', 'Último pago', 'Mensajes usados', 'Límite mensajes', 'Notas']
    : ['tenant_id', 'company', 'owner', 'email', 'phone', 'account_executive', 'plan', 'status',
      'trial_ends_at', 'payment_failed', 'last_payment_status', 'messages_used', 'message_limit', 'notes'];
  const lines = [header.join(sep)];
  for (let i = 0; i < rows; i++) {
    const place = PLACES[i % PLACES.length];
    const kind = KINDS[(i >> 3) % KINDS.length];
    const person = PEOPLE[i % PEOPLE.length];
    const mail = `${person.split(' ')[0].toLowerCase()}${i}@${kind.toLowerCase()}${i % 7}.com`;
    let plan = 'Profesional', status = es ? 'activo' : 'active', trial = '', failed = es ? 'no' : 'false';
    /** @type {number | string} */
    let used = (i * 37) % 9000;
    let payment = es ? 'pagado' : 'paid', limit = 10000, note = '';
    switch (i % 20) {
      case 0: failed = es ? 'sí' : 'true'; payment = es ? 'rechazado' : 'declined'; break;
      case 1: plan = 'Trial'; status = 'trialing'; trial = day((i % 5) - 1, !es); limit = 1000; used %= 1000; break;
      case 2: plan = 'Trial'; status = 'trialing'; trial = day(4 + (i % 4), !es); limit = 1000; used %= 900; break;
      case 3: used = 9100 + (i % 900); break;
      case 4: plan = 'Trial'; status = 'trialing'; trial = day(10 + (i % 20), !es); limit = 1000; used %= 900; break;
      case 5: status = es ? 'cancelado' : 'canceled'; payment = es ? 'fallido' : 'failed'; break;
      case 6: note = `"Dice ""llamar""${sep} urgente"`; break;
      case 7: if (i % 100 === 7) used = es ? 'muchos' : 'lots'; break;
      default: break;
    }
    const count = (/** @type {number | string} */ v) => (es && typeof v === 'number' && v >= 1000 ? `${Math.floor(v / 1000)}.${String(v % 1000).padStart(3, '0')}` : String(v));
    lines.push([`TN-${10000 + i}`, `${kind} ${place}`, person, mail, `+52 55 ${1000 + (i % 9000)} ${2000 + i % 7000}`,
      PEOPLE[(i >> 2) % PEOPLE.length], plan, status, trial, failed, payment, count(used), count(limit), note].join(sep));
  }
  const text = (es ? '\uFEFF' : '') + lines.join(es ? '\r\n' : '\n') + '\n';
  return new TextEncoder().encode(text);
}
