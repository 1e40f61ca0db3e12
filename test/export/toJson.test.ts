import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/export/toJson.js';
import type { ChartResult } from '../../src/types.js';

function chart(): ChartResult {
  return {
    source: 'samples/aime24.png',
    image: { width: 800, height: 600 },
    title: 'Benchmark: AIME24',
    plot: { left: 100, top: 72, right: 720, bottom: 534 },
    axes: {
      x: {
        label: 'Training Step',
        scale: 'linear',
        min: 0,
        max: 140,
        confidence: 0.95,
        ticks: [{ text: '0', value: 0, pixel: 126.5 }],
      },
      y: {
        label: 'Validation Score',
        scale: 'log',
        min: 0.001,
        max: 10,
        confidence: 0.9,
        ticks: [{ text: '10⁻³', value: 0.001, pixel: 534 }],
      },
    },
    series: [
      {
        name: 'GRPO',
        color: '#8ecae6',
        marker: 'circle',
        confidence: 0.9,
        points: [
          { x: 0, y: 0.125 },
          { x: 20, y: 0.165 },
        ],
      },
      { name: null, color: '#e76f51', marker: null, confidence: 0.5, points: [] },
    ],
    confidence: 0.63,
    warnings: ["y tick '0.1O0' could not be read and was ignored"],
  };
}

describe('toJson', () => {
  it('round-trips a result whose values are already at output precision', () => {
    const result = chart();
    const json = toJson(result);
    expect(JSON.parse(json)).toEqual(result);
  });

  it('indents by two spaces and orders keys as the contract does', () => {
    const shuffled = chart();
    const reversed = Object.fromEntries(Object.entries(shuffled).reverse()) as ChartResult;
    reversed.plot = { bottom: 534, right: 720, top: 72, left: 100 };
    const json = toJson(reversed);
    expect(json.startsWith('{\n  "source": "samples/aime24.png",\n  "image": {\n    "width"')).toBe(
      true,
    );
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed)).toEqual([
      'source',
      'image',
      'title',
      'plot',
      'axes',
      'series',
      'confidence',
      'warnings',
    ]);
    expect(Object.keys(parsed.plot)).toEqual(['left', 'top', 'right', 'bottom']);
    expect(Object.keys(parsed.axes.x)).toEqual([
      'label',
      'scale',
      'min',
      'max',
      'confidence',
      'ticks',
    ]);
    expect(Object.keys(parsed.axes.x.ticks[0])).toEqual(['text', 'value', 'pixel']);
    expect(Object.keys(parsed.series[0])).toEqual([
      'name',
      'color',
      'marker',
      'confidence',
      'points',
    ]);
    expect(json.endsWith('}')).toBe(true);
  });

  it('rounds data values to 6 significant digits, pixels to 0.1 px, confidence to 0.001', () => {
    const result = chart();
    result.plot = { left: 100.04, top: 71.96, right: 720.25, bottom: 534.0000001 };
    result.axes.x.ticks[0].pixel = 126.54321;
    result.axes.x.ticks[0].value = 1e-17;
    result.axes.y.min = 0.0012345678;
    result.series[0].confidence = 0.87654;
    result.series[0].points = [
      { x: 0.1 + 0.2, y: 0.123456789 },
      { x: 123.456789, y: 98765.4321 },
    ];
    const parsed = JSON.parse(toJson(result));
    expect(parsed.plot).toEqual({ left: 100, top: 72, right: 720.3, bottom: 534 });
    expect(parsed.axes.x.ticks[0]).toEqual({ text: '0', value: 1e-17, pixel: 126.5 });
    expect(parsed.axes.y.min).toBe(0.00123457);
    expect(parsed.series[0].confidence).toBe(0.877);
    expect(parsed.series[0].points).toEqual([
      { x: 0.3, y: 0.123457 },
      { x: 123.457, y: 98765.4 },
    ]);
  });

  it('keeps the digits a narrow linear axis far from zero needs', () => {
    const result = chart();
    // A day of Unix time: 6 significant digits would round to 10_000 s, a tenth of the axis.
    result.axes.x.min = 1_700_000_000;
    result.axes.x.max = 1_700_086_400;
    result.series[0].points = [{ x: 1_700_012_345.678_9, y: 0.5 }];
    const parsed = JSON.parse(toJson(result));
    expect(parsed.series[0].points[0].x).toBe(1_700_012_345.7);
  });

  it('keeps top-level fields outside the contract, after warnings', () => {
    const result = { ...chart(), timings: { totalMs: 12 } } as ChartResult;
    const parsed = JSON.parse(toJson(result));
    expect(Object.keys(parsed).at(-1)).toBe('timings');
    expect(parsed.timings).toEqual({ totalMs: 12 });
  });

  it('writes the legend box, axis grids and line styles where the result has them', () => {
    const result = chart();
    result.axes.x.grid = true;
    result.axes.y.grid = false;
    result.series[0].lineStyle = null;
    result.series[1].lineStyle = 'dashed';
    result.legend = { box: { left: 600.04, top: 400, right: 700, bottom: 450 } };
    const parsed = JSON.parse(toJson(result));
    expect(Object.keys(parsed.axes.x)).toEqual([
      'label',
      'scale',
      'min',
      'max',
      'confidence',
      'grid',
      'ticks',
    ]);
    expect([parsed.axes.x.grid, parsed.axes.y.grid]).toEqual([true, false]);
    expect(Object.keys(parsed.series[1]).slice(0, 4)).toEqual([
      'name',
      'color',
      'marker',
      'lineStyle',
    ]);
    expect(parsed.series.map((s: { lineStyle: unknown }) => s.lineStyle)).toEqual([null, 'dashed']);
    expect(Object.keys(parsed).at(-1)).toBe('legend');
    expect(parsed.legend).toEqual({ box: { left: 600, top: 400, right: 700, bottom: 450 } });
    expect(JSON.parse(toJson({ ...chart(), legend: null })).legend).toBeNull();
    // Absent from a result, absent from its JSON.
    expect(Object.keys(JSON.parse(toJson(chart())))).not.toContain('legend');
  });

  it("writes a category axis' names after its ticks", () => {
    const result = chart();
    result.axes.x = {
      ...result.axes.x,
      scale: 'category',
      min: -0.5,
      max: 2.5,
      ticks: [{ text: '7B', value: 0, pixel: 126.5 }],
      categories: ['7B', '13B', '70B'],
    };
    const parsed = JSON.parse(toJson(result));
    expect(Object.keys(parsed.axes.x).at(-1)).toBe('categories');
    expect(parsed.axes.x.categories).toEqual(['7B', '13B', '70B']);
    expect(Object.keys(parsed.axes.y)).not.toContain('categories');
  });

  it('refuses a number that JSON cannot hold, naming where it is', () => {
    const result = chart();
    result.series[0].points[1].y = Number.POSITIVE_INFINITY;
    expect(() => toJson(result)).toThrow(
      new RangeError('Expected finite number for series[0].points[1].y but received Infinity'),
    );
  });

  it('writes a figure: its charts in the contract order, each followed by its panel', () => {
    const panel = { label: '(a)', index: 0, box: { left: 0.04, top: 1, right: 400, bottom: 310 } };
    const json = toJson({
      warnings: [],
      charts: [{ ...chart(), from: 'raster', panel, page: 3 }],
      pages: 12,
      source: 'paper.pdf',
    });
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed)).toEqual(['source', 'pages', 'charts', 'warnings']);
    expect(Object.keys(parsed.charts[0]).slice(-4)).toEqual(['warnings', 'page', 'panel', 'from']);
    expect(parsed.charts[0].panel).toEqual({ ...panel, box: { ...panel.box, left: 0 } });
  });

  it('names the chart of a figure in the error about its field', () => {
    const bad = chart();
    bad.series[0].points[1].y = Number.NaN;
    const panel = { index: 0, label: null, box: bad.plot };
    expect(() => toJson({ source: null, charts: [{ ...bad, panel }], warnings: [] })).toThrow(
      'Expected finite number for charts[0].series[0].points[1].y but received NaN',
    );
  });
});
