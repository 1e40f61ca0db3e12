import { describe, expect, it } from 'vitest';
import { type Rgb, rgbToLab } from '../../src/color.js';
import type { SeriesMask } from '../../src/separate/separateSeries.js';
import { coreColor, splitSharedColors } from '../../src/separate/splitSharedColors.js';
import type { Box } from '../../src/types.js';
import { legendColumn } from '../helpers/legendColumn.js';
import { paintBoxes } from '../helpers/paintBoxes.js';

const [WIDTH, HEIGHT] = [320, 200];
const WHITE: Rgb = [255, 255, 255];
const GREYS: Rgb[] = [
  [60, 60, 60],
  [110, 110, 110],
  [170, 170, 170],
];
// A legend column left of the plot (`legendColumn`), its samples from x = 10.
const { sample, name, slot } = legendColumn(10);
const REGION: Box = { left: 120, top: 10, right: 310, bottom: 190 };
/** A level line 2 px thick across the plot at `row`. */
const line = (row: number, color: Rgb): [Box, readonly number[]] => [
  { left: 125, right: 305, top: row, bottom: row + 2 },
  color,
];

function maskOf(color: Rgb, rows: number[]): SeriesMask {
  const weight = new Float32Array(WIDTH * HEIGHT);
  for (const row of rows) {
    for (let r = row; r < row + 2; r++) weight.fill(1, r * WIDTH + 125, r * WIDTH + 305);
  }
  return { color, weight, count: rows.length * 2 * 180 };
}

describe('splitSharedColors', () => {
  it('takes no second curve of one grey for a series where a whole legend lists several greys', () => {
    // Each series in its own grey (a chart turned greyscale); the palest draws a second curve
    // (another hue turned the same grey, error bars) that no entry lists.
    const image = paintBoxes(WIDTH, HEIGHT, [
      ...GREYS.flatMap((grey, k) => [sample(k, grey), ...name(k)]),
      line(40, GREYS[0]),
      line(80, GREYS[1]),
      line(120, GREYS[2]),
      line(160, GREYS[2]),
    ]);
    const masks = [maskOf(GREYS[0], [40]), maskOf(GREYS[1], [80]), maskOf(GREYS[2], [120, 160])];
    splitSharedColors(
      image,
      masks,
      GREYS.map((grey, k) => slot(k, grey)),
      REGION,
      null,
      WHITE,
    );
    expect(masks).toHaveLength(3);
  });

  it('takes a second curve of a grey for a series of its own where the legend lists one grey', () => {
    // A one-colour chart whose legend was read with one entry: the other curves are series.
    const image = paintBoxes(WIDTH, HEIGHT, [
      sample(0, GREYS[2]),
      ...name(0),
      line(120, GREYS[2]),
      line(160, GREYS[2]),
    ]);
    const masks = [maskOf(GREYS[2], [120, 160])];
    splitSharedColors(image, masks, [slot(0, GREYS[2])], REGION, null, WHITE);
    expect(masks).toHaveLength(2);
  });

  it('gives each of two greys 8 levels apart the curve drawn in its grey', () => {
    // A chart turned greyscale whose two hues became near greys: separation gave each entry
    // both curves; the legend's first entry is the paler, the upper curve the darker.
    const [dark, pale]: Rgb[] = [
      [150, 150, 150],
      [158, 158, 158],
    ];
    const image = paintBoxes(WIDTH, HEIGHT, [
      sample(0, pale),
      ...name(0),
      sample(1, dark),
      ...name(1),
      line(60, dark),
      line(140, pale),
    ]);
    const masks = [maskOf(pale, [60, 140]), maskOf(dark, [60, 140])];
    splitSharedColors(image, masks, [slot(0, pale), slot(1, dark)], REGION, null, WHITE);
    const rowOf = (mask: SeriesMask) => Math.floor(mask.weight.indexOf(1) / WIDTH);
    expect(masks.map(rowOf)).toEqual([140, 60]);
  });
});

describe('coreColor', () => {
  it("reads a curve's own grey where a darker line crosses it and its edges are paler", () => {
    // A grey line 2 px thick with a paler anti-aliased row below; a darker line crosses it
    // over 10 of its 180 columns, inside the curve's mask.
    const image = paintBoxes(WIDTH, HEIGHT, [
      [{ left: 125, right: 305, top: 60, bottom: 62 }, [158, 158, 158]],
      [{ left: 125, right: 305, top: 62, bottom: 63 }, [210, 210, 210]],
      [{ left: 200, right: 210, top: 58, bottom: 64 }, [150, 150, 150]],
    ]);
    const weight = new Float32Array(WIDTH * HEIGHT);
    for (let row = 58; row < 64; row++) weight.fill(1, row * WIDTH + 125, row * WIDTH + 305);
    const [lightness] = coreColor(image, weight, rgbToLab(WHITE));
    expect(lightness).toBeCloseTo(rgbToLab([158, 158, 158])[0], 1);
  });
});
