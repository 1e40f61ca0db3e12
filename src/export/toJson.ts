import { expectFinite, invalidArgument } from '../arguments.js';
import { isFigure } from '../figure/figureResult.js';
import type {
  AxisResult,
  Box,
  ChartResult,
  DataPoint,
  DigitizeResult,
  FigureResult,
  PanelChart,
  SeriesResult,
  Tick,
} from '../types.js';
import { roundTime, withIsoTimes } from './isoTime.js';

/**
 * Significant digits kept for data values. A chart is read to about 1/1000 of its axis range,
 * so 6 digits keep every digit the reading can be right about and drop the float noise.
 */
const DATA_DIGITS = 6;
/** Pixel positions are subpixel estimates good to a few tenths: one decimal is enough. */
const PIXEL_DECIMALS = 1;
/** Confidence is a 0..1 score: three decimals distinguish every value worth distinguishing. */
const CONFIDENCE_DECIMALS = 3;
/** `toPrecision` beyond this only prints the binary noise of a double. */
const MAX_DIGITS = 17;
/** Passes that round an axis' limits until they are stable (see `axis`). */
const MAX_LIMIT_PASSES = 4;

/**
 * Serialises a result as the JSON of the output contract: 2-space indentation, keys in the
 * contract's order, data values to 6 significant digits (more where an axis spans a small
 * range far from zero, so no value loses a digit relative to its axis), pixels to 0.1 px,
 * confidence to 0.001 (each axis' after its `max`, the chart's after its `series`). A figure
 * is `{ source, pages, charts, warnings }`, each chart followed by its `page`, `panel` and
 * `from`. Where a chart has them, each axis' `grid` follows its `confidence`, each series'
 * `lineStyle` its `marker`, and the `legend` box (0.1 px) follows `warnings`. Fields outside the contract follow `warnings` unchanged.
 * A date axis' values (its limits, ticks and the points on it) are written as ISO 8601 strings,
 * as precise as the axis allows (`isoTime`). There is no trailing newline. Throws a TypeError or RangeError naming the field when a number
 * is not finite (JSON has no NaN or Infinity and would silently write `null`).
 */
export function toJson(result: DigitizeResult): string {
  return JSON.stringify(withIsoTimes(roundResult(result)), null, 2);
}

/**
 * The result as `toJson` writes it, as an object: keys in the contract's order, numbers rounded.
 * Every export (CSV, Plotly, WebPlotDigitizer, the review page) writes these numbers, so a
 * table printed from a fresh result and one printed from its JSON read back are the same:
 * rounding is idempotent (`roundResult(roundResult(r))` equals `roundResult(r)`). Times stay
 * numbers (ms since 1970), rounded to the unit their axis is written to. Throws as
 * `toJson` does.
 */
export function roundResult<T extends DigitizeResult>(result: T): T {
  if (typeof result !== 'object' || result === null) {
    throw invalidArgument('object', 'result', result);
  }
  return (isFigure(result) ? figureJson(result) : chartJson(result, '')) as unknown as T;
}

function figureJson({ source, pages, charts, warnings, ...extra }: FigureResult) {
  return {
    source,
    pages,
    charts: charts.map((chart, index) => chartJson(chart, `charts[${index}].`)),
    warnings,
    ...extra,
  };
}

/** One chart, its paths in errors prefixed by `prefix`; a figure's chart with its panel. */
function chartJson(result: ChartResult | PanelChart, prefix: string) {
  const { source, image, title, plot, axes, series, confidence, warnings, legend, ...rest } =
    result;
  const { page, panel, from, ...extra } = rest as Partial<PanelChart>;
  const x = axis(axes.x, `${prefix}axes.x`);
  const y = axis(axes.y, `${prefix}axes.y`);
  return {
    source,
    image: {
      width: expectFinite(image.width, `${prefix}image.width`),
      height: expectFinite(image.height, `${prefix}image.height`),
    },
    title,
    plot: box(plot, `${prefix}plot`),
    axes: { x, y },
    // Spans of the rounded axes, so that rounding again (a result read back) keeps every digit.
    series: series.map((entry, index) => seriesJson(entry, `${prefix}series[${index}]`, x, y)),
    confidence: roundDecimals(confidence, CONFIDENCE_DECIMALS, `${prefix}confidence`),
    warnings,
    ...(legend === undefined
      ? {}
      : { legend: legend && { box: box(legend.box, `${prefix}legend.box`) } }),
    page,
    panel: panel && { ...panel, box: box(panel.box, `${prefix}panel.box`) },
    from,
    ...extra,
  };
}

function box(value: Box, path: string): Box {
  return {
    left: roundPixel(value.left, `${path}.left`),
    top: roundPixel(value.top, `${path}.top`),
    right: roundPixel(value.right, `${path}.right`),
    bottom: roundPixel(value.bottom, `${path}.bottom`),
  };
}

function axis(value: AxisResult, path: string): AxisResult {
  let { min, max } = value;
  // Rounding the limits changes their span, which sets how many digits they keep: repeat
  // until they no longer change, so that the limits read back round to themselves. Each pass
  // keeps at most as many digits as the last, so two or three passes settle it.
  for (let pass = 0; pass < MAX_LIMIT_PASSES; pass += 1) {
    const span = axisSpan({ ...value, min, max });
    const next = [
      roundValue(value, min, span, `${path}.min`),
      roundValue(value, max, span, `${path}.max`),
    ];
    if (next[0] === min && next[1] === max) break;
    [min, max] = next;
  }
  const span = axisSpan({ ...value, min, max });
  return {
    label: value.label,
    scale: value.scale,
    min,
    max,
    confidence: roundDecimals(value.confidence, CONFIDENCE_DECIMALS, `${path}.confidence`),
    ...(value.grid === undefined ? {} : { grid: value.grid }),
    ticks: value.ticks.map(
      (tick, index): Tick => ({
        text: tick.text,
        value: roundValue(value, tick.value, span, `${path}.ticks[${index}].value`),
        pixel: roundPixel(tick.pixel, `${path}.ticks[${index}].pixel`),
      }),
    ),
    ...(value.categories && { categories: [...value.categories] }),
  };
}

function seriesJson(
  value: SeriesResult,
  path: string,
  xAxis: AxisResult,
  yAxis: AxisResult,
): SeriesResult {
  const xSpan = axisSpan(xAxis);
  const ySpan = axisSpan(yAxis);
  return {
    name: value.name,
    color: value.color,
    marker: value.marker,
    ...(value.lineStyle === undefined ? {} : { lineStyle: value.lineStyle }),
    confidence: roundDecimals(value.confidence, CONFIDENCE_DECIMALS, `${path}.confidence`),
    points: value.points.map(
      (point, index): DataPoint => ({
        x: roundValue(xAxis, point.x, xSpan, `${path}.points[${index}].x`),
        y: roundValue(yAxis, point.y, ySpan, `${path}.points[${index}].y`),
      }),
    ),
  };
}

/**
 * The range that data values on this axis are read relative to, or 0 where digits should be
 * counted from the value alone: on a log axis each value's precision is relative to itself.
 */
function axisSpan(value: AxisResult): number {
  if (value.scale === 'log') return 0;
  const span = Math.abs(value.max - value.min);
  return Number.isFinite(span) ? span : 0;
}

/** A value of `axis` rounded: a time to its axis' unit (`roundTime`), a number by `roundData`. */
function roundValue(axis: AxisResult, value: number, span: number, path: string): number {
  return axis.scale === 'time'
    ? roundTime(expectFinite(value, path), span)
    : roundData(value, span, path);
}

/**
 * Rounds to DATA_DIGITS significant digits of the value, or of the axis span where that keeps
 * more: on an axis from 1_700_000_000 to 1_700_086_400, 6 digits of the value would round to
 * whole 10_000s, a tenth of the axis.
 */
function roundData(value: number, span: number, path: string): number {
  expectFinite(value, path);
  if (value === 0) return 0;
  let digits = DATA_DIGITS;
  if (span > 0) {
    const magnitude = Math.floor(Math.log10(Math.abs(value)));
    digits = Math.max(digits, magnitude - Math.floor(Math.log10(span)) + DATA_DIGITS);
  }
  return Number(value.toPrecision(Math.min(digits, MAX_DIGITS)));
}

function roundPixel(value: number, path: string): number {
  return roundDecimals(value, PIXEL_DECIMALS, path);
}

function roundDecimals(value: number, decimals: number, path: string): number {
  expectFinite(value, path);
  const factor = 10 ** decimals;
  // Dividing the rounded integer gives the double nearest the decimal, which prints short.
  return Math.round(value * factor) / factor;
}
