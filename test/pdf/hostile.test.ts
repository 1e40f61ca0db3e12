import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DigitizeError } from '../../src/errors.js';
import { digitizePdf } from '../../src/pdf/digitizePdf.js';
import { floodPdf, manyPagesPdf } from '../helpers/hostilePdfs.js';

/** Made by `test/fixtures/pdf/hostile/make.ts`. */
const DIR = join(import.meta.dirname, '../fixtures/pdf/hostile');
const read = (name: string) => readFileSync(join(DIR, name));
const options = { source: 'hostile.pdf', maxPixels: 20_000_000 };

describe('digitizePdf on hostile PDFs', () => {
  it('refuses an encrypted PDF with PDF_ENCRYPTED, asking for no password', async () => {
    await expect(digitizePdf(read('encrypted.pdf'), options)).rejects.toMatchObject({
      name: 'DigitizeError',
      code: 'PDF_ENCRYPTED',
      stage: 'load',
      input: 'hostile.pdf',
      message: 'the PDF is encrypted with a password',
    });
  });

  it('refuses bytes that only start like a PDF, and a PDF cut short, with PDF_INVALID', async () => {
    for (const name of ['garbage.pdf', 'truncated.pdf']) {
      const error = await digitizePdf(read(name), options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DigitizeError);
      expect(error).toMatchObject({ code: 'PDF_INVALID', stage: 'load' });
      expect((error as Error).message).toMatch(/^not a readable PDF: /);
    }
  });

  it('rebuilds a broken cross-reference table and reads the page', async () => {
    const result = await digitizePdf(read('broken-xref.pdf'), options);
    expect(result.pages).toBe(1);
    expect(result.warnings).toEqual(['no line chart found in 1 page']);
  });

  it('stops drawing forms nested too deep, and forms that draw each other, with a warning', async () => {
    const deep = await digitizePdf(read('deep-forms.pdf'), options);
    expect(deep.warnings).toContain('page 1: 1 forms nested too deep were not read');
    const circular = await digitizePdf(read('circular-forms.pdf'), options);
    expect(circular.charts).toEqual([]);
    expect(circular.warnings).toEqual(['no line chart found in 1 page']);
  });

  it('does not decode an image declaring more pixels than maxPixels', async () => {
    const result = await digitizePdf(read('huge-image.pdf'), {
      ...options,
      digitizeRaster: () => {
        throw new Error('no image should reach the image pipeline');
      },
    });
    expect(result.charts).toEqual([]);
    expect(result.warnings).toEqual(['no line chart found in 1 page']);
  });

  it('never runs JavaScript nor opens embedded files', async () => {
    const result = await digitizePdf(read('scripted.pdf'), options);
    expect(result.pages).toBe(1);
    expect((globalThis as { pdfScriptRan?: boolean }).pdfScriptRan).toBeUndefined();
  });

  it('reads at most maxPages of 10,000 pages, and the pages asked for', async () => {
    const bytes = manyPagesPdf(10_000);
    const capped = await digitizePdf(bytes, { ...options, maxPages: 20 });
    expect(capped.pages).toBe(20);
    expect(capped.warnings[0]).toBe(
      'only 20 of 10000 pages were read (pages 21 to 10000 left out: maxPages)',
    );
    const some = await digitizePdf(bytes, { ...options, pages: [{ from: 9_998, to: null }] });
    expect(some.pages).toBe(3);
  });

  it('skips a page over its time limit with a warning and goes on', async () => {
    const result = await digitizePdf(floodPdf(300_000), { ...options, pageTimeoutMs: 50 });
    expect(result.warnings).toContain('page 1 took longer than 0.05 s and was skipped');
  });

  it('checks its options before any work', async () => {
    await expect(digitizePdf(read('broken-xref.pdf'), { ...options, maxPages: 0 })).rejects.toThrow(
      new RangeError('Expected positive integer for maxPages but received 0 of type number'),
    );
  });
});
