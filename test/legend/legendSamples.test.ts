import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import { sampleInLine } from '../../src/legend/legendSamples.js';
import type { Box } from '../../src/types.js';
import { paintBoxes } from '../helpers/paintBoxes.js';

const WHITE: Rgb = [255, 255, 255];
const DARK: Rgb = [30, 30, 30];
/** A line of text 9 px high: a hollow symbol 7 px wide, 2 px of page, then a name. */
const LINE: Box = { left: 2, right: 42, top: 1, bottom: 10 };

/** A 1 px outline of a 7 x 9 square at the line's start, in `color`, and six letters. */
function entry(color: Rgb) {
  const outline: [Box, Rgb][] = [
    [{ left: 2, right: 9, top: 1, bottom: 2 }, color],
    [{ left: 2, right: 9, top: 9, bottom: 10 }, color],
    [{ left: 2, right: 3, top: 1, bottom: 10 }, color],
    [{ left: 8, right: 9, top: 1, bottom: 10 }, color],
  ];
  const letters: [Box, Rgb][] = [0, 1, 2, 3, 4, 5].map((k) => [
    { left: 11 + k * 5, right: 14 + k * 5, top: 3, bottom: 10 },
    DARK,
  ]);
  return paintBoxes(50, 12, [...outline, ...letters]);
}

describe('sampleInLine', () => {
  it('takes a coloured hollow symbol narrower than the text is high as the sample (Vega-Lite)', () => {
    const green: Rgb = [60, 140, 113];
    const slot = sampleInLine(entry(green), WHITE, LINE);
    expect(slot).not.toBeNull();
    expect(slot!.handle.right).toBeLessThanOrEqual(9);
    expect(slot!.text.left).toBeGreaterThanOrEqual(11);
  });

  it('leaves a grey piece that narrow to the text (a letter, not a sample)', () => {
    expect(sampleInLine(entry([90, 90, 90]), WHITE, LINE)).toBeNull();
  });
});
