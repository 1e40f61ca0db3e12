import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digitizePdf } from '../../src/pdf/digitizePdf.js';

/**
 * Zoo charts saved as vector PDFs by their engines (`npm run zoo -- --all-pdf`), with the
 * truth's axes and series: category axes of words, and tick labels whose minus the font lacks.
 */
const DIR = join(import.meta.dirname, '../fixtures/pdf/zoo');

interface Truth {
  x_scale: string;
  x_range: [number, number];
  y_range: [number, number];
  x_categories?: string[];
  series: { name: string; x: number[]; y: number[] }[];
}

/** The one chart of a fixture's PDF, and its truth. */
async function load(id: string) {
  const truth: Truth = JSON.parse(readFileSync(join(DIR, `${id}.truth.json`), 'utf8'));
  const result = await digitizePdf(readFileSync(join(DIR, `${id}.pdf`)), {
    source: `${id}.pdf`,
    maxPixels: 20_000_000,
  });
  expect(result.charts).toHaveLength(1);
  return { chart: result.charts[0], truth };
}

/** The chart read from the drawing, its series named as the truth's. */
async function readNamed(id: string) {
  const { chart, truth } = await load(id);
  expect(chart.from).toBe('vector');
  expect(chart.series.map((series) => series.name).sort()).toEqual(
    truth.series.map((series) => series.name).sort(),
  );
  return { chart, truth };
}

/** ...and exact: its limits and every point on its drawn vertex. */
async function read(id: string) {
  const { chart, truth } = await readNamed(id);
  const span = (range: [number, number]) => range[1] - range[0];
  // the plot's edges are the limits the engine used, every point on its drawn vertex
  expect(Math.abs(chart.axes.x.min - truth.x_range[0]) / span(truth.x_range)).toBeLessThan(1e-3);
  expect(Math.abs(chart.axes.y.max - truth.y_range[1]) / span(truth.y_range)).toBeLessThan(1e-3);
  for (const expected of truth.series) {
    const series = chart.series.find((found) => found.name === expected.name)!;
    expected.x.forEach((x, k) => {
      const near = series.points.some(
        (point) =>
          Math.abs(point.x - x) <= 1e-3 * span(truth.x_range) &&
          Math.abs(point.y - expected.y[k]) <= 1e-3 * span(truth.y_range),
      );
      expect(near, `${expected.name} point ${k}`).toBe(true);
    });
  }
  return { chart, truth };
}

describe('digitizePdf on zoo charts', () => {
  it('reads an x axis of words on tick marks as categories (gnuplot: small medium large xl)', async () => {
    const { chart, truth } = await read('z00120');
    expect(chart.axes.x.scale).toBe('category');
    expect(chart.axes.x.categories).toEqual(truth.x_categories);
  });

  it('reads month names with no year as categories (matplotlib: Jan ... Dec)', async () => {
    const { chart, truth } = await read('z00007');
    expect(chart.axes.x.scale).toBe('category');
    expect(chart.axes.x.categories).toEqual(truth.x_categories);
  });

  it('reads a missing glyph before negative tick labels as their minus, and says so', async () => {
    const { chart } = await read('z00056');
    expect(chart.axes.y.ticks.map((tick) => tick.value)).toEqual([
      0, -500000, -1000000, -1500000, -2000000, -2500000,
    ]);
    expect(chart.warnings).toContain(
      'y tick labels: a glyph the font lacks, drawn before numbers, read as a minus',
    );
  });

  it('reads tick marks an engine snapped to whole pixels as an exact axis (Vega-Lite: 0.4 pt off)', async () => {
    const { chart } = await read('z00395');
    expect(chart.axes.x.ticks).toHaveLength(10);
    expect(chart.axes.y.ticks).toHaveLength(16);
  });

  it('reads a shape filled, then stroked as a second path, as one marker on its line (Chart.js)', async () => {
    const { chart } = await readNamed('z00774');
    for (const series of chart.series) {
      expect(series.marker).not.toBeNull();
      expect(series.points).toHaveLength(22);
    }
  });

  it('reads dashed lines printed as the outlines of their dashes, named by their pattern (Plotly)', async () => {
    const { chart, truth } = await readNamed('z00538');
    const span = truth.y_range[1] - truth.y_range[0];
    for (const expected of truth.series) {
      const { points } = chart.series.find((found) => found.name === expected.name)!;
      // the dashes' centre line between their ends, where the data's vertices fall in gaps
      const errors = expected.x.map((x, k) => {
        const i = points.findIndex((point) => point.x >= x);
        const [a, b] = i <= 0 ? [points[0], points[0]] : [points[i - 1], points[i]];
        const y = b.x === a.x ? b.y : a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
        return Math.abs(y - expected.y[k]) / span;
      });
      errors.sort((a, b) => a - b);
      expect(errors[Math.floor(0.9 * errors.length)], expected.name).toBeLessThan(0.005);
    }
  });

  it('reads a chart drawn with few paths: two axis lines and its series, no grid (Chart.js)', async () => {
    const { chart, truth } = await load('z01663');
    expect(chart.series).toHaveLength(1);
    expect(chart.series[0].points).toHaveLength(truth.series[0].x.length);
    const span = truth.y_range[1] - truth.y_range[0];
    expect(Math.abs(chart.axes.y.max - truth.y_range[1]) / span).toBeLessThan(0.01);
  });

  it("takes a legend's frame with rounded corners inside the plot for no series (Vega-Lite)", async () => {
    const { chart } = await readNamed('z00059');
    expect(chart.series).toHaveLength(4);
    expect(chart.warnings.join(' ')).not.toContain('no legend entry');
  });

  it('reads axes exactly where the engine snapped lines and tick marks across to pixels (ECharts)', async () => {
    // The frame spans the axis lines end to end, labels centred on the exact values give the
    // slope; dashed lines printed as outlines reach half their width past the frame.
    const { chart, truth } = await readNamed('z01475');
    for (const axis of ['x', 'y'] as const) {
      const range = truth[`${axis}_range`];
      const { min, max } = chart.axes[axis];
      expect(Math.abs(min - range[0]) / (range[1] - range[0]), `${axis} min`).toBeLessThan(1e-4);
      expect(Math.abs(max - range[1]) / (range[1] - range[0]), `${axis} max`).toBeLessThan(1e-4);
    }
  });

  it('reads categories centred between tick marks under a legend row of numeric names (ECharts)', async () => {
    const { chart, truth } = await readNamed('z01727');
    expect(chart.axes.x.scale).toBe('category');
    expect(chart.axes.x.categories).toEqual(truth.x_categories);
  });
});
