#!/usr/bin/env node
/**
 * How far the digitizer's pixel <-> data mapping, and its traced points, are off the truth's, in
 * image pixels, per engine and state:
 *
 *   node bench/zoo/pixelOffsets.mjs --truth ZOO_DIR --pred PRED_DIR [--by engine|state|look]
 *                                   [--list]
 *
 * The truth maps data to pixels through `plot_area_px` and the axis limits (continuous image
 * coordinates: pixel column c spans [c, c + 1)); the prediction through its `plot` box and its
 * axes' `min` and `max`. For each linear or log axis of a chart the script takes the values at
 * a quarter, half and three quarters of the truth's range and prints the median of
 * `predicted pixel - true pixel` (calibration; on y, positive is lower in the image). For the
 * traced series (matched to the truth's by name, else by order), each predicted point is
 * mapped back to pixels with the prediction's own mapping and compared with the truth's line at
 * that x, mapped with the truth's (trace, y only, px): the trace's own offset, calibration
 * left out. Axes off by more than 4 px (a misread axis) are left out of the medians.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    truth: { type: 'string' },
    pred: { type: 'string' },
    by: { type: 'string', default: 'engine' },
    list: { type: 'boolean', default: false },
  },
});

const MAX_OFF = 4;
const median = (a) => {
  if (a.length === 0) return Number.NaN;
  const s = [...a].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const tag = (t, prefix) => t.tags.find((s) => s.startsWith(`${prefix}:`))?.slice(prefix.length + 1);

/** The truth's data -> pixel mapping of an axis, and the prediction's, both ways. */
function mappings(truth, pred, axis) {
  const [left, top, right, bottom] = truth.plot_area_px;
  const log = truth[`${axis}_scale`] === 'log';
  const f = (v) => (log ? Math.log10(v) : v);
  const g = (v) => (log ? 10 ** v : v);
  const [t0, t1] = truth[`${axis}_range`].map(f);
  const [tp0, tp1] = axis === 'x' ? [left, right] : [bottom, top];
  const p = pred.axes?.[axis];
  const box = pred.plot;
  if (!p || !box || typeof p.min !== 'number' || typeof p.max !== 'number') return null;
  const [p0, p1] = [f(p.min), f(p.max)];
  const [pp0, pp1] = axis === 'x' ? [box.left, box.right] : [box.bottom, box.top];
  return {
    at: (q) => g(t0 + (t1 - t0) * q),
    truePixel: (v) => tp0 + ((f(v) - t0) / (t1 - t0)) * (tp1 - tp0),
    predPixel: (v) => pp0 + ((f(v) - p0) / (p1 - p0)) * (pp1 - pp0),
    f,
  };
}

/** The truth's y at x on a series' polyline (linear between points), or null outside. */
function yAt(series, x) {
  const xs = series.x;
  if (x < xs[0] || x > xs.at(-1)) return null;
  for (let i = 1; i < xs.length; i++) {
    if (x <= xs[i]) {
      const w = (x - xs[i - 1]) / (xs[i] - xs[i - 1] || 1);
      const [a, b] = [series.y[i - 1], series.y[i]];
      if (a === null || b === null) return null;
      return a + (b - a) * w;
    }
  }
  return null;
}

const groups = new Map();
const group = (key) => {
  if (!groups.has(key)) groups.set(key, { x: [], y: [], trace: [], charts: 0 });
  return groups.get(key);
};
for (const file of readdirSync(args.pred)) {
  if (!file.endsWith('.json') || file.includes('log')) continue;
  const id = file.slice(0, -5);
  let truth;
  let pred;
  try {
    truth = JSON.parse(readFileSync(join(args.truth, `${id}.truth.json`), 'utf8'));
    pred = JSON.parse(readFileSync(join(args.pred, file), 'utf8'));
  } catch {
    continue;
  }
  if (!truth.plot_area_px || pred.charts || pred.error) continue;
  const key =
    args.by === 'state'
      ? tag(truth, 'state')
      : args.by === 'look'
        ? tag(truth, 'look')
        : tag(truth, 'engine');
  const g = group(key);
  const all = group('ALL');
  g.charts++;
  all.charts++;
  const off = {};
  const maps = {};
  for (const axis of ['x', 'y']) {
    if (['time', 'category'].includes(truth[`${axis}_scale`])) continue;
    if (truth.tags.includes(`${axis}:time`) || truth.tags.includes(`${axis}:category`)) continue;
    const m = mappings(truth, pred, axis);
    if (!m) continue;
    const d = median([0.25, 0.5, 0.75].map((q) => m.predPixel(m.at(q)) - m.truePixel(m.at(q))));
    if (!(Math.abs(d) <= MAX_OFF)) continue;
    off[axis] = d;
    maps[axis] = m;
    g[axis].push(d);
    all[axis].push(d);
  }
  // Trace offsets: predicted points in pixels (the prediction's mapping) against the truth's
  // line in pixels (the truth's mapping), lines only (markers are matched apart).
  let traceOff = Number.NaN;
  if (maps.x && maps.y) {
    const ds = [];
    const truthSeries = truth.series ?? [];
    (pred.series ?? []).forEach((s, i) => {
      const t = truthSeries.find((u) => u.name !== null && u.name === s.name) ?? truthSeries[i];
      if (!t || t.marker) return;
      for (const p of s.points ?? []) {
        const [x, y] = Array.isArray(p) ? p : [p.x, p.y];
        if (typeof x !== 'number' || typeof y !== 'number') continue;
        // The point's pixel (prediction's mapping) back to data through the truth's.
        const px = maps.x.predPixel(x);
        const py = maps.y.predPixel(y);
        const [left, , right] = truth.plot_area_px;
        const xTrue = maps.x.at((px - left) / (right - left));
        const ty = yAt(t, xTrue);
        if (ty === null) continue;
        const d = py - maps.y.truePixel(ty);
        // Only where the line is flat enough that a column's offset means something.
        const slope = Math.abs(
          maps.y.truePixel(yAt(t, maps.x.at((px + 1 - left) / (right - left))) ?? ty) -
            maps.y.truePixel(ty),
        );
        if (slope < 0.3 && Math.abs(d) < 3) ds.push(d);
      }
    });
    if (ds.length >= 10) {
      traceOff = median(ds);
      g.trace.push(traceOff);
      all.trace.push(traceOff);
    }
  }
  if (args.list) {
    console.log(
      `${id} ${key.padEnd(12)} dpi ${truth.meta?.dpi ?? '-'} ${tag(truth, 'state')} x ${off.x?.toFixed(2) ?? '-'} y ${off.y?.toFixed(2) ?? '-'} trace ${Number.isNaN(traceOff) ? '-' : traceOff.toFixed(2)}`,
    );
  }
}
const fmt = (a) =>
  a.length
    ? `${median(a).toFixed(2).padStart(6)} (${String(a.length).padStart(3)})`
    : '     -      ';
console.log(
  `${'group'.padEnd(22)} charts  calib x (n)   calib y (n)   trace y (n)   |x|>0.5 |y|>0.5`,
);
for (const [key, g] of [...groups].sort()) {
  const far = (a) =>
    a.length ? (a.filter((d) => Math.abs(d) > 0.5).length / a.length).toFixed(2) : '-';
  console.log(
    `${String(key).padEnd(22)} ${String(g.charts).padStart(6)}  ${fmt(g.x)}  ${fmt(g.y)}  ${fmt(g.trace)}   ${far(g.x).padStart(5)} ${far(g.y).padStart(6)}`,
  );
}
