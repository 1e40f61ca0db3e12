import { channelDistance, type Rgb } from '../color.js';
import { findRuns, percentile, type Run } from '../math.js';
import type { Box, PlotArea, Raster } from '../types.js';
import type { LegendLayout, LegendSlot } from './findLegend.js';
import { dominantColor } from './sampleColor.js';
import { strayInk } from './strayInk.js';

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
  /** ...at its middle: within this share of its inked rows' extent of their centre. */
  lineMiddle: 0.25,
  /** A dashed sample's gaps are at most this share of its text's height. */
  dashGap: 0.4,
  /** ...and those of a dark one, bridged before it is told from text, this share (gnuplot's, about one). */
  dashBridge: 1.2,
  /** ...and alike: within this share of its first gap (a marker's gaps to its line are alike too). */
  dashEven: 0.5,
  /** The dashes of one sample cover the same rows, within this share of the text's height (1 px at least). */
  dashLevel: 0.1,
  /** Entries of a row are apart by more than this share of the text's height (words of a name, by less). */
  entrySpace: 0.8,
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
  /** Inside the plot, entries are looked for in strips this many times narrower too (half overlapping). */
  strips: 3,
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
    legendIn(image, inside, plot.background, { x: plot.ticksX, y: plot.ticksY }, true) ??
    legendIn(image, right, plot.page) ??
    legendIn(image, above, plot.page) ??
    legendIn(image, below, plot.page)
  );
}

/** A frameless legend in one region: text entries with a sample each, in a column, a row or a grid. */
function legendIn(
  image: Raster,
  region: Box,
  background: Rgb,
  ticks: { x: number[]; y: number[] } = { x: [], y: [] },
  strips = false,
): LegendLayout | null {
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
  const tick = tickMarks(region, ticks, dark);
  // Curves drawn in black, dark grid lines and a frame are as dark as text but no text.
  const stray = strayInk(region, dark, {
    maxHeight: DEFAULTS.maxLine,
    maxWidth: DEFAULTS.maxLine * DEFAULTS.maxHandle,
  });
  const text = (row: number, column: number) => {
    const at = (row - region.top) * (region.right - region.left) + column - region.left;
    return !rule[column - region.left] && !tick[at] && !stray[at] && dark(row, column);
  };
  const candidates = entriesIn(image, background, region, region, text);
  // Dashed curves drawn as dark as text cross every row somewhere, joining a legend's lines of
  // text: in narrower strips they are apart. A dark entry found there is taken when it lines up
  // with one found in the whole region (it completes that legend), unless found already, or
  // cut by the strip's side.
  if (strips && candidates.length > 0) {
    const whole = [...candidates];
    const strip = Math.round((region.right - region.left) / DEFAULTS.strips);
    for (let left = region.left; left + strip / 2 < region.right; left += Math.round(strip / 2)) {
      const within = { ...region, left, right: Math.min(region.right, left + strip) };
      for (const slot of entriesIn(image, background, within, region, text)) {
        const inside = [slot.handle, slot.text].every(
          (box) => box.left > within.left && box.right < within.right,
        );
        const found = candidates.some(
          (other) =>
            overlaps(other.handle, slot.handle) &&
            other.handle.top < slot.handle.bottom &&
            other.handle.bottom > slot.handle.top,
        );
        const lined = whole.some((other) => linedUp(other, slot));
        if (inside && !found && lined && !colored(slot.color)) candidates.push(slot);
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

/** Whether two entries line up in a column (text or sample starting, or text ending, at one column) with text as high. */
function linedUp(a: LegendSlot, b: LegendSlot): boolean {
  const height = (slot: LegendSlot) => slot.text.bottom - slot.text.top;
  return (
    Math.abs(height(a) - height(b)) <= DEFAULTS.align &&
    [
      (slot: LegendSlot) => slot.text.left,
      (slot: LegendSlot) => slot.text.right,
      (slot: LegendSlot) => slot.handle.left,
    ].some((key) => Math.abs(key(a) - key(b)) <= DEFAULTS.align)
  );
}

/**
 * Candidate entries in the columns of `within` (part of `region`, all its rows): its bands of
 * rows holding text (`text` flags it), each split into entries with dark samples
 * (darkSamples) or a sample beside a run of text (sampleBeside).
 */
function entriesIn(
  image: Raster,
  background: Rgb,
  within: Box,
  region: Box,
  text: (row: number, column: number) => boolean,
): LegendSlot[] {
  const rowDark = new Uint8Array(region.bottom - region.top);
  for (let row = region.top; row < region.bottom; row++) {
    let any = false;
    for (let column = within.left; column < within.right && !any; column++) any = text(row, column);
    rowDark[row - region.top] = any ? 1 : 0;
  }
  const candidates: LegendSlot[] = [];
  for (const { from, to } of findRuns(rowDark, 1)) {
    const top = from + region.top;
    const bottom = to + region.top + 1;
    const height = bottom - top;
    // Rows cut by the region's edge (a tick label across the plot's top) are no line of text.
    if (height < 5 || height > DEFAULTS.maxLine || top === region.top || bottom === region.bottom)
      continue;
    // Per column of the band: whether it holds text ink, and the first and last row that do.
    const columns = within.right - within.left;
    const columnDark = new Uint8Array(columns);
    const inkTop = new Int32Array(columns);
    const inkBottom = new Int32Array(columns);
    for (let column = within.left; column < within.right; column++) {
      const c = column - within.left;
      for (let row = top; row < bottom; row++) {
        if (!text(row, column)) continue;
        if (!columnDark[c]) inkTop[c] = row;
        columnDark[c] = 1;
        inkBottom[c] = row;
      }
    }
    const chains = bridgeDashes(columnDark, inkTop, inkBottom, height);
    const band = { left: within.left, right: within.right, top, bottom };
    const dark = darkSamples(image, background, band, columnDark, chains);
    candidates.push(...dark);
    for (const run of findRuns(columnDark, Math.round(height * DEFAULTS.entrySpace))) {
      const line = { left: run.from + within.left, right: run.to + within.left + 1, top, bottom };
      if (line.right - line.left < height) continue;
      // What the dark entries hold is taken; a title before them is not a name.
      const taken = (box: Box) =>
        dark.some((slot) => [slot.handle, slot.text].some((b) => overlaps(b, box)));
      if (taken(line)) continue;
      const slot = sampleBeside(image, background, line, region);
      if (slot && !taken(slot.handle)) candidates.push(slot);
    }
  }
  return candidates;
}

/**
 * Tick marks drawn inside the plot (gnuplot's, a journal's on four sides), flagged per pixel of
 * `region`: the dark runs that go in from its sides at the ticks' positions (`ticks`, px along
 * x and y). They would join a legend's last line of text when it sits low.
 */
function tickMarks(
  region: Box,
  ticks: { x: number[]; y: number[] },
  dark: (row: number, column: number) => boolean,
): Uint8Array {
  const width = region.right - region.left;
  const flags = new Uint8Array(width * (region.bottom - region.top));
  const follow = (row: number, column: number, dr: number, dc: number) => {
    while (
      row >= region.top &&
      row < region.bottom &&
      column >= region.left &&
      column < region.right &&
      dark(row, column)
    ) {
      flags[(row - region.top) * width + column - region.left] = 1;
      row += dr;
      column += dc;
    }
  };
  for (const at of ticks.x) {
    for (let column = Math.floor(at) - 1; column <= Math.floor(at) + 1; column++) {
      follow(region.bottom - 1, column, -1, 0);
      follow(region.top, column, 1, 0);
    }
  }
  for (const at of ticks.y) {
    for (let row = Math.floor(at) - 1; row <= Math.floor(at) + 1; row++) {
      follow(row, region.left, 0, 1);
      follow(row, region.right - 1, 0, -1);
    }
  }
  return flags;
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

/** Whether two boxes share columns (boxes of one band of rows). */
function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && a.right > b.left;
}

function colored(color: Rgb): boolean {
  return Math.max(...color) - Math.min(...color) > DEFAULTS.textGrey;
}

/**
 * A dashed or dotted sample drawn in black or grey breaks into pieces as dark as text, apart
 * by more than a word space: the gaps between pieces that are thin (a line's few rows, at one
 * height) and evenly spaced are filled in `columnDark` (flags from the band's first column,
 * with the first and last inked row of each column), so that the sample is one part as a
 * solid one is. A piece that is not thin (a marker) joins them when like dashes flank it at
 * its height. Returns the filled stretches (from, to: indices into `columnDark`).
 */
function bridgeDashes(
  columnDark: Uint8Array,
  inkTop: Int32Array,
  inkBottom: Int32Array,
  height: number,
): Run[] {
  const pieces = findRuns(columnDark, 0).map(({ from, to }) => {
    let top = Number.POSITIVE_INFINITY;
    let bottom = 0;
    for (let c = from; c <= to; c++) {
      top = Math.min(top, inkTop[c]);
      bottom = Math.max(bottom, inkBottom[c]);
    }
    // A dash or dot is no taller than twice its width (a glyph's upright stroke is).
    const thin =
      bottom - top < Math.max(2, height * DEFAULTS.thinLine) && bottom - top < 2 * (to - from + 1);
    return { from, to, top, bottom, thin };
  });
  const maxGap = height * DEFAULTS.dashBridge;
  // Dashes cover the same rows; a marker is centred on them.
  const slack = Math.max(1, height * DEFAULTS.dashLevel);
  const level = (piece: (typeof pieces)[number], dash: (typeof pieces)[number]) =>
    piece.thin
      ? Math.abs(piece.top - dash.top) <= slack && Math.abs(piece.bottom - dash.bottom) <= slack
      : Math.abs(piece.top + piece.bottom - dash.top - dash.bottom) / 2 <= slack * 1.5;
  const chains: Run[] = [];
  const fill = (first: number, last: number) => {
    while (last > first && !pieces[last].thin) last--;
    const span = pieces[last].to - pieces[first].from + 1;
    if (last === first || span < height || span > height * DEFAULTS.maxHandle) return;
    columnDark.fill(1, pieces[first].from, pieces[last].to + 1);
    chains.push({ from: pieces[first].from, to: pieces[last].to });
  };
  // A marker sits between two like dashes (not between a line and a dot).
  const flanked = (i: number) => {
    const [before, after] = [pieces[i - 1], pieces[i + 1]];
    if (!before?.thin || !after?.thin) return false;
    const [a, b] = [before.to - before.from + 1, after.to - after.from + 1];
    return Math.abs(a - b) <= Math.max(2, Math.max(a, b) * DEFAULTS.dashEven);
  };
  let first = -1;
  // The gap between the chain's first two dashes (a marker's gaps, off its centre, are not).
  let period = -1;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const gap = i > 0 ? piece.from - pieces[i - 1].to - 1 : 0;
    const dashes = piece.thin && pieces[i - 1]?.thin === true;
    const joins =
      first >= 0 &&
      gap <= maxGap &&
      (!dashes ||
        period < 0 ||
        Math.abs(gap - period) <= Math.max(2, period * DEFAULTS.dashEven)) &&
      level(piece, pieces[first]) &&
      (piece.thin || flanked(i));
    if (joins) {
      if (dashes && period < 0) period = gap;
      continue;
    }
    if (first >= 0) fill(first, i - 1);
    first = piece.thin ? i : -1;
    period = -1;
  }
  if (first >= 0) fill(first, pieces.length - 1);
  return chains;
}

/**
 * Entries whose samples are drawn in black or grey: as dark as text, they join its rows. The
 * rows of `band` split into parts apart by more than a word space (`columnDark` flags its dark
 * columns); a part at least as long as the text is high that is a line sample (isSample), or
 * one of the dash `chains` bridged in it, is a sample. Its name is the text after it (a title
 * before the first sample is none), or before it when the last sample has no text after it
 * (gnuplot's key), up to the next sample or a gap between entries.
 */
function darkSamples(
  image: Raster,
  background: Rgb,
  band: Box,
  columnDark: Uint8Array,
  chains: Run[],
): LegendSlot[] {
  const height = band.bottom - band.top;
  const parts = findRuns(columnDark, Math.round(height * DEFAULTS.wordSpace)).map(
    ({ from, to }) => {
      const handle = { ...band, left: band.left + from, right: band.left + to + 1 };
      const color = dominantColor(image, handle, background);
      const dashes = chains.some((chain) => chain.from === from && chain.to === to);
      const sample =
        handle.right - handle.left >= height &&
        !colored(color) &&
        (dashes || isSample(image, background, handle, color));
      return { handle, color, sample };
    },
  );
  const samples = parts.flatMap((part, i) => (part.sample ? [i] : []));
  if (samples.length === 0) return [];
  const gap = (a: number, b: number) => parts[b].handle.left - parts[a].handle.right;
  // The text parts of an entry on `side` of sample `at`: the first within the gap between a
  // sample and its text, then on to another sample or a gap between entries.
  const words = (at: number, side: -1 | 1) => {
    let end = at;
    for (let next = at + side; next >= 0 && next < parts.length; next += side) {
      const space = gap(Math.min(end, next), Math.max(end, next));
      if (
        parts[next].sample ||
        space > height * (end === at ? DEFAULTS.near.gap : DEFAULTS.entrySpace)
      )
        break;
      end = next;
    }
    return end;
  };
  // Names follow their samples, unless the last sample has none after it (gnuplot's key).
  const side = words(samples.at(-1)!, 1) !== samples.at(-1) ? 1 : -1;
  return samples.flatMap((at) => {
    const end = words(at, side);
    if (end === at) return [];
    const [from, to] = side > 0 ? [at + 1, end] : [end, at - 1];
    const { handle, color } = parts[at];
    return [
      {
        handle,
        text: { ...band, left: parts[from].handle.left, right: parts[to].handle.right },
        color,
      },
    ];
  });
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
 * a thin line, or have a line through its middle (a marker on its line).
 */
function isSample(image: Raster, background: Rgb, handle: Box, color: Rgb): boolean {
  if (colored(color)) return true;
  const { data, width } = image;
  const span = handle.right - handle.left;
  let inkedRows = 0;
  // Ink per row, the first and last inked rows, and the middle of the rows with the most ink:
  // a line runs through the middle of its markers (the bases of '32' are at its bottom).
  const counts: number[] = [];
  let first = -1;
  let last = -1;
  for (let row = handle.top; row < handle.bottom; row++) {
    let count = 0;
    for (let column = handle.left; column < handle.right; column++) {
      if (channelDistance(data, (row * width + column) * 3, background) > DEFAULTS.handleInk)
        count++;
    }
    counts.push(count);
    if (count === 0) continue;
    inkedRows++;
    if (first < 0) first = row;
    last = row;
  }
  const widest = Math.max(...counts);
  const widestRows = counts.flatMap((count, k) =>
    count >= widest * DEFAULTS.lineAcross ? [handle.top + k] : [],
  );
  const widestRow = widestRows.reduce((sum, row) => sum + row, 0) / widestRows.length;
  const middle = Math.abs(widestRow - (first + last) / 2) <= (last - first) * DEFAULTS.lineMiddle;
  return (
    inkedRows <= Math.max(2, (handle.bottom - handle.top) * DEFAULTS.thinLine) ||
    (widest >= span * DEFAULTS.lineAcross && middle)
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
