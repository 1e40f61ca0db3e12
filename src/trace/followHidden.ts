import { percentile } from '../math.js';
import type { PixelPoint } from '../types.js';

const DEFAULTS = {
  /** A stretch shorter than this (columns) is a crossing: the gap is bridged straight. */
  minStretch: 8,
  /** At least this share of a stretch's columns show no trace of the hidden series. */
  minMissing: 0.3,
  /** A stretch where the trace shows through this many times is a series hidden along it. */
  minGaps: 3,
  /** A traced point this close (px) to the other series' ink is a fringe of it. */
  touch: 1,
  /** A traced point this close (px, in its column) to the other series' trace is at its edge. */
  near: 4,
  /** Pixels with at least this much of a series' colour are its ink. */
  ink: 0.5,
  /** A trace ending this close (px) to another series' ink may go on under it. */
  endTouch: 2,
  /** Markers of two series this share of a step apart in x stand at one place. */
  samePlace: 0.25,
} as const;

/** One series' trace and its colour weights (row-major, the image's size). */
export interface TracedLine {
  points: PixelPoint[];
  weight: Float32Array;
}

/**
 * A series drawn exactly under another over a stretch (a copied run of values, a common
 * start) shows there only as gaps and a fringe of blended colour along the other's edges.
 * Where a trace keeps touching another series' ink over a stretch of columns and is missing
 * from a good share of them, it follows the other series' trace through that stretch. A
 * crossing (a short stretch, or one the straight bridge between the traced sides keeps on
 * the other's ink) is left to the bridge; but a crossing shows through once, and a stretch
 * where the trace shows through again and again is a line hidden along the other.
 *
 * Returns each series' points, left to right (the input lists are not changed).
 */
export function followHidden(lines: TracedLine[], width: number): PixelPoint[][] {
  const byColumn = lines.map(
    (line) => new Map(line.points.map((p) => [Math.floor(p.px), p] as const)),
  );
  return lines.map((line, a) => {
    if (line.points.length === 0) return line.points;
    let points = line.points;
    lines.forEach((other, b) => {
      if (b === a) return;
      const touches = (p: PixelPoint) => {
        const under = byColumn[b].get(Math.floor(p.px));
        return (
          (under !== undefined && Math.abs(under.py - p.py) <= DEFAULTS.near) ||
          nearInk(other.weight, width, p)
        );
      };
      const first = Math.floor(points[0].px);
      const last = Math.floor(points.at(-1)!.px);
      const own = new Map(points.map((p) => [Math.floor(p.px), p] as const));
      const replaced = new Set<number>();
      // The stretch runs from where the trace first touches the other series to where it last
      // does: it goes under and comes out at the other's edge.
      let start = -1;
      let end = -1;
      let missing = 0;
      let gaps = 0;
      const close = () => {
        const length = end - start + 1;
        if (
          start >= 0 &&
          length >= DEFAULTS.minStretch &&
          missing >= length * DEFAULTS.minMissing &&
          (gaps >= DEFAULTS.minGaps ||
            !bridgedUnder(
              points.filter((p) => p.px >= start && p.px < end + 1),
              other.weight,
              width,
            ))
        ) {
          for (let column = start; column <= end; column++) replaced.add(column);
        }
        start = -1;
        missing = 0;
        gaps = 0;
      };
      // Columns missing since the last touching point: they count once the stretch goes on.
      let pending = 0;
      for (let column = first; column <= last; column++) {
        const mine = own.get(column);
        if (!byColumn[b].has(column) || (mine && !touches(mine))) {
          close();
          pending = 0;
        } else if (!mine) {
          if (start >= 0) pending++;
        } else {
          if (start < 0) start = column;
          missing += pending;
          if (pending > 0) gaps++;
          end = column;
          pending = 0;
        }
      }
      close();
      if (replaced.size === 0) return;
      points = [
        ...points.filter((p) => !replaced.has(Math.floor(p.px))),
        ...[...replaced].map((column) => byColumn[b].get(column)!),
      ].sort((p, q) => p.px - q.px);
    });
    return points;
  });
}

/**
 * Whether the straight bridges over the gaps between `points` stay on the other series' ink:
 * where the hidden series crosses it, a bridge is its path; where a bridge leaves that ink
 * (the series went along under it), it is not, since the series was hidden there.
 */
function bridgedUnder(points: PixelPoint[], weight: Float32Array, width: number): boolean {
  return points.slice(1).every((to, i) => {
    const from = points[i];
    for (let column = Math.floor(from.px) + 1; column < Math.floor(to.px); column++) {
      const px = column + 0.5;
      const py = from.py + ((px - from.px) / (to.px - from.px)) * (to.py - from.py);
      if (!nearInk(weight, width, { px, py })) return false;
    }
    return true;
  });
}

/** Whether a series' ink lies within `touch` px of the point. */
function nearInk(
  weight: Float32Array,
  width: number,
  { px, py }: PixelPoint,
  touch: number = DEFAULTS.touch,
): boolean {
  const height = weight.length / width;
  const [column, row] = [Math.floor(px), Math.floor(py)];
  for (let r = Math.max(0, row - touch); r <= Math.min(height - 1, row + touch); r++) {
    for (let c = Math.max(0, column - touch); c <= Math.min(width - 1, column + touch); c++) {
      if (weight[r * width + c] >= DEFAULTS.ink) return true;
    }
  }
  return false;
}

/** A traced series for followHiddenEnds: whether its points are its markers' centres. */
export interface EndLine extends TracedLine {
  markers: boolean;
}

/**
 * A bare line that starts or ends under another series (drawn before it, over the same
 * values) shows only from where the two part: its trace ends on the other's line while the
 * other goes on. There it is hidden, not ended: it follows the other's line (its traced points,
 * or the straight legs between its markers) as far as the other goes. The other is the one
 * whose line passes nearest the end, within DEFAULTS.near px, or touching its ink where its line
 * passes close (not a legend's sample or text of its colour far from its line). A series of
 * markers ends so under another series of markers (a marker is larger than a line: only a
 * marker hides one): it goes on, a step of its markers at a time, at the other's markers
 * standing at those steps.
 *
 * Returns each series' points, left to right (the input lists are not changed).
 */
export function followHiddenEnds(lines: EndLine[], width: number): PixelPoint[][] {
  return lines.map((line, a) => {
    if (line.points.length === 0) return line.points;
    if (line.markers) return hiddenMarkerEnds(lines, a, width);
    let points = line.points;
    for (const side of ['left', 'right'] as const) {
      const end = side === 'right' ? points.at(-1)! : points[0];
      const top = nearestAt(lines, a, end, side, DEFAULTS.minStretch, width)?.points ?? null;
      if (top === null) continue;
      const columns =
        side === 'right'
          ? range(Math.floor(end.px) + 1, Math.floor(top.at(-1)!.px))
          : range(Math.ceil(top[0].px - 0.5), Math.floor(end.px) - 1);
      const followed = columns.map((column) => ({
        px: column + 0.5,
        py: yAt(top, column + 0.5) ?? end.py,
      }));
      points = side === 'right' ? [...points, ...followed] : [...followed, ...points];
    }
    return points;
  });
}

/**
 * Of the series other than `a` (of markers only, with `markers`) that go on at least `beyond`
 * px past `end` towards `side`, the one whose line passes nearest it, within DEFAULTS.near px
 * or touching its ink within DEFAULTS.near + DEFAULTS.endTouch px of its line; null when none does.
 */
function nearestAt(
  lines: EndLine[],
  a: number,
  end: PixelPoint,
  side: 'left' | 'right',
  beyond: number,
  width: number,
  markers = false,
): EndLine | null {
  let top: EndLine | null = null;
  let nearest = Number.POSITIVE_INFINITY;
  for (const [b, other] of lines.entries()) {
    if (b === a || other.points.length < 2 || (markers && !other.markers)) continue;
    const past = side === 'right' ? other.points.at(-1)!.px - end.px : end.px - other.points[0].px;
    const y = past < beyond ? null : yAt(other.points, end.px);
    if (y === null) continue;
    const distance = Math.abs(y - end.py);
    // Touching the other's ink counts where its line passes there, not where its mask holds
    // anything else (a legend's text or sample in its colour, far from its line).
    const touching =
      distance <= DEFAULTS.near ||
      (nearInk(other.weight, width, end, DEFAULTS.endTouch) &&
        polylineDistance(other.points, end) <= DEFAULTS.near + DEFAULTS.endTouch);
    if (touching && distance < nearest) [top, nearest] = [other, distance];
  }
  return top;
}

/**
 * Series `a`'s markers, with those hidden past its ends under another series' markers: where
 * its first or last marker lies on a series of markers that goes on, each step of its own
 * markers' spacing on (while the other has a marker standing there) gets the other's marker.
 */
function hiddenMarkerEnds(lines: EndLine[], a: number, width: number): PixelPoint[] {
  const points = lines[a].points;
  if (points.length < 3) return points;
  const step = percentile(
    points.slice(1).map((p, i) => p.px - points[i].px),
    0.5,
  );
  if (!(step > 0)) return points;
  const out = [...points];
  for (const side of ['left', 'right'] as const) {
    const end = side === 'right' ? out.at(-1)! : out[0];
    const sign = side === 'right' ? 1 : -1;
    const top = nearestAt(lines, a, end, side, step * (1 - DEFAULTS.samePlace), width, true);
    if (top === null) continue;
    for (let at = end.px; ; ) {
      const px = at + sign * step;
      const there = top.points.find((p) => Math.abs(p.px - px) <= step * DEFAULTS.samePlace);
      if (!there) break;
      if (side === 'right') out.push(there);
      else out.unshift(there);
      at = there.px;
    }
  }
  return out.length > points.length ? out : points;
}

/** The columns from `from` to `to`, both included. */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/**
 * The distance (px) from `point` to the polyline through `points` (left to right), looked for
 * over the segments within DEFAULTS.near + DEFAULTS.endTouch columns of it; Infinity beyond.
 */
function polylineDistance(points: PixelPoint[], point: PixelPoint): number {
  const within = DEFAULTS.near + DEFAULTS.endTouch;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const q = points[Math.min(i + 1, points.length - 1)];
    if (q.px < point.px - within || p.px > point.px + within) continue;
    const [dx, dy] = [q.px - p.px, q.py - p.py];
    const length = dx * dx + dy * dy;
    const t =
      length > 0
        ? Math.max(0, Math.min(1, ((point.px - p.px) * dx + (point.py - p.py) * dy) / length))
        : 0;
    best = Math.min(best, Math.hypot(p.px + t * dx - point.px, p.py + t * dy - point.py));
  }
  return best;
}

/** A polyline's height at `px` (its points left to right), null outside its span. */
function yAt(points: PixelPoint[], px: number): number | null {
  if (px < points[0].px || px > points.at(-1)!.px) return null;
  const after = points.findIndex((point) => point.px >= px);
  if (after === 0) return points[0].py;
  const [p, q] = [points[after - 1], points[after]];
  return q.px > p.px ? p.py + ((px - p.px) / (q.px - p.px)) * (q.py - p.py) : q.py;
}
