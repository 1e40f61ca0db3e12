import { describe, expect, it } from 'vitest';
import { type Rgb, rgbToLab } from '../../src/color.js';
import { washedOut } from '../../src/separate/washedOut.js';

const WIDTH = 40;
const WHITE = rgbToLab([255, 255, 255]);
/** The red line of z01134 (a chart drawn at 0.73 of its size): its core... */
const RED: Rgb = [0xe1, 0x05, 0x07];
/** ...and its legend sample, thinner: that red two thirds strong on white. */
const SAMPLE: Rgb = [0xeb, 0x54, 0x56];

/** `color` mixed with white in RGB, `alpha` of it: a line drawn thin, or rescaled down. */
function paled(color: Rgb, alpha: number): Rgb {
  return color.map((c) => Math.round(255 + alpha * (c - 255))) as Rgb;
}

/**
 * A line's core in row 10 (the colour found beyond the legend's, series 1) and its edges in
 * rows 9 and 11 (the legend's colour, series 0): which entries are its paled colour.
 */
function paledEntries(entry: Rgb): Map<number, number> {
  const pixels: number[] = [];
  const assignment: { series: number; alpha: number }[] = [];
  for (const [row, series] of [
    [9, 0],
    [10, 1],
    [11, 0],
  ]) {
    for (let column = 0; column < WIDTH; column++) {
      pixels.push(row * WIDTH + column);
      assignment.push({ series, alpha: 1 });
    }
  }
  return washedOut(WIDTH, pixels, assignment, [rgbToLab(entry), rgbToLab(RED)], 1, WHITE);
}

describe('washedOut', () => {
  it("takes a legend sample red paled toward white in RGB (a thin or rescaled sample) for its line's red", () => {
    for (const [k, c] of paled(RED, 0.68).entries()) {
      expect(Math.abs(c - SAMPLE[k])).toBeLessThanOrEqual(1);
    }
    expect(paledEntries(SAMPLE)).toEqual(new Map([[0, 1]]));
    expect(paledEntries(paled(RED, 0.5))).toEqual(new Map([[0, 1]]));
  });

  it('takes no other hue, nor a sample as strong as the line, for it', () => {
    expect(paledEntries([0x37, 0x7e, 0xb8])).toEqual(new Map());
    expect(paledEntries(RED)).toEqual(new Map());
  });
});
