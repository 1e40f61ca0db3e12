import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digitizePdf, type PdfChart } from '../../src/pdf/digitizePdf.js';

/**
 * Charts drawn as vector PDFs by real engines from known data (`bench/papers/make.mjs
 * --fixtures`): each `<id>.pdf` beside its truth, in the scorer's format.
 */
const DIR = join(import.meta.dirname, '../fixtures/pdf/engines');

interface TruthSeries {
  name: string | null;
  marker: string | null;
  x: number[];
  y: number[];
}
interface TruthChart {
  title: string | null;
  x_label: string | null;
  y_label: string | null;
  x_scale: 'linear' | 'log';
  y_scale: 'linear' | 'log';
  x_range: [number, number];
  y_range: [number, number];
  series: TruthSeries[];
}

/**
 * How exactly each engine's coordinates are written, as a share of an axis's range: matplotlib
 * writes 6 decimals of a point (read as 32-bit floats), R's pdf() 2 decimals, cairo (cairo_pdf,
 * gnuplot's pdfcairo) about as many.
 */
function tolerance(id: string): number {
  return id.startsWith('mpl') ? 1e-6 : 1e-4;
}

const fixtures = readdirSync(DIR)
  .filter((name) => name.endsWith('.pdf'))
  .map((name) => name.replace(/\.pdf$/, ''));

describe('digitizePdf on vector charts drawn by real engines', () => {
  it('has fixtures of every engine', () => {
    expect(fixtures.some((id) => id.startsWith('mpl-t3'))).toBe(true);
    expect(fixtures.some((id) => id.startsWith('mpl-t42'))).toBe(true);
    expect(fixtures.some((id) => id.startsWith('gg-pdf'))).toBe(true);
    expect(fixtures.some((id) => id.startsWith('gg-cairo'))).toBe(true);
    expect(fixtures.some((id) => id.startsWith('gnuplot'))).toBe(true);
  });

  for (const id of fixtures) {
    it(`reads ${id} exactly: every point, name, title and axis label`, async () => {
      const truth = JSON.parse(readFileSync(join(DIR, `${id}.truth.json`), 'utf8'));
      const charts: TruthChart[] = truth.charts ?? [truth];
      const result = await digitizePdf(readFileSync(join(DIR, `${id}.pdf`)), {
        source: `${id}.pdf`,
        maxPixels: 20_000_000,
      });
      expect(result.pages).toBe(1);
      expect(result.warnings).toEqual([]);
      expect(result.charts).toHaveLength(charts.length);
      charts.forEach((expected, i) => {
        const chart = result.charts[i];
        expect(chart.page).toBe(1);
        expect(chart.from).toBe('vector');
        expect(chart.panel.index).toBe(i);
        // Nothing doubtful: every label on its mark, every series named (a multiplier read is noted).
        expect(chart.warnings.filter((warning) => !/multiplied by/.test(warning))).toEqual([]);
        expectChart(chart, expected, tolerance(id));
      });
    });
  }
});

function expectChart(chart: PdfChart, truth: TruthChart, share: number): void {
  expect(chart.title).toBe(truth.title);
  expect(chart.axes.x.label).toBe(truth.x_label);
  expect(chart.axes.y.label).toBe(truth.y_label);
  expect(chart.axes.x.scale).toBe(truth.x_scale);
  expect(chart.axes.y.scale).toBe(truth.y_scale);
  const span = (range: [number, number], scale: string) =>
    scale === 'log' ? Math.log10(range[1] / range[0]) : range[1] - range[0];
  const xSpan = Math.abs(span(truth.x_range, truth.x_scale));
  const ySpan = Math.abs(span(truth.y_range, truth.y_scale));
  const off = (a: number, b: number, scale: string, axisSpan: number) =>
    (scale === 'log' ? Math.abs(Math.log10(a / b)) : Math.abs(a - b)) / axisSpan;
  // The plot's edges are the axis limits the engine used.
  expect(off(chart.axes.x.min, truth.x_range[0], truth.x_scale, xSpan)).toBeLessThan(10 * share);
  expect(off(chart.axes.y.min, truth.y_range[0], truth.y_scale, ySpan)).toBeLessThan(10 * share);

  expect(chart.series.map((series) => series.name).sort()).toEqual(
    truth.series.map((series) => series.name).sort(),
  );
  truth.series.forEach((expected, i) => {
    const series =
      expected.name === null
        ? chart.series[i]
        : chart.series.find((found) => found.name === expected.name);
    expect(series, `series ${expected.name}`).toBeDefined();
    if (!series) return;
    expect(series.marker === null).toBe(expected.marker === null);
    if (expected.marker !== null) expect(series.points).toHaveLength(expected.x.length);
    expected.x.forEach((x, k) => {
      const y = expected.y[k];
      // Every data point is a vertex of the drawn line (or a marker's centre).
      const nearest = Math.min(
        ...series.points.map((point) =>
          Math.max(off(point.x, x, truth.x_scale, xSpan), off(point.y, y, truth.y_scale, ySpan)),
        ),
      );
      expect(nearest, `${expected.name} point ${k} (${x}, ${y})`).toBeLessThan(share);
    });
  });
}
