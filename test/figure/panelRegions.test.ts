import { describe, expect, it } from 'vitest';
import { regionOf } from '../../src/figure/panelRegions.js';
import type { Box } from '../../src/types.js';

const WIDTH = 400;
const HEIGHT = 200;

/** Ink masks of a figure with boxes of ink: `ink` flags them all, `strong` them too. */
function masks(boxes: Box[]): { ink: Uint8Array; strong: Uint8Array } {
  const ink = new Uint8Array(WIDTH * HEIGHT);
  for (const { left, top, right, bottom } of boxes) {
    for (let row = top; row < bottom; row++) ink.fill(1, row * WIDTH + left, row * WIDTH + right);
  }
  return { ink, strong: ink.slice() };
}

describe('regionOf', () => {
  // two plots side by side, 150 to 200 a gutter; the right plot's y tick labels at 185..195
  const left: Box = { left: 20, top: 40, right: 150, bottom: 180 };
  const right: Box = { left: 200, top: 40, right: 380, bottom: 180 };
  const labels: Box = { left: 185, top: 45, right: 195, bottom: 175 };

  it('cuts in the middle of the gutter, right of where a tick label overhangs the plot below', () => {
    // the left plot's last x tick label runs 10 px past its side, under it
    const overhang: Box = { left: 140, top: 184, right: 160, bottom: 192 };
    const ink = masks([labels, overhang]);
    const box = regionOf(ink, WIDTH, HEIGHT, right, [left, right]);
    expect(box.left).toBeGreaterThanOrEqual(160);
    expect(box.left).toBeLessThan(185);
  });

  it('keeps the next plot’s tick labels where a title runs past its plot over the gutter', () => {
    // the left plot's title, above it, runs on to the tick labels: nothing in the margin above
    // the plots is empty but the 5 px between the labels and the right plot
    const title: Box = { left: 60, top: 30, right: 190, bottom: 38 };
    const box = regionOf(masks([labels, title]), WIDTH, HEIGHT, right, [left, right]);
    expect(box.left).toBeGreaterThan(150);
    expect(box.left).toBeLessThan(185);
  });
});
