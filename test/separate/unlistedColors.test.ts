import { describe, expect, it } from 'vitest';
import { type Lab, type Rgb, rgbToLab } from '../../src/color.js';
import { assign } from '../../src/separate/assignPixels.js';
import { isShade, unlistedColors } from '../../src/separate/unlistedColors.js';

const WIDTH = 100;
const WHITE = rgbToLab([255, 255, 255]);
/** Two neighbouring viridis colours a legend listed, and the one between them it missed. */
const LISTED: Rgb[] = [
  [0x28, 0x7f, 0x8c],
  [0x57, 0xc2, 0x67],
];
const MISSED: Rgb = [0x28, 0x97, 0x87];

/**
 * Flat lines two pixels high across a 100 px plot: the listed colours in rows 10-11 and 40-41,
 * the missed one in `rows` rows from `row`; then the unlisted colours found, the missed colour offered as the one
 * cluster of the pixels no listed colour explains.
 */
async function found(row: number, rows = 2): Promise<Lab[]> {
  const pixels: number[] = [];
  const labs: Lab[] = [];
  const colors = [LISTED[0], LISTED[1], MISSED].map(rgbToLab);
  for (const [r, color] of [
    [10, colors[0]],
    [11, colors[0]],
    [40, colors[1]],
    [41, colors[1]],
    ...Array.from({ length: rows }, (_, k) => [row + k, colors[2]] as const),
  ] as const) {
    for (let column = 0; column < WIDTH; column++) {
      pixels.push(r * WIDTH + column);
      labs.push(color);
    }
  }
  const seriesLabs = LISTED.map(rgbToLab);
  return unlistedColors({
    width: WIDTH,
    region: { left: 0, top: 0, right: WIDTH, bottom: 60 },
    pixels,
    labs,
    assignment: assign(labs, seriesLabs, WHITE),
    seriesLabs,
    background: WHITE,
    cluster: async () => [colors[2]],
  });
}

describe('unlistedColors', () => {
  it("finds a colormap's colour between two listed ones drawing a line apart from theirs", async () => {
    const lines = await found(25);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual(rgbToLab(MISSED));
  });

  it("takes no colour near a listed one lying along its line (a thin line's core washed out by JPEG)", async () => {
    expect(await found(12)).toEqual([]);
  });

  it("takes no colour near a listed one filling a band under its line (a JPEG'd band's fill)", async () => {
    expect(await found(12, 14)).toEqual([]);
  });
});

describe('unlistedColors with markers', () => {
  const ORANGE: Rgb = [0xff, 0x7f, 0x0e];
  /** Orange half-darkened toward black: a dark marker edge anti-aliased into an orange fill. */
  const SHADE: Rgb = [0x7f, 0x49, 0x1b];

  /** An orange line in rows 10-11, the shade in rows `row`, `row` + 1; the unlisted colours found. */
  async function shadeFound(row: number): Promise<Lab[]> {
    const pixels: number[] = [];
    const labs: Lab[] = [];
    const [orange, shade] = [ORANGE, SHADE].map(rgbToLab);
    for (const [r, color] of [
      [10, orange],
      [11, orange],
      [row, shade],
      [row + 1, shade],
    ] as const) {
      for (let column = 0; column < WIDTH; column++) {
        pixels.push(r * WIDTH + column);
        labs.push(color);
      }
    }
    return unlistedColors({
      width: WIDTH,
      region: { left: 0, top: 0, right: WIDTH, bottom: 60 },
      pixels,
      labs,
      assignment: assign(labs, [orange], WHITE),
      seriesLabs: [orange],
      background: WHITE,
      cluster: async () => [shade],
    });
  }

  it("takes no darker shade of a listed colour lying along its line (its markers' dark outlines)", async () => {
    expect(await shadeFound(12)).toEqual([]);
  });

  it('still finds a darker shade of a listed colour drawing a line apart from it', async () => {
    expect(await shadeFound(30)).toEqual([rgbToLab(SHADE)]);
  });
});

describe('isShade', () => {
  it('takes a colour darkened toward black for a shade of it, not a lighter one nor a black of a grey', () => {
    const orange = rgbToLab([0xff, 0x7f, 0x0e]);
    expect(isShade(rgbToLab([0x7f, 0x49, 0x1b]), orange)).toBe(true);
    expect(isShade(orange, rgbToLab([0x7f, 0x49, 0x1b]))).toBe(false);
    expect(isShade(rgbToLab([0, 0, 0]), rgbToLab([0x55, 0x55, 0x55]))).toBe(false);
    expect(isShade(rgbToLab([0x1f, 0x77, 0xb4]), orange)).toBe(false);
  });
});
