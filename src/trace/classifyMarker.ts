import { percentile } from '../math.js';
import type { MarkerShape } from '../types.js';
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

/** What tells one marker shape from another, measured on one marker's core and body. */
export interface MarkerFeatures {
  /** How far the core's centre of mass sits below its box's centre, in box heights (up triangles low). */
  shift: number;
  /** How much of its box the core fills (diamonds little). */
  fill: number;
  /** How much of the square through its centre the whole body fills (squares all of it). */
  bodyFill: number;
}

/**
 * The features of one marker, from its core (its body shrunk by the line's half width,
 * which keeps the shape) and its body (`solid` pixels).
 */
export function markerFeatures(
  core: Core,
  solid: (column: number, row: number) => boolean,
): MarkerFeatures {
  const height = core.box.bottom - core.box.top;
  const cx = Math.floor(core.px);
  const cy = Math.floor(core.py);
  const run = (dx: number, dy: number) => {
    let n = 0;
    while (solid(cx + dx * (n + 1), cy + dy * (n + 1)) && n < DEFAULTS.maxMarkerRun) n++;
    return n;
  };
  // The body's size: the shorter of its runs through the centre (a line through it only
  // lengthens one of them). Its square box is filled by a square, 79% by a circle.
  const side = Math.min(run(1, 0) + run(-1, 0), run(0, 1) + run(0, -1)) + 1;
  const half = Math.floor(side / 2);
  let count = 0;
  for (let row = cy - half; row < cy - half + side; row++) {
    for (let column = cx - half; column < cx - half + side; column++) {
      if (solid(column, row)) count++;
    }
  }
  return {
    shift: (core.py - (core.box.top + core.box.bottom) / 2) / height,
    fill: core.size / ((core.box.right - core.box.left) * height),
    bodyFill: count / (side * side),
  };
}

/**
 * The marker shape, from the markers' features (markerFeatures), medians over all markers:
 * whether a core's mass sits low (a triangle pointing up) or high (pointing down), how much
 * of its box it fills (diamonds little), and how much of its box the whole body fills
 * (squares all of it).
 */
export function classifyMarker(
  cores: Core[],
  solid: (column: number, row: number) => boolean,
): MarkerShape {
  const features = cores.map((core) => markerFeatures(core, solid));
  const median = (value: (f: MarkerFeatures) => number) => percentile(features.map(value), 0.5);
  const shift = median((f) => f.shift);
  if (shift > DEFAULTS.triangleShift) return 'triangle-up';
  if (shift < -DEFAULTS.triangleShift) return 'triangle-down';
  if (median((f) => f.fill) < DEFAULTS.diamondFill) return 'diamond';
  return median((f) => f.bodyFill) > DEFAULTS.squareFill ? 'square' : 'circle';
}
