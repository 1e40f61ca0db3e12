import { describe, expect, it } from 'vitest';
import { traceSpread } from '../../src/review/traceSpread.js';
import type { Box, PixelPoint } from '../../src/types.js';

const width = 200;
const height = 120;
const region: Box = { left: 0, top: 0, right: 199, bottom: 119 };

/** A mask holding, in each column from 10 to 189, the rows `rows(x)` gives (first, last). */
function mask(rows: (x: number) => [number, number]): Float32Array {
  const weight = new Float32Array(width * height);
  for (let x = 10; x < 190; x++) {
    const [first, last] = rows(x);
    for (let y = first; y <= last; y++) weight[y * width + x] = 1;
  }
  return weight;
}

/** One point per column, at `at(x)` (the pixel centres' convention: column x spans x..x+1). */
const trace = (at: (x: number) => number): PixelPoint[] =>
  Array.from({ length: 180 }, (_, i) => ({ px: 10 + i + 0.5, py: at(10 + i) + 0.5 }));

describe('traceSpread', () => {
  it('is 0 for a clean line traced along its middle, flat or steep', () => {
    // 3 px thick, flat at rows 59..61.
    expect(
      traceSpread(
        mask(() => [59, 61]),
        width,
        region,
        trace(() => 60),
      ),
    ).toBe(0);
    // Steep: down half a pixel per column, each column's run as tall as the line is thick
    // plus the step, which the polyline explains.
    const steep = (x: number) => 10 + (x - 10) / 2;
    const weight = mask((x) => [Math.floor(steep(x)) - 1, Math.floor(steep(x)) + 2]);
    expect(traceSpread(weight, width, region, trace(steep))).toBeLessThan(0.5);
  });

  it('is the mean reach of the ink beyond the trace where spikes are traced through', () => {
    // Every other column holds a spike 12 px up from a 3 px line; the trace stays on the line.
    const weight = mask((x) => (x % 2 === 0 ? [48, 61] : [59, 61]));
    const spread = traceSpread(
      weight,
      width,
      region,
      trace(() => 60),
    );
    // A spike column reaches 60 - 1.5 - 48 = 10.5 px above the traced band; half the columns.
    expect(spread).toBeCloseTo(10.5 / 2, 0);
  });

  it('is 0 where no point lies on ink', () => {
    expect(
      traceSpread(
        mask(() => [59, 61]),
        width,
        region,
        trace(() => 20),
      ),
    ).toBe(0);
  });
});
