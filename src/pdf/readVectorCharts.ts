import { axisResult, scaleAxis } from '../calibrate/axisScale.js';
import { parseAxisMultiplier } from '../calibrate/parseTick.js';
import { chartConfidence } from '../review/confidence.js';
import type { Box, ChartResult } from '../types.js';
import { findFrameCandidates, findSegments, framePaths } from './findFrames.js';
import { findLegendEntries } from './findLegendEntries.js';
import { joinMarkerPieces } from './markers.js';
import type { VectorAxis } from './readAxis.js';
import { readChartTexts } from './readChartText.js';
import { readFrames, type UnreadFrame } from './readFrames.js';
import { MAX_MARKER, readSeries } from './readSeries.js';
import { buildTextLines, type TextLine, union } from './textLines.js';
import type { PageContent } from './types.js';

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
  unread: UnreadFrame[];
  /** The text lines no chart read from the drawing took (titles and labels of the others). */
  freeLines: TextLine[];
}

/** A multiplier lies at most this many ems beyond the plot's edge (below the x labels, or above the plot). */
const MULTIPLIER_REACH = 4;

/** A legend entry this share of its frame's larger side away, or nearer, may be its legend. */
const LEGEND_REACH = 0.5;

/**
 * Reads every line chart a page draws as vectors: plot frames with number labels on two sides
 * are calibrated exactly from the tick marks the labels sit on; series are the stroked paths
 * inside each frame, markers the small shapes repeated there, named by the legend entry whose
 * sample is drawn alike; titles and axis labels are the text beside. Frames that have number
 * labels but cannot be read (one axis, labels that fit no scale, bars) are listed in `unread`,
 * their region grown over a legend beside them.
 * Pure over the page content; never throws.
 */
export function readVectorCharts(page: PageContent): PageCharts {
  const { scale } = page;
  const paths = joinMarkerPieces(page.paths, MAX_MARKER * scale);
  const segments = findSegments(paths, scale);
  const { lines, glyphs } = buildTextLines(page.texts, paths);
  const candidates = findFrameCandidates(paths, segments, page);

  const { framed, charts, unread } = readFrames(candidates, paths, lines, segments, scale);

  const usedPaths = new Set<number>(glyphs);
  const usedLines = new Set<TextLine>();
  for (const { x, y } of framed) {
    for (const axis of [x, y]) {
      for (const line of axis?.labels ?? []) usedLines.add(line);
      for (const mark of axis?.marks ?? []) usedPaths.add(mark);
    }
  }
  const boxes = charts.map((chart) => chart.box);
  for (const index of framePaths(boxes, segments, paths, scale)) usedPaths.add(index);

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
          x: {
            ...axisResult(chart.x, xConfidence, text.xLabel, chart.box.left, chart.box.right),
            ...(chart.x.categories && { categories: chart.x.categories }),
          },
          y: axisResult(chart.y, yConfidence, text.yLabel, chart.box.bottom, chart.box.top),
        },
        series,
        confidence: chartConfidence({ axes: [xConfidence, yConfidence], series }),
        warnings: chartWarnings,
      },
    });
  }
  // A legend beside a frame left to the image pipeline (outside it, right or above) goes with
  // it: its names are what the series are paired with.
  const frames = [...ordered, ...unread];
  const withLegends = unread.map((frame) => {
    const reach =
      LEGEND_REACH * Math.max(frame.box.right - frame.box.left, frame.box.bottom - frame.box.top);
    let { region } = frame;
    for (const entry of entries) {
      if (nearestChart(entry.box, frames) !== frame || boxDistance(entry.box, frame.box) > reach)
        continue;
      const margin = entry.box.bottom - entry.box.top;
      region = union(region, {
        left: entry.box.left - margin,
        top: entry.box.top - margin,
        right: entry.box.right + margin,
        bottom: entry.box.bottom + margin,
      });
    }
    return { ...frame, region };
  });
  return {
    charts: results,
    unread: withLegends,
    freeLines: lines.filter((line) => !usedLines.has(line)),
  };
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
  return Math.min(axis.confidence ?? 1, axis.ticks.length >= 3 ? 1 : 0.5);
}
