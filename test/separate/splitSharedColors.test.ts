import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import type { SeriesMask } from '../../src/separate/separateSeries.js';
import { splitSharedColors } from '../../src/separate/splitSharedColors.js';
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
});
