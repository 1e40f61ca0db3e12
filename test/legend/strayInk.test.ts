import { describe, expect, it } from 'vitest';
import { strayInk } from '../../src/legend/strayInk.js';

const REGION = { left: 0, top: 0, right: 140, bottom: 50 };
const WIDTH = REGION.right - REGION.left;

/** The stray flags of `ink` (pixels as `row,column`) in REGION, text up to 60 px either way. */
function strays(ink: Set<string>): Uint8Array {
  return strayInk(REGION, (row, column) => ink.has(`${row},${column}`), {
    maxHeight: 60,
    maxWidth: 240,
  });
}

/** A frame 120 x 30 px at (10, 10), with the `sides` given, and a glyph-like blob inside it. */
function framed(sides: ('top' | 'bottom' | 'left' | 'right')[]): Set<string> {
  const ink = new Set<string>();
  for (let column = 10; column < 130; column++) {
    if (sides.includes('top')) ink.add(`10,${column}`);
    if (sides.includes('bottom')) ink.add(`39,${column}`);
  }
  for (let row = 10; row < 40; row++) {
    if (sides.includes('left')) ink.add(`${row},10`);
    if (sides.includes('right')) ink.add(`${row},129`);
  }
  for (let row = 20; row < 28; row++)
    for (let column = 40; column < 46; column++) ink.add(`${row},${column}`);
  return ink;
}

describe('strayInk', () => {
  it('flags a legend frame, and not the text inside it', () => {
    const flags = strays(framed(['top', 'bottom', 'left', 'right']));
    expect(flags[10 * WIDTH + 60]).toBe(1);
    expect(flags[24 * WIDTH + 42]).toBe(0);
  });

  it('flags a frame one of whose sides is too pale to be ink (drawn between two rows)', () => {
    // ggplot2's legend box below a figure: its top side anti-aliased over two rows
    const flags = strays(framed(['bottom', 'left', 'right']));
    expect(flags[39 * WIDTH + 60]).toBe(1);
    expect(flags[20 * WIDTH + 10]).toBe(1);
    expect(flags[24 * WIDTH + 42]).toBe(0);
  });

  it('leaves a bracket of two sides, and a piece inked through its middle', () => {
    expect(strays(framed(['bottom', 'left']))[39 * WIDTH + 60]).toBe(0);
    const crossed = framed(['bottom', 'left', 'right']);
    for (let column = 10; column < 130; column++) crossed.add(`25,${column}`);
    expect(strays(crossed)[39 * WIDTH + 60]).toBe(0);
  });
});
