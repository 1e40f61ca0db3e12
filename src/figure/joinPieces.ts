import type { Box } from '../types.js';
import { intersection } from './keepPlots.js';
import { DEFAULTS } from './panelDefaults.js';
import { isThin, type Stroke } from './strokes.js';

/** The ink of an image: faint (any ink) and strong (darker than JPEG's speckles). */
export interface InkMasks {
  ink: Uint8Array;
  strong: Uint8Array;
  width: number;
}

/**
 * The plots found, with those that are pieces of one chart joined into their union. Panels of
 * a figure side by side (one above the other) are parted by a gutter of the page's colour: at
 * least one column (row) between them holds no ink over the height (width) of both, and no long
 * line of a frame or grid lies between them. Cells of one chart between its grid lines are not:
 * its curves and bands run through the white grid line that parts two cells of a filled panel,
 * its light grid lines run on across the plot between two cells, and a legend's frame drawn
 * against the plot's side leaves no gutter. `rows` and `columns` are the figure's long lines.
 */
export function joinPieces(
  plots: Box[],
  masks: InkMasks,
  rows: Stroke[],
  columns: Stroke[],
  tol: number,
): Box[] {
  const result = [...plots];
  for (let joined = true; joined; ) {
    joined = false;
    for (let i = 0; i < result.length && !joined; i++) {
      for (let j = 0; j < result.length && !joined; j++) {
        if (i === j) continue;
        const others = result.filter((_, k) => k !== i && k !== j);
        if (!onePlot(result[i], result[j], others, masks, rows, columns, tol)) continue;
        const union = unionOf(result[i], result[j]);
        result.splice(Math.max(i, j), 1);
        result.splice(Math.min(i, j), 1, union);
        joined = true;
      }
    }
  }
  return result;
}

/**
 * Whether `a`, left of `b` (or above it) with their rows (columns) overlapping and none of
 * `others` between them, is a piece of one chart with it: no empty column (row) parts them, or
 * a long line lies between them.
 */
function onePlot(
  a: Box,
  b: Box,
  others: Box[],
  masks: InkMasks,
  rows: Stroke[],
  columns: Stroke[],
  tol: number,
): boolean {
  for (const along of ['row', 'column'] as const) {
    // `along` 'row': a beside b, the gutter a band of columns; 'column': a above b
    const [near, far, lo, hi] =
      along === 'row'
        ? (['right', 'left', 'top', 'bottom'] as const)
        : (['bottom', 'top', 'left', 'right'] as const);
    if (a[near] > b[far] + tol) continue;
    const from = Math.max(a[lo], b[lo]);
    const to = Math.min(a[hi], b[hi]);
    if (to <= from) continue;
    // neighbours only: a plot between them has its gutters
    const between =
      along === 'row'
        ? { left: a.right, top: from, right: b.left, bottom: to }
        : { left: from, top: a.bottom, right: to, bottom: b.top };
    if (others.some((c) => intersection(c, between) > 0)) continue;
    if (!hasCut(masks, along, a[near], b[far], Math.min(a[lo], b[lo]), Math.max(a[hi], b[hi]))) {
      return true;
    }
    // a line across the gutter runs along it (`along`); one down it lies across the other way
    // (thin: a run of text in a gutter, tick labels, is a band)
    const [across, down] = (along === 'row' ? [rows, columns] : [columns, rows]).map((lines) =>
      lines.filter(isThin),
    );
    const inGutter = (p: number) => p > a[near] + tol && p < b[far] - tol;
    const overlap = (start: number, end: number, lower: number, upper: number) =>
      Math.min(end + 1, upper) - Math.max(start, lower);
    const gutter = b[far] - a[near] - 2 * tol;
    if (
      down.some(
        (s) =>
          inGutter(s.first) &&
          inGutter(s.last) &&
          overlap(s.start, s.end, from, to) >= (to - from) * DEFAULTS.gutterLine,
      ) ||
      across.some(
        (s) =>
          s.first >= from &&
          s.last < to &&
          gutter > 0 &&
          overlap(s.start, s.end, a[near] + tol, b[far] - tol) >= gutter * DEFAULTS.gutterLine,
      )
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Whether some column (`along` 'row'; a row for 'column') from `start` to `end` is empty of
 * ink from `lower` to `upper`: no strong ink, and at most `cutSpeckles` px of faint ink (a
 * JPEG's speckles; a light grid line across, a curve through, is more).
 */
function hasCut(
  { ink, strong, width }: InkMasks,
  along: 'row' | 'column',
  start: number,
  end: number,
  lower: number,
  upper: number,
): boolean {
  const at = (p: number, q: number) => (along === 'row' ? q * width + p : p * width + q);
  for (let p = Math.floor(start); p < Math.ceil(end); p++) {
    let faint = 0;
    let dark = false;
    for (let q = Math.round(lower); q < Math.round(upper) && !dark; q++) {
      const i = at(p, q);
      faint += ink[i];
      dark = strong[i] === 1;
    }
    if (!dark && faint <= DEFAULTS.cutSpeckles) return true;
  }
  return false;
}

function unionOf(a: Box, b: Box): Box {
  return {
    left: Math.min(a.left, b.left),
    top: Math.min(a.top, b.top),
    right: Math.max(a.right, b.right),
    bottom: Math.max(a.bottom, b.bottom),
  };
}
