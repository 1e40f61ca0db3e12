import { describe, expect, it } from 'vitest';
import { minorTicksFilled } from '../../src/calibrate/axisConfidence.js';

/** The log line through 10^`k0` at `pixel0`, a decade every `decade` px. */
const line = (pixel0: number, k0: number, decade: number) => ({
  slope: 1 / decade,
  intercept: k0 - pixel0 / decade,
});

/** Tick marks at 1..9 x 10^k of `decades` decades, each `decade` px long, from `pixel0` on. */
function logMarks(pixel0: number, decade: number, decades: number): number[] {
  return Array.from({ length: decades }, (_, d) =>
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => pixel0 + decade * (d + Math.log10(m))),
  ).flat();
}

describe('minorTicksFilled', () => {
  const marks = logMarks(53, 106.75, 4);

  it('agrees where the marks between the labels are the fit’s 2..9 x 10^k', () => {
    const { intercept, slope } = line(53, 6, 106.75);
    expect(minorTicksFilled(intercept, slope, marks, [53, 373.25])).toBe('agree');
  });

  it('disagrees with a fit of decades a few pixels long, whose places the marks do not fill', () => {
    // `10^-6 10^9 10^14` at 53, 373 and 470 px: five decades a label
    const { intercept, slope } = line(53, -6, 320 / 15);
    expect(minorTicksFilled(intercept, slope, marks, [53, 373, 470])).toBe('disagree');
    // `10 10^9` at 267 and 373 px: eight decades in a label's step
    const { intercept: i8, slope: s8 } = line(267, 1, 106 / 8);
    expect(minorTicksFilled(i8, s8, marks, [267, 373])).toBe('disagree');
  });

  it('agrees with marks at unlabelled decades alone (every other decade labelled)', () => {
    const decadeMarks = [0, 1, 2, 3, 4, 5, 6].map((d) => 50 + 60 * d);
    const { intercept, slope } = line(50, 0, 60);
    expect(minorTicksFilled(intercept, slope, decadeMarks, [50, 170, 290, 410])).toBe('agree');
  });

  it('knows nothing from fewer than three marks between the labelled ticks', () => {
    const { intercept, slope } = line(53, 6, 106.75);
    expect(minorTicksFilled(intercept, slope, [], [53, 373.25])).toBe('unknown');
    // every minor labelled (Plotly's `2 3 4 ... 9`): no mark left between the labelled ticks
    const labelled = marks.filter((mark) => mark < 160);
    expect(minorTicksFilled(intercept, slope, labelled, labelled)).toBe('unknown');
  });
});
