import { describe, expect, it } from 'vitest';
import { fitVertices } from '../../src/trace/fitVertices.js';
import type { PixelPoint } from '../../src/types.js';
import { inkWeightOf } from '../helpers/inkWeight.js';

const WIDTH = 80;
const HEIGHT = 100;
const LINE_WIDTH = 4;
const draw = inkWeightOf(WIDTH, HEIGHT);

/** The ink's centre in every column from `from` to `to`: how a column trace sees the line. */
function columnCentres(weight: Float32Array, from: number, to: number): PixelPoint[] {
  const points: PixelPoint[] = [];
  for (let column = from; column <= to; column++) {
    let [sum, moment] = [0, 0];
    for (let row = 0; row < HEIGHT; row++) {
      const w = weight[row * WIDTH + column];
      sum += w;
      moment += w * (row + 0.5);
    }
    if (sum > 0) points.push({ px: column + 0.5, py: moment / sum });
  }
  return points;
}

const polyline = (points: [number, number][]) =>
  `<polyline points="${points.map((p) => p.join(',')).join(' ')}" fill="none" stroke="#000" stroke-width="${LINE_WIDTH}" stroke-linejoin="round" stroke-linecap="round"/>`;

describe('fitVertices', () => {
  it('puts a sharp peak of a thick line at its tip, where the column centres fall short', async () => {
    const peak = { px: 40, py: 15 };
    const weight = await draw(
      polyline([
        [10, 85],
        [peak.px, peak.py],
        [70, 85],
      ]),
    );
    const traced = columnCentres(weight, 10, 69);
    const nearest = (points: PixelPoint[]) =>
      points.reduce((best, p) =>
        Math.abs(p.px - peak.px) < Math.abs(best.px - peak.px) ? p : best,
      );
    // The column centres at the peak lie well inside the bend.
    expect(nearest(traced).py - peak.py).toBeGreaterThan(2);
    const fitted = fitVertices(traced, LINE_WIDTH, {
      weight,
      width: WIDTH,
      height: HEIGHT,
      region: { left: 0, top: 0, right: WIDTH, bottom: HEIGHT },
    });
    const vertex = nearest(fitted);
    expect(Math.abs(vertex.px - peak.px)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(vertex.py - peak.py)).toBeLessThanOrEqual(0.5);
    // Every traced column keeps a point, left to right.
    expect(new Set(fitted.map((p) => Math.floor(p.px))).size).toBe(traced.length);
    expect(fitted.map((p) => p.px)).toEqual([...fitted.map((p) => p.px)].sort((a, b) => a - b));
  });
});
