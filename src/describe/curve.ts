/**
 * A series as drawn: its points in order of x, in axis units (log10 on a log axis), so that
 * interpolating between two points follows the straight line drawn between them.
 */
export interface Curve {
  xs: number[];
  ys: number[];
  /** Points further apart than this (x, axis units) have a gap between them, not a line. */
  maxGap: number;
}

/**
 * The curve's value at `x` (axis units), interpolated between the points on each side; null
 * outside its x span and in its gaps.
 */
export function valueAt(curve: Curve, x: number): number | null {
  const { xs, ys } = curve;
  const n = xs.length;
  if (n === 0 || x < xs[0] || x > xs[n - 1]) return null;
  const low = firstAtOrAfter(xs, x);
  if (xs[low] === x) return ys[low];
  const [left, right] = [low - 1, low];
  if (xs[right] - xs[left] > curve.maxGap) return null;
  return ys[left] + ((ys[right] - ys[left]) * (x - xs[left])) / (xs[right] - xs[left]);
}

/**
 * The index of the first of ascending `xs` at or right of `x` (`xs.length` when none), by
 * binary search: a dense line has a point per column.
 */
export function firstAtOrAfter(xs: readonly number[], x: number): number {
  let low = 0;
  let high = xs.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (xs[mid] < x) low = mid + 1;
    else high = mid;
  }
  return low;
}
