import { describe, expect, it } from 'vitest';
import {
  makeAxisScale,
  onLogTick,
  scaleAxis,
  scaleFromLimits,
} from '../../src/calibrate/axisScale.js';
import type { AxisResult } from '../../src/types.js';

describe('makeAxisScale', () => {
  it('maps pixels to data and back on a linear axis', () => {
    // 0 at px 100, 10 at px 300.
    const scale = makeAxisScale('linear', -5, 0.05, []);
    expect(scale.pixelToData(100)).toBeCloseTo(0, 12);
    expect(scale.pixelToData(300)).toBeCloseTo(10, 12);
    expect(scale.dataToPixel(2.5)).toBeCloseTo(150, 9);
  });

  it('maps in log10 on a log axis, and a value <= 0 to no finite pixel', () => {
    // 1 at py 400, 1000 at py 100 (100 px per decade, upwards).
    const scale = makeAxisScale('log', 4, -0.01, []);
    expect(scale.pixelToData(400)).toBeCloseTo(1, 12);
    expect(scale.pixelToData(100)).toBeCloseTo(1000, 9);
    expect(scale.dataToPixel(10)).toBeCloseTo(300, 9);
    expect(Number.isFinite(scale.dataToPixel(0))).toBe(false);
    expect(Number.isFinite(scale.dataToPixel(-1))).toBe(false);
  });
});

describe('scaleAxis', () => {
  it('multiplies every value, ticks included, on linear and log axes', () => {
    const tick = { text: '2', value: 2, pixel: 140 };
    const linear = scaleAxis(makeAxisScale('linear', -5, 0.05, [tick]), 1e6);
    expect(linear.pixelToData(140)).toBeCloseTo(2e6, 3);
    expect(linear.ticks[0].value).toBe(2e6);
    const log = scaleAxis(makeAxisScale('log', 4, -0.01, [tick]), 1e-3);
    expect(log.pixelToData(300)).toBeCloseTo(0.01, 12);
  });

  it('returns the axis itself for a factor of 1', () => {
    const axis = makeAxisScale('linear', 0, 1, []);
    expect(scaleAxis(axis, 1)).toBe(axis);
  });
});

describe('scaleFromLimits', () => {
  const axis = (scale: 'linear' | 'log', min: number, max: number): AxisResult => ({
    label: null,
    scale,
    min,
    max,
    confidence: 1,
    ticks: [],
  });

  it('puts min at the first pixel and max at the second, as the fitted scale did', () => {
    const fitted = makeAxisScale('log', 4, -0.01, []);
    const [bottom, top] = [420, 80];
    const limits = axis('log', fitted.pixelToData(bottom), fitted.pixelToData(top));
    const scale = scaleFromLimits(limits, bottom, top);
    for (const value of [1, 3, 10, 250]) {
      expect(scale.dataToPixel(value)).toBeCloseTo(fitted.dataToPixel(value), 9);
    }
    expect(scaleFromLimits(axis('linear', -1, 1), 10, 110).dataToPixel(0)).toBeCloseTo(60, 12);
  });

  it('maps nothing to a finite pixel on an axis whose limits cannot be placed', () => {
    for (const limits of [axis('linear', 2, 2), axis('log', 0, 10), axis('log', -1, 10)]) {
      const scale = scaleFromLimits(limits, 0, 100);
      expect([1, 2, 5].map((v) => Number.isFinite(scale.dataToPixel(v)))).toEqual([
        false,
        false,
        false,
      ]);
    }
  });
});

describe('onLogTick', () => {
  it('accepts what log axes label (1 to 9 times a power of ten), nothing else', () => {
    for (const value of [1, 10, 1e-3, 2e6, 5, 0.3, 30, 9e-7, 0.001, 0.2]) {
      expect(onLogTick(value)).toBe(true);
    }
    for (const value of [125e6, 350e6, 1.3e9, 2.7e9, 0.15, 25, 0, -10, Number.NaN]) {
      expect(onLogTick(value)).toBe(false);
    }
  });
});
