import { percentile } from '../math.js';
import type { PixelPoint } from '../types.js';

/** A gap in a line wider than this share of the plot's width is a stretch nobody saw... */
const WIDE_GAP = 0.03;
/** ...and dashes leave gaps narrower than this (px) at any width. */
const MIN_WIDE_GAP = 10;
/** Marker spacings within this share of the typical spacing (or a multiple) are regular. */
const REGULAR = 0.05;
/** Markers are evenly spaced when this share of their spacings are regular. */
const MOSTLY_REGULAR = 0.8;
/** What an axis read from fewer than three tick labels leaves of the confidence. */
const FEW_TICKS = 0.5;
/** What a colour with no legend entry (in a chart with a legend) leaves of it. */
const NO_ENTRY = 0.5;
/** What a legend name that may be another series' (a close call in pairing) leaves of it. */
const MISNAMED = 0.5;
/** A series whose trace accounts for this share of its ink or more is fully trusted... */
const EXPLAINED = 0.95;
/** ...and one whose trace accounts for this share or less, not at all (linear between). */
const UNEXPLAINED = 0.6;

export interface ConfidenceInput {
  /** The series' points in image pixels, left to right. */
  points: PixelPoint[];
  /** Whether the points are markers (else a traced line). */
  markers: boolean;
  /** Width of the plot area (px). */
  plotWidth: number;
  /** The fewest tick labels either axis was calibrated from. */
  ticks: number;
  /** The chart has a legend but this colour has no entry in it. */
  unlisted: boolean;
  /** Its legend name may be another series' (paired by a close call). @default false */
  misnamed?: boolean;
  /** Share of the series' ink its trace accounts for (inkExplained). */
  explained: number;
}

/**
 * How much to trust a series, 0..1: the product of what was seen of it (for a line, the
 * share of its span outside wide gaps, which were bridged straight; for evenly spaced markers,
 * the share of the expected markers found), of how surely the axes were read (fewer than three
 * tick labels on an axis halve it), of whether its colour is a legend entry's (a colour
 * the legend does not list halves it: it is often a stray cluster; so does a name that may be
 * another series', paired by a close call) and of how much of its ink
 * the trace accounts for (ink left out is another curve of its colour, a band or error bars,
 * or a noisy line traced through its middle).
 */
export function seriesConfidence({
  points,
  markers,
  plotWidth,
  ticks,
  unlisted,
  misnamed = false,
  explained,
}: ConfidenceInput): number {
  const seen = markers ? markersFound(points) : lineSeen(points, plotWidth);
  const accounted = Math.min(1, Math.max(0, (explained - UNEXPLAINED) / (EXPLAINED - UNEXPLAINED)));
  return (
    seen *
    (ticks < 3 ? FEW_TICKS : 1) *
    (unlisted ? NO_ENTRY : 1) *
    (misnamed ? MISNAMED : 1) *
    accounted
  );
}

/** Share of a line's x span not in gaps wider than WIDE_GAP of the plot. */
function lineSeen(points: PixelPoint[], plotWidth: number): number {
  if (points.length < 2) return 0;
  const span = points.at(-1)!.px - points[0].px;
  const wide = Math.max(MIN_WIDE_GAP, plotWidth * WIDE_GAP);
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
    return k >= 1 && Math.abs(gap - k * step) <= step * REGULAR * k;
  };
  if (!(step > 0) || gaps.filter(multiple).length < gaps.length * MOSTLY_REGULAR) return 1;
  const expected = Math.round((points.at(-1)!.px - points[0].px) / step) + 1;
  return Math.min(1, points.length / expected);
}
