import type { Box } from '../types.js';

/** A frame side is inked along at least this share of its length. */
const OUTLINE_SIDE = 0.8;

export interface StrayInkOptions {
  /** A piece of text (a glyph, or a line sample) is at most this many px high... */
  maxHeight: number;
  /** ...and at most this many px wide. */
  maxWidth: number;
}

/**
 * The pixels of `region` that `inked` flags but that belong to no text and no legend sample:
 * 8-connected pieces of ink taller or wider than text and samples are (a curve drawn in black,
 * a dark grid line) or that outline a rectangle, on three sides at least (a legend frame
 * outside the plot). Returns one flag per pixel of the region, row by row.
 */
export function strayInk(
  region: Box,
  inked: (row: number, column: number) => boolean,
  { maxHeight, maxWidth }: StrayInkOptions,
): Uint8Array {
  const width = region.right - region.left;
  const height = region.bottom - region.top;
  const ink = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      ink[row * width + column] = inked(row + region.top, column + region.left) ? 1 : 0;
    }
  }
  const stray = new Uint8Array(width * height);
  // 0 unvisited; 1 visited. Pixels of the piece being followed, reused.
  const seen = new Uint8Array(width * height);
  const piece: number[] = [];
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || seen[start]) continue;
    piece.length = 0;
    piece.push(start);
    seen[start] = 1;
    let left = width;
    let right = -1;
    let top = height;
    let bottom = -1;
    for (let k = 0; k < piece.length; k++) {
      const p = piece[k];
      const row = Math.floor(p / width);
      const column = p - row * width;
      left = Math.min(left, column);
      right = Math.max(right, column);
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      for (let dr = -1; dr <= 1; dr++) {
        const r = row + dr;
        if (r < 0 || r >= height) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const c = column + dc;
          if (c < 0 || c >= width) continue;
          const q = r * width + c;
          if (ink[q] && !seen[q]) {
            seen[q] = 1;
            piece.push(q);
          }
        }
      }
    }
    const box = { left, right: right + 1, top, bottom: bottom + 1 };
    if (
      box.bottom - box.top > maxHeight ||
      box.right - box.left > maxWidth ||
      outlines(ink, width, box)
    ) {
      for (const p of piece) stray[p] = 1;
    }
  }
  return stray;
}

/**
 * Whether ink runs along the sides of `box`, a frame around text: wider than twice its height
 * (a hollow square marker is not), hollow (glyphs such as 'O' are rounded), and inked along
 * three sides at least (a side drawn between two rows of pixels is paler, and may be no ink).
 */
function outlines(ink: Uint8Array, width: number, box: Box): boolean {
  const w = box.right - box.left;
  const h = box.bottom - box.top;
  if (h < 4 || w < 2 * h) return false;
  const along = (from: number, step: number, count: number) => {
    let inked = 0;
    for (let k = 0; k < count; k++) inked += ink[from + k * step];
    return inked >= count * OUTLINE_SIDE;
  };
  const middle = Math.floor((box.top + box.bottom) / 2) * width + box.left + 2;
  if (along(middle, 1, w - 4)) return false;
  const sides = [
    along(box.top * width + box.left, 1, w),
    along((box.bottom - 1) * width + box.left, 1, w),
    along(box.top * width + box.left, width, h),
    along(box.top * width + box.right - 1, width, h),
  ];
  return sides.filter(Boolean).length >= 3;
}

/**
 * Tick marks drawn inside the plot (gnuplot's, a journal's on four sides), flagged per pixel of
 * `region`: the dark runs that go in from its sides at the ticks' positions (`ticks`, px along
 * x and y). They would join a legend's last line of text when it sits low.
 */
export function tickMarks(
  region: Box,
  ticks: { x: number[]; y: number[] },
  dark: (row: number, column: number) => boolean,
): Uint8Array {
  const width = region.right - region.left;
  const flags = new Uint8Array(width * (region.bottom - region.top));
  const follow = (row: number, column: number, dr: number, dc: number) => {
    while (
      row >= region.top &&
      row < region.bottom &&
      column >= region.left &&
      column < region.right &&
      dark(row, column)
    ) {
      flags[(row - region.top) * width + column - region.left] = 1;
      row += dr;
      column += dc;
    }
  };
  for (const at of ticks.x) {
    for (let column = Math.floor(at) - 1; column <= Math.floor(at) + 1; column++) {
      follow(region.bottom - 1, column, -1, 0);
      follow(region.top, column, 1, 0);
    }
  }
  for (const at of ticks.y) {
    for (let row = Math.floor(at) - 1; row <= Math.floor(at) + 1; row++) {
      follow(row, region.left, 0, 1);
      follow(row, region.right - 1, 0, -1);
    }
  }
  return flags;
}
