import type { Rgb } from '../color.js';
import type { Box, PlotArea, Raster } from '../types.js';

const DEFAULTS = {
  /**
   * A pixel this close (0..255, in every channel) to the frame's colour is its ink: a tick mark
   * is drawn as the frame is, where a grid line going on from it is paler (JPEG blurs a mark's
   * end by about this much).
   */
  frameInk: 60,
  /**
   * Tick marks drawn inside are a few px long (matplotlib's 3.5 pt, gnuplot's ticscale 1): a
   * longer run of ink from the frame at a tick is a grid line or a curve.
   */
  maxLength: 20,
  /** A run at least this long (px) past the frame's own width is a tick mark drawn inside. */
  minLength: 2,
  /** A side has its tick marks drawn inside when this share of its ticks show one. */
  minShare: 0.5,
  /** The columns (rows) either side of a tick's position its mark may cover (anti-aliased). */
  halfWidth: 1,
} as const;

type Side = 'top' | 'bottom' | 'left' | 'right';

/**
 * The tick marks drawn inside the plot (gnuplot's default, mirrored on all four sides;
 * matplotlib's `direction='in'`): short runs of ink from the frame inward at the tick positions,
 * as boxes. Where greys are series, these are ink of the plot's grey or black no colour sets
 * aside, and a row of them along a side passes for a series of dashes. A side's marks are taken
 * where half its ticks or more show one, each as long as it is drawn.
 */
export function insideTickMarks(image: Raster, plot: PlotArea, background: Rgb): Box[] {
  const boxes: Box[] = [];
  const sides: [Side, number[]][] = [
    ['top', plot.ticksX],
    ['bottom', plot.ticksX],
    ['left', plot.ticksY],
    ['right', plot.ticksY],
  ];
  for (const [side, ticks] of sides) {
    const inside = ticks.filter((t) => t > edgeStart(plot, side) && t < edgeEnd(plot, side));
    if (inside.length < 2) continue;
    const marks: Box[] = [];
    for (let k = 0; k < inside.length; k++) {
      const at = Math.round(inside[k]);
      // The frame's own width, measured between this tick and the next (or the previous).
      const other = inside[k + 1] ?? inside[k - 1];
      const between = Math.round((inside[k] + other) / 2);
      const run = runFrom(image, plot, side, at, background);
      const length = run - runFrom(image, plot, side, between, background);
      if (length >= DEFAULTS.minLength && length <= DEFAULTS.maxLength) {
        marks.push(markBox(plot, side, at, run));
      }
    }
    if (marks.length >= inside.length * DEFAULTS.minShare) boxes.push(...marks);
  }
  return boxes;
}

/** The first and last positions along a side (its ends, inside the frame). */
function edgeStart(plot: Box, side: Side): number {
  return side === 'top' || side === 'bottom' ? plot.left + 1 : plot.top + 1;
}

function edgeEnd(plot: Box, side: Side): number {
  return side === 'top' || side === 'bottom' ? plot.right - 1 : plot.bottom - 1;
}

/**
 * How many pixels of the frame's colour run inward from the frame's line on `side` at column
 * (row) `at`, counted from the frame (up to DEFAULTS.maxLength and a few more); 0 where no
 * frame is drawn there.
 */
function runFrom(image: Raster, plot: Box, side: Side, at: number, background: Rgb): number {
  const { data, width, height } = image;
  const start =
    side === 'top'
      ? Math.floor(plot.top)
      : side === 'bottom'
        ? Math.floor(plot.bottom)
        : side === 'left'
          ? Math.floor(plot.left)
          : Math.floor(plot.right);
  const step = side === 'top' || side === 'left' ? 1 : -1;
  const limit = DEFAULTS.maxLength + 5;
  const offset = (pos: number) => {
    const [x, y] = side === 'top' || side === 'bottom' ? [at, pos] : [pos, at];
    return x < 0 || y < 0 || x >= width || y >= height ? -1 : (y * width + x) * 3;
  };
  // The frame's colour, where it is drawn: ink far from the background.
  const o0 = offset(start);
  if (o0 < 0) return 0;
  const frame = [data[o0], data[o0 + 1], data[o0 + 2]];
  if (frame.every((c, k) => Math.abs(c - background[k]) <= DEFAULTS.frameInk)) return 0;
  let run = 0;
  for (; run < limit; run++) {
    const o = offset(start + step * run);
    if (o < 0) break;
    if (frame.some((c, k) => Math.abs(data[o + k] - c) > DEFAULTS.frameInk)) break;
  }
  return run;
}

/** The box of a mark `run` px long from the frame on `side` at column (row) `at`. */
function markBox(plot: Box, side: Side, at: number, run: number): Box {
  const across = { from: at - DEFAULTS.halfWidth, to: at + DEFAULTS.halfWidth + 1 };
  switch (side) {
    case 'top':
      return {
        left: across.from,
        right: across.to,
        top: Math.floor(plot.top),
        bottom: Math.floor(plot.top) + run + 1,
      };
    case 'bottom':
      return {
        left: across.from,
        right: across.to,
        top: Math.floor(plot.bottom) - run,
        bottom: Math.floor(plot.bottom) + 1,
      };
    case 'left':
      return {
        left: Math.floor(plot.left),
        right: Math.floor(plot.left) + run + 1,
        top: across.from,
        bottom: across.to,
      };
    default:
      return {
        left: Math.floor(plot.right) - run,
        right: Math.floor(plot.right) + 1,
        top: across.from,
        bottom: across.to,
      };
  }
}
