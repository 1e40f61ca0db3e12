import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createDigitizer } from '../src/digitize.js';
import type { ChartResult, DataPoint, SeriesResult } from '../src/types.js';
import { oneChart } from './helpers/oneChart.js';
import { type ChartSpec, renderChart } from './helpers/renderChart.js';

/** Every recovered value must lie within this share of its axis range of the truth. */
const TOLERANCE_SHARE = 0.01;
/** End-to-end runs include OCR: allow for a slow, shared CI machine. */
const TIMEOUT_MS = 30_000;

const root = join(import.meta.dirname, '..');
const digitizer = createDigitizer();

afterAll(async () => {
  await digitizer.close();
});

function seriesNamed(result: ChartResult, name: string): SeriesResult {
  const series = result.series.find((s) => s.name === name);
  expect(series, `series '${name}' among ${result.series.map((s) => s.name)}`).toBeDefined();
  return series!;
}

/** Asserts one recovered point per truth point, each within the tolerances (data units). */
function expectPoints(
  name: string,
  points: DataPoint[],
  xs: number[],
  ys: number[],
  xTolerance: number,
  yTolerance: number,
): void {
  const found = points.map((p) => `(${p.x.toPrecision(4)}, ${p.y.toPrecision(4)})`).join(' ');
  expect(points, `${name}: ${found}`).toHaveLength(xs.length);
  points.forEach((point, i) => {
    expect(Math.abs(point.x - xs[i]), `${name}: x of point ${i}`).toBeLessThanOrEqual(xTolerance);
    expect(Math.abs(point.y - ys[i]), `${name}: y of point ${i}`).toBeLessThanOrEqual(yTolerance);
  });
}

/** The predicted series linearly interpolated at x (null outside its x span). */
function interpolate(points: DataPoint[], x: number): number | null {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (x >= a.x && x <= b.x)
      return b.x === a.x ? a.y : a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
  }
  return null;
}

/**
 * Asserts a found series follows a drawn curve inside its span, away from its ends: at each x
 * it was drawn at, within `yTolerance` (data units).
 */
function expectAlong(
  label: string,
  points: DataPoint[],
  drawn: { x: number[]; y: number[] },
  yTolerance: number,
): void {
  drawn.x.slice(2, -2).forEach((x, i) => {
    const y = interpolate(points, x);
    expect(y, `${label} at x ${x}`).not.toBeNull();
    expect(Math.abs(y! - drawn.y[i + 2]), `${label}: y at x ${x}`).toBeLessThanOrEqual(yTolerance);
  });
}

/**
 * Series drawn alike in one colour, told apart only by their markers (`shapes`, named alpha,
 * beta, gamma), whose lines cross one another between the markers (apart at every x), with a
 * legend outside right drawing its markers `legendMarkerScale` times the plot's.
 */
function oneColourSeries(
  shapes: readonly ('circle' | 'triangle-up' | 'square')[],
  style: { color: string; markerSize?: number },
  legendMarkerScale?: number,
): ChartSpec {
  const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const ys = [
    [0.5, 1, 2, 2.5, 1.5, 0.6, 0.4, 1.2, 2.3, 2.6, 1.8],
    [2.5, 2, 1.2, 0.6, 0.5, 1.4, 2.2, 2.6, 1.6, 0.8, 0.4],
    [1.5, 1.5, 1.6, 1.7, 2.4, 2.2, 1.3, 0.5, 0.7, 1.6, 2.5],
  ];
  return {
    width: 800,
    height: 500,
    xRange: [-0.5, 10.5],
    yRange: [0, 3],
    xTicks: [0, 2, 4, 6, 8, 10],
    yTicks: [0, 1, 2, 3],
    legend: 'outside right',
    ...(legendMarkerScale !== undefined && { legendMarkerScale }),
    series: shapes.map((marker, k) => ({
      name: ['alpha', 'beta', 'gamma'][k],
      ...style,
      marker,
      x: xs,
      y: ys[k],
    })),
  };
}

/** Every series of `spec` found, named from the legend, with its marker and its points. */
async function expectToldApartByMarkers(spec: ChartSpec): Promise<void> {
  const result = oneChart(await digitizer.digitize((await renderChart(spec)).png));
  expect(result.series.map((s) => s.name).sort()).toEqual(spec.series.map((s) => s.name).sort());
  for (const s of spec.series) {
    const series = seriesNamed(result, s.name!);
    expect(series.marker).toBe(s.marker);
    expectPoints(s.name!, series.points, s.x, s.y, 0.1, TOLERANCE_SHARE * 3);
  }
}
describe('digitize samples/aime24.png', () => {
  // Truth from the generator of the chart (matplotlib 3.6, 800x600, 100 dpi).
  const steps = [0, 20, 40, 60, 80, 100, 120, 140];
  const grpo = [0.125, 0.165, 0.13, 0.16, 0.135, 0.17, 0.13, 0.16];
  const mel = [0.075, 0.13, 0.1, 0.15, 0.225, 0.17, 0.175, 0.2];
  const xRange: [number, number] = [-7, 147];
  const yRange: [number, number] = [0.07, 0.23];
  const xTolerance = TOLERANCE_SHARE * (xRange[1] - xRange[0]);
  const yTolerance = TOLERANCE_SHARE * (yRange[1] - yRange[0]);
  let result: ChartResult;

  it('reads the title, axis labels and axis limits', { timeout: TIMEOUT_MS }, async () => {
    const path = join(root, 'samples', 'aime24.png');
    result = oneChart(await digitizer.digitize(path));
    expect(result.source).toBe(path);
    expect(result.image).toEqual({ width: 800, height: 600 });
    expect(result.title).toBe('Benchmark: AIME24');
    expect(result.axes.x.label).toBe('Training Step');
    expect(result.axes.y.label).toBe('Validation Score');
    expect(result.axes.x.scale).toBe('linear');
    expect(result.axes.y.scale).toBe('linear');
    expect(Math.abs(result.axes.x.min - xRange[0])).toBeLessThanOrEqual(xTolerance);
    expect(Math.abs(result.axes.x.max - xRange[1])).toBeLessThanOrEqual(xTolerance);
    expect(Math.abs(result.axes.y.min - yRange[0])).toBeLessThanOrEqual(yTolerance);
    expect(Math.abs(result.axes.y.max - yRange[1])).toBeLessThanOrEqual(yTolerance);
  });

  it('recovers both series: names and 8 points each within 1% of the axis ranges', () => {
    expect(result.series.map((s) => s.name).sort()).toEqual(['GRPO', 'MEL']);
    expectPoints('GRPO', seriesNamed(result, 'GRPO').points, steps, grpo, xTolerance, yTolerance);
    expectPoints('MEL', seriesNamed(result, 'MEL').points, steps, mel, xTolerance, yTolerance);
  });

  it('gives the same result for the image bytes, with source null', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const bytes = await readFile(join(root, 'samples', 'aime24.png'));
    const fromBytes = oneChart(await digitizer.digitize(bytes));
    expect(fromBytes.source).toBeNull();
    expect(fromBytes.series).toEqual(result.series);
  });
});

describe('digitize rendered charts', () => {
  it('recovers two marker series named in a legend', { timeout: TIMEOUT_MS }, async () => {
    const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const spec: ChartSpec = {
      width: 800,
      height: 600,
      title: 'Loss by epoch',
      xLabel: 'Epoch',
      yLabel: 'Loss',
      xRange: [-0.5, 10.5],
      yRange: [0, 2],
      xTicks: [0, 2, 4, 6, 8, 10],
      yTicks: [0, 0.5, 1, 1.5, 2],
      legend: 'upper right',
      series: [
        {
          name: 'train',
          color: '#1f77b4',
          marker: 'circle',
          x: xs,
          y: [1.8, 1.45, 1.2, 1.05, 0.9, 0.8, 0.72, 0.65, 0.6, 0.56, 0.52],
        },
        {
          name: 'valid',
          color: '#ff7f0e',
          marker: 'triangle-up',
          x: xs,
          y: [1.7, 1.5, 1.3, 1.25, 1.1, 1.15, 1.0, 1.05, 0.95, 1.0, 0.98],
        },
      ],
    };
    const chart = await renderChart(spec);
    const result = oneChart(await digitizer.digitize(chart.png));
    const xTolerance = TOLERANCE_SHARE * (spec.xRange[1] - spec.xRange[0]);
    const yTolerance = TOLERANCE_SHARE * (spec.yRange[1] - spec.yRange[0]);
    expect(result.title).toBe('Loss by epoch');
    expect(result.axes.x.label).toBe('Epoch');
    expect(result.axes.y.label).toBe('Loss');
    expect(result.series.map((s) => s.name).sort()).toEqual(['train', 'valid']);
    for (const s of spec.series) {
      expectPoints(s.name!, seriesNamed(result, s.name!).points, s.x, s.y, xTolerance, yTolerance);
    }
    expect(seriesNamed(result, 'train').marker).toBe('circle');
    expect(seriesNamed(result, 'valid').marker).toBe('triangle-up');
  });

  // Other plotting libraries' looks: no frame and a legend of colour boxes above the plot
  // (Chart.js); axis lines with the legend right of the plot (Vega-Lite).
  it.each(['chartjs', 'vega'] as const)(
    'reads a %s-style chart: names from a legend outside the plot, values within 1%',
    { timeout: TIMEOUT_MS },
    async (style) => {
      const xs = Array.from({ length: 25 }, (_, i) => i * 40);
      const spec: ChartSpec = {
        style,
        width: 800,
        height: 500,
        title: 'Reward curve',
        xLabel: 'Step',
        yLabel: 'Reward',
        xRange: [0, 1000],
        yRange: [-20, 60],
        xTicks: [0, 200, 400, 600, 800, 1000],
        yTicks: [-20, 0, 20, 40, 60],
        legend: 'upper right',
        series: [
          // Grey legend text (Chart.js): its faint edges lie outside its dark rows.
          { name: 'GRPO', color: '#1f77b4', x: xs, y: xs.map((x) => 40 * Math.sin(x / 300)) },
          { name: 'Teacher', color: '#d62728', x: xs, y: xs.map((x) => 10 + x / 25 - 15) },
        ],
      };
      const chart = await renderChart(spec);
      const result = oneChart(await digitizer.digitize(chart.png));
      const xTolerance = TOLERANCE_SHARE * (spec.xRange[1] - spec.xRange[0]);
      const yTolerance = TOLERANCE_SHARE * (spec.yRange[1] - spec.yRange[0]);
      expect(result.title).toBe('Reward curve');
      expect(result.series.map((s) => s.name).sort()).toEqual(['GRPO', 'Teacher']);
      for (const s of spec.series) {
        const points = seriesNamed(result, s.name!).points;
        s.x.forEach((x, i) => {
          // Lines end at the plot's edge, where the frame margin is not traced.
          const clamped = Math.min(Math.max(x, points[0].x), points.at(-1)!.x);
          expect(Math.abs(clamped - x), `${s.name} covers x ${x}`).toBeLessThanOrEqual(xTolerance);
          const y = interpolate(points, clamped);
          expect(Math.abs(y! - s.y[i]), `${s.name}: y at x ${x}`).toBeLessThanOrEqual(yTolerance);
        });
      }
    },
  );

  it('lists no name for a legend entry whose text reads as nothing', {
    timeout: TIMEOUT_MS,
  }, async () => {
    // The second entry's text is '===': OCR reads it, but it holds no letter or digit.
    const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const spec: ChartSpec = {
      width: 800,
      height: 600,
      xRange: [-0.5, 10.5],
      yRange: [0, 2],
      xTicks: [0, 2, 4, 6, 8, 10],
      yTicks: [0, 0.5, 1, 1.5, 2],
      legend: 'upper right',
      series: [
        { name: 'train', color: '#1f77b4', x: xs, y: xs.map((x) => 1.6 - 0.1 * x) },
        { name: '===', color: '#ff7f0e', x: xs, y: xs.map((x) => 0.3 + 0.08 * x) },
      ],
    };
    const result = oneChart(await digitizer.digitize((await renderChart(spec)).png));
    expect(result.series.map((s) => s.name)).toEqual(expect.arrayContaining(['train', null]));
    expect(result.series).toHaveLength(2);
    const unnamed = result.series.find((s) => s.name === null)!;
    expect(unnamed.confidence).toBeLessThanOrEqual(0.5);
    expect(result.warnings).toContain(`a series coloured ${unnamed.color} has no legend entry`);
  });

  it.each([
    ['framed', {}],
    [
      'without a frame, names before samples (gnuplot key)',
      { legendFrame: false, legendTextFirst: true },
    ],
  ] as const)(
    'tells series of one colour apart by their dash pattern, named from the legend: %s',
    {
      timeout: TIMEOUT_MS,
    },
    async (_, legendStyle) => {
      const xs = Array.from({ length: 41 }, (_, i) => i * 2.5);
      const spec: ChartSpec = {
        width: 800,
        height: 500,
        xRange: [0, 100],
        yRange: [0, 2.5],
        xTicks: [0, 20, 40, 60, 80, 100],
        yTicks: [0, 0.5, 1, 1.5, 2, 2.5],
        legend: 'upper right',
        ...legendStyle,
        series: (['solid', 'dashed', 'dotted'] as const).map((dash, k) => ({
          name: ['train', 'valid', 'test'][k],
          color: '#000000',
          dash,
          x: xs,
          // Curves that cross: the dotted one waves through the other two.
          y: xs.map((x) =>
            k === 2 ? 1 + 0.5 * Math.sin(x / 12) : 2 * Math.exp(-x / (25 + 25 * k)) + 0.2 * k,
          ),
        })),
      };
      const result = oneChart(await digitizer.digitize((await renderChart(spec)).png));
      expect(result.series.map((s) => s.name).sort()).toEqual(['test', 'train', 'valid']);
      const yTolerance = TOLERANCE_SHARE * (spec.yRange[1] - spec.yRange[0]);
      for (const s of spec.series) {
        expectAlong(s.name!, seriesNamed(result, s.name!).points, s, yTolerance * 2);
      }
    },
  );

  it('keeps a curve of a listed colour that the legend does not list, unnamed', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const xs = Array.from({ length: 41 }, (_, i) => i * 2.5);
    const spec: ChartSpec = {
      width: 800,
      height: 500,
      xRange: [0, 100],
      yRange: [0, 2.5],
      xTicks: [0, 20, 40, 60, 80, 100],
      yTicks: [0, 0.5, 1, 1.5, 2, 2.5],
      legend: 'upper right',
      // Two black curves apart; the legend lists the dashed one only.
      series: (['dashed', 'solid'] as const).map((dash, k) => ({
        name: k === 0 ? 'listed' : null,
        color: '#000000',
        dash,
        x: xs,
        y: xs.map((x) => 0.5 + 0.8 * k + 0.3 * Math.sin(x / 15)),
      })),
    };
    const result = oneChart(await digitizer.digitize((await renderChart(spec)).png));
    expect(result.series.map((s) => s.name).sort()).toEqual(['listed', null]);
    const yTolerance = TOLERANCE_SHARE * (spec.yRange[1] - spec.yRange[0]);
    expectAlong('listed', seriesNamed(result, 'listed').points, spec.series[0], yTolerance * 2);
    const unnamed = result.series.find((s) => s.name === null)!;
    expectAlong('unlisted', unnamed.points, spec.series[1], yTolerance * 2);
  });

  it('keeps the series a legend of fewer entries leaves out: that legend has lost entries', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const xs = Array.from({ length: 41 }, (_, i) => i * 2.5);
    const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];
    const spec: ChartSpec = {
      width: 800,
      height: 500,
      xRange: [0, 100],
      yRange: [0, 5],
      xTicks: [0, 20, 40, 60, 80, 100],
      yTicks: [0, 1, 2, 3, 4, 5],
      legend: 'lower right',
      // Five curves; the legend, read whole, lists two.
      series: colors.map((color, k) => ({
        name: ['Adam', 'SGD'][k] ?? null,
        color,
        x: xs,
        y: xs.map((x) => 0.6 + 0.9 * k + 0.2 * Math.sin(x / 15 + k)),
      })),
    };
    const result = oneChart(await digitizer.digitize((await renderChart(spec)).png));
    const names = result.series.map((s) => s.name);
    expect(names.filter((name) => name === null)).toHaveLength(3);
    expect(names.filter((name) => name !== null).sort()).toEqual(['Adam', 'SGD']);
  });

  it('tells apart grey series the legend lists a few levels apart (a chart turned greyscale)', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const xs = Array.from({ length: 41 }, (_, i) => i * 2.5);
    const spec: ChartSpec = {
      width: 800,
      height: 500,
      xRange: [0, 100],
      yRange: [0, 2.5],
      xTicks: [0, 20, 40, 60, 80, 100],
      yTicks: [0, 0.5, 1, 1.5, 2, 2.5],
      legend: 'upper right',
      grid: true,
      // Solid lines in greys 14 and 40 levels apart: no dash or hue tells them apart.
      series: ['#505050', '#5e5e5e', '#868686'].map((color, k) => ({
        name: ['train', 'valid', 'test'][k],
        color,
        x: xs,
        y: xs.map((x) =>
          k === 2 ? 1 + 0.5 * Math.sin(x / 12) : 2 * Math.exp(-x / (25 + 25 * k)) + 0.2 * k,
        ),
      })),
    };
    const result = oneChart(await digitizer.digitize((await renderChart(spec)).png));
    expect(result.series.map((s) => s.name).sort()).toEqual(['test', 'train', 'valid']);
    const yTolerance = TOLERANCE_SHARE * (spec.yRange[1] - spec.yRange[0]);
    for (const s of spec.series) {
      expectAlong(s.name!, seriesNamed(result, s.name!).points, s, yTolerance * 2);
    }
  });

  it('splits one colour drawn as several curves when no legend lists them', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const xs = Array.from({ length: 41 }, (_, i) => i * 2.5);
    const spec: ChartSpec = {
      width: 800,
      height: 500,
      xRange: [0, 100],
      yRange: [0, 2.5],
      xTicks: [0, 20, 40, 60, 80, 100],
      yTicks: [0, 0.5, 1, 1.5, 2, 2.5],
      series: (['solid', 'dashed'] as const).map((dash, k) => ({
        name: null,
        color: '#000000',
        dash,
        x: xs,
        // Curves that cross once, at a clear angle.
        y: xs.map((x) => (k === 0 ? 2 * Math.exp(-x / 30) + 0.2 : 0.3 + 0.02 * x)),
      })),
    };
    const result = oneChart(await digitizer.digitize((await renderChart(spec)).png));
    expect(result.series).toHaveLength(2);
    const yTolerance = TOLERANCE_SHARE * (spec.yRange[1] - spec.yRange[0]);
    for (const s of spec.series) {
      // The found series that follows this curve at its middle point.
      const traced = result.series.find((found) => {
        const y = interpolate(found.points, s.x[20]);
        return y !== null && Math.abs(y - s.y[20]) <= yTolerance * 2;
      });
      expect(traced, `a series along the ${s.dash} curve`).toBeDefined();
      expectAlong(s.dash!, traced!.points, s, yTolerance * 2);
    }
  });

  it('tells series of one colour apart by their markers, named from the legend', {
    timeout: TIMEOUT_MS,
  }, async () => {
    await expectToldApartByMarkers(
      oneColourSeries(['circle', 'triangle-up', 'square'], { color: '#000000' }),
    );
  });

  it('tells series of one colour apart by their markers where the legend draws them larger (ECharts)', {
    timeout: TIMEOUT_MS,
  }, async () => {
    // The plot's triangles are shallower than the legend's circle: all were left out.
    await expectToldApartByMarkers(
      oneColourSeries(['circle', 'triangle-up'], { color: '#555555', markerSize: 7 }, 1.8),
    );
  });

  it('reads a chart drawn without axis lines or grid, from its tick labels alone', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const spec: ChartSpec = {
      xRange: [0, 100],
      yRange: [0, 1],
      xTicks: [0, 20, 40, 60, 80, 100],
      yTicks: [0, 0.25, 0.5, 0.75, 1],
      frame: 'none',
      grid: false,
      series: [
        {
          name: null,
          color: '#1f77b4',
          marker: 'circle',
          x: [0, 25, 50, 75, 100],
          y: [0.2, 0.5, 0.7, 0.55, 0.4],
        },
      ],
    };
    const result = oneChart(await digitizer.digitize((await renderChart(spec)).png));
    expect(result.series).toHaveLength(1);
    const { x, y } = spec.series[0];
    expectPoints('bare', result.series[0].points, x, y, 1, 0.01);
  });

  it('traces a dense series without markers or legend', { timeout: TIMEOUT_MS }, async () => {
    const xs = Array.from({ length: 201 }, (_, i) => i * 50);
    const ys = xs.map((x) => 50 + 30 * Math.sin(x / 1200) * Math.exp(-x / 8000));
    const spec: ChartSpec = {
      width: 800,
      height: 500,
      xLabel: 'Step',
      yLabel: 'Reward',
      xRange: [0, 10_000],
      yRange: [0, 100],
      xTicks: [0, 2000, 4000, 6000, 8000, 10_000],
      yTicks: [0, 20, 40, 60, 80, 100],
      series: [{ name: null, color: '#2ca02c', x: xs, y: ys, lineWidth: 1.5 }],
    };
    const chart = await renderChart(spec);
    const result = oneChart(await digitizer.digitize(chart.png));
    const xTolerance = TOLERANCE_SHARE * (spec.xRange[1] - spec.xRange[0]);
    const yTolerance = TOLERANCE_SHARE * (spec.yRange[1] - spec.yRange[0]);
    expect(result.series).toHaveLength(1);
    const [series] = result.series;
    expect(series.name).toBeNull();
    expect(series.marker).toBeNull();
    // Densely sampled: at least one point every few pixels of the plot's width.
    expect(series.points.length).toBeGreaterThan((chart.plot.right - chart.plot.left) / 3);
    expect(Math.abs(series.points[0].x - xs[0])).toBeLessThanOrEqual(xTolerance);
    expect(Math.abs(series.points.at(-1)!.x - xs.at(-1)!)).toBeLessThanOrEqual(xTolerance);
    // Every traced point lies on the drawn polyline (a point carried on to the plot's edge, at
    // the axis' limit, may pass the data's end by the axis' reading error)...
    const truth = xs.map((x, i) => ({ x, y: ys[i] }));
    for (const point of series.points) {
      const x = Math.min(Math.max(point.x, xs[0]), xs.at(-1)!);
      expect(Math.abs(x - point.x), `point at x ${point.x} outside the data`).toBeLessThanOrEqual(
        xTolerance,
      );
      const y = interpolate(truth, x);
      expect(y, `point at x ${point.x} outside the data`).not.toBeNull();
      expect(Math.abs(point.y - y!), `y at x ${point.x}`).toBeLessThanOrEqual(yTolerance);
    }
    // ...and the trace follows it wherever the data are (its ends were checked above).
    xs.forEach((x, i) => {
      const y = interpolate(series.points, x);
      if (y !== null) expect(Math.abs(y - ys[i]), `y at x ${x}`).toBeLessThanOrEqual(yTolerance);
    });
  });

  it('keeps a JPEG halo of a noisy line out of the series', { timeout: TIMEOUT_MS }, async () => {
    // A noisy curve: saved as JPEG, the blended pixels around it form a colour of their own,
    // joined to the line as its fringe (jpegFringes) or dropped as a halo in review.
    const xs = Array.from({ length: 401 }, (_, i) => i * 25);
    const ys = xs.map((x, i) => 50 + 30 * Math.sin(x / 1200) + ((i * 7919) % 13) - 6);
    const spec: ChartSpec = {
      width: 800,
      height: 500,
      xRange: [0, 10_000],
      yRange: [0, 100],
      xTicks: [0, 2000, 4000, 6000, 8000, 10_000],
      yTicks: [0, 20, 40, 60, 80, 100],
      series: [{ name: null, color: '#1b9e77', x: xs, y: ys, lineWidth: 1.5 }],
    };
    const chart = await renderChart(spec);
    const jpeg = await sharp(chart.png).jpeg({ quality: 70 }).toBuffer();
    const result = oneChart(await digitizer.digitize(jpeg));
    expect(result.series, result.warnings.join('; ')).toHaveLength(1);
    // The one series is the line: its trace follows the data.
    const errors = xs
      .map((x) => interpolate(result.series[0].points, x) ?? Number.POSITIVE_INFINITY)
      .map((y, i) => Math.abs(y - ys[i]))
      .sort((a, b) => a - b);
    expect(errors[errors.length >> 1]).toBeLessThanOrEqual(
      TOLERANCE_SHARE * (spec.yRange[1] - spec.yRange[0]),
    );
  });
});

// Charts rendered by matplotlib 3.6 (Debian's python3-matplotlib), 700x450 at 100 dpi, where
// the axis prints a multiplier at its end instead of long tick labels.
describe('digitize charts with an axis multiplier', () => {
  it('applies an x multiplier (1e6 right of the x label)', { timeout: TIMEOUT_MS }, async () => {
    const steps = Array.from({ length: 12 }, (_, i) => (i * 3e6) / 11);
    const ppo = [
      12.0409, 9.4853, 9.9034, 9.3356, 8.8829, 8.6673, 6.6474, 6.4154, 5.5502, 8.8732, 9.099,
      8.7464,
    ];
    const ours = [
      11.7187, 11.0507, 9.9955, 9.6047, 10.0867, 9.8481, 10.8059, 10.6061, 10.6303, 12.1761,
      12.7212, 12.216,
    ];
    const result = oneChart(
      await digitizer.digitize(join(root, 'test', 'fixtures', 'x-multiplier.png')),
    );
    expect(result.axes.x.label).toBe('Environment Steps');
    expect(result.warnings).toContain('x values multiplied by 1000000 (printed at the axis end)');
    const xTolerance = TOLERANCE_SHARE * 3.3e6;
    const yTolerance = TOLERANCE_SHARE * (13.08 - 5.19);
    expectPoints('PPO', seriesNamed(result, 'PPO').points, steps, ppo, xTolerance, yTolerance);
    const oursSeries = result.series.find((s) => s.name?.toLowerCase() === 'ours');
    expect(oursSeries).toBeDefined();
    expectPoints('Ours', oursSeries!.points, steps, ours, xTolerance, yTolerance);
  });

  it('names the series from a key that sits among tick marks drawn inside the plot (gnuplot)', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const result = oneChart(
      await digitizer.digitize(
        join(root, 'test', 'fixtures', 'legend', 'gnuplot-ticks-inside.png'),
      ),
    );
    // The key's last line sits on the x axis' tick marks; `lr` may read as `Ir` in this font.
    expect(result.series.map((s) => s.name)).toEqual(
      expect.arrayContaining(['AdamW', 'Control', 'Dropout 0.5']),
    );
  });

  it('reads a small filled panel as one chart where its grid cells pass for panels that do not read', {
    timeout: TIMEOUT_MS,
  }, async () => {
    // ggplot2's grey panel at 405 x 296: its white grid lines part the fill like gutters
    const result = await digitizer.digitize(
      join(root, 'test', 'fixtures', 'plot', 'ggplot2-grey-panel.png'),
    );
    expect('charts' in result).toBe(false);
    const chart = oneChart(result);
    expect(chart.axes.y.ticks.map((tick) => tick.value)).toEqual(
      expect.arrayContaining([25, 50, 75]),
    );
    expect(chart.series.length).toBeGreaterThanOrEqual(2);
  });

  it('applies a y multiplier (1e6 above the plot)', { timeout: TIMEOUT_MS }, async () => {
    const result = oneChart(
      await digitizer.digitize(join(root, 'test', 'fixtures', 'y-multiplier.png')),
    );
    expect(result.warnings).toContain('y values multiplied by 1000000 (printed at the axis end)');
    const [series] = result.series;
    const yTolerance = TOLERANCE_SHARE * (6.0995e6 - 3.9001e6);
    for (let x = 5; x < 95; x += 10) {
      const y = interpolate(series.points, x);
      expect(y, `covers x ${x}`).not.toBeNull();
      expect(Math.abs(y! - (5e6 + 1e6 * Math.sin(x / 10))), `y at x ${x}`).toBeLessThanOrEqual(
        yTolerance,
      );
    }
  });
});
