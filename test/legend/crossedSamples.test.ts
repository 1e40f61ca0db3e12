import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import { oneSide } from '../../src/legend/crossedSamples.js';
import type { LegendSlot } from '../../src/legend/findLegend.js';
import type { Box } from '../../src/types.js';
import { paintBoxes } from '../helpers/paintBoxes.js';

const BLUE: Rgb = [31, 119, 180];
const RED: Rgb = [214, 39, 40];
const GREEN: Rgb = [44, 160, 44];
const WHITE: Rgb = [255, 255, 255];

describe('oneSide', () => {
  // A column of three entries: samples 28 px long from x = 40, names from x = 80, 10 px high.
  const sample = (top: number, color: Rgb): [Box, readonly number[]] => [
    { left: 40, right: 68, top: top + 4, bottom: top + 7 },
    color,
  ];
  const slot = (top: number, color: Rgb, left = 40, right = 68): LegendSlot => ({
    handle: { left, right, top, bottom: top + 10 },
    text: { left: 80, right: 120, top, bottom: top + 10 },
    color,
  });
  const tops = [10, 30, 50];
  // A blue curve crosses the red sample, coming in from x = 5: steep strokes 3 px wide.
  const crossing: [Box, readonly number[]][] = [5, 20, 35, 50, 62].map((left) => [
    { left, right: left + 3, top: 28, bottom: 42 },
    BLUE,
  ]);
  const image = paintBoxes(140, 70, [
    ...[BLUE, RED, GREEN].map((color, k) => sample(tops[k], color)),
    ...crossing,
  ]);

  it('takes the column’s sample for a name whose sample a crossing curve lengthened', () => {
    // The red entry was told with the curve's ink joined to its sample, in the curve's colour.
    const found = oneSide(
      image,
      WHITE,
      { left: 0, top: 0, right: 140, bottom: 70 },
      [slot(10, BLUE), slot(30, BLUE, 5, 68), slot(50, GREEN)],
      [],
    );
    expect(found).toHaveLength(3);
    const red = found.find((entry) => entry.text.top === 30)!;
    expect(red.handle).toMatchObject({ left: 40, right: 68 });
    expect(red.color).toEqual(RED);
  });

  it('leaves a column whose samples line up as it is', () => {
    const slots = [slot(10, BLUE), slot(30, RED), slot(50, GREEN)];
    expect(oneSide(image, WHITE, { left: 0, top: 0, right: 140, bottom: 70 }, slots, [])).toEqual(
      slots,
    );
  });
});
