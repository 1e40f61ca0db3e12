import {
  channelDistance,
  channelSpread,
  colorDistance,
  inkMask,
  mostCommonColor,
  type Rgb,
} from '../color.js';
import { DigitizeError } from '../errors.js';
import { percentile, transpose } from '../math.js';
import type { Box, EdgeSource, PlotArea, PlotEdges, Raster } from '../types.js';
import { bareAxesBox, labelledTop } from './bareAxes.js';
import { centroids, findTicks, type Line } from './findTicks.js';
import { labelledBox } from './labelledAxes.js';
import { panelEdges } from './panelEdges.js';
import { withoutStrips } from './strips.js';

const DEFAULTS = {
  /** A pixel differing from the page by more than this (0..255 per channel) is drawn on. */
  ink: 12,
  /** A frame side or panel edge spans at least this share of the image side. */
  minLineShare: 0.3,
  /** Lines thicker than this many pixels are the edge of a filled panel, not a stroke. */
  maxStroke: 5,
  /**
   * Rows of a thick run this share as long as its longest or longer, standing together as a
   * stroke, are a line with something drawn along it (the other rows' shorter runs).
   */
  strokeUnderShare: 0.9,
  /** ...where the others' runs are at most this share of the longest. */
  strokeOverShare: 0.75,
  /**
   * A faint line a grid step beyond the outermost grid line (within this many px) is looked for
   * where the three outermost stand evenly spaced to within it...
   */
  faintStepPx: 2,
  /**
   * ...and taken where it is drawn along this share of the outermost line's run, faint (not
   * ink) along this share (series crossing it are ink).
   */
  faintCover: 0.95,
  faintShare: 0.5,
  /** A filled panel's band is at least this share of the image side thick. */
  minBandShare: 0.04,
  /** A grid line covers at least this share of the plot's extent across it... */
  gridShare: 0.6,
  /**
   * ...or, dotted or dashed, this share, with ink in DEFAULTS.dottedParts of the
   * DEFAULTS.parts equal parts of the extent (all along it: a noisy series crossing the row
   * leaves parts empty).
   */
  dottedShare: 0.25,
  dottedParts: 0.95,
  parts: 40,
  /** Tick marks are searched this far (px) outside or inside the frame, per 100 px of image. */
  tickReachPer100px: 1.2,
  /** A plot spans more than this share of the image's width and of its height. */
  minPlotShare: 0.1,
  /** The page background is the commonest colour this many px deep along the image's edges. */
  borderDepth: 3,
  /** A stroke is carried on past small gaps where its ink covers this share of the way. */
  bridgedInk: 0.8,
  /** ...and ink lies beside at most this share of the piece it is carried on to. */
  bridgedBeside: 0.2,
  /** A line across the plot gives its extent when it spans this share of the lines across it. */
  sideSpan: 0.8,
  /** Grid lines running on past the axis line by at most this many tick reaches are its ticks. */
  tickStubReaches: 3.5,
  /**
   * ...but where they also run on past the opposite side by more than a stroke's blur (px),
   * only when their stub is at most this many reaches: lines running well past one side and
   * past the other too span a frameless panel whose outermost grid lines stand inside it
   * (ggplot2's theme_minimal, its scale expanded at both ends), not ticks.
   */
  stopsPx: 2,
  /**
   * A side's line is a grid line (a frameless panel's outermost) where it is at most this much
   * darker (luminance, 0..255) than the grid lines beside it: an axis line drawn in the grid's
   * colour is no darker; spines are much darker than a grey grid.
   */
  gridLikeLuminance: 24,
  /** ...measured against at least this many grid lines beside it. */
  minGridLines: 2,
  shortStubReaches: 2.5,
  /**
   * Stubs past one axis line within this many px as long as the other axis' stubs, taken for its
   * tick marks, are tick marks too (one engine draws both axes' ticks one length).
   */
  alikeStubsPx: 2,
  /** Where no column is a side's length, columns spanning this share of the rows' spread... */
  shortColumnShare: 0.9,
  /** ...standing aligned, this many or more, are grid lines and axis lines. */
  minAlignedColumns: 3,
  /**
   * Ink beside a stroke's end beyond the lines across, running this many px or more along it
   * (unbroken by more than a pixel), is text touching it: a glyph is taller than a crossing
   * stroke is thick.
   */
  minTextRun: 5,
  /**
   * Text touching a stroke's end differs from the page by more than this (0..255 per channel):
   * JPEG's ringing beside a stroke stays fainter.
   */
  textInk: 64,
  /** Text touching a stroke's end is looked for a reach beside it, then this many reaches. */
  textBeside: 2,
  /** Text touching a stroke's end is followed past it at most this many tick reaches. */
  maxTickReaches: 4,
  /**
   * A stroke running on past the lines across it by more than this many reaches, with text
   * beside it all the way from them to its end, is a tick label set right against the axis: a
   * side's lines running on by no more are tick marks and leave it where its line is, and a y
   * tick label centred on the x axis hangs below it by half its height, less than this.
   */
  touchingReaches: 2,
  /**
   * A stroke's darkest pixel is coloured when its largest channel exceeds its smallest by this
   * much (0..255)...
   */
  colouredSpread: 24,
  /**
   * ...and by this share of its distance from the page: a colour blended into the page at a
   * stroke's soft edge keeps the share; a grey stroke's (and JPEG's tint on it) stays well under.
   */
  colouredShare: 0.3,
  /**
   * A frame drawn with no tick mark or grid line inside a plot placed by its tick labels, this
   * many times its area or more, is a legend's frame.
   */
  framedInside: 2,
  /**
   * A panel's fill is grey or a pale tint: its channels spread by less than this (Plotly's
   * #e5ecf6 by 17, seaborn's #eaeaf2 by 8); a thick run more colourful is a series' stroke.
   */
  panelTint: 48,
  /** A thin stroke grey at less than this share of its places is a series' flat stretch. */
  minGreyShare: 0.1,
} as const;

/** Why a plot drawn with no axis line, grid or tick marks is placed less surely. */
const ESTIMATES = {
  labels: 'no axis line, grid or tick marks: the plot is placed from its tick labels',
  blocks: 'no axis line, grid or tick marks: the plot is taken as the ink between its tick labels',
} as const;

/**
 * The most common colour of the image's border, a band a few pixels deep: the page background
 * (a rasteriser may leave a one-pixel line of another colour along an edge).
 */
function pageBackground({ data, width, height }: Raster): Rgb {
  const depth = Math.max(
    1,
    Math.min(DEFAULTS.borderDepth, Math.floor(Math.min(width, height) / 4)),
  );
  function* border() {
    for (let k = 0; k < depth; k++) {
      for (let column = 0; column < width; column++) {
        yield (k * width + column) * 3;
        yield ((height - 1 - k) * width + column) * 3;
      }
      for (let row = depth; row < height - depth; row++) {
        yield (row * width + k) * 3;
        yield (row * width + width - 1 - k) * 3;
      }
    }
  }
  return mostCommonColor(data, border());
}

/** Per image: its page background and the ink on it (both found once, see pageInk). */
const pageInks = new WeakMap<Raster, { page: Rgb; ink: Uint8Array }>();

/**
 * The page background of an image and its ink: 1 where a pixel differs from the page by more
 * than DEFAULTS.ink. Found once per image (finding the panels and then the plot of a one-chart
 * image need both); the mask is shared, so callers only read it.
 */
export function pageInk(image: Raster): { page: Rgb; ink: Uint8Array } {
  let found = pageInks.get(image);
  if (!found) {
    const page = pageBackground(image);
    found = { page, ink: inkMask(image, page, DEFAULTS.ink) };
    pageInks.set(image, found);
  }
  return found;
}

/**
 * `lines` (rows, or columns `along`), with one more at either end where the outermost three thin
 * ones stand evenly spaced and, a step beyond, a faint line runs as long as the outermost one,
 * drawn between two pixel rows (columns): each row then is too pale for ink (DEFAULTS.ink), the
 * two together are not. A light grid's outermost line, where the plot's side is, falls so when
 * the plot's extent is no whole number of pixels.
 */
function withFaintEnds(
  { data, width, height }: Raster,
  page: Rgb,
  lines: Line[],
  along: 'row' | 'column',
  reach: number,
): Line[] {
  const thin = lines.filter((line) => line.last - line.first < DEFAULTS.maxStroke);
  if (thin.length < 3) return lines;
  const count = along === 'row' ? height : width;
  const distance = (index: number, at: number) =>
    channelDistance(data, (along === 'row' ? index * width + at : at * width + index) * 3, page);
  const half = DEFAULTS.ink / 2;
  // How the pixel pair at `index` and `index + 1` is drawn at `at`: 'ink' where either pixel is,
  // 'faint' where both are half as pale and together more than ink, null where it is not.
  const drawn = (index: number, at: number) => {
    const [one, two] = [distance(index, at), distance(index + 1, at)];
    if (one > DEFAULTS.ink || two > DEFAULTS.ink) return 'ink';
    return one >= half && two >= half && one + two > DEFAULTS.ink ? 'faint' : null;
  };
  const added: Line[] = [];
  for (const [outer, next, third] of [thin.slice(0, 3), thin.slice(-3).reverse()]) {
    const step = next.center - outer.center;
    if (
      Math.abs(third.center - next.center - step) > DEFAULTS.faintStepPx ||
      Math.abs(step) < reach * 2
    )
      continue;
    const target = Math.round(outer.center - step - 1);
    for (
      let index = target - DEFAULTS.faintStepPx;
      index <= target + DEFAULTS.faintStepPx;
      index++
    ) {
      if (index < 0 || index + 1 >= count) continue;
      // Drawn along the way, and mostly faint (not a filled panel's ink, nor a line seen).
      let covered = 0;
      let faint = 0;
      for (let at = outer.start; at <= outer.end; at++) {
        const how = drawn(index, at);
        if (how !== null) covered++;
        if (how === 'faint') faint++;
      }
      const run = outer.end - outer.start + 1;
      if (covered >= run * DEFAULTS.faintCover && faint >= run * DEFAULTS.faintShare) {
        added.push({
          first: index,
          last: index + 1,
          center: index + 1,
          start: outer.start,
          end: outer.end,
        });
        break;
      }
    }
  }
  return added.length > 0 ? [...lines, ...added].sort((a, b) => a.first - b.first) : lines;
}

/** Per page-ink mask: the mask transposed (see pageInkByColumn). */
const byColumns = new WeakMap<Uint8Array, Uint8Array>();

/**
 * The image's page ink (pageInk) transposed, each column as a row: made once per image, as
 * finding the panels and then the plot both read the lines along columns. Shared: callers only
 * read it.
 */
export function pageInkByColumn(image: Raster): Uint8Array {
  const { ink } = pageInk(image);
  let byColumn = byColumns.get(ink);
  if (!byColumn) {
    byColumn = transpose(ink, image.width, image.height);
    byColumns.set(ink, byColumn);
  }
  return byColumn;
}

/**
 * Finds the plot area: the frame, spines or filled panel of the axes, then the tick marks
 * and grid lines on it. Where its lines make no plausible plot and `known` gives one (a panel
 * of a figure whose plot the figure's lines placed: an inner panel of a facet grid that draws
 * no axis line of its own), that box is the plot, its ticks and grid found on it. Throws
 * DigitizeError: NO_CHART_FOUND when nothing like axes is drawn, PLOT_AREA_NOT_FOUND when what
 * is drawn does not enclose a plausible plot.
 */
export function findPlotArea(image: Raster, known?: Box): PlotArea {
  try {
    const lined = linedPlotArea(image);
    return unmarked(lined) ? (labelledAround(image, lined) ?? lined) : lined;
  } catch (error) {
    if (!known || !(error instanceof DigitizeError)) throw error;
    return knownPlotArea(image, known);
  }
}

/** Whether a plot its lines drew has no tick mark on its sides and no grid line in it. */
function unmarked(area: PlotArea): boolean {
  return (
    !area.estimate &&
    area.edges?.left !== 'estimate' &&
    [area.ticksX, area.ticksY, area.gridX, area.gridY].every((marks) => marks.length === 0)
  );
}

/**
 * The plot its tick labels place (`linedPlotArea` standing it bare) where it holds the box a
 * frame drew with no tick mark or grid line (`lined`), and is at least `DEFAULTS.framedInside`
 * times its area: that frame is a legend's, in a plot drawn with no axis line. Null otherwise.
 */
function labelledAround(image: Raster, lined: PlotArea): PlotArea | null {
  let bare: PlotArea;
  try {
    bare = linedPlotArea(image, true);
  } catch {
    return null;
  }
  const area = (box: Box) => (box.right - box.left) * (box.bottom - box.top);
  const holds =
    bare.left <= lined.left &&
    bare.top <= lined.top &&
    bare.right >= lined.right &&
    bare.bottom >= lined.bottom;
  const placed = bare.edges?.left === 'estimate';
  return placed && holds && area(bare) >= area(lined) * DEFAULTS.framedInside ? bare : null;
}

/** The plot at `box`, as no line drew it: its tick marks and grid lines looked for on it. */
function knownPlotArea(image: Raster, box: Box): PlotArea {
  const { width, height } = image;
  const { page } = pageInk(image);
  const reach = Math.max(3, Math.round(((width + height) / 200) * DEFAULTS.tickReachPer100px));
  const background = plotBackground(image, box);
  const ticksX = findTicks(image, page, box, 'x', undefined, reach);
  const ticksY = findTicks(image, page, box, 'y', undefined, reach);
  const { gridX, gridY } = findGrid(image, background, box);
  return {
    ...box,
    ticksX: ticksX.ticks,
    ticksY: ticksY.ticks,
    gridX,
    gridY,
    background,
    page,
    framed: false,
    outsideX: Math.ceil(box.bottom) + ticksX.depth,
    outsideY: Math.floor(box.left) - 1 - ticksY.depth,
  };
}

/**
 * The plot area its lines draw (findPlotArea without a known box); with `standBare`, the one its tick
 * labels place, standing bare, whatever lines there are.
 */
function linedPlotArea(image: Raster, standBare = false): PlotArea {
  const { width, height } = image;
  const { page, ink } = pageInk(image);
  // Each column as a row, for the lines along columns (transposed once per image).
  const byColumn = pageInkByColumn(image);
  // Strokes are unbroken runs. A filled panel is crossed by white grid lines: bridged, it
  // reads as one thick run (bridging strokes would join them to the labels beyond).
  const gap = Math.max(3, Math.round((width + height) / 600));
  const reach = Math.max(3, Math.round(((width + height) / 200) * DEFAULTS.tickReachPer100px));
  const linesAlong = (along: 'row' | 'column', minRun?: number) => {
    const [lines, count, length] =
      along === 'row' ? [ink, height, width] : [byColumn, width, height];
    minRun ??= Math.round(length * DEFAULTS.minLineShare);
    const thin = (line: Line) => line.last - line.first < DEFAULTS.maxStroke;
    // The image's outermost row or column alone is a rasteriser's seam, not a stroke.
    const last = (along === 'row' ? height : width) - 1;
    const seam = (line: Line) => line.last === 0 || line.first === last;
    return [
      ...findLines(lines, count, length, minRun, 0)
        .filter(thin)
        // Markers at the x axis' minimum sit on the y axis line, breaking it. Rows are carried on
        // leftwards only: a legend right of the plot stands in line with them.
        .map((line) =>
          bridged(
            lines,
            length,
            line,
            reach,
            Math.max(reach * 2, (line.end - line.start) / 10),
            along === 'column',
          ),
        ),
      ...findLines(lines, count, length, minRun, gap).filter(
        (line) => !thin(line) && panelBand(image, page, line, along),
      ),
    ]
      .filter((line) => !seam(line))
      .sort((a, b) => a.first - b.first);
  };
  // A line wholly beyond the lines across it (a legend's frame above spines) is no side, nor is
  // one lying wholly beside them (a legend's frame right of the plot's grid).
  const crossing = (line: Line, across: Line[]) =>
    across.length === 0 ||
    (across.some(
      (other) => line.center >= other.start - reach && line.center <= other.end + reach,
    ) &&
      line.start <= Math.max(...across.map((other) => other.center)) + reach &&
      line.end >= Math.min(...across.map((other) => other.center)) - reach);
  // Grid lines stand aligned, three or more ending where the others do: one crossing the lines
  // across keeps them all (those lines may be a series' steep strokes, not reaching them all).
  // A plot much lower than the image (a tall legend above it) has grid columns shorter than a
  // side must be: where rows stand and no column does, columns spanning the rows are looked for,
  // kept where three or more stand aligned as grid lines do (a series' steep strokes do not).
  // Without them, the rows' tick stubs left of the y axis were taken for part of the plot.
  const shortColumns = (columns: Line[], rows: Line[]) => {
    if (columns.length > 0 || rows.length < 2) return columns;
    const spread = rows[rows.length - 1].center - rows[0].center;
    const short = linesAlong('column', Math.round(spread * DEFAULTS.shortColumnShare)).filter(
      (line) =>
        line.last - line.first < DEFAULTS.maxStroke &&
        line.start <= rows[0].center + reach &&
        line.end >= rows[rows.length - 1].center - reach,
    );
    const aligned = short.filter(
      (line) =>
        short.filter(
          (other) =>
            Math.abs(other.start - line.start) <= reach && Math.abs(other.end - line.end) <= reach,
        ).length >= DEFAULTS.minAlignedColumns,
    );
    return aligned.length >= DEFAULTS.minAlignedColumns ? aligned : columns;
  };
  const keptAcross = (lines: Line[], across: Line[]) =>
    lines.filter((line) => {
      if (crossing(line, across)) return true;
      const aligned = lines.filter(
        (other) =>
          Math.abs(other.start - line.start) <= reach && Math.abs(other.end - line.end) <= reach,
      );
      return aligned.length >= 3 && aligned.some((other) => crossing(other, across));
    });
  // A coloured stroke is a series' flat stretch unless a stroke across it, meeting it, is drawn
  // in its colour, or it ends on a stroke across: an axis drawn in colour (ECharts' macarons)
  // meets the other axis, and ends on it at the plot's corner whatever that one's colour.
  const [rowsSeen, columnsSeen] = [linesAlong('row'), linesAlong('column')];
  const colours = new Map<Line, Rgb | null>();
  for (const line of rowsSeen) colours.set(line, strokeColour(image, page, line, 'row'));
  for (const line of columnsSeen) colours.set(line, strokeColour(image, page, line, 'column'));
  const meets = (line: Line, other: Line) =>
    other.start <= line.center + reach &&
    other.end >= line.center - reach &&
    line.start <= other.center + reach &&
    line.end >= other.center - reach;
  const endsOn = (line: Line, other: Line) =>
    meets(line, other) &&
    Math.min(Math.abs(other.center - line.start), Math.abs(other.center - line.end)) <= reach;
  const greyOrAxis = (lines: Line[], across: Line[]) =>
    lines.filter((line) => {
      const colour = colours.get(line);
      if (!colour) return true;
      return across.some((other) => {
        const theirs = colours.get(other);
        const alike = theirs && !unlike(colour, theirs, DEFAULTS.colouredSpread);
        return (alike && meets(line, other)) || endsOn(line, other);
      });
    });
  // A tick label set against its tick mark (ECharts) continues the mark's column: the axis line
  // found along it ran on through the label, and the plot box took the labels in. The text is
  // told by its dark ink (JPEG rings faintly beside a stroke).
  const foundRows = withFaintEnds(image, page, greyOrAxis(rowsSeen, columnsSeen), 'row', reach);
  const foundColumns = withFaintEnds(
    image,
    page,
    shortColumns(greyOrAxis(columnsSeen, rowsSeen), foundRows),
    'column',
    reach,
  );
  const text =
    foundRows.length > 0 && foundColumns.length > 0
      ? inkMask(image, page, DEFAULTS.textInk)
      : undefined;
  const allRows = text
    ? foundRows.map((line) => withoutText(text, height, width, line, reach, foundColumns, -1))
    : foundRows;
  const textByColumn = text && transpose(text, width, height);
  const allColumns = textByColumn
    ? foundColumns.map((line) =>
        withoutText(textByColumn, width, height, line, reach, foundRows, 1),
      )
    : foundColumns;
  // A facet strip's band on top of (right of) the plot is no part of it.
  const { rows, columns } = withoutStrips(
    image,
    keptAcross(allRows, allColumns),
    keptAcross(allColumns, allRows),
    reach,
    DEFAULTS.maxStroke,
  );
  // No line at all: the data stands bare between its tick labels (in a column and a row beside
  // it, with tick marks or not, or the blocks of ink they stand apart in). Placed by the labels
  // only, the box is an estimate.
  let estimate: string | undefined;
  let labelledOnce: ReturnType<typeof labelledBox> | undefined;
  const labelled = () => {
    // found once (null when there is none)
    if (labelledOnce === undefined) labelledOnce = labelledBox(ink, width, height);
    return labelledOnce;
  };
  const standing = () => {
    const box = labelled() ?? bareAxesBox(ink, width, height);
    if (box && !labelled()?.ticked) estimate = labelled() ? ESTIMATES.labels : ESTIMATES.blocks;
    return box;
  };
  const alone = rows.length === 0 && columns.length === 0 ? standing() : null;
  if (rows.length === 0 && columns.length === 0 && !alone) {
    throw new DigitizeError(
      'NO_CHART_FOUND',
      'plot',
      'no axes frame, spines or panel found: not a line chart',
    );
  }
  // Each side: its line and how far the lines across it reach past (their extent). A thick run
  // too thin for a panel's band is a series' flat stretch or a label bridged to a grid line: it
  // gives no extent where other lines do. Nor does a line spanning less of the way between the
  // first and last lines across than DEFAULTS.sideSpan (a series' steep stroke, an error bar),
  // measured between them: sides and grid lines span the plot. (A framed legend right of the
  // plot, level with its top and as wide as the plot, lies beside it: its bottom line had set
  // the plot's right side at the legend's.)
  const extent = (lines: Line[], end: 'start' | 'end', side: number, across: Line[]) => {
    const slim = (line: Line) =>
      line.last - line.first >= DEFAULTS.maxStroke &&
      line.last - line.first + 1 < side * DEFAULTS.minBandShare;
    const [first, last] = [across[0]?.center ?? 0, across.at(-1)?.center ?? 0];
    const span = across.length > 1 ? last - first : 0;
    const kept = (
      lines.some((line) => !slim(line)) ? lines.filter((line) => !slim(line)) : lines
    ).filter(
      (line) =>
        line.last - line.first >= DEFAULTS.maxStroke ||
        (across.length < 2
          ? line.end - line.start
          : Math.min(line.end, last) - Math.max(line.start, first)) >=
          span * DEFAULTS.sideSpan,
    );
    const ends = kept.map((line) => (end === 'start' ? line.start : line.end + 1));
    if (ends.length === 0) return undefined;
    return end === 'start' ? Math.min(...ends) : Math.max(...ends);
  };
  const lineAt = (lines: Line[], index: 0 | -1, side: 'first' | 'last') => {
    const line = lines.at(index);
    return line && edge(line, side);
  };
  // One line across is the bottom (left) side only: spines draw no top (right) side.
  const at = {
    top: rows.length > 1 ? lineAt(rows, 0, 'first') : undefined,
    bottom: lineAt(rows, -1, 'last'),
    left: lineAt(columns, 0, 'first'),
    right: columns.length > 1 ? lineAt(columns, -1, 'last') : undefined,
  };
  const sides = {
    top: [at.top, extent(columns, 'start', width, rows)],
    bottom: [at.bottom, extent(columns, 'end', width, rows)],
    left: [at.left, extent(rows, 'start', height, columns)],
    right: [at.right, extent(rows, 'end', height, columns)],
  } satisfies Record<string, Ends>;
  const overhang = ([line, end]: Ends) =>
    line === undefined || end === undefined ? 0 : Math.abs(end - line);
  // Each side is its line, unless the perpendicular lines run on well past it: spines only
  // (no top or right side), or no frame at all (grid lines span the plot, with stubs). Grid
  // lines run on past the left and bottom axis lines as tick marks; past the top and right
  // sides, lines running on by more than a stroke's blur end where the plot does (a spine above
  // the highest grid line). Lines across stopping well short of it (a series' steep strokes
  // between grid lines) leave it as it is. `outward` is +1 where the side's outside lies at
  // higher pixels (bottom, right), -1 where lower.
  const side = ([line, end]: Ends, outward: 1 | -1, far = false) => {
    if (line === undefined || end === undefined) return line ?? end ?? Number.NaN;
    const past = (end - line) * outward;
    return Math.abs(past) > (far ? reach / 2 : reach * 2) && past > -reach * 2 ? end : line;
  };
  // One line alone, the x axis: the plot reaches up to its highest y tick label. Rows not
  // spanning it (a series' flat stretch, an error bar's cap) leave it alone.
  const axisX = rows.at(-1);
  const spansAxisX = (row: Line) =>
    axisX !== undefined &&
    Math.abs(row.start - axisX.start) <= reach * 2 &&
    Math.abs(row.end - axisX.end) <= reach * 2;
  // The data may run on above that label (a scale not ending at a tick): up to the top of the
  // box its tick labels and the data stand in, where that box ends at the axis.
  const loneTop = () => {
    if (!axisX || columns.length > 0 || rows.filter(spansAxisX).length !== 1) return null;
    const top = labelledTop(ink, width, axisX.start, axisX.first);
    const box = labelled();
    if (top === null || !box || Math.abs(box.bottom - axisX.center) > reach * 2) return top;
    return Math.min(top, box.top);
  };
  const lone = loneTop();
  const sourceOf = ([line, end]: Ends, at: number): EdgeSource =>
    line === undefined || at !== line ? 'extent' : end === undefined ? 'lone' : 'line';
  // A frameless panel (ggplot2's minimal theme) has its grid run on past its outermost grid
  // lines on all four sides, its scale expanded at both ends. Where the lines across run on past
  // the far sides' lines (top, right: most of them, not a border's corner) and past the near
  // sides' lines, however little, a near side whose line is as faint as the grid lines beside it
  // (no axis line: spines are darker) is where the lines across end. Chart.js, Vega-Lite and
  // ECharts draw their axis lines in the grid's colour, but their grid stops at a far side.
  // How far past a side's line counts as running on: beyond its half-width, by more than blur.
  const runsPast = (ends: Ends, outward: 1 | -1, line: Line | undefined, across: Line[]) => {
    const [at, end] = ends;
    if (at === undefined || end === undefined || !line) return false;
    const beyond = (line.last - line.first + 1) / 2 + DEFAULTS.stopsPx;
    if ((end - at) * outward <= beyond) return false;
    // of the lines across reaching the side (not those a legend or the data broke off short)
    const reaching = across.filter((other) =>
      outward === 1 ? other.end + 1 >= at - reach : other.start <= at + reach,
    );
    const past = reaching.filter((other) =>
      outward === 1 ? other.end + 1 > at + beyond : other.start < at - beyond,
    );
    return past.length * 2 > reaching.length;
  };
  const frameless =
    rows.length > DEFAULTS.minGridLines &&
    columns.length > DEFAULTS.minGridLines &&
    runsPast(sides.top, -1, rows[0], columns) &&
    runsPast(sides.right, 1, columns.at(-1), rows) &&
    runsPast(sides.bottom, 1, rows.at(-1), columns) &&
    runsPast(sides.left, -1, columns[0], rows);
  const gridSide = (line: Line | undefined, lines: Line[], along: 'row' | 'column') => {
    if (!frameless || !line) return false;
    const grid = lines.filter(
      (other) =>
        other !== line &&
        Math.abs(other.start - line.start) <= reach * 2 &&
        Math.abs(other.end - line.end) <= reach * 2,
    );
    return grid.length >= DEFAULTS.minGridLines && gridLike(image, line, grid, along);
  };
  const gridBottom = gridSide(rows.at(-1), rows, 'row');
  const gridLeft = gridSide(columns[0], columns, 'column');
  const lined = alone ?? {
    top: lone ?? side(sides.top, -1, true),
    bottom: gridBottom ? sides.bottom[1]! : side(sides.bottom, 1),
    left: gridLeft ? sides.left[1]! : side(sides.left, -1),
    right: side(sides.right, 1, true),
  };
  const plausible = (box: Box) =>
    box.right - box.left > width * DEFAULTS.minPlotShare &&
    box.bottom - box.top > height * DEFAULTS.minPlotShare;
  // Lines enclosing no plausible plot (a series' flat stretches, with a faint grid unseen) leave
  // the data standing bare between its tick labels; so do thick runs along one direction only,
  // on the page's colour inside (a thick series' flat stretches: a filled panel's bands enclose
  // its fill, a blurred frame's sides meet).
  const dataOnly = () =>
    (rows.length === 0 || columns.length === 0) &&
    ![...rows, ...columns].some((line) => line.last - line.first < DEFAULTS.maxStroke) &&
    !unlike(plotBackground(image, lined), page);
  // One row alone well above the lowest y tick label is a series' flat stretch, no x axis.
  const strayRow = () => {
    const box = rows.length === 1 && columns.length === 0 ? labelled() : null;
    return box !== null && rows[0].center < box.bottom - reach * 2;
  };
  const loose =
    alone || (!standBare && plausible(lined) && !dataOnly() && !strayRow()) ? null : standing();
  const { top, bottom, left, right } = loose ?? lined;
  if (!plausible({ top, bottom, left, right })) {
    throw new DigitizeError('PLOT_AREA_NOT_FOUND', 'plot', 'no plot area of a plausible size');
  }
  // The sides drawn as lines: none where the plot stands bare.
  const [bottomLine, leftLine, topLine, rightLine] = loose
    ? []
    : [rows.at(-1), columns[0], rows[0], columns.at(-1)];
  const background = plotBackground(image, { left, top, right, bottom });
  const framed = [topLine, bottomLine, leftLine, rightLine].some(
    (line) => line !== undefined && line.last - line.first < DEFAULTS.maxStroke,
  );
  // A filled panel's runs may have joined its tick marks and labels: it starts where its fill does.
  const filled = unlike(background, page);
  // On a plain plot, lines running on past a labelled side's axis line (left, bottom) by a
  // tick's length (`stubbed`), while they stop at the opposite side, are its tick marks:
  // Chart.js, Vega-Lite and ECharts draw ticks in line with the grid. Lines running on past the
  // opposite side too, and well past this one, are a frameless panel's grid (ggplot2's minimal
  // theme).
  const stubbed = (own: Ends) =>
    !filled &&
    !(alone ?? loose) &&
    own[0] !== undefined &&
    overhang(own) > reach * 2 &&
    overhang(own) <= reach * DEFAULTS.tickStubReaches;
  const ticked = (own: Ends, opposite: Ends) =>
    stubbed(own) &&
    overhang(opposite) <= reach * 2 &&
    (overhang(opposite) <= DEFAULTS.stopsPx || overhang(own) <= reach * DEFAULTS.shortStubReaches);
  // An engine drawing its ticks in line with its grid draws both axes' so, of one length: where
  // one side's stubs are ticks, the other side's stubs as long are too, however far the lines
  // run on past the opposite side (no line there: the plot runs on past its last grid line,
  // Chart.js' axis ending between ticks). A frameless panel's grid runs past both sides of each
  // axis, the stubs of neither are ticks.
  const strictX = !gridBottom && ticked(sides.bottom, sides.top);
  const strictY = !gridLeft && ticked(sides.left, sides.right);
  const alike = (own: Ends, other: Ends) =>
    stubbed(own) && Math.abs(overhang(own) - overhang(other)) <= DEFAULTS.alikeStubsPx;
  const stubX =
    strictX || (!gridBottom && strictY && alike(sides.bottom, sides.left))
      ? overhang(sides.bottom)
      : 0;
  const stubY =
    strictY || (!gridLeft && strictX && alike(sides.left, sides.bottom)) ? overhang(sides.left) : 0;
  const box = filled
    ? panelEdges(image, { left, top, right, bottom }, background, reach)
    : { left: left + stubY, top, right, bottom: bottom - stubX };
  // In a filled panel, a line the side was not taken from (a stroke inside it, its white grid
  // lines parting its runs) is no axis line: the ticks are looked for from the side itself.
  const sideLine = (line: Line | undefined, at: number) =>
    filled && line && edge(line, line === leftLine ? 'first' : 'last') !== at ? undefined : line;
  const xLine = sideLine(bottomLine, bottom);
  const yLine = sideLine(leftLine, left);
  const ticksX = findTicks(image, page, box, 'x', xLine, reach);
  const ticksY = findTicks(image, page, box, 'y', yLine, reach);
  // Text starts beyond the plot and beyond the axis line and its outward ticks (or stubs).
  const outsideX = Math.max(
    Math.ceil(box.bottom + stubX),
    (xLine ? xLine.last + 1 : Math.ceil(box.bottom)) + ticksX.depth,
  );
  const outsideY = Math.min(
    Math.floor(box.left - stubY) - 1,
    (yLine ? yLine.first - 1 : Math.floor(box.left)) - ticksY.depth,
  );
  const { gridX, gridY } = findGrid(image, background, box);
  const edges: PlotEdges =
    (alone ?? loose)
      ? { left: 'estimate', top: 'estimate', right: 'estimate', bottom: 'estimate' }
      : filled
        ? { left: 'panel', top: 'panel', right: 'panel', bottom: 'panel' }
        : {
            left: stubY > 0 ? 'line' : sourceOf(sides.left, left),
            top: lone !== null ? 'estimate' : sourceOf(sides.top, top),
            right: sourceOf(sides.right, right),
            bottom: stubX > 0 ? 'line' : sourceOf(sides.bottom, bottom),
          };
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
    edges,
    ...(estimate && { estimate }),
  };
}

/** Where text is looked for beside a stroke: px either side, and px next to it left out. */
type Window = [wide: number, skip: number];

/** A side's line and how far the lines across it reach past it (either may be missing). */
type Ends = [line: number | undefined, extent: number | undefined];

/**
 * Whether a thick run is a band of a filled panel: mostly one colour other than the page's (a
 * plot's data, shaded bands and labels bridged together are mostly page), grey or a pale tint
 * (a thick series' flat stretch, a step series' tread, is more colourful).
 */
function panelBand({ data, width }: Raster, page: Rgb, line: Line, along: 'row' | 'column') {
  function* inside() {
    for (let across = line.first; across <= line.last; across += 2) {
      for (let at = line.start; at <= line.end; at += 3) {
        yield (along === 'row' ? across * width + at : at * width + across) * 3;
      }
    }
  }
  const fill = mostCommonColor(data, inside());
  return unlike(fill, page) && Math.max(...fill) - Math.min(...fill) < DEFAULTS.panelTint;
}

/**
 * Whether `line` is drawn as faint as the lines beside it (`others`, parallel to it), as a grid
 * line is, rather than darker, as an axis line is: the darkest of its rows (columns) at each
 * sampled point along it, their median, against the same of each other line, their median.
 */
function gridLike(image: Raster, line: Line, others: Line[], along: 'row' | 'column'): boolean {
  const own = strokeLuminance(image, line, along);
  const grid = percentile(
    others.map((other) => strokeLuminance(image, other, along)),
    0.5,
  );
  return own >= grid - DEFAULTS.gridLikeLuminance;
}

/** The median, over points every 3 px along a stroke, of its darkest pixel across (luminance). */
function strokeLuminance({ data, width }: Raster, line: Line, along: 'row' | 'column'): number {
  const samples: number[] = [];
  for (let at = line.start; at <= line.end; at += 3) {
    let darkest = 255;
    for (let across = line.first; across <= line.last; across++) {
      const i = (along === 'row' ? across * width + at : at * width + across) * 3;
      darkest = Math.min(darkest, 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
    }
    samples.push(darkest);
  }
  return percentile(samples, 0.5);
}

/**
 * The colour of a thin stroke coloured along almost all its run, as a series' flat stretch is
 * (a step series' treads, a constant baseline): grey at fewer than DEFAULTS.minGreyShare of the
 * places it is drawn, each judged by its darkest pixel across the stroke; its darkest pixels'
 * mean colour. Null for a grey stroke (axis lines, frames and grid lines mostly are) and for a
 * thick run (a panel's band, tinted or not).
 */
function strokeColour(
  { data, width }: Raster,
  page: Rgb,
  line: Line,
  along: 'row' | 'column',
): Rgb | null {
  if (line.last - line.first >= DEFAULTS.maxStroke) return null;
  let grey = 0;
  let drawn = 0;
  const sum: Rgb = [0, 0, 0];
  for (let at = line.start; at <= line.end; at++) {
    let darkest = -1;
    let distance: number = DEFAULTS.ink;
    for (let across = line.first; across <= line.last; across++) {
      const offset = (along === 'row' ? across * width + at : at * width + across) * 3;
      const here = channelDistance(data, offset, page);
      if (here > distance) [darkest, distance] = [offset, here];
    }
    if (darkest < 0) continue;
    drawn++;
    const spread = channelSpread(data, darkest);
    if (spread < DEFAULTS.colouredSpread || spread < distance * DEFAULTS.colouredShare) grey++;
    for (let k = 0; k < 3; k++) sum[k] += data[darkest + k];
  }
  if (drawn === 0 || grey >= drawn * DEFAULTS.minGreyShare) return null;
  return sum.map((v) => v / drawn) as Rgb;
}

/** Whether two colours differ by more than `threshold` (the ink threshold) in some channel. */
function unlike(a: Rgb, b: Rgb, threshold: number = DEFAULTS.ink): boolean {
  return colorDistance(a, b) > threshold;
}

/** For a stroke the edge is its centre; for a filled panel, its outer boundary. */
function edge(line: Line, side: 'first' | 'last'): number {
  if (line.last - line.first < DEFAULTS.maxStroke) return line.center;
  return side === 'first' ? line.first : line.last + 1;
}

/**
 * The rows of `mask` (`count` rows, each `length` long: the image's rows, or its columns
 * transposed) holding a straight run of ink at least `minRun` long, grouped into strokes.
 */
function findLines(
  mask: Uint8Array,
  count: number,
  length: number,
  minRun: number,
  maxGap: number,
): Line[] {
  const runs: { index: number; start: number; end: number }[] = [];
  for (let i = 0; i < count; i++) {
    let bestStart = 0;
    let bestEnd = -1;
    let start = -1;
    let lastOn = -1;
    for (let j = 0, at = i * length; j < length; j++, at++) {
      if (mask[at] === 1) {
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
  const groups: (typeof runs)[] = [];
  for (const run of runs) {
    const group = groups.at(-1);
    if (group && run.index === group[group.length - 1].index + 1) group.push(run);
    else groups.push([run]);
  }
  return groups.map((group) => {
    const kept =
      maxGap === 0 ? strokeUnder(group, (index, at) => mask[index * length + at] === 1) : group;
    const line: Line = {
      first: kept[0].index,
      last: kept[kept.length - 1].index,
      center: 0,
      start: kept[0].start,
      end: kept[0].end,
    };
    for (const run of kept) {
      line.start = Math.min(line.start, run.start);
      line.end = Math.max(line.end, run.end);
    }
    line.center = (line.first + line.last + 1) / 2;
    return line;
  });
}

/**
 * Of adjacent rows holding long runs, too many for a stroke, the thin stroke among them that
 * runs well past the others: a grid line or axis line with a series drawn along it (a flat
 * stretch, its markers) joined to it. The rows are kept whole otherwise (a panel's band, a
 * thick stroke).
 */
function strokeUnder<T extends { index: number; start: number; end: number }>(
  rows: T[],
  inked: (index: number, at: number) => boolean,
): T[] {
  if (rows.length < DEFAULTS.maxStroke) return rows;
  const length = (row: T) => row.end - row.start + 1;
  const longest = Math.max(...rows.map(length));
  const long = rows.filter((row) => length(row) >= longest * DEFAULTS.strokeUnderShare);
  const first = long[0].index;
  const last = long[long.length - 1].index;
  // The long rows stand together as one thin stroke, the others stop well short of them (not
  // a filled panel's rows, their runs a little longer or shorter where JPEG blurs them).
  if (last - first >= DEFAULTS.maxStroke || last - first + 1 !== long.length) return rows;
  const others = rows.filter((row) => !long.includes(row));
  if (others.length === 0) return rows;
  if (Math.max(...others.map(length)) > longest * DEFAULTS.strokeOverShare) return rows;
  // ...and lie along it (a marker overhanging its end a little), their ink ending with their
  // runs: a filled panel's rows, parted into cells by its white grid lines, go on past a gap
  // at both ends.
  const from = Math.min(...long.map((row) => row.start));
  const to = Math.max(...long.map((row) => row.end));
  const overhang = DEFAULTS.maxStroke * 2;
  if (others.some((row) => row.start < from - overhang || row.end > to + overhang)) return rows;
  const goesOn = (row: T, step: 1 | -1) => {
    for (let gap = 2; gap <= overhang; gap++) {
      if (inked(row.index, (step === 1 ? row.end : row.start) + gap * step)) return true;
    }
    return false;
  };
  const parted = others.filter((row) => goesOn(row, 1) && goesOn(row, -1));
  if (parted.length * 2 > others.length) return rows;
  // Where the others run on to the stroke's end, the end is theirs as much as its own (a
  // marker at the series' end overhangs the line): the stroke is taken up to where they start.
  const start = Math.min(...others.map((row) => row.start));
  const end = Math.max(...others.map((row) => row.end));
  return long.map((row) => ({
    ...row,
    start: start <= row.start + DEFAULTS.maxStroke && end < row.end ? end + 1 : row.start,
    end: end >= row.end - DEFAULTS.maxStroke && start > row.start ? start - 1 : row.end,
  }));
}

/**
 * A stroke's run carried on past small gaps (a marker's white edge where it sits on the axis
 * line) along the same rows of `mask`: out to the farthest piece at least `piece` long, the ink
 * unbroken by more than `maxGap` and covering DEFAULTS.bridgedInk of the way (tick labels beyond
 * a grid line's end are short strokes, sparser). Its end is carried on too where `both`.
 */
function bridged(
  mask: Uint8Array,
  length: number,
  line: Line,
  maxGap: number,
  piece: number,
  both: boolean,
) {
  const on = (at: number) => {
    for (let index = line.first; index <= line.last; index++) {
      if (mask[index * length + at] === 1) return true;
    }
    return false;
  };
  const inside = (at: number) => at >= 0 && at < length;
  // A piece of the same stroke stands alone at its far end: beside it, a few rows off, lies no
  // ink (a tick label's middle row does, its glyphs reaching above and below).
  const off = line.last - line.first + 2;
  const beside = [line.first - off, line.last + off].filter((index) => index >= 0);
  const alone = (from: number, to: number) => {
    let inked = 0;
    for (let at = Math.min(from, to); at <= Math.max(from, to); at++) {
      if (beside.some((index) => mask[index * length + at] === 1)) inked++;
    }
    return inked < (Math.abs(to - from) + 1) * DEFAULTS.bridgedBeside;
  };
  const carry = (from: number, step: 1 | -1) => {
    let end = from;
    let covered = 0;
    for (let at = from + step, gap = 0; inside(at) && gap <= maxGap; at += step) {
      if (!on(at)) {
        gap++;
        continue;
      }
      gap = 0;
      covered++;
      let last = at;
      while (inside(last + step) && on(last + step)) {
        last += step;
        covered++;
      }
      if (
        Math.abs(last - at) + 1 >= piece &&
        covered >= Math.abs(last - from) * DEFAULTS.bridgedInk &&
        alone(last - step * (piece - 1), last)
      ) {
        end = last;
      }
      at = last;
    }
    return end;
  };
  return { ...line, start: carry(line.start, -1), end: both ? carry(line.end, 1) : line.end };
}

/**
 * A thin stroke's run without the text touching its ends: an end is where the stroke ends, not
 * where a tick label set against it ends. `text` is the dark ink (DEFAULTS.textInk), along rows
 * as the stroke runs (`count` of them, each `length` long). The run is cut back where, beyond
 * every line `across` it, its last pixels have text beside them (within `reach` on either side,
 * or DEFAULTS.textBeside reaches)
 * for DEFAULTS.minTextRun pixels or more with what goes on past its end: a glyph's other strokes.
 * A tick mark's end or a line crossing it (thinner than a glyph is tall) stays. Where the ink
 * beside runs on unbroken across the last line across (a label set right against the axis, no
 * gap between), the stroke ends at that line when it runs on past it by more than
 * DEFAULTS.touchingReaches with text beside it all the way. Only the end
 * where tick labels stand is cut, `outward` (+1: a column's lower end, below the x axis; -1: a
 * row's left end, left of the y axis): a marker at the far end of a grid line has dark ink
 * beside it too.
 */
function withoutText(
  text: Uint8Array,
  count: number,
  length: number,
  line: Line,
  reach: number,
  across: Line[],
  outward: 1 | -1,
): Line {
  if (across.length === 0 || line.last - line.first >= DEFAULTS.maxStroke) return line;
  // Within `wide` px either side, but `skip` px next to it.
  const beside = (at: number, [wide, skip]: Window) => {
    for (let index = line.first - wide; index <= line.last + wide; index++) {
      if (index === line.first - skip) index = line.last + 1 + skip;
      if (index >= 0 && index < count && text[index * length + at] === 1) return true;
    }
    return false;
  };
  // Ink beside the stroke followed from `from` by `step` while broken by one pixel at most,
  // `within` bounds: its farthest pixel (undefined where none).
  const follow = (from: number, step: 1 | -1, window: Window, within: (at: number) => boolean) => {
    let farthest: number | undefined;
    for (let at = from, clean = 0; within(at) && clean < 2; at += step) {
      if (beside(at, window)) {
        clean = 0;
        farthest = at;
      } else clean++;
    }
    return farthest;
  };
  // Where text touches the end: the ink beside it from inside the run out past its end (a glyph
  // goes on where a crossing stroke does not), long enough, and beyond every line across.
  // Looked for a reach either side, then wider (a 0's hollow is wider than a reach, but a y
  // label beside the axis' end is within two); then, beside a stroke one pixel wide, leaving
  // out the pixel next to it (its blur, JPEG's, where the run kept only its core; a small
  // glyph's stroke may stand there). Returns where the stroke's own run ends then.
  const blur = line.last === line.first ? 1 : 0;
  const windows: Window[] = [
    [reach, 0],
    [reach * DEFAULTS.textBeside, 0],
    ...(blur
      ? ([
          [reach, blur],
          [reach * DEFAULTS.textBeside, blur],
        ] as Window[])
      : []),
  ];
  const cut = (end: number, beyond: (at: number) => boolean) => {
    for (const window of windows) {
      const inner = follow(
        end,
        outward === 1 ? -1 : 1,
        window,
        (at) => at >= line.start && at <= line.end,
      );
      if (inner === undefined) continue;
      if (!beyond(inner)) {
        const touching = touchingText(end, window);
        if (touching !== undefined) return touching;
        continue;
      }
      const outer =
        follow(
          end + outward,
          outward,
          window,
          (at) => at >= 0 && at < length && Math.abs(at - end) <= reach * DEFAULTS.maxTickReaches,
        ) ?? end;
      if (Math.abs(outer - inner) + 1 >= DEFAULTS.minTextRun) return inner - outward;
    }
    return end;
  };
  // The last line across the stroke before its end (the axis): where its end lies well past
  // it, the stretch beyond.
  const crossing =
    outward === 1
      ? Math.max(...across.map((other) => other.last))
      : Math.min(...across.map((other) => other.first));
  // Where the ink beside runs on inwards across the axis (a y tick label beside the axis' end,
  // the labels joined to the axis with no gap: Vega-Lite's excel look sets its x labels right
  // against it, their first glyph's stroke continuing the y axis down), the stretch past the
  // axis is a label's when it is long, more than tick marks reach, and text lies beside it from
  // the axis to the stroke's end: the stroke ends at the axis.
  const touchingText = (end: number, window: Window) => {
    if (Math.abs(end - crossing) <= reach * DEFAULTS.touchingReaches) return undefined;
    const nearest = follow(
      end,
      outward === 1 ? -1 : 1,
      window,
      (at) => (at - crossing) * outward > 0 && at >= line.start && at <= line.end,
    );
    // `follow` passes a one-pixel break, so the ink beside may start a pixel short of the axis
    return nearest !== undefined && Math.abs(nearest - crossing) <= 2 ? crossing : undefined;
  };
  if (outward === 1) {
    const end = cut(line.end, (at) => at > crossing);
    return end > line.start ? { ...line, end } : line;
  }
  const start = cut(line.start, (at) => at < crossing);
  return start < line.end ? { ...line, start } : line;
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
  // The parts of each column's extent (down the plot) holding ink, as bits of one mask per part.
  const partsX = Array.from({ length: Math.ceil(right) + 1 }, () => new Set<number>());
  const weightY = new Float64Array(Math.ceil(bottom) + 1);
  /** Whether a line with `covered` px of ink over `extent`, in `parts` of it, is a grid line. */
  const gridLine = (covered: number, parts: number, extent: number) =>
    covered >= extent * DEFAULTS.gridShare ||
    (covered >= extent * DEFAULTS.dottedShare && parts >= DEFAULTS.parts * DEFAULTS.dottedParts);
  for (let row = Math.ceil(top); row < bottom; row++) {
    let covered = 0;
    let total = 0;
    const parts = new Set<number>();
    const part = Math.floor(((row - top) * DEFAULTS.parts) / (bottom - top));
    for (let column = Math.ceil(left); column < right; column++) {
      const d = channelDistance(data, (row * width + column) * 3, background);
      if (d > DEFAULTS.ink) {
        covered++;
        total += d;
        parts.add(Math.floor(((column - left) * DEFAULTS.parts) / (right - left)));
        coveredX[column]++;
        totalX[column] += d;
        partsX[column].add(part);
      }
    }
    if (gridLine(covered, parts.size, right - left)) weightY[row] = total;
  }
  const weightX = new Float64Array(Math.ceil(right) + 1);
  for (let column = Math.ceil(left); column < right; column++) {
    if (gridLine(coveredX[column], partsX[column].size, bottom - top)) {
      weightX[column] = totalX[column];
    }
  }
  return { gridX: centroids(weightX, 4), gridY: centroids(weightY, 4) };
}
