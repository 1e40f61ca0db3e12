/**
 * The project's chart score (`../shared/bench/score.mjs`, which tests cannot import), for one
 * chart with one truth: each truth series' sampled points against the prediction interpolated
 * at their x, series paired to lose the least (Hungarian), a point earning 1 - error / 5% of the
 * y range, the sum over pairs divided by the larger series count. Names compare normalised.
 */
import { optimalAssignment } from '../../src/math.js';
import type { ChartResult } from '../../src/types.js';

/** A truth file of the zoo / development set (the fields the score reads). */
export interface ChartTruth {
  x_scale: string;
  y_scale: string;
  x_range: [number, number];
  y_range: [number, number];
  series: { name: string | null; x: number[]; y: number[] }[];
}

const ZERO_AT = 0.05;
const X_TOL = 0.02;
const MAX_SAMPLES = 60;

type Curve = [number, number][];

function transform(scale: string): (v: number) => number {
  return scale === 'log' ? (v) => (v > 0 ? Math.log10(v) : Number.NaN) : (v) => v;
}

/** A calendar decimal year of an ISO date, as the truth gives dates. */
export function decimalYear(iso: string): number {
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  const year = new Date(t).getUTCFullYear();
  const start = Date.UTC(year, 0, 1);
  return year + (t - start) / (Date.UTC(year + 1, 0, 1) - start);
}

function interp(curve: Curve, x: number): number {
  const n = curve.length;
  if (x <= curve[0][0]) return curve[0][1];
  if (x >= curve[n - 1][0]) return curve[n - 1][1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (curve[mid][0] <= x) lo = mid;
    else hi = mid;
  }
  const [x0, y0] = curve[lo];
  const [x1, y1] = curve[lo + 1];
  return x1 === x0 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

function normName(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  return String(s)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2212\u2012\u2013]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\p{P}\s]+/u, '')
    .replace(/[\p{P}\s]+$/u, '');
}

/**
 * The prediction's series as [x, y] in the truth's units: dates (ISO strings as the JSON writes
 * them, or ms since 1970 on a time axis of a result) as decimal years.
 */
function predictedCurves(result: ScoredResult): Curve[] {
  const time = result.axes?.x.scale === 'time';
  const x = (v: number | string) =>
    typeof v === 'string'
      ? decimalYear(v)
      : time
        ? decimalYear(new Date(v).toISOString())
        : Number(v);
  return result.series.map((s) => s.points.map((p): [number, number] => [x(p.x), Number(p.y)]));
}

/** What is scored: the series, and the axes where there are (a time x holds ms since 1970). */
type ScoredResult = Pick<ChartResult, 'series'> & Partial<Pick<ChartResult, 'axes'>>;

/** The chart score (0..1) and name accuracy of a digitized chart against its truth. */
export function scoreChart(
  truth: ChartTruth,
  result: ScoredResult,
): { score: number; names: { correct: number; total: number } } {
  const tx = transform(truth.x_scale);
  const ty = transform(truth.y_scale);
  const xSpan = Math.abs(tx(truth.x_range[1]) - tx(truth.x_range[0])) || 1;
  const ySpan = Math.abs(ty(truth.y_range[1]) - ty(truth.y_range[0])) || 1;
  const prepared = predictedCurves(result).map((c) =>
    c
      .map(([x, y]): [number, number] => [tx(x), ty(y)])
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
      .sort((p, q) => p[0] - q[0]),
  );
  const sampled = truth.series.map((s) => {
    const n = s.x.length;
    const idx =
      n <= MAX_SAMPLES
        ? s.x.map((_, i) => i)
        : Array.from({ length: MAX_SAMPLES }, (_, i) =>
            Math.round((i * (n - 1)) / (MAX_SAMPLES - 1)),
          );
    return idx
      .map((i): [number, number] => [tx(s.x[i]), ty(s.y[i])])
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  });
  const pair = (t: Curve, p: Curve) => {
    let error = 0;
    let credit = 0;
    for (const [x, y] of t) {
      let e = 1;
      if (p.length && x >= p[0][0] - X_TOL * xSpan && x <= p[p.length - 1][0] + X_TOL * xSpan) {
        e = Math.min(1, Math.abs(interp(p, x) - y) / ySpan);
      }
      error += e;
      credit += Math.max(0, 1 - e / ZERO_AT);
    }
    return { error: t.length ? error / t.length : 1, credit: t.length ? credit / t.length : 0 };
  };
  const nT = sampled.length;
  const nP = prepared.length;
  const res = sampled.map((t) => prepared.map((p) => pair(t, p)));
  const match = new Array(nT).fill(-1);
  if (nT && nP) {
    if (nT <= nP) {
      optimalAssignment(res.map((row) => row.map((r) => r.error))).forEach((j, i) => {
        match[i] = j;
      });
    } else {
      const rows = optimalAssignment(
        prepared.map((_, j) => sampled.map((_, i) => res[i][j].error)),
      );
      rows.forEach((i, j) => {
        if (i >= 0) match[i] = j;
      });
    }
  }
  let sum = 0;
  const names = { correct: 0, total: 0 };
  truth.series.forEach((s, i) => {
    const j = match[i];
    if (j >= 0) sum += res[i][j].credit;
    if (s.name !== null) {
      names.total++;
      if (j >= 0 && normName(result.series[j].name) === normName(s.name)) names.correct++;
    }
  });
  return { score: sum / (Math.max(nT, nP) || 1), names };
}
