import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLegend } from '../../src/legend/findLegend.js';
import { loadRaster } from '../../src/load/loadRaster.js';
import { DEFAULT_MODEL_DIR } from '../../src/ocr/engine.js';
import { loadGlyphModel } from '../../src/ocr/glyphModel.js';
import { numericNames } from '../../src/ocr/numericNames.js';
import { findPlotArea } from '../../src/plot/findPlotArea.js';

const model = loadGlyphModel(DEFAULT_MODEL_DIR);

/** A zoo chart of `test/fixtures/legend`, its legend's text boxes and its page colour. */
async function legendTexts(file: string) {
  const image = await loadRaster(join(import.meta.dirname, '..', 'fixtures', 'legend', file));
  const plot = findPlotArea(image);
  const legend = findLegend(image, plot);
  return { image, page: plot.page, boxes: legend!.slots.map((slot) => slot.text) };
}

describe('numericNames', () => {
  it('reads numeric names with the glyph recogniser where tesseract misread them (ggplot2, a zoo chart)', async () => {
    const { image, page, boxes } = await legendTexts('ggplot2-numeric-names.png');
    // Tesseract read '8' as 'a' and '16' as 'l6'; the legend lists 0.1, 100, 128, 16, 8.
    const names = numericNames(model, image, page, boxes, ['0.1', '100', '128', 'l6', 'a']);
    expect(names).toEqual(['0.1', '100', '128', '16', '8']);
    // Another number tesseract read gives way to a reading surer than 0.98 (these read 1.00).
    expect(numericNames(model, image, page, boxes, ['0.1', '100', '178', '16', '8'])).toEqual([
      '0.1',
      '100',
      '128',
      '16',
      '8',
    ]);
  });

  it('takes the decimal point tesseract lost, where both read the same digits (Chart.js, JPEG, a zoo chart)', async () => {
    const { image, page, boxes } = await legendTexts('chartjs-numeric-name-jpeg.jpg');
    // The glyph recogniser reads '0.1' at about 0.6 in JPEG noise; tesseract read '01'.
    expect(numericNames(model, image, page, boxes, ['01'])).toEqual(['0.1']);
    // A reading of other digits is not taken so unsure, over garbage or another number.
    expect(numericNames(model, image, page, boxes, ['07'])).toEqual(['07']);
    expect(numericNames(model, image, page, boxes, ['o.l'])).toEqual(['o.l']);
  });

  it('keeps names of words, and what tesseract read as nothing (Chart.js, a zoo chart)', async () => {
    const { image, page, boxes } = await legendTexts('chartjs-serif-names-above.png');
    const read = ['AdamW', 'Beam search', 'Ours (full)', ''];
    expect(numericNames(model, image, page, boxes, read)).toEqual(read);
  });

  it('keeps a word tesseract read, which the glyph recogniser reads as a number surely (ggplot2, a zoo chart)', async () => {
    const { image, page, boxes } = await legendTexts('ggplot2-name-dpo.png');
    // The first name is DPO: read by the digits-only recogniser as '090' at 0.94.
    const read = ['DPO', ...boxes.slice(1).map(() => '')];
    expect(numericNames(model, image, page, boxes, read)[0]).toBe('DPO');
    // Letters only like digits may be a misread number: the recogniser's reading wins there.
    expect(numericNames(model, image, page, boxes, ['OQO', ...read.slice(1)])[0]).toBe('090');
  });

  it('keeps the names without a glyph model', async () => {
    const { image, page, boxes } = await legendTexts('ggplot2-numeric-names.png');
    const read = ['0.1', '100', '128', 'l6', 'a'];
    expect(numericNames(null, image, page, boxes, read)).toEqual(read);
  });
});
