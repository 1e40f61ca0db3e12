import { percentile } from '../math.js';
import type { Box, PixelPoint } from '../types.js';

/** Ink with at least this weight counts. */
const INK = 0.5;
/** The line's thickness: this share of its points' column runs are at most as tall. */
const THICKNESS = 0.25;

/**
 * How far (px, mean over a line's points) its ink reaches up or down in each point's column
 * beyond what the traced polyline (from halfway to the previous point to halfway to the next)
 * and the line's thickness explain: the extremes of a noisy curve that a trace, one value per
 * column, passes through the middle of. 0 for a clean line, steep or not.
 */
export function traceSpread(
  weight: Float32Array,
  width: number,
  region: Box,
  points: PixelPoint[],
): number {
  const runs: { top: number; bottom: number; low: number; high: number }[] = [];
  for (let i = 0; i < points.length; i++) {
    const { px, py } = points[i];
    const x = Math.floor(px);
    const y = Math.floor(py);
    if (x < region.left || x > region.right || y < region.top || y > region.bottom) continue;
    const at = (row: number) =>
      row >= region.top && row <= region.bottom && weight[row * width + x] >= INK;
    const start = [y, y - 1, y + 1].find(at);
    if (start === undefined) continue;
    let first = start;
    let last = start;
    while (at(first - 1)) first--;
    while (at(last + 1)) last++;
    const prev = points[i - 1]?.py ?? py;
    const next = points[i + 1]?.py ?? py;
    const ends = [py, (py + prev) / 2, (py + next) / 2];
    runs.push({ top: first, bottom: last, low: Math.min(...ends), high: Math.max(...ends) });
  }
  if (runs.length === 0) return 0;
  const half =
    percentile(
      runs.map((run) => run.bottom - run.top + 1),
      THICKNESS,
    ) / 2;
  const beyond = runs.reduce(
    (sum, run) => sum + Math.max(0, run.low - half - run.top, run.bottom - (run.high + half)),
    0,
  );
  return beyond / runs.length;
}
