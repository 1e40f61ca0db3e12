import type { PixelPoint } from '../types.js';
import type { Ink } from './ink.js';
import { simplify } from './refineVertices.js';

const DEFAULTS = {
  /** Corners are the points Douglas-Peucker keeps at this share of the line width. */
  simplifyShare: 0.5,
  /** A corner is fitted when the line turns there by at least this much (rad). */
  minTurn: 0.25,
  /** A vertex moves at most this far (px) from where the trace put it. */
  maxMove: 4,
  /** The search's first step (px): whole pixels... */
  firstStep: 1,
  /** ...then down to quarters. */
  lastStep: 0.25,
  /** Rounds over the corners: a corner is revisited when a neighbouring corner moved. */
  rounds: 2,
  /**
   * Pixels within this many line widths (plus windowSlack px) of a vertex place it. Further
   * out, the legs hang on the neighbouring corners, which may be off (a line's last corner is
   * traced into its cap).
   */
  window: 2,
  /** The px added to the window of a vertex. */
  windowSlack: 6,
  /** A corner is fitted when its legs' drawing matches the ink by this share where it is seen. */
  minMatched: 0.5,
} as const;

/** A straight leg of the polyline: its start, unit direction and length. */
interface Leg {
  x0: number;
  y0: number;
  ux: number;
  uy: number;
  length: number;
}

/**
 * A polyline's vertex is where its two legs meet, and a renderer draws both legs in full
 * around it: at a sharp peak the ink's tip, not the column centres, gives the vertex's
 * height; where another series hides the vertex, the legs' extensions meet there. This
 * redraws the line near each corner (a point Douglas-Peucker keeps where the line turns) as
 * two strokes of the line's width with round joins and one pixel of anti-aliasing, and moves
 * the corner to where that drawing matches the series' ink best (least squares over the
 * pixels near it; pixels in `occluded`, where another series is drawn over this one, do not
 * count). The traced points keep their offsets from the polyline through the corners, so
 * curves between corners keep their shape. A corner whose ink is only a fringe (a line
 * hidden under another) is left alone.
 *
 * `lineWidth` is the stroke's width across it (px). A corner at a point `held` says lies in a
 * blob the line passes through (a marker not found, an error bar) stays where the trace put it:
 * two strokes of the line's width cannot draw the blob, and moving the corner to cover more of
 * it pulls the line off the blob's middle, the data point. Returns a new list, left to right,
 * with a point in every traced column.
 */
export function fitVertices(
  line: PixelPoint[],
  lineWidth: number,
  ink: Ink,
  held: (point: PixelPoint) => boolean = () => false,
): PixelPoint[] {
  if (line.length < 3) return line;
  const traced = simplify(line, Math.max(1, lineWidth * DEFAULTS.simplifyShare)).map(
    (i) => line[i],
  );
  const corners = traced.map((p) => ({ ...p }));
  const reach = lineWidth / 2 + 0.5;
  const radius = DEFAULTS.window * lineWidth + DEFAULTS.windowSlack;
  // The pixels near a vertex, reused for every corner (this runs for every corner of dense
  // lines).
  const size = (2 * Math.ceil(radius) + 2) ** 2;
  const [xs, ys, inks, fixed] = [0, 0, 0, 0].map(() => new Float64Array(size));
  const near: Near = { xs, ys, inks, fixed, reach, radius };
  let stale = new Set(corners.map((_, k) => k));
  for (let round = 0; round < DEFAULTS.rounds && stale.size > 0; round++) {
    const moved = new Set<number>();
    for (let k = 1; k < corners.length - 1; k++) {
      const [a, v, b] = [corners[k - 1], corners[k], corners[k + 1]];
      if (!stale.has(k) || turn(a, v, b) < DEFAULTS.minTurn || held(traced[k])) continue;
      const best = fitCorner(corners, k, traced[k], near, ink);
      if (best === null) continue;
      if (best.px !== v.px || best.py !== v.py) for (const j of [k - 1, k + 1]) moved.add(j);
      corners[k] = best;
    }
    stale = moved;
  }
  // Every traced point keeps its offset from the polyline through the corners; each column
  // keeps a point.
  // Both polylines are read along the line, left to right: once through each, not once per
  // point (dense lines have thousands of points and hundreds of corners).
  const shifted = corners.filter((c, k) => c.px !== traced[k].px || c.py !== traced[k].py);
  const taken = new Set(shifted.map((c) => Math.floor(c.px)));
  const [after, before] = [polylineAlong(corners), polylineAlong(traced)];
  const out = line
    .filter((p) => !taken.has(Math.floor(p.px)))
    .map((p) => ({ px: p.px, py: p.py + after(p.px) - before(p.px) }));
  return [...out, ...shifted].sort((p, q) => p.px - q.px);
}

/**
 * Buffers for the pixels near the corner being fitted (their centres, their ink and what the
 * neighbouring legs draw there), reused from corner to corner; `reach` is half the line's
 * width and half a pixel, `radius` how far from the vertex pixels place it.
 */
interface Near {
  xs: Float64Array;
  ys: Float64Array;
  inks: Float64Array;
  fixed: Float64Array;
  reach: number;
  radius: number;
}

/**
 * Corner `k` of `corners` moved to where its two legs' drawing matches the ink best, by a
 * compass search from where it is, at most `maxMove` px from `start` (where the trace put it);
 * null when its ink is only a fringe. A function of its own, not part of `fitVertices`: inside
 * it, the search's closures made that function the longest of all for V8's optimising
 * compiler, compiled anew each time the points' shapes deoptimised it.
 */
function fitCorner(
  corners: PixelPoint[],
  k: number,
  start: PixelPoint,
  near: Near,
  { weight, width, height, occluded }: Ink,
): PixelPoint | null {
  const { xs, ys, inks, fixed, reach, radius } = near;
  const [a, v, b] = [corners[k - 1], corners[k], corners[k + 1]];
  const margin = reach + DEFAULTS.maxMove + 1;
  /** How much of a pixel a stroke covers, its centre `nearest2` px² from it: a ramp one pixel wide. */
  const coverAt = (nearest2: number) =>
    nearest2 >= reach * reach ? 0 : Math.min(1, reach - Math.sqrt(nearest2));
  /** How much of the pixel centred at (x, y) the legs cover. */
  const drawn = (legs: Leg[], x: number, y: number) => {
    let nearest = Number.POSITIVE_INFINITY;
    for (const leg of legs) nearest = Math.min(nearest, distance2(leg, x, y));
    return coverAt(nearest);
  };
  // The pixels near the vertex that the two legs can cover (within the legs' box), with
  // what the neighbouring legs draw there.
  const legs = [leg(a, v), leg(v, b)];
  const others: Leg[] = [];
  if (k >= 2) others.push(leg(corners[k - 2], a));
  if (k + 2 < corners.length) others.push(leg(b, corners[k + 2]));
  const [top, bottom] = [Math.min(a.py, v.py, b.py) - margin, Math.max(a.py, v.py, b.py) + margin];
  const [r0, r1] = [
    Math.max(0, Math.floor(Math.max(v.py - radius, top))),
    Math.min(height - 1, Math.floor(Math.min(v.py + radius, bottom))),
  ];
  const [c0, c1] = [
    Math.max(0, Math.floor(Math.max(v.px - radius, a.px - margin))),
    Math.min(width - 1, Math.floor(Math.min(v.px + radius, b.px + margin))),
  ];
  let count = 0;
  for (let row = r0; row <= r1; row++) {
    for (let column = c0; column <= c1; column++) {
      const x = column + 0.5;
      const y = row + 0.5;
      const n = row * width + column;
      if (occluded?.[n] || (x - v.px) ** 2 + (y - v.py) ** 2 > radius ** 2) continue;
      if (Math.min(distance2(legs[0], x, y), distance2(legs[1], x, y)) > margin ** 2) continue;
      xs[count] = x;
      ys[count] = y;
      inks[count] = Math.max(0, weight[n]);
      fixed[count] = drawn(others, x, y);
      count++;
    }
  }
  // A fringe of a line hidden under another (the occluder's pixels left out) is no stroke.
  let [matched, total] = [0, 0];
  for (let i = 0; i < count; i++) {
    const cover = drawn(legs, xs[i], ys[i]);
    matched += Math.min(cover, inks[i]);
    total += cover;
  }
  if (matched < total * DEFAULTS.minMatched) return null;
  /** The misfit with the vertex at (px, py); once past `bound`, just a value above it. */
  const misfit = (px: number, py: number, bound = Number.POSITIVE_INFINITY) => {
    const [left, right] = [leg(a, { px, py }), leg({ px, py }, b)];
    let sum = 0;
    for (let i = 0; i < count; i++) {
      // Two legs written out, not drawn(): this is the hot loop.
      const nearest = Math.min(distance2(left, xs[i], ys[i]), distance2(right, xs[i], ys[i]));
      const d = Math.max(coverAt(nearest), fixed[i]) - inks[i];
      sum += d * d;
      if (sum > bound) break;
    }
    return sum;
  };
  // Compass search: steps along x and y, halved when none improves. A step back lands
  // where the search has been: each place's misfit is kept with the bound it was worked
  // out under. One below its bound is whole and stands; one cut short stands while the
  // bound (which only falls) is no higher, for then it loses again.
  // By x, then y: the places as the steps left them, to the last bit.
  const known = new Map<number, Map<number, { m: number; bound: number }>>();
  /** The misfit at (x, y), or a value above `bound` when it is above it. */
  const misfitAt = (x: number, y: number, bound: number) => {
    const column = known.get(x) ?? new Map<number, { m: number; bound: number }>();
    known.set(x, column);
    const seen = column.get(y);
    if (seen && (seen.m <= seen.bound || bound <= seen.bound)) return seen.m;
    const m = misfit(x, y, bound);
    column.set(y, { m, bound });
    return m;
  };
  let best = { px: v.px, py: v.py, misfit: misfitAt(v.px, v.py, Number.POSITIVE_INFINITY) };
  for (let step = DEFAULTS.firstStep; step >= DEFAULTS.lastStep; step /= 2) {
    for (let improved = true; improved; ) {
      improved = false;
      const { px, py } = best;
      for (const [dx, dy] of COMPASS) {
        const [x, y] = [px + dx * step, py + dy * step];
        if (x <= a.px || x >= b.px) continue;
        if (Math.abs(x - start.px) > DEFAULTS.maxMove || Math.abs(y - start.py) > DEFAULTS.maxMove)
          continue;
        const m = misfitAt(x, y, best.misfit);
        if (m < best.misfit) [best, improved] = [{ px: x, py: y, misfit: m }, true];
      }
    }
  }
  return { px: best.px, py: best.py };
}

const COMPASS = [
  [0, -1],
  [0, 1],
  [-1, 0],
  [1, 0],
];

function leg(from: PixelPoint, to: PixelPoint): Leg {
  const length = Math.hypot(to.px - from.px, to.py - from.py) || 1;
  return {
    x0: from.px,
    y0: from.py,
    ux: (to.px - from.px) / length,
    uy: (to.py - from.py) / length,
    length,
  };
}

/** The squared distance (px²) from (x, y) to the leg. */
function distance2(s: Leg, x: number, y: number): number {
  const along = Math.max(0, Math.min(s.length, (x - s.x0) * s.ux + (y - s.y0) * s.uy));
  // Hot: no arrays.
  const dx = x - s.x0 - along * s.ux;
  const dy = y - s.y0 - along * s.uy;
  return dx * dx + dy * dy;
}

/** How far the line turns at `v` (rad), between the legs from `a` and to `b`. */
function turn(a: PixelPoint, v: PixelPoint, b: PixelPoint): number {
  const [ux, uy] = [v.px - a.px, v.py - a.py];
  const [wx, wy] = [b.px - v.px, b.py - v.py];
  const cos = (ux * wx + uy * wy) / (Math.hypot(ux, uy) * Math.hypot(wx, wy) || 1);
  return Math.acos(Math.max(-1, Math.min(1, cos)));
}

/**
 * The polyline through `corners` (left to right) as a function of column `px`, held level past
 * its ends. It keeps its place between calls: columns asked for in order cost one pass over
 * the corners in all (any order gives the same heights).
 */
export function polylineAlong(corners: PixelPoint[]): (px: number) => number {
  // The first corner at or right of the last column asked for (corners.length: none).
  let k = 0;
  return (px) => {
    while (k > 0 && corners[k - 1].px >= px) k--;
    while (k < corners.length && corners[k].px < px) k++;
    if (k === 0 || k === corners.length) return k === 0 ? corners[0].py : corners.at(-1)!.py;
    const [a, b] = [corners[k - 1], corners[k]];
    return b.px === a.px ? b.py : a.py + ((px - a.px) / (b.px - a.px)) * (b.py - a.py);
  };
}
