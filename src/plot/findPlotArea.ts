import { channelDistance, channelSpread, inkMask, mostCommonColor, type Rgb } from '../color.js';
import { DigitizeError } from '../errors.js';
import type { Box, PlotArea, Raster } from '../types.js';
import { bareAxesBox } from './bareAxes.js';
import { panelEdges } from './panelEdges.js';

const DEFAULTS = {
  /** A pixel differing from the page by more than this (0..255 per channel) is drawn on. */
  ink: 12,
  /** A frame side or panel edge spans at least this share of the image side. */
  minLineShare: 0.3,
  /** Lines thicker than this many pixels are the edge of a filled panel, not a stroke. */
  maxStroke: 5,
  /** A grid line covers at least this share of the plot's extent across it. */
  gridShare: 0.6,
  /** Ink this close (px) to the plot's sides along an axis may be the frame itself. */
  frameSide: 3,
  /** Ink weaker than this share of the strongest tick's is ringing (JPEG), not a tick. */
  ringingShare: 0.35,
  /** Tick strokes are followed while at least this share of them goes on. */
  ticksTogether: 0.5,
  /** Tick strokes are followed outward at most this many tick reaches. */
  maxTickReaches: 4,
  /** Tick marks start within this many px of a filled panel's edge... */
  tickStart: 3,
  /** ...and of a drawn axis line (where label glyphs can start at 3 px). */
  strokeTickStart: 2,
  /** Major tick marks reach at least this share of the longest tick's length. */
  tickFill: 0.6,
  /** Minor tick marks (log axes) are at least this many px long, from the axis outward. */
  minTickLength: 2,
  /**
   * Tick marks are runs of ink at most this wide (px) along the axis, or as wide as the axis
   * line where it is thicker: renderers draw both with one line width (a chart enlarged by
   * resampling has both thick and blurred).
   */
  tickWidth: 4,
  /**
   * Tick marks are black or grey, or the axis line's colour: other ink this colourful (max
   * minus min channel, as a share of its distance from the page) is a series' marker on the
   * axis...
   */
  tickSaturation: 0.35,
  /** ...and ink this close (0..255 per channel) to the axis line's colour is its tick. */
  tickSameColor: 60,
  /** Tick marks are straight strokes: at least this share of the inked positions are ticks. */
  strokeShare: 0.5,
  /** A stroke whose centre is this close (px) to a pixel centre was snapped to it. */
  snapTolerance: 0.05,
  /** Tick marks are searched this far (px) outside or inside the frame, per 100 px of image. */
  tickReachPer100px: 1.2,
} as const;

interface Line {
  /** First and last row (or column) of the stroke. */
  first: number;
  last: number;
  /** Subpixel centre, in continuous coordinates (pixel i spans [i, i+1)). */
  center: number;
  /** Extent of the longest run along the line. */
  start: number;
  end: number;
}

/** The most common colour of the image border: the page background. */
export function pageBackground({ data, width, height }: Raster): Rgb {
  function* border() {
    for (let column = 0; column < width; column++) {
      yield column * 3;
      yield ((height - 1) * width + column) * 3;
    }
    for (let row = 0; row < height; row++) {
      yield row * width * 3;
      yield (row * width + width - 1) * 3;
    }
  }
  return mostCommonColor(data, border());
}

/**
 * Finds the plot area: the frame, spines or filled panel of the axes, then the tick marks
 * and grid lines on it. Throws DigitizeError: NO_CHART_FOUND when nothing like axes is drawn,
 * PLOT_AREA_NOT_FOUND when what is drawn does not enclose a plausible plot.
 */
export function findPlotArea(image: Raster): PlotArea {
  const { width, height } = image;
  const page = pageBackground(image);
  const ink = inkMask(image, page, DEFAULTS.ink);
  // Strokes are unbroken runs. A filled panel is crossed by white grid lines: bridged, it
  // reads as one thick run (bridging strokes would join them to the labels beyond).
  const gap = Math.max(3, Math.round((width + height) / 600));
  const linesAlong = (along: 'row' | 'column') => {
    const minRun = Math.round((along === 'row' ? width : height) * DEFAULTS.minLineShare);
    const thin = (line: Line) => line.last - line.first < DEFAULTS.maxStroke;
    return [
      ...findLines(ink, width, height, along, minRun, 0).filter(thin),
      ...findLines(ink, width, height, along, minRun, gap).filter((line) => !thin(line)),
    ].sort((a, b) => a.first - b.first);
  };
  const reach = Math.max(3, Math.round(((width + height) / 200) * DEFAULTS.tickReachPer100px));
  // A line wholly beyond the lines across it (a legend's frame above spines) is no side.
  const crossing = (line: Line, across: Line[]) =>
    across.length === 0 ||
    across.some((other) => line.center >= other.start - reach && line.center <= other.end + reach);
  const allRows = linesAlong('row');
  const allColumns = linesAlong('column');
  const rows = allRows.filter((row) => crossing(row, allColumns));
  const columns = allColumns.filter((column) => crossing(column, allRows));
  // No line at all: the data stands bare between its tick labels.
  const bare = rows.length === 0 && columns.length === 0 ? bareAxesBox(ink, width, height) : null;
  if (rows.length === 0 && columns.length === 0 && !bare) {
    throw new DigitizeError(
      'NO_CHART_FOUND',
      'plot',
      'no axes frame, spines or panel found: not a chart',
    );
  }
  const bottomLine = rows.at(-1);
  const leftLine = columns[0];
  const topLine = rows[0];
  const rightLine = columns.at(-1);
  // Each side is its line, unless the perpendicular lines run on well past it: spines only
  // (no top or right side), or no frame at all (grid lines span the plot, with stubs).
  const side = (line: number | undefined, extent: number | undefined) =>
    line === undefined || (extent !== undefined && Math.abs(extent - line) > reach * 2)
      ? (extent ?? Number.NaN)
      : line;
  const { top, bottom, left, right } = bare ?? {
    top: side(
      topLine && edge(topLine, 'first'),
      columns.length > 0 ? Math.min(...columns.map((c) => c.start)) : undefined,
    ),
    bottom: side(
      bottomLine && edge(bottomLine, 'last'),
      columns.length > 0 ? Math.max(...columns.map((c) => c.end + 1)) : undefined,
    ),
    left: side(
      leftLine && edge(leftLine, 'first'),
      rows.length > 0 ? Math.min(...rows.map((r) => r.start)) : undefined,
    ),
    right: side(
      rightLine && edge(rightLine, 'last'),
      rows.length > 0 ? Math.max(...rows.map((r) => r.end + 1)) : undefined,
    ),
  };
  if (!(right - left > width * 0.1 && bottom - top > height * 0.1)) {
    throw new DigitizeError('PLOT_AREA_NOT_FOUND', 'plot', 'no plot area of a plausible size');
  }
  const background = plotBackground(image, { left, top, right, bottom });
  const framed = [topLine, bottomLine, leftLine, rightLine].some(
    (line) => line !== undefined && line.last - line.first < DEFAULTS.maxStroke,
  );
  // A filled panel's runs may have joined its tick marks and labels: it starts where its fill does.
  const filled = Math.max(...background.map((c, i) => Math.abs(c - page[i]))) > DEFAULTS.ink;
  const box = filled
    ? panelEdges(image, { left, top, right, bottom }, background, reach)
    : { left, top, right, bottom };
  const ticksX = findTicks(image, page, box, 'x', bottomLine, reach);
  const ticksY = findTicks(image, page, box, 'y', leftLine, reach);
  // Text starts beyond the plot and beyond the axis line and its outward ticks.
  const outsideX = Math.max(
    Math.ceil(box.bottom),
    (bottomLine ? bottomLine.last + 1 : Math.ceil(box.bottom)) + ticksX.depth,
  );
  const outsideY = Math.min(
    Math.floor(box.left) - 1,
    (leftLine ? leftLine.first - 1 : Math.floor(box.left)) - ticksY.depth,
  );
  const { gridX, gridY } = findGrid(image, background, box);
  return {
    ...box,
    ticksX: ticksX.ticks,
    ticksY: ticksY.ticks,
    gridX,
    gridY,
    background,
    page,
    framed,
    outsideX,
    outsideY,
  };
}

/** For a stroke the edge is its centre; for a filled panel, its outer boundary. */
function edge(line: Line, side: 'first' | 'last'): number {
  if (line.last - line.first < DEFAULTS.maxStroke) return line.center;
  return side === 'first' ? line.first : line.last + 1;
}

/** Rows (or columns) holding a straight run of ink at least `minRun` long, grouped into strokes. */
function findLines(
  ink: Uint8Array,
  width: number,
  height: number,
  along: 'row' | 'column',
  minRun: number,
  maxGap: number,
): Line[] {
  const count = along === 'row' ? height : width;
  const length = along === 'row' ? width : height;
  // Index steps from one line to the next, and along a line.
  const [lineStep, step] = along === 'row' ? [width, 1] : [1, width];
  const runs: { index: number; start: number; end: number }[] = [];
  for (let i = 0; i < count; i++) {
    let bestStart = 0;
    let bestEnd = -1;
    let start = -1;
    let lastOn = -1;
    for (let j = 0, at = i * lineStep; j < length; j++, at += step) {
      if (ink[at] === 1) {
        if (start < 0 || j - lastOn > maxGap + 1) start = j;
        lastOn = j;
        if (lastOn - start > bestEnd - bestStart) {
          bestStart = start;
          bestEnd = lastOn;
        }
      }
    }
    if (bestEnd - bestStart + 1 >= minRun) runs.push({ index: i, start: bestStart, end: bestEnd });
  }
  const lines: Line[] = [];
  for (const run of runs) {
    const last = lines.at(-1);
    if (last && run.index === last.last + 1) {
      last.last = run.index;
      last.start = Math.min(last.start, run.start);
      last.end = Math.max(last.end, run.end);
    } else {
      lines.push({ first: run.index, last: run.index, center: 0, start: run.start, end: run.end });
    }
  }
  for (const line of lines) line.center = (line.first + line.last + 1) / 2;
  return lines;
}

/** The dominant colour inside the plot (every third pixel): white, or the panel's fill. */
function plotBackground({ data, width }: Raster, box: Box): Rgb {
  function* inside() {
    for (let row = Math.ceil(box.top) + 2; row < box.bottom - 2; row += 3) {
      for (let column = Math.ceil(box.left) + 2; column < box.right - 2; column += 3) {
        yield (row * width + column) * 3;
      }
    }
  }
  return mostCommonColor(data, inside());
}

/**
 * Tick marks: short strokes across the axis line, just outside it (or just inside when there
 * are none outside). Minor ticks (shorter, as on log axes) count as strokes but are not
 * returned. Returns the major ticks' subpixel centres along the axis (continuous coordinates)
 * and how far (px) outside the axis line the longest ticks reach.
 */
function findTicks(
  image: Raster,
  page: Rgb,
  box: Box,
  axis: 'x' | 'y',
  line: Line | undefined,
  reach: number,
): { ticks: number[]; depth: number } {
  const { data, width, height } = image;
  const [alongFrom, alongTo] =
    axis === 'x'
      ? [Math.max(0, Math.floor(box.left) - 3), Math.min(width, Math.ceil(box.right) + 3)]
      : [Math.max(0, Math.floor(box.top) - 3), Math.min(height, Math.ceil(box.bottom) + 3)];
  const axisAt = Math.round(axis === 'x' ? box.bottom : box.left);
  const [sideFrom, sideTo] = axis === 'x' ? [box.left, box.right] : [box.top, box.bottom];
  const first = line ? line.first : axisAt;
  const last = line ? line.last : axisAt;
  // Outward is +row for x (below), -column for y (left); inward the opposite.
  const outward = axis === 'x' ? 1 : -1;
  const outerEdge = axis === 'x' ? last : first;
  const innerEdge = axis === 'x' ? first : last;
  // Ticks are drawn in the axis line's colour (grey or black, or a theme's colour: ECharts'
  // macarons draws both blue), never in a series' colour.
  const axisColor: Rgb | null = line
    ? lineColor(image, axis, Math.round((line.first + line.last) / 2), sideFrom, sideTo)
    : null;
  const inked = (along: number, across: number): boolean => {
    if (across < 0 || (axis === 'x' ? across >= height : across >= width)) return false;
    const row = axis === 'x' ? across : along;
    const column = axis === 'x' ? along : across;
    const offset = (row * width + column) * 3;
    const distance = channelDistance(data, offset, page);
    if (distance <= threshold) return false;
    return (
      channelSpread(data, offset) <= DEFAULTS.tickSaturation * distance ||
      (axisColor !== null && channelDistance(data, offset, axisColor) <= DEFAULTS.tickSameColor)
    );
  };
  let threshold: number = DEFAULTS.ink;
  const darkness = (along: number, across: number): number => {
    const row = axis === 'x' ? across : along;
    const column = axis === 'x' ? along : across;
    return channelDistance(data, (row * width + column) * 3, page);
  };
  for (const [edge, direction] of [
    [outerEdge, outward],
    [innerEdge, -outward],
  ]) {
    // Ticks start next to the axis; they are followed outward, in the columns
    // inked where they start, to their end (grid lines run on past the axis as long stubs;
    // labels further out start in other columns).
    const rows: number[] = [];
    let start: number[] = [];
    // Ticks touch a drawn axis line; a filled panel's edge may leave a row or two.
    const startWithin =
      line && line.last - line.first >= DEFAULTS.maxStroke
        ? DEFAULTS.tickStart
        : DEFAULTS.strokeTickStart;
    // The ticks start at the first line as dark as the darkest near the axis: fainter ink
    // before it, and ink well below the ticks' own, is compression ringing, not a tick.
    const strongest = Array.from({ length: startWithin }, (_, k) => {
      let most = 0;
      for (let along = alongFrom; along < alongTo; along++) {
        most = Math.max(most, darkness(along, edge + direction * (k + 1)));
      }
      return most;
    });
    const darkest = Math.max(...strongest);
    const firstDepth =
      strongest.findIndex((most) => most > DEFAULTS.ink && most >= darkest / 2) + 1;
    if (firstDepth > 0) {
      const across = edge + direction * firstDepth;
      threshold = Math.max(DEFAULTS.ink, darkest * DEFAULTS.ringingShare);
      for (let along = alongFrom; along < alongTo; along++) {
        if (inked(along, across)) start.push(along);
      }
      if (start.length > 0) rows.push(across);
    }
    const startCount = start.length;
    for (let depth = rows.length > 0 ? Math.abs(rows[0] - edge) + 1 : reach; ; depth++) {
      if (depth > reach * DEFAULTS.maxTickReaches) break;
      const across = edge + direction * depth;
      start = start.filter((along) => inked(along, across));
      // The frame's own sides run on, and are not ticks. Beyond a usual tick's length, ticks
      // run on together (grid stubs); what runs on alone (a data line) is not a tick.
      const ticksLeft = start.filter(
        (along) => along >= sideFrom + DEFAULTS.frameSide && along < sideTo - DEFAULTS.frameSide,
      ).length;
      if (
        ticksLeft === 0 ||
        (ticksLeft < startCount * DEFAULTS.ticksTogether && rows.length >= reach)
      ) {
        break;
      }
      rows.push(across);
    }
    if (rows.length === 0) continue;
    const weight = new Float64Array(alongTo);
    let touched = 0;
    let strokes = 0;
    for (let along = alongFrom; along < alongTo; along++) {
      // A tick is a run of ink from the axis outward with nothing beyond it.
      let run = 0;
      // A one-row gap (a stub drawn apart from its grid line) does not end a tick.
      const on = (k: number) =>
        inked(along, rows[k]) || (k + 1 < rows.length && inked(along, rows[k + 1]));
      while (run < rows.length && on(run)) run++;
      let beyond = false;
      for (let k = run; k < rows.length && !beyond; k++) beyond = inked(along, rows[k]);
      if (run > 0 || beyond) touched++;
      if (beyond || run < Math.min(DEFAULTS.minTickLength, rows.length)) continue;
      strokes++;
      if (run >= rows.length * DEFAULTS.tickFill) {
        for (const across of rows) weight[along] += darkness(along, across);
      }
    }
    const ticks = centroids(
      weight,
      Math.max(DEFAULTS.tickWidth, line ? line.last - line.first + 1 : 0),
    );
    // Glyphs of a label close to the axis are mostly curves, not strokes from the axis.
    if (ticks.length >= 2 && strokes >= touched * DEFAULTS.strokeShare) {
      const depth = direction === outward ? Math.abs(rows.at(-1)! - edge) : 0;
      return { ticks, depth };
    }
  }
  return { ticks: [], depth: 0 };
}

/**
 * The colour of an axis line (at row or column `at`, between `from` and `to` along it): the
 * median of five samples along it, per channel, so a series crossing it does not count.
 */
function lineColor(image: Raster, axis: 'x' | 'y', at: number, from: number, to: number): Rgb {
  const samples = [1, 2, 3, 4, 5].map((k) => {
    const along = Math.round(from + ((to - from) * k) / 6);
    const [row, column] = axis === 'x' ? [at, along] : [along, at];
    const o = (row * image.width + column) * 3;
    return [image.data[o], image.data[o + 1], image.data[o + 2]];
  });
  const median = (channel: number) => samples.map((rgb) => rgb[channel]).sort((a, b) => a - b)[2];
  return [median(0), median(1), median(2)];
}

/** Weighted centres of runs of non-zero weight no wider than `maxWidth`. */
function centroids(weight: Float64Array, maxWidth: number): number[] {
  const centres: number[] = [];
  let start = -1;
  for (let i = 0; i <= weight.length; i++) {
    const on = i < weight.length && weight[i] > 0;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      if (i - start <= maxWidth) {
        let sum = 0;
        let moment = 0;
        for (let j = start; j < i; j++) {
          sum += weight[j];
          moment += weight[j] * (j + 0.5);
        }
        // A stroke centred exactly on a pixel centre (crisp, or with even anti-aliased edges)
        // was snapped there. Agg (matplotlib) snaps odd-width strokes with floor(v + 0.5) + 0.5:
        // half a pixel past the true place on average. Other strokes keep their true centre.
        const centre = moment / sum;
        const snapped = Math.abs(centre - Math.floor(centre) - 0.5) < DEFAULTS.snapTolerance;
        centres.push(centre - (snapped ? 0.5 : 0));
      }
      start = -1;
    }
  }
  return centres;
}

/**
 * Grid lines: thin strokes across most of the plot, in a colour other than its background.
 * Columns (x) and rows (y) are measured in one pass over the plot, row by row.
 */
function findGrid(
  { data, width }: Raster,
  background: Rgb,
  box: Box,
): { gridX: number[]; gridY: number[] } {
  const [left, right] = [box.left + 2, box.right - 2];
  const [top, bottom] = [box.top + 2, box.bottom - 2];
  // Per column (x) and per row (y): how many pixels differ from the background, and by how much.
  const coveredX = new Int32Array(Math.ceil(right) + 1);
  const totalX = new Float64Array(Math.ceil(right) + 1);
  const weightY = new Float64Array(Math.ceil(bottom) + 1);
  for (let row = Math.ceil(top); row < bottom; row++) {
    let covered = 0;
    let total = 0;
    for (let column = Math.ceil(left); column < right; column++) {
      const d = channelDistance(data, (row * width + column) * 3, background);
      if (d > DEFAULTS.ink) {
        covered++;
        total += d;
        coveredX[column]++;
        totalX[column] += d;
      }
    }
    if (covered >= (right - left) * DEFAULTS.gridShare) weightY[row] = total;
  }
  const weightX = new Float64Array(Math.ceil(right) + 1);
  for (let column = Math.ceil(left); column < right; column++) {
    if (coveredX[column] >= (bottom - top) * DEFAULTS.gridShare) weightX[column] = totalX[column];
  }
  return { gridX: centroids(weightX, 4), gridY: centroids(weightY, 4) };
}
