// The worklist over days, once a previous worklist is given: the engine's history (summary.history,
// one row per report date, oldest first) as a small line chart of the four levels and as a table
// with the same numbers. The chart is drawn here from the engine's numbers in the engine's line
// colours (engine_info().levels[].line, the workbook chart's) and is hidden from screen readers:
// the table is what they read. The words are the workbook's Historial sheet's (engine_info().history).

import { $, make, textCell } from './dom.js';
import { fmtDate, fmtInt } from './i18n.js';
import { LEVEL_KEYS, currentInfo, level } from './levels.js';

/** @typedef {import('./engine-api').HistoryRow} HistoryRow */
/** @typedef {import('./engine-api').Summary} Summary */

const SVG = 'http://www.w3.org/2000/svg';
/** The chart's height and its margins (axis labels), in CSS pixels; its width is the panel's. */
const HEIGHT = 180;
const [TOP, RIGHT, BOTTOM, LEFT] = [10, 14, 24, 40];
/** Most dates written under the axis, and most dates drawn with a dot. */
const X_LABELS = 5;
const DOTS = 60;

/** @type {HistoryRow[]} */
let drawn = [];
let drawnWidth = 0;

/**
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 */
function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/**
 * The y axis' step: 1, 2 or 5 times a power of ten, about a quarter of the largest count.
 * @param {number} max
 */
function step(max) {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10;
}

/** Draws the chart of `drawn` at the chart box' width. */
function drawChart() {
  const box = $('history-chart');
  const width = Math.max(200, Math.round(box.clientWidth) || 640);
  drawnWidth = width;
  const n = drawn.length;
  const max = Math.max(0, ...drawn.flatMap((d) => LEVEL_KEYS.map((k) => Number(d[k]) || 0)));
  const by = step(max);
  const top = Math.max(by, Math.ceil(max / by) * by);
  const plotW = width - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  /** @param {number} i */
  const x = (i) => LEFT + (n > 1 ? (i * plotW) / (n - 1) : plotW / 2);
  /** @param {number} v */
  const y = (v) => TOP + plotH - (v * plotH) / top;
  const chart = svg('svg', { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, focusable: 'false' });
  for (let v = 0; v <= top; v += by) {
    chart.append(svg('line', { class: 'grid', x1: LEFT, x2: width - RIGHT, y1: y(v), y2: y(v) }));
    const label = svg('text', { x: LEFT - 6, y: y(v) + 4, 'text-anchor': 'end' });
    label.textContent = fmtInt(v);
    chart.append(label);
  }
  const shown = new Set(Array.from({ length: Math.min(n, X_LABELS) }, (_, j) =>
    Math.round((j * (n - 1)) / Math.max(1, Math.min(n, X_LABELS) - 1))));
  for (const i of shown) {
    const anchor = n === 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle';
    const label = svg('text', { x: x(i), y: HEIGHT - 6, 'text-anchor': anchor });
    label.textContent = fmtDate(drawn[i].as_of);
    chart.append(label);
  }
  for (const key of LEVEL_KEYS) {
    const colour = level(key)?.line ?? 'currentColor';
    const points = drawn.map((d, i) => `${x(i).toFixed(1)},${y(Number(d[key]) || 0).toFixed(1)}`);
    const g = svg('g', { 'data-level': key, stroke: colour, fill: colour });
    g.append(svg('polyline', { points: points.join(' '), fill: 'none', 'stroke-width': 2.5 }));
    if (n <= DOTS) {
      for (const p of points) {
        const [cx, cy] = p.split(',');
        g.append(svg('circle', { cx, cy, r: 3.5 }));
      }
    }
    chart.append(g);
  }
  box.replaceChildren(chart);
}

/**
 * The history's table: the engine's columns (the Historial sheet's words), one row per date.
 * @param {HistoryRow[]} days
 */
function renderTable(days) {
  const columns = currentInfo()?.history?.columns ?? [];
  const head = make('tr');
  for (const c of columns) {
    const th = make('th', c.key === 'as_of' ? null : 'num', c.label);
    th.scope = 'col';
    head.append(th);
  }
  $('history-head').replaceChildren(head);
  const frag = document.createDocumentFragment();
  for (const d of days) {
    const tr = make('tr');
    tr.dataset.asOf = d.as_of;
    for (const c of columns) {
      if (c.key === 'as_of') {
        // The date names the row: a row header.
        const th = make('th', 'c-name', fmtDate(d.as_of));
        th.scope = 'row';
        tr.append(th);
      } else {
        const td = textCell(tr, fmtInt(d[c.key]), 'num');
        td.dataset.key = c.key;
        td.dataset.label = c.label;
      }
    }
    frag.append(tr);
  }
  $('history-body').replaceChildren(frag);
}

/**
 * Shows the history once the run compared with a previous worklist (nothing without one).
 * @param {Summary} s
 */
export function renderHistory(s) {
  const days = s.previous && Array.isArray(s.history) ? s.history : [];
  $('history').hidden = days.length === 0;
  drawn = days;
  if (!days.length) return;
  const info = currentInfo()?.history;
  $('history-title').textContent = info?.title ?? '';
  $('history-chart-title').textContent = info?.chart ?? '';
  $('history-legend').replaceChildren(...LEVEL_KEYS.map((key) => {
    const li = make('li', null, level(key)?.label ?? key);
    const swatch = make('span', 'history-swatch');
    // The CSP allows style changes made through the CSSOM.
    swatch.style.background = level(key)?.line ?? '';
    li.prepend(swatch);
    return li;
  }));
  drawChart();
  renderTable(days);
}

/** Redraws the chart when its box changes width (a window resized, a phone turned). */
export function wireHistory() {
  new ResizeObserver(() => {
    const width = Math.round($('history-chart').clientWidth);
    if (drawn.length && width && Math.abs(width - drawnWidth) > 1) drawChart();
  }).observe($('history-chart'));
}
