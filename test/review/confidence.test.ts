import { describe, expect, it } from 'vitest';
import {
  chartConfidence,
  FACTORS,
  seriesConfidence,
  steepness,
} from '../../src/review/confidence.js';
import type { PixelPoint } from '../../src/types.js';

/** A traced line: one point per column over `columns`. */
const line = (columns: number[]): PixelPoint[] => columns.map((c) => ({ px: c + 0.5, py: 100 }));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
// A plot so high that no error costs anything: the factors apart from precision.
const base = {
  markers: false,
  plotWidth: 500,
  plotHeight: Number.POSITIVE_INFINITY,
  ticks: 5,
  unlisted: false,
  explained: 1,
};

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

  it('falls for a series drawn in the colour of another', () => {
    const points = line(range(0, 500));
    expect(seriesConfidence({ ...base, points, sharedColor: true })).toBe(FACTORS.sharedColor);
  });

  it('costs a series a colour beside it taken for its halo', () => {
    const points = line(range(0, 500));
    expect(seriesConfidence({ ...base, points, haloed: true })).toBe(FACTORS.haloed);
  });

  it('falls with the share of the score its expected error costs on a plot that high', () => {
    const points = line(range(0, 500));
    // A clean line: about linePx off, on a plot 400 px high.
    const loss = (px: number, height: number) =>
      (FACTORS.precision * px) / (FACTORS.zeroAt * height);
    const clean = seriesConfidence({ ...base, points, plotHeight: 400 });
    expect(clean).toBeCloseTo(1 - loss(FACTORS.linePx, 400), 6);
    // The same line on a plot a third as high is three times as unsure.
    const low = seriesConfidence({ ...base, points, plotHeight: 400 / 3 });
    expect(1 - low).toBeCloseTo(3 * (1 - clean), 6);
    // Ink 2 px beyond the trace in its columns (a noisy curve) adds to the expected error.
    const noisy = seriesConfidence({ ...base, points, plotHeight: 400, spread: 2 });
    expect(noisy).toBeCloseTo(1 - loss(FACTORS.linePx + 2 * FACTORS.perExcessPx, 400), 6);
    // Markers: their centres' error, whatever the spread.
    const marks = range(0, 11).map((i) => ({ px: 20 + 40 * i, py: 100 }));
    const markers = seriesConfidence({ ...base, points: marks, markers: true, plotHeight: 400 });
    expect(markers).toBeCloseTo(1 - loss(FACTORS.markerPx, 400), 6);
    // Markers on steep segments: an error across costs the slope times as much up or down.
    const zigzag = range(0, 11).map((i) => ({ px: 20 + 40 * i, py: 100 + (i % 2) * 120 }));
    const steep = seriesConfidence({ ...base, points: zigzag, markers: true, plotHeight: 400 });
    expect(steep).toBeCloseTo(1 - loss(FACTORS.markerPx * Math.sqrt(1 + 3 * 3), 400), 6);
    // No confidence below 0 on a tiny plot.
    expect(seriesConfidence({ ...base, points, plotHeight: 10 })).toBe(0);
  });
});

describe('steepness', () => {
  it('is 1 along a flat line and for a single marker', () => {
    expect(steepness([{ px: 0, py: 5 }])).toBe(1);
    expect(steepness(range(0, 5).map((i) => ({ px: 10 * i, py: 5 })))).toBe(1);
  });

  it("averages sqrt(1 + s^2) over markers, s their segments' mean slope, at most steepest", () => {
    // Slopes 1 then 0: the middle marker's mean slope is 0.5.
    const bent = [
      { px: 0, py: 0 },
      { px: 10, py: 10 },
      { px: 20, py: 10 },
    ];
    expect(steepness(bent)).toBeCloseTo((Math.SQRT2 + Math.sqrt(1.25) + 1) / 3, 6);
    // A jump of 1000 px over 1 px counts as `steepest`.
    const jump = [
      { px: 0, py: 0 },
      { px: 1, py: 1000 },
    ];
    expect(steepness(jump)).toBeCloseTo(Math.sqrt(1 + FACTORS.steepest ** 2), 6);
  });
});

describe('chartConfidence', () => {
  const series = [{ confidence: 1 }, { confidence: 0.8 }];

  it('is the least sure axis times the mean of the series', () => {
    expect(chartConfidence({ axes: [0.9, 1], series })).toBe(0.81);
    expect(chartConfidence({ axes: [1, 1], series: [] })).toBe(0);
  });

  it('counts a legend entry with no series as a series of confidence 0', () => {
    expect(chartConfidence({ axes: [1, 1], series, missing: 1 })).toBe(0.6);
  });

  it('falls where the plot box is an estimate', () => {
    expect(chartConfidence({ axes: [1, 1], series, plotEstimated: true })).toBe(
      Math.round(0.9 * FACTORS.estimatedPlot * 1000) / 1000,
    );
  });
});
