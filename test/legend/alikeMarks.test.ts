import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import { alikeMarks } from '../../src/legend/alikeMarks.js';
import { sampleStyles } from '../../src/legend/sampleStyle.js';
import type { Box } from '../../src/types.js';
import { paintBoxes } from '../helpers/paintBoxes.js';

const WHITE: Rgb = [255, 255, 255];
const BLACK = [0, 0, 0] as const;
type Painted = [Box, readonly number[]];

/** The outline of a 7 px square at (left, top), 1 px thick; `dotted` keeps every other pixel. */
function square(left: number, top: number, dotted = false): Painted[] {
  const boxes: Painted[] = [];
  for (let k = 0; k < 7; k++) {
    if (dotted && k % 2 === 1) continue;
    boxes.push([{ left: left + k, right: left + k + 1, top, bottom: top + 1 }, BLACK]);
    boxes.push([{ left: left + k, right: left + k + 1, top: top + 6, bottom: top + 7 }, BLACK]);
    boxes.push([{ left, right: left + 1, top: top + k, bottom: top + k + 1 }, BLACK]);
    boxes.push([{ left: left + 6, right: left + 7, top: top + k, bottom: top + k + 1 }, BLACK]);
  }
  return boxes;
}

/** A word of `count` glyphs, each 2 px wide strokes 6 px apart, 10 px high from `top`. */
function word(left: number, top: number, count: number): Painted[] {
  return Array.from(
    { length: count },
    (_, k): Painted => [
      { left: left + k * 6, right: left + k * 6 + 2, top, bottom: top + 10 },
      BLACK,
    ],
  );
}

const line = (left: number, top: number, right: number): Box => ({
  left,
  right,
  top,
  bottom: top + 10,
});

describe('alikeMarks', () => {
  // Two entries, a hollow square 7 px a side set 8 px (0.8 of the text's height) before a name
  // 10 px high: too narrow for a line sample, too hollow for a filled marker.
  const image = paintBoxes(120, 50, [
    ...square(10, 11),
    ...word(25, 10, 6),
    ...square(10, 31, true),
    ...word(25, 30, 4),
  ]);

  it('takes the like first pieces of lines, parted from the rest by a word space, for samples', () => {
    const slots = alikeMarks(image, WHITE, [line(10, 10, 57), line(10, 30, 45)]);
    expect(slots.map((slot) => [slot.handle.left, slot.handle.right, slot.text.left])).toEqual([
      [10, 17, 25],
      [10, 17, 25],
    ]);
    expect(slots[0].text.right).toBe(57);
  });

  it('takes no mark that no other line repeats (a letter before a word is no sample)', () => {
    expect(alikeMarks(image, WHITE, [line(10, 10, 57)])).toEqual([]);
    const unlike = paintBoxes(120, 50, [
      ...square(10, 11),
      ...word(25, 10, 6),
      [{ left: 10, right: 14, top: 31, bottom: 38 }, BLACK],
      ...word(25, 30, 4),
    ]);
    expect(alikeMarks(unlike, WHITE, [line(10, 10, 57), line(10, 30, 45)])).toEqual([]);
  });

  it('reads the dash pattern of a hollow square sample round its outline', () => {
    const slots = alikeMarks(image, WHITE, [line(10, 10, 57), line(10, 30, 45)]);
    const [solid, dotted] = sampleStyles(image, slots);
    expect(solid.gapShare).toBe(0);
    expect(dotted.gapShare).toBeGreaterThan(0.3);
    expect(dotted.on).toBe(1);
  });
});
