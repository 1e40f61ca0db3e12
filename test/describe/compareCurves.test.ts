import { describe, expect, it } from 'vitest';
import { compareCurves } from '../../src/describe/compareCurves.js';
import type { Curve } from '../../src/describe/curve.js';

const markers = (xs: number[], ys: number[]): Curve => ({
  xs,
  ys,
  maxGap: Number.POSITIVE_INFINITY,
});
const level = { sameX: 0.5, tolerance: () => 0.001 };

describe('compareCurves', () => {
  // The sample chart's series: GRPO above MEL up to step 60, MEL above from 80, level at 100.
  const steps = [0, 20, 40, 60, 80, 100, 120, 140];
  const grpo = markers(steps, [0.125, 0.165, 0.13, 0.16, 0.135, 0.17, 0.13, 0.16]);
  const mel = markers(steps, [0.075, 0.13, 0.1, 0.15, 0.225, 0.17, 0.175, 0.2]);

  it('tells which is above at each x, and where they are level', () => {
    const { stretches } = compareCurves(grpo, mel, level);
    expect(stretches).toEqual([
      { higher: 'a', xs: [0, 20, 40, 60] },
      { higher: 'b', xs: [80] },
      { higher: null, xs: [100] },
      { higher: 'b', xs: [120, 140] },
    ]);
  });

  it('finds a crossing where the difference passes zero, and none where they only meet', () => {
    const { crossings } = compareCurves(grpo, mel, level);
    // 0.16 - 0.15 = 0.01 at 60, 0.135 - 0.225 = -0.09 at 80: zero at 62.
    expect(crossings).toHaveLength(1);
    expect(crossings[0].x).toBeCloseTo(62, 9);
    expect(crossings[0]).toMatchObject({ after: 60, before: 80 });
  });

  it('finds a crossing through a level stretch', () => {
    const a = markers([0, 1, 2, 3, 4], [2, 1.0005, 1, 0.9995, 0]);
    const b = markers([0, 1, 2, 3, 4], [1, 1, 1, 1, 1]);
    const { stretches, crossings } = compareCurves(a, b, level);
    expect(stretches.map((s) => s.higher)).toEqual(['a', null, 'b']);
    expect(crossings).toHaveLength(1);
    expect(crossings[0]).toMatchObject({ after: 0, before: 4 });
    // The difference is 0 at x = 2.
    expect(crossings[0].x).toBeCloseTo(2, 9);
  });

  it('compares at the points of both, merging x closer than sameX, over the span they share', () => {
    const a = markers([0, 10, 20], [1, 1, 1]);
    const b = markers([5, 10.2, 30], [0, 0, 0]);
    const { stretches } = compareCurves(a, b, level);
    expect(stretches).toEqual([{ higher: 'a', xs: [5, 10.1, 20] }]);
  });

  it('leaves out places where a line has a gap', () => {
    const a: Curve = { xs: [0, 1, 2, 8, 9, 10], ys: [2, 2, 2, 0, 0, 0], maxGap: 1.5 };
    const b = markers([0, 10], [1, 1]);
    const { stretches, crossings } = compareCurves(a, b, level);
    expect(stretches).toEqual([
      { higher: 'a', xs: [0, 1, 2] },
      { higher: 'b', xs: [8, 9, 10] },
    ]);
    // The crossing lies somewhere in the gap.
    expect(crossings).toHaveLength(1);
    expect(crossings[0].x).toBeGreaterThan(2);
    expect(crossings[0].x).toBeLessThan(8);
  });

  it('returns nothing for curves that share no x', () => {
    expect(compareCurves(markers([0, 1], [0, 0]), markers([2, 3], [1, 1]), level)).toEqual({
      stretches: [],
      crossings: [],
    });
  });
});
