import { describe, expect, it } from 'vitest';
import { type Rgb, rgbToLab } from '../../src/color.js';
import { jpegFringes } from '../../src/separate/jpegFringes.js';

const WIDTH = 100;
const WHITE = rgbToLab([255, 255, 255]);

/** A flat line along rows 10-13: colour 0 in rows 11-12, colour 1 in rows 10 and 13. */
function line(core: Rgb, edge: Rgb) {
  const pixels: number[] = [];
  const assignment: { series: number }[] = [];
  for (let column = 0; column < WIDTH; column++) {
    for (const [row, series] of [
      [10, 1],
      [11, 0],
      [12, 0],
      [13, 1],
    ]) {
      pixels.push(row * WIDTH + column);
      assignment.push({ series });
    }
  }
  return jpegFringes(WIDTH, pixels, assignment, [rgbToLab(core), rgbToLab(edge)], WHITE);
}

describe('jpegFringes', () => {
  it("joins a JPEG'd line's greyer fringe to its core", () => {
    expect([...line([0x20, 0x78, 0xb8], [0x38, 0x6d, 0x8f])]).toEqual([[1, 0]]);
  });

  it('keeps a lighter grey apart from a darker one it lies along (a tint: a series of its own)', () => {
    expect(line([0x73, 0x73, 0x73], [0xa4, 0xa4, 0xa4]).size).toBe(0);
  });
});
