import { fitLine, percentile } from '../math.js';

const DEFAULTS = {
  /** A grid is looked for among at least this many markers. */
  minMarkers: 4,
  /** A marker within this share of the step (at least 1 px) of its grid place is on the grid... */
  regular: 0.05,
  /** ...and markers are evenly spaced when this share of them are (some may be hidden). */
  mostlyRegular: 0.7,
  /** A marker more than this (px) off its grid was pushed off it (cut by another series). */
  gridSlack: 1,
} as const;

/** Evenly spaced x positions: `start + k * step`. */
export interface Grid {
  start: number;
  step: number;
}

/**
 * The even grid markers sit on, when most of their spacings are whole multiples of one step
 * (some markers hidden); fitted by least squares over the markers on it. Null otherwise.
 */
export function markerGrid(xs: number[], reach: number): Grid | null {
  if (xs.length < DEFAULTS.minMarkers) return null;
  const gaps = xs.slice(1).map((x, i) => x - xs[i]);
  // A typical one-step gap, then each gap counted in steps: indices along the grid.
  const typical = percentile(gaps, 0.25);
  if (!(typical > reach)) return null;
  const index = [0];
  for (const gap of gaps) index.push(index.at(-1)! + Math.max(1, Math.round(gap / typical)));
  const rough = fitLine(index, xs);
  if (!rough) return null;
  // Refitted on the markers on the rough grid: one pushed aside must not pull it.
  const on = index.flatMap((k, i) =>
    Math.abs(xs[i] - rough.intercept - k * rough.slope) <=
    Math.max(1, rough.slope * DEFAULTS.regular)
      ? [i]
      : [],
  );
  if (on.length < xs.length * DEFAULTS.mostlyRegular) return null;
  const fit = fitLine(
    on.map((i) => index[i]),
    on.map((i) => xs[i]),
  );
  return fit && { start: fit.intercept, step: fit.slope };
}

/** The grid position nearest `x`. */
export function nearestOnGrid({ start, step }: Grid, x: number): number {
  return start + Math.round((x - start) / step) * step;
}

/** A marker's x put back on the grid when it was pushed more than gridSlack off it. */
export function onGrid(grid: Grid | null, x: number): number {
  const nearest = grid ? nearestOnGrid(grid, x) : x;
  return Math.abs(nearest - x) > DEFAULTS.gridSlack ? nearest : x;
}
