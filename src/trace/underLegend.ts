import { percentile } from '../math.js';
import type { Box, PixelPoint } from '../types.js';

const DEFAULTS = {
  /** A trace ending this share of the plot's width (or less) outside the legend's box ran into it... */
  reach: 0.025,
  /** ...or this many px, whichever is more (the legend's opaque background overhangs its box). */
  minReach: 4,
  /** An end this far (px) inside the box was seen there: the legend let it show through. */
  inside: 1,
} as const;

/** One series' trace, in pixels, left to right. */
export interface LegendTrace {
  points: PixelPoint[];
  /** Markers: the points are their centres, so hidden ones are added at their spacing. */
  markers: boolean;
  /**
   * How far a marker reaches from its centre (px; 0 for a bare line): one half hidden at the
   * legend's edge shows its centre up to this far inside the box. @default 0
   */
  reach?: number;
}

/** A series carried on under the legend: which one and on which side. */
export interface Hidden {
  index: number;
  side: 'left' | 'right';
}

/**
 * An opaque legend drawn over the plot hides whatever runs under it. A trace that ends where
 * it runs into the legend's box (within a few px outside it, not inside where a translucent
 * legend lets it show) went on under it: it is carried on there at its last value (the only
 * guess the image leaves), as far as the other series reach past that end, or to the box's far
 * side (inside the plot) when none does. Markers are added at the series' own spacing; a bare
 * line gets a point per column. Returns each series' points (lists not extended are returned
 * as they are) and the ends carried on.
 */
export function extendUnderLegend(
  traces: LegendTrace[],
  legend: Box,
  region: Box,
): { points: PixelPoint[][]; hidden: Hidden[] } {
  const reach = Math.max(DEFAULTS.minReach, DEFAULTS.reach * (region.right - region.left));
  const hidden: Hidden[] = [];
  const ends = traces.map(({ points }) =>
    points.length > 0 ? { first: points[0].px, last: points.at(-1)!.px } : null,
  );
  const points = traces.map((trace, index) => {
    const end = ends[index];
    if (end === null) return trace.points;
    // The next marker hides under the legend when the last one seen is a spacing from it.
    const step = spacing(trace);
    const near = Math.max(reach, step);
    const others = ends.filter((other, j) => other !== null && j !== index) as {
      first: number;
      last: number;
    }[];
    let out = trace.points;
    const last = out.at(-1)!;
    const inside = Math.max(DEFAULTS.inside, trace.reach ?? 0);
    if (entersFrom(last, legend, near, 'right', inside)) {
      const further = Math.max(...others.map((other) => other.last));
      let to = Math.min(legend.right, region.right);
      if (further > last.px + reach) to = Math.min(to, further);
      if (to > last.px + 1) {
        out = [...out, ...carried(last, to, step, 1)];
        hidden.push({ index, side: 'right' });
      }
    }
    const first = out[0];
    if (entersFrom(first, legend, near, 'left', inside)) {
      const further = Math.min(...others.map((other) => other.first));
      let to = Math.max(legend.left, region.left);
      if (further < first.px - reach) to = Math.max(to, further);
      if (to < first.px - 1) {
        out = [...carried(first, to, step, -1).reverse(), ...out];
        hidden.push({ index, side: 'left' });
      }
    }
    return out;
  });
  return { points, hidden };
}

/**
 * Whether the trace's end `point` (its last point for `side` 'right', its first for 'left')
 * lies just outside the legend's box where the line would go on into it: beside the box's
 * near side, or above or below the box within its columns; not deeper inside the box than
 * `inside` px (there the legend let it show).
 */
function entersFrom(
  point: PixelPoint,
  box: Box,
  reach: number,
  side: 'left' | 'right',
  inside: number,
): boolean {
  const { px, py } = point;
  const inRows = py >= box.top - reach && py <= box.bottom + reach;
  const inColumns = px >= box.left && px <= box.right;
  const deep = (a: number, b: number) => a - inside > b;
  // Inside the box (not at its edge): the legend let the line show.
  if (deep(px, box.left) && deep(box.right, px) && deep(py, box.top) && deep(box.bottom, py))
    return false;
  if (inColumns && inRows) return true;
  if (!inRows) return false;
  return side === 'right'
    ? px < box.left && px >= box.left - reach
    : px > box.right && px <= box.right + reach;
}

/** The step between carried points: a column for a bare line, the markers' median spacing. */
function spacing({ points, markers }: LegendTrace): number {
  if (!markers || points.length < 2) return 1;
  return Math.max(
    1,
    percentile(
      points.slice(1).map((point, i) => point.px - points[i].px),
      0.5,
    ),
  );
}

/**
 * Points `step` apart from `from` (not included) to `to` at `from`'s height (the last within a
 * quarter step past `to`). `direction` 1 goes right, -1 left.
 */
function carried(from: PixelPoint, to: number, step: number, direction: 1 | -1): PixelPoint[] {
  const out: PixelPoint[] = [];
  for (let k = 1; direction * (to - from.px) - k * step > -step / 4; k++) {
    out.push({ px: from.px + direction * k * step, py: from.py });
  }
  return out;
}
