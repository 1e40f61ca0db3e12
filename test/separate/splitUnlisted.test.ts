import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import type { SeriesMask } from '../../src/separate/separateSeries.js';
import { curvesApart, splitUnlisted } from '../../src/separate/splitUnlisted.js';
import type { Raster } from '../../src/types.js';
import { inkWeightOf, rgbRasterOf } from '../helpers/inkWeight.js';

const WIDTH = 300;
const HEIGHT = 200;
const REGION = { left: 10, top: 10, right: 290, bottom: 190 };
const ink = inkWeightOf(WIDTH, HEIGHT);

/** Two curves of one colour, well apart. */
const LINES =
  '<polyline points="15,25 150,40 285,30" fill="none" stroke="#000" stroke-width="2"/>' +
  '<polyline points="15,175 150,160 285,170" fill="none" stroke="#000" stroke-width="2"/>';

function maskOf(weight: Float32Array): SeriesMask {
  return { color: [0, 0, 0], weight, count: weight.filter((w) => w > 0).length };
}

describe('curvesApart', () => {
  it('splits a mask into the curves it holds apart', async () => {
    const split = curvesApart(maskOf(await ink(LINES)), WIDTH, REGION);
    expect(split).toHaveLength(2);
    // Each holds one line: all its ink above the middle, or all below.
    const rows = split!.map(({ weight }) =>
      [...weight.keys()].filter((p) => weight[p] > 0).map((p) => Math.floor(p / WIDTH)),
    );
    expect(Math.max(...rows[0])).toBeLessThan(100);
    expect(Math.min(...rows[1])).toBeGreaterThan(100);
  });

  it('splits the long curves off when a short stroke apart was followed as one more', async () => {
    // A stroke between the lines over an eighth of the plot (a word, a piece of text): it
    // shows as a third curve in enough columns, and spans too few to be one.
    const stroke = '<line x1="120" y1="100" x2="160" y2="100" stroke="#000" stroke-width="2"/>';
    const split = curvesApart(maskOf(await ink(LINES + stroke)), WIDTH, REGION);
    expect(split).toHaveLength(2);
    const rows = split!.map(({ weight }) =>
      [...weight.keys()].filter((p) => weight[p] > 0).map((p) => Math.floor(p / WIDTH)),
    );
    expect(Math.max(...rows[0])).toBeLessThan(60);
    expect(Math.min(...rows[1])).toBeGreaterThan(140);
  });

  it('leaves a mask whole when the curves followed hold little of its ink', async () => {
    // A filled area between the lines, which neither curve passes near.
    const area = '<rect x="120" y="60" width="60" height="80" fill="#000"/>';
    expect(curvesApart(maskOf(await ink(LINES + area)), WIDTH, REGION)).toBeNull();
  });

  /** A line through big hollow triangles (ggplot2's shape 6) at every `step` px from x 20. */
  const hollow = (line: (x: number) => number, step: number) => {
    const xs = Array.from({ length: Math.floor(260 / step) + 1 }, (_, k) => 20 + k * step);
    const triangles = xs.map((x) => {
      const y = line(x);
      return `<polygon points="${x - 11},${y - 8} ${x + 11},${y - 8} ${x},${y + 11}" fill="none" stroke="#000" stroke-width="1.5"/>`;
    });
    return `<polyline points="${xs.map((x) => `${x},${line(x)}`).join(' ')}" fill="none" stroke="#000" stroke-width="1.5"/>${triangles.join('')}`;
  };

  it("keeps one line with hollow markers whole (its markers' tops and bottoms are no curves)", async () => {
    const drawn = hollow((x) => 170 - x * 0.45, 8);
    expect(curvesApart(maskOf(await ink(drawn)), WIDTH, REGION)).toBeNull();
  });

  it('still splits two lines with hollow markers well apart', async () => {
    const drawn = hollow((x) => 40 + x * 0.05, 28) + hollow((x) => 170 - x * 0.05, 28);
    expect(curvesApart(maskOf(await ink(drawn)), WIDTH, REGION)).toHaveLength(2);
  });

  it('leaves one curve with cross markers whole, not told how many curves there are', async () => {
    // The plot of a zoo chart (matplotlib, z00301 of seed 2): one grey line, about 4 px, with
    // an x at each data point, turning sharply there. The crosses' arms show runs apart from
    // the line's, so three curves are tried; a track along an arm ends at the cross's edge (a
    // short piece: the line is left whole), unless, taking up the next cross, and the next, it
    // spans the plot as a curve of its own.
    const { data, info } = await sharp(
      fileURLToPath(new URL('../fixtures/separate/matplotlib-crosses.png', import.meta.url)),
    )
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const weight = Float32Array.from(data, (grey) => (255 - grey) / 255);
    const region = { left: 0, top: 0, right: info.width, bottom: info.height };
    expect(curvesApart(maskOf(weight), info.width, region)).toBeNull();
  });
});

describe('splitUnlisted', () => {
  /** Two curves well apart, in `top` and `bottom` colours, as an RGB raster. */
  const drawn = rgbRasterOf(WIDTH, HEIGHT);
  const rasterOf = (top: string, bottom: string): Promise<Raster> =>
    drawn(LINES.replace('#000', top).replace('#000', bottom));
  const NAVY = [13, 43, 84] as Rgb;

  it('splits a colour no entry lists into its curves when they are drawn in colours apart', async () => {
    // cividis' darkest two (#0d2b54, #2f4163) clustered as one colour, their entries lost: two
    // series. A colour the legend lists (the first mask) is left to its entries.
    const image = await rasterOf('#0d2b54', '#2f4163');
    const listed = maskOf(await ink(LINES));
    const unlisted = { ...maskOf(await ink(LINES)), color: NAVY };
    const masks = splitUnlisted([listed, unlisted], image, REGION, 1);
    expect(masks).toHaveLength(3);
    expect(masks[0]).toBe(listed);
    expect(masks.slice(1).map((mask) => mask.color)).toEqual([NAVY, NAVY]);
    expect(splitUnlisted([listed, unlisted], image, REGION, 2)).toEqual([listed, unlisted]);
  });

  it('leaves whole a colour no entry lists whose curves are one colour (error bars, markers)', async () => {
    const image = await rasterOf('#0d2b54', '#0d2b54');
    const listed = maskOf(await ink(LINES));
    const unlisted = { ...maskOf(await ink(LINES)), color: NAVY };
    expect(splitUnlisted([listed, unlisted], image, REGION, 1)).toEqual([listed, unlisted]);
  });

  it('splits every mask into its curves with no legend, whatever their colours', async () => {
    const image = await rasterOf('#000', '#000');
    expect(splitUnlisted([maskOf(await ink(LINES))], image, REGION)).toHaveLength(2);
  });
});
