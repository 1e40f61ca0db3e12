import { median } from '../math.js';
import type { Box } from '../types.js';

/** The ink of a text crop, as the tick-glyph recogniser (`glyphs.ts`) reads it. */

/** A crop's ink: 0 on the page, 1 at the text's darkest; row-major. */
export interface InkImage {
  data: Float32Array;
  width: number;
  height: number;
}

/** Where a line of text sits in its crop (rows, continuous: row r spans r..r+1). */
export interface LineGeometry {
  /** Height (px) of the digits above the baseline. */
  capHeight: number;
  /** The row edge the digits stand on. */
  baseline: number;
}

/** A grey level this much darker than the page is ink (same as the label boxes are cut with). */
export const INK_ON = 0.2;
/** A column is part of a glyph's body where it holds ink this strong. */
export const SOLID = 0.5;
/** Columns at least this share of the tallest column's height are digit-tall. */
const TALL = 0.7;

/** Pixels as the recogniser reads them: RGB (a Raster) or grey, 8 bits, row-major. */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** The grey (Rec. 709 luma of the sRGB values, 0..255) of the pixel at `index`. */
export function lumaAt({ data, channels }: Pixels, index: number): number {
  if (channels === 1) return data[index];
  const o = index * 3;
  return 0.2126 * data[o] + 0.7152 * data[o + 1] + 0.0722 * data[o + 2];
}

/**
 * The ink of `box` (integer, inside the image): how much darker than `paper` each pixel is, as
 * a share of how much darker `dark` is (the text's darkest grey), clamped to 0..1.
 */
export function inkOf(pixels: Pixels, box: Box, paper: number, dark: number): InkImage {
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  const data = new Float32Array(width * height);
  const range = Math.max(1, paper - dark);
  for (let row = 0; row < height; row++) {
    const from = (box.top + row) * pixels.width + box.left;
    for (let column = 0; column < width; column++) {
      const ink = (paper - lumaAt(pixels, from + column)) / range;
      data[row * width + column] = Math.min(1, Math.max(0, ink));
    }
  }
  return { data, width, height };
}

/** A bar closing a line is no glyph when it is at most this share of the text's height thick... */
const BAR_THICKNESS = 0.3;
/** ...and its middle lies this share of the text's height or more inside its top and bottom. */
const BAR_INSET = 0.25;

/**
 * The ink without a short level bar closing it, apart from the rest, at half the text's height:
 * a tick mark beside its label (a number never ends in a minus); the ink as it is otherwise.
 */
export function withoutClosingBar(ink: InkImage): InkImage {
  const inked = (column: number) => {
    for (let row = 0; row < ink.height; row++) {
      if (ink.data[row * ink.width + column] >= INK_ON) return true;
    }
    return false;
  };
  let last = ink.width - 1;
  while (last >= 0 && !inked(last)) last--;
  let first = last;
  while (first > 0 && inked(first - 1)) first--;
  let rest = first - 1;
  while (rest >= 0 && !inked(rest)) rest--;
  if (last < 0 || rest < 0 || rest === first - 1) return ink;
  const rows = (from: number, to: number) => {
    let [top, bottom] = [ink.height, -1];
    for (let row = 0; row < ink.height; row++) {
      for (let column = from; column <= to; column++) {
        if (ink.data[row * ink.width + column] < INK_ON) continue;
        top = Math.min(top, row);
        bottom = Math.max(bottom, row);
      }
    }
    return { top, bottom, height: bottom - top + 1 };
  };
  const bar = rows(first, last);
  const text = rows(0, rest);
  const middle = (bar.top + bar.bottom) / 2;
  const level =
    bar.height <= Math.max(2, BAR_THICKNESS * text.height) &&
    middle >= text.top + BAR_INSET * text.height &&
    middle <= text.bottom - BAR_INSET * text.height;
  return level ? inkColumns(ink, 0, rest + 1) : ink;
}

/** A line closes with a micro sign where its last columns reach this share of the cap height
 * below the digits' baseline (a descender: a round glyph's overshoot, a `%`'s ring, reach a
 * pixel)... */
const MICRO_DESCENT = 0.2;
/** ...and the glyph from the first of them on starts this share of the cap height or more below
 * the digits' top (a lower-case glyph)... */
const MICRO_DROP = 0.12;
/** ...and is this many cap heights wide at least and at most. */
const MICRO_WIDTH = [0.3, 1.1] as const;

/**
 * The ink without a micro sign closing it (d3's SI suffix, `600μ`: Plotly, Vega), which
 * the tick-label alphabet lacks: a lower-case glyph whose stem, at its left, reaches below the
 * digits' baseline, as no digit, sign or suffix does (a comma before a digit is followed by
 * the digit's full height; a parenthesis reaches up to the cap). It is cut where its stem
 * starts: small labels often join it to the digit before. `micro` says whether one was cut
 * off; the ink as it is otherwise.
 */
export function withoutClosingMicro(ink: InkImage): { ink: InkImage; micro: boolean } {
  const { tops, bottoms } = columnExtents(ink);
  let last = ink.width - 1;
  while (last >= 0 && tops[last] < 0) last--;
  if (last < 0) return { ink, micro: false };
  const lowest = Math.max(...bottoms);
  const height = lowest - Math.min(...tops.filter((row) => row >= 0)) + 1;
  // the stem: the first of the columns closing the line that reach its lowest row
  let stem = -1;
  for (let column = last; column >= 0 && last - column <= height * MICRO_WIDTH[1]; column--) {
    if (bottoms[column] >= lowest - 1) stem = column;
    else if (stem >= 0) break;
  }
  const digits = stem > 0 ? lineGeometry(inkColumns(ink, 0, stem)) : null;
  if (!digits) return { ink, micro: false };
  const { capHeight, baseline } = digits;
  const width = last - stem + 1;
  const top = Math.min(...tops.slice(stem, last + 1).filter((row) => row >= 0));
  const micro =
    lowest + 1 - baseline >= MICRO_DESCENT * capHeight &&
    top - (baseline - capHeight) >= MICRO_DROP * capHeight &&
    width >= MICRO_WIDTH[0] * capHeight &&
    width <= MICRO_WIDTH[1] * capHeight;
  // (its faint left edge goes with it)
  let cut = stem;
  while (cut > 0 && tops[cut - 1] < 0) cut--;
  return micro ? { ink: inkColumns(ink, 0, cut), micro } : { ink, micro };
}

/** Top and bottom rows (inclusive) of solid ink in each column; -1 where a column has none. */
export function columnExtents(
  ink: InkImage,
  from = 0,
  to = ink.width,
): { tops: number[]; bottoms: number[] } {
  const tops: number[] = [];
  const bottoms: number[] = [];
  for (let column = from; column < to; column++) {
    let top = -1;
    let bottom = -1;
    for (let row = 0; row < ink.height; row++) {
      if (ink.data[row * ink.width + column] >= SOLID) {
        if (top < 0) top = row;
        bottom = row;
      }
    }
    tops.push(top);
    bottoms.push(bottom);
  }
  return { tops, bottoms };
}

/**
 * The cap height and baseline of a line of digits, from its digit-tall columns (a comma's
 * tail, a minus or a point are shorter and do not count), to a fraction of a pixel: an edge
 * row's ink says how much of it the glyph covers. Null when the crop holds no ink.
 */
export function lineGeometry(ink: InkImage): LineGeometry | null {
  const { tops, bottoms } = columnExtents(ink);
  const heights = tops.map((top, i) => (top < 0 ? 0 : bottoms[i] - top + 1));
  const tallest = Math.max(0, ...heights);
  if (tallest === 0) return null;
  const tall = heights.flatMap((h, i) => (h >= tallest * TALL ? [i] : []));
  const at = (row: number, column: number) =>
    row >= 0 && row < ink.height ? ink.data[row * ink.width + column] : 0;
  // A solid edge row covers the glyph's edge past its middle; the next row out, the rest.
  const baseline = median(
    tall.map((c) => bottoms[c] + Math.min(1, at(bottoms[c], c)) + at(bottoms[c] + 1, c)),
  );
  const top = median(tall.map((c) => tops[c] + 1 - at(tops[c], c) - at(tops[c] - 1, c)));
  return { capHeight: Math.max(1, baseline - top), baseline };
}

/** Glyphs whose ink ends this many cap heights above the baseline are raised... */
const RAISED = 0.35;
/** ...and those ending this high too, where a gap parts them from the base (superscripts in
 * some fonts end a third of the cap height up; the bar of a 4 is as high, but joined). */
const RAISED_APART = 0.2;

/**
 * The first column of a raised exponent closing a line (the `-3` of `10^-3`, drawn smaller
 * and higher), from where the columns' ink stops reaching down near the baseline; null when
 * the line does not end in raised glyphs (two columns at least).
 */
export function raisedFrom(ink: InkImage, { capHeight, baseline }: LineGeometry): number | null {
  // Any ink counts here: the faint edge of a round 0 before the exponent reaches low.
  const bottoms: number[] = [];
  for (let column = 0; column < ink.width; column++) {
    let bottom = -1;
    for (let row = ink.height - 1; row >= 0 && bottom < 0; row--) {
      if (ink.data[row * ink.width + column] >= INK_ON) bottom = row;
    }
    bottoms.push(bottom);
  }
  const suffix = (share: number) => {
    const limit = baseline - share * capHeight;
    let split = ink.width;
    while (split > 0 && bottoms[split - 1] + 1 <= limit) split--;
    return split;
  };
  const raisedColumns = (split: number) => bottoms.slice(split).filter((b) => b >= 0).length;
  const apart = suffix(RAISED_APART);
  if (apart > 0 && bottoms[apart] < 0 && raisedColumns(apart) >= 2) return apart;
  let split = suffix(RAISED);
  // The faint edge of a round 0 just before the exponent (touching the base, no stronger
  // than anti-aliasing) stays with the base.
  const faint = (column: number) => {
    for (let row = 0; row < ink.height; row++) {
      if (ink.data[row * ink.width + column] >= SOLID) return false;
    }
    return true;
  };
  while (split < ink.width && bottoms[split] >= 0 && bottoms[split - 1] >= 0 && faint(split)) {
    split++;
  }
  return split > 0 && raisedColumns(split) >= 2 ? split : null;
}

/** The columns `[from, to)` of an ink image, as one. */
export function inkColumns(ink: InkImage, from: number, to: number): InkImage {
  const width = to - from;
  const data = new Float32Array(width * ink.height);
  for (let row = 0; row < ink.height; row++) {
    data.set(ink.data.subarray(row * ink.width + from, row * ink.width + to), row * width);
  }
  return { data, width, height: ink.height };
}
