import { channelDistance, type Rgb } from '../color.js';
import { findRuns, type Run } from '../math.js';
import type { Box, Raster } from '../types.js';
import type { LegendSlot } from './findLegend.js';
import { dominantColor } from './sampleColor.js';

/**
 * The samples beside a frameless legend's text (line, dashes, marker, box): where they are,
 * dark ones told from text, dashes joined. Thresholds shared with the legend search.
 */
export const SAMPLES = {
  /** Legend text is about grey: channels within this of each other. */
  textGrey: 40,
  /** A legend sample is at least this many text heights wide. */
  minHandle: 0.5,
  /** ...and at most this many (Chart.js boxes are 40 px beside 12 px text). */
  maxHandle: 8,
  /** A filled marker as a sample stands in a line of text at least this many px high (smaller, glyphs blur into blobs)... */
  minSymbol: 8,
  /** ...spans this share of its text's rows at least... */
  symbolRows: 0.5,
  /** ...and its ink fills this share of the box around it at least (a triangle half; a glyph's strokes less). */
  symbolFill: 0.45,
  /** ...with a filled core: a square of ink this share of its height every way from its middle... */
  symbolCore: 0.2,
  /** ...about as wide as high: at least this share of its height (a `1` or an `l` is narrower)... */
  symbolAspect: 0.75,
  /** ...and it stands apart from its name by this share of its height at least (letters of a word, by less). */
  symbolGap: 0.35,
  /** A grey sample (not text) is a thin line: its ink spans at most this share of the text's height... */
  thinLine: 0.45,
  /** ...or a line runs through it: a row inked across this share of its width (a marker on a line). */
  lineAcross: 0.8,
  /** ...at its middle: within this share of its inked rows' extent of their centre. */
  lineMiddle: 0.25,
  /** A dashed sample's gaps are at most this share of its text's height... */
  dashGap: 0.4,
  /** ...or, before a coloured dash, this share (ggplot2's dashes beside small text). */
  colorDashGap: 0.7,
  /** ...and those of a dark one, bridged before it is told from text, this share (gnuplot's, about one). */
  dashBridge: 1.2,
  /** ...and alike: within this share of its first gap (a marker's gaps to its line are alike too). */
  dashEven: 0.5,
  /** A dash past a gap longer than `colorDashGap` is the sample's when its pixels are within this (0..255) of its colour. */
  sameDash: 40,
  /** The dashes of one sample cover the same rows, within this share of the text's height (1 px at least). */
  dashLevel: 0.1,
  /** Entries of a row are apart by more than this share of the text's height (words of a name, by less). */
  entrySpace: 0.8,
  /** A sample joined to its name's run of text stands apart from it by this share of the text's height at least. */
  pieceGap: 0.15,
  /** Words of a name are apart by less than this share of the text's height (a sample is farther). */
  wordSpace: 0.45,
  /**
   * A sample starts within `gap` text heights of its text; its ink is looked for `reach` text
   * heights above and below the text's rows too...
   */
  near: { gap: 2, reach: 0 },
  /** ...or, coloured, farther (ggplot2 centres a marker in its key) and taller (hollow symbols). */
  far: { gap: 2.2, reach: 0.25, maxWidth: 2 },
  /** Sample pixels differ from the background by at least this much (0..255). */
  handleInk: 60,
  /** A text's anti-aliased edge reaches this many px past its dark ink. */
  textEdge: 2,
} as const;

const DEFAULTS = SAMPLES;

/** The entry whose sample lies left of its text, or right of it (gnuplot's key): `sides` in turn. */
export function sampleBeside(
  image: Raster,
  background: Rgb,
  text: Box,
  region: Box,
  sides: readonly (-1 | 1)[] = [-1, 1],
): LegendSlot | null {
  for (const side of sides) {
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

/**
 * The entry in a run of text that its sample joined, so that no sample was found beside it: a
 * coloured sample whose blurred edge (JPEG) passes for dark ink, or a dark box drawn close to
 * its name (Chart.js' boxes in grey). The run's inked columns (any ink, not only dark) part at
 * gaps of `pieceGap` text heights (2 px at least); its first piece (or last: gnuplot's key) is
 * the sample when it is at least as wide as the text is high (no letter is) and coloured, or a
 * grey box or thin line (a word ending a title is not); the rest is its name.
 */
export function sampleInLine(image: Raster, background: Rgb, line: Box): LegendSlot | null {
  const { data, width } = image;
  const height = line.bottom - line.top;
  const inked = new Uint8Array(line.right - line.left);
  for (let column = line.left; column < line.right; column++) {
    for (let row = line.top; row < line.bottom; row++) {
      if (channelDistance(data, (row * width + column) * 3, background) > DEFAULTS.handleInk) {
        inked[column - line.left] = 1;
        break;
      }
    }
  }
  const pieces = findRuns(inked, Math.max(1, Math.round(height * DEFAULTS.pieceGap) - 1));
  if (pieces.length < 2) return null;
  const ends = [
    { sample: pieces[0], rest: pieces.slice(1) },
    { sample: pieces.at(-1)!, rest: pieces.slice(0, -1) },
  ];
  for (const { sample, rest } of ends) {
    const handle = { ...line, left: line.left + sample.from, right: line.left + sample.to + 1 };
    const text = {
      ...line,
      left: line.left + rest[0].from,
      right: line.left + rest.at(-1)!.to + 1,
    };
    const wide = handle.right - handle.left;
    const gap = Math.max(text.left - handle.right, handle.left - text.right);
    const symbol = solidSymbol(image, background, handle, gap);
    const color = dominantColor(image, handle, background);
    // A coloured piece is a sample as narrow as a legend sample may be (a hollow symbol
    // narrower than its line of text is high: Vega-Lite's); a grey one, no narrower than the
    // text is high (a letter is narrower), unless it is a filled marker.
    const narrowest = colored(color) ? height * DEFAULTS.minHandle : height;
    if (
      (wide < narrowest && !symbol) ||
      wide > height * DEFAULTS.maxHandle ||
      text.right - text.left < height
    )
      continue;
    if (colored(color) || symbol || boxOrLine(image, background, handle))
      return { handle, text, color };
  }
  return null;
}

/**
 * Whether grey ink is a box (its first and last inked rows inked across it: a filled or hollow
 * square, Chart.js' box) or a thin line: a word is neither.
 */
function boxOrLine(image: Raster, background: Rgb, handle: Box): boolean {
  const counts = rowInk(image, background, handle).filter((count) => count > 0);
  const span = handle.right - handle.left;
  return (
    counts.length <= Math.max(2, (handle.bottom - handle.top) * DEFAULTS.thinLine) ||
    (counts[0] >= span * DEFAULTS.lineAcross && counts.at(-1)! >= span * DEFAULTS.lineAcross)
  );
}

/**
 * Whether the ink in `handle` (the rows of a line of text) is one filled marker (a disc, a
 * triangle, a square, a diamond: Chart.js' point styles and matplotlib's markers in black),
 * not a glyph: over half the line's rows, about as wide as high, filling most of the box
 * around its ink with a solid core (a glyph's strokes do not), and apart from its name (`gap`
 * px) by more than letters of a word are.
 */
function solidSymbol(image: Raster, background: Rgb, handle: Box, gap: number): boolean {
  const height = handle.bottom - handle.top;
  if (height < DEFAULTS.minSymbol) return false;
  const counts = rowInk(image, background, handle);
  const inked = counts.flatMap((count, k) => (count > 0 ? [k] : []));
  if (inked.length < height * DEFAULTS.symbolRows) return false;
  const span = handle.right - handle.left;
  if (span < height * DEFAULTS.minHandle) return false;
  const rows = inked.at(-1)! - inked[0] + 1;
  const ink = counts.reduce((sum, count) => sum + count, 0);
  return (
    span >= rows * DEFAULTS.symbolAspect &&
    gap >= rows * DEFAULTS.symbolGap &&
    ink >= rows * span * DEFAULTS.symbolFill &&
    solidCore(image, background, handle, Math.max(2, Math.round(rows * DEFAULTS.symbolCore)))
  );
}

/**
 * Whether `box` holds a square of ink `reach` px every way from its middle: a filled shape has
 * such a core; the strokes of glyphs, even small bold ones run together, are thinner.
 */
function solidCore(image: Raster, background: Rgb, box: Box, reach: number): boolean {
  const { data, width } = image;
  const columns = box.right - box.left;
  const rows = box.bottom - box.top;
  // ink runs along each row, then the rows where a run is wide enough, stacked high enough
  const wide = new Uint8Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    let run = 0;
    for (let column = 0; column < columns; column++) {
      const o = ((box.top + row) * width + box.left + column) * 3;
      run = channelDistance(data, o, background) > DEFAULTS.handleInk ? run + 1 : 0;
      wide[row * columns + column] = run > 2 * reach ? 1 : 0;
    }
  }
  for (let column = 0; column < columns; column++) {
    let run = 0;
    for (let row = 0; row < rows; row++) {
      run = wide[row * columns + column] ? run + 1 : 0;
      if (run > 2 * reach) return true;
    }
  }
  return false;
}

/** How many pixels of each row of a box are ink. */
export function rowInk(image: Raster, background: Rgb, box: Box): number[] {
  const { data, width } = image;
  const counts: number[] = [];
  for (let row = box.top; row < box.bottom; row++) {
    let count = 0;
    for (let column = box.left; column < box.right; column++) {
      if (channelDistance(data, (row * width + column) * 3, background) > DEFAULTS.handleInk)
        count++;
    }
    counts.push(count);
  }
  return counts;
}

export function colored(color: Rgb): boolean {
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
export function bridgeDashes(
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
 * one of the dash `chains` bridged in it, or a shorter level line at the text's middle
 * (`shortLine`), is a sample. Its name is the text after it (a title
 * before the first sample is none), or before it when the last sample has no text after it
 * (gnuplot's key), up to the next sample or a gap between entries.
 */
export function darkSamples(
  image: Raster,
  background: Rgb,
  band: Box,
  columnDark: Uint8Array,
  chains: Run[],
): LegendSlot[] {
  const height = band.bottom - band.top;
  // A filled marker set closer to its name than a word space is a part of its own.
  const pieceGap = Math.max(1, Math.round(height * DEFAULTS.pieceGap) - 1);
  const runs = findRuns(columnDark, Math.round(height * DEFAULTS.wordSpace)).flatMap((run) => {
    const [first, ...rest] = findRuns(columnDark.subarray(run.from, run.to + 1), pieceGap);
    const lead = {
      ...band,
      left: band.left + run.from,
      right: band.left + run.from + first.to + 1,
    };
    return rest.length > 0 && solidSymbol(image, background, lead, rest[0].from - first.to - 1)
      ? [
          { from: run.from, to: run.from + first.to },
          { from: run.from + rest[0].from, to: run.to },
        ]
      : [run];
  });
  const parts = runs.map(({ from, to }, i) => {
    const handle = { ...band, left: band.left + from, right: band.left + to + 1 };
    const color = dominantColor(image, handle, background);
    const dashes = chains.some((chain) => chain.from === from && chain.to === to);
    // apart from the nearer of its neighbours
    const gap = Math.min(
      i > 0 ? from - runs[i - 1].to - 1 : Number.POSITIVE_INFINITY,
      i + 1 < runs.length ? runs[i + 1].from - to - 1 : Number.POSITIVE_INFINITY,
    );
    const symbol = solidSymbol(image, background, handle, gap);
    const sample =
      (handle.right - handle.left >= height || symbol || shortLine(image, background, handle)) &&
      !colored(color) &&
      (dashes || symbol || isSample(image, background, handle, color));
    return { handle, color, sample, symbol };
  });
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
    const { handle, color, symbol } = parts[at];
    // A marker's name is a word, as wide as its line is high: beside a marker on a curve, the
    // next marker is none.
    if (symbol && parts[to].handle.right - parts[from].handle.left < height) return [];
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
 * Whether a handle narrower than its text is high is a short line sample (Vega-Lite's stroke
 * symbol, two thirds of its text's height long): at least `minHandle` text heights wide, as
 * `findHandle` takes a sample of light ink, one unbroken line across it (`lineAcross`) in a
 * single band of rows no thicker than `thinLine` of the text's height, centred on the text's
 * rows (`lineMiddle`: a dash of a dashed curve crossing the rows lies anywhere in them), in
 * text of `minSymbol` px at least (smaller, glyphs blur into short strokes). Glyphs that wide
 * are taller, or broken (an `=`'s two strokes, a `w`).
 */
function shortLine(image: Raster, background: Rgb, handle: Box): boolean {
  const height = handle.bottom - handle.top;
  const span = handle.right - handle.left;
  if (height < DEFAULTS.minSymbol || span < height * DEFAULTS.minHandle) return false;
  const inked = rowInk(image, background, handle).flatMap((count, k) => (count > 0 ? [k] : []));
  if (inked.length === 0 || inked.at(-1)! - inked[0] + 1 !== inked.length) return false;
  const centre = (inked[0] + inked.at(-1)!) / 2;
  return (
    inked.length <= Math.max(2, height * DEFAULTS.thinLine) &&
    Math.abs(centre - (height - 1) / 2) <= height * DEFAULTS.lineMiddle &&
    longestRun(image, background, handle) >= span * DEFAULTS.lineAcross
  );
}

/**
 * Whether a handle is a legend sample and not a word: a coloured one is; a grey one must be
 * a thin line, or have a line through its middle (a marker on its line).
 */
function isSample(image: Raster, background: Rgb, handle: Box, color: Rgb): boolean {
  if (colored(color)) return true;
  const span = handle.right - handle.left;
  // Ink per row, the first and last inked rows, and the middle of the rows with the most ink:
  // a line runs through the middle of its markers (the bases of '32' are at its bottom).
  const counts = rowInk(image, background, handle);
  const inked = counts.flatMap((count, k) => (count > 0 ? [handle.top + k] : []));
  const inkedRows = inked.length;
  const [first, last] = inkedRows > 0 ? [inked[0], inked.at(-1)!] : [-1, -1];
  const widest = Math.max(...counts);
  const widestRows = counts.flatMap((count, k) =>
    count >= widest * DEFAULTS.lineAcross ? [handle.top + k] : [],
  );
  const widestRow = widestRows.reduce((sum, row) => sum + row, 0) / widestRows.length;
  const middle = Math.abs(widestRow - (first + last) / 2) <= (last - first) * DEFAULTS.lineMiddle;
  // The line is drawn across unbroken: a row through the tops of a word's lower-case letters
  // (`rate` after `Error` in a title) inks as much of it, broken between the letters.
  return (
    inkedRows <= Math.max(2, (handle.bottom - handle.top) * DEFAULTS.thinLine) ||
    (longestRun(image, background, handle) >= span * DEFAULTS.lineAcross && middle)
  );
}

/** The longest unbroken run of ink along any row of a box (px). */
function longestRun({ data, width }: Raster, background: Rgb, box: Box): number {
  let longest = 0;
  for (let row = box.top; row < box.bottom; row++) {
    let run = 0;
    for (let column = box.left; column < box.right; column++) {
      const o = (row * width + column) * 3;
      run = channelDistance(data, o, background) > DEFAULTS.handleInk ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
  }
  return longest;
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
  retried = false,
): Box | null {
  const { data, width } = image;
  const height = text.bottom - text.top;
  const rows = Math.round(height * reach);
  // The rows a sample beside the text may cover.
  const firstRow = Math.max(0, text.top - rows);
  const endRow = Math.min(image.height, text.bottom + rows);
  const inked = (column: number, coloured = false) => {
    for (let row = firstRow; row < endRow; row++) {
      const o = (row * width + column) * 3;
      if (
        channelDistance(data, o, background) > DEFAULTS.handleInk &&
        (!coloured || colored([data[o], data[o + 1], data[o + 2]]))
      )
        return true;
    }
    return false;
  };
  const within = (column: number) =>
    column >= region.left && column < region.right && Math.abs(column - from) < height * gap;
  const from = side < 0 ? text.left - 1 : text.right;
  let column = from;
  // The text's own anti-aliased edge is not the sample; ink going on past it is a sample
  // that touches the text (its blurred end passed for a letter's).
  let edge = 0;
  while (within(column) && inked(column) && edge < DEFAULTS.textEdge) {
    column += side;
    edge++;
  }
  while (within(column) && !inked(column)) column += side;
  if (!within(column)) return null;
  const near = column;
  // A dashed sample's gaps are shorter than the gap to the text; longer ones only before a
  // coloured dash (not the next entry's text), and longer still (gnuplot's dash patterns, a
  // short last dash cut off) before a dash of a thin line sample's own colour. A coloured sample goes on
  // past a gap only at coloured ink: the dark text just past its end is the next entry's name (a
  // row of entries with names before their samples, gnuplot's key, sets a sample close to the
  // next name).
  const maxGap = Math.max(1, Math.round(height * DEFAULTS.dashGap));
  const maxColorGap = Math.max(maxGap, Math.round(height * DEFAULTS.colorDashGap));
  const maxSameGap = Math.max(maxColorGap, Math.round(height * DEFAULTS.dashBridge));
  const colouredSample = inked(column, true);
  // Grey ink within a text edge of the text is its first glyph, lighter than its dark ink (a
  // thin `l`) when a gap parts it from the sample: a coloured dash is looked for past a long gap
  // only after coloured ink.
  const glyphFirst = !colouredSample && Math.abs(near - from) <= DEFAULTS.textEdge;
  // The sample's strongest pixel so far (farthest from the background): its colour.
  let own: Rgb | null = null;
  let ownDistance = 0;
  // ...and the rows its ink covers: only a thin line's dashes are bridged by colour.
  let inkTop = Number.POSITIVE_INFINITY;
  let inkBottom = Number.NEGATIVE_INFINITY;
  const strongest = (column: number) => {
    for (let row = firstRow; row < endRow; row++) {
      const o = (row * width + column) * 3;
      const distance = channelDistance(data, o, background);
      if (distance > DEFAULTS.handleInk) {
        inkTop = Math.min(inkTop, row);
        inkBottom = Math.max(inkBottom, row);
      }
      if (distance > ownDistance) {
        ownDistance = distance;
        own = [data[o], data[o + 1], data[o + 2]];
      }
    }
  };
  const sameColor = (column: number) => {
    if (!own || !colored(own)) return false;
    if (inkBottom - inkTop + 1 > Math.max(2, height * DEFAULTS.thinLine)) return false;
    for (let row = firstRow; row < endRow; row++) {
      const o = (row * width + column) * 3;
      if (
        channelDistance(data, o, own) <= DEFAULTS.sameDash &&
        colored([data[o], data[o + 1], data[o + 2]])
      )
        return true;
    }
    return false;
  };
  let far = column;
  for (
    let gap = 0;
    column >= region.left && column < region.right && gap <= maxSameGap;
    column += side
  ) {
    const goesOn =
      gap === 0 || (gap <= maxGap && !colouredSample)
        ? inked(column)
        : gap <= maxColorGap && !glyphFirst
          ? inked(column, true)
          : sameColor(column);
    if (goesOn) {
      strongest(column);
      far = column;
      gap = 0;
    } else {
      gap++;
    }
  }
  const [left, right] = side < 0 ? [far, near + 1] : [near, far + 1];
  // A line sample is about two font sizes long; a marker or box symbol, at least half one.
  if (right - left > height * DEFAULTS.maxHandle) return null;
  if (right - left < height * DEFAULTS.minHandle) {
    // A grey sliver touching the text is a faint part of its first (or last) glyph, not a
    // sample (a T's bar or a serif lighter than the dark ink the text's box was taken from):
    // the sample is looked for past it.
    const sliver = { left, right, top: text.top, bottom: text.bottom };
    const touching = Math.abs(near - from) <= DEFAULTS.textEdge;
    const color = dominantColor(image, sliver, background);
    const grey =
      !colored(color) &&
      channelDistance(Uint8Array.from(color), 0, background) > DEFAULTS.handleInk;
    if (!touching || retried || !grey) return null;
    const past = side < 0 ? { ...text, left: far } : { ...text, right: far + 1 };
    return findHandle(image, background, past, side, region, { gap, reach }, true);
  }
  return { left, right, top: text.top, bottom: text.bottom };
}
