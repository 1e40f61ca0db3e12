import { describe, expect, it } from 'vitest';
import { seriesConfidence } from '../../src/review/seriesConfidence.js';
import type { PixelPoint } from '../../src/types.js';

/** A traced line: one point per column over `columns`. */
const line = (columns: number[]): PixelPoint[] => columns.map((c) => ({ px: c + 0.5, py: 100 }));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const base = { markers: false, plotWidth: 500, ticks: 5, unlisted: false, explained: 1 };

describe('seriesConfidence', () => {
  it('is 1 for a line seen all along, and for a dashed one', () => {
    expect(seriesConfidence({ ...base, points: line(range(0, 500)) })).toBe(1);
    // Dashes 6 px long with 4 px gaps: narrow gaps are not unseen stretches.
    const dashed = line(range(0, 500).filter((c) => c % 10 < 6));
    expect(seriesConfidence({ ...base, points: dashed })).toBe(1);
  });

  it('drops by the share of the span bridged over wide gaps', () => {
    // 100 of 400 columns missing in one stretch.
    const points = line([...range(0, 150), ...range(250, 400)]);
    expect(seriesConfidence({ ...base, points })).toBeCloseTo(1 - 101 / 399, 6);
  });

  it('is the share of evenly spaced markers found', () => {
    // Markers every 40 px from 20 to 420 (11), two of them missing.
    const points = range(0, 11)
      .filter((i) => i !== 3 && i !== 7)
      .map((i) => ({ px: 20 + 40 * i, py: 100 }));
    expect(seriesConfidence({ ...base, markers: true, points })).toBeCloseTo(9 / 11, 6);
  });

  it('halves for an axis read from two ticks, and for a colour the legend does not list', () => {
    const points = line(range(0, 500));
    expect(seriesConfidence({ ...base, points, ticks: 2 })).toBe(0.5);
    expect(seriesConfidence({ ...base, points, unlisted: true })).toBe(0.5);
    expect(seriesConfidence({ ...base, points, ticks: 2, unlisted: true })).toBe(0.25);
  });

  it("halves for a legend name that may be another series'", () => {
    const points = line(range(0, 500));
    expect(seriesConfidence({ ...base, points, misnamed: true })).toBe(0.5);
  });

  it('falls with the share of the ink the trace leaves out', () => {
    const points = line(range(0, 500));
    expect(seriesConfidence({ ...base, points, explained: 0.95 })).toBe(1);
    expect(seriesConfidence({ ...base, points, explained: 0.775 })).toBeCloseTo(0.5, 6);
    expect(seriesConfidence({ ...base, points, explained: 0.5 })).toBe(0);
  });
});
