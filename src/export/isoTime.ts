import { chartsOf, isFigure } from '../figure/figureResult.js';
import type { AxisResult, ChartResult, DigitizeResult } from '../types.js';

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;
/** Units a time is written to, coarsest first: a day, an hour, a minute, a second, a millisecond. */
const UNITS_MS = [DAY_MS, 3_600_000, 60_000, SECOND_MS, 1] as const;
/**
 * A time is written to the coarsest unit no larger than this share of its axis' span: a
 * chart is read to about 1/1000 of its axis, as numbers keep 6 digits of theirs.
 */
const SPAN_SHARE = 1 / 1000;

/** The unit (ms) times on an axis spanning `spanMs` are written to. */
export function timeUnit(spanMs: number): number {
  const wanted = Math.abs(spanMs) * SPAN_SHARE;
  return UNITS_MS.find((unit) => unit <= wanted) ?? 1;
}

/** `ms` (since 1970-01-01T00:00Z) rounded to the unit of an axis spanning `spanMs`. */
export function roundTime(ms: number, spanMs: number): number {
  const unit = timeUnit(spanMs);
  return Math.round(ms / unit) * unit;
}

/**
 * `ms` as ISO 8601, as precise as an axis spanning `spanMs` allows: the date (`2004-03-01`)
 * where its unit is a day, else the date and UTC time (`2004-03-01T12:00:00Z`, with
 * milliseconds where the unit is one).
 */
export function isoTime(ms: number, spanMs: number): string {
  const unit = timeUnit(spanMs);
  const iso = new Date(roundTime(ms, spanMs)).toISOString();
  if (unit === DAY_MS) return iso.slice(0, 10);
  return unit >= SECOND_MS ? `${iso.slice(0, 19)}Z` : iso;
}

/** An ISO 8601 date or date-time (UTC where it names no zone) as ms since 1970; NaN otherwise. */
export function timeOfIso(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(iso)) return Number.NaN;
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}

/** Whether an axis is one of dates. */
export function isTimeAxis(axis: AxisResult): boolean {
  return axis.scale === 'time';
}

/**
 * A result (already rounded) with the values of every date axis written as ISO 8601 strings, as
 * the JSON holds them: the axis' `min`, `max` and tick values, and the points' x of a date x.
 */
export function withIsoTimes(result: DigitizeResult): unknown {
  const chart = (value: ChartResult) => {
    const { x, y } = value.axes;
    if (!isTimeAxis(x) && !isTimeAxis(y)) return value;
    const xIso = timeWriter(x);
    const yIso = timeWriter(y);
    return {
      ...value,
      axes: { x: isoAxis(x), y: isoAxis(y) },
      series: value.series.map((series) => ({
        ...series,
        points: series.points.map((point) => ({ x: xIso(point.x), y: yIso(point.y) })),
      })),
    };
  };
  return isFigure(result) ? { ...result, charts: result.charts.map(chart) } : chart(result);
}

/**
 * A result read back from its JSON with the ISO 8601 strings of its date axes as ms since 1970
 * again (the inverse of `withIsoTimes`); the result itself, changed in place.
 */
export function withTimeValues<T extends DigitizeResult>(result: T): T {
  const ms = (value: unknown) => (typeof value === 'string' ? timeOfIso(value) : value) as number;
  for (const chart of chartsOf(result)) {
    for (const name of ['x', 'y'] as const) {
      const axis = chart.axes?.[name];
      if (!axis || !isTimeAxis(axis)) continue;
      axis.min = ms(axis.min);
      axis.max = ms(axis.max);
      for (const tick of axis.ticks ?? []) tick.value = ms(tick.value);
      for (const series of chart.series) {
        for (const point of series.points) point[name] = ms(point[name]);
      }
    }
  }
  return result;
}

/** Writes the values of an axis as they are held (numbers), or as ISO strings on a date axis. */
function timeWriter(axis: AxisResult): (value: number) => number | string {
  const span = axis.max - axis.min;
  return isTimeAxis(axis) ? (value) => isoTime(value, span) : (value) => value;
}

function isoAxis(axis: AxisResult) {
  if (!isTimeAxis(axis)) return axis;
  const iso = timeWriter(axis);
  return {
    ...axis,
    min: iso(axis.min),
    max: iso(axis.max),
    ticks: axis.ticks.map((tick) => ({ ...tick, value: iso(tick.value) })),
  };
}
