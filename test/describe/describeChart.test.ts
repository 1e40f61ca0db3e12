import { describe, expect, it } from 'vitest';
import { describeChart } from '../../src/describe/describeChart.js';
import type { ChartResult, SeriesResult } from '../../src/types.js';

/** A 600 x 400 px plot over x -7..147 and y 0.07..0.23, ticks as on the sample chart. */
function chart(series: SeriesResult[], extra: Partial<ChartResult> = {}): ChartResult {
  return {
    source: 'chart.png',
    image: { width: 800, height: 600 },
    title: 'Benchmark',
    plot: { left: 100, top: 50, right: 700, bottom: 450 },
    axes: {
      x: {
        label: 'Training Step',
        scale: 'linear',
        min: -7,
        max: 147,
        confidence: 1,
        ticks: [0, 20, 40, 60, 80, 100, 120, 140].map((value) => ({
          text: String(value),
          value,
          pixel: 0,
        })),
        grid: true,
      },
      y: {
        label: 'Score',
        scale: 'linear',
        min: 0.07,
        max: 0.23,
        confidence: 1,
        ticks: [0.075, 0.1, 0.125, 0.15, 0.175, 0.2, 0.225].map((value) => ({
          text: value.toFixed(3),
          value,
          pixel: 0,
        })),
        grid: false,
      },
    },
    series,
    confidence: 1,
    warnings: [],
    legend: { box: { left: 560, top: 370, right: 690, bottom: 440 } },
    ...extra,
  };
}

function series(
  name: string | null,
  xs: number[],
  ys: number[],
  more: Partial<SeriesResult> = {},
): SeriesResult {
  return {
    name,
    color: '#6fa8dc',
    marker: 'circle',
    confidence: 1,
    points: xs.map((x, i) => ({ x, y: ys[i] })),
    ...more,
  };
}

const steps = [0, 20, 40, 60, 80, 100, 120, 140];
// As read: a few thousandths of a step and a ten-thousandth of a score off.
const grpo = series(
  'GRPO',
  steps.map((x) => x + 0.04),
  [0.1251, 0.1649, 0.1301, 0.1602, 0.1349, 0.1701, 0.1299, 0.1601],
);
const mel = series(
  'MEL',
  steps.map((x) => x - 0.03),
  [0.0749, 0.1302, 0.0998, 0.1501, 0.2251, 0.1702, 0.1749, 0.1998],
  { color: '#ea7a7a', marker: 'triangle-up' },
);

describe('describeChart', () => {
  const facts = describeChart(chart([grpo, mel]));

  it('gives the axes their tick span, limits, grid and the step values are stated to', () => {
    expect(facts.axes.x).toMatchObject({
      label: 'Training Step',
      limits: { min: -7, max: 147 },
      ticks: { values: steps, every: 20 },
      data: { min: 0, max: 140 },
      grid: true,
      resolution: { step: 1 },
    });
    expect(facts.axes.y).toMatchObject({
      ticks: { every: 0.025 },
      grid: false,
      resolution: { step: 0.001 },
    });
    expect(facts.title).toEqual({ text: 'Benchmark', position: 'above the plot' });
  });

  it('names the legend entries and where the legend is', () => {
    expect(facts.legend?.place?.words).toBe('bottom-right corner');
    expect(facts.legend?.entries).toEqual([
      {
        label: 'GRPO',
        name: 'GRPO',
        color: '#6fa8dc',
        colorName: 'light blue',
        marker: 'circle',
        lineStyle: null,
      },
      {
        label: 'MEL',
        name: 'MEL',
        color: '#ea7a7a',
        colorName: 'light red',
        marker: 'triangle-up',
        lineStyle: null,
      },
    ]);
  });

  it("states each series' values at the ticks, its extremes and its ends, rounded to the axes", () => {
    const [g, m] = facts.series;
    expect(g.atTicks.map((t) => t.y)).toEqual([0.125, 0.165, 0.13, 0.16, 0.135, 0.17, 0.13, 0.16]);
    expect(g.atTicks.every((t) => !t.interpolated)).toBe(true);
    expect(m.maximum).toEqual({ y: 0.225, xs: [80] });
    expect(m.minimum).toEqual({ y: 0.075, xs: [0] });
    expect(m.start).toEqual({ x: 0, y: 0.075 });
    expect(m.end).toEqual({ x: 140, y: 0.2 });
    expect(m.overall).toBe('higher');
    expect(g.trend).toBe('oscillating');
    expect(m.turns.filter((t) => t.kind === 'peak')).toEqual([
      { x: 20, y: 0.13, kind: 'peak', spike: false },
      { x: 80, y: 0.225, kind: 'peak', spike: false },
    ]);
  });

  it('says which series is above where, where they cross and which varies more', () => {
    expect(facts.comparisons).toEqual([
      {
        a: 'GRPO',
        b: 'MEL',
        stretches: [
          { higher: 'GRPO', from: 0, to: 60, xs: [0, 20, 40, 60] },
          { higher: 'MEL', from: 80, to: 80, xs: [80] },
          { higher: null, from: 100, to: 100, xs: [100] },
          { higher: 'MEL', from: 120, to: 140, xs: [120, 140] },
        ],
        crossings: [{ x: 62, after: 60, before: 80 }],
        variesMore: 'MEL',
      },
    ]);
    expect(facts.highest).toEqual([{ label: 'MEL', y: 0.225, xs: [80] }]);
    expect(facts.lowest).toEqual([{ label: 'MEL', y: 0.075, xs: [0] }]);
  });

  it('reads a tick between two markers on the line joining them', () => {
    const sparse = series('sparse', [0, 50, 100, 150], [0.1, 0.2, 0.1, 0.2]);
    const [s] = describeChart(chart([sparse])).series;
    const at20 = s.atTicks.find((t) => t.x === 20);
    expect(at20).toEqual({ x: 20, y: 0.14, interpolated: true });
    expect(s.atTicks.find((t) => t.x === 100)).toEqual({ x: 100, y: 0.1, interpolated: false });
  });

  it('gives no value at a tick in a gap of a bare line', () => {
    const xs = [
      ...Array.from({ length: 100 }, (_, i) => i * 0.25),
      ...Array.from({ length: 100 }, (_, i) => 50 + i * 0.25),
    ];
    const line = series(
      null,
      xs,
      xs.map(() => 0.15),
      { marker: null, lineStyle: 'dashed' },
    );
    const facts = describeChart(chart([line], { legend: null }));
    const [s] = facts.series;
    expect(s.atTicks.find((t) => t.x === 40)).toEqual({ x: 40, y: null, interpolated: true });
    expect(s.atTicks.find((t) => t.x === 60)).toEqual({ x: 60, y: 0.15, interpolated: true });
    expect(s.label).toBe('series 1');
    expect(s.lineStyle).toBe('dashed');
    expect(s.trend).toBe('flat');
    expect(facts.legend).toBeNull();
  });

  it('tells a spike apart from the trend', () => {
    const xs = Array.from({ length: 281 }, (_, i) => i / 2);
    const ys = xs.map((x) => (x === 70 ? 0.22 : 0.1 + x * 0.0005));
    const [s] = describeChart(chart([series('loss', xs, ys, { marker: null })])).series;
    expect(s.trend).toBe('rising');
    expect(s.turns.filter((t) => t.spike)).toEqual([{ x: 70, y: 0.22, kind: 'peak', spike: true }]);
  });

  it('lists every place a series reaches its maximum, within the y resolution', () => {
    const twin = series('twin', [0, 20, 40, 60, 80], [0.1, 0.2, 0.1, 0.2004, 0.1]);
    const [s] = describeChart(chart([twin])).series;
    expect(s.maximum).toEqual({ y: 0.2, xs: [20, 60] });
  });

  it('names every series level with the highest value of the chart', () => {
    const a = series('a', [0, 140], [0.1, 0.2]);
    const b = series('b', [0, 140], [0.2002, 0.1]);
    expect(describeChart(chart([a, b])).highest.map((h) => h.label)).toEqual(['a', 'b']);
  });

  it('keeps a series without points out of the analysis', () => {
    const facts = describeChart(chart([grpo, series('none', [], [])]));
    expect(facts.series.map((s) => s.label)).toEqual(['GRPO']);
    expect(facts.empty).toEqual(['none']);
  });

  it('rounds values on a log axis to their own magnitude', () => {
    const log = chart([series('err', [0, 70, 140], [0.5, 0.0123, 0.00123])]);
    log.axes.y = { ...log.axes.y, scale: 'log', min: 0.001, max: 1, ticks: [] };
    const [s] = describeChart(log).series;
    // Three decades over 400 px: a pixel is 1.7% of the value; two of them, 0.00004 at 0.00123.
    expect(s.atTicks.find((t) => t.x === 140)?.y).toBe(0.0012);
    expect(s.start.y).toBe(0.5);
    expect(describeChart(log).axes.y.resolution.step).toBeNull();
  });

  it('throws a TypeError for what is not a chart result', () => {
    expect(() => describeChart(null as unknown as ChartResult)).toThrow(
      new TypeError('Expected a chart result for chart but received null'),
    );
  });
});
