import type { Rgb } from '../color.js';
import { median } from '../math.js';
import type { Raster } from '../types.js';
import { glyphsByChar, type ReadLine, X_HEIGHT } from './settleLetters.js';

const DEFAULTS = {
  /**
   * Glyphs this many x-heights apart or more have a space between them. A space and the
   * glyphs' side bearings part words by about 0.9 x-height (DejaVu, Liberation, Helvetica);
   * letters and digits, even `1` beside `1`, stand at most about 0.45 apart.
   */
  spaceGap: 0.65,
  /** A line with no lowercase letter takes its x-height as this share of its capitals'. */
  xOfCap: 0.75,
} as const;

/** A letter or digit: between two of them OCR drops no space. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Puts back the spaces OCR drops in small text beside a sign (`n = 16` read `n=16`,
 * `lr =0.01`): where two glyphs of a word, one of them no letter or digit, stand as far apart
 * as a space parts words. (Between letters, a glyph too faint to be found whole would leave a
 * gap that is none.) The glyphs are found in the image, one per character read (a line whose
 * glyphs do not match its characters one by one is left as read), and their gaps are measured
 * against the line's x-height (taken from its lowercase letters, else as 0.75 of its capitals'
 * and digits' height). Returns the lines' texts.
 */
export function restoreSpaces(image: Raster, page: Rgb, lines: ReadLine[]): string[] {
  return lines.map((line) => {
    const found = glyphsByChar(image, page, line);
    if (!found || found.chars.length < 2) return line.text;
    const { chars, glyphs } = found;
    const heights = glyphs.map((glyph) => glyph.height ?? 0);
    const lower = heights.filter((h, i) => X_HEIGHT.has(chars[i]) && h > 0);
    const xHeight =
      lower.length > 0
        ? median(lower)
        : DEFAULTS.xOfCap * median(heights.filter((h, i) => /[A-Z0-9]/.test(chars[i]) && h > 0));
    if (!(xHeight > 0)) return line.text;
    let k = 0;
    let out = '';
    for (const char of line.text) {
      if (char.trim() !== '') {
        // OCR keeps the spaces between words; the ones it drops are beside a sign (`=`, `<`)
        const sign = k > 0 && !(WORD_CHAR.test(chars[k - 1]) && WORD_CHAR.test(char));
        const gap = k > 0 ? glyphs[k].left - glyphs[k - 1].right : 0;
        if (sign && !/\s$/.test(out) && gap >= DEFAULTS.spaceGap * xHeight) out += ' ';
        k++;
      }
      out += char;
    }
    return out;
  });
}
