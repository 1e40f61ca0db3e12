import { type Curve, valueAt } from './curve.js';

/** A stretch of x over which one curve stays above the other, or the two stay level. */
export interface Stretch {
  /** 'a' or 'b' for the one above; null where they are level (within the tolerance). */
  higher: 'a' | 'b' | null;
  /** The x positions compared in it (axis units), in order. */
  xs: number[];
}

/** Where the curves change places: between the last x with one above and the first with the other. */
export interface Crossing {
  /** Where the difference between them passes zero (interpolated), axis units. */
  x: number;
  after: number;
  before: number;
}

export interface CurveComparison {
  stretches: Stretch[];
  crossings: Crossing[];
}

/**
 * Compares two curves over the x span they share, at every x where either has a point (points
 * closer than `sameX` are one position). At each, the curves are level when they differ by at
 * most `tolerance(y)` (axis units, y the mean of the two), else the higher one is above.
 * Positions where either curve has a gap are left out. Crossings are where one curve goes from
 * above the other to below it, through level positions or not; meeting and parting on the same
 * side is no crossing.
 */
export function compareCurves(
  a: Curve,
  b: Curve,
  { sameX, tolerance }: { sameX: number; tolerance: (y: number) => number },
): CurveComparison {
  const from = Math.max(a.xs[0], b.xs[0]);
  const to = Math.min(a.xs[a.xs.length - 1], b.xs[b.xs.length - 1]);
  const xs = [...a.xs, ...b.xs].filter((x) => x >= from && x <= to).sort((p, q) => p - q);
  const positions: number[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] - xs[i] <= sameX) j += 1;
    // The mean of a cluster, kept inside the shared span.
    const mean = xs.slice(i, j + 1).reduce((sum, x) => sum + x, 0) / (j - i + 1);
    positions.push(Math.min(to, Math.max(from, mean)));
    i = j + 1;
  }
  const samples = positions.flatMap((x) => {
    const ya = valueAt(a, x);
    const yb = valueAt(b, x);
    if (ya === null || yb === null) return [];
    const d = ya - yb;
    const state = Math.abs(d) <= tolerance((ya + yb) / 2) ? null : d > 0 ? 'a' : 'b';
    return [{ x, d, state }] as const;
  });

  const stretches: Stretch[] = [];
  for (const s of samples) {
    const current = stretches[stretches.length - 1];
    if (current && current.higher === s.state) current.xs.push(s.x);
    else stretches.push({ higher: s.state, xs: [s.x] });
  }

  const crossings: Crossing[] = [];
  let lastSide: { state: 'a' | 'b'; index: number } | null = null;
  samples.forEach((s, index) => {
    if (s.state === null) return;
    if (lastSide && lastSide.state !== s.state) {
      crossings.push(crossingBetween(samples, lastSide.index, index));
    }
    lastSide = { state: s.state, index };
  });
  return { stretches, crossings };
}

/** Where the difference passes zero between samples `first` and `last` (their states differ). */
function crossingBetween(
  samples: ReadonlyArray<{ x: number; d: number }>,
  first: number,
  last: number,
): Crossing {
  const sign = Math.sign(samples[first].d);
  let k = first;
  while (k + 1 < last && Math.sign(samples[k + 1].d) === sign) k += 1;
  const [p, q] = [samples[k], samples[k + 1]];
  const x = p.d === q.d ? (p.x + q.x) / 2 : p.x + ((q.x - p.x) * p.d) / (p.d - q.d);
  return { x, after: samples[first].x, before: samples[last].x };
}
