import { describe, expect, it } from 'vitest';
import { profileOf } from '../../src/ocr/labelBoxes.js';
import type { Raster } from '../../src/types.js';

/** A white raster with the given pixels painted. */
function raster(width: number, height: number, paint: [number, number, number[]][]): Raster {
  const data = new Uint8Array(width * height * 3).fill(255);
  for (const [x, y, rgb] of paint) data.set(rgb, (y * width + x) * 3);
  return { data, width, height, channels: 3 };
}

describe('profileOf', () => {
  it('counts black and grey text, and no colourful marker spilling past the axis', () => {
    const image = raster(4, 3, [
      [0, 0, [0, 0, 0]],
      [1, 0, [120, 120, 120]],
      // a green marker, its anti-aliased edge, and a JPEG-tinted grey
      [0, 1, [44, 160, 44]],
      [1, 1, [150, 208, 150]],
      [2, 1, [100, 110, 125]],
      [3, 2, [214, 39, 40]],
    ]);
    const rows = profileOf(image, [255, 255, 255], [0, 1, 2], [0, 4], 'row');
    expect([...rows]).toEqual([2, 1, 0]);
  });
});
