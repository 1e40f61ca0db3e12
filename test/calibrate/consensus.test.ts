import { describe, expect, it } from 'vitest';
import { niceStep } from '../../src/calibrate/consensus.js';

describe('niceStep', () => {
  it('takes the steps engines put between neighbouring labels, 1 2 2.5 5 times a power of ten', () => {
    expect(niceStep(-0.001 / 86, 86, [0.006, 0.005])).toBe(true);
    expect(niceStep(25 / 100, 100, [0, 25, 50])).toBe(true);
    expect(niceStep(2000 / 81, 81, [2000, 4000])).toBe(true);
    // a spacing measured a pixel off
    expect(niceStep(0.5 / 80, 81, [1, 1.5])).toBe(true);
  });

  it('refuses other steps, and labels off the step', () => {
    // 9.433432 over 0.4323: two misread labels make a line as exactly
    expect(niceStep(-9.001132 / 86, 86, [9.433432, 0.4323])).toBe(false);
    expect(niceStep(3 / 100, 100, [3, 6])).toBe(false);
    expect(niceStep(1 / 100, 100, [0.3, 1.3])).toBe(false);
    expect(niceStep(0, 100, [1, 1])).toBe(false);
    expect(niceStep(1, Number.POSITIVE_INFINITY, [1, 2])).toBe(false);
  });
});
