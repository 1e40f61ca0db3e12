import { channelDistance, type Rgb } from '../color.js';
import { findRuns, percentile } from '../math.js';
import type { Box, PlotArea, Raster } from '../types.js';
import type { LegendLayout, LegendSlot } from './findLegend.js';
import { dominantColor } from './sampleColor.js';

const DEFAULTS = {
  /** Legend text is dark: darker than this (max channel, 0..255; Chart.js greys are #666)... */
  textDark: 150,
  /** ...and about grey: channels within this of each other. */
  textGrey: 40,
  /** A legend sample is at least this many text heights wide. */
  minHandle: 0.5,
  /** ...and at most this many (Chart.js boxes are 40 px beside 12 px text). */
  maxHandle: 8,
  /** Text lines of one legend start at the same column, give or take this (px). */
  align: 3,
  /** A grey sample (not text) is a thin line: its ink spans at most this share of the text's height... */
  thinLine: 0.45,
  /** ...or a line runs through it: a row inked across this share of its width (a marker on a line). */
  lineAcross: 0.8,
  /** A dashed sample's gaps are at most this share of its text's height. */
  dashGap: 0.4,
  /** Words of a name are apart by less than this share of the text's height (a sample is farther). */
  wordSpace: 0.45,
  /** Samples of one legend are alike in width: within this share of each other. */
  sameSample: 0.35,
  /** A line of legend text is at most this many px high. */
  maxLine: 60,
  /** A column dark in more than this share of a region's rows (and taller than a line of text) is a line drawn across it. */
  rule: 0.5,
  /**
   * A sample starts within `gap` text heights of its text; its ink is looked for `reach` text
   * heights above and below the text's rows too...
   */
  near: { gap: 1.5, reach: 0 },
  /** ...or, coloured, farther (ggplot2 centres a marker in its key) and taller (hollow symbols). */
  far: { gap: 2.2, reach: 0.25, maxWidth: 2 },
  /** A legend region is at least this many px on a side. */
  minSide: 12,
  /** Sample pixels differ from the background by at least this much (0..255). */
  handleInk: 60,
} as const;

/**
 * A legend without a frame: lines of dark text, each with a sample beside it (left, or right
 * as gnuplot draws its key), in a column, a row or a grid, inside the plot, or right of,
 * above or below it.
 */
export function findFramelessLegend(image: Raster, plot: PlotArea): LegendLayout | null {
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
  if (
    region.right - region.left < DEFAULTS.minSide ||
    region.bottom - region.top < DEFAULTS.minSide
  )
    return null;
  const dark = (row: number, column: number) => {
    const o = (row * width + column) * 3;
    const max = Math.max(data[o], data[o + 1], data[o + 2]);
    const min = Math.min(data[o], data[o + 1], data[o + 2]);
    return max < DEFAULTS.textDark && max - min < DEFAULTS.textGrey;
  };
  // A dark line across the region (an axis or zero line drawn inside the plot) is no text.
  const rule = new Uint8Array(region.right - region.left);
  for (let column = region.left; column < region.right; column++) {
    let count = 0;
    for (let row = region.top; row < region.bottom; row++) if (dark(row, column)) count++;
    const long = count > (region.bottom - region.top) * DEFAULTS.rule && count > DEFAULTS.maxLine;
    rule[column - region.left] = long ? 1 : 0;
  }
  const text = (row: number, column: number) => !rule[column - region.left] && dark(row, column);
  const rowDark = new Uint8Array(region.bottom - region.top);
  for (let row = region.top; row < region.bottom; row++) {
    let any = false;
    for (let column = region.left; column < region.right && !any; column++) any = text(row, column);
    rowDark[row - region.top] = any ? 1 : 0;
  }
  const candidates: LegendSlot[] = [];
  for (const { from, to } of findRuns(rowDark, 1)) {
    const top = from + region.top;
    const bottom = to + region.top + 1;
    const height = bottom - top;
    if (height < 5 || height > DEFAULTS.maxLine) continue;
    const columnDark = new Uint8Array(region.right - region.left);
    for (let column = region.left; column < region.right; column++) {
      let any = false;
      for (let row = top; row < bottom && !any; row++) any = text(row, column);
      columnDark[column - region.left] = any ? 1 : 0;
    }
    for (const run of findRuns(columnDark, Math.round(height * 0.8))) {
      const line = { left: run.from + region.left, right: run.to + region.left + 1, top, bottom };
      if (line.right - line.left < height) continue;
      const slot =
        darkSample(image, background, line, columnDark, region.left) ??
        sampleBeside(image, background, line, region);
      if (slot) candidates.push(slot);
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

/** The entry whose sample lies left of its text, or right of it (gnuplot's key). */
function sampleBeside(image: Raster, background: Rgb, text: Box, region: Box): LegendSlot | null {
  for (const side of [-1, 1] as const) {
    const handle = findHandle(image, background, text, side, region, DEFAULTS.near);
    if (handle) {
      const color = dominantColor(image, handle, background);
      if (isSample(image, background, handle, color)) return { handle, text, color };
    }
    // Farther, and reaching above and below the text's rows, only a coloured symbol is taken
    // (not the next tick label, nor a piece of a curve): a marker centred in a wide key (ggplot2), a hollow symbol
    // taller than the text's capitals (it shows only its sides in the text's rows).
    const far = findHandle(image, background, text, side, region, DEFAULTS.far);
    if (!far || far.right - far.left > (text.bottom - text.top) * DEFAULTS.far.maxWidth) continue;
    const color = dominantColor(image, far, background);
    if (colored(color)) return { handle: far, text, color };
  }
  return null;
}

function colored(color: Rgb): boolean {
  return Math.max(...color) - Math.min(...color) > DEFAULTS.textGrey;
}

/**
 * A sample drawn in black or grey is as dark as text, so it joins its text's run: the run
 * is an entry when its first (or last) part, apart from the rest by more than a word space,
 * is a line sample (at least as long as the text is high). `columnDark` flags the dark
 * columns of the text's rows, from column `first`.
 */
function darkSample(
  image: Raster,
  background: Rgb,
  text: Box,
  columnDark: Uint8Array,
  first: number,
): LegendSlot | null {
  const height = text.bottom - text.top;
  const parts = findRuns(
    columnDark.subarray(text.left - first, text.right - first),
    Math.round(height * DEFAULTS.wordSpace),
  ).map(({ from, to }) => ({ left: text.left + from, right: text.left + to + 1 }));
  if (parts.length < 2) return null;
  for (const [sample, rest] of [
    [parts[0], { left: parts[1].left, right: text.right }],
    [parts.at(-1)!, { left: text.left, right: parts.at(-2)!.right }],
  ]) {
    const handle = { ...text, ...sample };
    if (handle.right - handle.left < height) continue;
    const color = dominantColor(image, handle, background);
    if (!colored(color) && isSample(image, background, handle, color))
      return { handle, text: { ...text, ...rest }, color };
  }
  return null;
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
      const group = candidates.filter(
        (other) => Math.abs(key(other) - key(slot)) <= DEFAULTS.align,
      );
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
      if (
        group.has(slot) ||
        Math.abs(wide(slot) - sampleWidth) > sampleWidth * DEFAULTS.sameSample
      ) {
        continue;
      }
      if ([...group].some((member) => Math.abs(across(member) - across(slot)) <= DEFAULTS.align)) {
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
  if (colored(color)) return true;
  const { data, width } = image;
  const span = handle.right - handle.left;
  let inkedRows = 0;
  let widest = 0;
  for (let row = handle.top; row < handle.bottom; row++) {
    let count = 0;
    for (let column = handle.left; column < handle.right; column++) {
      if (channelDistance(data, (row * width + column) * 3, background) > DEFAULTS.handleInk)
        count++;
    }
    if (count > 0) inkedRows++;
    widest = Math.max(widest, count);
  }
  return (
    inkedRows <= Math.max(2, (handle.bottom - handle.top) * DEFAULTS.thinLine) ||
    widest >= span * DEFAULTS.lineAcross
  );
}

/**
 * The sample beside a legend text, on `side` (-1 left, 1 right): ink in the text's rows after
 * a short gap, at least as wide as the text is tall (a line sample is about two font sizes
 * long), inside `region`, starting within `gap` text heights of it; ink is looked for `reach`
 * text heights above and below the text's rows too.
 */
function findHandle(
  image: Raster,
  background: Rgb,
  text: Box,
  side: -1 | 1,
  region: Box,
  { gap, reach }: { gap: number; reach: number },
): Box | null {
  const { data, width } = image;
  const height = text.bottom - text.top;
  const rows = Math.round(height * reach);
  const inked = (column: number) => {
    for (
      let row = Math.max(0, text.top - rows);
      row < Math.min(image.height, text.bottom + rows);
      row++
    ) {
      if (channelDistance(data, (row * width + column) * 3, background) > DEFAULTS.handleInk)
        return true;
    }
    return false;
  };
  const within = (column: number) =>
    column >= region.left && column < region.right && Math.abs(column - from) < height * gap;
  const from = side < 0 ? text.left - 1 : text.right;
  let column = from;
  // The text's own anti-aliased edge is not the sample.
  while (within(column) && inked(column)) column += side;
  while (within(column) && !inked(column)) column += side;
  if (!within(column)) return null;
  const near = column;
  // A dashed sample's gaps are shorter than the gap to the text.
  const maxGap = Math.max(1, Math.round(height * DEFAULTS.dashGap));
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
  if (right - left < height * DEFAULTS.minHandle || right - left > height * DEFAULTS.maxHandle)
    return null;
  return { left, right, top: text.top, bottom: text.bottom };
}
