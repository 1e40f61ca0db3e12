import { describe, expect, it } from 'vitest';
import { nameSharedSeries } from '../../src/figure/sharedLegend.js';
import type { ChartResult, SeriesResult } from '../../src/types.js';

function series(name: string | null, color: string): SeriesResult {
  return { name, color, marker: null, confidence: 1, points: [] };
}

function chartOf(...drawn: SeriesResult[]): ChartResult {
  const axis = { label: null, scale: 'linear' as const, min: 0, max: 1, confidence: 1, ticks: [] };
  return {
    source: null,
    image: { width: 10, height: 10 },
    title: null,
    plot: { left: 0, top: 0, right: 10, bottom: 10 },
    axes: { x: axis, y: axis },
    series: drawn,
    confidence: 1,
    warnings: [],
  };
}

const names = (charts: ChartResult[]) => charts.map((c) => c.series.map((s) => s.name));

describe('nameSharedSeries', () => {
  it('names a panel’s series from the legend another panel read, by colour', () => {
    const charts = [
      chartOf(series(null, '#1f77b5'), series(null, '#ff7f0e')),
      chartOf(series('Train', '#1f77b4'), series('Test', '#ff7f0d'), series('Val', '#2ca02c')),
    ];
    expect(names(nameSharedSeries(charts))).toEqual([
      ['Train', 'Test'],
      ['Train', 'Test', 'Val'],
    ]);
  });

  it('leaves a series unnamed where no named series has its colour, or its name is taken', () => {
    const charts = [
      chartOf(series(null, '#d62728'), series('Train', '#9467bd'), series(null, '#1f77b4')),
      chartOf(series('Train', '#1f77b4')),
    ];
    expect(names(nameSharedSeries(charts))[0]).toEqual([null, 'Train', null]);
  });
  it('names series from a legend outside the panels by its samples’ colours, read lighter', () => {
    const charts = [
      chartOf(series(null, '#e41a1c'), series(null, '#377eb8')),
      chartOf(series(null, '#377eb8'), series('Own', '#4daf4a')),
    ];
    const outside = {
      colors: [
        [104, 158, 202],
        [235, 83, 84],
      ] as [number, number, number][],
      names: ['Blue', 'Red'],
    };
    expect(names(nameSharedSeries(charts, outside))).toEqual([
      ['Red', 'Blue'],
      ['Blue', 'Own'],
    ]);
  });
});
