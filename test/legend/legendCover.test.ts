import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import { legendCover } from '../../src/legend/legendCover.js';
import type { Box, Raster } from '../../src/types.js';

const WIDTH = 120;
const HEIGHT = 90;
const PANEL: Rgb = [235, 235, 235];
const WHITE: Rgb = [255, 255, 255];
const PLOT = { left: 0, top: 0, right: WIDTH, bottom: HEIGHT };

/** A grey panel with `boxes` painted over it in their colours, in order. */
function raster(boxes: [Box, Rgb][]): Raster {
  const data = new Uint8Array(WIDTH * HEIGHT * 3);
  for (let i = 0; i < WIDTH * HEIGHT; i++) data.set(PANEL, i * 3);
  for (const [box, color] of boxes) {
    for (let row = box.top; row < box.bottom; row++) {
      for (let column = box.left; column < box.right; column++) {
        data.set(color, (row * WIDTH + column) * 3);
      }
    }
  }
  return { data, width: WIDTH, height: HEIGHT, channels: 3 };
}

describe('legendCover', () => {
  it('grows the entries` box to the legend`s background, round its padding and title', () => {
    // White background 20..100 x 10..70; a title's word at rows 14..20; entries at 30..64.
    const background = { left: 20, top: 10, right: 100, bottom: 70 };
    const entries = { left: 26, top: 30, right: 94, bottom: 64 };
    const image = raster([
      [background, WHITE],
      [{ left: 26, top: 14, right: 50, bottom: 20 }, [0, 0, 0]],
      [{ left: 28, top: 34, right: 40, bottom: 36 }, [200, 30, 30]],
      [{ left: 44, top: 32, right: 80, bottom: 38 }, [0, 0, 0]],
    ]);
    expect(legendCover(image, entries, PANEL, PLOT)).toEqual(background);
  });

  it('keeps the box where the legend`s fill is the plot`s background, or it lies outside the plot', () => {
    const entries = { left: 26, top: 30, right: 94, bottom: 64 };
    const plain = raster([[{ left: 20, top: 10, right: 100, bottom: 70 }, PANEL]]);
    expect(legendCover(plain, entries, PANEL, PLOT)).toEqual(entries);
    const image = raster([[{ left: 20, top: 10, right: 100, bottom: 70 }, WHITE]]);
    const plot = { left: 0, top: 0, right: 20, bottom: HEIGHT };
    expect(legendCover(image, entries, PANEL, plot)).toEqual(entries);
  });
});
