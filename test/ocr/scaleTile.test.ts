import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { scaleTile } from '../../src/ocr/scaleTile.js';
import type { Box, Raster } from '../../src/types.js';

/** A 40 x 24 RGB image: dark strokes with anti-aliased greys, and coloured pixels. */
function drawLabel(): Raster {
  const width = 40;
  const height = 24;
  const data = new Uint8Array(width * height * 3).fill(255);
  const set = (column: number, row: number, rgb: [number, number, number]) =>
    data.set(rgb, (row * width + column) * 3);
  for (let row = 4; row < 20; row++) {
    set(6, row, [20, 20, 20]);
    set(7, row, [140, 140, 140]);
    set(14 + (row % 5), row, [30, 30, 30]);
    set(24, row, [31, 119, 180]);
    set(25, row, [255, 127, 14]);
  }
  for (let column = 28; column < 37; column++) {
    set(column, 10, [0, 0, 0]);
    set(column, 11, [200, 60, 90]);
  }
  return { data, width, height, channels: 3 };
}

/** What the pipeline used to make each tile with. */
async function withSharp(
  image: Raster,
  box: Box,
  width: number,
  height: number,
  rotate: boolean,
): Promise<Uint8Array> {
  const cut = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  }).extract({
    left: box.left,
    top: box.top,
    width: box.right - box.left,
    height: box.bottom - box.top,
  });
  const upright = rotate ? sharp(await cut.rotate(90).png().toBuffer()) : cut;
  const out = await upright.greyscale().resize(width, height, { kernel: 'cubic' }).raw().toBuffer();
  return new Uint8Array(out);
}

describe('scaleTile', () => {
  const image = drawLabel();
  const box = { left: 2, top: 2, right: 38, bottom: 22 };

  it.each([
    { width: 72, height: 40, rotate: false },
    // Rounding leaves the two scale factors apart: the overhang is cut as sharp cuts it.
    { width: 59, height: 33, rotate: false },
    { width: 151, height: 83, rotate: false },
    { width: 40, height: 73, rotate: true },
  ])(
    'makes the pixels sharp made ($width x $height, rotate $rotate)',
    async ({ width, height, rotate }) => {
      const tile = scaleTile(image, box, { width, height, rotate });
      expect(tile.width).toBe(width);
      expect(tile.height).toBe(height);
      expect(Array.from(tile.data)).toEqual(
        Array.from(await withSharp(image, box, width, height, rotate)),
      );
    },
  );

  it('refuses a size that is not a positive integer, and an empty box', () => {
    expect(() => scaleTile(image, box, { width: 0, height: 10 })).toThrow(
      new RangeError('Expected positive integer for width but received 0 of type number'),
    );
    expect(() => scaleTile(image, box, { width: 10, height: 2.5 })).toThrow(
      new RangeError('Expected positive integer for height but received 2.5 of type number'),
    );
    expect(() => scaleTile(image, { ...box, right: box.left }, { width: 10, height: 10 })).toThrow(
      new RangeError('Expected a box with pixels in it but received 0x20'),
    );
  });
});
