import type { PixelPoint } from '../types.js';
import type { Ink } from './ink.js';

const DEFAULTS = {
  /** Candidate heights for a point are tried this far apart (px). */
  step: 0.25,
  /** A column's run this much (px) taller than the line holds a bend or a steep stroke. */
  tall: 1,
  /** Rounds of moving each point in turn to its best height. */
  rounds: 3,
  /**
   * Heights over a run are tried this many line widths apart (whole pixels, at least one),
   * then every pixel around the best few of them: the drawing changes over a line width, and
   * a run's height grows with the line's, so trying every pixel of it made the fit's cost
   * grow with the cube of the image's scale.
   */
  coarse: 0.5,
  /** The best this many local minima of the heights tried apart are looked at closely. */
  minima: 3,
  /** Runs beside a point as tall as its run, and their centres in line, within this (px): a straight stroke. */
  straight: 0.5,
} as const;

/** A drawn segment of the polyline, with what its pixel coverage needs. */
interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Unit direction, and length. */
  ux: number;
  uy: number;
  length: number;
  /** The larger and smaller of |ux|, |uy|: the pixel's projection across the band. */
  p: number;
  q: number;
}

/** Sets `s` to the segment from (x0, y0) to (x1, y1); returns it. */
function setSegment(s: Segment, x0: number, y0: number, x1: number, y1: number): Segment {
  const length = Math.hypot(x1 - x0, y1 - y0);
  const ux = (x1 - x0) / length;
  const uy = (y1 - y0) / length;
  const ax = Math.abs(ux);
  const ay = Math.abs(uy);
  s.x0 = x0;
  s.y0 = y0;
  s.x1 = x1;
  s.y1 = y1;
  s.ux = ux;
  s.uy = uy;
  s.length = length;
  s.p = Math.max(ax, ay);
  s.q = Math.min(ax, ay);
  return s;
}

function segment(x0: number, y0: number, x1: number, y1: number): Segment {
  const s = { x0: 0, y0: 0, x1: 0, y1: 0, ux: 0, uy: 0, length: 0, p: 0, q: 0 };
  return setSegment(s, x0, y0, x1, y1);
}

/**
 * The share of the pixel at `column`, `row` (the unit square centred at column + 0.5,
 * row + 0.5; whole numbers are passed, which the hot callers need not box) that a stroke
 * `width` px wide along `s` covers: along the segment, the pixel's share inside the band
 * (its projection across the band is a trapezoid, the convolution of its two sides'
 * projections); beyond the segment's ends, by the distance from the end (round joins),
 * `reach` being half the width and half a pixel. May be below 0 or above 1: the caller
 * clamps.
 */
function share(s: Segment, column: number, row: number, width: number, reach: number): number {
  const x = column + 0.5;
  const y = row + 0.5;
  const along = (x - s.x0) * s.ux + (y - s.y0) * s.uy;
  if (along < 0 || along > s.length) {
    // Beyond an end (this loop is hot: no arrays, no Math.hypot).
    const dx = x - (along < 0 ? s.x0 : s.x1);
    const dy = y - (along < 0 ? s.y0 : s.y1);
    if (Math.abs(dx) >= reach || Math.abs(dy) >= reach) return 0;
    return reach - Math.sqrt(dx * dx + dy * dy);
  }
  const offset = (y - s.y0) * s.ux - (x - s.x0) * s.uy;
  if (Math.abs(offset) >= width / 2 + 1) return 0;
  // The pixel's share on the near side of the band's far edge, less that on the near side of
  // its near edge: each the share of a pixel on the near side of a line `t` px across from
  // its centre (a function once, written out here: the call boxed numbers in the hot loop).
  const { p, q } = s;
  const flat = (p - q) / 2;
  const end = (p + q) / 2;
  let covered = 0;
  for (let side = 0; side < 2; side++) {
    const t = side === 0 ? width / 2 - offset : -width / 2 - offset;
    let near = 0;
    if (t <= -end) near = 0;
    else if (t >= end) near = 1;
    else if (q < 1e-9) near = (t + end) / p;
    else if (t < -flat) near = (t + end) ** 2 / (2 * p * q);
    else if (t <= flat) near = 0.5 + t / p;
    else near = 1 - (end - t) ** 2 / (2 * p * q);
    covered = side === 0 ? near : covered - near;
  }
  return covered;
}

/** Slack (px) on the bounds below, far above the rounding of the coordinates. */
const SLACK = 1e-6;
/** Slack on a bound of the misfit, relative to the size of its terms: far above their rounding. */
const BOUND_SLACK = 1e-9;

/**
 * The rows of `column` that `s`, drawn `width` px wide with round ends `reach` px out, can
 * cover (`out[at]` to `out[at + 1]`: no pixel outside them gets a share above 0) and those it
 * covers whole (`out[at + 2]` to `out[at + 3]`: each gets a share of at least 1). An empty
 * range has its first row after its last.
 */
function strokeRows(
  s: Segment,
  column: number,
  width: number,
  reach: number,
  out: Int32Array,
  at = 0,
): void {
  const x = column + 0.5;
  const { x0, y0, ux, uy, length } = s;
  const end = (s.p + s.q) / 2;
  // The segment runs left to right (ux > 0): the offset across it grows with y.
  const across = (x - x0) * uy;
  const onto = (x - x0) * ux;
  // Where the pixel's projection falls within the segment's ends, as y (no arrays: this
  // runs for every column of every height tried).
  let alongLow = Number.NEGATIVE_INFINITY;
  let alongHigh = Number.POSITIVE_INFINITY;
  if (uy > 0) {
    alongLow = y0 - onto / uy;
    alongHigh = y0 + (length - onto) / uy;
  } else if (uy < 0) {
    alongLow = y0 + (length - onto) / uy;
    alongHigh = y0 - onto / uy;
  } else if (onto < 0 || onto > length) {
    alongLow = 1;
    alongHigh = 0;
  }
  const outer = width / 2 + end;
  let low = Math.max(alongLow, y0 + (across - outer) / ux);
  let high = Math.min(alongHigh, y0 + (across + outer) / ux);
  // The round ends reach a square around each end.
  if (Math.abs(x - x0) < reach) {
    low = Math.min(low, y0 - reach);
    high = Math.max(high, y0 + reach);
  }
  if (Math.abs(x - s.x1) < reach) {
    low = Math.min(low, s.y1 - reach);
    high = Math.max(high, s.y1 + reach);
  }
  out[at] = Math.ceil(low - SLACK - 0.5);
  out[at + 1] = Math.floor(high + SLACK - 0.5);
  const inner = width / 2 - end;
  if (inner <= SLACK) {
    out[at + 2] = 1;
    out[at + 3] = 0;
    return;
  }
  const innerLow = Math.max(alongLow, y0 + (across - inner) / ux);
  const innerHigh = Math.min(alongHigh, y0 + (across + inner) / ux);
  out[at + 2] = Math.ceil(innerLow + SLACK - 0.5);
  out[at + 3] = Math.floor(innerHigh - SLACK - 0.5);
}

/**
 * What the search for one line works on: the polyline (`ys` moves), the ink, buffers over the
 * pixels around the point being moved (kept from point to point, sized to the largest), the
 * two moving segments (set in place: this runs for every height tried), and the point set up
 * by `prepare`. One object, passed to functions defined once: closures made per line were
 * compiled anew for every line.
 */
interface Search {
  xs: number[];
  ys: number[];
  lineWidth: number;
  reach: number;
  weight: Float32Array;
  width: number;
  height: number;
  occluded: Uint8Array | undefined;
  ink: Float64Array;
  fixed: Float64Array;
  inside: Float64Array;
  live: Uint8Array;
  /** Per column, running sums over its rows of the least change a height can make at a pixel:
   * bounds below the rest of a misfit, so that a height sure to lose is dropped early. */
  leastSums: Float64Array;
  /** Per column of the height being tried, from the first: the least the rest can add. */
  leastFrom: Float64Array;
  /** Per column, running sums over its rows of `inside`: a stroke's inner rows at once. */
  insideSums: Float64Array;
  ranges: Int32Array;
  rowsA: Int32Array;
  rowsB: Int32Array;
  a: Segment;
  b: Segment;
  /** The point being moved, the pixels around it (columns c0 to c1, rows r0 to r1), the
   * misfit there while it stays out of the drawing, and the slack on a bound of it. */
  point: number;
  c0: number;
  c1: number;
  r0: number;
  r1: number;
  rows: number;
  constant: number;
  slack: number;
}

/** Whether points `i` and `i + 1` are in neighbouring columns (a segment to draw). */
function joined(xs: number[], i: number): boolean {
  return i >= 0 && i + 1 < xs.length && xs[i + 1] - xs[i] === 1;
}

/**
 * Sets up `misfit` for point `at`, with the pixels between rows `top` and `bottom` near its
 * two segments; their coverage by the other segments is fixed. Only the pixels near the two
 * moving segments change with the height.
 */
function prepare(search: Search, at: number, top: number, bottom: number): void {
  const { xs, ys, lineWidth, reach, weight, width, height, occluded, ranges } = search;
  const c0 = Math.max(0, Math.floor(xs[at] - 1 - reach));
  const c1 = Math.min(width - 1, Math.floor(xs[at] + 1 + reach));
  const r0 = Math.max(0, Math.floor(top - reach));
  const r1 = Math.min(height - 1, Math.floor(bottom + reach));
  const rows = r1 - r0 + 1;
  Object.assign(search, { point: at, c0, c1, r0, r1, rows });
  const others = [at - 3, at - 2, at + 1, at + 2]
    .filter((j) => joined(xs, j))
    .map((j) => segment(xs[j], ys[j], xs[j + 1], ys[j + 1]));
  const size = (c1 - c0 + 1) * rows;
  if (search.ink.length < size) {
    search.ink = new Float64Array(size);
    search.fixed = new Float64Array(size);
    search.inside = new Float64Array(size);
    search.live = new Uint8Array(size);
  }
  const stride = rows + 1;
  if (search.leastFrom.length < c1 - c0 + 2) search.leastFrom = new Float64Array(c1 - c0 + 2);
  if (search.leastSums.length < (c1 - c0 + 1) * stride) {
    search.leastSums = new Float64Array((c1 - c0 + 1) * stride);
    search.insideSums = new Float64Array((c1 - c0 + 1) * stride);
  }
  const { ink, fixed, inside, live, leastSums, insideSums } = search;
  let constant = 0;
  let magnitude = 0;
  for (let column = c0; column <= c1; column++) {
    let leastSum = 0;
    let insideSum = 0;
    leastSums[(column - c0) * stride] = 0;
    insideSums[(column - c0) * stride] = 0;
    for (let j = 0; j < others.length; j++) {
      strokeRows(others[j], column, lineWidth, reach, ranges, 4 * j);
    }
    for (let row = r0; row <= r1; row++) {
      const k = row * width + column;
      const n = (column - c0) * rows + row - r0;
      live[n] = 0;
      leastSums[n + column - c0 + 1] = leastSum;
      insideSums[n + column - c0 + 1] = insideSum;
      if (occluded?.[k]) continue;
      // The drawn share by the other segments: 1 inside any, else the most of those near.
      let most = 0;
      for (let j = 0; j < others.length && most < 1; j++) {
        if (row < ranges[4 * j] || row > ranges[4 * j + 1]) continue;
        if (row >= ranges[4 * j + 2] && row <= ranges[4 * j + 3]) most = 1;
        else most = Math.max(most, share(others[j], column, row, lineWidth, reach));
      }
      const weightHere = Math.max(0, weight[k]);
      const coverage = Math.min(1, most);
      ink[n] = weightHere;
      fixed[n] = coverage;
      constant += (coverage - weightHere) ** 2;
      // Drawn whole already: no height of the point changes it.
      if (coverage === 1) continue;
      live[n] = 1;
      inside[n] = (1 - weightHere) ** 2 - (coverage - weightHere) ** 2;
      insideSum += inside[n];
      insideSums[n + column - c0 + 1] = insideSum;
      // The least change a height can make here: drawn at the ink's own share if it can be.
      const least =
        weightHere <= coverage ? 0 : weightHere >= 1 ? inside[n] : -((coverage - weightHere) ** 2);
      leastSum += least;
      leastSums[n + column - c0 + 1] = leastSum;
      magnitude += Math.abs(least) + Math.abs(inside[n]);
    }
  }
  search.constant = constant;
  search.slack = (magnitude + Math.abs(constant)) * BOUND_SLACK;
}

/** The sum over rows `low` to `high` from running sums starting at `base` (the row before `low` at `base + low - 1`). */
function rowSum(sums: Float64Array, base: number, low: number, high: number): number {
  return low > high ? 0 : sums[base + high] - sums[base + low - 1];
}

/**
 * The misfit of the drawing to the ink around the prepared point at height `py`; infinite
 * once it is sure to come out above `limit`.
 */
function misfit(search: Search, py: number, limit = Number.POSITIVE_INFINITY): number {
  const { xs, ys, lineWidth, reach, point, c0, c1, r0, r1, rows, constant, slack } = search;
  const { ink, fixed, live, leastSums, insideSums, leastFrom, rowsA, rowsB, a, b } = search;
  ys[point] = py;
  setSegment(a, xs[point - 1], ys[point - 1], xs[point], ys[point]);
  setSegment(b, xs[point], ys[point], xs[point + 1], ys[point + 1]);
  const top = Math.min(ys[point - 1], py, ys[point + 1]);
  const bottom = Math.max(ys[point - 1], py, ys[point + 1]);
  const left = Math.max(c0, Math.floor(xs[point - 1] - reach));
  const right = Math.min(c1, Math.floor(xs[point + 1] + reach));
  const from = Math.max(r0, Math.floor(top - reach));
  const to = Math.min(r1, Math.floor(bottom + reach));
  let sum = constant;
  if (limit !== Number.POSITIVE_INFINITY) {
    // The least each column can add: at least the least of each pixel in reach of a stroke.
    const stride = rows + 1;
    leastFrom[right - left + 1] = 0;
    for (let column = right; column >= left; column--) {
      const base = (column - c0) * stride - r0;
      leastFrom[column - left] =
        leastFrom[column - left + 1] + leastSums[base + to + 1] - leastSums[base + from];
    }
    if (sum + leastFrom[0] > limit + slack) return Number.POSITIVE_INFINITY;
  }
  for (let column = left; column <= right; column++) {
    // Only the rows a moving segment can cover in this column can change.
    strokeRows(a, column, lineWidth, reach, rowsA);
    strokeRows(b, column, lineWidth, reach, rowsB);
    const first = Math.max(from, Math.min(rowsA[0], rowsB[0]));
    const last = Math.min(to, Math.max(rowsA[1], rowsB[1]));
    // Inside either stroke the pixel is drawn whole: those rows at once, from the running
    // sums (the rows inside both counted once); where neither reaches, a pixel keeps its
    // fixed coverage (no change); only at the strokes' edges is the share worked out.
    const [fromA, toA] = [Math.max(first, rowsA[2]), Math.min(last, rowsA[3])];
    const [fromB, toB] = [Math.max(first, rowsB[2]), Math.min(last, rowsB[3])];
    const base = (column - c0) * (rows + 1) - r0 + 1;
    sum +=
      rowSum(insideSums, base, fromA, toA) +
      rowSum(insideSums, base, fromB, toB) -
      rowSum(insideSums, base, Math.max(fromA, fromB), Math.min(toA, toB));
    for (let row = first; row <= last; row++) {
      if (row >= fromA && row <= toA) row = toA + 1;
      if (row >= fromB && row <= toB) row = toB + 1;
      if (row >= fromA && row <= toA) row = toA + 1;
      if (row > last) break;
      const n = (column - c0) * rows + row - r0;
      if (live[n] === 0) continue;
      const nearA = row >= rowsA[0] && row <= rowsA[1];
      const nearB = row >= rowsB[0] && row <= rowsB[1];
      if (!nearA && !nearB) continue;
      const moved = Math.max(
        nearA ? share(a, column, row, lineWidth, reach) : 0,
        nearB ? share(b, column, row, lineWidth, reach) : 0,
      );
      const drawn = Math.max(fixed[n], Math.min(1, moved));
      sum += (drawn - ink[n]) ** 2 - (fixed[n] - ink[n]) ** 2;
    }
    if (sum + leastFrom[column - left + 1] > limit + slack) return Number.POSITIVE_INFINITY;
  }
  return sum;
}

/**
 * The height of the prepared point, from `traced`, whose drawing matches the ink best: over
 * the run from `top` to `bottom` `coarse` px apart, then every pixel around the best local
 * minima of those (all pixels when `coarse` is 1), then finer steps around the best.
 */
function bestHeight(
  search: Search,
  traced: number,
  top: number,
  bottom: number,
  coarse: number,
): number {
  let [best, bestMisfit] = [traced, misfit(search, traced)];
  // The heights tried, with their misfit and the bound it was worked out under: the best few
  // and their neighbours come round again below. A misfit worked out in full stands; one cut
  // short (infinite) stands while the bound is no higher than when it was cut.
  const known = new Map<number, { m: number; limit: number }>();
  known.set(traced, { m: bestMisfit, limit: Number.POSITIVE_INFINITY });
  const tryHeight = (y: number): void => {
    const seen = known.get(y);
    let m: number;
    if (seen && (Number.isFinite(seen.m) || bestMisfit <= seen.limit)) m = seen.m;
    else {
      m = misfit(search, y, bestMisfit);
      known.set(y, { m, limit: bestMisfit });
    }
    if (m < bestMisfit) [best, bestMisfit] = [y, m];
  };
  if (coarse === 1) {
    for (let y = top; y <= bottom; y += 1) tryHeight(y);
  } else {
    // Heights sure to come out worse than the few best so far are cut short (infinite).
    const tried: { y: number; m: number }[] = [];
    const kept: number[] = [];
    for (let y = top; y <= bottom; y += coarse) {
      const limit =
        kept.length < DEFAULTS.minima ? Number.POSITIVE_INFINITY : kept[kept.length - 1];
      const m = misfit(search, y, limit);
      known.set(y, { m, limit });
      tried.push({ y, m });
      if (m < limit) {
        kept.push(m);
        kept.sort((a, b) => a - b);
        if (kept.length > DEFAULTS.minima) kept.pop();
      }
    }
    const minima = tried
      .filter(
        ({ m }, k) =>
          Number.isFinite(m) &&
          m <= (tried[k - 1]?.m ?? Number.POSITIVE_INFINITY) &&
          m <= (tried[k + 1]?.m ?? Number.POSITIVE_INFINITY),
      )
      .sort((a, b) => a.m - b.m)
      .slice(0, DEFAULTS.minima);
    for (const { y } of minima) {
      tryHeight(y);
      for (let step = 1; step < coarse; step++) {
        tryHeight(y - step);
        tryHeight(y + step);
      }
    }
  }
  const middle = best;
  for (let y = middle - 1 + DEFAULTS.step; y < middle + 1; y += DEFAULTS.step) tryHeight(y);
  return best;
}

/**
 * Whether the runs of the columns of points `i - 1` to `i + 1` are cut from one straight
 * stroke: as tall as one another, their centres in line. A straight band's run in a column is
 * symmetric about the line's height at the column's middle, so its centre is that height; the
 * fit, moving the point along a steep stroke, barely changes the drawing, and over a tall run
 * may settle anywhere along it.
 */
function straight(
  line: PixelPoint[],
  spans: { top: number; bottom: number }[],
  i: number,
): boolean {
  const tall = (j: number) => spans[j].bottom - spans[j].top;
  const bend = line[i - 1].py + line[i + 1].py - 2 * line[i].py;
  return (
    Math.abs(bend) <= DEFAULTS.straight &&
    Math.abs(tall(i - 1) - tall(i)) <= DEFAULTS.straight &&
    Math.abs(tall(i + 1) - tall(i)) <= DEFAULTS.straight
  );
}

/**
 * A dense line (a data point every column or so) zigzags inside the columns: a column's ink
 * spans the strokes on both sides of a vertex, and its centre is not the line's height there.
 * This redraws the traced polyline (one point per column, `spans[i]` the rows its column's ink
 * covers) as a `lineWidth` px stroke and moves each point, within its column's ink, to the
 * height whose drawing matches the ink best (least squares over the pixels near it; pixels
 * in `occluded`, where another series hides this one, do not count). Only points with a
 * traced neighbour column on each side move, and none in `blobs` (see blobPoints). Returns a
 * new list.
 */
export function fitToInk(
  line: PixelPoint[],
  spans: { top: number; bottom: number }[],
  lineWidth: number,
  { weight, width, height, occluded }: Ink,
  blobs: Uint8Array,
): PixelPoint[] {
  const xs = line.map((p) => p.px);
  const ys = line.map((p) => p.py);
  const search: Search = {
    xs,
    ys,
    lineWidth,
    reach: lineWidth / 2 + 0.5,
    weight,
    width,
    height,
    occluded,
    ink: new Float64Array(0),
    fixed: new Float64Array(0),
    inside: new Float64Array(0),
    live: new Uint8Array(0),
    leastSums: new Float64Array(0),
    leastFrom: new Float64Array(0),
    insideSums: new Float64Array(0),
    ranges: new Int32Array(4 * 4),
    rowsA: new Int32Array(4),
    rowsB: new Int32Array(4),
    a: segment(0, 0, 1, 0),
    b: segment(0, 0, 1, 0),
    point: 0,
    c0: 0,
    c1: 0,
    r0: 0,
    r1: 0,
    rows: 0,
    constant: 0,
    slack: 0,
  };
  const coarse = Math.max(1, Math.floor(lineWidth * DEFAULTS.coarse));
  // Points to revisit: all at first, then those whose neighbours moved.
  let stale = new Set(xs.map((_, i) => i));
  for (let round = 0; round < DEFAULTS.rounds && stale.size > 0; round++) {
    const moved = new Set<number>();
    for (let i = 1; i < xs.length - 1; i++) {
      if (!stale.has(i) || !joined(xs, i - 1) || !joined(xs, i)) continue;
      const { top, bottom } = spans[i];
      // A run no taller than the line: its centre is the line's height.
      if (bottom - top <= lineWidth + DEFAULTS.tall) continue;
      // A blob the line passes through (an error bar, a marker) is no turn of it.
      if (blobs[i]) continue;
      if (straight(line, spans, i)) continue;
      // The rows of the run and of the points whose segments reach the moving ones.
      let [low, high] = [top, bottom];
      for (let j = Math.max(0, i - 2); j < Math.min(ys.length, i + 3); j++) {
        low = Math.min(low, ys[j]);
        high = Math.max(high, ys[j]);
      }
      const traced = ys[i];
      prepare(search, i, low, high);
      const best = bestHeight(search, traced, top, bottom, coarse);
      ys[i] = best;
      if (Math.abs(best - traced) > DEFAULTS.step / 2)
        for (const j of [i - 1, i, i + 1]) moved.add(j);
    }
    stale = moved;
  }
  return xs.map((px, i) => ({ px, py: ys[i] }));
}
