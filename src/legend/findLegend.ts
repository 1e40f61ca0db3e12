import { channelDistance, type Rgb } from '../color.js';
import { findRuns, percentile } from '../math.js';
import type { Box, PlotArea, Raster } from '../types.js';

/** A legend frame side is at least this long (px)... */
const MIN_SIDE = 12;
/** ...and at most this share of the plot's width or height (grid lines span all of it). */
const MAX_SHARE = 0.8;
/** Frame pixels differ from the plot background by at least this much (0..255). */
const FRAME_INK = 25;
/** Rounded corners and anti-aliasing: ends of sides may differ by this many px. */
const CORNER = 5;
/** The share of a sample's inked pixels, farthest from the fill, that give its colour. */
const CORE_SHARE = 0.15;
/** Handle pixels differ from the legend fill by at least this much. */
const HANDLE_INK = 60;

/** Where a legend entry is, before its text is read. */
export interface LegendSlot {
  /** The line or box sample. */
  handle: Box;
  /** Where the entry's text is. */
  text: Box;
  color: Rgb;
}

export interface LegendLayout {
  box: Box;
  slots: LegendSlot[];
  /** The sides of its frame (thin boxes; none for a legend without a frame). */
  frame: Box[];
}

interface Run {
  index: number;
  start: number;
  end: number;
}

/** Frame ink over the plot, 2 px in from its sides: 1 where a pixel differs from the fill. */
interface FrameInk {
  flags: Uint8Array;
  /** The first row and column it covers, and its size. */
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/** Which pixels 2 px in from the plot's sides are frame ink: looked at once for both passes. */
function frameInk(image: Raster, background: Rgb, plot: Box): FrameInk {
  const { data, width } = image;
  const top = Math.ceil(plot.top) + 2;
  const left = Math.ceil(plot.left) + 2;
  const rows = Math.max(0, Math.ceil(plot.bottom - 2) - top);
  const columns = Math.max(0, Math.ceil(plot.right - 2) - left);
  const flags = new Uint8Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    let o = ((top + row) * width + left) * 3;
    for (let column = 0; column < columns; column++, o += 3) {
      flags[row * columns + column] = channelDistance(data, o, background) > FRAME_INK ? 1 : 0;
    }
  }
  return { flags, top, left, rows, columns };
}

/**
 * Straight runs of frame ink along each row (or column) inside the plot, 2 px in from its
 * sides, that could be a legend frame side. A one-pixel break is compression noise, not the
 * end of a side.
 */
function runsAlong(ink: FrameInk, plot: Box, along: 'row' | 'column'): Run[] {
  const runs: Run[] = [];
  const [from, to] = along === 'row' ? [plot.top, plot.bottom] : [plot.left, plot.right];
  const [lo, hi] = along === 'row' ? [plot.left, plot.right] : [plot.top, plot.bottom];
  const maxLength = (hi - lo) * MAX_SHARE;
  const first = Math.ceil(lo) + 2;
  // One line's ink, reused: positions first, first + 1, ... below hi - 2.
  const inked = new Uint8Array(Math.max(0, Math.ceil(hi - 2) - first));
  // Flags from one position to the next along the line.
  const step = along === 'row' ? 1 : ink.columns;
  for (let index = Math.ceil(from) + 2; index < to - 2; index++) {
    let f = along === 'row' ? (index - ink.top) * ink.columns : index - ink.left;
    let count = 0;
    for (let j = 0; j < inked.length; j++, f += step) {
      inked[j] = ink.flags[f];
      count += inked[j];
    }
    // With breaks of one pixel at most, a run holds ink in at least every other pixel: a line
    // with less ink than half a side holds none.
    if (count < MIN_SIDE / 2) continue;
    for (const run of findRuns(inked, 1)) {
      const length = run.to - run.from + 1;
      if (length >= MIN_SIDE && length <= maxLength) {
        runs.push({ index, start: run.from + first, end: run.to + first });
      }
    }
  }
  return runs;
}

/**
 * Finds a framed legend inside the plot: a rectangle whose four sides are straight runs of
 * one ink, shorter than the plot. Then splits its inside into entries (a coloured sample on
 * the left, text on the right). Returns null when there is no framed legend.
 */
export function findLegend(image: Raster, plot: PlotArea): LegendLayout | null {
  const ink = frameInk(image, plot.background, plot);
  const rows = runsAlong(ink, plot, 'row');
  const columns = runsAlong(ink, plot, 'column');
  let best: Box | null = null;
  for (const top of rows) {
    for (const bottom of rows) {
      if (bottom.index <= top.index + MIN_SIDE) continue;
      if (Math.abs(bottom.start - top.start) > 2 || Math.abs(bottom.end - top.end) > 2) continue;
      const box = { left: top.start, right: top.end + 1, top: top.index, bottom: bottom.index + 1 };
      const side = (x: number) =>
        columns.some(
          (c) =>
            Math.abs(c.index - x) <= CORNER &&
            c.start <= box.top + CORNER &&
            c.end >= box.bottom - 1 - CORNER,
        );
      if (!side(box.left) || !side(box.right - 1)) continue;
      const area = (box.right - box.left) * (box.bottom - box.top);
      if (!best || area > (best.right - best.left) * (best.bottom - best.top)) best = box;
    }
  }
  if (!best) return findFramelessLegend(image, plot);
  // The frame's own rounded corners reach CORNER px outside the straight runs.
  const box = {
    left: best.left - CORNER,
    right: best.right + CORNER,
    top: best.top - 1,
    bottom: best.bottom + 1,
  };
  const thickness = frameThickness(image, plot.background, best);
  const slots = findSlots(image, box, thickness);
  // The sides, with the rounded corners between the straight runs and the box's edge.
  const frame = [
    { ...box, bottom: best.top + thickness + 1 },
    { ...box, top: best.bottom - thickness - 1 },
    { ...box, right: best.left + thickness + 1 },
    { ...box, left: best.right - thickness - 1 },
  ];
  return slots.length > 0 ? { box, slots, frame } : findFramelessLegend(image, plot);
}

/** How many px thick the legend frame is: ink columns inward from its left side, mid-height. */
function frameThickness(image: Raster, background: Rgb, frame: Box): number {
  const row = Math.round((frame.top + frame.bottom) / 2);
  let thickness = 0;
  while (
    thickness < CORNER &&
    channelDistance(image.data, (row * image.width + frame.left + thickness) * 3, background) >
      FRAME_INK
  ) {
    thickness++;
  }
  return Math.max(1, thickness);
}

/** Entries of a legend: rows of ink inside the frame; in each, the first ink group is the sample. */
function findSlots(image: Raster, box: Box, thickness: number): LegendSlot[] {
  const { data, width } = image;
  const inner = {
    left: box.left + CORNER + thickness + 1,
    right: box.right - CORNER - thickness - 1,
    top: box.top + thickness + 2,
    bottom: box.bottom - thickness - 2,
  };
  const fill = sampleFill(image, inner);
  const inked = (row: number, column: number) =>
    channelDistance(data, (row * width + column) * 3, fill) > HANDLE_INK;
  const rowInk = new Uint8Array(Math.max(0, inner.bottom - inner.top));
  for (let row = inner.top; row < inner.bottom; row++) {
    let any = false;
    for (let column = inner.left; column < inner.right && !any; column++) any = inked(row, column);
    rowInk[row - inner.top] = any ? 1 : 0;
  }
  const bands = findRuns(rowInk, 1).map(({ from, to }) => [from + inner.top, to + inner.top]);
  const slots: LegendSlot[] = [];
  for (const [top, bottom] of bands) {
    if (bottom - top < 3) continue;
    const columnInk = new Uint8Array(Math.max(0, inner.right - inner.left));
    for (let column = inner.left; column < inner.right; column++) {
      let any = false;
      for (let row = top; row <= bottom && !any; row++) any = inked(row, column);
      columnInk[column - inner.left] = any ? 1 : 0;
    }
    const height = bottom - top + 1;
    const parts = findRuns(columnInk, Math.max(2, Math.round(height * 0.3))).map(({ from, to }) => [
      from + inner.left,
      to + inner.left,
    ]);
    if (parts.length < 2) continue;
    const [handleLeft, handleRight] = parts[0];
    const handle = { left: handleLeft, right: handleRight + 1, top, bottom: bottom + 1 };
    const text = { left: parts[1][0], right: parts.at(-1)![1] + 1, top, bottom: bottom + 1 };
    slots.push({ handle, text, color: dominantColor(image, handle, fill) });
  }
  return slots;
}

function sampleFill(image: Raster, box: Box): Rgb {
  const o = (Math.round(box.top) * image.width + Math.round(box.left)) * 3;
  return [image.data[o], image.data[o + 1], image.data[o + 2]];
}

/**
 * The colour of a legend sample: the mean of its pixels farthest from the fill (the line's core,
 * not its anti-aliased edge).
 */
export function dominantColor(image: Raster, box: Box, fill: Rgb): Rgb {
  const { data, width } = image;
  let pixels: { d: number; o: number }[] = [];
  for (let row = box.top; row < box.bottom; row++) {
    for (let column = box.left; column < box.right; column++) {
      const o = (row * width + column) * 3;
      const d = channelDistance(data, o, fill);
      if (d > HANDLE_INK) pixels.push({ d, o });
    }
  }
  if (pixels.length === 0) return fill;
  // Black marker edges (matplotlib 'classic') are not the series colour: where the sample
  // has coloured pixels, only those count.
  const spread = (o: number) =>
    Math.max(data[o], data[o + 1], data[o + 2]) - Math.min(data[o], data[o + 1], data[o + 2]);
  const coloured = pixels.filter(({ o }) => spread(o) > TEXT_GREY);
  if (coloured.length >= pixels.length * CORE_SHARE) {
    // The purest: blends with the white fill or a black edge both lose saturation.
    pixels = coloured.sort((a, b) => spread(b.o) - spread(a.o));
  } else {
    pixels.sort((a, b) => b.d - a.d);
  }
  const core = pixels.slice(0, Math.max(1, Math.round(pixels.length * CORE_SHARE)));
  const sum = [0, 0, 0];
  for (const { o } of core) {
    sum[0] += data[o];
    sum[1] += data[o + 1];
    sum[2] += data[o + 2];
  }
  return sum.map((s) => Math.round(s / core.length)) as Rgb;
}

/** Legend text is dark: darker than this (max channel, 0..255; Chart.js greys are #666)... */
const TEXT_DARK = 150;
/** ...and about grey: channels within this of each other. */
const TEXT_GREY = 40;
/** A legend sample is at least this many text heights wide. */
const MIN_HANDLE = 0.5;
/** ...and at most this many (Chart.js boxes are 40 px beside 12 px text). */
const MAX_HANDLE = 8;
/** Text lines of one legend start at the same column, give or take this (px). */
const ALIGN = 3;
/** A grey sample (not text) is a thin line: its ink spans at most this share of the text's height... */
const THIN_LINE = 0.45;
/** ...or a line runs through it: a row inked across this share of its width (a marker on a line). */
const LINE_ACROSS = 0.8;
/** A dashed sample's gaps are at most this share of its text's height. */
const DASH_GAP = 0.4;
/** Samples of one legend are alike in width: within this share of each other. */
const SAME_SAMPLE = 0.35;

/**
 * A legend without a frame: lines of dark text, each with a sample beside it (left, or right
 * as gnuplot draws its key), in a column, a row or a grid, inside the plot, or right of,
 * above or below it.
 */
function findFramelessLegend(image: Raster, plot: PlotArea): LegendLayout | null {
  const { width, height } = image;
  const inside = {
    left: Math.ceil(plot.left) + 3,
    right: Math.floor(plot.right) - 3,
    top: Math.ceil(plot.top) + 3,
    bottom: Math.floor(plot.bottom) - 3,
  };
  // Outside: right of the plot, above it, below it (the tick labels there have no samples).
  const right = { left: Math.ceil(plot.right) + 3, right: width, top: 0, bottom: height };
  const above = { left: 0, right: width, top: 0, bottom: Math.floor(plot.top) };
  const below = { left: 0, right: width, top: Math.ceil(plot.bottom) + 3, bottom: height };
  return (
    legendIn(image, inside, plot.background) ??
    legendIn(image, right, plot.page) ??
    legendIn(image, above, plot.page) ??
    legendIn(image, below, plot.page)
  );
}

/** A frameless legend in one region: text entries with a sample each, in a column, a row or a grid. */
function legendIn(image: Raster, region: Box, background: Rgb): LegendLayout | null {
  const { data, width } = image;
  if (region.right - region.left < MIN_SIDE || region.bottom - region.top < MIN_SIDE) return null;
  const dark = (row: number, column: number) => {
    const o = (row * width + column) * 3;
    const max = Math.max(data[o], data[o + 1], data[o + 2]);
    const min = Math.min(data[o], data[o + 1], data[o + 2]);
    return max < TEXT_DARK && max - min < TEXT_GREY;
  };
  const rowDark = new Uint8Array(region.bottom - region.top);
  for (let row = region.top; row < region.bottom; row++) {
    let any = false;
    for (let column = region.left; column < region.right && !any; column++) any = dark(row, column);
    rowDark[row - region.top] = any ? 1 : 0;
  }
  const candidates: LegendSlot[] = [];
  for (const { from, to } of findRuns(rowDark, 1)) {
    const top = from + region.top;
    const bottom = to + region.top + 1;
    const height = bottom - top;
    if (height < 5 || height > 60) continue;
    const columnDark = new Uint8Array(region.right - region.left);
    for (let column = region.left; column < region.right; column++) {
      let any = false;
      for (let row = top; row < bottom && !any; row++) any = dark(row, column);
      columnDark[column - region.left] = any ? 1 : 0;
    }
    for (const run of findRuns(columnDark, Math.round(height * 0.8))) {
      const text = { left: run.from + region.left, right: run.to + region.left + 1, top, bottom };
      if (text.right - text.left < height) continue;
      // The sample is left of its text, or right of it (gnuplot's key).
      for (const side of [-1, 1] as const) {
        const handle = findHandle(image, background, text, side, region);
        if (!handle) continue;
        const color = dominantColor(image, handle, background);
        if (!isSample(image, background, handle, color)) continue;
        candidates.push({ handle, text, color });
        break;
      }
    }
  }
  const group = alignedGroup(candidates);
  if (group.length === 0) return null;
  const pad = Math.round((group[0].text.bottom - group[0].text.top) / 2);
  const box = {
    left: Math.min(...group.map((s) => Math.min(s.handle.left, s.text.left))) - pad,
    right: Math.max(...group.map((s) => Math.max(s.handle.right, s.text.right))) + pad,
    top: Math.min(...group.map((s) => s.text.top)) - pad,
    bottom: Math.max(...group.map((s) => s.text.bottom)) + pad,
  };
  return {
    box,
    slots: group.sort((p, q) => p.text.top - q.text.top || p.text.left - q.text.left),
    frame: [],
  };
}

/**
 * The entries of one legend among candidate entries: those that line up (texts starting, or
 * ending, at one column; samples starting at one column; or entries in one row), the largest
 * such set, grown by the entries that line up with its members the other way (the other
 * columns or rows of a legend laid out in a grid) and whose samples are as wide.
 */
function alignedGroup(candidates: LegendSlot[]): LegendSlot[] {
  const keys: ((slot: LegendSlot) => number)[] = [
    (slot) => slot.text.left,
    (slot) => slot.text.right,
    (slot) => slot.handle.left,
    (slot) => slot.text.top,
  ];
  let best: LegendSlot[] = [];
  let bestKey = 0;
  for (const slot of candidates) {
    keys.forEach((key, k) => {
      const group = candidates.filter((other) => Math.abs(key(other) - key(slot)) <= ALIGN);
      if (group.length > best.length) {
        best = group;
        bestKey = k;
      }
    });
  }
  if (best.length === 0) return best;
  // A column's entries share rows with the other columns; a row's, columns with other rows.
  const across = bestKey === 3 ? keys[0] : keys[3];
  const wide = (slot: LegendSlot) => slot.handle.right - slot.handle.left;
  const sampleWidth = percentile(best.map(wide), 0.5);
  const group = new Set(best);
  for (let grown = true; grown; ) {
    grown = false;
    for (const slot of candidates) {
      if (group.has(slot) || Math.abs(wide(slot) - sampleWidth) > sampleWidth * SAME_SAMPLE) {
        continue;
      }
      if ([...group].some((member) => Math.abs(across(member) - across(slot)) <= ALIGN)) {
        group.add(slot);
        grown = true;
      }
    }
  }
  return [...group];
}

/**
 * Whether a handle is a legend sample and not a word: a coloured one is; a grey one must be
 * a thin line, or have a line through it (a marker on its line).
 */
function isSample(image: Raster, background: Rgb, handle: Box, color: Rgb): boolean {
  if (Math.max(...color) - Math.min(...color) > TEXT_GREY) return true;
  const { data, width } = image;
  const span = handle.right - handle.left;
  let inkedRows = 0;
  let widest = 0;
  for (let row = handle.top; row < handle.bottom; row++) {
    let count = 0;
    for (let column = handle.left; column < handle.right; column++) {
      if (channelDistance(data, (row * width + column) * 3, background) > HANDLE_INK) count++;
    }
    if (count > 0) inkedRows++;
    widest = Math.max(widest, count);
  }
  return (
    inkedRows <= Math.max(2, (handle.bottom - handle.top) * THIN_LINE) ||
    widest >= span * LINE_ACROSS
  );
}

/**
 * The sample beside a legend text, on `side` (-1 left, 1 right): ink in the text's rows after
 * a short gap, at least as wide as the text is tall (a line sample is about two font sizes
 * long), inside `region`.
 */
function findHandle(
  image: Raster,
  background: Rgb,
  text: Box,
  side: -1 | 1,
  region: Box,
): Box | null {
  const { data, width } = image;
  const height = text.bottom - text.top;
  const inked = (column: number) => {
    for (let row = text.top; row < text.bottom; row++) {
      if (channelDistance(data, (row * width + column) * 3, background) > HANDLE_INK) return true;
    }
    return false;
  };
  const within = (column: number) =>
    column >= region.left && column < region.right && Math.abs(column - from) < height * 1.5;
  const from = side < 0 ? text.left - 1 : text.right;
  let column = from;
  // The text's own anti-aliased edge is not the sample.
  while (within(column) && inked(column)) column += side;
  while (within(column) && !inked(column)) column += side;
  if (!within(column)) return null;
  const near = column;
  // A dashed sample's gaps are shorter than the gap to the text.
  const maxGap = Math.max(1, Math.round(height * DASH_GAP));
  let far = column;
  for (
    let gap = 0;
    column >= region.left && column < region.right && gap <= maxGap;
    column += side
  ) {
    if (inked(column)) {
      far = column;
      gap = 0;
    } else {
      gap++;
    }
  }
  const [left, right] = side < 0 ? [far, near + 1] : [near, far + 1];
  // A line sample is about two font sizes long; a marker or box symbol, at least half one.
  if (right - left < height * MIN_HANDLE || right - left > height * MAX_HANDLE) return null;
  return { left, right, top: text.top, bottom: text.bottom };
}
