import { describe, expect, it } from 'vitest';
import { neutralText } from '../../src/ocr/neutralText.js';
import type { Raster } from '../../src/types.js';

const WIDTH = 40;
const HEIGHT = 20;

/** White paper; grey "text" in rows 5..14, columns 5..34 every other column; `line` across row 10. */
function raster(text: [number, number, number], line: [number, number, number] | null): Raster {
  const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
  const put = (row: number, column: number, rgb: [number, number, number]) =>
    data.set(rgb, (row * WIDTH + column) * 3);
  for (let row = 5; row < 15; row++) {
    for (let column = 5; column < 35; column += 2) put(row, column, text);
  }
  if (line) for (let column = 0; column < WIDTH; column++) put(10, column, line);
  return { data, width: WIDTH, height: HEIGHT, channels: 3 };
}

const BOX = { left: 0, top: 0, right: WIDTH, bottom: HEIGHT };
const at = (image: Raster, row: number, column: number) => [
  ...image.data.subarray((row * WIDTH + column) * 3, (row * WIDTH + column) * 3 + 3),
];

describe('neutralText', () => {
  it('paints a coloured curve crossing grey text in the paper colour, and keeps the text', () => {
    const image = raster([60, 60, 60], [255, 127, 14]);
    const clean = neutralText(image, [BOX], [[250, 130, 20]]);
    expect(at(clean, 10, 6)).toEqual([255, 255, 255]);
    expect(at(clean, 10, 0)).toEqual([255, 255, 255]);
    expect(at(clean, 9, 5)).toEqual([60, 60, 60]);
    expect(at(clean, 10, 5)).toEqual([60, 60, 60]);
    // The image itself is left as it was.
    expect(at(image, 10, 6)).toEqual([255, 127, 14]);
  });

  it("gives a glyph's stroke back where the curve ran over it: text ink above and below", () => {
    const image = raster([60, 60, 60], [255, 127, 14]);
    // A line two pixels thick, rows 10 and 11 (thicker, and its ink would outweigh the text's).
    for (const row of [11]) {
      for (let column = 0; column < WIDTH; column++) {
        image.data.set([255, 127, 14], (row * WIDTH + column) * 3);
      }
    }
    const clean = neutralText(image, [BOX], [[250, 130, 20]]);
    // Over a stroke (columns 5, 7, ...): the stroke's grey; between strokes: paper.
    for (const row of [10, 11]) {
      expect(at(clean, row, 5)).toEqual([60, 60, 60]);
      expect(at(clean, row, 6)).toEqual([255, 255, 255]);
    }
    // Beside the text (column 0, 36): paper, nothing to bridge.
    expect(at(clean, 10, 0)).toEqual([255, 255, 255]);
    expect(at(clean, 10, 36)).toEqual([255, 255, 255]);
  });

  it('leaves coloured text, text with nothing across it and ink of no series colour as they are', () => {
    const colored = raster([200, 30, 30], [31, 119, 180]);
    expect(neutralText(colored, [BOX], [[31, 119, 180]])).toBe(colored);
    const plain = raster([60, 60, 60], null);
    expect(neutralText(plain, [BOX], [[31, 119, 180]])).toBe(plain);
    // Coloured ink of no series colour (a JPEG's fringe) is kept.
    const fringe = raster([60, 60, 60], [120, 40, 160]);
    expect(neutralText(fringe, [BOX], [[31, 119, 180]])).toBe(fringe);
  });
});
