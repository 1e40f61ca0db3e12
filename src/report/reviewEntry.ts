import { describe } from '../describe/describe.js';
import { panelName, seriesName } from '../export/names.js';
import { roundResult } from '../export/toJson.js';
import { chartsOf, isFigure } from '../figure/figureResult.js';
import type { ChartResult, DigitizeResult, PanelChart } from '../types.js';

/** One series as the review page lists it. */
export interface ReviewSeries {
  name: string;
  color: string;
  /** The marker shape, the line style, or null where neither is known. */
  style: string | null;
  points: number;
  confidence: number;
  /** The lowest and highest x and y of its points; null without points. */
  x: [number, number] | null;
  y: [number, number] | null;
}

/** One chart of an input, as the review page lists it. */
export interface ReviewChart {
  /** Where it is in a figure (`page 2 panel (a)`); null for an image of one chart. */
  panel: string | null;
  title: string | null;
  xLabel: string | null;
  yLabel: string | null;
  /** The chart's confidence: its own where the result has one, else its least confident series'. */
  confidence: number;
  series: ReviewSeries[];
  warnings: string[];
}

/** One input of a batch on the review page. */
export interface ReviewEntry {
  source: string;
  /** The least confident chart's confidence; 0 for a failure or an input without a chart. */
  confidence: number;
  charts: ReviewChart[];
  /** The result in words (`describe`), null for a failure. */
  description: string | null;
  /** What went wrong, for a failed input. */
  error: { code: string; message: string; stage: string | null } | null;
  /** The overlay: a path relative to the page, or a `data:` URI; null without one. */
  overlay: string | null;
}

/** The review page's entry for a result. */
export function resultEntry(
  source: string,
  result: DigitizeResult,
  overlay: string | null,
): ReviewEntry {
  const rounded = roundResult(result);
  const figure = isFigure(rounded);
  const charts = chartsOf(rounded).map((chart) =>
    reviewChart(chart, figure ? panelName(chart as PanelChart) : null),
  );
  return {
    source,
    confidence: charts.length === 0 ? 0 : Math.min(...charts.map((chart) => chart.confidence)),
    charts,
    description: describe(rounded),
    error: null,
    overlay,
  };
}

/** The review page's entry for a failed input. */
export function failureReviewEntry(
  source: string,
  error: NonNullable<ReviewEntry['error']>,
  overlay: string | null = null,
): ReviewEntry {
  return { source, confidence: 0, charts: [], description: null, error, overlay };
}

function reviewChart(chart: ChartResult, panel: string | null): ReviewChart {
  const series = chart.series.map((entry, index): ReviewSeries => {
    const xs = entry.points.map((point) => point.x);
    const ys = entry.points.map((point) => point.y);
    const range = (values: number[]): [number, number] | null =>
      values.length === 0 ? null : [Math.min(...values), Math.max(...values)];
    return {
      name: seriesName(entry, index),
      color: entry.color,
      style: entry.marker ?? entry.lineStyle ?? null,
      points: entry.points.length,
      confidence: entry.confidence,
      x: range(xs),
      y: range(ys),
    };
  });
  const own = (chart as { confidence?: unknown }).confidence;
  return {
    panel,
    title: chart.title,
    xLabel: chart.axes.x.label,
    yLabel: chart.axes.y.label,
    confidence:
      typeof own === 'number'
        ? own
        : series.length === 0
          ? 0
          : Math.min(...series.map((entry) => entry.confidence)),
    series,
    warnings: chart.warnings,
  };
}
