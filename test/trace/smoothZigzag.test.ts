import { describe, expect, it } from 'vitest';
import { smoothZigzag } from '../../src/trace/smoothZigzag.js';
import { traceSeries } from '../../src/trace/traceSeries.js';
import type { PixelPoint } from '../../src/types.js';
import { inkWeightOf } from '../helpers/inkWeight.js';

const WIDTH = 200;
const HEIGHT = 120;
const REGION = { left: 2, top: 2, right: WIDTH - 2, bottom: HEIGHT - 2 };
const inkWeight = inkWeightOf(WIDTH, HEIGHT);

/** The trace's y at `px`, interpolated between its points. */
function traceAt(points: PixelPoint[], px: number): number {
  const i = points.findIndex((p) => p.px >= px);
  const [a, b] = [points[i - 1], points[i]];
  return b.px > a.px ? a.py + ((px - a.px) / (b.px - a.px)) * (b.py - a.py) : b.py;
}

/** A repeatable uniform noise in [-0.5, 0.5). */
function noiseFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647 - 0.5;
  };
}

describe('smoothZigzag', () => {
  it('reads a noisy line with three data points a column as the middle of its strokes', async () => {
    // A vertex every 0.35 px, up to 9 px either side of a slow curve: each column holds three
    // turns, and a height per column at the strokes' extremes is off by most of the noise at
    // the vertices between them.
    const noise = noiseFrom(11);
    const vertices = Array.from({ length: 480 }, (_, k) => {
      const px = 15 + 0.35 * k;
      return { px, py: 60 + 20 * Math.sin(px / 40) + 18 * noise() };
    });
    const list = vertices.map((p) => `${p.px},${p.py}`).join(' ');
    const weight = await inkWeight(
      `<polyline points="${list}" fill="none" stroke="#000" stroke-width="1.5"/>`,
    );
    const { points, markers } = traceSeries({
      weight,
      width: WIDTH,
      height: HEIGHT,
      region: REGION,
    });
    expect(markers).toBe(false);
    const errors = vertices.slice(5, -5).map((v) => Math.abs(traceAt(points, v.px) - v.py));
    // Traced at the strokes' extremes the vertices are 5.03 px off on average; smoothed, 4.68;
    // the runs' centres smoothed, 4.34 (noise this dense is not followed: the middle of the
    // strokes is the best one can read).
    expect(errors.reduce((sum, e) => sum + e, 0) / errors.length).toBeLessThanOrEqual(4.85);
  });

  it('reads a noisy line of four data points a column from its runs, not from its turns', async () => {
    // Noise about a slow curve, a vertex every 0.25 px (a sum of four uniform draws, nearly
    // normal, as a noisy training curve's): moved to where the strokes turn, each column's
    // point sits on one of its four vertices and off the other three; the column's run centre
    // is the middle of them all. Smoothed from the turns the vertices were 3.49 px off on
    // average, from the run centres 3.28.
    const noise = noiseFrom(7);
    const vertices = Array.from({ length: 680 }, (_, k) => {
      const px = 15 + 0.25 * k;
      const bump = noise() + noise() + noise() + noise();
      return { px, py: 60 + 20 * Math.sin(px / 40) + 6.92 * bump };
    });
    const list = vertices.map((p) => `${p.px},${p.py}`).join(' ');
    const weight = await inkWeight(
      `<polyline points="${list}" fill="none" stroke="#000" stroke-width="1.5"/>`,
    );
    const { points } = traceSeries({ weight, width: WIDTH, height: HEIGHT, region: REGION });
    const errors = vertices.slice(5, -5).map((v) => Math.abs(traceAt(points, v.px) - v.py));
    expect(errors.reduce((sum, e) => sum + e, 0) / errors.length).toBeLessThanOrEqual(3.38);
  });

  it('smooths the centres given, where the trace turns at every column', () => {
    const line = Array.from({ length: 20 }, (_, k) => ({ px: 10.5 + k, py: k % 2 ? 40 : 44 }));
    const centres = line.map((point) => ({ px: point.px, py: 30 + point.px }));
    const smoothed = smoothZigzag(line, centres);
    expect(smoothed).toHaveLength(centres.length);
    expect(smoothed[0]).toEqual(centres[0]);
    for (const [i, point] of smoothed.entries()) expect(point.py).toBeCloseTo(centres[i].py, 6);
    // A line that does not zigzag is returned as it is, its centres unused.
    const calm = line.map((point) => ({ px: point.px, py: 40 + point.px / 4 }));
    expect(smoothZigzag(calm, centres)).toEqual(calm);
  });

  it('leaves a line that turns every few columns as it is', () => {
    const line = Array.from({ length: 40 }, (_, k) => ({
      px: 10 + k,
      py: 50 + (k % 6 < 3 ? k % 6 : 6 - (k % 6)),
    }));
    expect(smoothZigzag(line)).toEqual(line);
  });

  it('averages each point with its neighbours (1, 2, 1) where the line turns at every column', () => {
    const line = Array.from({ length: 20 }, (_, k) => ({ px: 10 + k, py: k % 2 ? 40 : 44 }));
    const smoothed = smoothZigzag(line);
    expect(smoothed[0]).toEqual(line[0]);
    expect(smoothed.at(-1)).toEqual(line.at(-1));
    for (const point of smoothed.slice(1, -1)) expect(point.py).toBeCloseTo(42, 6);
  });

  it('does not average across a gap', () => {
    const line = Array.from({ length: 20 }, (_, k) => ({
      px: 10 + k + (k >= 10 ? 20 : 0),
      py: k % 2 ? 40 : 44,
    }));
    const smoothed = smoothZigzag(line);
    expect(smoothed[9]).toEqual(line[9]);
    expect(smoothed[10]).toEqual(line[10]);
  });
});
