import { kmeans } from 'ml-kmeans';
import { describe, expect, it } from 'vitest';
import { kmeansSeeds } from '../../src/separate/kmeansSeeds.js';

/** A small seeded generator, so the test data repeats. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `n` Lab-like colours around `k` centres, some repeated exactly (flat colours of a chart). */
function colours(n: number, k: number, seed: number): number[][] {
  const random = lcg(seed);
  const centres = Array.from({ length: k }, () => [
    random() * 100,
    random() * 80 - 40,
    random() * 80 - 40,
  ]);
  return Array.from({ length: n }, (_, i) => {
    const centre = centres[i % k];
    if (i % 3 === 0) return centre.slice();
    return centre.map((value) => value + (random() - 0.5) * 6);
  });
}

describe('kmeansSeeds', () => {
  it("gives ml-kmeans's own kmeans++ seeding: the same clusters to the bit", () => {
    for (const [n, k, seed] of [
      [500, 8, 1],
      [2000, 8, 1],
      [40, 3, 7],
      [12, 8, 2],
    ]) {
      const data = colours(n, Math.max(1, k - 2), seed);
      const seeds = kmeansSeeds(data, k, seed);
      expect(seeds).not.toBeNull();
      const own = kmeans(data, k, { seed, initialization: seeds ?? 'kmeans++', maxIterations: 50 });
      const theirs = kmeans(data, k, { seed, initialization: 'kmeans++', maxIterations: 50 });
      expect(own.centroids).toEqual(theirs.centroids);
      expect(own.clusters).toEqual(theirs.clusters);
      expect(own.iterations).toBe(theirs.iterations);
    }
  });

  it('seeds at points of the data, copied', () => {
    const data = colours(300, 4, 3);
    const seeds = kmeansSeeds(data, 4, 1) ?? [];
    expect(seeds).toHaveLength(4);
    for (const seed of seeds) {
      expect(data.some((point) => point !== seed && point.every((v, i) => v === seed[i]))).toBe(
        true,
      );
    }
  });

  it('leaves the seeding to ml-kmeans where every point is one colour (no probabilities)', () => {
    const data = Array.from({ length: 50 }, () => [50, 10, -10]);
    expect(kmeansSeeds(data, 3, 1)).toBeNull();
  });
});
