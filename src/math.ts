/** Small numeric helpers shared by the stages. */

import type { Box } from './types.js';

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
