import { describe, expect, it } from 'vitest';
import { findPieces } from '../../src/trace/inkPieces.js';

describe('findPieces', () => {
  it('labels each pixel of a piece (8-neighbours) with its index, and every other pixel -1', () => {
    const width = 12;
    const height = 8;
    const weight = new Float32Array(width * height);
    const ink = (column: number, row: number, w = 1) => {
      weight[row * width + column] = w;
    };
    // A diagonal stroke (corners touch), a faint dot, and ink outside the region.
    for (let k = 0; k < 4; k++) ink(2 + k, 2 + k);
    ink(9, 2, 0.3);
    ink(0, 0);
    const { pieces, label } = findPieces({
      weight,
      width,
      height,
      region: { left: 1, top: 1, right: width - 1, bottom: height - 1 },
    });
    expect(pieces).toHaveLength(2);
    expect(pieces[0].ink).toBe(4);
    expect(pieces[1].ink).toBeCloseTo(0.3, 6);
    const expected = new Int32Array(width * height).fill(-1);
    for (let k = 0; k < 4; k++) expected[(2 + k) * width + 2 + k] = 0;
    expected[2 * width + 9] = 1;
    expect([...label]).toEqual([...expected]);
  });
});
