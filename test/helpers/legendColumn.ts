import type { Rgb } from '../../src/color.js';
import type { LegendSlot } from '../../src/legend/findLegend.js';
import type { Box } from '../../src/types.js';

/** Entries of a drawn legend column are this many px apart, the first at y = 20. */
const STEP = 20;

/** The top row of entry `k`. */
export const top = (k: number) => 20 + k * STEP;

/**
 * A legend column with its samples from x = `left`: each a level line 24 px long and 2 thick,
 * its name 8 px past it, six black glyph strokes 2 px wide, 4 px apart and 10 px high; boxes to
 * paint (`paintBoxes`) and the slots a legend reader would give.
 */
export function legendColumn(left: number) {
  const textLeft = left + 32;
  return {
    sample: (k: number, color: Rgb): [Box, readonly number[]] => [
      { left, right: left + 24, top: top(k) + 4, bottom: top(k) + 6 },
      color,
    ],
    name: (k: number): [Box, readonly number[]][] =>
      [0, 6, 12, 18, 24, 30].map((dx) => [
        { left: textLeft + dx, right: textLeft + dx + 2, top: top(k), bottom: top(k) + 10 },
        [0, 0, 0],
      ]),
    slot: (k: number, color: Rgb): LegendSlot => ({
      handle: { left, right: left + 24, top: top(k), bottom: top(k) + 10 },
      text: { left: textLeft, right: textLeft + 32, top: top(k), bottom: top(k) + 10 },
      color,
    }),
  };
}
