/**
 * The facts a description rests on, as `describeChart` gives them: plain data, every number
 * already rounded to what its axis resolves. Kept apart from the code that finds them so that
 * the writers (`describe`, `describeFigure`) and the library's users depend on the shapes only.
 */
import type { ChartResult, LineStyle, MarkerShape, PanelChart, Scale } from '../types.js';
import type { Leg } from './findTrend.js';
import type { LegendPlace } from './legendPlace.js';

/** A point as stated: x and y rounded to what their axes resolve. */
export interface PointFact {
  x: number;
  y: number;
}

export interface AxisFacts {
  label: string | null;
  scale: Scale;
  /** The axis limits: the values at the plot's edges (padded beyond the ticks, often). */
  limits: { min: number; max: number };
  /** The labelled tick values, ascending, and their spacing: the difference between
   * neighbours (linear) or their ratio (log); null when uneven or fewer than two. */
  ticks: { values: number[]; every: number | null };
  /** The x (or y) span of all the series' points; null without points. */
  data: { min: number; max: number } | null;
  /** Whether grid lines were found along this axis; null when the result does not say. */
  grid: boolean | null;
  /**
   * One pixel in data units (log10 units on a log axis), and the step values are rounded to:
   * the smallest power of ten not finer than `stepPixels` pixels (null on a log axis, where it
   * grows with the value).
   */
  resolution: { pixel: number; stepPixels: number; step: number | null };
}

export interface LegendEntryFacts {
  /** How the description names it: its legend name, else `series N` (its place, from 1). */
  label: string;
  /** Its legend name; null without one. */
  name: string | null;
  color: string;
  colorName: string;
  marker: MarkerShape | null;
  lineStyle: LineStyle | null;
}

export interface LegendFacts {
  /** Where it is; null when the result holds no legend box (only named series). */
  place: LegendPlace | null;
  entries: LegendEntryFacts[];
}

export type Trend =
  | 'flat'
  | 'rising'
  | 'falling'
  | 'rising then falling'
  | 'falling then rising'
  | 'oscillating';

export interface TurnFact extends PointFact {
  kind: 'peak' | 'dip';
  /** Narrow and standing out far more than the series' other turns. */
  spike: boolean;
}

export interface SeriesFacts extends LegendEntryFacts {
  /** Number of points (markers, or the traced line's columns). */
  points: number;
  start: PointFact;
  end: PointFact;
  /** Its highest value and every x where it reaches it (within the y resolution). */
  maximum: { y: number; xs: number[] };
  minimum: { y: number; xs: number[] };
  /** The overall shape, spikes left aside (they are in `turns`). */
  trend: Trend;
  /** Where it ends against where it starts: by at least a turn (TURN_SHARE of the y axis), or 'level'. */
  overall: 'higher' | 'lower' | 'level';
  /** Its rises, falls and flat stretches, in order. */
  legs: Array<{ direction: Leg['direction']; from: PointFact; to: PointFact }>;
  /** Its peaks and dips, in order of x. */
  turns: TurnFact[];
  /**
   * Its value at each x tick within its span; interpolated when no marker sits on the tick (a
   * bare line is always read between its columns); null in a gap of the line.
   */
  atTicks: Array<{ x: number; y: number | null; interpolated: boolean }>;
}

export interface StretchFacts {
  /** The label of the series above; null where the two are level (within the y resolution). */
  higher: string | null;
  from: number;
  to: number;
  /** Every x compared in the stretch, where both series are markers (few places). */
  xs?: number[];
}

export interface ComparisonFacts {
  a: string;
  b: string;
  /** Over the x span both cover, in order. */
  stretches: StretchFacts[];
  /** Where one goes from above the other to below it: the crossing's x, and the last x before it with
   * the first series above (or below) and the first after it with the other. */
  crossings: Array<{ x: number; after: number; before: number }>;
  /** The series whose range (max - min, on the axis' scale) is wider; null when they are within the
   * y resolution of each other. */
  variesMore: string | null;
}

/** The facts a description of one chart rests on, every number rounded to what its axis resolves. */
export interface ChartFacts {
  source: string | null;
  /** For a chart of a PDF: its page (1-based); else null. */
  page: number | null;
  /** For a panel of a figure: its index in reading order and printed label; else null. */
  panel: { index: number; label: string | null } | null;
  title: { text: string; position: 'above the plot' } | null;
  axes: { x: AxisFacts; y: AxisFacts };
  legend: LegendFacts | null;
  series: SeriesFacts[];
  /** Labels of series with no usable point (none, or none on the axis' scale). */
  empty: string[];
  /** Each pair of series, in order (the first series against the others, then the second...). */
  comparisons: ComparisonFacts[];
  /** The series reaching the highest value of the chart (several when level with it), with
   * their maximum; likewise the lowest. */
  highest: ExtremeFacts[];
  lowest: ExtremeFacts[];
  /** The digitizer's warnings about this chart, as they were given. */
  warnings: string[];
}

export interface ExtremeFacts {
  label: string;
  y: number;
  xs: number[];
}

/** A chart of a figure or a PDF: the chart fields, and where it is. */
export type PanelResult = ChartResult & Partial<Pick<PanelChart, 'page' | 'panel' | 'from'>>;
