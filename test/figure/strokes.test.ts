import { describe, expect, it } from 'vitest';
import { ticksAcross } from '../../src/figure/strokes.js';

/** An ink mask `width` x `height` with an axis line along row `axis` and ticks below it. */
function axisWithTicks(
  width: number,
  height: number,
  axis: number,
  ticks: number[],
  length: number,
) {
  const ink = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) ink[axis * width + x] = 1;
  for (const x of ticks) {
    for (let y = axis + 1; y <= axis + length; y++) ink[y * width + x] = 1;
  }
  return ink;
}

describe('ticksAcross', () => {
  it('counts ticks up to three tolerances long (Vega-Lite quartz draws them long)', () => {
    const tol = 8;
    // ticks 20 px long: over twice the tolerance, under three times
    const ink = axisWithTicks(120, 60, 10, [30, 50, 70, 90], 20);
    expect(ticksAcross(ink, 120, 60, 'row', [10, 10], [0, 120], tol)).toBe(4);
  });

  it('takes no line running on past three tolerances for a tick (a grid line, a curve)', () => {
    const tol = 8;
    const ink = axisWithTicks(120, 60, 10, [30, 50, 70, 90], 30);
    expect(ticksAcross(ink, 120, 60, 'row', [10, 10], [0, 120], tol)).toBe(0);
  });
});
