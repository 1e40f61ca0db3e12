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
    // The image itself is left as it was.
    expect(at(image, 10, 6)).toEqual([255, 127, 14]);
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

  it("paints a curve's blends with the text beside it, and no other pixel", () => {
    const image = raster([60, 60, 60], [255, 127, 14]);
    // the curve's anti-aliased edge over a glyph: half its colour, half the text's grey
    const blend: [number, number, number] = [158, 94, 37];
    image.data.set(blend, (11 * WIDTH + 5) * 3);
    image.data.set(blend, (3 * WIDTH + 20) * 3);
    const clean = neutralText(image, [BOX], [[250, 130, 20]]);
    expect(at(clean, 11, 5)).toEqual([255, 255, 255]);
    // Far from the curve, a coloured pixel is no blend of it.
    expect(at(clean, 3, 20)).toEqual(blend);
    expect(at(clean, 12, 5)).toEqual([60, 60, 60]);
  });

  it('paints a light grid line running across a name and past it, and keeps the text', () => {
    const image = raster([60, 60, 60], null);
    for (let row = 0; row < HEIGHT; row++) image.data.set([220, 220, 220], (row * WIDTH + 20) * 3);
    const inner = { left: 2, top: 2, right: WIDTH - 2, bottom: HEIGHT - 2 };
    const clean = neutralText(image, [inner], []);
    expect(at(clean, 10, 20)).toEqual([255, 255, 255]);
    expect(at(clean, 10, 5)).toEqual([60, 60, 60]);
    // A glyph's stroke spans the text's rows, not those past them: kept.
    const stroke = raster([60, 60, 60], null);
    expect(neutralText(stroke, [{ left: 2, top: 5, right: WIDTH - 2, bottom: 15 }], [])).toBe(
      stroke,
    );
  });
});
