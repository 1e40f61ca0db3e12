import { describe, expect, it } from 'vitest';
import { labelledBox } from '../../src/plot/labelledAxes.js';

/** An ink mask `width` x `height` with the given boxes (inclusive pixel indices) inked. */
function inkOf(
  width: number,
  height: number,
  boxes: { left: number; top: number; right: number; bottom: number }[],
): Uint8Array {
  const ink = new Uint8Array(width * height);
  for (const { left, top, right, bottom } of boxes) {
    for (let row = top; row <= bottom; row++)
      ink.fill(1, row * width + left, row * width + right + 1);
  }
  return ink;
}

describe('labelledBox', () => {
  // A bare plot: six y labels right-aligned at column 99, 50 px apart, the upper four of two
  // glyphs, the lower two of one (`80 60 40 20 0 5`); five x labels below; a diagonal series
  // between them.
  const W = 500;
  const H = 420;
  const yLabels = [60, 110, 160, 210, 260, 310].flatMap((middle, i) => [
    ...(i < 4 ? [{ left: 80, top: middle - 6, right: 87, bottom: middle + 6 }] : []),
    { left: 90, top: middle - 6, right: 99, bottom: middle + 6 },
  ]);
  const xLabels = [130, 210, 290, 370, 450].map((centre) => ({
    left: centre - 8,
    top: 330,
    right: centre + 8,
    bottom: 342,
  }));
  const series = Array.from({ length: 60 }, (_, i) => ({
    left: 120 + i * 5,
    top: 300 - i * 4,
    right: 125 + i * 5,
    bottom: 302 - i * 4,
  }));

  it('spans the y labels from the highest to the lowest', () => {
    const box = labelledBox(inkOf(W, H, [...yLabels, ...xLabels, ...series]), W, H);
    expect(box?.top).toBeCloseTo(60, 0);
    expect(box?.bottom).toBeCloseTo(310, 0);
  });

  it('keeps every y label where a title letter above stands in line with them', () => {
    // a title set flush left: its last letter ends at the labels' right edge (z01466 of the zoo)
    const title = [
      { left: 40, top: 8, right: 50, bottom: 20 },
      { left: 90, top: 8, right: 99, bottom: 20 },
    ];
    const box = labelledBox(inkOf(W, H, [...title, ...yLabels, ...xLabels, ...series]), W, H);
    expect(box?.top).toBeCloseTo(60, 0);
    expect(box?.bottom).toBeCloseTo(310, 0);
  });

  it('takes a row of x labels whose first and last are set flush with the plot’s sides', () => {
    // Vega-Lite's labelFlush: the end labels stand inside their ticks, off the even steps
    const flush = xLabels.map((label, i) =>
      i === 0
        ? { ...label, left: label.left + 12, right: label.right + 12 }
        : i === xLabels.length - 1
          ? { ...label, left: label.left - 12, right: label.right - 12 }
          : label,
    );
    const box = labelledBox(inkOf(W, H, [...yLabels, ...flush, ...series]), W, H);
    expect(box?.bottom).toBeCloseTo(310, 0);
    expect(box?.right).toBeGreaterThanOrEqual(420);
  });

  it('takes y labels standing at one step with some missing, as when a curve joins their ticks', () => {
    // `12- 10- 8- 6- 4- 2-` with each tick mark joined to its label: where a curve starts at
    // the axis beside `8-` and `6-`, those two are part of its ink, no glyph (z01284 of the zoo)
    const kept = yLabels.filter((label) => label.top + 6 !== 160 && label.top + 6 !== 210);
    const box = labelledBox(inkOf(W, H, [...kept, ...xLabels, ...series]), W, H);
    expect(box?.top).toBeCloseTo(60, 0);
    expect(box?.bottom).toBeCloseTo(310, 0);
  });

  it('takes no column whose labels at one step are fewer than half of the steps', () => {
    // three glyphs 50 and 250 px apart: a step of 50 with four of seven labels missing
    const sparse = [20, 70, 320].map((middle) => ({
      left: 90,
      top: middle - 6,
      right: 99,
      bottom: middle + 6,
    }));
    expect(labelledBox(inkOf(W, H, [...sparse, ...xLabels, ...series]), W, H)).toBeNull();
  });
});
