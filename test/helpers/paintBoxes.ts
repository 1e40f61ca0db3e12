import type { Box, Raster } from '../../src/types.js';

/** A white raster of `width` x `height` with each box painted in its colour, in order. */
export function paintBoxes(
  width: number,
  height: number,
  boxes: [Box, readonly number[]][],
): Raster {
  const data = new Uint8Array(width * height * 3).fill(255);
  for (const [box, color] of boxes) {
    for (let row = box.top; row < box.bottom; row++) {
      for (let column = box.left; column < box.right; column++) {
        data.set(color, (row * width + column) * 3);
      }
    }
  }
  return { data, width, height, channels: 3 };
}
