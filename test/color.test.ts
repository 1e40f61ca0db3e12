import { describe, expect, it } from 'vitest';
import { colorDistance, deltaE2000, type Lab, mostCommonColor } from '../src/color.js';

describe('deltaE2000', () => {
  // Pairs and differences from the test data of Sharma, Wu and Dalal (2005), table 1.
  const pairs: Array<[Lab, Lab, number]> = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.49, -0.001], [50, -2.49, 0.0009], 7.1792],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[50, 2.5, 0], [61, -5, 29], 22.8977],
    [[50, 2.5, 0], [56, -27, -3], 31.903],
    [[50, 2.5, 0], [58, 24, 15], 19.4535],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
  ];

  it.each(pairs)('matches the published difference of %j and %j', (a, b, expected) => {
    expect(deltaE2000(a, b)).toBeCloseTo(expected, 4);
    expect(deltaE2000(b, a)).toBeCloseTo(expected, 4);
  });

  it('is 0 between a colour and itself', () => {
    expect(deltaE2000([62, 20, -30], [62, 20, -30])).toBe(0);
  });
});

describe('mostCommonColor', () => {
  /** Pixel data of the colours given (one grey level each), and every pixel's offset. */
  const pixels = (greys: number[]) => ({
    data: Uint8Array.from(greys.flatMap((g) => [g, g, g])),
    offsets: greys.map((_, i) => i * 3),
  });

  it('gives the commonest colour, runs or scattered', () => {
    const { data, offsets } = pixels([5, 9, 9, 5, 7, 9, 5, 5]);
    expect(mostCommonColor(data, offsets)).toEqual([5, 5, 5]);
  });

  it('breaks a tie for the colour that reached the count first', () => {
    const { data, offsets } = pixels([1, 1, 1, 2, 2, 2, 2, 1]);
    expect(mostCommonColor(data, offsets)).toEqual([2, 2, 2]);
    const other = pixels([2, 1, 1, 2, 1, 2]);
    expect(mostCommonColor(other.data, other.offsets)).toEqual([1, 1, 1]);
  });
});

describe('colorDistance', () => {
  it('is the largest difference of one channel, either way round', () => {
    expect(colorDistance([10, 200, 30], [40, 190, 30])).toBe(30);
    expect(colorDistance([40, 190, 30], [10, 200, 30])).toBe(30);
    expect(colorDistance([85, 85, 85], [85, 85, 85])).toBe(0);
  });
});
