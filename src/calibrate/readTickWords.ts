import type { Rgb } from '../color.js';
import type { OcrEngine } from '../ocr/engine.js';
import { readLabels } from '../ocr/readLabels.js';
import type { Raster, Word } from '../types.js';

/**
 * The x tick labels read again as words (letters and all: `Jan`, `Q1`, `7B`, `Jun 8`), for
 * an axis that may hold categories or dates: one word per label, its box as first found (one
 * word may hold several dates, labels too close to be boxed apart).
 */
export async function readTickWords(
  engine: OcrEngine,
  image: Raster,
  words: Word[],
  page: Rgb,
): Promise<Word[]> {
  if (words.length === 0) return [];
  const texts = await readLabels(
    engine,
    image,
    words.map((word) => word.box),
    page,
    { whitelist: '', exponents: false, separator: ' ' },
  );
  return words.map((word, i) => ({
    text: texts[i].text,
    box: word.box,
    confidence: texts[i].confidence,
  }));
}
