import { describe, expect, it } from 'vitest';
import type { Rgb } from '../../src/color.js';
import type { LegendSlot } from '../../src/legend/findLegend.js';
import { isPatchSample } from '../../src/legend/patchSample.js';
import type { Box } from '../../src/types.js';
import { paintBoxes } from '../helpers/paintBoxes.js';

const BLUE: Rgb = [31, 119, 180];
// A name 12 px high beside a sample 24 px long.
const TEXT: Box = { left: 40, right: 80, top: 10, bottom: 22 };
const slot = (handle: Box): LegendSlot => ({ handle, text: TEXT, color: BLUE });

describe('isPatchSample', () => {
  it('takes a solid box nearly as tall as its name for a patch (a bar or an area listed)', () => {
    const box = { left: 10, right: 34, top: 12, bottom: 20 };
    expect(isPatchSample(paintBoxes(100, 40, [[box, BLUE]]), slot(box))).toBe(true);
  });

  it("takes a line's stroke, with a marker on it or not, and a hollow symbol for no patch", () => {
    const stroke = { left: 10, right: 34, top: 15, bottom: 17 };
    expect(isPatchSample(paintBoxes(100, 40, [[stroke, BLUE]]), slot(stroke))).toBe(false);
    const marker = { left: 18, right: 26, top: 12, bottom: 20 };
    const marked = paintBoxes(100, 40, [
      [stroke, BLUE],
      [marker, BLUE],
    ]);
    expect(isPatchSample(marked, slot({ ...stroke, top: 12, bottom: 20 }))).toBe(false);
    const square = { left: 14, right: 24, top: 11, bottom: 21 };
    const hollow = paintBoxes(100, 40, [
      [square, BLUE],
      [{ left: 16, right: 22, top: 13, bottom: 19 }, [255, 255, 255]],
    ]);
    expect(isPatchSample(hollow, slot(square))).toBe(false);
  });
});
