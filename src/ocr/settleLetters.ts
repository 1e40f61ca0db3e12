import type { Rgb } from '../color.js';
import { median } from '../math.js';
import type { Box, Raster, WordSymbol } from '../types.js';
import { lumaAt } from './inkImage.js';

/** A line of text as OCR read it, with its characters' boxes in the image's pixels. */
export interface ReadLine {
  text: string;
  symbols: WordSymbol[];
}

/** Lowercase letters that stand on the baseline and reach the x-height. */
export const X_HEIGHT = new Set('acemnorsuvwxz');
/** Capitals and digits with flat tops (round ones overshoot the cap height). */
const CAP_HEIGHT = new Set('ABDEFHKLMNPRTUVWXYZ12457');
/**
 * Lowercase letters whose stems rise to the ascender height, and `i`, whose dot most fonts put
 * there too (at the capitals' height where `l` is no taller than them: Arial, Helvetica).
 */
const ASCENDERS = new Set('bdhki');

const DEFAULTS = {
  /** Ink at least this strong (0..1 of the text's darkest) is solid. */
  solid: 0.5,
  /** Fonts whose ascenders rise at least this share of the x-height above their capitals tell `l` from `I`. */
  minAscent: 0.03,
  /** A glyph this far (share of the ascent) above the cap height is no capital. */
  lFrom: 0.7,
  /** Lines whose x-heights differ by at most this share are one size. */
  sameSize: 0.15,
  /** Two characters whose boxes share this share of the narrower's width may be one glyph read twice. */
  doubled: 0.5,
} as const;

/**
 * Settles `I` against `l` in lines read by OCR from the glyphs' shapes: a capital `I` is as
 * tall as the other capitals, and in most fonts (DejaVu, Liberation, Roboto, Open Sans...) an
 * `l` rises above them, towards the height of `b d h k` (and of the dot of `i`). So an `I` whose glyph, measured to a
 * fraction of a pixel against its line's x-height, rises most of that way is an `l`. Heights
 * are compared between lines of one size (a legend's entries share a font; hinting rounds
 * each size its own way). An `l` is never turned into an `I`: in Helvetica-like fonts an `l`
 * is as tall as the capitals. Where no line of that size shows both capitals and ascenders,
 * or its glyphs cannot be told apart one by one, nothing is changed. Returns the lines' texts.
 */
export function settleCapitalI(image: Raster, page: Rgb, lines: ReadLine[]): string[] {
  const measured = lines.map((line) => {
    const found = glyphsByChar(image, page, line);
    if (!found) return null;
    const { chars, glyphs } = found;
    const heights = glyphs.map((glyph) => glyph.height ?? 0);
    const xHeight = median(heights.filter((h, i) => X_HEIGHT.has(chars[i]) && h > 0));
    return xHeight > 0 ? { chars, xHeight, ratios: heights.map((h) => h / xHeight) } : null;
  });
  return lines.map((line, index) => {
    const found = measured[index];
    if (!found) return line.text;
    // Heights are compared between lines of one size: hinting rounds each size its own way.
    const alike = measured.filter(
      (other) => other && Math.abs(other.xHeight / found.xHeight - 1) <= DEFAULTS.sameSize,
    );
    const pooled = (set: Set<string>) =>
      median(
        alike.flatMap((other) =>
          other ? other.ratios.filter((ratio, i) => set.has(other.chars[i]) && ratio > 0) : [],
        ),
      );
    const cap = pooled(CAP_HEIGHT);
    const ascent = pooled(ASCENDERS) - cap;
    if (!(cap > 0) || !(ascent >= DEFAULTS.minAscent)) return line.text;
    let k = 0;
    return [...line.text]
      .map((char) => {
        if (char.trim() === '') return char;
        const ratio = found.ratios[k++];
        return char === 'I' && ratio >= cap + DEFAULTS.lFrom * ascent ? 'l' : char;
      })
      .join('');
  });
}

/**
 * A line's characters read (spaces left out) and its glyphs found in the image, one per
 * character, in order: OCR's boxes are too loose to pick them. Null where the glyphs do not
 * match the characters one by one.
 */
export function glyphsByChar(
  image: Raster,
  page: Rgb,
  line: ReadLine,
): { chars: string[]; glyphs: Glyph[] } | null {
  const chars = [...line.text].filter((char) => char.trim() !== '');
  if (chars.length === 0 || chars.length !== line.symbols.length) return null;
  const paper = lumaAt({ data: Uint8Array.from(page), width: 1, height: 1, channels: 3 }, 0);
  const glyphs = glyphsOf(image, paper, lineBox(image, line.symbols));
  return glyphs.length === chars.length ? { chars, glyphs } : null;
}

/**
 * One glyph read as two letters: at a small size OCR may read a glyph twice, as one letter in
 * both cases (`AdamWw`, whose `W` is one glyph). Of two neighbouring characters of a word that
 * are one letter in two cases, whose boxes overlap by at least `DEFAULTS.doubled` of the
 * narrower's width, and whose columns hold one glyph of the image (pieces with no blank column
 * between them), the second is dropped. A letter doubled in one case (`ll`, `ee`) is two glyphs, and left alone; so is a
 * line whose characters and boxes do not pair one by one. Returns the lines, mended.
 */
export function dropDoubledGlyphs(image: Raster, page: Rgb, lines: ReadLine[]): ReadLine[] {
  const paper = lumaAt({ data: Uint8Array.from(page), width: 1, height: 1, channels: 3 }, 0);
  return lines.map((line) => {
    const chars = [...line.text];
    const inked = chars.flatMap((char, i) => (char.trim() === '' ? [] : [i]));
    if (inked.length < 2 || inked.length !== line.symbols.length) return line;
    const { symbols } = line;
    const twins = (k: number) => {
      const [a, b] = [chars[inked[k - 1]], chars[inked[k]]];
      if (inked[k] !== inked[k - 1] + 1 || a === b || a.toLowerCase() !== b.toLowerCase()) {
        return false;
      }
      const [p, q] = [symbols[k - 1].box, symbols[k].box];
      const shared = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const narrower = Math.min(p.right - p.left, q.right - q.left);
      return shared > 0 && shared >= narrower * DEFAULTS.doubled;
    };
    const doubled = inked.flatMap((_, k) => (k > 0 && twins(k) ? [k] : []));
    if (doubled.length === 0) return line;
    const glyphs = glyphsOf(image, paper, lineBox(image, symbols));
    const drop = new Set(
      doubled.filter((k) => {
        const [p, q] = [symbols[k - 1].box, symbols[k].box];
        const [left, right] = [Math.min(p.left, q.left), Math.max(p.right, q.right)];
        const under = glyphs.filter((glyph) => {
          const middle = (glyph.left + glyph.right) / 2;
          return middle >= left && middle <= right;
        });
        // At a small size, a glyph's strokes part into pieces that touch (no blank column).
        return (
          under.length > 0 && under.every((glyph, i) => i === 0 || glyph.left <= under[i - 1].right)
        );
      }),
    );
    if (drop.size === 0) return line;
    const gone = new Set([...drop].map((k) => inked[k]));
    return {
      text: chars.filter((_, i) => !gone.has(i)).join(''),
      symbols: symbols.filter((_, k) => !drop.has(k)),
    };
  });
}

/** A glyph found in the image: its columns, and its rows to a fraction of a pixel. */
export interface Glyph {
  left: number;
  right: number;
  top: number;
  bottom: number;
  height?: number;
}

/** The box holding a line's characters, a pixel larger, in whole pixels inside the image. */
function lineBox(image: Raster, symbols: WordSymbol[]): Box {
  return {
    left: Math.max(0, Math.floor(Math.min(...symbols.map((s) => s.box.left))) - 1),
    right: Math.min(image.width, Math.ceil(Math.max(...symbols.map((s) => s.box.right))) + 1),
    top: Math.max(0, Math.floor(Math.min(...symbols.map((s) => s.box.top))) - 2),
    bottom: Math.min(image.height, Math.ceil(Math.max(...symbols.map((s) => s.box.bottom))) + 2),
  };
}

/**
 * The glyphs of a line, left to right: its connected pieces of solid ink (8-connected), those
 * over the same columns joined, each with its height from its highest to its lowest ink, each
 * edge to a fraction of a pixel (the edge row's ink and the next row's say how much of them
 * the glyph covers).
 */
function glyphsOf(image: Raster, paper: number, box: Box): Glyph[] {
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  if (width <= 0 || height <= 0) return [];
  const pixels = { ...image, channels: 3 as const };
  const ink = new Float32Array(width * height);
  let dark = paper;
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const luma = lumaAt(pixels, (box.top + row) * image.width + box.left + column);
      ink[row * width + column] = luma;
      dark = Math.min(dark, luma);
    }
  }
  if (paper - dark < 1) return [];
  for (let i = 0; i < ink.length; i++) {
    ink[i] = Math.min(1, Math.max(0, (paper - ink[i]) / (paper - dark)));
  }
  const at = (row: number, column: number) =>
    row < 0 || row >= height ? 0 : ink[row * width + column];
  const label = new Int32Array(width * height).fill(-1);
  const glyphs: Glyph[] = [];
  for (let start = 0; start < ink.length; start++) {
    if (ink[start] < DEFAULTS.solid || label[start] >= 0) continue;
    const stack = [start];
    label[start] = glyphs.length;
    let [left, right] = [width, -1];
    const tops = new Map<number, number>();
    const bottoms = new Map<number, number>();
    while (stack.length > 0) {
      const i = stack.pop()!;
      const row = Math.floor(i / width);
      const column = i % width;
      left = Math.min(left, column);
      right = Math.max(right, column + 1);
      tops.set(column, Math.min(tops.get(column) ?? row, row));
      bottoms.set(column, Math.max(bottoms.get(column) ?? row, row));
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const r = row + dy;
          const c = column + dx;
          if (r < 0 || r >= height || c < 0 || c >= width) continue;
          const j = r * width + c;
          if (ink[j] >= DEFAULTS.solid && label[j] < 0) {
            label[j] = glyphs.length;
            stack.push(j);
          }
        }
      }
    }
    let highest = Number.POSITIVE_INFINITY;
    let lowest = Number.NEGATIVE_INFINITY;
    for (const [column, top] of tops) {
      const bottom = bottoms.get(column)!;
      highest = Math.min(highest, top + 1 - at(top, column) - at(top - 1, column));
      lowest = Math.max(lowest, bottom + at(bottom, column) + at(bottom + 1, column));
    }
    glyphs.push({ left: box.left + left, right: box.left + right, top: highest, bottom: lowest });
  }
  // Pieces over the same columns are one glyph (the dot of an i, the bars of =): pieces sharing
  // half the columns of the narrower (a 1 px stem and its dot), not a kerned neighbour's pixel.
  const merged: Glyph[] = [];
  for (const glyph of glyphs.sort((a, b) => a.left - b.left)) {
    const last = merged.at(-1);
    const shared = last ? Math.min(last.right, glyph.right) - glyph.left : 0;
    const narrower = last ? Math.min(last.right - last.left, glyph.right - glyph.left) : 0;
    if (last && shared > 0 && shared >= narrower / 2) {
      last.right = Math.max(last.right, glyph.right);
      last.top = Math.min(last.top, glyph.top);
      last.bottom = Math.max(last.bottom, glyph.bottom);
    } else {
      merged.push({ ...glyph });
    }
  }
  return merged.map((glyph) => ({ ...glyph, height: glyph.bottom - glyph.top }));
}

/**
 * `I` against `l` where the glyphs cannot tell them apart (Arial, Helvetica: one upright bar
 * of one height) or OCR read the bar as `[`: a capitalised word holds a vowel, so an `I`, or a
 * `[` never closed, that starts a word of lowercase consonants only (`Ir=3e-4`, `[r`, `Im`) is
 * an `l`. A word with a vowel (`Iter`, `Iris`) or in capitals (`ICML`) is left alone.
 */
export function lowercaseL(text: string): string {
  return text.replace(
    /(^|[^\p{L}])[I[](?=[b-df-hj-np-tv-xz]+(?![\p{L}]))/gu,
    (match, before: string) => (match.endsWith('[') && text.includes(']') ? match : `${before}l`),
  );
}
