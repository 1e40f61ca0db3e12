import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import { insideTickMarks } from '../../src/separate/tickMarks.js';
import type { Box, PlotArea, Raster } from '../../src/types.js';

const WHITE: Rgb = [255, 255, 255];
const [WIDTH, HEIGHT] = [200, 150];
/** The frame: rows 10 and 140, columns 20 and 190. */
const FRAME = { left: 20.5, top: 10.5, right: 190.5, bottom: 140.5 };
const TICKS_X = [40, 70, 100, 130, 160];
const TICKS_Y = [30, 60, 90, 120];

/** A white image with a black frame and tick marks `length` px long inward (0: outward). */
function framed(length: number): { image: Raster; plot: PlotArea } {
  const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
  const ink = (x: number, y: number) => {
    data.fill(0, (y * WIDTH + x) * 3, (y * WIDTH + x) * 3 + 3);
  };
  for (let x = 20; x <= 190; x++) for (const y of [10, 140]) ink(x, y);
  for (let y = 10; y <= 140; y++) for (const x of [20, 190]) ink(x, y);
  const reach = Math.abs(length) || 5;
  const inward = length > 0 ? 1 : -1;
  for (const x of TICKS_X) {
    for (let k = 1; k <= reach; k++) {
      ink(x, 140 - inward * k);
      ink(x, 10 + inward * k);
    }
  }
  for (const y of TICKS_Y) {
    for (let k = 1; k <= reach; k++) {
      ink(20 + inward * k, y);
      ink(190 - inward * k, y);
    }
  }
  const plot: PlotArea = {
    ...FRAME,
    ticksX: TICKS_X,
    ticksY: TICKS_Y,
    gridX: [],
    gridY: [],
    background: WHITE,
    page: WHITE,
    outsideX: 146,
    outsideY: 14,
    framed: true,
  };
  return { image: { data, width: WIDTH, height: HEIGHT, channels: 3 }, plot };
}

const covers = (boxes: Box[], x: number, y: number) =>
  boxes.some((b) => x >= b.left && x < b.right && y >= b.top && y < b.bottom);

describe('insideTickMarks', () => {
  it('finds the tick marks drawn inside, on all four sides, as long as they are drawn', () => {
    const { image, plot } = framed(5);
    const boxes = insideTickMarks(image, plot, WHITE);
    expect(boxes).toHaveLength(2 * TICKS_X.length + 2 * TICKS_Y.length);
    for (const x of TICKS_X) {
      expect(covers(boxes, x, 135)).toBe(true);
      expect(covers(boxes, x, 15)).toBe(true);
      // Not past the mark's end.
      expect(covers(boxes, x, 133)).toBe(false);
    }
    for (const y of TICKS_Y) {
      expect(covers(boxes, 25, y)).toBe(true);
      expect(covers(boxes, 185, y)).toBe(true);
    }
    // Nothing between the ticks.
    expect(covers(boxes, 55, 135)).toBe(false);
  });

  it('finds none where the tick marks are drawn outside', () => {
    const { image, plot } = framed(-5);
    expect(insideTickMarks(image, plot, WHITE)).toEqual([]);
  });

  it('finds them where a paler grid line goes on from each', () => {
    const { image, plot } = framed(5);
    for (const x of TICKS_X) {
      for (let y = 16; y < 135; y++) {
        image.data.fill(0xc8, (y * WIDTH + x) * 3, (y * WIDTH + x) * 3 + 3);
      }
    }
    const boxes = insideTickMarks(image, plot, WHITE);
    for (const x of TICKS_X) {
      expect(covers(boxes, x, 137)).toBe(true);
      expect(covers(boxes, x, 100)).toBe(false);
    }
  });

  it('takes no grid line drawn at the ticks for a tick mark', () => {
    const { image, plot } = framed(-5);
    for (const x of TICKS_X) {
      for (let y = 11; y < 140; y++)
        image.data.fill(0x80, (y * WIDTH + x) * 3, (y * WIDTH + x) * 3 + 3);
    }
    const boxes = insideTickMarks(image, plot, WHITE);
    expect(boxes.some((b) => b.top < 130 && b.bottom > 20 && b.right - b.left < 5)).toBe(false);
    expect(TICKS_X.some((x) => covers(boxes, x, 135))).toBe(false);
  });
});
