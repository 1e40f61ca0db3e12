import { channelDistance, type Rgb } from '../color.js';
import { findRuns } from '../math.js';
import type { Box, Raster } from '../types.js';
import type { LegendSlot } from './findLegend.js';
import { colored, rowInk, SAMPLES } from './legendSamples.js';
import { dominantColor } from './sampleColor.js';

const DEFAULTS = {
  /**
   * A mark is parted from its name by more than this share of the text's height less 1 px: a
   * little under a word space (SAMPLES.wordSpace), so that a mark set a word space from its name
   * (Vega-Lite's symbols, 0.5 to 0.65 of it) is parted, and the letters of a word are not.
   */
  markGap: SAMPLES.wordSpace,
  /** A mark is at least this share of its text's height wide (a dot, a comma or a dash of a hyphen is not)... */
  minWidth: 0.3,
  /** ...and at most as wide as the text is high (a wider sample is found as a line or box). */
  maxWidth: 1,
  /** ...about as high as wide: within this share of its width (2 px at least)... */
  square: 0.25,
  /** ...and is no wider than this share of its name (a letter before a word is). */
  nameShare: 0.5,
  /** Marks of one legend are alike: width, height and gap to their names within this many px. */
  alike: 1,
  /** ...their gaps within this many px (JPEG's blur moves a glyph's edge). */
  alikeGap: 2,
  /** Pixels of a mark differ from the background by at least this much (0..255). */
  handleInk: SAMPLES.handleInk,
} as const;

interface Mark {
  line: Box;
  handle: Box;
  text: Box;
  rows: number;
}

/**
 * Entries whose samples are small dark marks (a symbol drawn in black or grey, hollow, dashed
 * or dotted: Vega-Lite's square symbols in a greyscale chart) in lines of text that found no
 * sample: too narrow for a line, too thin for a filled marker, a mark passes for a letter. A
 * legend's marks are alike, unlike the first letters of its names: each line's first piece,
 * parted from the rest by more than a word space, about square, narrower than a line of text is
 * high and than half its name, and grey, is a sample where another line's first piece is as wide,
 * as high and as far from its name. Returns those lines' entries (sample, name, sample colour).
 */
export function alikeMarks(image: Raster, background: Rgb, lines: Box[]): LegendSlot[] {
  const marks = lines.flatMap((line) => {
    const mark = firstMark(image, background, line);
    return mark ? [mark] : [];
  });
  const alike = (a: Mark, b: Mark) =>
    Math.abs(width(a.handle) - width(b.handle)) <= DEFAULTS.alike &&
    Math.abs(a.rows - b.rows) <= DEFAULTS.alike &&
    Math.abs(a.text.left - a.handle.right - (b.text.left - b.handle.right)) <= DEFAULTS.alikeGap;
  // Marks of two lines: in different rows, or in lines starting apart.
  const apart = (a: Mark, b: Mark) =>
    a.line.bottom <= b.line.top || b.line.bottom <= a.line.top || a.line.left !== b.line.left;
  // A line found twice (whole, and in a strip, or in two strips) is one.
  const once = marks.filter(
    (mark, i) =>
      marks.findIndex(
        (other) =>
          other.handle.left === mark.handle.left &&
          other.handle.top === mark.handle.top &&
          other.text.right === mark.text.right,
      ) === i,
  );
  return once
    .filter((mark) =>
      once.some((other) => other !== mark && apart(mark, other) && alike(mark, other)),
    )
    .map(({ handle, text }) => ({ handle, text, color: dominantColor(image, handle, background) }));
}

function width(box: Box): number {
  return box.right - box.left;
}

/** A line's first piece of ink as a mark before its name, or null where it is no such mark. */
function firstMark(image: Raster, background: Rgb, line: Box): Mark | null {
  const { data, width: imageWidth } = image;
  const height = line.bottom - line.top;
  const inked = new Uint8Array(line.right - line.left);
  for (let column = line.left; column < line.right; column++) {
    for (let row = line.top; row < line.bottom; row++) {
      const o = (row * imageWidth + column) * 3;
      if (channelDistance(data, o, background) > DEFAULTS.handleInk) {
        inked[column - line.left] = 1;
        break;
      }
    }
  }
  const pieces = findRuns(inked, Math.max(1, Math.round(height * DEFAULTS.markGap) - 1));
  if (pieces.length < 2) return null;
  const [first, ...rest] = pieces;
  const handle = { ...line, left: line.left + first.from, right: line.left + first.to + 1 };
  const text = { ...line, left: line.left + rest[0].from, right: line.left + rest.at(-1)!.to + 1 };
  const wide = width(handle);
  const counts = rowInk(image, background, handle);
  const inkedRows = counts.flatMap((count, k) => (count > 0 ? [k] : []));
  if (inkedRows.length === 0) return null;
  const rows = inkedRows.at(-1)! - inkedRows[0] + 1;
  const ok =
    wide >= height * DEFAULTS.minWidth &&
    wide <= height * DEFAULTS.maxWidth &&
    Math.abs(rows - wide) <= Math.max(2, wide * DEFAULTS.square) &&
    wide <= width(text) * DEFAULTS.nameShare &&
    width(text) >= height &&
    !colored(dominantColor(image, handle, background));
  if (!ok) return null;
  return { line, handle, text, rows };
}
