import { parseAxisMultiplier } from '../calibrate/parseTick.js';
import { toHex } from '../color.js';
import type {
  AxisResult,
  Box,
  ChartResult,
  MarkerShape,
  PixelPoint,
  SeriesResult,
} from '../types.js';
import {
  findFrameCandidates,
  findSegments,
  pixelToData,
  readAxis,
  type Segment,
  sameBox,
  type VectorAxis,
} from './findAxes.js';
import { findLegendEntries, type LineStyle, type VectorLegendEntry } from './findLegendEntries.js';
import { type DrawnMarker, joinMarkerPieces, readMarker } from './markers.js';
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

/** A marker is at most this many points across... */
const MAX_MARKER = 24;
/** ...and this share of the plot's smaller side. */
const MAX_MARKER_SHARE = 0.15;
/** A marker whose centre is within this share of its size of a line's vertex is drawn at it. */
const ON_VERTEX = 0.5;
/** Titles and axis labels lie at most this many ems from what they name. */
const TEXT_REACH = 3;
/** A multiplier lies at most this many ems beyond the plot's edge (below the x labels, or above the plot). */
const MULTIPLIER_REACH = 4;
/** A figure's or table's caption, not a chart's own text. */
const CAPTION = /^(fig\.?|figure|table)\s*\d/i;
/** A printed panel label: `(a)`, `a)`, `(A)`, `a.` */
const PANEL_LABEL = /^\(?([a-zA-Z])[).]$|^\(([a-zA-Z])\)/;

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
  for (const box of candidates) {
    const x =
      readAxis(box, 'bottom', lines, segments, scale) ??
      readAxis(box, 'top', lines, segments, scale);
    const y =
      readAxis(box, 'left', lines, segments, scale) ??
      readAxis(box, 'right', lines, segments, scale);
    if (x || y) framed.push({ box, x, y });
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
  const texts = readChartTexts(ordered, lines, usedLines);
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
    results.push({
      box: chart.box,
      label: text.panelLabel,
      result: {
        image: { width: page.width, height: page.height },
        title: text.title,
        plot: chart.box,
        axes: {
          x: axisResult(chart.x, text.xLabel, chart.box.left, chart.box.right),
          y: axisResult(chart.y, text.yLabel, chart.box.bottom, chart.box.top),
        },
        series,
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
  const log = axis.scale === 'log';
  return {
    ...axis,
    intercept: log ? axis.intercept + Math.log10(factor) : axis.intercept * factor,
    slope: log ? axis.slope : axis.slope * factor,
    ticks: axis.ticks.map((tick) => ({ ...tick, value: tick.value * factor })),
    warnings: [
      ...axis.warnings,
      `${axis.axis} values multiplied by ${factor} (printed at the axis end)`,
    ],
  };
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

function axisResult(
  axis: VectorAxis,
  label: string | null,
  minPixel: number,
  maxPixel: number,
): AxisResult {
  return {
    label,
    scale: axis.scale,
    min: pixelToData(axis, minPixel),
    max: pixelToData(axis, maxPixel),
    ticks: axis.ticks,
  };
}

interface Line {
  style: LineStyle;
  points: PixelPoint[];
  /** Drawing order of its first path. */
  index: number;
}

/**
 * The series of one chart: stroked unfilled paths inside its frame (by clip or by extent),
 * grouped by how they are drawn, and markers (small shapes repeated inside the frame) put on
 * the line of their colour that passes through them, or standing alone (a scatter).
 */
function readSeries(
  paths: readonly PdfPath[],
  scale: number,
  chart: { box: Box; x: VectorAxis; y: VectorAxis },
  usedPaths: ReadonlySet<number>,
  entries: readonly VectorLegendEntry[],
): { series: SeriesResult[]; warnings: string[] } {
  const { box } = chart;
  const warnings: string[] = [];
  const slack = scale;
  const maxMarker = Math.min(
    MAX_MARKER * scale,
    MAX_MARKER_SHARE * Math.min(box.right - box.left, box.bottom - box.top),
  );
  const within = (inner: Box) =>
    inner.left >= box.left - slack &&
    inner.right <= box.right + slack &&
    inner.top >= box.top - slack &&
    inner.bottom <= box.bottom + slack;
  // Clipped to the frame (its points may run beyond), or drawn inside it (under a wider clip:
  // a figure embedded as a form is clipped to the form's box).
  const inFrame = (path: PdfPath) => (path.clip !== null && within(path.clip)) || within(path.box);

  const markers: DrawnMarker[] = [];
  const lines: Line[] = [];
  for (const path of paths) {
    if (usedPaths.has(path.index)) continue;
    const size = Math.max(path.box.right - path.box.left, path.box.bottom - path.box.top);
    if (size <= maxMarker) {
      const marker = readMarker(path);
      const centre = marker?.centre;
      if (
        marker &&
        centre &&
        centre.px >= box.left - slack &&
        centre.px <= box.right + slack &&
        centre.py >= box.top - slack &&
        centre.py <= box.bottom + slack
      ) {
        markers.push(marker);
        continue;
      }
    }
    if (!path.stroke || path.fill || !inFrame(path)) continue;
    const pieces = path.subpaths.filter((subpath) => !isLevelOrUpright(subpath.points, scale));
    if (pieces.length === 0) continue;
    lines.push({
      style: { color: path.stroke, dash: path.dash, width: path.lineWidth },
      points: pieces.flatMap((subpath) => subpath.points),
      index: path.index,
    });
  }

  // One series per way of drawing; paths drawn alike join where one ends at the next's start
  // or where they do not overlap in x (a long line split in pieces).
  const series: Line[] = [];
  for (const line of lines) {
    const same = series.filter((other) => sameStyle(other.style, line.style));
    const joined = same.find((other) => {
      const end = other.points[other.points.length - 1];
      const start = line.points[0];
      return (
        Math.abs(end.px - start.px) <= 1e-3 * scale && Math.abs(end.py - start.py) <= 1e-3 * scale
      );
    });
    if (joined) {
      joined.points.push(...line.points.slice(1));
      continue;
    }
    const apart = same.find((other) => !overlapsInX(other.points, line.points, scale));
    if (apart) {
      apart.points = xOrdered([apart.points, line.points]);
      continue;
    }
    series.push({ ...line, points: [...line.points] });
  }

  // Markers of one look are one set; a set goes to the line of its colour through its centres.
  const groups = new Map<string, DrawnMarker[]>();
  for (const marker of markers) {
    const key = `${marker.key}|${marker.fill ? toHex(marker.fill) : '-'}|${marker.stroke ? toHex(marker.stroke) : '-'}`;
    groups.set(key, [...(groups.get(key) ?? []), marker]);
  }
  const withMarkers = new Map<Line, DrawnMarker[]>();
  const scatters: DrawnMarker[][] = [];
  for (const group of groups.values()) {
    const host = series.find(
      (line) =>
        group.some(
          (m) => sameColor(m.fill, line.style.color) || sameColor(m.stroke, line.style.color),
        ) && group.filter((m) => vertexAt(line.points, m) !== null).length >= group.length / 2,
    );
    if (host && !withMarkers.has(host)) withMarkers.set(host, group);
    else if (group.length >= 2 || entries.some((entry) => entry.marker?.key === group[0].key))
      scatters.push(group);
  }

  // Legend names: the entry drawn most alike, each entry once.
  type Candidate = {
    style: LineStyle | null;
    markers: DrawnMarker[] | null;
    points: PixelPoint[];
    color: string;
  };
  const found: Candidate[] = [
    ...series.map((line) => ({
      style: line.style,
      markers: withMarkers.get(line) ?? null,
      // Each marker at the vertex of its line it is drawn on: the data point itself, where the
      // shape's own centre depends on the engine (gnuplot's triangles sit off their point).
      points:
        withMarkers.get(line)?.map((m) => vertexAt(line.points, m) ?? m.centre) ?? line.points,
      color: toHex(line.style.color),
    })),
    ...scatters.map((group) => ({
      style: null,
      markers: group,
      points: group.map((m) => m.centre),
      color: toHex((group[0].fill ?? group[0].stroke)!),
    })),
  ];
  const names = matchEntries(found, entries);
  const results: SeriesResult[] = found.map((candidate, i) => {
    const marker: MarkerShape | null = candidate.markers?.[0].shape ?? null;
    if (!candidate.style) {
      warnings.push(
        `series '${names[i] ?? candidate.color}' is markers without a line (a scatter plot, not a line chart): its points are the markers`,
      );
    }
    return {
      name: names[i],
      color: candidate.color,
      marker,
      confidence: chart.x.exact && chart.y.exact ? 1 : 0.5,
      points: candidate.points.map(({ px, py }) => ({
        x: pixelToData(chart.x, px),
        y: pixelToData(chart.y, py),
      })),
    };
  });
  if (entries.length > 0) {
    for (const [i, name] of names.entries()) {
      if (name === null) warnings.push(`a series coloured ${found[i].color} has no legend entry`);
    }
  }
  return { series: results, warnings };
}

function matchEntries(
  found: readonly { style: LineStyle | null; markers: DrawnMarker[] | null; color: string }[],
  entries: readonly VectorLegendEntry[],
): (string | null)[] {
  const pairs: { i: number; j: number; score: number }[] = [];
  found.forEach((candidate, i) => {
    entries.forEach((entry, j) => {
      const score = likeness(candidate, entry);
      if (score > 0) pairs.push({ i, j, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score);
  const names: (string | null)[] = found.map(() => null);
  const usedEntries = new Set<number>();
  for (const { i, j } of pairs) {
    if (names[i] !== null || usedEntries.has(j)) continue;
    names[i] = entries[j].name;
    usedEntries.add(j);
  }
  return names;
}

/** How alike a series and a legend sample are drawn; 0 where their colours differ. */
function likeness(
  candidate: { style: LineStyle | null; markers: DrawnMarker[] | null; color: string },
  entry: VectorLegendEntry,
): number {
  const entryColor = entry.line?.color ?? entry.marker?.fill ?? entry.marker?.stroke ?? entry.patch;
  if (!entryColor || toHex(entryColor) !== candidate.color) return 0;
  let score = 4;
  if (candidate.style && entry.line) {
    if (sameDash(candidate.style.dash, entry.line.dash)) score += 2;
    if (Math.abs(candidate.style.width - entry.line.width) <= 0.01 * Math.max(1, entry.line.width))
      score += 1;
  } else if (!candidate.style && !entry.line) score += 2;
  const marker = candidate.markers?.[0] ?? null;
  if (marker && entry.marker && marker.key === entry.marker.key) score += 2;
  else if (!marker && !entry.marker) score += 1;
  return score;
}

function sameColor(a: PdfPath['fill'], b: PdfPath['fill']): boolean {
  return a !== null && b !== null && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

function sameDash(a: readonly number[], b: readonly number[]): boolean {
  return (
    a.length === b.length &&
    a.every((length, i) => Math.abs(length - b[i]) <= 0.01 * Math.max(1, length))
  );
}

function sameStyle(a: LineStyle, b: LineStyle): boolean {
  return (
    sameColor(a.color, b.color) &&
    sameDash(a.dash, b.dash) &&
    Math.abs(a.width - b.width) <= 1e-3 * Math.max(1, a.width)
  );
}

/** The vertex of a line nearest a marker's centre, within ON_VERTEX of its size; else null. */
function vertexAt(points: readonly PixelPoint[], marker: DrawnMarker): PixelPoint | null {
  let best: PixelPoint | null = null;
  let bestDistance = ON_VERTEX * marker.size;
  for (const point of points) {
    const distance = Math.hypot(point.px - marker.centre.px, point.py - marker.centre.py);
    if (distance <= bestDistance) {
      best = point;
      bestDistance = distance;
    }
  }
  return best;
}

/** Whether two point lists share more than a sliver of x. */
function overlapsInX(a: readonly PixelPoint[], b: readonly PixelPoint[], scale: number): boolean {
  const range = (points: readonly PixelPoint[]) => [
    Math.min(...points.map((p) => p.px)),
    Math.max(...points.map((p) => p.px)),
  ];
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return Math.min(a1, b1) - Math.max(a0, b0) > scale;
}

/** Pieces of a line put one after another from left to right. */
function xOrdered(pieces: PixelPoint[][]): PixelPoint[] {
  const start = (piece: PixelPoint[]) => Math.min(piece[0].px, piece[piece.length - 1].px);
  return [...pieces].sort((a, b) => start(a) - start(b)).flat();
}

/** A two-point piece that is level or upright: a grid, reference or error-bar line, not data. */
function isLevelOrUpright(points: readonly PixelPoint[], scale: number): boolean {
  if (points.length !== 2) return false;
  const [a, b] = points;
  const eps = 1e-3 * scale;
  return Math.abs(a.px - b.px) <= eps || Math.abs(a.py - b.py) <= eps;
}

interface ChartText {
  title: string | null;
  xLabel: string | null;
  yLabel: string | null;
  panelLabel: string | null;
}

/**
 * The title (the nearest level line above the frame, over it), the x label (below the x tick
 * labels), the y label (upright text left of the y tick labels) and a panel label (`(a)` at the
 * frame's top-left). Lines used take no other role.
 */
function readChartTexts(
  charts: readonly { box: Box; x: VectorAxis; y: VectorAxis }[],
  lines: readonly TextLine[],
  usedLines: Set<TextLine>,
): ChartText[] {
  // Every way a free line could serve a chart, nearest first (in ems): the text between two
  // panels stacked goes to the one it is nearer to, as the lower one's title or the upper one's
  // x label.
  const roles = ['panel', 'title', 'xLabel', 'yLabel'] as const;
  const options: { chart: number; role: (typeof roles)[number]; line: TextLine; gap: number }[] =
    [];
  charts.forEach((chart, i) => {
    const gaps = textRoles(chart);
    for (const line of lines) {
      if (usedLines.has(line)) continue;
      for (const role of roles) {
        const gap = gaps[role](line);
        if (gap !== null && gap >= -0.3 * line.size && gap <= TEXT_REACH * line.size) {
          options.push({ chart: i, role, line, gap: gap / line.size });
        }
      }
    }
  });
  options.sort((a, b) => a.gap - b.gap);
  const found = charts.map(() => ({}) as Partial<Record<(typeof roles)[number], TextLine>>);
  for (const { chart, role, line } of options) {
    if (usedLines.has(line) || found[chart][role]) continue;
    found[chart][role] = line;
    usedLines.add(line);
  }
  return found.map(({ panel, title, xLabel, yLabel }) => ({
    title: title?.text ?? null,
    xLabel: xLabel?.text ?? null,
    yLabel: yLabel?.text ?? null,
    panelLabel: panel?.text ?? (title ? PANEL_LABEL.exec(title.text)?.[0] : null) ?? null,
  }));
}

/** How far a line is from where each text of a chart goes (pixels), or null where it cannot be it. */
function textRoles(chart: { box: Box; x: VectorAxis; y: VectorAxis }) {
  const { box } = chart;
  const xLabelsEdge = (chart.x.side === 'bottom' ? Math.max : Math.min)(
    chart.x.side === 'bottom' ? box.bottom : box.top,
    ...chart.x.labels.map((line) => (chart.x.side === 'bottom' ? line.box.bottom : line.box.top)),
  );
  const yLabelsEdge = (chart.y.side === 'left' ? Math.min : Math.max)(
    chart.y.side === 'left' ? box.left : box.right,
    ...chart.y.labels.map((line) => (chart.y.side === 'left' ? line.box.left : line.box.right)),
  );
  // A title or x label lies over the plot: it may reach left over the y labels and a little
  // right, no further (body text above a figure and its caption below run wider), and is no
  // caption.
  const reachLeft = Math.min(box.left, chart.y.side === 'left' ? yLabelsEdge : box.left);
  const overlapX = (line: TextLine) =>
    line.box.left >= reachLeft - line.size &&
    line.box.right <= box.right + 0.15 * (box.right - box.left) &&
    !CAPTION.test(line.text);
  const overlapY = (line: TextLine) =>
    Math.min(line.box.bottom, box.bottom) - Math.max(line.box.top, box.top) >=
    0.5 * (line.box.bottom - line.box.top);
  return {
    panel: (line: TextLine) =>
      line.angle === 0 &&
      PANEL_LABEL.test(line.text) &&
      line.text.length <= 4 &&
      line.box.right <= box.left + 0.2 * (box.right - box.left)
        ? Math.max(0, box.top - line.box.bottom)
        : null,
    title: (line: TextLine) =>
      line.angle === 0 && overlapX(line) ? box.top - line.box.bottom : null,
    xLabel: (line: TextLine) =>
      line.angle === 0 && overlapX(line)
        ? chart.x.side === 'bottom'
          ? line.box.top - xLabelsEdge
          : xLabelsEdge - line.box.bottom
        : null,
    yLabel: (line: TextLine) =>
      Math.abs(Math.abs(line.angle) - 90) < 1 && overlapY(line)
        ? chart.y.side === 'left'
          ? yLabelsEdge - line.box.right
          : line.box.left - yLabelsEdge
        : null,
  };
}
