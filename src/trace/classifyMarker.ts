import { percentile } from '../math.js';
import type { Box, MarkerShape } from '../types.js';
import type { Core } from './distanceMap.js';

const DEFAULTS = {
  /** A marker body filling more of its box than this is a square (a circle fills 0.79). */
  squareFill: 0.9,
  /** A core filling less of its box than this is a diamond's (a triangle's too, but its mass sits low or high). */
  diamondFill: 0.62,
  /** Marker runs are followed at most this far (px). */
  maxMarkerRun: 40,
  /** A core whose centre of mass is this share of its height off its box centre is a triangle's. */
  triangleShift: 0.06,
} as const;

/**
 * The marker shape, from the markers' cores (their bodies shrunk by the line's half width,
 * which keeps the shape) and bodies: whether a core's mass sits low (a triangle pointing up)
 * or high (pointing down), how much of its box it fills (diamonds little), and how much of
 * its box the whole body fills (squares all of it). Medians over all markers.
 */
export function classifyMarker(
  cores: Core[],
  solid: (column: number, row: number) => boolean,
): MarkerShape {
  const median = (value: (core: Core) => number) => percentile(cores.map(value), 0.5);
  const height = (b: Box) => b.bottom - b.top;
  const fill = (b: Box, count: number) => count / ((b.right - b.left) * height(b));
  const shift = median((c) => (c.py - (c.box.top + c.box.bottom) / 2) / height(c.box));
  if (shift > DEFAULTS.triangleShift) return 'triangle-up';
  if (shift < -DEFAULTS.triangleShift) return 'triangle-down';
  if (median((c) => fill(c.box, c.size)) < DEFAULTS.diamondFill) return 'diamond';
  // The body's size: the shorter of its runs through the centre (a line through it only
  // lengthens one of them). Its square box is filled by a square, 79% by a circle.
  const bodyFill = median((c) => {
    const cx = Math.floor(c.px);
    const cy = Math.floor(c.py);
    const run = (dx: number, dy: number) => {
      let n = 0;
      while (solid(cx + dx * (n + 1), cy + dy * (n + 1)) && n < DEFAULTS.maxMarkerRun) n++;
      return n;
    };
    const side = Math.min(run(1, 0) + run(-1, 0), run(0, 1) + run(0, -1)) + 1;
    const half = Math.floor(side / 2);
    let count = 0;
    for (let row = cy - half; row < cy - half + side; row++) {
      for (let column = cx - half; column < cx - half + side; column++) {
        if (solid(column, row)) count++;
      }
    }
    return count / (side * side);
  });
  return bodyFill > DEFAULTS.squareFill ? 'square' : 'circle';
}
