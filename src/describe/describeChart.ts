import type { AxisResult, Scale, SeriesResult } from '../types.js';
import { colorName } from './colorName.js';
import { compareCurves } from './compareCurves.js';
import { type Curve, firstAtOrAfter, valueAt } from './curve.js';
import type {
  AxisFacts,
  ChartFacts,
  ComparisonFacts,
  LegendEntryFacts,
  PanelResult,
  PointFact,
  SeriesFacts,
  Trend,
} from './facts.js';
import { findTrend, type Leg } from './findTrend.js';
import { legendPlace } from './legendPlace.js';
import { fromAxis, type Resolution, resolutionOf, roundAt, stepAt, toAxis } from './resolution.js';

/**
 * Positions along x are read to about a pixel (a marker's centre, the column where a line
 * turns or crosses another): they are stated to a step of at least a pixel.
 */
const X_STEP_PIXELS = 1;
/**
 * Values are read to about a pixel up or down (half a pixel for markers, more at the tip of a
 * noisy line's zigzag): stated to a step of at least two pixels, rounding and reading together
 * stay within a step of the truth.
 */
const Y_STEP_PIXELS = 2;
/** A rise or fall smaller than this share of the y axis is noise along the way, not a turn. */
const TURN_SHARE = 0.05;
/** ...and never smaller than this many pixels (a reading's own noise). */
const TURN_PIXELS = 2;
/** Points of a bare line further apart than this (px) have a gap between them. */
const GAP_PIXELS = 5;
/** Places where two series are compared that are closer than this (px) are one place. */
const SAME_X_PIXELS = 1;
/** At most this many places of a maximum or minimum are listed. */
const MAX_PLACES = 5;

/**
 * The facts behind a description of one chart result: its axes (ticks, grid, resolution), its
 * legend (where, each entry's colour in words, marker and line style), each series' shape
 * (rises, falls, peaks, dips, spikes, values at the x ticks) and how each pair of series
 * compare (which is above where, where they cross, which varies more). Every number is rounded
 * to the power of ten of at least X_STEP_PIXELS (x) or Y_STEP_PIXELS (y) pixels; two values
 * within a y step are level. Pure: the result is not changed. Throws a TypeError when `chart` is not a chart result, a RangeError when an axis'
 * limits or the plot box cannot give a resolution.
 */
export function describeChart(chart: PanelResult): ChartFacts {
  if (typeof chart !== 'object' || chart === null || !Array.isArray(chart.series)) {
    throw new TypeError(
      `Expected a chart result for chart but received ${chart === null ? 'null' : typeof chart}`,
    );
  }
  const { plot, axes } = chart;
  const xRes = resolutionOf(axes.x, plot.right - plot.left, X_STEP_PIXELS);
  const yRes = resolutionOf(axes.y, plot.bottom - plot.top, Y_STEP_PIXELS);
  const rx = (x: number) => roundAt(xRes, x);
  const ry = (y: number) => roundAt(yRes, y);
  const turn = Math.max(
    TURN_SHARE * Math.abs(toAxis(axes.y.scale, axes.y.max) - toAxis(axes.y.scale, axes.y.min)),
    TURN_PIXELS * yRes.pixel,
  );
  const yTolerance = (u: number) => {
    const y = fromAxis(axes.y.scale, u);
    return toAxis(axes.y.scale, y + stepAt(yRes, y)) - u;
  };

  const labels = chart.series.map((s, i) => s.name ?? `series ${i + 1}`);
  const entries = chart.series.map((s, i) => entryFacts(s, labels[i]));
  // A series read from a PDF's drawing is its line's vertices, joined however far apart.
  const vector = chart.from === 'vector';
  const drawn = chart.series.map((s) => curveOf(s, axes.x.scale, axes.y.scale, xRes, vector));
  const xTicks = tickValues(axes.x);

  const series: SeriesFacts[] = [];
  const empty: string[] = [];
  const curves: DrawnSeries[] = [];
  chart.series.forEach((s, i) => {
    const curve = drawn[i];
    if (curve.xs.length === 0) {
      empty.push(labels[i]);
      return;
    }
    const facts = seriesFacts(curve, entries[i], s.marker !== null, {
      axes,
      xTicks,
      turn,
      xPixel: xRes.pixel,
      yTolerance,
      point: (k: number) => ({
        x: rx(fromAxis(axes.x.scale, curve.xs[k])),
        y: ry(fromAxis(axes.y.scale, curve.ys[k])),
      }),
      ry,
    });
    series.push(facts);
    curves.push({
      label: labels[i],
      curve,
      markers: s.marker !== null,
      facts,
      ...extent(curve.ys),
    });
  });

  const comparisons = compareSeries(curves, {
    sameX: SAME_X_PIXELS * xRes.pixel,
    tolerance: yTolerance,
    x: (u: number) => rx(fromAxis(axes.x.scale, u)),
  });

  // The series whose maximum (minimum) is level with the chart's, within the y resolution.
  const extreme = (pick: (s: SeriesFacts) => { y: number; xs: number[] }, sign: number) => {
    const values = curves.map(({ low, high }) => (sign > 0 ? high : low));
    const top = sign > 0 ? Math.max(...values) : Math.min(...values);
    return curves.flatMap(({ label, facts }, i) =>
      sign * (top - values[i]) <= yTolerance(top) ? [{ label, ...pick(facts) }] : [],
    );
  };

  const allX = curves.flatMap(({ curve }) => [curve.xs[0], curve.xs[curve.xs.length - 1]]);
  const allY = curves.flatMap(({ low, high }) => [low, high]);
  const span = (values: number[], scale: Scale, round: (v: number) => number) =>
    values.length === 0
      ? null
      : {
          min: round(fromAxis(scale, Math.min(...values))),
          max: round(fromAxis(scale, Math.max(...values))),
        };

  return {
    source: chart.source,
    page: chart.page ?? null,
    panel: chart.panel ? { index: chart.panel.index, label: chart.panel.label } : null,
    title: chart.title ? { text: chart.title, position: 'above the plot' } : null,
    axes: {
      x: axisFacts(axes.x, xRes, span(allX, axes.x.scale, rx)),
      y: axisFacts(axes.y, yRes, span(allY, axes.y.scale, ry)),
    },
    legend:
      chart.legend || chart.series.some((s) => s.name !== null)
        ? {
            place: chart.legend ? legendPlace(chart.legend.box, plot) : null,
            entries: entries.filter((_, i) => chart.series[i].name !== null),
          }
        : null,
    series,
    empty,
    comparisons,
    highest: extreme((s) => s.maximum, 1),
    lowest: extreme((s) => s.minimum, -1),
    warnings: [...chart.warnings],
  };
}

/** A series with points, as the comparisons and the chart's extremes need it. */
interface DrawnSeries {
  label: string;
  curve: Curve;
  markers: boolean;
  facts: SeriesFacts;
  /** Its lowest and highest value, axis units. */
  low: number;
  high: number;
}

/**
 * How each pair of series compare: which is above where, where they cross, which varies more.
 * `sameX` and `tolerance` are as for compareCurves (axis units); `x` states a position on x.
 */
function compareSeries(
  curves: readonly DrawnSeries[],
  {
    sameX,
    tolerance,
    x,
  }: { sameX: number; tolerance: (u: number) => number; x: (u: number) => number },
): ComparisonFacts[] {
  const comparisons: ComparisonFacts[] = [];
  for (let i = 0; i < curves.length; i++) {
    for (let j = i + 1; j < curves.length; j++) {
      const [a, b] = [curves[i], curves[j]];
      const { stretches, crossings } = compareCurves(a.curve, b.curve, { sameX, tolerance });
      const [spreadA, spreadB] = [a.high - a.low, b.high - b.low];
      const middle = (a.high + b.high) / 2;
      comparisons.push({
        a: a.label,
        b: b.label,
        stretches: stretches.map((stretch) => ({
          higher: stretch.higher === null ? null : stretch.higher === 'a' ? a.label : b.label,
          from: x(stretch.xs[0]),
          to: x(stretch.xs[stretch.xs.length - 1]),
          ...(a.markers && b.markers ? { xs: stretch.xs.map(x) } : {}),
        })),
        crossings: crossings.map((c) => ({ x: x(c.x), after: x(c.after), before: x(c.before) })),
        variesMore:
          Math.abs(spreadA - spreadB) <= tolerance(middle)
            ? null
            : spreadA > spreadB
              ? a.label
              : b.label,
      });
    }
  }
  return comparisons;
}

/** The lowest and highest of many values (no spread: a line may have a point per column). */
function extent(values: readonly number[]): { low: number; high: number } {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return { low, high };
}

function entryFacts(s: SeriesResult, label: string): LegendEntryFacts {
  return {
    label,
    name: s.name,
    color: s.color,
    // A colour that is not #rrggbb (a hand-edited result) is said as it is written.
    colorName: /^#[0-9a-f]{6}$/i.test(s.color) ? colorName(s.color) : s.color,
    marker: s.marker,
    lineStyle: s.lineStyle ?? null,
  };
}

/**
 * A series' usable points in axis units, in order of x (non-positive values on a log axis
 * dropped); `joined` where its points are a line's vertices (read from a vector drawing).
 */
function curveOf(
  s: SeriesResult,
  xScale: Scale,
  yScale: Scale,
  xRes: Resolution,
  joined: boolean,
): Curve {
  const points = s.points
    .map((p) => ({ x: toAxis(xScale, p.x), y: toAxis(yScale, p.y) }))
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .sort((p, q) => p.x - q.x);
  return {
    xs: points.map((p) => p.x),
    ys: points.map((p) => p.y),
    // Markers are joined by their line however far apart; a bare line's columns are not.
    maxGap: s.marker !== null || joined ? Number.POSITIVE_INFINITY : GAP_PIXELS * xRes.pixel,
  };
}

interface SeriesContext {
  axes: { x: AxisResult; y: AxisResult };
  xTicks: number[];
  turn: number;
  /** One pixel of the x axis, in its units: a marker this close to a tick is on it. */
  xPixel: number;
  yTolerance: (u: number) => number;
  /** Point k of the curve as stated. */
  point: (k: number) => PointFact;
  ry: (y: number) => number;
}

function seriesFacts(
  curve: Curve,
  entry: LegendEntryFacts,
  markers: boolean,
  { axes, xTicks, turn, xPixel, yTolerance, point, ry }: SeriesContext,
): SeriesFacts {
  const { xs, ys } = curve;
  const n = xs.length;
  const { legs, turns } = findTrend(xs, ys, { turn });
  // Spikes are told apart; the trend is what the series does besides them.
  const spikeAt = new Set(turns.filter((t) => t.spike).map((t) => t.index));
  const moves = legs.filter(
    (leg) => leg.direction !== 'flat' && !spikeAt.has(leg.from) && !spikeAt.has(leg.to),
  );
  const change = ys[n - 1] - ys[0];
  const stated = (u: number) => ry(fromAxis(axes.y.scale, u));
  return {
    ...entry,
    points: n,
    start: point(0),
    end: point(n - 1),
    maximum: extremeOf(curve, 1, yTolerance, point),
    minimum: extremeOf(curve, -1, yTolerance, point),
    trend: trendOf(moves.map((leg) => leg.direction)),
    overall: change >= turn ? 'higher' : change <= -turn ? 'lower' : 'level',
    legs: legs.map((leg) => ({
      direction: leg.direction,
      from: point(leg.from),
      to: point(leg.to),
    })),
    turns: turns
      .map((t) => ({ ...point(t.index), kind: t.kind, spike: t.spike }))
      .sort((p, q) => p.x - q.x),
    atTicks: xTicks.flatMap((tick): SeriesFacts['atTicks'] => {
      const u = toAxis(axes.x.scale, tick);
      // A tick within a pixel of the series' ends is still on it.
      if (u < xs[0] - xPixel || u > xs[n - 1] + xPixel) return [];
      const nearest = nearestIndex(xs, u);
      if (markers && Math.abs(xs[nearest] - u) <= xPixel) {
        return [{ x: tick, y: stated(ys[nearest]), interpolated: false }];
      }
      const y = valueAt(curve, Math.min(xs[n - 1], Math.max(xs[0], u)));
      return [{ x: tick, y: y === null ? null : stated(y), interpolated: true }];
    }),
  };
}

/**
 * The highest (sign 1) or lowest (-1) value and every place the series comes within the
 * tolerance of it: one x per run of such points (the best of the run), at most MAX_PLACES.
 */
function extremeOf(
  curve: Curve,
  sign: number,
  tolerance: (u: number) => number,
  point: (k: number) => PointFact,
): { y: number; xs: number[] } {
  const { ys } = curve;
  let best = 0;
  ys.forEach((y, k) => {
    if (sign * (y - ys[best]) > 0) best = k;
  });
  const near = (k: number) => sign * (ys[best] - ys[k]) <= tolerance(ys[best]);
  const places: number[] = [];
  for (let k = 0; k < ys.length; k++) {
    if (!near(k)) continue;
    let top = k;
    while (k + 1 < ys.length && near(k + 1)) {
      k += 1;
      if (sign * (ys[k] - ys[top]) > 0) top = k;
    }
    places.push(top);
  }
  // The extreme itself is always among the places listed.
  const kept =
    places.length <= MAX_PLACES
      ? places
      : [best, ...places.filter((k) => k !== best).slice(0, MAX_PLACES - 1)];
  const xs = [...new Set(kept.map((k) => point(k).x))].sort((p, q) => p - q);
  return { y: point(best).y, xs };
}

function trendOf(directions: ReadonlyArray<Leg['direction']>): Trend {
  if (directions.length === 0) return 'flat';
  if (directions.length === 1) return directions[0] === 'rising' ? 'rising' : 'falling';
  if (directions.length === 2) {
    return directions[0] === 'rising' ? 'rising then falling' : 'falling then rising';
  }
  return 'oscillating';
}

/** The index of the value nearest `x` in ascending `xs` (not empty). */
function nearestIndex(xs: readonly number[], x: number): number {
  const after = Math.min(firstAtOrAfter(xs, x), xs.length - 1);
  return after > 0 && x - xs[after - 1] < xs[after] - x ? after - 1 : after;
}

/** The tick values read, ascending. */
function tickValues(axis: AxisResult): number[] {
  return axis.ticks.map((tick) => tick.value).sort((p, q) => p - q);
}

/** Tick spacings within this share of each other are even. */
const EVEN_TICKS = 0.01;

function axisFacts(
  axis: AxisResult,
  resolution: Resolution,
  data: { min: number; max: number } | null,
): AxisFacts {
  const values = tickValues(axis);
  const gaps = values.slice(1).map((v, i) => toAxis(axis.scale, v) - toAxis(axis.scale, values[i]));
  const even =
    gaps.length > 0 && gaps.every((g) => Math.abs(g - gaps[0]) <= EVEN_TICKS * Math.abs(gaps[0]));
  const round = (v: number) => roundAt(resolution, v);
  return {
    label: axis.label,
    scale: axis.scale,
    limits: { min: round(axis.min), max: round(axis.max) },
    ticks: {
      values,
      // Ticks are read from labels: 12 digits drop the float noise of their differences.
      every: even ? Number(fromAxis(axis.scale, gaps[0]).toPrecision(12)) : null,
    },
    data,
    grid: axis.grid ?? null,
    resolution: {
      pixel: Number(resolution.pixel.toPrecision(3)),
      stepPixels: resolution.stepPixels,
      step: axis.scale === 'log' ? null : stepAt(resolution, 0),
    },
  };
}
