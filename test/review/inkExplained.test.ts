import { describe, expect, it } from 'vitest';
import { inkExplained } from '../../src/review/inkExplained.js';
import type { Box, PixelPoint } from '../../src/types.js';

const width = 200;
const height = 100;
const region: Box = { left: 0.5, top: 0.5, right: 199.5, bottom: 99.5 };

/** A mask with a 2 px thick horizontal stroke at each of `rows`, over the columns given. */
function strokes(rows: number[], from = 10, to = 190): Float32Array {
  const weight = new Float32Array(width * height);
  for (const row of rows) {
    for (let x = from; x < to; x++) {
      weight[row * width + x] = 1;
      weight[(row + 1) * width + x] = 1;
    }
  }
  return weight;
}

const flat = (row: number, from = 10, to = 189): PixelPoint[] => [
  { px: from, py: row + 0.5 },
  { px: to, py: row + 0.5 },
];

describe('inkExplained', () => {
  it('accounts for all the ink of a line traced along it', () => {
    expect(inkExplained(strokes([40]), width, region, flat(40))).toBe(1);
  });

  it('leaves out a second curve of the same colour', () => {
    // Two strokes 30 px apart, one traced: half the ink is off the line.
    expect(inkExplained(strokes([40, 70]), width, region, flat(40))).toBeCloseTo(0.5, 2);
  });

  it('leaves out ink where the trace stops short', () => {
    // The line is drawn from 10 to 190 but traced from 100 on: about half is unaccounted.
    const share = inkExplained(strokes([40]), width, region, flat(40, 100));
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
  });

  it("counts a marker's ink around a point within its reach", () => {
    const weight = strokes([40]);
    // A 9 x 9 marker centred on (100, 41).
    for (let y = 37; y <= 45; y++) for (let x = 96; x <= 104; x++) weight[y * width + x] = 1;
    const points = [flat(40)[0], { px: 100, py: 41 }, flat(40)[1]];
    expect(inkExplained(weight, width, region, points)).toBeLessThan(1);
    expect(inkExplained(weight, width, region, points, 5.5)).toBe(1);
  });

  it("judges nearness by the thickness of most of the ink's column runs, wherever they lie", () => {
    // A 2 px stroke traced along row 40, and runs 17 px tall below it in a quarter of the
    // columns: the runs' lower quarter is still the stroke's 2 px, so only ink within 4 px of
    // the line counts; with tall runs in every column the line counts as thick and ink within
    // 10.5 px does.
    const weight = strokes([40]);
    const tall = (every: number) => {
      const w = weight.slice();
      for (let x = 10; x < 190; x += every) for (let y = 41; y <= 56; y++) w[y * width + x] = 1;
      return w;
    };
    const sparse = inkExplained(tall(4), width, region, flat(40));
    expect(sparse).toBeCloseTo(22 / 46, 5);
    expect(inkExplained(tall(1), width, region, flat(40))).toBeCloseTo(12 / 17, 5);
  });
});
