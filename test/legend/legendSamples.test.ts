import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import { darkSamples, sampleInLine } from '../../src/legend/legendSamples.js';
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

/** A line of text 18 px high (rows 1 to 18): a grey mark 12 px wide, then six tall letters 10 px on. */
const BAND: Box = { left: 0, right: 60, top: 1, bottom: 19 };

/** The entry with `marks` (each rows `from` to `to`, columns 2 to 13) before its name, and its band's dark columns. */
function shortEntry(marks: { from: number; to: number }[]) {
  const grey: Rgb = [119, 119, 119];
  const letters: [Box, Rgb][] = [0, 1, 2, 3, 4, 5].map((k) => [
    { left: 24 + k * 5, right: 27 + k * 5, top: 4, bottom: 19 },
    DARK,
  ]);
  const image = paintBoxes(60, 21, [
    ...marks.map(({ from, to }): [Box, Rgb] => [
      { left: 2, right: 14, top: from, bottom: to + 1 },
      grey,
    ]),
    ...letters,
  ]);
  const columnDark = new Uint8Array(BAND.right - BAND.left);
  for (let column = BAND.left; column < BAND.right; column++) {
    for (let row = BAND.top; row < BAND.bottom; row++) {
      if (
        Math.max(...image.data.subarray((row * 60 + column) * 3, (row * 60 + column) * 3 + 3)) < 150
      )
        columnDark[column - BAND.left] = 1;
    }
  }
  return darkSamples(image, WHITE, BAND, columnDark, []);
}

describe('darkSamples', () => {
  it('takes a dark grey line shorter than its text is high, level at its middle, as a sample (Vega-Lite)', () => {
    const slots = shortEntry([{ from: 9, to: 10 }]);
    expect(slots).toHaveLength(1);
    expect(slots[0].handle).toMatchObject({ left: 2, right: 14 });
    expect(slots[0].text).toMatchObject({ left: 24, right: 52 });
  });

  it("leaves such a line near the text's top (a dash of a curve crossing the rows)", () => {
    expect(shortEntry([{ from: 2, to: 3 }])).toEqual([]);
  });

  it("leaves two strokes (an '=') to the text", () => {
    expect(
      shortEntry([
        { from: 7, to: 7 },
        { from: 11, to: 11 },
      ]),
    ).toEqual([]);
  });
});
