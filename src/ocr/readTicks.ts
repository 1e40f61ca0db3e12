import { parseAxisMultiplier, parseTickLabel } from '../calibrate/parseTick.js';
import type { Rgb } from '../color.js';
import type { Box, Raster, WordSymbol } from '../types.js';
import type { OcrEngine } from './engine.js';
import { readLabels, TICK_WHITELIST } from './readLabels.js';
import { readTickGlyphs } from './readTickGlyphs.js';

const DEFAULTS = {
  /** Digits (with a whitelist) are read as well at this glyph height (px) as words at 40, in less time. */
  tickGlyphHeight: 32,
  /** A glyph reading less sure than this (0..100) is read by tesseract too. */
  unsureGlyphs: 30,
} as const;

/** A tick label's text and how sure its reader was (0..100). */
export interface TickText {
  text: string;
  confidence: number;
  /** Another number tesseract read in a label with an exponent or read unsure. */
  second?: string;
}

/** An exponent, raised (`10^-4`) or written out (`1e-04`): where the glyph recogniser is least
 * sure of small glyphs, and a misread is a factor of ten or more. */
const EXPONENT = /\^|\de/;

/** A number followed by a `u`, as tesseract reads d3's SI micro sign (`100μ`): the number. */
const MICRO = /^(.*\d)u$/;

/**
 * Whether the last of a reading's characters reaches below the others by this share of their
 * height: a μ's stem does, a `u` (or a digit misread as one) stands on the baseline.
 */
const MICRO_DESCENT = 0.15;

/** Whether the last symbol of a reading (a `u`) reaches below its digits, as a μ's stem does. */
function descends(symbols: WordSymbol[]): boolean {
  const last = symbols.at(-1);
  const digits = symbols.filter((symbol) => /\d/.test(symbol.text));
  if (!last || digits.length === 0) return false;
  const bottom = Math.min(...digits.map((symbol) => symbol.box.bottom));
  const top = Math.min(...digits.map((symbol) => symbol.box.top));
  return last.box.bottom - bottom > (bottom - top) * MICRO_DESCENT;
}

/**
 * What precedes `10^` in an axis multiplier's glyph reading where its `×` was misread: the small
 * `×` read as a minus, or cut into a glyph or two (`-410^-3`, `-710^-3` on a JPEG scaled down).
 */
const MISREAD_TIMES = /^(?:[^\d^]|[^\d^]?\d)(?=10\^[+-]?\d+$)/;

/**
 * The glyph reading of an axis multiplier's box (`xOffset`, `yOffset`: `×10^k`) with its `×`
 * put back where it was misread (`MISREAD_TIMES`): a bare power of ten with a sign, or with a
 * digit before it and no `×`, is no multiplier, and the raised exponent, read apart at its own
 * size, is the reading to keep. (Asked again, tesseract loses the exponent's small minus:
 * `x10^3` for `×10^-3`, the axis a million times off.)
 */
export function multiplierText(text: string): string {
  return text.replace(MISREAD_TIMES, '×');
}

/**
 * Reads tick labels: the glyph recogniser (`readTickGlyphs`), and tesseract, in one call, for
 * the labels it reads nothing in or nothing that is a number (and for all of them when the
 * engine has no glyph model). A doubtful glyph reading is kept with its doubt: tesseract,
 * asked again, was wrong more often than it on the stress set. A label whose glyph reading
 * holds an exponent, or is unsure, is read by tesseract too, and another number read there is
 * kept as the label's `second` reading (calibration weighs both). `axis` groups the labels
 * that share one font size. Returns each label's text and confidence (0..100).
 */
export async function readTicks(
  engine: OcrEngine,
  image: Raster,
  labels: { axis: string; box: Box }[],
  page: Rgb,
): Promise<TickText[]> {
  const glyphs = engine.glyphs
    ? readTickGlyphs(
        engine.glyphs,
        image,
        labels.map(({ axis, box }) => ({ group: axis, box })),
        page,
      )
    : labels.map(() => null);
  const out = glyphs.map((reading, i): TickText => {
    const text = reading?.text ?? '';
    return {
      text: labels[i].axis.endsWith('Offset') ? multiplierText(text) : text,
      confidence: (reading?.confidence ?? 0) * 100,
    };
  });
  const number = (text: string) => parseTickLabel(text)?.value;
  const unread = labels.flatMap((_, i) =>
    number(out[i].text) !== undefined || parseAxisMultiplier(out[i].text) ? [] : [i],
  );
  const doubted = labels.flatMap((label, i) =>
    !label.axis.endsWith('Offset') &&
    !unread.includes(i) &&
    (EXPONENT.test(out[i].text) || out[i].confidence < DEFAULTS.unsureGlyphs)
      ? [i]
      : [],
  );
  const asked = [...unread, ...doubted];
  const read = await readLabels(
    engine,
    image,
    asked.map((i) => labels[i].box),
    page,
    { glyphHeight: DEFAULTS.tickGlyphHeight, whitelist: `${TICK_WHITELIST}u` },
  );
  asked.forEach((i, k) => {
    const { text: asRead, confidence } = read[k];
    // d3's SI micro sign (`100μ`: Plotly, Vega), which the glyph recogniser, made for digits,
    // drops or reads as a digit, tesseract reads as a `u`; a `u` that does not reach below the
    // digits is a misread digit, and the number before it is what was read. A `u` anywhere else
    // is no micro sign: it is the `0` small blurred glyphs are misread as (`-1.u`).
    const micro = MICRO.exec(asRead);
    const text = micro ? micro[1] : asRead.replaceAll('u', '0');
    const mu = micro !== null && descends(read[k].symbols);
    const glyphs = out[i].text;
    if (k < unread.length) {
      if (text !== '') out[i] = { text: mu ? `${text}μ` : text, confidence };
    } else if (
      mu &&
      (glyphs === text || (glyphs.length === text.length + 1 && /\d$/.test(glyphs)))
    ) {
      // the glyph recogniser read the digits, and dropped the μ or read it as a last digit
      out[i] = { text: `${glyphs.slice(0, text.length)}μ`, confidence };
    } else if (mu && number(`${text}μ`) !== undefined) {
      out[i].second = `${text}μ`;
    } else if (number(text) !== undefined && number(text) !== number(out[i].text)) {
      // A power read flat (`10⁶` as `106`) is tesseract losing the raise, no other reading.
      const flat = out[i].text.includes('^') && !parseTickLabel(text)?.power;
      if (!flat) out[i].second = text;
    }
  });
  return out;
}
