import { describe, expect, it } from 'vitest';
import { restoreSpaces } from '../../src/ocr/restoreSpaces.js';
import type { Box, Raster } from '../../src/types.js';

const WHITE: [number, number, number] = [255, 255, 255];

/** A white raster 60 x 30 with black rectangles (columns `left..right`, rows `top..bottom`). */
function raster(boxes: Box[]): Raster {
  const width = 60;
  const height = 30;
  const data = new Uint8Array(width * height * 3).fill(255);
  for (const { left, right, top, bottom } of boxes) {
    for (let row = top; row < bottom; row++)
      data.fill(0, (row * width + left) * 3, (row * width + right) * 3);
  }
  return { data, width, height, channels: 3 };
}

/** Glyphs on a baseline at row 22: `n` (x-height 10), `=` (two bars), `1` and `6` (14 tall). */
const n = { left: 2, right: 10, top: 12, bottom: 22 };
const bars = [
  { left: 18, right: 26, top: 14, bottom: 16 },
  { left: 18, right: 26, top: 18, bottom: 20 },
];
const glyphBox = (left: number, right: number) => ({ left, right, top: 8, bottom: 22 });

describe('restoreSpaces', () => {
  it('puts back a space between glyphs standing a space apart', () => {
    const one = glyphBox(34, 37);
    const six = glyphBox(40, 48);
    const image = raster([n, ...bars, one, six]);
    const symbols = [n, { ...bars[0], bottom: 20 }, one, six].map((box, i) => ({
      text: 'n=16'[i],
      box,
    }));
    expect(restoreSpaces(image, WHITE, [{ text: 'n=16', symbols }])).toEqual(['n = 16']);
    // read with one of its spaces: the other is put back
    expect(restoreSpaces(image, WHITE, [{ text: 'n =16', symbols }])).toEqual(['n = 16']);
  });

  it('leaves letters set at their usual spacing together', () => {
    const image = raster([n, { left: 13, right: 21, top: 12, bottom: 22 }]);
    const symbols = [
      { text: 'n', box: n },
      { text: 'o', box: { left: 13, right: 21, top: 12, bottom: 22 } },
    ];
    expect(restoreSpaces(image, WHITE, [{ text: 'no', symbols }])).toEqual(['no']);
  });

  it('puts no space between two letters, however far apart their solid ink', () => {
    // an `L` whose foot was too faint to find: its stem stands far from the next letter
    const stem = { left: 2, right: 4, top: 8, bottom: 22 };
    const next = { ...n, left: 14, right: 22 };
    const symbols = [
      { text: 'L', box: stem },
      { text: 'n', box: next },
    ];
    expect(restoreSpaces(raster([stem, next]), WHITE, [{ text: 'Ln', symbols }])).toEqual(['Ln']);
  });

  it('leaves a line whose glyphs do not match its characters as read', () => {
    const image = raster([n, glyphBox(34, 37)]);
    const symbols = [
      { text: 'n', box: n },
      { text: '=', box: bars[0] },
      { text: '1', box: glyphBox(34, 37) },
    ];
    expect(restoreSpaces(image, WHITE, [{ text: 'n=1', symbols }])).toEqual(['n=1']);
  });
});
