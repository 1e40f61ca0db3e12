import type { Rgb } from '../color.js';
import type { OcrEngine } from '../ocr/engine.js';
import { readLabels } from '../ocr/readLabels.js';
import type { AxisScale, Raster, Word } from '../types.js';
import { fitCategoryAxis } from './categoryAxis.js';
import { parseTickLabel } from './parseTick.js';

/**
 * The x axis as categories, where its tick labels are names (`Jan`, `Q1`, `7B`) or numbers
 * not spaced by value: the labels' boxes read again as words (letters and all) and fitted by
 * fitCategoryAxis. Null when they do not stand evenly spaced.
 */
export async function readCategoryAxis(
  engine: OcrEngine,
  image: Raster,
  words: Word[],
  page: Rgb,
): Promise<{ axis: AxisScale; categories: string[] } | null> {
  if (words.length < 2) return null;
  const texts = await readLabels(
    engine,
    image,
    words.map((word) => word.box),
    page,
    { whitelist: '', exponents: false, separator: ' ' },
  );
  return fitCategoryAxis(
    words.map((word, i) => ({
      text: texts[i].text,
      pixel: (word.box.left + word.box.right) / 2,
      value: parseTickLabel(word.text)?.value ?? null,
    })),
  );
}
