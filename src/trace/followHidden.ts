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

/** Whether a series' ink lies within DEFAULTS.touch px of the point. */
function nearInk(weight: Float32Array, width: number, { px, py }: PixelPoint): boolean {
  const height = weight.length / width;
  const [column, row] = [Math.floor(px), Math.floor(py)];
  for (
    let r = Math.max(0, row - DEFAULTS.touch);
    r <= Math.min(height - 1, row + DEFAULTS.touch);
    r++
  ) {
    for (
      let c = Math.max(0, column - DEFAULTS.touch);
      c <= Math.min(width - 1, column + DEFAULTS.touch);
      c++
    ) {
      if (weight[r * width + c] >= DEFAULTS.ink) return true;
    }
  }
  return false;
}
