import { describe, expect, it } from 'vitest';
import { resolutionOf, roundAt, stepAt } from '../../src/describe/resolution.js';

describe('resolution', () => {
  it('states values to the power of ten not finer than the pixels asked for', () => {
    // The sample chart's y axis: 0.16 over 503 px, 0.00032 per pixel.
    const y = resolutionOf({ scale: 'linear', min: 0.0698, max: 0.23 }, 503, 2);
    expect(y.pixel).toBeCloseTo(0.000318, 6);
    expect(stepAt(y, 0.17)).toBe(0.001);
    expect(roundAt(y, 0.16513)).toBe(0.165);
    // Its x axis: 154 over 700 px.
    const x = resolutionOf({ scale: 'linear', min: -7, max: 147 }, 700, 1);
    expect(stepAt(x, 80)).toBe(1);
    expect(roundAt(x, 79.989)).toBe(80);
  });

  it('rounds to tens and hundreds on a wide axis', () => {
    const axis = resolutionOf({ scale: 'linear', min: 0, max: 30_000 }, 500, 1);
    expect(stepAt(axis, 12_345)).toBe(100);
    expect(roundAt(axis, 12_345)).toBe(12_300);
  });

  it('grows the step with the value on a log axis', () => {
    // Four decades over 400 px: a pixel is 1% of the value.
    const axis = resolutionOf({ scale: 'log', min: 0.001, max: 10 }, 400, 1);
    expect(stepAt(axis, 0.0123)).toBe(0.001);
    expect(stepAt(axis, 5.67)).toBe(1);
    expect(roundAt(axis, 0.01234)).toBe(0.012);
  });

  it('refuses an axis with no length or no span', () => {
    expect(() => resolutionOf({ scale: 'linear', min: 0, max: 1 }, 0, 1)).toThrow(
      new RangeError('Expected positive number for the axis length but received 0'),
    );
    expect(() => resolutionOf({ scale: 'log', min: 0, max: 1 }, 100, 1)).toThrow(RangeError);
  });
});
