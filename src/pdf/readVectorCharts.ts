import { chartConfidence } from '../calibrate/axisConfidence.js';
import { axisResult, scaleAxis } from '../calibrate/axisScale.js';
import { parseAxisMultiplier } from '../calibrate/parseTick.js';
import type { Box, ChartResult } from '../types.js';
import {
  findFrameCandidates,
  findSegments,
  readAxis,
  type Segment,
  sameBox,
  type VectorAxis,
} from './findAxes.js';
import { findLegendEntries } from './findLegendEntries.js';
import { joinMarkerPieces } from './markers.js';
import { readChartTexts } from './readChartText.js';
import { MAX_MARKER, readSeries } from './readSeries.js';
import { buildTextLines, type TextLine, union } from './textLines.js';
import type { PageContent, PdfPath } from './types.js';

/** One chart read from a page's drawing, in the page's pixels. */
export interface VectorChart {
  box: Box;
  result: Omit<ChartResult, 'source'>;
  /** A printed panel label such as `(a)`, null where none. */
  label: string | null;
}

/** What a page gives: the charts read exactly, and regions that look like charts but were not understood. */
export interface PageCharts {
  charts: VectorChart[];
  /** Boxes with number labels that could not be read as a line chart (for the image pipeline). */
  unread: { box: Box; region: Box; reason: string }[];
}

/** A multiplier lies at most this many ems beyond the plot's edge (below the x labels, or above the plot). */
const MULTIPLIER_REACH = 4;

/**
 * Reads every line chart a page draws as vectors: plot frames with number labels on two sides
 * are calibrated exactly from the tick marks the labels sit on; series are the stroked paths
 * inside each frame, markers the small shapes repeated there, named by the legend entry whose
 * sample is drawn alike; titles and axis labels are the text beside. Frames that have number
 * labels but cannot be read (one axis, labels that fit no scale, bars) are listed in `unread`.
 * Pure over the page content; never throws.
 */
export function readVectorCharts(page: PageContent): PageCharts {
  const { scale } = page;
  const paths = joinMarkerPieces(page.paths, MAX_MARKER * scale);
  const segments = findSegments(paths, scale);
  const { lines, glyphs } = buildTextLines(page.texts, paths);
  const candidates = findFrameCandidates(paths, segments, page);

  interface Framed {
    box: Box;
    x: VectorAxis | null;
    y: VectorAxis | null;
  }
  const framed: Framed[] = [];
  const rightLabels = new Map<Framed, VectorAxis>();
  for (const box of candidates) {
    const x =
      readAxis(box, 'bottom', lines, segments, scale) ??
      readAxis(box, 'top', lines, segments, scale);
    const left = readAxis(box, 'left', lines, segments, scale);
    const right = readAxis(box, 'right', lines, segments, scale);
    const y = left ?? right;
    if (!x && !y) continue;
    const f = { box, x, y };
    framed.push(f);
    if (
      left &&
      right &&
      fits(left) &&
      fits(right) &&
      right.exact &&
      !sameMapping(left, right, box)
    ) {
      rightLabels.set(f, right);
    }
  }
  // A second y axis (matplotlib's twinx): number labels on the box's right, on tick marks of its
  // right edge, scaling otherwise than the left ones, and not another box's left labels (a
  // neighbouring panel's). Which series it scales is not drawn anywhere.
  for (const [f, right] of rightLabels) {
    const neighbours = framed.some(
      (other) =>
        other !== f &&
        other.y?.side === 'left' &&
        other.y.labels.some((line) => right.labels.includes(line)),
    );
    if (!neighbours && f.y) {
      f.y = {
        ...f.y,
        warnings: [
          ...f.y.warnings,
          'the plot has a second y axis on its right: every series is read against the left one',
        ],
      };
    }
  }
  // Boxes that read the same labels are one frame (the axes' patch, its clip, its spines): the
  // one that reads both axes, then the one series are clipped to, then the one that reads the
  // most labels, then the smaller.
  const clipped = (box: Box) => paths.some((path) => path.clip && sameBox(path.clip, box, scale));
  const rank = (f: Framed) =>
    (fits(f.x) && fits(f.y) ? 4 : 0) + (f.x && f.y ? 2 : 0) + (clipped(f.box) ? 1 : 0);
  const ticks = (f: Framed) => (f.x?.ticks.length ?? 0) + (f.y?.ticks.length ?? 0);
  framed.sort((a, b) => rank(b) - rank(a) || ticks(b) - ticks(a) || area(a.box) - area(b.box));
  const kept: Framed[] = [];
  for (const candidate of framed) {
    const labels = [...(candidate.x?.labels ?? []), ...(candidate.y?.labels ?? [])];
    const clash = kept.some((other) =>
      [...(other.x?.labels ?? []), ...(other.y?.labels ?? [])].some((line) =>
        labels.includes(line),
      ),
    );
    if (!clash) kept.push(candidate);
  }

  const usedPaths = new Set<number>(glyphs);
  const usedLines = new Set<TextLine>();
  const charts: { box: Box; x: VectorAxis; y: VectorAxis }[] = [];
  for (const { x, y } of kept) {
    for (const axis of [x, y]) {
      for (const line of axis?.labels ?? []) usedLines.add(line);
      for (const mark of axis?.marks ?? []) usedPaths.add(mark);
    }
  }
  for (const { box, x, y } of kept) if (fits(x) && fits(y)) charts.push({ box, x, y });
  // Panels of a grid sharing an axis: the inner ones print no labels on it, but draw its tick
  // marks where the panel that prints them does, in the same column (x) or row (y).
  const rest = [
    ...kept.filter(({ x, y }) => !(fits(x) && fits(y))),
    ...candidates
      .filter((box) => !framed.some((f) => f.box === box))
      .map((box) => ({ box, x: null, y: null })),
  ];
  const placed = new Set<Framed>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of rest) {
      if (placed.has(f) || charts.some((chart) => mostlyInside(f.box, chart.box))) continue;
      const x = fits(f.x) ? f.x : sharedAxis('x', f.box, charts, segments, scale);
      const y = fits(f.y) ? f.y : sharedAxis('y', f.box, charts, segments, scale);
      if (x && y) {
        charts.push({ box: f.box, x, y });
        placed.add(f);
        grew = true;
      }
    }
  }
  const unread: PageCharts['unread'] = [];
  for (const f of rest) {
    const { box, x, y } = f;
    if (placed.has(f) || (!x && !y) || charts.some((chart) => mostlyInside(box, chart.box)))
      continue;
    const reason =
      !x || !y
        ? `no number labels on its ${!x ? 'x' : 'y'} axis`
        : `its ${fits(x) ? 'y' : 'x'} tick labels fit no linear or log scale`;
    unread.push({
      box,
      region: regionAround(box, [...(x?.labels ?? []), ...(y?.labels ?? [])]),
      reason,
    });
  }
  // Paths that draw only frame lines, tick marks and grid lines of the charts are no series (a
  // series stepping along an edge draws other pieces too).
  const frameLike = new Map<number, number>();
  for (const segment of segments) {
    const like = charts.some(
      ({ box }) =>
        onFrame(segment, box, scale) ||
        (segment.lone && (isGridLine(segment, box, scale) || isTick(segment, box, scale))),
    );
    if (like) frameLike.set(segment.path, (frameLike.get(segment.path) ?? 0) + 1);
  }
  for (const path of paths) {
    const pieces = path.subpaths.reduce(
      (sum, subpath) => sum + subpath.points.length - 1 + (subpath.closed ? 1 : 0),
      0,
    );
    if (
      frameLike.get(path.index) === pieces ||
      charts.some(({ box }) => isFrameBox(path, box, scale))
    ) {
      usedPaths.add(path.index);
    }
  }

  // A multiplier printed at an axis end (matplotlib's offset text, `1e6`, `×10^6`) scales it.
  for (const chart of charts) {
    chart.x = withMultiplier(chart.x, chart.box, lines, usedLines);
    chart.y = withMultiplier(chart.y, chart.box, lines, usedLines);
  }

  const entries = findLegendEntries(lines, paths, usedPaths, usedLines);
  for (const entry of entries) {
    usedLines.add(entry.text);
    for (const index of entry.paths) usedPaths.add(index);
  }

  const ordered = readingOrder(charts);
  const texts = readChartTexts(
    ordered,
    lines,
    usedLines,
    entries.map((entry) => entry.box),
  );
  const results: VectorChart[] = [];
  for (const [i, chart] of ordered.entries()) {
    const own = entries.filter((entry) => nearestChart(entry.box, ordered) === chart);
    const { series, warnings: seriesWarnings } = readSeries(
      paths,
      scale,
      chart,
      usedPaths,
      own.length > 0 ? own : entries,
    );
    const text = texts[i];
    const chartWarnings = [...chart.x.warnings, ...chart.y.warnings, ...seriesWarnings];
    if (series.length === 0) chartWarnings.push('no series found in the plot');
    const [xConfidence, yConfidence] = [chart.x, chart.y].map(vectorAxisConfidence);
    results.push({
      box: chart.box,
      label: text.panelLabel,
      result: {
        image: { width: page.width, height: page.height },
        title: text.title,
        plot: chart.box,
        axes: {
          x: axisResult(chart.x, xConfidence, text.xLabel, chart.box.left, chart.box.right),
          y: axisResult(chart.y, yConfidence, text.yLabel, chart.box.bottom, chart.box.top),
        },
        series,
        confidence: chartConfidence([xConfidence, yConfidence], series),
        warnings: chartWarnings,
      },
    });
  }
  return { charts: results, unread };
}

/**
 * The axis a box shares with a chart in its column (x: same left and right) or row (y: same
 * top and bottom) whose tick marks it draws too (at least two, on its own edge); null where
 * none.
 */
function sharedAxis(
  name: 'x' | 'y',
  box: Box,
  charts: readonly { box: Box; x: VectorAxis; y: VectorAxis }[],
  segments: readonly Segment[],
  scale: number,
): VectorAxis | null {
  const eps = 0.5 * scale;
  for (const chart of charts) {
    const aligned =
      name === 'x'
        ? Math.abs(chart.box.left - box.left) <= eps && Math.abs(chart.box.right - box.right) <= eps
        : Math.abs(chart.box.top - box.top) <= eps &&
          Math.abs(chart.box.bottom - box.bottom) <= eps;
    if (!aligned) continue;
    const axis = chart[name];
    const drawn = axis.ticks.filter((tick) =>
      segments.some(
        (segment) =>
          segment.lone &&
          segment.orientation === (name === 'x' ? 'v' : 'h') &&
          Math.abs(segment.at - tick.pixel) <= 1e-3 * scale + 1e-6 &&
          isTick(segment, box, scale),
      ),
    );
    if (drawn.length >= 2) return { ...axis, labels: [], marks: [], warnings: [] };
  }
  return null;
}

/**
 * An axis scaled by the multiplier printed at its end, where there is one: for x, right-aligned
 * below its labels at the box's right; for y, above the box at its side. The line is taken
 * (into `usedLines`) and the axis gets a warning saying so.
 */
function withMultiplier(
  axis: VectorAxis,
  box: Box,
  lines: readonly TextLine[],
  usedLines: Set<TextLine>,
): VectorAxis {
  const width = box.right - box.left;
  const found = lines.find((line) => {
    if (usedLines.has(line) || line.angle !== 0) return false;
    if (axis.axis === 'x') {
      const below = line.box.top - box.bottom;
      return (
        below >= 0 &&
        below <= MULTIPLIER_REACH * line.size &&
        line.box.right >= box.right - 0.25 * width &&
        line.box.left >= box.left + 0.5 * width &&
        parseAxisMultiplier(line.text) !== null
      );
    }
    const above = box.top - line.box.bottom;
    const nearSide =
      axis.side === 'left'
        ? line.box.left <= box.left + 0.25 * width && line.box.right >= box.left - 3 * line.size
        : line.box.right >= box.right - 0.25 * width && line.box.left <= box.right + 3 * line.size;
    return (
      above >= -0.3 * line.size &&
      above <= MULTIPLIER_REACH * line.size &&
      nearSide &&
      parseAxisMultiplier(line.text) !== null
    );
  });
  const factor = found ? parseAxisMultiplier(found.text) : null;
  if (!found || factor === null) return axis;
  usedLines.add(found);
  return {
    ...axis,
    ...scaleAxis(axis, factor),
    warnings: [
      ...axis.warnings,
      `${axis.axis} values multiplied by ${factor} (printed at the axis end)`,
    ],
  };
}

/** Whether two axes give the same values over a box's height (a mirrored axis, not a second one). */
function sameMapping(a: VectorAxis, b: VectorAxis, box: Box): boolean {
  if (a.scale !== b.scale) return false;
  const value = (axis: VectorAxis, pixel: number) =>
    axis.scale === 'log' ? Math.log10(axis.pixelToData(pixel)) : axis.pixelToData(pixel);
  const range = Math.abs(value(a, box.top) - value(a, box.bottom));
  return [box.top, box.bottom].every(
    (pixel) => Math.abs(value(a, pixel) - value(b, pixel)) <= 1e-4 * range,
  );
}

/** Whether most of `inner` lies inside `outer` (a legend's box inside its plot). */
function mostlyInside(inner: Box, outer: Box): boolean {
  const width = Math.min(inner.right, outer.right) - Math.max(inner.left, outer.left);
  const height = Math.min(inner.bottom, outer.bottom) - Math.max(inner.top, outer.top);
  return width > 0 && height > 0 && width * height >= 0.5 * area(inner);
}

function fits(axis: VectorAxis | null): axis is VectorAxis {
  return axis !== null && Number.isFinite(axis.slope);
}

function area(box: Box): number {
  return (box.right - box.left) * (box.bottom - box.top);
}

/** A frame and the labels around it, grown by a little: what the image pipeline needs to see. */
function regionAround(box: Box, labels: readonly TextLine[]): Box {
  const grown = labels.reduce((all, line) => union(all, line.box), box);
  const margin = 0.08 * Math.max(grown.right - grown.left, grown.bottom - grown.top);
  return {
    left: grown.left - margin,
    top: grown.top - margin,
    right: grown.right + margin,
    bottom: grown.bottom + margin,
  };
}

/** A segment lying along one of a box's edges for most of it (a marker's stroke on the edge is not one). */
function onFrame(segment: Segment, box: Box, scale: number): boolean {
  const eps = scale;
  const [low, high] = segment.orientation === 'h' ? [box.left, box.right] : [box.top, box.bottom];
  const edges = segment.orientation === 'h' ? [box.top, box.bottom] : [box.left, box.right];
  return (
    edges.some((edge) => Math.abs(segment.at - edge) <= eps) &&
    segment.from >= low - eps &&
    segment.to <= high + eps &&
    segment.to - segment.from >= 0.5 * (high - low)
  );
}

/** A short segment across one of a box's edges, starting or ending on it: a tick mark (minor ones too). */
function isTick(segment: Segment, box: Box, scale: number): boolean {
  const eps = scale;
  const vertical = segment.orientation === 'v';
  const [low, high] = vertical ? [box.left, box.right] : [box.top, box.bottom];
  const edges = vertical ? [box.top, box.bottom] : [box.left, box.right];
  const extent = vertical ? box.bottom - box.top : box.right - box.left;
  return (
    segment.at >= low - eps &&
    segment.at <= high + eps &&
    segment.to - segment.from <= 0.2 * extent &&
    edges.some((edge) => Math.abs(segment.from - edge) <= eps || Math.abs(segment.to - edge) <= eps)
  );
}

/** A level or upright segment across (nearly) the whole box: a grid or reference line. */
function isGridLine(segment: Segment, box: Box, scale: number): boolean {
  const eps = scale;
  const [low, high] = segment.orientation === 'h' ? [box.left, box.right] : [box.top, box.bottom];
  const [across0, across1] =
    segment.orientation === 'h' ? [box.top, box.bottom] : [box.left, box.right];
  return (
    segment.at >= across0 - eps &&
    segment.at <= across1 + eps &&
    segment.from <= low + 0.1 * (high - low) &&
    segment.to >= high - 0.1 * (high - low)
  );
}

/** A path that draws the box itself (its patch, its frame). */
function isFrameBox(path: PdfPath, box: Box, scale: number): boolean {
  return sameBox(path.box, box, scale);
}

/** Charts in reading order: rows top to bottom (boxes overlapping in height are one row), then left to right. */
export function readingOrder<T extends { box: Box }>(charts: readonly T[]): T[] {
  const sorted = [...charts].sort((a, b) => a.box.top - b.box.top);
  const rows: T[][] = [];
  for (const chart of sorted) {
    const row = rows.find((r) =>
      r.some((other) => chart.box.top < other.box.bottom && other.box.top < chart.box.bottom),
    );
    if (row) row.push(chart);
    else rows.push([chart]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.box.left - b.box.left));
}

function boxDistance(a: Box, b: Box): number {
  const dx = Math.max(0, a.left - b.right, b.left - a.right);
  const dy = Math.max(0, a.top - b.bottom, b.top - a.bottom);
  return Math.hypot(dx, dy);
}

function nearestChart<T extends { box: Box }>(box: Box, charts: readonly T[]): T | null {
  let best: T | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const chart of charts) {
    const distance = boxDistance(box, chart.box);
    if (distance < bestDistance) {
      best = chart;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * How far an axis read from the drawing can be trusted: its fit through the labels is exact, so
 * 1, halved where it rests on fewer than three labels (two cannot disagree).
 */
function vectorAxisConfidence(axis: VectorAxis): number {
  return axis.ticks.length >= 3 ? 1 : 0.5;
}
