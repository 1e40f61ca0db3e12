import { fitLine } from '../math.js';
import type { PixelPoint } from '../types.js';

export const DEFAULTS = {
  /** A line segment beside a marker gives its vertex only from this many traced columns. */
  minFitPoints: 5,
  /** A stroke's traced centres stray at most this far (px) from its straight line. */
  straightPx: 1.5,
  /** Line samples used on each side of a marker to find its vertex, in marker reaches. */
  fitSpan: 3,
} as const;

/** A straight line in pixels, `py = intercept + slope * px`. */
export interface LineFit {
  intercept: number;
  slope: number;
}

/** Least-squares line through pixel points, `py = intercept + slope * px`. */
export function lineThrough(points: PixelPoint[]): LineFit | null {
  // Extrapolated towards a marker, a line from a few columns swings too much to trust.
  if (points.length < DEFAULTS.minFitPoints) return null;
  return fitLine(
    points.map((p) => p.px),
    points.map((p) => p.py),
  );
}

/**
 * The straight stroke through `points` (nearest the marker first): where the fit bends away
 * from them (a hidden vertex, another marker's edge), it is refitted on the nearer part.
 * Where even the nearest points are not straight, the fit through all of them.
 */
export function straightNear(points: PixelPoint[]): LineFit | null {
  for (let n = points.length; n >= DEFAULTS.minFitPoints; n = Math.floor(n * 0.7)) {
    const near = points.slice(0, n);
    const fit = lineThrough(near);
    if (!fit) break;
    const across = Math.hypot(1, fit.slope);
    const off = (p: PixelPoint) => Math.abs(p.py - fit.intercept - fit.slope * p.px) / across;
    if (near.every((p) => off(p) <= DEFAULTS.straightPx)) return fit;
  }
  // Crooked even nearest the marker (crossed there): the whole stretch, on average.
  return lineThrough(points);
}

/**
 * The straight strokes of the traced `line` on each side of a marker at `px` that reaches
 * `reach` px, between its neighbours' reaches at `from` and `to` (nearest the marker first).
 */
export function strokesBeside(
  line: PixelPoint[],
  reach: number,
  px: number,
  from: number,
  to: number,
): { left: LineFit | null; right: LineFit | null } {
  const span = reach * DEFAULTS.fitSpan;
  return {
    left: straightNear(
      line.filter((p) => p.px >= Math.max(px - reach - span, from) && p.px < px - reach).reverse(),
    ),
    right: straightNear(
      line.filter((p) => p.px > px + reach && p.px <= Math.min(px + reach + span, to)),
    ),
  };
}

/** Where the strokes found (left, then right) pass at `px`. */
export function strokesAt(strokes: { left: LineFit | null; right: LineFit | null }, px: number) {
  return [strokes.left, strokes.right]
    .filter((fit) => fit !== null)
    .map((fit) => fit.intercept + fit.slope * px);
}
