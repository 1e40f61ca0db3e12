import { channelDistance, channelSpread, colorDistance, type Rgb } from '../color.js';
import { percentile } from '../math.js';
import type { Box, Raster } from '../types.js';
import type { LegendSlot } from './findLegend.js';

const DEFAULTS = {
  /** Entries of one column start their names within this share of the text's height. */
  column: 0.6,
  /** A column's entries are evenly spaced: each step within this share of the smallest... */
  evenStep: 0.25,
  /** Steps this many text heights long leave room for a name halfway (shorter, the halfway box holds two names' halves). */
  halfway: 2.2,
  /** Another entry beside one is looked for this many text heights past its name or sample... */
  beside: 2,
  /** ...as ink in this share of the columns there at least (a frame's side or a steep curve, in a few). */
  besideInk: 0.3,
  /** Ways of placing entries whose steps are within this of the most even are as good. */
  evenTie: 0.05,
  /** Pixels differ from the background by at least this much to be ink (0..255). */
  ink: 60,
  /** Text spans at least this share of a line's rows... */
  textRows: 0.4,
  /** ...in at least this many runs of ink a row on average (glyph strokes; a curve crossing is one)... */
  textRuns: 1.5,
  /** ...looked for over this many text heights of the name's column (a short name is two or three). */
  textReach: 3,
  /** ...and ink in at least this share of its columns (a steep curve crossing, in a few). */
  textColumns: 0.3,
  /** A sample shows ink in at least this share of its columns (a dashed one too)... */
  sampleColumns: 0.5,
  /** ...and in at most this share of the `margin` px before it (a frame's side, a grid line or a curve runs on there). */
  apart: 0.3,
  /** A name one step past an end is another entry's unless ink covers this share of the gap's columns before it, and `textRows` of its rows (a title runs over it). */
  titleGap: 0.5,
  /** A pixel whose channels spread this much (0..255) is coloured: a sample's, not text's. */
  colored: 60,
  /**
   * ...or this much, a swatch filled pale inside a row's name (a Chart.js box, its fill at
   * half alpha and JPEG-blurred border spread 20 to 60, where text's, JPEG's too, spreads
   * under 10): a row's entries read as one name lost the swatch between them.
   */
  paleColored: 20,
  /**
   * Samples whose channels differ by at most this are one colour: a one-colour chart draws its
   * samples alike, a chart turned greyscale its greys 5 levels apart or more.
   */
  sameColour: 3,
  /** A row whose ends come within this many text heights of the image's sides may be cut there. */
  imageSide: 0.5,
  /** A row of entries is looked for this many text heights above and below a row's (a second row's names). */
  rowReach: 1.2,
  /** Px looked at before a sample, and between an entry and ink beside it. */
  margin: 4,
} as const;

/**
 * Whether the legend's entries are all there: they stand in evenly spaced columns (one entry
 * a step, no step left empty), and one step past either end of each column there is no other
 * entry (no sample where the column's samples stand; past the last, no name either: a legend
 * title may stand above the first name). A legend read whole is strong evidence of how many
 * series there are; one that lost an entry (a sample drawn in black beside its name, an entry
 * a curve runs through) is not. Entries side by side in one row (a legend above or below the
 * plot) are looked at as a row (`rowComplete`). A single entry and crossing curves (ink one
 * step past an end) give false: unsure, not complete.
 */
export function legendComplete(image: Raster, background: Rgb, slots: LegendSlot[]): boolean {
  if (slots.length < 2) return false;
  const height = percentile(
    slots.map((slot) => slot.text.bottom - slot.text.top),
    0.5,
  );
  if (!(height > 0)) return false;
  // Columns: entries whose names start at one column.
  const columns: LegendSlot[][] = [];
  for (const slot of [...slots].sort((a, b) => a.text.left - b.text.left)) {
    const last = columns.at(-1);
    if (last && slot.text.left - last[0].text.left <= height * DEFAULTS.column) last.push(slot);
    else columns.push([slot]);
  }
  // Entries side by side in one row (a legend above the plot) show no step; columns filled
  // in turn differ by one entry at most (more: one lost an entry).
  const counts = columns.map((column) => column.length);
  if (Math.max(...counts) < 2) return rowComplete(image, background, slots, height);
  if (Math.max(...counts) - Math.min(...counts) > 1) return false;
  for (const column of columns) column.sort((a, b) => a.text.top - b.text.top);
  const step = evenStep(columns);
  const handleWidth = percentile(
    slots.map((slot) => slot.handle.right - slot.handle.left),
    0.5,
  );
  if (step === null || step < height) return false;
  // Every other entry lost leaves even steps twice as long: a name halfway between two.
  const halfway = step >= height * DEFAULTS.halfway;
  for (const column of columns) {
    for (let i = 1; i < column.length && halfway; i++) {
      if (textAt(image, background, shift(nameOf(column[i - 1], height), step / 2))) return false;
    }
    // Nor another entry's coloured sample inside a name (entries in a row read as one).
    if (column.some((slot) => coloredIn(image, slot.text) >= handleWidth * DEFAULTS.sampleColumns))
      return false;
    // Nor another column of entries beside this one's, lost: it stands beside all this
    // column's entries but one at least (columns filled in turn differ by one entry at most),
    // where a curve running past the legend shows beside one or two.
    const beside = column.filter((slot) => besideAt(image, background, slot, height, slots));
    if (beside.length > 0 && beside.length >= column.length - 1) return false;
    const first = column[0];
    const last = column.at(-1)!;
    if (entryAt(image, background, first, -step, height)) return false;
    if (entryAt(image, background, last, step, height)) return false;
  }
  return true;
}

/**
 * Whether a legend of entries side by side in one row (above or below the plot) is all there:
 * its names in line, each entry the same way round (sample before name, or after), the gaps
 * between entries holding no name of an entry lost, and past either end no other entry's name
 * (where the next one's would start, placed by the gap between entries or by the step between
 * samples, as engines space a row either way), nor a row of names above or below. A title
 * beside the row's first entry, a second row, a row cut by the image's side or one whose
 * entries share a colour gives false: unsure.
 */
function rowComplete(image: Raster, background: Rgb, slots: LegendSlot[], height: number): boolean {
  const row = [...slots].sort((a, b) => a.text.left - b.text.left);
  const middles = row.map((slot) => (slot.text.top + slot.text.bottom) / 2);
  if (Math.max(...middles) - Math.min(...middles) > height * DEFAULTS.column) return false;
  // Entries told apart by dash or marker only (one colour) are read together too easily: two
  // names and the sample between them read as one name.
  const alike = (a: Rgb, b: Rgb) => colorDistance(a, b) <= DEFAULTS.sameColour;
  if (row.some((slot, i) => row.slice(i + 1).some((other) => alike(slot.color, other.color))))
    return false;
  const sampleFirst = row.every((slot) => slot.handle.right <= slot.text.left);
  if (!sampleFirst && !row.every((slot) => slot.text.right <= slot.handle.left)) return false;
  // An entry's span along the row, sample and name, and the gaps between entries.
  const start = (slot: LegendSlot) => Math.min(slot.handle.left, slot.text.left);
  const end = (slot: LegendSlot) => Math.max(slot.handle.right, slot.text.right);
  const gaps = row.slice(1).map((slot, i) => start(slot) - end(row[i]));
  if (gaps.some((gap) => gap <= 0)) return false;
  // Nor another entry's coloured sample inside a name (two entries read as one).
  const handleWidth = percentile(
    row.map((slot) => slot.handle.right - slot.handle.left),
    0.5,
  );
  if (
    row.some(
      (slot) =>
        coloredIn(image, slot.text, DEFAULTS.paleColored) >= handleWidth * DEFAULTS.sampleColumns,
    )
  )
    return false;
  const top = Math.min(...row.map((slot) => Math.min(slot.handle.top, slot.text.top)));
  const bottom = Math.max(...row.map((slot) => Math.max(slot.handle.bottom, slot.text.bottom)));
  // A lost entry's name in a gap: text in a name's start wide window, slid along it.
  const reach = Math.round(height * DEFAULTS.textReach);
  for (let i = 1; i < row.length; i++) {
    const left = end(row[i - 1]) + DEFAULTS.margin;
    const right = start(row[i]) - DEFAULTS.margin;
    for (let at = left; at + reach <= right; at += Math.max(1, Math.round(height / 2))) {
      if (textAt(image, background, { left: at, right: at + reach, top, bottom })) return false;
    }
  }
  const first = row[0];
  const last = row.at(-1)!;
  // A row reaching the image's side may run on past it (a legend wider than its figure, saved
  // clipped): entries there are not seen.
  const side = height * DEFAULTS.imageSide;
  if (start(first) < side || end(last) > image.width - side) return false;
  const gap = Math.max(...gaps);
  const step = percentile(
    row.slice(1).map((slot, i) => start(slot) - start(row[i])),
    0.5,
  );
  const name = (left: number): Box => ({ left, right: left + reach, top, bottom });
  // The next entry past the last: its name where the gap after it, or a step, puts it (as
  // far into the entry as the last one's).
  const nameAfter = last.text.left - start(last);
  const nexts = [end(last) + gap, start(last) + step];
  if (nexts.some((at) => textAt(image, background, name(at + nameAfter)))) return false;
  // The one before the first: it ends a gap (a step) before the first starts, its name as far
  // before its end as the first one's.
  const nameEnd = end(first) - first.text.right;
  const width = end(first) - start(first);
  const befores = [start(first) - gap, start(first) - step + width].map((at) => at - nameEnd);
  if (befores.some((at) => textAt(image, background, { left: at - reach, right: at, top, bottom })))
    return false;
  // Another row above or below, its names over the row's.
  const lines = [
    { top: top - height * DEFAULTS.rowReach, bottom: top - DEFAULTS.margin },
    { top: bottom + DEFAULTS.margin, bottom: bottom + height * DEFAULTS.rowReach },
  ];
  return !lines.some((line) =>
    row.some((slot) =>
      textAt(image, background, {
        left: slot.text.left,
        right: slot.text.right,
        top: Math.round(line.top),
        bottom: Math.round(line.bottom),
      }),
    ),
  );
}

/**
 * The start of an entry's name, where another entry's name would show too: its first
 * `textReach` text heights (names are aligned there; gnuplot's, before their samples, at
 * their ends).
 */
function nameOf(slot: LegendSlot, height: number): Box {
  const { left, right, top, bottom } = slot.text;
  const reach = Math.round(height * DEFAULTS.textReach);
  return right <= slot.handle.left
    ? { left: right - reach, right, top, bottom }
    : { left, right: left + reach, top, bottom };
}

/** The box moved down by `by` px (up when negative). */
function shift(box: Box, by: number): Box {
  return { ...box, top: Math.round(box.top + by), bottom: Math.round(box.bottom + by) };
}

/**
 * Where an entry stands, read four ways: a name's box grows with an ascender or a descender
 * (or a curve run into it), a sample's with a marker or a crossing curve.
 */
const PLACES: ((slot: LegendSlot) => number)[] = [
  (slot) => (slot.handle.top + slot.handle.bottom) / 2,
  (slot) => (slot.text.top + slot.text.bottom) / 2,
  (slot) => slot.text.top,
  (slot) => slot.text.bottom,
];

/**
 * The step (px) between the entries of the columns (sorted top down), from the way of placing
 * them that spaces them most evenly (among those about as even, the median step); null when
 * no way spaces them evenly (one step in a column more than `evenStep` longer than the
 * shortest: an entry lost between them).
 */
function evenStep(columns: LegendSlot[][]): number | null {
  const found: { spread: number; step: number }[] = [];
  for (const place of PLACES) {
    const steps: number[] = [];
    for (const column of columns) {
      for (let i = 1; i < column.length; i++) steps.push(place(column[i]) - place(column[i - 1]));
    }
    const shortest = Math.min(...steps);
    if (!(shortest > 0)) continue;
    found.push({ spread: Math.max(...steps) / shortest, step: percentile(steps, 0.5) });
  }
  if (found.length === 0) return null;
  const best = Math.min(...found.map((f) => f.spread));
  if (best > 1 + DEFAULTS.evenStep) return null;
  return percentile(
    found.filter((f) => f.spread <= best + DEFAULTS.evenTie).map((f) => f.step),
    0.5,
  );
}

/** The shares of the columns and of the rows of `box` (clipped to the image) that hold ink. */
function inkShares(image: Raster, background: Rgb, box: Box): { columns: number; rows: number } {
  const left = Math.max(0, Math.round(box.left));
  const right = Math.min(image.width, Math.round(box.right));
  const top = Math.max(0, Math.round(box.top));
  const bottom = Math.min(image.height, Math.round(box.bottom));
  if (right <= left || bottom <= top) return { columns: 0, rows: 0 };
  const rows = new Uint8Array(bottom - top);
  let inked = 0;
  for (let column = left; column < right; column++) {
    let any = 0;
    for (let row = top; row < bottom; row++) {
      if (
        channelDistance(image.data, (row * image.width + column) * 3, background) > DEFAULTS.ink
      ) {
        any = 1;
        rows[row - top] = 1;
      }
    }
    inked += any;
  }
  let inkedRows = 0;
  for (const r of rows) inkedRows += r;
  return { columns: inked / (right - left), rows: inkedRows / (bottom - top) };
}

/**
 * Whether another entry stands in the rows of `slot` moved by `by` px: a name where its name
 * starts, with the gap before it clear (a legend's title runs on over it), or a sample where
 * its sample stands (ink across most of its columns, not glyphs, not a line running on before
 * it: a frame's side, a grid line).
 */
function entryAt(
  image: Raster,
  background: Rgb,
  slot: LegendSlot,
  by: number,
  height: number,
): boolean {
  const top = Math.min(slot.handle.top, slot.text.top) + by;
  const bottom = Math.max(slot.handle.bottom, slot.text.bottom) + by;
  const share = (left: number, right: number) =>
    inkShares(image, background, { left, right, top, bottom }).columns;
  // A title runs over the gap before the name, over most of its rows (a curve crossing it,
  // over a few, or in a few of its columns).
  const gap = inkShares(
    image,
    background,
    slot.handle.right <= slot.text.left
      ? { left: slot.handle.right + 1, right: slot.text.left - 1, top, bottom }
      : { left: slot.text.right + 1, right: slot.handle.left - 1, top, bottom },
  );
  const title = gap.columns >= DEFAULTS.titleGap && gap.rows >= DEFAULTS.textRows;
  if (!title && textAt(image, background, shift(nameOf(slot, height), by))) return true;
  const handle = { left: slot.handle.left, right: slot.handle.right, top, bottom };
  if (share(handle.left, handle.right) < DEFAULTS.sampleColumns) return false;
  if (textAt(image, background, handle)) return false;
  const outside = DEFAULTS.margin;
  const before =
    slot.handle.right <= slot.text.left
      ? share(slot.handle.left - outside, slot.handle.left)
      : share(slot.handle.right, slot.handle.right + outside);
  return before <= DEFAULTS.apart;
}

/**
 * Whether ink stands beside an entry, past its name or past its sample, within `beside` text
 * heights, in most columns there (another entry's sample or name: a column of entries lost),
 * where no entry was found.
 */
function besideAt(
  image: Raster,
  background: Rgb,
  slot: LegendSlot,
  height: number,
  slots: LegendSlot[],
): boolean {
  const top = Math.min(slot.handle.top, slot.text.top);
  const bottom = Math.max(slot.handle.bottom, slot.text.bottom);
  const reach = Math.round(height * DEFAULTS.beside);
  const gap = DEFAULTS.margin;
  const nameFirst = slot.text.right <= slot.handle.left;
  const outer = nameFirst
    ? [
        { left: slot.text.left - gap - reach, right: slot.text.left - gap },
        { left: slot.handle.right + gap, right: slot.handle.right + gap + reach },
      ]
    : [
        { left: slot.handle.left - gap - reach, right: slot.handle.left - gap },
        { left: slot.text.right + gap, right: slot.text.right + gap + reach },
      ];
  return outer.some(({ left, right }) => {
    if (left < 0 || right > image.width) return false;
    // The next column's entry, found.
    const found = slots.some((other) =>
      [other.handle, other.text].some(
        (box) => box.left < right && box.right > left && box.top < bottom && box.bottom > top,
      ),
    );
    if (found) return false;
    return inkShares(image, background, { left, right, top, bottom }).columns >= DEFAULTS.besideInk;
  });
}

/** How many columns of `box` hold a coloured pixel (legend text is grey or black). */
function coloredIn(image: Raster, box: Box, colored: number = DEFAULTS.colored): number {
  let count = 0;
  for (let column = Math.max(0, box.left); column < Math.min(image.width, box.right); column++) {
    for (let row = Math.max(0, box.top); row < Math.min(image.height, box.bottom); row++) {
      if (channelSpread(image.data, (row * image.width + column) * 3) > colored) {
        count++;
        break;
      }
    }
  }
  return count;
}

/**
 * Whether a line of text stands in `box`: ink over much of its rows and columns, broken into
 * glyph strokes along its rows (a curve crossing is one run of ink in each row it crosses).
 */
function textAt(image: Raster, background: Rgb, box: Box): boolean {
  const left = Math.max(0, Math.round(box.left));
  const right = Math.min(image.width, Math.round(box.right));
  const top = Math.max(0, Math.round(box.top));
  const bottom = Math.min(image.height, Math.round(box.bottom));
  if (right <= left || bottom <= top) return false;
  const columns = new Uint8Array(right - left);
  let inkedRows = 0;
  let runs = 0;
  for (let row = top; row < bottom; row++) {
    let before = false;
    let any = false;
    for (let column = left; column < right; column++) {
      const ink =
        channelDistance(image.data, (row * image.width + column) * 3, background) > DEFAULTS.ink;
      if (ink && !before) runs++;
      if (ink) columns[column - left] = 1;
      any ||= ink;
      before = ink;
    }
    if (any) inkedRows++;
  }
  let inkedColumns = 0;
  for (const c of columns) inkedColumns += c;
  return (
    inkedRows >= (bottom - top) * DEFAULTS.textRows &&
    inkedColumns >= columns.length * DEFAULTS.textColumns &&
    runs >= inkedRows * DEFAULTS.textRuns
  );
}
