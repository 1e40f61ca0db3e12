import { describe, expect, it } from 'vitest';
import { calibrateAxis } from '../../src/calibrate/calibrateAxis.js';
import type { Word } from '../../src/types.js';

/** A y tick label centred on `pixel`. */
const label = (text: string, pixel: number): Word => ({
  text,
  confidence: 100,
  box: { left: 10, right: 30, top: pixel - 5, bottom: pixel + 5 },
});

describe('calibrateAxis', () => {
  it('puts back decimal points that OCR lost, even when most labels lost theirs', () => {
    const texts = ['2.4', '2.2', '2.0', '18', '16', '14', '12', '10'];
    const words = texts.map((text, i) => label(text, 40 + 54 * i));
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('linear');
    expect(axis?.ticks).toHaveLength(8);
    expect(axis?.pixelToData(40 + 54 * 7)).toBeCloseTo(1.0, 6);
    expect(warnings).toContain("y tick '18' was read as '1.8': its decimal point was lost");
  });

  it('keeps whole numbers as read', () => {
    const words = ['10', '20', '30', '40'].map((text, i) => label(text, 300 - 50 * i));
    const { axis, warnings } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.pixelToData(100)).toBeCloseTo(50, 6);
    expect(warnings).toEqual([]);
  });

  it('chooses log for two decade labels written plainly', () => {
    const words = [label('1', 120), label('0.1', 300)];
    const { axis } = calibrateAxis({ axis: 'y', words, marks: [] });
    expect(axis?.scale).toBe('log');
    expect(axis?.pixelToData(210)).toBeCloseTo(Math.sqrt(0.1), 6);
  });
});
