import { describe, expect, it } from 'vitest';
import { type Rgb, rgbToLab } from '../../src/color.js';
import { jpegFringes } from '../../src/separate/jpegFringes.js';
import { isFaded } from '../../src/separate/unlistedColors.js';

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

/**
 * A thick flat line along rows 11-14 in colour 0, with colour 1 beside it (rows 10 and 15) in
 * its first `fringed` columns only: JPEG fades a line's edges in places.
 */
function partlyFringed(core: Rgb, edge: Rgb, fringed: number) {
  const pixels: number[] = [];
  const assignment: { series: number }[] = [];
  for (let row = 10; row <= 15; row++) {
    for (let column = 0; column < WIDTH; column++) {
      const series = row > 10 && row < 15 ? 0 : column < fringed ? 1 : -1;
      if (series < 0) continue;
      pixels.push(row * WIDTH + column);
      assignment.push({ series });
    }
  }
  return jpegFringes(WIDTH, pixels, assignment, [rgbToLab(core), rgbToLab(edge)], WHITE);
}

describe('jpegFringes', () => {
  it("joins a faded fringe lying along only part of a thick line's core (under 40% of the core touching it)", () => {
    const core: Rgb = [0x20, 0x78, 0xb8];
    // Half the colour, the rest a grey of its lightness: its hue with less chroma.
    const faded: Rgb = [72, 116, 148];
    expect(isFaded(rgbToLab(faded), rgbToLab(core))).toBe(true);
    // The core's rows 11 and 14 touch it in 61 of 100 columns: 30% of the core's pixels.
    expect([...partlyFringed(core, faded, 60)]).toEqual([[1, 0]]);
  });

  it('keeps a colour of another hue apart, however much of it lies along the line', () => {
    expect(partlyFringed([0x20, 0x78, 0xb8], [0xe6, 0x8c, 0x3c], 60).size).toBe(0);
  });

  it('keeps a faded colour apart where it lies along too little of the line (a line crossing it)', () => {
    expect(partlyFringed([0x20, 0x78, 0xb8], [72, 116, 148], 15).size).toBe(0);
  });

  it("joins a JPEG'd line's greyer fringe to its core", () => {
    expect([...line([0x20, 0x78, 0xb8], [0x38, 0x6d, 0x8f])]).toEqual([[1, 0]]);
  });

  it('keeps a lighter grey apart from a darker one it lies along (a tint: a series of its own)', () => {
    expect(line([0x73, 0x73, 0x73], [0xa4, 0xa4, 0xa4]).size).toBe(0);
  });
});
