import { type Rgb, toHex } from '../color.js';
import { DigitizeError } from '../errors.js';
import type { SeriesMask } from '../separate/separateSeries.js';
import { sharesColor } from '../separate/splitSharedColors.js';
import { followHidden, followHiddenEnds } from '../trace/followHidden.js';
import type { TraceResult } from '../trace/traceSeries.js';
import { extendUnderLegend } from '../trace/underLegend.js';
import type { AxisScale, Box, SeriesResult } from '../types.js';
import { findBandFills } from './bandFills.js';
import { type ConfidenceInput, seriesConfidence } from './confidence.js';
import { findHalos, findMisreadEntries, findSecondTraces, isTint } from './findHalos.js';
import { inkExplained } from './inkExplained.js';
import { traceSpread } from './traceSpread.js';

const DEFAULTS = {
  /** A bare line whose points cover less of its span than this is reported as gappy. */
  gappyCoverage: 0.7,
  /** A series with more than this share of its ink in big filled blobs is bars or areas. */
  filled: 0.5,
  /** Markers joined by a line over less than this share of the columns between them have none. */
  scatterJoined: 0.3,
  /** A series whose trace accounts for less of its ink than this is reported. */
  explained: 0.8,
} as const;

export interface ReviewInput {
  /** One mask per series colour, the legend's listed colours first. */
  masks: SeriesMask[];
  /** Each mask's trace, in pixels; null for an empty mask. */
  traces: (TraceResult | null)[];
  /** The legend's names of the listed colours, in order (none without a legend). */
  names: string[];
  /** Whether the chart has a legend: a colour past `names` is then one it does not list. */
  legend: boolean;
  /**
   * Entries (indices into `names`) whose legend sample is a patch, as bars and areas are
   * listed (isPatchSample), not a line's stroke. @default none
   */
  patches?: Set<number>;
  /** Entries (indices into `names`) whose pairing with their series is a close call. @default none */
  doubtful?: Set<number>;
  /** The legend's box when it lies over the plot (a series' end may run under it), else null. */
  legendBox?: Box | null;
  /**
   * Whether the legend, read whole, lists every series: a colour it does not list (and no
   * misread entry takes) is part of a listed one, reviewed with the others and then left out
   * of the series, with a warning. @default false
   */
  listedOnly?: boolean;
  axes: { x: AxisScale; y: AxisScale };
  /** The plot region that was traced (px). */
  region: Box;
  /** The masks' row length (px). */
  width: number;
  /** The plot's background colour. */
  background: Rgb;
}

export interface Review {
  /** The series, their points in data units, in the masks' order. */
  series: SeriesResult[];
  warnings: string[];
  /** Legend entries no series was found for. */
  missing: number;
}

/**
 * Looks over the traces of all the series together and decides what each is: a halo around
 * another's line (left out), a bare line hidden under another over a stretch (made to follow
 * it there), filled bars or areas (left out, or NOT_A_LINE_CHART when nothing else is drawn;
 * ribbons the legend lists are lines drawn thick),
 * markers without a line (a scatter plot), a line with large gaps; then names each series,
 * rates it (`confidence`) and maps its points to data. What is doubtful goes to `warnings`.
 * Throws DigitizeError NOT_A_LINE_CHART when every series is filled.
 */
export function reviewSeries({
  masks,
  traces,
  names,
  legend,
  patches = new Set(),
  doubtful = new Set(),
  legendBox = null,
  listedOnly = false,
  axes,
  region,
  width,
  background,
}: ReviewInput): Review {
  const colors = {
    masks,
    paths: traces,
    background,
    names,
    first: legend ? names.length : 0,
    width,
  };
  const { halos, hosts, warnings } = findHalos({
    ...colors,
    filled: traces.map((trace) => trace !== null && trace.filled > DEFAULTS.filled),
  });
  // A colour no entry lists lying against another line above and below it all along is the
  // fill of a band round that line, traced as a curve (its edges): not a series.
  const bands = findBandFills({ ...colors, skip: halos });
  for (const i of bands.fills) halos.add(i);
  warnings.push(...bands.warnings);
  // Filled shapes winding along the plot (ribbons) of a colour the legend lists are that
  // series' line drawn thick (a high-resolution image) or its overlapping markers, not bars or
  // areas; unless the colour is a paler tint of another series' (a band's fill, its entry's
  // sample read off the band). So are filled shapes of any outline (a flat chain of markers
  // fills its box as a bar does) whose entry shows a line's sample, not a patch.
  const ribbon = traces.map(
    (trace, i) =>
      trace !== null &&
      trace.filled > DEFAULTS.filled &&
      (trace.ribbon || !patches.has(i)) &&
      legend &&
      i < names.length &&
      !masks.some((other, j) => j !== i && isTint(masks[i].color, other.color, background)),
  );
  const solid = traces.map(
    (trace, i) => trace !== null && trace.filled > DEFAULTS.filled && !ribbon[i],
  );
  const points = followingHidden(masks, traces, halos, solid, width);
  // A colour's trace carried along another series where it was hidden may now lie on that
  // series all along: it was a second trace of that line (a grey edge of a black line in a
  // greyscale chart, traced in pieces), found only once followed.
  const followed = findSecondTraces({
    masks,
    paths: traces.map((trace, i) =>
      trace && !solid[i] ? { points: points[i], reach: trace.reach } : null,
    ),
    names,
    first: legend ? names.length : 0,
    width,
    halos,
  });
  for (const i of followed.halos) halos.add(i);
  warnings.push(...followed.warnings);
  // A listed colour traced only along another line: its entry's colour was misread.
  const misread = legend
    ? findMisreadEntries({
        masks,
        paths: traces.map((trace, i) =>
          trace && !solid[i] ? { points: points[i], reach: trace.reach } : null,
        ),
        names,
        first: names.length,
        width,
        background,
        skip: halos,
        alike: sharesColor,
      })
    : { left: new Set<number>(), renamed: new Map<number, number>(), warnings: [] };
  for (const i of misread.left) halos.add(i);
  warnings.push(...misread.warnings);
  /** The entry (index into `names`) series i is named by, or -1. */
  const entryOf = (i: number) => misread.renamed.get(i) ?? (i < names.length ? i : -1);
  if (legendBox) {
    const lines = traces.map((trace, i) => ({
      points: trace && !halos.has(i) && !solid[i] ? points[i] : [],
      markers: trace?.markers ?? false,
      reach: trace?.reach ?? 0,
    }));
    const extended = extendUnderLegend(lines, legendBox, region);
    for (const { index, side } of extended.hidden) {
      points[index] = extended.points[index];
      warnings.push(
        `series '${names[index] ?? toHex(masks[index].color)}' runs under the legend at its ${side} end: carried on there at its last value`,
      );
    }
  }
  // Series that are all filled ribbons (dense noisy lines drawn solid) are lines still: a chart
  // of nothing else is no chart of bars or areas. Traced along their middles.
  const shown = traces.filter(
    (trace, i) => trace !== null && !halos.has(i) && points[i].length > 0,
  );
  const ribbons =
    shown.length > 0 &&
    shown.every((trace) => trace !== null && trace.filled > DEFAULTS.filled && trace.ribbon);
  const series: SeriesResult[] = [];
  const filled: string[] = [];
  let missing = 0;
  /** Unlisted series left out where the legend lists every series (`listedOnly`). */
  let unlistedLeft = 0;
  // What each series' confidence is rated from, once all are known (their colours).
  const rated: { input: Omit<ConfidenceInput, 'sharedColor'>; color: Rgb }[] = [];
  masks.forEach((mask, i) => {
    const entry = entryOf(i);
    const name = legend ? (names[entry] ?? null) : null;
    if (halos.has(i)) return;
    const unlisted = legend && entry < 0;
    if (unlisted && listedOnly) {
      if (traces[i] !== null && points[i].length > 0) unlistedLeft++;
      return;
    }
    if (unlisted && mask.count > 0) {
      warnings.push(`a series coloured ${toHex(mask.color)} has no legend entry`);
    }
    const trace = traces[i];
    if (trace === null) {
      warnings.push(`legend entry '${name}' has no matching colour in the plot`);
      if (name !== null) missing++;
      return;
    }
    if (points[i].length === 0) return;
    const label = name ?? toHex(mask.color);
    if (solid[i] && !ribbons) {
      filled.push(label);
      return;
    }
    if (trace.filled > DEFAULTS.filled) {
      warnings.push(
        `series '${label}' is drawn as a solid ribbon (a dense noisy line, or a band): traced along its middle`,
      );
    }
    if (trace.markers && trace.joined < DEFAULTS.scatterJoined) {
      warnings.push(
        `series '${label}' is markers without a line (a scatter plot, not a line chart): its points are the markers`,
      );
    }
    if (trace.coverage < DEFAULTS.gappyCoverage && !trace.markers) {
      warnings.push(
        `series '${name ?? i + 1}' has large gaps (${Math.round(trace.coverage * 100)}% traced)`,
      );
    }
    const misnamed = name !== null && doubtful.has(entry);
    if (misnamed) {
      warnings.push(
        `legend entry '${name}' may name the wrong series: another series is drawn almost as its sample is`,
      );
    }
    const explained = inkExplained(mask.weight, width, region, points[i], trace.reach);
    if (explained < DEFAULTS.explained) {
      warnings.push(
        `series '${label}': ${Math.round((1 - explained) * 100)}% of its ink lies off the traced line (another curve of its colour, a band, error bars or a noisy line)`,
      );
    }
    rated.push({
      color: mask.color,
      input: {
        points: points[i],
        markers: trace.markers,
        plotWidth: region.right - region.left,
        plotHeight: region.bottom - region.top,
        ticks: Math.min(axes.x.ticks.length, axes.y.ticks.length),
        unlisted,
        misnamed,
        haloed: hosts.has(i),
        explained,
        spread: trace.markers ? 0 : traceSpread(mask.weight, width, region, points[i]),
      },
    });
    series.push({
      name,
      color: toHex(mask.color),
      marker: trace.marker,
      confidence: 0,
      points: points[i].map(({ px, py }) => ({
        x: axes.x.pixelToData(px),
        y: axes.y.pixelToData(py),
      })),
      lineStyle: trace.lineStyle,
    });
  });
  if (filled.length > 0) {
    const what = `filled bars or areas (${filled.join(', ')})`;
    if (series.length === 0) {
      throw new DigitizeError('NOT_A_LINE_CHART', 'review', `${what}: not a line chart`);
    }
    warnings.push(`${what} left out: they are not lines`);
  }
  if (unlistedLeft > 0) {
    warnings.push(
      `the legend lists ${names.length} series: ${unlistedLeft} more ${unlistedLeft === 1 ? 'colour or curve' : 'colours or curves'} it does not list left out (error bars, bands, halos or markers taken apart)`,
    );
  }
  if (series.length === 0) warnings.push('no series found in the plot');
  rated.forEach(({ input, color }, n) => {
    const sharedColor = rated.some((other, m) => m !== n && sharesColor(other.color, color));
    series[n].confidence = seriesConfidence({ ...input, sharedColor });
  });
  return { series, warnings, missing };
}

/**
 * Each series' points (none for an empty mask), where bare lines hidden under one another
 * over a stretch follow the one on top there.
 */
function followingHidden(
  masks: SeriesMask[],
  traces: (TraceResult | null)[],
  halos: Set<number>,
  solid: boolean[],
  width: number,
) {
  const points = traces.map((trace) => trace?.points ?? []);
  const bare = traces.flatMap((trace, i) =>
    trace && !trace.markers && !halos.has(i)
      ? [{ i, points: trace.points, weight: masks[i].weight }]
      : [],
  );
  followHidden(bare, width).forEach((followed, n) => {
    points[bare[n].i] = followed;
  });
  // Ends hidden under any other series, markers too.
  const shown = traces.flatMap((trace, i) =>
    trace && !halos.has(i) && !solid[i]
      ? [{ i, points: points[i], weight: masks[i].weight, markers: trace.markers }]
      : [],
  );
  followHiddenEnds(shown, width).forEach((followed, n) => {
    points[shown[n].i] = followed;
  });
  return points;
}
