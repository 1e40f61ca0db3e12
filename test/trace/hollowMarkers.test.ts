import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transpose } from '../../src/math.js';
import { fillHollowMarkers } from '../../src/trace/hollowMarkers.js';
import type { Ink } from '../../src/trace/ink.js';

const WIDTH = 60;
const HEIGHT = 24;

/** Series ink from rows of text: '#' solid, '+' faint (not solid), anything else none. */
function inkOf(rows: string[]): Ink {
  const [width, height] = [rows[0].length, rows.length];
  const weight = new Float32Array(width * height);
  rows.forEach((line, row) => {
    for (let column = 0; column < width; column++) {
      const c = line[column];
      weight[row * width + column] = c === '#' ? 1 : c === '+' ? 0.3 : 0;
    }
  });
  return { weight, width, height, region: { left: 0, top: 0, right: width, bottom: height } };
}

/** A flat line along row 12 with a square ring `side` px wide (outline 1 px) at each column given. */
function ringsOnLine(columns: number[], side = 7): Ink {
  const rows = Array.from({ length: HEIGHT }, () => Array(WIDTH).fill('.'));
  for (let column = 1; column < WIDTH - 1; column++) rows[12][column] = '#';
  for (const left of columns) {
    const top = 12 - Math.floor(side / 2);
    for (let k = 0; k < side; k++) {
      rows[top][left + k] = '#';
      rows[top + side - 1][left + k] = '#';
      rows[top + k][left] = '#';
      rows[top + k][left + side - 1] = '#';
    }
    // The line runs on inside the ring: clear it so the hole is whole.
    for (let k = 1; k < side - 1; k++) rows[12][left + k] = '.';
  }
  return inkOf(rows.map((row) => row.join('')));
}

/**
 * The pockets as a flood fill from the box's edge finds them: the specification the run-based
 * search must match pixel for pixel.
 */
function referenceFill({ weight, width, region }: Ink): Float32Array | null {
  let [left, top, right, bottom] = [width, Number.POSITIVE_INFINITY, -1, -1];
  for (let row = region.top; row < region.bottom; row++) {
    for (let column = region.left; column < region.right; column++) {
      if (weight[row * width + column] < 0.5) continue;
      left = Math.min(left, column);
      right = Math.max(right, column);
      top = Math.min(top, row);
      bottom = row;
    }
  }
  if (right - left < 2 || bottom - top < 2) return null;
  const [w, h] = [right - left + 1, bottom - top + 1];
  const label = new Int32Array(w * h).fill(-1);
  const solid = (x: number, y: number) => weight[(top + y) * width + left + x] >= 0.5;
  const holes: number[][] = [];
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== -1 || solid(start % w, Math.floor(start / w))) continue;
    const pixels: number[] = [];
    let open = false;
    let [x0, y0, x1, y1] = [w, h, -1, -1];
    const stack = [start];
    label[start] = start;
    while (stack.length > 0) {
      const k = stack.pop() as number;
      const [x, y] = [k % w, Math.floor(k / w)];
      pixels.push((top + y) * width + left + x);
      open ||= x === 0 || y === 0 || x === w - 1 || y === h - 1;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      for (const [dx, dy] of [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ]) {
        const [nx, ny] = [x + dx, y + dy];
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const n = ny * w + nx;
        if (label[n] === -1 && !solid(nx, ny)) {
          label[n] = start;
          stack.push(n);
        }
      }
    }
    const [pw, ph] = [x1 - x0 + 1, y1 - y0 + 1];
    const maxSide = Math.max(16, 0.03 * width);
    if (
      !open &&
      Math.min(pw, ph) >= 3 &&
      Math.max(pw, ph) <= maxSide &&
      Math.abs(pw - ph) <= 0.35 * Math.max(pw, ph) &&
      pixels.length >= 0.45 * pw * ph
    ) {
      holes.push(pixels);
    }
  }
  if (holes.length < 4) return null;
  const filled = weight.slice();
  for (const pixels of holes) for (const i of pixels) filled[i] = 1;
  return filled;
}

describe('fillHollowMarkers', () => {
  it('fills the holes of four rings on a line and nothing else', () => {
    const ink = ringsOnLine([5, 18, 31, 44]);
    const filled = fillHollowMarkers(ink);
    expect(filled).not.toBeNull();
    const at = (column: number, row: number) => filled?.[row * WIDTH + column];
    // the rings' holes (5 x 5 inside each 7 x 7 outline)
    for (const left of [5, 18, 31, 44]) expect(at(left + 3, 12)).toBe(1);
    expect(at(5 + 1, 10)).toBe(1);
    // the background above and below the line stays open
    expect(at(2, 3)).toBe(0);
    expect(at(25, 20)).toBe(0);
    expect(filled).toEqual(referenceFill(ink));
  });

  it('returns null for fewer than four holes, and for a line alone', () => {
    expect(fillHollowMarkers(ringsOnLine([5, 18, 31]))).toBeNull();
    expect(fillHollowMarkers(ringsOnLine([]))).toBeNull();
  });

  it('takes a pocket joined from both arms of a U as one hole', () => {
    // Each ring has a stroke hanging into its hole from the top: the hole is one U-shaped pocket.
    const ink = ringsOnLine([5, 18, 31, 44], 9);
    for (const left of [5, 18, 31, 44]) {
      for (let row = 9; row <= 12; row++) ink.weight[row * WIDTH + left + 4] = 1;
    }
    const filled = fillHollowMarkers(ink);
    expect(filled?.[10 * WIDTH + 5 + 2]).toBe(1);
    expect(filled?.[10 * WIDTH + 5 + 6]).toBe(1);
    expect(filled).toEqual(referenceFill(ink));
  });

  it('finds exactly the pockets a flood fill from the edges finds, on any ink', () => {
    const noise = fc.array(fc.constantFrom('#', '#', '.', '+'), { minLength: 24, maxLength: 24 });
    fc.assert(
      fc.property(fc.array(noise, { minLength: 20, maxLength: 20 }), (cells) => {
        const ink = inkOf(cells.map((row) => row.join('')));
        expect(fillHollowMarkers(ink)).toEqual(referenceFill(ink));
      }),
      { numRuns: 60 },
    );
    // rings of several sizes on a line, with pixels flipped: holes broken, joined, split
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: WIDTH - 12 }), { minLength: 3, maxLength: 6 }),
        fc.integer({ min: 5, max: 11 }),
        fc.array(fc.integer({ min: 0, max: WIDTH * HEIGHT - 1 }), { maxLength: 40 }),
        (lefts, side, flips) => {
          const ink = ringsOnLine(lefts, side);
          for (const i of flips) ink.weight[i] = ink.weight[i] >= 0.5 ? 0 : 1;
          expect(fillHollowMarkers(ink)).toEqual(referenceFill(ink));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('transpose', () => {
  it('gives each column as a row', () => {
    const mask = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    expect([...transpose(mask, 3, 2)]).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
