import { describe, expect, it } from 'vitest';
import { type AxisEvidence, axisConfidence } from '../../src/calibrate/axisConfidence.js';

/**
 * A log x axis labelled 10^2 .. 10^6 every 77 px from 67 px (decade 77 px), read right: five
 * labels, all agreeing, OCR sure.
 */
function logEvidence(marks: number[]): AxisEvidence {
  const tickPixels = [67, 144, 221, 298, 375];
  return {
    scale: 'log',
    slope: 1 / 77,
    intercept: 2 - 67 / 77,
    labels: 5,
    inliers: 5,
    error: 0,
    repairs: 0,
    unvouched: 0,
    grouping: 'no',
    upright: true,
    ambiguous: false,
    ocr: 1,
    marks,
    tickPixels,
  };
}

describe('axisConfidence on a log axis and its minor tick marks', () => {
  it('is not doubted for a few stray marks between the labelled ticks', () => {
    // three marks over four decades (a speck, a grid line's end, a data mark), none at
    // 2..9 x 10^k: too few to be minor ticks, which come eight to a decade
    expect(axisConfidence(logEvidence([67, 144, 221, 226, 298, 347, 370, 375]))).toBe(1);
  });

  it('is doubted where minor tick marks lie off its 2..9 x 10^k', () => {
    // eight marks a decade, evenly spaced: a linear axis's minor ticks, not a log one's
    const marks = [0, 1, 2, 3].flatMap((d) =>
      [1, 2, 3, 4, 5, 6, 7, 8].map((m) => 67 + 77 * d + (77 * m) / 9),
    );
    expect(axisConfidence(logEvidence(marks))).toBe(0.5);
  });

  it('is trusted where the minor tick marks lie at its 2..9 x 10^k', () => {
    const marks = [0, 1, 2, 3].flatMap((d) =>
      [2, 3, 4, 5, 6, 7, 8, 9].map((m) => 67 + 77 * (d + Math.log10(m))),
    );
    expect(axisConfidence(logEvidence(marks))).toBe(1);
  });
});
