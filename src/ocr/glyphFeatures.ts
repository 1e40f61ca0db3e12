import { INK_ON, type InkImage, type LineGeometry, SOLID } from './inkImage.js';

/** Pieces wider than this many cap heights between cuts are cut at every column too. */
const WIDE_PIECE = 0.9;
/** Where the top or bottom of the ink jumps by this many cap heights, a glyph may end. */
const SHAPE_JUMP = 0.3;

/**
 * Column boundaries (0..width) where a glyph may end and the next begin: the edges of empty
 * stretches, both sides of every column where the ink thins (a local minimum of the column's
 * ink), where the ink's top or bottom jumps (a point or a comma beside a digit), and every
 * column of a piece too wide to be one glyph (glyphs that touch).
 */
export function cutCandidates(ink: InkImage, capHeight: number): number[] {
  const { width, height, data } = ink;
  const sums = new Float32Array(width);
  const on = new Uint8Array(width);
  const tops = new Int32Array(width).fill(-1);
  const bottoms = new Int32Array(width).fill(-1);
  for (let column = 0; column < width; column++) {
    let sum = 0;
    let max = 0;
    for (let row = 0; row < height; row++) {
      const v = data[row * width + column];
      sum += v;
      if (v > max) max = v;
      if (v >= INK_ON) {
        if (tops[column] < 0) tops[column] = row;
        bottoms[column] = row;
      }
    }
    sums[column] = sum;
    on[column] = max >= INK_ON ? 1 : 0;
  }
  const cuts = new Set<number>([0, width]);
  const jump = SHAPE_JUMP * capHeight;
  for (let column = 1; column < width; column++) {
    if (on[column] !== on[column - 1]) cuts.add(column);
    else if (
      on[column] &&
      (Math.abs(tops[column] - tops[column - 1]) >= jump ||
        Math.abs(bottoms[column] - bottoms[column - 1]) >= jump)
    ) {
      cuts.add(column);
    }
  }
  for (let column = 1; column < width - 1; column++) {
    if (!on[column]) continue;
    if (sums[column] <= sums[column - 1] && sums[column] <= sums[column + 1]) {
      cuts.add(column);
      cuts.add(column + 1);
    }
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const wide = Math.max(3, capHeight * WIDE_PIECE);
  for (let i = 1; i < sorted.length; i++) {
    const [from, to] = [sorted[i - 1], sorted[i]];
    if (to - from > wide && on[from]) {
      for (let column = from + 1; column < to; column++) cuts.add(column);
    }
  }
  return [...cuts].sort((a, b) => a - b);
}

/** Rows and columns of the grid a glyph is sampled on. */
export const GRID_ROWS = 20;
export const GRID_COLUMNS = 18;
/** A grid cell's side, as a share of the cap height. */
const CELL = 1 / 12.5;
/** The grid's top, in cap heights above the baseline (room for a raised `^` or a tall `%`). */
const GRID_TOP = 1.25;
/** Numbers describing a glyph's place and size besides its picture. */
export const EXTRA_FEATURES = 5;
export const FEATURES = GRID_ROWS * GRID_COLUMNS + EXTRA_FEATURES;

/** The columns `[from, to)` narrowed to those holding ink; null when none does. */
export function trimColumns(ink: InkImage, from: number, to: number): [number, number] | null {
  const holds = (column: number) => {
    for (let row = 0; row < ink.height; row++) {
      if (ink.data[row * ink.width + column] >= INK_ON) return true;
    }
    return false;
  };
  while (from < to && !holds(from)) from++;
  while (to > from && !holds(to - 1)) to--;
  return to > from ? [from, to] : null;
}

/**
 * A candidate glyph, the columns `[from, to)` of the line (already trimmed to ink), as the
 * network sees it: its ink averaged over a grid of cells a twelfth of the cap height wide,
 * centred on the glyph and standing on the baseline (ink of other columns left out), then
 * its width, the top and bottom of its solid ink and its centre of mass, in cap heights from
 * the baseline, and its ink per square cap height.
 */
export function glyphFeatures(
  ink: InkImage,
  { capHeight, baseline }: LineGeometry,
  from: number,
  to: number,
  out = new Float32Array(FEATURES),
): Float32Array {
  const cell = capHeight * CELL;
  const left = (from + to) / 2 - (GRID_COLUMNS / 2) * cell;
  const top = baseline - GRID_TOP * capHeight;
  const { data, width, height } = ink;
  for (let gridRow = 0; gridRow < GRID_ROWS; gridRow++) {
    const y0 = top + gridRow * cell;
    const y1 = y0 + cell;
    const r0 = Math.max(0, Math.floor(y0));
    const r1 = Math.min(height, Math.ceil(y1));
    for (let gridColumn = 0; gridColumn < GRID_COLUMNS; gridColumn++) {
      const x0 = left + gridColumn * cell;
      const x1 = x0 + cell;
      const c0 = Math.max(from, Math.floor(x0));
      const c1 = Math.min(to, Math.ceil(x1));
      let sum = 0;
      for (let row = r0; row < r1; row++) {
        const dy = Math.min(y1, row + 1) - Math.max(y0, row);
        if (dy <= 0) continue;
        const line = row * width;
        for (let column = c0; column < c1; column++) {
          const dx = Math.min(x1, column + 1) - Math.max(x0, column);
          if (dx > 0) sum += data[line + column] * dx * dy;
        }
      }
      out[gridRow * GRID_COLUMNS + gridColumn] = sum / (cell * cell);
    }
  }
  let mass = 0;
  let moment = 0;
  let solidTop = height;
  let solidBottom = -1;
  for (let row = 0; row < height; row++) {
    for (let column = from; column < to; column++) {
      const v = data[row * width + column];
      mass += v;
      moment += v * (row + 0.5);
      if (v >= SOLID) {
        solidTop = Math.min(solidTop, row);
        solidBottom = Math.max(solidBottom, row + 1);
      }
    }
  }
  if (solidBottom < 0) {
    solidTop = baseline;
    solidBottom = baseline;
  }
  const base = GRID_ROWS * GRID_COLUMNS;
  out[base] = (to - from) / capHeight;
  out[base + 1] = (baseline - solidTop) / capHeight;
  out[base + 2] = (baseline - solidBottom) / capHeight;
  out[base + 3] = mass > 0 ? (baseline - moment / mass) / capHeight : 0;
  out[base + 4] = mass / (capHeight * capHeight);
  return out;
}
