import { describe, expect, it } from 'vitest';
import { apartAtLabelledTicks } from '../../src/ocr/labelledTicks.js';
import type { Box, Raster } from '../../src/types.js';

const WHITE: [number, number, number] = [255, 255, 255];
const HEIGHT = 10;

/**
 * A white band `width` px wide with black glyphs: each `[left, right)` of columns inked over
 * rows 1..8 (a glyph of a label).
 */
function band(width: number, glyphs: [number, number][]): Raster {
  const data = new Uint8Array(width * HEIGHT * 3).fill(255);
  for (const [left, right] of glyphs) {
    for (let row = 1; row < HEIGHT - 1; row++) {
      for (let column = left; column < right; column++)
        data.fill(0, (row * width + column) * 3, (row * width + column) * 3 + 3);
    }
  }
  return { data, width, height: HEIGHT, channels: 3 };
}

/** A word 15 px wide (its glyphs run together, as bold or large text's may), centred on `centre`. */
function word(centre: number): [number, number][] {
  return [[centre - 7, centre + 8]];
}

/** A label of two words parted by `space` px (`Mar 26`), centred on `centre`. */
function twoWords(centre: number, space: number): [number, number][] {
  const width = 15 * 2 + space;
  const left = Math.round(centre - width / 2);
  return [...word(left + 7), ...word(left + 15 + space + 7)];
}

const box = (left: number, right: number): Box => ({ left, right, top: 1, bottom: HEIGHT - 1 });

describe('apartAtLabelledTicks', () => {
  it('keeps a label wider than the step between minor ticks whole', () => {
    // labels on every sixth tick (5 px apart); each label's box holds three ticks
    const ticks = Array.from({ length: 35 }, (_, i) => 20 + 5 * i);
    const image = band(220, [...word(40), ...word(100), ...word(160)]);
    const boxes = [box(33, 48), box(93, 108), box(153, 168)];
    expect(apartAtLabelledTicks(image, WHITE, boxes, ticks, 8)).toEqual(boxes);
  });

  it('parts labels on every other tick whose spaces are as wide as the gaps between them', () => {
    // `Mar 26 Apr 09 Apr 23` run together: spaces of 6 px inside, gaps of 6 px between
    const ticks = Array.from({ length: 7 }, (_, i) => 30 + 20 * i);
    const glyphs = [30, 70, 110].flatMap((centre) => twoWords(centre, 6));
    const image = band(160, glyphs);
    const pieces = apartAtLabelledTicks(image, WHITE, [box(12, 128)], ticks, 8);
    expect(pieces?.map((piece) => (piece.left + piece.right) / 2)).toEqual([30, 70, 110]);
  });

  it('leaves labels on every tick, run close but for a gap between them, to be cut between every two ticks', () => {
    // `1996 1998 2000`, 18 px wide on ticks 20 px apart: a 2 px gap at each middle
    const ticks = [20, 40, 60];
    const image = band(80, [
      [11, 29],
      [31, 49],
      [51, 69],
    ]);
    expect(apartAtLabelledTicks(image, WHITE, [box(11, 69)], ticks, 8)).toBeNull();
  });

  it('leaves labels that run into each other to be cut between every two ticks', () => {
    // one glyph run across three ticks: no gap to part labels in
    const ticks = [20, 40, 60];
    const image = band(80, [[8, 72]]);
    expect(apartAtLabelledTicks(image, WHITE, [box(8, 72)], ticks, 8)).toBeNull();
  });
});
