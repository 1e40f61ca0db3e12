import { describe, expect, it } from 'vitest';
import { extendToEdges } from '../../src/trace/extendToEdges.js';
import { traceSeries } from '../../src/trace/traceSeries.js';
import type { PixelPoint } from '../../src/types.js';
import { inkWeightOf } from '../helpers/inkWeight.js';

const WIDTH = 200;
const HEIGHT = 120;
const EDGES = { left: 20, top: 10, right: 180, bottom: 110 };
const inkWeight = inkWeightOf(WIDTH, HEIGHT);

/** A straight trace from `from` to `to` (px), one point per column centre. */
function straight(from: number, to: number, y: (px: number) => number): PixelPoint[] {
  const line: PixelPoint[] = [];
  for (let px = from; px <= to; px++) line.push({ px, py: y(px) });
  return line;
}

describe('extendToEdges', () => {
  it("carries a line stopping a few pixels short of the plot's edges on to them, along its slope", () => {
    const y = (px: number) => 100 - 0.5 * (px - 20);
    const out = extendToEdges(straight(24.5, 176.5, y), EDGES);
    expect(out[0].px).toBe(20);
    expect(out[0].py).toBeCloseTo(100, 6);
    expect(out.at(-1)!.px).toBe(180);
    expect(out.at(-1)!.py).toBeCloseTo(y(180), 6);
  });

  it('leaves a line that reaches the edges, or stops far from them, as it is', () => {
    const y = () => 50;
    const touching = straight(20.5, 179.5, y);
    expect(extendToEdges(touching, EDGES)).toBe(touching);
    const inside = straight(40.5, 150.5, y);
    expect(extendToEdges(inside, EDGES)).toEqual(inside);
  });

  it("reads a line starting at the axis' limit, its first columns under the frame, from the edge", async () => {
    // A steep line from the plot's left edge (x = 20) whose first 4 px are covered by a thick
    // grey axis line: its series ink starts 4 px in, and the trace from there alone would give
    // the line's first value 4 px x slope too high.
    const weight = await inkWeight(
      '<line x1="20" y1="100" x2="180" y2="20" stroke="#000" stroke-width="1.5"/>' +
        '<rect x="16" y="0" width="8" height="120" fill="#fff"/>',
    );
    const ink = { weight, width: WIDTH, height: HEIGHT, region: EDGES, edges: EDGES };
    const { points } = traceSeries(ink);
    expect(points[0].px).toBe(20);
    expect(points[0].py).toBeCloseTo(100, 0);
  });
});
