import { describe, expect, it } from 'vitest';
import { fitVertices, polylineAlong } from '../../src/trace/fitVertices.js';
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

  it('leaves a corner where it is traced when told it lies in a blob', async () => {
    // A square 12 px on a side at a peak: moved to cover the square, the corner leaves its
    // middle; held, it stays on the column centre there.
    const peak = { px: 40, py: 30 };
    const weight = await draw(
      `${polyline([
        [10, 85],
        [peak.px, peak.py],
        [70, 85],
      ])}<rect x="34" y="24" width="12" height="12" fill="#000"/>`,
    );
    const traced = columnCentres(weight, 10, 69);
    const ink = {
      weight,
      width: WIDTH,
      height: HEIGHT,
      region: { left: 0, top: 0, right: WIDTH, bottom: HEIGHT },
    };
    const inSquare = (p: PixelPoint) => p.px > 34 && p.px < 46;
    const at = (points: PixelPoint[]) => points.find((p) => p.px === peak.px + 0.5)!.py;
    expect(Math.abs(at(fitVertices(traced, LINE_WIDTH, ink)) - at(traced))).toBeGreaterThan(1);
    const held = fitVertices(traced, LINE_WIDTH, ink, inSquare);
    expect(at(held)).toBe(at(traced));
  });

  describe('polylineAlong', () => {
    const corners: PixelPoint[] = [
      { px: 10, py: 50 },
      { px: 20, py: 30 },
      { px: 20, py: 40 },
      { px: 40, py: 80 },
    ];
    /** The polyline's height at `px`, worked out from scratch. */
    const heightAt = (px: number) => {
      const k = corners.findIndex((c) => c.px >= px);
      if (k <= 0) return k === 0 ? corners[0].py : corners.at(-1)!.py;
      const [a, b] = [corners[k - 1], corners[k]];
      return b.px === a.px ? b.py : a.py + ((px - a.px) / (b.px - a.px)) * (b.py - a.py);
    };

    it('gives the polyline through the corners, held level past its ends', () => {
      const at = polylineAlong(corners);
      expect([5, 10, 15, 20, 30, 40, 45].map(at)).toEqual([50, 50, 40, 30, 60, 80, 80]);
    });

    it('gives the same heights whatever order the columns are asked in', () => {
      const columns = [12.5, 44, 3, 20, 39.5, 10, 20.25, 25, 0.5, 31];
      const at = polylineAlong(corners);
      expect(columns.map(at)).toEqual(columns.map(heightAt));
    });
  });
});
