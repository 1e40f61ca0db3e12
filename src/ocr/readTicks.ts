import { parseAxisMultiplier, parseTickLabel } from '../calibrate/parseTick.js';
import type { Rgb } from '../color.js';
import type { Box, Raster } from '../types.js';
import type { OcrEngine } from './engine.js';
import { readLabels } from './readLabels.js';
import { readTickGlyphs } from './readTickGlyphs.js';

const DEFAULTS = {
  /** Digits (with a whitelist) are read as well at this glyph height (px) as words at 40, in less time. */
  tickGlyphHeight: 32,
} as const;

/** A tick label's text and how sure its reader was (0..100). */
export interface TickText {
  text: string;
  confidence: number;
}

/**
 * Reads tick labels: the glyph recogniser (`readTickGlyphs`), and tesseract, in one call, for
 * the labels it reads nothing in or nothing that is a number (and for all of them when the
 * engine has no glyph model). A doubtful glyph reading is kept with its doubt: tesseract,
 * asked again, was wrong more often than it on the stress set. `axis` groups the labels that
 * share one font size. Returns each label's text and confidence (0..100).
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
  // An axis multiplier's box (`xOffset`, `yOffset`) holds `×10^k`: its small × is read as a
  // minus (a bare power of ten with a sign is no multiplier).
  const out = glyphs.map((reading, i) => {
    const text = reading?.text ?? '';
    return {
      text: labels[i].axis.endsWith('Offset') ? text.replace(/^-(?=10\^)/, '×') : text,
      confidence: (reading?.confidence ?? 0) * 100,
    };
  });
  const unread = labels.flatMap((_, i) =>
    parseTickLabel(out[i].text) || parseAxisMultiplier(out[i].text) ? [] : [i],
  );
  const read = await readLabels(
    engine,
    image,
    unread.map((i) => labels[i].box),
    page,
    { glyphHeight: DEFAULTS.tickGlyphHeight },
  );
  unread.forEach((i, k) => {
    if (read[k].text !== '') out[i] = { text: read[k].text, confidence: read[k].confidence };
  });
  return out;
}
