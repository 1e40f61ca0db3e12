#!/usr/bin/env node
/**
 * Where a chart's trace loss comes from, point by point:
 *
 *   node bench/zoo/traceLoss.mjs --truth ZOO_DIR --pred PRED_DIR --scores SCORES.json
 *        [--list IDS.txt] [--by engine|state|family|look] [--points OUT.tsv]
 *
 * Series are paired as the scorer paired them (SCORES.json's `pairs`). Every scored truth point
 * (the scorer's 60 samples per series) gets its signed error (prediction - truth, in % of the y
 * range and in pixels of the truth's plot), the part of that due to the y calibration (the
 * prediction's pixel -> value mapping against the truth's at that value) and the part due to
 * the trace (where the prediction put the line, in pixels through its own mapping, against the
 * truth's line), and a class for its position (first classes win):
 *   uncovered  the prediction does not reach the point's x (beyond the scorer's 2% slack)
 *   wrongCurve the prediction is within 1% of another truth series there and not this one
 *   end        first or last point of the series
 *   cross      another truth series within 4 px there
 *   peak       a local maximum or minimum (prominence >= 2 px)
 *   steep      the truth's segment on either side climbs more than 3 px per px
 *   edge       within 3 px of the plot's top or bottom
 *   interior   the rest
 * Each point's loss is its share of the chart score lost (1 - credit, over the chart's samples
 * and the larger series count); the tables add it up (score points, 1 = one whole chart).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    truth: { type: 'string' },
    pred: { type: 'string' },
    scores: { type: 'string' },
    list: { type: 'string' },
    by: { type: 'string', default: 'state' },
    points: { type: 'string' },
    index: { type: 'string' },
  },
});

const MAX_SAMPLES = 60;
const X_TOL = 0.02;
const ZERO_AT = 0.05;

const toNum = (v) => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}/.test(v)) {
      const t = Date.parse(v.length === 7 ? `${v}-01` : v.length === 10 ? `${v}T00:00:00Z` : v);
      const y = new Date(t).getUTCFullYear();
      const a = Date.UTC(y, 0, 1);
      return y + (t - a) / (Date.UTC(y + 1, 0, 1) - a);
    }
    return Number(v.replace(/,/g, '').replace(/%$/, ''));
  }
  return Number.NaN;
};
const tf = (scale) => (scale === 'log' ? (v) => (v > 0 ? Math.log10(v) : Number.NaN) : (v) => v);
function interp(P, x) {
  const n = P.length;
  if (x <= P[0][0]) return P[0][1];
  if (x >= P[n - 1][0]) return P[n - 1][1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (P[mid][0] <= x) lo = mid;
    else hi = mid;
  }
  const [x0, y0] = P[lo];
  const [x1, y1] = P[lo + 1];
  return x1 === x0 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}
const sampleIdx = (n) =>
  n <= MAX_SAMPLES
    ? Array.from({ length: n }, (_, i) => i)
    : Array.from({ length: MAX_SAMPLES }, (_, i) => Math.round((i * (n - 1)) / (MAX_SAMPLES - 1)));
const median = (a) => {
  if (!a.length) return Number.NaN;
  const s = [...a].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const scores = JSON.parse(readFileSync(args.scores, 'utf8'));
const byId = new Map(scores.charts.map((c) => [c.id, c]));
const ids = args.list
  ? readFileSync(args.list, 'utf8').trim().split(/\s+/)
  : scores.charts.map((c) => c.id);
let specs = new Map();
try {
  const idx = JSON.parse(readFileSync(args.index ?? join(args.truth, 'index.json'), 'utf8'));
  specs = new Map(idx.specs.map((s) => [s.id, s]));
} catch {}

const rows = [];
for (const id of ids) {
  const sc = byId.get(id);
  if (!sc || sc.failure) continue;
  let truth;
  let pred;
  try {
    truth = JSON.parse(readFileSync(join(args.truth, `${id}.truth.json`), 'utf8'));
    pred = JSON.parse(readFileSync(join(args.pred, `${id}.json`), 'utf8'));
  } catch {
    continue;
  }
  if (truth.charts || !truth.plot_area_px) continue;
  const tx = tf(truth.x_scale);
  const ty = tf(truth.y_scale);
  const [x0, x1] = truth.x_range.map((v) => tx(toNum(v)));
  const [y0, y1] = truth.y_range.map((v) => ty(toNum(v)));
  const xSpan = Math.abs(x1 - x0) || 1;
  const ySpan = Math.abs(y1 - y0) || 1;
  const [left, top, right, bottom] = truth.plot_area_px;
  const pxX = (x) => left + ((x - x0) / (x1 - x0)) * (right - left);
  const pxY = (y) => bottom + ((y - y0) / (y1 - y0)) * (top - bottom);
  const pyPerUnit = Math.abs(bottom - top) / ySpan;
  // the prediction's value -> pixel on y
  const pa = pred.axes?.y;
  const box = pred.plot;
  const predPxY =
    pa && box && typeof pa.min === 'number' && typeof pa.max === 'number'
      ? (y) => box.bottom + ((y - ty(pa.min)) / (ty(pa.max) - ty(pa.min))) * (box.top - box.bottom)
      : null;
  const T = truth.series.map((s) =>
    s.x
      .map((x, i) => [tx(toNum(x)), ty(toNum(s.y[i]))])
      .filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])),
  );
  const P = (pred.series ?? []).map((s) =>
    (s.points ?? [])
      .map((p) => (Array.isArray(p) ? [toNum(p[0]), toNum(p[1])] : [toNum(p.x), toNum(p.y)]))
      .map(([x, y]) => [tx(x), ty(y)])
      .filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
      .sort((p, q) => p[0] - q[0]),
  );
  const denom = Math.max(sc.n_truth, sc.n_pred) || 1;
  const spec = specs.get(id);
  const key = (() => {
    const tag = (p) => truth.tags?.find((t) => t.startsWith(`${p}:`))?.slice(p.length + 1);
    if (args.by === 'family') return spec?.family ?? truth.tags?.[0];
    if (args.by === 'engine') return tag('engine');
    if (args.by === 'look') return tag('look');
    return tag('state') ?? 'crisp?';
  })();
  const valueAt = (S, x) => (S.length && x >= S[0][0] && x <= S.at(-1)[0] ? interp(S, x) : null);
  for (const pair of sc.pairs) {
    const j = pair.pred;
    if (j < 0) continue;
    const Ts = T[pair.truth];
    const Pj = P[j];
    if (!Ts?.length || !Pj?.length) continue;
    const idx = sampleIdx(Ts.length);
    const n = idx.length;
    const tol = X_TOL * xSpan;
    const pxs = Pj.map((p) => pxX(p[0]));
    const marker = truth.series[pair.truth].marker;
    const dashed = (truth.series[pair.truth].linestyle ?? 'solid') !== 'solid';
    for (const i of idx) {
      const [x, y] = Ts[i];
      const covered = x >= Pj[0][0] - tol && x <= Pj.at(-1)[0] + tol;
      const py = covered ? interp(Pj, x) : Number.NaN;
      const e = covered ? Math.min(1, Math.abs(py - y) / ySpan) : 1;
      const loss = (1 - Math.max(0, 1 - e / ZERO_AT)) / n / denom;
      const signed = covered ? (py - y) / ySpan : Number.NaN;
      const px = pxX(x);
      const tpy = pxY(y);
      // neighbours in pixels
      const prev = Ts[i - 1];
      const next = Ts[i + 1];
      const slope = (a, b) =>
        Math.abs(pxY(b[1]) - pxY(a[1])) / Math.max(1e-9, Math.abs(pxX(b[0]) - pxX(a[0])));
      const steep = Math.max(prev ? slope(prev, Ts[i]) : 0, next ? slope(Ts[i], next) : 0);
      let peak = 0;
      if (prev && next) {
        const dp = (y - prev[1]) * pyPerUnit;
        const dn = (y - next[1]) * pyPerUnit;
        if (Math.sign(dp) === Math.sign(dn) && dp !== 0)
          peak = Math.sign(dp) * Math.min(Math.abs(dp), Math.abs(dn));
      }
      let crossPx = Number.POSITIVE_INFINITY;
      let wrong = false;
      T.forEach((O, o) => {
        if (o === pair.truth) return;
        const oy = valueAt(O, x);
        if (oy === null) return;
        crossPx = Math.min(crossPx, Math.abs(oy - y) * pyPerUnit);
        if (covered && Math.abs(py - oy) / ySpan < 0.01 && e > 0.02) wrong = true;
      });
      const edgePx = Math.min(Math.abs(tpy - top), Math.abs(tpy - bottom));
      // nearest predicted vertex in pixels (sampling)
      let lo = 0;
      let hi = pxs.length - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (pxs[mid] <= px) lo = mid;
        else hi = mid;
      }
      const dxVertex = Math.min(Math.abs(pxs[lo] - px), Math.abs(pxs[hi] - px));
      const gapPx = Math.abs(pxs[hi] - pxs[lo]);
      const errPx = covered ? pxY(py) - tpy : Number.NaN; // + = prediction lower in the image
      // calibration part: where the prediction's mapping puts the predicted value, against the truth's
      const calibPx = covered && predPxY ? predPxY(py) - pxY(py) : Number.NaN;
      const tracePx = covered && predPxY ? predPxY(py) - tpy : Number.NaN;
      const end = i === 0 || i === Ts.length - 1;
      const cls = !covered
        ? 'uncovered'
        : wrong
          ? 'wrongCurve'
          : end
            ? 'end'
            : crossPx < 4
              ? 'cross'
              : Math.abs(peak) >= 2
                ? 'peak'
                : steep > 3
                  ? 'steep'
                  : edgePx < 3
                    ? 'edge'
                    : 'interior';
      rows.push({
        id,
        key,
        engine: truth.tags?.find((t) => t.startsWith('engine:'))?.slice(7),
        family: spec?.family,
        cls,
        loss,
        e,
        signed,
        errPx,
        calibPx,
        tracePx,
        steep,
        peak,
        crossPx,
        edgePx,
        dxVertex,
        gapPx,
        dxTruth: Math.min(prev ? px - pxX(prev[0]) : 1e9, next ? pxX(next[0]) - px : 1e9),
        end: i === 0 ? 'first' : i === Ts.length - 1 ? 'last' : '',
        marker: marker ? 1 : 0,
        dashed: dashed ? 1 : 0,
        nTruth: Ts.length,
      });
    }
  }
}

const fmt = (v, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '-');
function table(title, groupOf) {
  const g = new Map();
  for (const r of rows) {
    const k = groupOf(r);
    if (k === null || k === undefined) continue;
    if (!g.has(k)) g.set(k, []);
    g.get(k).push(r);
  }
  console.log(`\n## ${title}`);
  console.log(
    'group'.padEnd(24),
    'points'.padStart(7),
    'loss'.padStart(7),
    'loss/pt%'.padStart(8),
    'med|px|'.padStart(7),
    'medPx'.padStart(6),
    'medCal'.padStart(6),
    'medTrc'.padStart(6),
    'e>2%'.padStart(6),
  );
  const total = rows.reduce((a, r) => a + r.loss, 0);
  for (const [k, rs] of [...g].sort(
    (a, b) => b[1].reduce((s, r) => s + r.loss, 0) - a[1].reduce((s, r) => s + r.loss, 0),
  )) {
    const loss = rs.reduce((a, r) => a + r.loss, 0);
    const cov = rs.filter((r) => Number.isFinite(r.errPx));
    console.log(
      String(k).padEnd(24),
      String(rs.length).padStart(7),
      loss.toFixed(1).padStart(7),
      fmt(
        (100 * rs.reduce((a, r) => a + (1 - Math.max(0, 1 - r.e / ZERO_AT)), 0)) / rs.length,
        1,
      ).padStart(8),
      fmt(median(cov.map((r) => Math.abs(r.errPx)))).padStart(7),
      fmt(median(cov.map((r) => r.errPx))).padStart(6),
      fmt(median(cov.map((r) => r.calibPx).filter(Number.isFinite))).padStart(6),
      fmt(median(cov.map((r) => r.tracePx).filter(Number.isFinite))).padStart(6),
      fmt(rs.filter((r) => r.e > 0.02).length / rs.length).padStart(6),
    );
  }
  console.log(
    `(total loss ${total.toFixed(1)} over ${new Set(rows.map((r) => r.id)).size} charts)`,
  );
}

table('by point class', (r) => r.cls);
table('uncovered: first/last/inner', (r) => (r.cls === 'uncovered' ? r.end || 'inner' : null));
table('end points: first/last', (r) => (r.cls === 'end' ? r.end : null));
table(`by ${args.by}`, (r) => r.key);
table('by engine', (r) => r.engine);
table('by family', (r) => r.family);
const bin = (v, edges) => {
  for (let k = 0; k < edges.length; k++)
    if (v < edges[k]) return k ? `${edges[k - 1]}-${edges[k]}` : `<${edges[0]}`;
  return `>=${edges.at(-1)}`;
};
table('by error size (px, covered)', (r) =>
  Number.isFinite(r.errPx) ? bin(Math.abs(r.errPx), [0.5, 1, 2, 4, 8]) : 'uncovered',
);
const vertexBin = (r) => bin(r.dxVertex, [0.5, 1.5, 4]);
table('by sampling: nearest predicted vertex (px)', (r) =>
  r.cls === 'uncovered' ? null : vertexBin(r),
);
table('peaks by nearest vertex (px)', (r) => (r.cls !== 'peak' ? null : vertexBin(r)));
table('first/last points by nearest predicted vertex (px): a trace stopping short', (r) =>
  r.end && r.cls !== 'uncovered' && r.cls !== 'wrongCurve'
    ? `${r.end} ${bin(r.dxVertex, [0.5, 2, 5])}`
    : null,
);
table('peaks by truth x spacing (px): several data points a column', (r) =>
  r.cls === 'peak' ? bin(r.dxTruth, [1, 2, 4, 8]) : null,
);
table('peak sign (max: + , min: -) x engine', (r) =>
  r.cls === 'peak' ? `${r.peak > 0 ? 'max' : 'min'} ${r.engine}` : null,
);
table('class x engine (interior/steep/peak only)', (r) =>
  ['interior', 'steep', 'peak'].includes(r.cls) ? `${r.cls} ${r.engine}` : null,
);
table('class x state', (r) => `${r.cls} ${r.key}`);
if (args.points) {
  const cols = Object.keys(rows[0]);
  const out = [
    cols.join('\t'),
    ...rows.map((r) =>
      cols.map((c) => (typeof r[c] === 'number' ? Number(r[c].toFixed(4)) : r[c])).join('\t'),
    ),
  ];
  (await import('node:fs')).writeFileSync(args.points, `${out.join('\n')}\n`);
}
