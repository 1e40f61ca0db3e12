import { describe, expect, it } from 'vitest';
import { seedCenters, seededRandom } from '../../src/separate/seedCenters.js';

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, others for another, all in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});

describe('seedCenters', () => {
  // Four tight groups of points, far apart, of very different sizes.
  const groups = [
    [0, 0, 0],
    [100, 0, 0],
    [0, 100, 0],
    [0, 0, 100],
  ];
  const points = groups.flatMap((g, j) =>
    Array.from({ length: 10 + 300 * j }, (_, i) => g.map((v, d) => v + ((i * (d + 3)) % 5) - 2)),
  );

  it('starts one centre in each far-apart group, the small group too', () => {
    for (const seed of [1, 2, 3, 42]) {
      const centers = seedCenters(points, 4, seed);
      expect(centers).toHaveLength(4);
      const found = groups.map((g) =>
        centers.some((c) => c.every((v, d) => Math.abs(v - g[d]) <= 2)),
      );
      expect(found).toEqual([true, true, true, true]);
    }
  });

  it('is deterministic for a seed, and copies the points it picks', () => {
    const a = seedCenters(points, 3, 5);
    expect(seedCenters(points, 3, 5)).toEqual(a);
    a[0][0] = -1e9;
    expect(points.some((p) => p[0] === -1e9)).toBe(false);
  });

  it('gives k centres when all points coincide, and none for no points', () => {
    const same = Array.from({ length: 5 }, () => [1, 2, 3]);
    expect(seedCenters(same, 3, 1)).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(seedCenters([], 3, 1)).toEqual([]);
  });
});
