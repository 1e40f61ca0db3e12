import { channelDistance, channelSpread, type Rgb } from '../color.js';
import { findRuns, percentile } from '../math.js';
import type { Box, PlotArea, Raster } from '../types.js';
import { alignedGroup, linedUp } from './alignedEntries.js';
import { alikeMarks } from './alikeMarks.js';
import { oneSide } from './crossedSamples.js';
import type { LegendLayout, LegendSlot } from './findLegend.js';
import {
  bridgeDashes,
  colored,
  darkSamples,
  rowInk,
  SAMPLES,
  sampleBeside,
  sampleInLine,
} from './legendSamples.js';
import { dominantColor } from './sampleColor.js';
import { strayInk, tickMarks } from './strayInk.js';

const DEFAULTS = {
  /**
   * Entries found below the plot, each (sample and text together) centred on an x tick mark
   * within this share of its height, are the tick labels, their glyphs parted into a "sample"
   * and a "name" (`50,000` as `5` and `0,000`): renderers centre a label on its tick to a
   * pixel or so, and a legend row keeps its own spacing, its entries as often a third of a
   * line's height off the nearest tick as within it.
   */
  tickCentred: 0.25,
  /** Legend text is dark: darker than this (max channel, 0..255; Chart.js greys are #666)... */
  textDark: 150,
  /**
   * ...or, in an image whose text is all light grey, darker than this where that finds more
   * entries: small grey text scaled down or blurred keeps no pixel as dark as it was drawn
   * (Chart.js' #666 names 5 px high: 140 to 200).
   */
  faintText: 200,
  /**
   * An image's text is all light grey where less than this share of its grey ink darker than
   * `faintText` is darker than `blackInk`: no black or dark grey text, axis or frame (grid lines
   * as light as such text, and black text beside them, would be read as faint entries).
   */
  blackShare: 0.02,
  blackInk: 100,
  /** The text of a legend's entries is at most this many times as high as its lowest. */
  sameHeight: 1.8,
  /** ...else its rows are cut to this many lowest heights either side of its sample's middle. */
  rowsAround: 0.75,
  /** A name with fewer rows than this share of most names' is cut by a curve across it (`fullRows`). */
  shortName: 0.75,
  /** Lines of stacked entries' samples are at most this share of their pitch high... */
  stackedLine: 0.45,
  /** ...inked across this share of the sample box at least... */
  stackedAcross: 0.6,
  /** ...with no ink this many px past the box's ends in their rows (a curve goes on)... */
  stackedEnd: 2,
  /** ...and at least this many px apart (two lines of text at the smallest size). */
  minPitch: 6,
  /** A line of legend text is at most this many px high. */
  maxLine: 60,
  /** A column dark in more than this share of a region's rows (and taller than a line of text) is a line drawn across it. */
  rule: 0.5,
  /** Inside the plot, entries are looked for in strips this many times narrower too (half overlapping). */
  strips: 3,
  /** A name of one glyph is at least this share of its text's height wide... */
  minGlyph: 0.3,
  /** ...and its ink spans this share of the text's rows (a dot or a dash is no name). */
  glyphRows: 0.7,
  /**
   * Inside the plot, rows looked at start this many px in from its top and bottom sides: a
   * line of text touching the region's edge is taken for one cut by it, and gnuplot sets its
   * key 2 px from the frame.
   */
  edgeRows: 1,
  /** A legend region is at least this many px on a side. */
  minSide: 12,
  /**
   * A name goes on over gaps wider than a word space, up to this share of its text's height, to
   * a glyph (a word space and the side bearings of a thin glyph after it, `Sensor 1` in a serif
   * font; entries are farther apart)...
   */
  nameGap: 0.8,
  /**
   * ...whose ink spans this share of the text's rows in its first columns (a line drawn across
   * is thinner; a small `2` or `5` spans them only over a few columns)...
   */
  glyphSpan: 0.5,
  /** ...the columns within this share of the text's height (2 px at least) from its edge. */
  glyphEdge: 0.4,
  /** Glyphs of a word are apart by this share of its text's height at most (2 px at least). */
  letterGap: 0.2,
  /**
   * A "name" whose inked columns hold one run of dark ink each, no taller than `strokeRun` of
   * its line, in this share of them or more is a dark curve's stroke, not glyphs (a word's
   * columns cross two strokes or run down an upright one in a third of them or more: 0.26 to
   * 0.71 of its columns hold one short run, a dashed black curve's pieces 1.00).
   */
  strokeColumns: 0.9,
  /** ...(see `strokeColumns`). */
  strokeRun: 0.5,
  // shared with the samples: their text's greyness, their widest, and the space between entries
  textGrey: SAMPLES.textGrey,
  maxHandle: SAMPLES.maxHandle,
  entrySpace: SAMPLES.entrySpace,
  wordSpace: SAMPLES.wordSpace,
  handleInk: SAMPLES.handleInk,
} as const;

/**
 * A legend without a frame: lines of dark text, each with a sample beside it (left, or right
 * as gnuplot draws its key), in a column, a row or a grid, inside the plot, or right of,
 * above or below it.
 */
export function findFramelessLegend(image: Raster, plot: PlotArea): LegendLayout | null {
  const inside = {
    left: Math.ceil(plot.left) + 3,
    right: Math.floor(plot.right) - 3,
    top: Math.ceil(plot.top) + DEFAULTS.edgeRows,
    bottom: Math.floor(plot.bottom) - DEFAULTS.edgeRows,
  };
  // The region whose legend lists the most entries: a stray "entry" in the plot (an error bar
  // beside a tick label) is not the legend above it. Ties go to the first, inside.
  const ticks = { x: plot.ticksX, y: plot.ticksY };
  const darkness = lightText(image) ? [DEFAULTS.textDark, DEFAULTS.faintText] : [DEFAULTS.textDark];
  return mostEntries(
    darkness.flatMap((textDark) => {
      const outside = findLegendOutside(image, plot, plot.page, textDark);
      return [
        legendIn(image, inside, plot.background, ticks, true, textDark),
        outside && tickLabelRow(outside, plot) ? null : outside,
      ];
    }),
  );
}

/**
 * Whether a legend found outside the plot is its x tick labels: below the plot, two entries or
 * more, each centred on an x tick mark (`tickCentred`).
 */
export function tickLabelRow(legend: LegendLayout, plot: PlotArea): boolean {
  if (legend.box.top < plot.bottom || legend.slots.length < 2 || plot.ticksX.length < 2) {
    return false;
  }
  return legend.slots.every(({ handle, text }) => {
    const left = Math.min(handle.left, text.left);
    const right = Math.max(handle.right, text.right);
    const height = Math.max(handle.bottom, text.bottom) - Math.min(handle.top, text.top);
    const centre = (left + right) / 2;
    return plot.ticksX.some((tick) => Math.abs(tick - centre) <= height * DEFAULTS.tickCentred);
  });
}

/**
 * Whether all of an image's text is light grey: of its grey ink darker than
 * DEFAULTS.faintText, less than DEFAULTS.blackShare is darker than DEFAULTS.blackInk.
 */
function lightText({ data }: Raster): boolean {
  let faint = 0;
  let black = 0;
  for (let o = 0; o < data.length; o += 3) {
    const max = Math.max(data[o], data[o + 1], data[o + 2]);
    if (
      max >= DEFAULTS.faintText ||
      max - Math.min(data[o], data[o + 1], data[o + 2]) >= DEFAULTS.textGrey
    )
      continue;
    faint++;
    if (max < DEFAULTS.blackInk) black++;
  }
  return faint > 0 && black < faint * DEFAULTS.blackShare;
}

/**
 * A legend without a frame outside `around` (a plot, or the plots of a figure's panels): right
 * of it, above it or below it (the tick labels there have no samples), where the most entries
 * are; ties go to the first. `page` is the colour around it.
 */
export function findLegendOutside(
  image: Raster,
  around: Box,
  page: Rgb,
  textDark: number = DEFAULTS.textDark,
): LegendLayout | null {
  const { width, height } = image;
  const right = { left: Math.ceil(around.right) + 3, right: width, top: 0, bottom: height };
  const above = { left: 0, right: width, top: 0, bottom: Math.floor(around.top) };
  const below = { left: 0, right: width, top: Math.ceil(around.bottom) + 3, bottom: height };
  return mostEntries(
    [right, above, below].map((region) =>
      legendIn(image, region, page, undefined, false, textDark),
    ),
  );
}

/** The legend listing the most entries, the first of those that list as many; null for none. */
export function mostEntries(found: (LegendLayout | null)[]): LegendLayout | null {
  let best: LegendLayout | null = null;
  for (const legend of found) {
    if (legend && legend.slots.length > (best?.slots.length ?? 0)) best = legend;
  }
  return best;
}

/** A frameless legend in one region: text entries with a sample each, in a column, a row or a grid. */
function legendIn(
  image: Raster,
  region: Box,
  background: Rgb,
  ticks: { x: number[]; y: number[] } = { x: [], y: [] },
  strips = false,
  textDark: number = DEFAULTS.textDark,
): LegendLayout | null {
  if (
    region.right - region.left < DEFAULTS.minSide ||
    region.bottom - region.top < DEFAULTS.minSide
  )
    return null;
  // Every pixel of the region is asked whether it is dark (the rules below), and most again
  // for each strip and line read: flagged once, row by row. Nothing past the region is asked.
  const regionWidth = region.right - region.left;
  const darkFlags = darkIn(image, region, textDark);
  const at = (row: number, column: number) =>
    (row - region.top) * regionWidth + column - region.left;
  const dark = (row: number, column: number) => darkFlags[at(row, column)] === 1;
  // A dark line across the region (an axis or zero line drawn inside the plot) is no text.
  const rule = rulesIn(darkFlags, region);
  const tick = tickMarks(region, ticks, dark);
  // Curves drawn in black, dark grid lines and a frame are as dark as text but no text.
  const stray = strayInk(region, dark, {
    maxHeight: DEFAULTS.maxLine,
    maxWidth: DEFAULTS.maxLine * DEFAULTS.maxHandle,
  });
  const textFlags = textIn(darkFlags, regionWidth, rule, tick, stray);
  const text = (row: number, column: number) =>
    row >= region.top &&
    row < region.bottom &&
    column >= region.left &&
    column < region.right &&
    textFlags[at(row, column)] === 1;
  // Lines of text that found no sample: one may be an entry whose sample a curve crossed.
  const unpaired: Box[] = [];
  const candidates = entriesIn(image, background, region, region, text, unpaired);
  // ...and those found in strips alone, inside the strip (a curve beside made the rows too tall).
  const stripLines: Box[] = [];
  // Dashed curves drawn as dark as text cross every row somewhere, joining a legend's lines of
  // text: in narrower strips they are apart. A dark entry found there is taken when it lines up
  // with one found in the whole region (it completes that legend), or, where the whole region
  // found none (curves beside the legend made its rows too tall to hold a line of text), with
  // another found in the strips in other rows; unless found already, or cut by the strip's side.
  if (strips) {
    const whole = [...candidates];
    const found: LegendSlot[] = [];
    const strip = Math.round((region.right - region.left) / DEFAULTS.strips);
    for (let left = region.left; left + strip / 2 < region.right; left += Math.round(strip / 2)) {
      const within = { ...region, left, right: Math.min(region.right, left + strip) };
      const lines: Box[] = [];
      const inStrip = (box: Box) => box.left > within.left && box.right < within.right;
      for (const slot of entriesIn(image, background, within, region, text, lines)) {
        const inside = [slot.handle, slot.text].every(
          (box) => box.left > within.left && box.right < within.right,
        );
        const known = [...candidates, ...found].some(
          (other) =>
            overlaps(other.handle, slot.handle) &&
            other.handle.top < slot.handle.bottom &&
            other.handle.bottom > slot.handle.top,
        );
        if (inside && !known && !colored(slot.color)) found.push(slot);
      }
      stripLines.push(...lines.filter(inStrip));
    }
    // Entries found in strips alone have names at least as wide as their line is high (a
    // marker beside the next on a curve is no entry).
    const named = found.filter(
      (slot) => slot.text.right - slot.text.left >= slot.text.bottom - slot.text.top,
    );
    const apart = (a: LegendSlot, b: LegendSlot) =>
      a.text.bottom <= b.text.top || b.text.bottom <= a.text.top;
    candidates.push(
      ...(whole.length > 0
        ? found.filter((slot) => whole.some((other) => linedUp(other, slot)))
        : named.filter((slot) =>
            named.some((other) => apart(other, slot) && linedUp(other, slot)),
          )),
    );
  }
  // Lines whose samples are small dark marks, alike from line to line, that passed for letters.
  const marked = alikeMarks(image, background, [...unpaired, ...stripLines]);
  candidates.push(...marked);
  const markedLines = unpaired.filter((line) =>
    marked.some((slot) => slot.text.top === line.top && slot.handle.left === line.left),
  );
  unpaired.splice(0, unpaired.length, ...unpaired.filter((line) => !markedLines.includes(line)));
  // The entries in a box's rows alone (a line cut from two run together), found in its columns.
  const reread = (box: Box) => {
    const rows = { top: box.top - 1, bottom: box.bottom + 1 };
    return entriesIn(
      image,
      background,
      { ...box, ...rows },
      { ...region, ...rows },
      (row, column) => row >= box.top && row < box.bottom && text(row, column),
    );
  };
  // An entry left out of the group (a curve running into its sample made the sample too long)
  // may still complete its column: its text is a line that found no sample of its own.
  const read = (pool: LegendSlot[]) => {
    const aligned = alignedGroup(pool);
    // A stray whose sample ends its own line of text (a curve crossing its name's end passed
    // for one) may be a name before its sample: its line runs on over that sample.
    const strays = pool
      .filter((slot) => !aligned.includes(slot))
      .map((slot) => (inLineAfter(slot) ? { ...slot.text, right: slot.handle.right } : slot.text));
    const named = wholeNames(
      image,
      background,
      region,
      fullRows(
        oneHeight(
          image,
          background,
          stacked(
            image,
            background,
            oneSide(image, background, region, aligned, [...unpaired, ...strays]),
            reread,
            [...unpaired, ...pool.map((slot) => slot.text)],
          ),
          reread,
        ),
        region,
        text,
      ),
    );
    return { aligned, named };
  };
  // Two curves blending where they cross (JPEG, scaled, or faint text read where all the image's
  // text is light) are as dark and grey as text in a few pixels: their "names" are more
  // coloured than grey. Such a group is no legend, but it may have won over the legend beside it
  // on order alone (as many entries: markers along a curve found first): the entries whose
  // names are curves are left out and the rest grouped again, taken where it lists as many (fewer
  // are what is left of the curves: a stray glyph, a marker).
  let pool = candidates;
  let { aligned, named } = read(pool);
  const rejected = named.length;
  let grey = greyNames(image, background, named, textDark);
  while (!grey) {
    const curves = aligned.filter((slot) => curveName(image, background, slot, textDark));
    if (curves.length === 0) break;
    pool = pool.filter((slot) => !curves.includes(slot));
    ({ aligned, named } = read(pool));
    grey = greyNames(image, background, named, textDark);
  }
  const group = grey && named.length >= rejected ? named : [];
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
 * Whether an entry's sample lies after its name in the name's rows, a word space from it at
 * most: a piece of its own line of text.
 */
function inLineAfter({ handle, text }: LegendSlot): boolean {
  const height = text.bottom - text.top;
  return (
    handle.top >= text.top - 1 &&
    handle.bottom <= text.bottom + 1 &&
    handle.left >= text.right &&
    handle.left - text.right <= height * DEFAULTS.wordSpace
  );
}

/**
 * Whether most entries' names are grey glyphs: a "name" whose box holds more coloured ink than
 * grey is curves, where two colours blend to a grey as dark as faint text (pink over teal, JPEG
 * or scaled). One name crossed by curves is no such legend; most, and the legend is curves.
 */
function greyNames(image: Raster, background: Rgb, slots: LegendSlot[], textDark: number): boolean {
  const curves = slots.filter((slot) => curveName(image, background, slot, textDark));
  return curves.length * 2 <= slots.length;
}

/**
 * Whether an entry's "name" is curves, not text: it holds more coloured ink than grey, or its
 * dark ink is a curve's stroke (`strokeName`).
 */
function curveName(image: Raster, background: Rgb, slot: LegendSlot, textDark: number): boolean {
  return colouredName(image, background, slot) || strokeName(image, slot, textDark);
}

/**
 * Whether an entry's "name" is a dark curve's stroke: in DEFAULTS.strokeColumns of its inked
 * columns or more, its dark ink (`textDark`) is one run no taller than DEFAULTS.strokeRun of
 * its rows. A dashed black curve's dashes in a row, one taken for a sample and the next for a
 * name, had made a legend inside the plot that won over the real one beside it.
 */
export function strokeName(
  { data, width }: Raster,
  { text }: LegendSlot,
  textDark: number,
): boolean {
  const maxRun = (text.bottom - text.top) * DEFAULTS.strokeRun;
  let inked = 0;
  let strokes = 0;
  for (let column = text.left; column < text.right; column++) {
    let runs = 0;
    let run = 0;
    let longest = 0;
    for (let row = text.top; row < text.bottom; row++) {
      if (isTextDark(data, (row * width + column) * 3, textDark)) {
        if (run === 0) runs++;
        run++;
        longest = Math.max(longest, run);
      } else run = 0;
    }
    if (runs === 0) continue;
    inked++;
    if (runs === 1 && longest <= maxRun) strokes++;
  }
  return inked > 0 && strokes >= inked * DEFAULTS.strokeColumns;
}

/** Whether an entry's "name" holds more coloured ink than grey: curves, not text. */
function colouredName({ data, width }: Raster, background: Rgb, { text }: LegendSlot): boolean {
  let grey = 0;
  let coloured = 0;
  for (let row = text.top; row < text.bottom; row++) {
    for (let column = text.left; column < text.right; column++) {
      const o = (row * width + column) * 3;
      if (channelDistance(data, o, background) <= DEFAULTS.textGrey) continue;
      if (channelSpread(data, o) < DEFAULTS.textGrey) grey++;
      else coloured++;
    }
  }
  return coloured > grey;
}

/** Whether the pixel at byte offset `o` is as dark and grey as legend text. */
function isTextDark(data: Uint8Array, o: number, textDark: number): boolean {
  const max = Math.max(data[o], data[o + 1], data[o + 2]);
  const min = Math.min(data[o], data[o + 1], data[o + 2]);
  return max < textDark && max - min < DEFAULTS.textGrey;
}

/** 1 for each pixel of `region` (row by row) as dark and grey as legend text. */
function darkIn({ data, width }: Raster, region: Box, textDark: number): Uint8Array {
  const flags = new Uint8Array((region.right - region.left) * (region.bottom - region.top));
  for (let row = region.top, at = 0; row < region.bottom; row++) {
    for (let column = region.left; column < region.right; column++, at++) {
      if (isTextDark(data, (row * width + column) * 3, textDark)) flags[at] = 1;
    }
  }
  return flags;
}

/**
 * 1 for each column of `region` dark (`darkFlags`) in more than DEFAULTS.rule of its rows and
 * taller than a line of text: a line drawn across the region.
 */
function rulesIn(darkFlags: Uint8Array, region: Box): Uint8Array {
  const regionWidth = region.right - region.left;
  const height = region.bottom - region.top;
  const counts = new Int32Array(regionWidth);
  for (let row = 0, at = 0; row < height; row++) {
    for (let column = 0; column < regionWidth; column++, at++) counts[column] += darkFlags[at];
  }
  const rule = new Uint8Array(regionWidth);
  for (let column = 0; column < regionWidth; column++) {
    const count = counts[column];
    if (count > height * DEFAULTS.rule && count > DEFAULTS.maxLine) rule[column] = 1;
  }
  return rule;
}

/** The dark pixels (flags, row by row) on no rule, tick mark or stray ink: legend text. */
function textIn(
  darkFlags: Uint8Array,
  regionWidth: number,
  rule: Uint8Array,
  tick: Uint8Array,
  stray: Uint8Array,
): Uint8Array {
  const flags = new Uint8Array(darkFlags.length);
  for (let at = 0; at < darkFlags.length; ) {
    for (let column = 0; column < regionWidth; column++, at++) {
      if (darkFlags[at] && !rule[column] && !tick[at] && !stray[at]) flags[at] = 1;
    }
  }
  return flags;
}

/**
 * Per row of `region` (from its top), 1 where the columns of `within` hold text (`text` flags
 * it). This scan and the next are their own functions, not loops inside `entriesIn`: V8
 * optimised that whole function (with the helpers it inlines) from within them, the longest
 * compile of the legend's code, and again each time it deoptimised.
 */
function textRows(
  within: Box,
  region: Box,
  text: (row: number, column: number) => boolean,
): Uint8Array {
  const rowDark = new Uint8Array(region.bottom - region.top);
  for (let row = region.top; row < region.bottom; row++) {
    let any = false;
    for (let column = within.left; column < within.right && !any; column++) any = text(row, column);
    rowDark[row - region.top] = any ? 1 : 0;
  }
  return rowDark;
}

/**
 * Per column of `within` between rows `top` and `bottom`: whether it holds text ink, and the
 * first and last row that do.
 */
function textColumns(
  within: Box,
  top: number,
  bottom: number,
  text: (row: number, column: number) => boolean,
): { columnDark: Uint8Array; inkTop: Int32Array; inkBottom: Int32Array } {
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
  return { columnDark, inkTop, inkBottom };
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
  unpaired: Box[] = [],
): LegendSlot[] {
  const candidates: LegendSlot[] = [];
  for (const { from, to } of findRuns(textRows(within, region, text), 1)) {
    const top = from + region.top;
    const bottom = to + region.top + 1;
    const height = bottom - top;
    // Rows cut by the region's edge (a tick label across the plot's top) are no line of text.
    if (height < 5 || height > DEFAULTS.maxLine || top === region.top || bottom === region.bottom)
      continue;
    const { columnDark, inkTop, inkBottom } = textColumns(within, top, bottom, text);
    const chains = bridgeDashes(columnDark, inkTop, inkBottom, height);
    const band = { left: within.left, right: within.right, top, bottom };
    const dark = darkSamples(image, background, band, columnDark, chains);
    candidates.push(...dark);
    // What the dark entries hold is taken; a title before them is not a name.
    const taken = (box: Box) =>
      dark.some((slot) => [slot.handle, slot.text].some((b) => overlaps(b, box)));
    // A line of text is as wide as it is high, or one glyph as tall as the band (a numeric
    // name: '2', '8').
    const glyph = ({ from, to }: { from: number; to: number }) => {
      let first = bottom;
      let last = top;
      for (let c = from; c <= to; c++) {
        if (!columnDark[c]) continue;
        first = Math.min(first, inkTop[c]);
        last = Math.max(last, inkBottom[c]);
      }
      return (
        to - from + 1 >= height * DEFAULTS.minGlyph &&
        last - first + 1 >= height * DEFAULTS.glyphRows
      );
    };
    const lines = findRuns(columnDark, Math.round(height * DEFAULTS.entrySpace))
      .filter((run) => run.to - run.from + 1 >= height || glyph(run))
      .map((run) => ({
        left: run.from + within.left,
        right: run.to + within.left + 1,
        top,
        bottom,
      }))
      .filter((line) => !taken(line));
    const paired = (sides: readonly (-1 | 1)[]) =>
      lines.flatMap((line) => {
        const slot =
          sampleBeside(image, background, line, region, sides) ??
          sampleInLine(image, background, line);
        return slot && !taken(slot.handle) ? [slot] : [];
      });
    // Samples are looked for before their names first; where two names then share one sample,
    // the row has its names before their samples (gnuplot's key), each taking the one after it,
    // if more names find a sample after them so than before them. Else, in a row of two
    // entries or more, a first name that took the sample after it, which the next name takes
    // before it, is the legend's title (ggplot2's `Group` left of its entries): it has no
    // sample of its own.
    const before = paired([-1, 1]);
    const after = distinctSamples(before) < before.length ? paired([1, -1]) : [];
    const onSide = (slots: LegendSlot[], last: boolean) =>
      distinctSamples(slots.filter((slot) => sampleAfter(slot) === last));
    const title = (slot: LegendSlot) =>
      sampleAfter(slot) &&
      lines.every((line) => line.left >= slot.text.left) &&
      before.filter((other) => !sampleAfter(other)).length >= 2 &&
      before.some((other) => !sampleAfter(other) && sameBox(other.handle, slot.handle));
    const chosen =
      after.length > 0 && onSide(after, true) > onSide(before, false)
        ? after
        : before.filter((slot) => !title(slot));
    candidates.push(...chosen);
    unpaired.push(...lines.filter((line) => !chosen.some((slot) => overlaps(slot.text, line))));
  }
  return candidates;
}

/** Whether an entry's sample lies after its name (right of it). */
function sampleAfter({ handle, text }: LegendSlot): boolean {
  return handle.left + handle.right > text.left + text.right;
}

function sameBox(a: Box, b: Box): boolean {
  return a.left === b.left && a.right === b.right && a.top === b.top && a.bottom === b.bottom;
}

/** How many different samples entries have. */
function distinctSamples(slots: LegendSlot[]): number {
  return slots.filter((slot, i) => slots.findIndex((o) => sameBox(o.handle, slot.handle)) === i)
    .length;
}

/** Whether two boxes share columns (boxes of one band of rows). */
function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && a.right > b.left;
}

/**
 * Entries set so close that no blank row parts their lines (a descender touching the capitals
 * below) are found as one, whose sample box holds the samples of each: thin lines of ink apart
 * by blank rows, each ending where the box does (a curve across the legend goes on past it).
 * Such an entry is cut into one per sample, rows halfway to the next sample's, and the entries
 * in those rows found again (`reread`); where none is, the cut itself is taken. The entries of
 * another column of the legend are run together in the same rows: a line of text beside it
 * (`lines`: those that found no sample, and the entries' names, which may have taken another
 * column's sample) spanning the cut entry's rows is read again in each cut's rows too.
 */
function stacked(
  image: Raster,
  background: Rgb,
  slots: LegendSlot[],
  reread: (box: Box) => LegendSlot[],
  lines: Box[] = [],
): LegendSlot[] {
  const found = slots.flatMap((slot) => {
    const { handle, text } = slot;
    const top = Math.min(handle.top, text.top);
    const bottom = Math.max(handle.bottom, text.bottom);
    const box = { left: handle.left, right: handle.right, top, bottom };
    const counts = rowInk(image, background, box);
    const inked = findRuns(
      Uint8Array.from(counts, (count) => (count > 0 ? 1 : 0)),
      0,
    );
    if (inked.length < 2) return [slot];
    const middles = inked.map((line) => top + (line.from + line.to + 1) / 2);
    const pitch = Math.min(...middles.slice(1).map((middle, i) => middle - middles[i]));
    const width = handle.right - handle.left;
    const sample = (line: { from: number; to: number }) =>
      line.to - line.from + 1 <= pitch * DEFAULTS.stackedLine &&
      Math.max(...counts.slice(line.from, line.to + 1)) >= width * DEFAULTS.stackedAcross &&
      [handle.left - DEFAULTS.stackedEnd, handle.right - 1 + DEFAULTS.stackedEnd].every(
        (column) =>
          column < 0 ||
          column >= image.width ||
          rowInk(image, background, {
            left: column,
            right: column + 1,
            top: top + line.from,
            bottom: top + line.to + 1,
          }).every((count) => count === 0),
      );
    if (pitch < DEFAULTS.minPitch || !inked.every(sample)) return [slot];
    const columns = {
      left: Math.min(handle.left, text.left),
      right: Math.max(handle.right, text.right),
    };
    // Lines of text beside it as tall as it (another column's names, run together alike).
    const beside = lines.filter(
      (line) =>
        line.top <= top + 1 &&
        line.bottom >= bottom - 1 &&
        (line.right <= columns.left || line.left >= columns.right),
    );
    return middles.flatMap((middle, i) => {
      const rows = {
        top: Math.max(top, Math.round(middle - pitch / 2)),
        bottom: Math.min(bottom, Math.round(middle + pitch / 2)),
      };
      const others = beside.flatMap((line) => reread({ ...line, ...rows }));
      const again = reread({ ...columns, ...rows });
      if (again.length > 0) return [...again, ...others];
      const own = { ...handle, top: top + inked[i].from, bottom: top + inked[i].to + 1 };
      return [
        {
          handle: { ...handle, ...rows },
          text: { ...text, ...rows },
          color: dominantColor(image, own, background),
        },
        ...others,
      ];
    });
  });
  // Two columns cut alike each read the other's entries again: each entry once.
  return found.filter(
    (slot, i) =>
      !found.some(
        (other, j) =>
          j < i &&
          sameBox(other.handle, slot.handle) &&
          other.text.top === slot.text.top &&
          overlaps(other.text, slot.text),
      ),
  );
}

/**
 * One legend's entries are set in one font: an entry whose text is much taller than the lowest
 * is two lines run together (a name's descender touching the next name, an axis label above a
 * legend row). Its rows are cut to those of the lowest text's height around its sample's ink,
 * and the entries in them found again (`reread`).
 */
function oneHeight(
  image: Raster,
  background: Rgb,
  slots: LegendSlot[],
  reread: (box: Box) => LegendSlot[],
): LegendSlot[] {
  const lowest = Math.min(...slots.map((slot) => slot.text.bottom - slot.text.top));
  const found: LegendSlot[] = [];
  for (const slot of slots) {
    if (slot.text.bottom - slot.text.top <= lowest * DEFAULTS.sameHeight) {
      found.push(slot);
      continue;
    }
    const inked = rowInk(image, background, slot.handle).flatMap((count, k) =>
      count > 0 ? [slot.handle.top + k] : [],
    );
    if (inked.length === 0) {
      found.push(slot);
      continue;
    }
    const middle = (inked[0] + inked.at(-1)!) / 2;
    const rows = {
      top: Math.max(slot.text.top, Math.round(middle - lowest * DEFAULTS.rowsAround)),
      bottom: Math.min(slot.text.bottom, Math.round(middle + lowest * DEFAULTS.rowsAround)),
    };
    // Its entries are parted again at the height of one line (two columns' entries, whose gap
    // passed for a space between words at the taller height, are two).
    const columns = {
      left: Math.min(slot.handle.left, slot.text.left),
      right: Math.max(slot.handle.right, slot.text.right),
    };
    const again = reread({ ...columns, ...rows });
    found.push(
      ...(again.length > 0
        ? again
        : [{ ...slot, handle: { ...slot.handle, ...rows }, text: { ...slot.text, ...rows } }]),
    );
  }
  return found;
}

/**
 * One legend's names are set in one font: a name with clearly fewer rows than most (a curve
 * drawn across it parted its glyphs' tops, or their feet, from the rest) takes as many rows as
 * they have, over its own, placed where they hold the most of its dark ink (`text`), not into
 * another entry's name.
 */
function fullRows(
  slots: LegendSlot[],
  region: Box,
  text: (row: number, column: number) => boolean,
): LegendSlot[] {
  // Most names: two or more others (of two, either may be the odd one).
  if (slots.length < 3) return slots;
  const height = Math.round(
    percentile(
      slots.map((slot) => slot.text.bottom - slot.text.top),
      0.5,
    ),
  );
  return slots.map((slot) => {
    const { left, right, top, bottom } = slot.text;
    if (bottom - top >= height * DEFAULTS.shortName) return slot;
    const free = (from: number) =>
      from >= region.top &&
      from + height <= region.bottom &&
      slots.every(
        (other) =>
          other === slot ||
          !overlaps(other.text, slot.text) ||
          other.text.bottom <= from ||
          other.text.top >= from + height,
      );
    let best = -1;
    let most = -1;
    for (let from = bottom - height; from <= top; from++) {
      if (!free(from)) continue;
      let count = 0;
      for (let row = from; row < from + height; row++) {
        for (let column = left; column < right; column++) if (text(row, column)) count++;
      }
      if (count > most) {
        most = count;
        best = from;
      }
    }
    return best < 0 ? slot : { ...slot, text: { ...slot.text, top: best, bottom: best + height } };
  });
}

/**
 * A name goes on past its dark ink, away from its sample, over grey ink lighter than text is
 * taken to be (thin strokes of grey text, an `=` and the digits after it in Chart.js' #666),
 * while the gaps are no wider than a word space (or a little wider before a glyph's stroke),
 * up to another entry or the region's side;
 * and back towards its sample over the faint ink its first glyph touches.
 */
function wholeNames(
  image: Raster,
  background: Rgb,
  region: Box,
  slots: LegendSlot[],
): LegendSlot[] {
  const { data, width } = image;
  return slots.map((slot) => {
    const { text } = slot;
    const side = slot.handle.left < text.left ? 1 : -1;
    const height = text.bottom - text.top;
    const maxGap = Math.round(height * DEFAULTS.wordSpace);
    const glyphGap = Math.round(height * DEFAULTS.nameGap);
    const inkAt = (row: number, column: number) => {
      const o = (row * width + column) * 3;
      return (
        channelSpread(data, o) < DEFAULTS.textGrey &&
        channelDistance(data, o, background) > DEFAULTS.handleInk
      );
    };
    const inked = (column: number) => {
      for (let row = text.top; row < text.bottom; row++) if (inkAt(row, column)) return true;
      return false;
    };
    // Past a gap wider than a word space, only a glyph's edge goes on with the name: its first
    // columns (this one and the next, onwards) inked over most of the text's rows together.
    const edge = Math.max(2, Math.round(height * DEFAULTS.glyphEdge));
    const glyph = (column: number) => {
      if (!inked(column)) return false;
      let count = 0;
      for (let row = text.top; row < text.bottom; row++) {
        for (let k = 0, c = column; k < edge && c >= 0 && c < width; k++, c += side) {
          if (inkAt(row, c)) {
            count++;
            break;
          }
        }
      }
      return count >= height * DEFAULTS.glyphSpan;
    };
    // Ink above and below the text's rows too is a line drawn across them (a frame, an axis).
    const across = (column: number) =>
      [text.top - 2, text.bottom + 1].every(
        (row) =>
          row >= 0 &&
          row < image.height &&
          channelDistance(data, (row * width + column) * 3, background) > DEFAULTS.handleInk,
      );
    const blocked = (column: number) =>
      column < region.left ||
      column >= region.right ||
      across(column) ||
      slots.some(
        (other) =>
          other !== slot &&
          [other.handle, other.text].some(
            (box) =>
              column >= box.left &&
              column < box.right &&
              box.top < text.bottom &&
              box.bottom > text.top,
          ),
      );
    let end = side > 0 ? text.right - 1 : text.left;
    for (let column = end + side, gap = 0; gap <= glyphGap && !blocked(column); column += side) {
      if (gap > maxGap ? glyph(column) : inked(column)) {
        end = column;
        gap = 0;
      } else {
        gap++;
      }
    }
    // Towards its sample, it takes the faint ink joined to its first glyph (a `T`'s bar, lighter
    // than the stem that was found as text), or a letter space from it (a thin `l` lighter than
    // text is taken to be), short of the sample.
    const near = side > 0 ? slot.handle.right + 1 : slot.handle.left - 2;
    const letterGap = Math.max(2, Math.round(height * DEFAULTS.letterGap));
    let start = side > 0 ? text.left : text.right - 1;
    for (
      let column = start - side, gap = 0;
      (column - near) * side > 0 && gap <= letterGap && !blocked(column);
      column -= side
    ) {
      if (inked(column)) {
        start = column;
        gap = 0;
      } else {
        gap++;
      }
    }
    const grown =
      side > 0
        ? { ...text, left: start, right: end + 1 }
        : { ...text, left: end, right: start + 1 };
    return { ...slot, text: grown };
  });
}
