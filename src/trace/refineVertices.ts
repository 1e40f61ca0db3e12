import { fitLine } from '../math.js';
import type { PixelPoint } from '../types.js';
import type { Ink } from './ink.js';

const DEFAULTS = {
  /** Trace points deviating less than this share of the line width from a chord are on it. */
  simplifyShare: 0.5,
  /** A bend is sharp enough to distort the column centres when the direction turns this much (rad). */
  minTurn: 0.25,
  /** Stroke fits whose slice centres leave a larger RMS residual (px) are curves, not straight strokes. */
  maxRms: 0.6,
  /** A straight stroke is fitted from at least this many one-pixel slices. */
  minSlices: 5,
  /** A slice holding less ink than this (pixel weights summed) is a gap in the stroke. */
  minSliceInk: 0.5,
  /** Pixels this far (px) beyond the line width from a chord still count as the chord's stroke. */
  bandSlack: 1.5,
  /** A stroke's fit leaves out at most this share of its length at each end. */
  maxEndShare: 0.35,
  /** A stroke's fit may stray this much (px) further from its chord than the trace does. */
  fitSlack: 0.5,
  /** A short bend's strokes are looked for within this many trace points of it. */
  bendReach: 6,
  /** The corners between two strokes are one bend when they span at most this many end margins in x. */
  maxBend: 4,
  /** A line's end past its outermost stroke is a tail (its cap, a small marker) up to this many end margins long... */
  maxTail: 2,
  /** ...and when the stroke is this many times longer (else the line is dense). */
  tailShare: 4,
  /** The sine of the narrowest turn whose strokes are told apart near the vertex. */
  minSine: 0.05,
} as const;

/** A straight stroke: a point on it, its unit direction (pointing right), and the x span it was fitted over. */
interface Stroke {
  px: number;
  py: number;
  dx: number;
  dy: number;
  left: number;
  right: number;
}

/**
 * A line drawn as straight strokes between data points (a polyline) turns inside a few pixel
 * columns at each vertex, where the column centres fall inside the bend: a peak is traced
 * too low, a valley too high, and a near-vertical jump is a tall run in a few columns. This
 * finds the straight strokes (Douglas-Peucker over the trace) and fits each from the ink
 * along it, in slices across the stroke, so steep strokes fit as well as flat ones; ends
 * where a neighbouring stroke or a marker crowds it are left out. A vertex goes where
 * neighbouring strokes meet, and trace points on a fitted stroke are moved onto it. Curves
 * (poorly fitted by straight strokes) and gentle bends are left as traced.
 *
 * `lineWidth` is the stroke's vertical thickness in px where flattest. Returns a new list,
 * left to right.
 */
export function refineVertices(line: PixelPoint[], lineWidth: number, ink: Ink): PixelPoint[] {
  if (line.length < DEFAULTS.minSlices * 2) return line;
  const tolerance = Math.max(1, lineWidth * DEFAULTS.simplifyShare);
  const corners = simplify(line, tolerance).map((i) => line[i]);
  const base = Math.max(3, lineWidth * 2);
  const band = lineWidth + DEFAULTS.bandSlack;
  const chords = corners.slice(1).map((end, k) => direction(corners[k], end));
  // Segments long enough, and wide enough in x, to be strokes (in narrower ones, noise
  // spikes, the column trace cannot tell which stroke it followed), or twice as long: a
  // near-vertical jump. The short ones between two strokes are one bend: a small marker, or
  // the trace wobbling where the strokes meet.
  const minLength = DEFAULTS.minSlices + 2 * base;
  const long = corners.slice(1).map((end, k) => {
    const length = Math.hypot(end.px - corners[k].px, end.py - corners[k].py);
    return (
      length >= minLength &&
      (end.px - corners[k].px >= DEFAULTS.minSlices || length >= 2 * minLength)
    );
  });
  const strokeIndices = long.flatMap((isLong, k) => (isLong ? [k] : []));
  const bends = strokeIndices
    .slice(1)
    .map((j, n) => ({ i: strokeIndices[n], j }))
    .filter(({ i, j }) => corners[j].px - corners[i + 1].px <= DEFAULTS.maxBend * base);
  // Near a bend the neighbouring stroke stays within reach for about 1 / sin(turn).
  const skipStart = chords.map(() => base);
  const skipEnd = chords.map(() => base);
  for (const { i, j } of bends) {
    const sine = Math.abs(chords[i].dx * chords[j].dy - chords[i].dy * chords[j].dx);
    skipEnd[i] = skipStart[j] = base + (lineWidth + band) / Math.max(sine, DEFAULTS.minSine);
  }
  const strokes = chords.map((_, k) =>
    long[k]
      ? fitStroke(corners[k], corners[k + 1], skipStart[k], skipEnd[k], band, tolerance, ink)
      : null,
  );
  // Where each fitted stroke holds (px): where it was fitted, and on to a vertex found.
  const from = strokes.map((stroke) => stroke?.left ?? 0);
  const to = strokes.map((stroke) => stroke?.right ?? 0);
  // The line's own ends: its last columns are cut by the cap (or a small marker drawn on
  // the end point), so the outermost stroke holds to the end, past a short tail.
  const ends = strokes.map((): number[] => []);
  const first = strokes.findIndex((stroke) => stroke !== null);
  const last = strokes.length - 1 - [...strokes].reverse().findIndex((stroke) => stroke !== null);
  /** A tail of `length` px past the stroke from corner k: short, beside a long stroke. */
  const tail = (length: number, k: number) =>
    length === 0 ||
    (length <= base * DEFAULTS.maxTail &&
      corners[k + 1].px - corners[k].px >= length * DEFAULTS.tailShare);
  if (first >= 0 && tail(corners[first].px - corners[0].px, first)) {
    from[first] = Number.NEGATIVE_INFINITY;
    if (first > 0) ends[first].push(yAt(strokes[first]!, corners[0].px));
  }
  if (first >= 0 && tail(corners.at(-1)!.px - corners[last + 1].px, last)) {
    to[last] = Number.POSITIVE_INFINITY;
    if (last < strokes.length - 1) ends[last].push(yAt(strokes[last]!, corners.at(-1)!.px));
  }
  const vertices: PixelPoint[] = [];
  const refined = new Set<number>();
  for (const { i, j } of bends) {
    const [before, after] = [strokes[i], strokes[j]];
    if (!before || !after) continue;
    const turn = Math.acos(Math.min(1, before.dx * after.dx + before.dy * after.dy));
    if (turn < DEFAULTS.minTurn) continue;
    const vertex = intersect(before, after);
    // Near the bend's corners, and drawn: strokes nearly parallel can meet far off the ink.
    if (!vertex || !nearAll(corners.slice(i + 1, j + 1), vertex, base) || !inkAt(ink, vertex)) {
      continue;
    }
    vertices.push(vertex);
    to[i] = from[j] = vertex.px;
    for (let k = i + 1; k <= j; k++) refined.add(k);
  }

  const out = [...vertices];
  for (const point of line) {
    if (vertices.some((v) => Math.abs(v.px - point.px) < 0.5)) continue;
    const k = strokes.findIndex(
      (stroke, n) => stroke !== null && point.px >= from[n] && point.px <= to[n],
    );
    const py = k < 0 ? Number.NaN : yAt(strokes[k]!, point.px);
    // A steep stroke's x span is narrow: beyond its ends it is not this stroke any more.
    const ys = k < 0 ? [0] : [corners[k].py, corners[k + 1].py, ...ends[k]];
    const [top, bottom] = [Math.min(...ys), Math.max(...ys)];
    out.push(py >= top - band && py <= bottom + band ? { px: point.px, py } : point);
  }
  out.sort((a, b) => a.px - b.px);
  return sharpenShortBends(out, corners, refined, lineWidth);
}

/**
 * Bends between short strokes (a dense, noisy curve with a data point every few columns):
 * the columns next to a bend hold one stroke each, and their centres lie on it. The two
 * clean columns nearest the bend on each side give its two strokes, and the vertex goes
 * where they meet, when that is within a column of the traced corner and sharpens it.
 */
function sharpenShortBends(
  line: PixelPoint[],
  corners: PixelPoint[],
  refined: Set<number>,
  lineWidth: number,
): PixelPoint[] {
  const clear = Math.max(1.5, 1 + lineWidth / 2);
  let out = line;
  for (let k = 1; k < corners.length - 1; k++) {
    if (refined.has(k)) continue;
    const corner = corners[k];
    const at = out.findIndex((p) => p.px >= corner.px);
    if (at < 0) continue;
    const left = out
      .slice(Math.max(0, at - DEFAULTS.bendReach), at)
      .filter((p) => p.px <= corner.px - clear);
    const right = out
      .slice(at + 1, at + 1 + DEFAULTS.bendReach)
      .filter((p) => p.px >= corner.px + clear);
    const [a, b] = [left.slice(-2), right.slice(0, 2)];
    if (a.length < 2 || b.length < 2) continue;
    if (a[1].px - a[0].px !== 1 || b[1].px - b[0].px !== 1) continue;
    if (a[1].px < corner.px - clear - 1 || b[0].px > corner.px + clear + 1) continue;
    // The strokes' columns are clear of the neighbouring bends too.
    if (a[0].px < corners[k - 1].px + 1 || b[1].px > corners[k + 1].px - 1) continue;
    // Through two neighbouring columns: the slope is their difference.
    const through = (p: PixelPoint, q: PixelPoint) => ({
      slope: q.py - p.py,
      intercept: p.py - (q.py - p.py) * p.px,
    });
    const [before, after] = [through(a[0], a[1]), through(b[0], b[1])];
    const turn = Math.abs(Math.atan(before.slope) - Math.atan(after.slope));
    if (turn < DEFAULTS.minTurn) continue;
    const px = (after.intercept - before.intercept) / (before.slope - after.slope);
    if (!(px > a[1].px && px < b[0].px)) continue;
    const py = before.intercept + before.slope * px;
    // Only outward: a peak goes up, a valley down, from where the column centres put it.
    const traced = out[at].py;
    const chord = a[1].py + ((out[at].px - a[1].px) / (b[0].px - a[1].px)) * (b[0].py - a[1].py);
    if (
      Math.sign(py - chord) !== Math.sign(traced - chord) ||
      Math.abs(py - chord) < Math.abs(traced - chord)
    )
      continue;
    const inside = (p: PixelPoint) => p.px > a[1].px && p.px < b[0].px;
    const onStroke = (p: PixelPoint) => ({
      px: p.px,
      py: p.px < px ? before.intercept + before.slope * p.px : after.intercept + after.slope * p.px,
    });
    out = [
      ...out.filter((p) => !inside(p)),
      ...out.filter((p) => inside(p) && Math.abs(p.px - px) >= 0.5).map(onStroke),
      { px, py },
    ].sort((p, q) => p.px - q.px);
  }
  return out;
}

function direction(from: PixelPoint, to: PixelPoint): { dx: number; dy: number } {
  const length = Math.hypot(to.px - from.px, to.py - from.py) || 1;
  return { dx: (to.px - from.px) / length, dy: (to.py - from.py) / length };
}

/**
 * The straight stroke from `a` to `b` fitted from the ink within `band` px of the chord,
 * leaving out `skipA` and `skipB` px at its ends: the ink is cut in one-pixel slices across
 * the chord, and a line is fitted through the slices' ink centres. Null when too few slices
 * hold ink, the centres bend (a curve) or the fit strays more than `tolerance` + slack from
 * the chord (the trace keeps within `tolerance` of it, so the fit took in other ink).
 */
function fitStroke(
  a: PixelPoint,
  b: PixelPoint,
  skipA: number,
  skipB: number,
  band: number,
  tolerance: number,
  { weight, width, height }: Ink,
): Stroke | null {
  const length = Math.hypot(b.px - a.px, b.py - a.py);
  const from = Math.min(skipA, length * DEFAULTS.maxEndShare);
  const to = length - Math.min(skipB, length * DEFAULTS.maxEndShare);
  const slices = Math.floor(to - from);
  if (slices < DEFAULTS.minSlices) return null;
  const { dx, dy } = direction(a, b);
  const ink = new Float64Array(slices);
  const moment = new Float64Array(slices);
  const columns = [Math.min(a.px, b.px) - band, Math.max(a.px, b.px) + band];
  const rows = [Math.min(a.py, b.py) - band, Math.max(a.py, b.py) + band];
  for (let row = Math.max(0, Math.floor(rows[0])); row < Math.min(height, rows[1]); row++) {
    for (
      let column = Math.max(0, Math.floor(columns[0]));
      column < Math.min(width, columns[1]);
      column++
    ) {
      const w = weight[row * width + column];
      if (w <= 0) continue;
      const [ox, oy] = [column + 0.5 - a.px, row + 0.5 - a.py];
      const along = ox * dx + oy * dy - from;
      const across = oy * dx - ox * dy;
      if (along < 0 || along >= slices || Math.abs(across) > band) continue;
      ink[Math.floor(along)] += w;
      moment[Math.floor(along)] += w * across;
    }
  }
  const t: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < slices; i++) {
    if (ink[i] < DEFAULTS.minSliceInk) continue;
    t.push(from + i + 0.5);
    d.push(moment[i] / ink[i]);
  }
  if (t.length < DEFAULTS.minSlices) return null;
  const fit = fitLine(t, d);
  if (!fit) return null;
  const rms = Math.sqrt(
    t.reduce((s, ti, i) => s + (d[i] - fit.intercept - fit.slope * ti) ** 2, 0) / t.length,
  );
  if (rms > DEFAULTS.maxRms) return null;
  // The trace is within `tolerance` of the chord there: a fit straying further took in other ink.
  const offsets = [from, to].map((ti) => Math.abs(fit.intercept + fit.slope * ti));
  if (Math.max(...offsets) > tolerance + DEFAULTS.fitSlack) return null;
  // Back from (along, across) to the image: across is along the normal (-dy, dx).
  const norm = Math.hypot(1, fit.slope);
  return {
    px: a.px - fit.intercept * dy,
    py: a.py + fit.intercept * dx,
    dx: (dx - fit.slope * dy) / norm,
    dy: (dy + fit.slope * dx) / norm,
    left: a.px + from * dx,
    right: a.px + to * dx,
  };
}

/** Whether `point` lies in the box around `points` grown by `margin` px. */
function nearAll(points: PixelPoint[], point: PixelPoint, margin: number): boolean {
  const xs = points.map((p) => p.px);
  const ys = points.map((p) => p.py);
  return (
    point.px >= Math.min(...xs) - margin &&
    point.px <= Math.max(...xs) + margin &&
    point.py >= Math.min(...ys) - margin &&
    point.py <= Math.max(...ys) + margin
  );
}

/** Whether the pixel holding `point` is the series' ink. */
function inkAt({ weight, width, height }: Ink, point: PixelPoint): boolean {
  const [column, row] = [Math.floor(point.px), Math.floor(point.py)];
  return (
    column >= 0 && column < width && row >= 0 && row < height && weight[row * width + column] > 0
  );
}

/** Where two strokes meet; null when they are parallel. */
function intersect(s: Stroke, t: Stroke): PixelPoint | null {
  const det = s.dx * t.dy - s.dy * t.dx;
  if (Math.abs(det) < 1e-9) return null;
  const u = ((t.px - s.px) * t.dy - (t.py - s.py) * t.dx) / det;
  return { px: s.px + u * s.dx, py: s.py + u * s.dy };
}

/** The stroke's y at `px`; NaN for a vertical stroke. */
function yAt(stroke: Stroke, px: number): number {
  return stroke.dx > 0 ? stroke.py + ((px - stroke.px) * stroke.dy) / stroke.dx : Number.NaN;
}

/** Indices of the points Douglas-Peucker keeps at tolerance `tolerance` (px). */
export function simplify(points: PixelPoint[], tolerance: number): number[] {
  const keep = new Set([0, points.length - 1]);
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const pa = points[a];
    const pb = points[b];
    const length = Math.hypot(pb.px - pa.px, pb.py - pa.py) || 1;
    let worst = -1;
    let worstDistance = tolerance;
    for (let i = a + 1; i < b; i++) {
      const p = points[i];
      const distance =
        Math.abs((pb.px - pa.px) * (pa.py - p.py) - (pa.px - p.px) * (pb.py - pa.py)) / length;
      if (distance > worstDistance) {
        worst = i;
        worstDistance = distance;
      }
    }
    if (worst >= 0) {
      keep.add(worst);
      stack.push([a, worst], [worst, b]);
    }
  }
  return [...keep].sort((x, y) => x - y);
}
