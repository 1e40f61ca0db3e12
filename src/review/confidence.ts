import { percentile } from '../math.js';
import type { PixelPoint } from '../types.js';

/**
 * The factors of a series' and a chart's confidence, each 1 where all is well (an axis' own
 * factors are in `calibrate/axisConfidence.ts`, from what its calibration saw). A confidence
 * is a promise checked against the chart score (`../shared/CONTRACT.md`): a chart at 0.9 or
 * more should score 0.95 or more.
 */
export const FACTORS = {
  /** A gap in a line wider than this share of the plot's width is a stretch nobody saw... */
  wideGap: 0.03,
  /** ...and dashes leave gaps narrower than this (px) at any width. */
  minWideGap: 10,
  /** Marker spacings within this share of the typical spacing (or a multiple) are regular. */
  regular: 0.05,
  /** Markers are evenly spaced when this share of their spacings are regular. */
  mostlyRegular: 0.8,
  /** What an axis read from fewer than three tick labels leaves of the confidence. */
  fewTicks: 0.5,
  /** What a colour with no legend entry (in a chart with a legend) leaves of it. */
  noEntry: 0.5,
  /** What a legend name that may be another series' (a close call in pairing) leaves of it. */
  misnamed: 0.5,
  /**
   * What a colour lying beside it, taken for its halo and left out (`findHalos`), leaves: a
   * guess between a fringe of blended pixels and a series drawn along it (one of the two lost,
   * or the trace on their blend), a lesser doubt than a name that may be another's. On the
   * zoo's seeds 2 and 5, 4 of the 11 charts with such a series at confidence 0.7 or more scored
   * under 0.95, against one in four of all charts there.
   */
  haloed: 0.85,
  /** A series whose trace accounts for this share of its ink or more is fully trusted... */
  explained: 0.95,
  /** ...and one whose trace accounts for this share or less, not at all (linear between). */
  unexplained: 0.6,
  /**
   * What a series drawn in the colour of another leaves (the two told apart by dashes or
   * markers alone: which curve is which, where they cross or touch, is a guess).
   */
  sharedColor: 0.7,
  /**
   * The error (px, up or down) expected of a traced line's value where its ink is as thick as
   * the line, of a marker's centre, and what each pixel of ink the trace leaves above or below
   * it in a column (a noisy curve's extremes) adds to it. A pixel: on the seed-2 zoo's charts
   * traced in full the mean error is 0.7 px at the median and 1.1 to 1.5 px at the 80th
   * percentile (more after JPEG or rescaling); 0.6 px let 12% of the charts at confidence 0.9 or
   * more score under 0.95.
   */
  linePx: 1,
  markerPx: 1,
  perExcessPx: 1.5,
  /**
   * A marker's centre is as uncertain across as up and down (`markerPx` either way), and the
   * scorer reads the series at the truth's x: where the line through the markers climbs s px
   * per px, an error of e px across costs s * e px up or down. So a marker's expected error is
   * `markerPx` * sqrt(1 + s^2), s the mean slope of the segments on its two sides. On the zoo's
   * seed-2 charts of markers at confidence 0.8 or more, the quarter steepest for their plot's
   * height scored 0.95 or more in 68% of charts, the quarter flattest in 92%. Slopes beyond
   * `steepest` are a jump between two x values, where the truth's x falls on one side of it or
   * the other: the error no longer grows with the slope.
   */
  steepest: 10,
  /**
   * A value off by this share of the y range counts for nothing in the chart score (the
   * scorer's `ZERO_AT`): an error of e px on a plot h px high costs e / (share * h) of it.
   */
  zeroAt: 0.05,
  /** Each share of the score the expected error costs, this many times over, off the series'. */
  precision: 2,
  /** What a plot box that is an estimate (no axis line, grid or tick marks drew it) leaves. */
  estimatedPlot: 0.6,
} as const;

export interface ConfidenceInput {
  /** The series' points in image pixels, left to right. */
  points: PixelPoint[];
  /** Whether the points are markers (else a traced line). */
  markers: boolean;
  /** Width and height of the plot area (px). */
  plotWidth: number;
  plotHeight: number;
  /** The fewest tick labels either axis was calibrated from. */
  ticks: number;
  /** The chart has a legend but this colour has no entry in it. */
  unlisted: boolean;
  /** Its legend name may be another series' (paired by a close call). @default false */
  misnamed?: boolean;
  /** A colour beside it was taken for its halo and left out. @default false */
  haloed?: boolean;
  /** Share of the series' ink its trace accounts for (inkExplained). */
  explained: number;
  /** Another series is drawn in its colour. @default false */
  sharedColor?: boolean;
  /**
   * For a line: how far (px, mean) its ink reaches beyond the trace in the trace's columns
   * (traceSpread). @default 0
   */
  spread?: number;
}

/**
 * How much to trust a series, 0..1: the product of
 * - `seen`: for a line, the share of its span outside wide gaps (bridged straight); for evenly
 *   spaced markers, the share of the expected markers found;
 * - `fewTicks`: an axis read from fewer than three tick labels;
 * - `noEntry`: a colour the legend does not list (often a stray cluster);
 * - `misnamed`: a legend name that may be another series' (paired by a close call);
 * - `haloed`: a colour beside it taken for its halo (or a series drawn along it, lost);
 * - `accounted`: how much of its ink the trace accounts for (ink left out is another curve of
 *   its colour, a band or error bars, or a noisy line traced through its middle);
 * - `sharedColor`: another series drawn in its colour, told apart by style alone;
 * - `precise`: how much of the score the error expected of its points would cost on a plot
 *   this high (a marker's error across counting as much as the line's slope makes it).
 */
export function seriesConfidence(input: ConfidenceInput): number {
  const { points, markers, plotWidth, ticks, unlisted, misnamed = false, explained } = input;
  const seen = markers ? markersFound(points) : lineSeen(points, plotWidth);
  const accounted = clamp01(
    (explained - FACTORS.unexplained) / (FACTORS.explained - FACTORS.unexplained),
  );
  return (
    seen *
    (ticks < 3 ? FACTORS.fewTicks : 1) *
    (unlisted ? FACTORS.noEntry : 1) *
    (misnamed ? FACTORS.misnamed : 1) *
    (input.haloed ? FACTORS.haloed : 1) *
    accounted *
    (input.sharedColor ? FACTORS.sharedColor : 1) *
    precise(input)
  );
}

/**
 * The share of the score a series' expected error leaves, `precision` times over: a traced
 * value is about `linePx` off where the line is clean (a marker's centre `markerPx`), more
 * where ink the trace passes through the middle of reaches beyond it; an error of e px on a
 * plot h px high costs e / (zeroAt * h) of a point's credit.
 */
function precise({ points, markers, plotHeight, spread = 0 }: ConfidenceInput): number {
  if (!(plotHeight > 0)) return 1;
  const error = markers
    ? FACTORS.markerPx * steepness(points)
    : FACTORS.linePx + FACTORS.perExcessPx * spread;
  return clamp01(1 - (FACTORS.precision * error) / (FACTORS.zeroAt * plotHeight));
}

export interface ChartEvidence {
  /** Each axis' confidence. */
  axes: number[];
  /** The series found. */
  series: { confidence: number }[];
  /** Legend entries no series was found for: each counts as a series of confidence 0. @default 0 */
  missing?: number;
  /** Whether the plot box is an estimate. @default false */
  plotEstimated?: boolean;
}

/**
 * The chart's confidence: its least sure axis times the mean of its series' confidences (a
 * wrong series costs the chart score its share, as the mean does), where a legend entry with
 * no series counts as one of confidence 0 (the scorer counts it so), times `estimatedPlot`
 * where the plot box is an estimate; 0 with no series.
 */
export function chartConfidence({
  axes,
  series,
  missing = 0,
  plotEstimated = false,
}: ChartEvidence): number {
  if (series.length === 0) return 0;
  const sum = series.reduce((total, entry) => total + entry.confidence, 0);
  const mean = sum / (series.length + missing);
  const plot = plotEstimated ? FACTORS.estimatedPlot : 1;
  return Math.round(Math.min(...axes) * mean * plot * 1000) / 1000;
}

/**
 * The mean over markers of sqrt(1 + s^2), s the mean slope (px up or down per px across, at
 * most `steepest`) of the segments to its neighbours: how much an error across adds to one up or
 * down where the scorer reads the series. 1 for fewer than two markers.
 */
export function steepness(points: PixelPoint[]): number {
  const factors: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const slopes = [points[i - 1], points[i + 1]]
      .filter((other) => other !== undefined && other.px !== points[i].px)
      .map((other) => Math.abs((other.py - points[i].py) / (other.px - points[i].px)));
    if (slopes.length === 0) continue;
    const slope = Math.min(FACTORS.steepest, slopes.reduce((a, b) => a + b, 0) / slopes.length);
    factors.push(Math.sqrt(1 + slope * slope));
  }
  return factors.length > 0 ? factors.reduce((a, b) => a + b, 0) / factors.length : 1;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Share of a line's x span not in gaps wider than `wideGap` of the plot. */
function lineSeen(points: PixelPoint[], plotWidth: number): number {
  if (points.length < 2) return 0;
  const span = points.at(-1)!.px - points[0].px;
  const wide = Math.max(FACTORS.minWideGap, plotWidth * FACTORS.wideGap);
  let unseen = 0;
  for (let i = 1; i < points.length; i++) {
    const gap = points[i].px - points[i - 1].px;
    if (gap > wide) unseen += gap;
  }
  return span > 0 ? 1 - unseen / span : 0;
}

/** For evenly spaced markers, the share of the expected ones found; else 1. */
function markersFound(points: PixelPoint[]): number {
  if (points.length < 3) return 1;
  const gaps = points.slice(1).map((p, i) => p.px - points[i].px);
  const step = percentile(gaps, 0.5);
  const multiple = (gap: number) => {
    const k = Math.round(gap / step);
    return k >= 1 && Math.abs(gap - k * step) <= step * FACTORS.regular * k;
  };
  if (!(step > 0) || gaps.filter(multiple).length < gaps.length * FACTORS.mostlyRegular) return 1;
  const expected = Math.round((points.at(-1)!.px - points[0].px) / step) + 1;
  return Math.min(1, points.length / expected);
}
