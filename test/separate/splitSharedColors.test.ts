import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import type { LegendSlot } from '../../src/legend/findLegend.js';
import type { SeriesMask } from '../../src/separate/separateSeries.js';
import { splitSharedColors } from '../../src/separate/splitSharedColors.js';
import type { Box } from '../../src/types.js';
import { paintBoxes } from '../helpers/paintBoxes.js';

const [WIDTH, HEIGHT] = [320, 200];
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
const GREYS: Rgb[] = [
  [60, 60, 60],
  [110, 110, 110],
  [170, 170, 170],
];
// A legend column left of the plot: entries 20 px apart from y = 20, a sample 24 px long from
// x = 10, a name from x = 42 (glyph strokes 2 px wide, 4 px apart, 10 px high).
const STEP = 20;
const top = (k: number) => 20 + k * STEP;
const sample = (k: number, color: Rgb): [Box, readonly number[]] => [
  { left: 10, right: 34, top: top(k) + 4, bottom: top(k) + 6 },
  color,
];
const name = (k: number): [Box, readonly number[]][] =>
  [42, 48, 54, 60, 66, 72].map((left) => [
    { left, right: left + 2, top: top(k), bottom: top(k) + 10 },
    BLACK,
  ]);
const slot = (k: number, color: Rgb): LegendSlot => ({
  handle: { left: 10, right: 34, top: top(k), bottom: top(k) + 10 },
  text: { left: 42, right: 74, top: top(k), bottom: top(k) + 10 },
  color,
});
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
});
