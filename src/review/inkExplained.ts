import { percentile } from '../math.js';
import type { Box, PixelPoint } from '../types.js';

/** Ink this close (px, up or down) to the traced line is the line's... */
const NEAR = 4;
/** ...or within half the line's thickness and a pixel or two: this share of the ink's column runs are at most as tall as the line is thick. */
const THICKNESS = 0.25;
const SLACK = 2;
/** Ink with at least this weight counts. */
const INK = 0.5;

/**
 * Share of a series' ink inside `region` that its traced line accounts for: ink in the same
 * pixel column as the line and within NEAR px of it (half the line's thickness and SLACK
 * where that is more), or within `reach` of a point (its marker). A line traced right leaves
 * almost none out; a second curve of the same colour, a band or error bars taken in, or a
 * noisy curve traced through its middle leave much. The distance is up or down only, as a
 * value's error is: a steep thick line's tall column runs count against it, and rightly, for
 * its value at a given x is that unsure.
 */
export function inkExplained(
  weight: Float32Array,
  width: number,
  region: Box,
  points: PixelPoint[],
  reach = 0,
): number {
  const left = Math.ceil(region.left);
  const top = Math.ceil(region.top);
  const columns = Math.floor(region.right) - left + 1;
  if (columns <= 0) return 1;
  const [low, high] = lineSpan(points, left, columns, reach);
  const runs: number[] = [];
  const offsets: number[] = [];
  // Row by row, each column's run kept apart (down each column in turn read every pixel from
  // a different cache line): the same runs and offsets, in another order, which neither the
  // percentile nor the share depends on.
  const run = new Int32Array(columns);
  for (let y = top; y <= region.bottom + 1; y++) {
    const inside = y <= region.bottom;
    const start = y * width + left;
    for (let c = 0; c < columns; c++) {
      if (inside && weight[start + c] >= INK) {
        run[c]++;
        offsets.push(
          low[c] > high[c] ? Number.POSITIVE_INFINITY : Math.max(0, y - high[c], low[c] - y),
        );
      } else if (run[c] > 0) {
        runs.push(run[c]);
        run[c] = 0;
      }
    }
  }
  if (offsets.length === 0) return 1;
  const near = Math.max(NEAR, percentile(runs, THICKNESS) / 2 + SLACK);
  return offsets.filter((offset) => offset <= near).length / offsets.length;
}

/**
 * The rows a polyline, with a box `reach` px around each point, covers in each pixel column
 * from `left` (low > high where none).
 */
function lineSpan(points: PixelPoint[], left: number, columns: number, reach: number) {
  const low = new Float64Array(columns).fill(Number.POSITIVE_INFINITY);
  const high = new Float64Array(columns).fill(Number.NEGATIVE_INFINITY);
  // Pixel x spans px from x to x + 1 (its centre is at x + 0.5).
  const cover = (px: number, py: number) => {
    const c = Math.floor(px) - left;
    if (c < 0 || c >= columns) return;
    low[c] = Math.min(low[c], py);
    high[c] = Math.max(high[c], py);
  };
  points.forEach((point, i) => {
    for (let dx = -Math.floor(reach); dx <= reach; dx++) {
      cover(point.px + dx, point.py - reach);
      cover(point.px + dx, point.py + reach);
    }
    cover(point.px, point.py);
    const next = points[i + 1];
    if (!next) return;
    // Half-pixel steps reach every column the segment crosses.
    const steps = Math.ceil(Math.abs(next.px - point.px) * 2);
    for (let s = 1; s < steps; s++) {
      const t = s / steps;
      cover(point.px + (next.px - point.px) * t, point.py + (next.py - point.py) * t);
    }
  });
  return [low, high];
}
