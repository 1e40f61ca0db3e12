/** Small numeric helpers shared by the stages. */

import type { Box, PixelPoint } from './types.js';

/** A run of set entries `[from, to]` (inclusive) in a 1-D profile. */
export interface Run {
  from: number;
  to: number;
}

/**
 * Runs of non-zero entries, bridging gaps of up to `maxGap` zeros, and at least `minLength`
 * long. Used for text bands, legend rows and label splitting. Profiles are typed arrays (ink
 * counts, or 1/0 flags): with one kind of input the engine keeps this loop fast.
 */
export function findRuns(profile: Uint8Array | Uint32Array, maxGap: number, minLength = 1): Run[] {
  const runs: Run[] = [];
  let start = -1;
  let lastOn = -1;
  for (let i = 0; i <= profile.length; i++) {
    const on = i < profile.length && profile[i] !== 0;
    if (on) {
      if (start < 0) start = i;
      lastOn = i;
    } else if (start >= 0 && (i - lastOn > maxGap || i === profile.length)) {
      if (lastOn - start + 1 >= minLength) runs.push({ from: start, to: lastOn });
      start = -1;
    }
  }
  return runs;
}

/** A row-major mask `width` x `height` as its columns, each a row of the result. */
export function transpose(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  // A few columns at a time, down every row: the writes stay in that many runs (one pixel at a
  // time across the whole width put each write in a different cache line).
  const block = 16;
  for (let first = 0; first < width; first += block) {
    const last = Math.min(width, first + block);
    for (let row = 0; row < height; row++) {
      for (let column = first, i = row * width + first; column < last; column++, i++) {
        out[column * height + row] = mask[i];
      }
    }
  }
  return out;
}

/** Least-squares line `y = intercept + slope * x`; null with fewer than two distinct x. */
export function fitLine(
  xs: readonly number[],
  ys: readonly number[],
): { intercept: number; slope: number } | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** The middle value of `values` (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The value below which `share` (0..1) of the values lie; 0 for none. */
export function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

/** The smallest box holding every one of `boxes` (at least one). */
export function boxAround(boxes: readonly Box[]): Box {
  return {
    left: Math.min(...boxes.map((box) => box.left)),
    top: Math.min(...boxes.map((box) => box.top)),
    right: Math.max(...boxes.map((box) => box.right)),
    bottom: Math.max(...boxes.map((box) => box.bottom)),
  };
}

/** The point of the segment a-b nearest to p. */
export function nearestOnSegment(p: PixelPoint, a: PixelPoint, b: PixelPoint): PixelPoint {
  const [dx, dy] = [b.px - a.px, b.py - a.py];
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0
      ? 0
      : Math.max(0, Math.min(1, ((p.px - a.px) * dx + (p.py - a.py) * dy) / length2));
  return { px: a.px + t * dx, py: a.py + t * dy };
}

/** Whether two boxes share pixels (area, not only an edge). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
}

/**
 * The pairing of `cost`'s rows with its columns of least total cost (the Hungarian method, in
 * O(n² m)): per row, its column, or -1 where there are more rows than columns and the row got
 * none. Every row is paired jointly, not one after another (a greedy choice lets the first row
 * take the column a later one fits far better).
 */
export function optimalAssignment(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  const columns = cost[0]?.length ?? 0;
  if (rows === 0) return [];
  if (columns === 0) return cost.map(() => -1);
  if (rows > columns) {
    // Solve the transpose: each column gets a row.
    const byColumn = optimalAssignment(
      Array.from({ length: columns }, (_, c) => cost.map((row) => row[c])),
    );
    const out = cost.map(() => -1);
    byColumn.forEach((r, c) => {
      if (r >= 0) out[r] = c;
    });
    return out;
  }
  // Potentials u (rows) and v (columns), 1-based with a virtual column 0 (e-maxx's layout).
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(columns + 1);
  const rowOf = new Int32Array(columns + 1);
  const way = new Int32Array(columns + 1);
  for (let r = 1; r <= rows; r++) {
    rowOf[0] = r;
    let column = 0;
    const least = new Float64Array(columns + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Uint8Array(columns + 1);
    do {
      used[column] = 1;
      const row = rowOf[column];
      let delta = Number.POSITIVE_INFINITY;
      let next = 0;
      for (let c = 1; c <= columns; c++) {
        if (used[c]) continue;
        const reduced = cost[row - 1][c - 1] - u[row] - v[c];
        if (reduced < least[c]) {
          least[c] = reduced;
          way[c] = column;
        }
        if (least[c] < delta) {
          delta = least[c];
          next = c;
        }
      }
      for (let c = 0; c <= columns; c++) {
        if (used[c]) {
          u[rowOf[c]] += delta;
          v[c] -= delta;
        } else {
          least[c] -= delta;
        }
      }
      column = next;
    } while (rowOf[column] !== 0);
    do {
      const previous = way[column];
      rowOf[column] = rowOf[previous];
      column = previous;
    } while (column !== 0);
  }
  const out = new Array<number>(rows).fill(-1);
  for (let c = 1; c <= columns; c++) if (rowOf[c] > 0) out[rowOf[c] - 1] = c - 1;
  return out;
}
