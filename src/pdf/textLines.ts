import { parseTickLabel } from '../calibrate/parseTick.js';
import type { Box } from '../types.js';
import type { PdfPath, PdfText } from './types.js';

/** A run of text put together from the PDF's items: words of one line, a base and its exponent. */
export interface TextLine {
  /** The text as read, with a raised exponent written after `^` (`10^−3`). */
  text: string;
  x: number;
  y: number;
  angle: number;
  size: number;
  box: Box;
  /** Set where a minus was read from the empty box of a glyph the font lacks (see below). */
  missingMinus?: true;
}

/** A minus drawn as a bar: at most this tall against its width. */
const BAR_ASPECT = 0.25;
/** ...and this wide, in ems of the text it stands before. */
const BAR_MIN_WIDTH = 0.25;
const BAR_MAX_WIDTH = 1;
/** ...ending at most this far (ems) before the text (the glyph's advance beyond its ink). */
const BAR_MAX_GAP = 0.6;
/** A missing glyph's box (tofu): this wide and this tall, in ems of the text it stands before. */
const TOFU_WIDTH = [0.2, 0.8] as const;
const TOFU_HEIGHT = [0.5, 0.9] as const;
/** An exponent is at most this size against its base... */
const EXPONENT_SIZE = 0.9;
/** ...raised by this much of the base's size... */
const EXPONENT_RISE_MIN = 0.15;
const EXPONENT_RISE_MAX = 0.9;
/** ...and starts within this many ems of the base's end. */
const EXPONENT_GAP = 0.5;
/** Items of one line: baselines this close (ems)... */
const SAME_BASELINE = 0.2;
/** ...sizes this alike... */
const SAME_SIZE = 1.25;
/** ...and gaps this short (ems) join; a gap wider than WORD_GAP holds a space. */
const JOIN_GAP = 0.6;
/** A digit's width in ems where no number on the page tells it (DejaVu's and Helvetica's are 0.64 and 0.56). */
const DIGIT_WIDTH = 0.6;
const WORD_GAP = 0.15;
/**
 * A run may start this many ems before the one it follows ends: a kerned pair that the writer
 * splits into two runs (R's pdf() draws `Temperature` as `T` and `emperature`, 0.25 em back).
 */
const KERN_BACK = 0.3;

/**
 * Puts text items together into lines. A minus that the PDF draws as a filled bar (matplotlib's
 * Type 3 fonts hold only the first 256 characters, so `−` is a drawn glyph) becomes `−` before
 * the text it stands in front of, and its path's index goes into `glyphs`. So does the empty box
 * a font draws for a glyph it lacks (tofu) before a number: U+2212 is the one character of a
 * number label that a font may lack (matplotlib's "Glyph 8722 missing from current font"); the
 * line is marked `missingMinus`. An item that is smaller and raised just after another is its
 * exponent (`10` and `−3` give `10^−3`). Items on one baseline, one after another with gaps
 * under an em, are one line.
 */
export function buildTextLines(
  texts: readonly PdfText[],
  paths: readonly PdfPath[],
): { lines: TextLine[]; glyphs: Set<number> } {
  const glyphs = new Set<number>();
  const items: (PdfText & { missingMinus?: true })[] = splitNumberRuns(texts).map((text) => ({
    ...text,
    box: { ...text.box },
  }));
  const bars = paths.filter(isBar);
  const boxes = paths.filter(isHollowBox);
  for (const item of items) {
    if (item.angle !== 0) continue;
    const free = (path: PdfPath) => !glyphs.has(path.index);
    const bar = bars.find((path) => free(path) && standsBefore(path.box, item));
    const tofu = bar
      ? undefined
      : isNumber(item.text) && boxes.find((path) => free(path) && tofuBefore(path.box, item));
    const glyph = bar ?? tofu;
    if (!glyph) continue;
    glyphs.add(glyph.index);
    if (tofu) item.missingMinus = true;
    item.text = `−${item.text}`;
    item.width += item.x - glyph.box.left;
    item.x = glyph.box.left;
    item.box.left = Math.min(item.box.left, glyph.box.left);
  }

  // Per direction, items in order along the baseline: a line starts at its first item and takes
  // the next piece that starts where it ends (a window of the sorted order, so a page of text
  // costs n log n, not n squared).
  const lines: TextLine[] = [];
  const byAngle = new Map<number, typeof items>();
  for (const item of items) byAngle.set(item.angle, [...(byAngle.get(item.angle) ?? []), item]);
  for (const [angle, group] of byAngle) {
    const radians = (angle * Math.PI) / 180;
    const ux = Math.cos(radians);
    const uy = -Math.sin(radians);
    const along = (item: PdfText) => item.x * ux + item.y * uy;
    // up on the page, across the baseline
    const across = (item: PdfText) => item.x * uy - item.y * ux;
    const sorted = [...group].sort((a, b) => along(a) - along(b));
    const starts = sorted.map(along);
    const taken = new Uint8Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      if (taken[i]) continue;
      taken[i] = 1;
      const first = sorted[i];
      const line: TextLine = { ...first };
      let last = first;
      for (;;) {
        const end = along(last) + last.width;
        let found = -1;
        for (let j = lowerBound(starts, end - KERN_BACK * line.size); j < sorted.length; j++) {
          if (starts[j] > end + JOIN_GAP * line.size) break;
          if (taken[j]) continue;
          const next = sorted[j];
          const gap = starts[j] - end;
          const rise = across(next) - across(first);
          // Two numbers side by side are two labels (crowded ticks), never one.
          const sameLine =
            Math.abs(rise) <= SAME_BASELINE * line.size &&
            next.size <= line.size * SAME_SIZE &&
            next.size * SAME_SIZE >= line.size &&
            !(isNumber(line.text) && isNumber(next.text));
          if (sameLine || isExponent(line.size, gap, rise, next.size)) {
            found = j;
            break;
          }
        }
        if (found < 0) break;
        taken[found] = 1;
        const next = sorted[found];
        const gap = starts[found] - end;
        const rise = across(next) - across(first);
        if (isExponent(line.size, gap, rise, next.size)) line.text += `^${next.text}`;
        else {
          const space = gap > WORD_GAP * line.size || next.spaceBefore;
          line.text += space ? ` ${next.text}` : next.text;
        }
        line.box = union(line.box, next.box);
        last = next;
      }
      line.text = line.text.replace(/\s+/g, ' ').trim();
      lines.push(line);
    }
  }
  return { lines, glyphs };
}

function isBar(path: PdfPath): boolean {
  if (!path.fill || path.stroke || path.subpaths.length !== 1) return false;
  const [subpath] = path.subpaths;
  if (subpath.curved || subpath.points.length < 4 || subpath.points.length > 6) return false;
  const width = path.box.right - path.box.left;
  const height = path.box.bottom - path.box.top;
  return width > 0 && height <= width * BAR_ASPECT;
}

/** A filled box with a hole: the outline a font draws for a glyph it does not have. */
function isHollowBox(path: PdfPath): boolean {
  if (!path.fill || path.stroke || path.subpaths.length !== 2) return false;
  return path.subpaths.every(
    (subpath) => !subpath.curved && subpath.points.length >= 4 && subpath.points.length <= 6,
  );
}

/** Whether a missing glyph's box stands just before a horizontal item, on its baseline. */
function tofuBefore(box: Box, item: PdfText): boolean {
  const width = (box.right - box.left) / item.size;
  const height = (box.bottom - box.top) / item.size;
  const gap = (item.x - box.right) / item.size;
  return (
    width >= TOFU_WIDTH[0] &&
    width <= TOFU_WIDTH[1] &&
    height >= TOFU_HEIGHT[0] &&
    height <= TOFU_HEIGHT[1] &&
    gap >= -0.05 &&
    gap <= BAR_MAX_GAP &&
    Math.abs(box.bottom - item.y) <= 0.15 * item.size
  );
}

/** Whether a bar stands before a horizontal item as its minus: size, gap and height. */
function standsBefore(bar: Box, item: PdfText): boolean {
  const width = bar.right - bar.left;
  const middle = (bar.top + bar.bottom) / 2;
  const gap = item.x - bar.right;
  return (
    width >= BAR_MIN_WIDTH * item.size &&
    width <= BAR_MAX_WIDTH * item.size &&
    gap >= -0.05 * item.size &&
    gap <= BAR_MAX_GAP * item.size &&
    // a minus sits between the baseline and the x-height
    middle < item.y - 0.1 * item.size &&
    middle > item.y - 0.6 * item.size
  );
}

/**
 * Items that hold several numbers apart by spaces split into one item each: pdfjs puts text
 * runs that follow closely on one line into one item, as it does with crowded tick labels
 * (`100 150 200`). Each number's place along the item is estimated from the width of a
 * character in the numbers drawn alone at that size (digits are as wide as each other in
 * nearly every font), the gaps sharing what is left: good to a fraction of a character, which
 * is all a label needs to find its tick mark.
 */
function splitNumberRuns(texts: readonly PdfText[]): PdfText[] {
  const alone = texts.filter((text) => !/\s/.test(text.text.trim()) && isNumber(text.text));
  const out: PdfText[] = [];
  for (const text of texts) {
    const tokens = text.text.trim().split(/\s+/);
    if (tokens.length < 2 || !tokens.every(isNumber)) {
      out.push(text);
      continue;
    }
    const sameSize = alone.filter((other) => Math.abs(other.size - text.size) <= 0.01 * text.size);
    const perChar = sameSize.length
      ? median(sameSize.map((other) => other.width / [...other.text].length))
      : DIGIT_WIDTH * text.size;
    const chars = tokens.reduce((sum, token) => sum + [...token].length, 0);
    const gap = Math.max(0, (text.width - chars * perChar) / (tokens.length - 1));
    const radians = (text.angle * Math.PI) / 180;
    const ux = Math.cos(radians);
    const uy = -Math.sin(radians);
    let advance = 0;
    for (const token of tokens) {
      const width = [...token].length * perChar;
      const shift = (from: number) => ({ x: text.x + ux * from, y: text.y + uy * from });
      const start = shift(advance);
      const end = shift(advance + width);
      // Across the baseline the token's box is the item's; along it, its own stretch.
      const box =
        text.angle === 0
          ? { ...text.box, left: start.x, right: end.x }
          : { ...text.box, top: Math.min(start.y, end.y), bottom: Math.max(start.y, end.y) };
      out.push({ ...text, text: token, x: start.x, y: start.y, width, box });
      advance += width + gap;
    }
  }
  return out;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function isNumber(text: string): boolean {
  return parseTickLabel(text) !== null;
}

/** Whether a piece `gap` after a line's end and `rise` above its baseline is its exponent. */
function isExponent(size: number, gap: number, rise: number, nextSize: number): boolean {
  return (
    nextSize <= size * EXPONENT_SIZE &&
    rise >= EXPONENT_RISE_MIN * size &&
    rise <= EXPONENT_RISE_MAX * size &&
    gap >= -0.1 * size &&
    gap <= EXPONENT_GAP * size
  );
}

/** The first index whose value is at least `value`, in an ascending array. */
function lowerBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function union(a: Box, b: Box): Box {
  return {
    left: Math.min(a.left, b.left),
    top: Math.min(a.top, b.top),
    right: Math.max(a.right, b.right),
    bottom: Math.max(a.bottom, b.bottom),
  };
}
