import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigitizeError } from '../../src/errors.js';
import { createOcrEngine, type OcrEngine } from '../../src/ocr/engine.js';

/** A missing model must fail at once: well under this (ms), not after a hang. */
const QUICK_MS = 2_000;

/** Black digits on white, as large and clean as an upscaled tick label crop. */
async function digitsPng(text: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="90"><rect width="360" height="90" fill="#fff"/><text x="30" y="62" font-family="DejaVu Sans" font-size="48" fill="#000">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('createOcrEngine', () => {
  const realFetch = globalThis.fetch;
  let engine: OcrEngine | null = null;
  let fetchCalls = 0;

  beforeAll(() => {
    // Any attempt at the network from this thread fails loudly. (tesseract.js's worker thread
    // has its own globals; it reads the model with fs because langPath is a local folder.)
    globalThis.fetch = (() => {
      fetchCalls++;
      throw new Error('network access attempted');
    }) as typeof fetch;
  });

  afterAll(async () => {
    await engine?.close();
    globalThis.fetch = realFetch;
  });

  it('loads the committed model and reads rendered digits offline', {
    timeout: 30_000,
  }, async () => {
    engine = await createOcrEngine();
    const words = await engine.recognize(await digitsPng('2048 0.125'), { psm: 7 });
    expect(words.map((word) => word.text)).toEqual(['2048', '0.125']);
    const [first] = words;
    expect(first.confidence).toBeGreaterThan(50);
    expect(first.box.left).toBeGreaterThanOrEqual(20);
    expect(first.box.right).toBeLessThan(200);
    expect(fetchCalls).toBe(0);
  });

  it('honours a character whitelist', { timeout: 30_000 }, async () => {
    engine ??= await createOcrEngine();
    const words = await engine.recognize(await digitsPng('140'), {
      psm: 7,
      whitelist: '0123456789.',
    });
    expect(words.map((word) => word.text)).toEqual(['140']);
  });

  it('fails with OCR_FAILED at once when the model folder is missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'digitize-nomodel-'));
    try {
      const started = Date.now();
      const error = await createOcrEngine({ modelDir: join(empty, 'models') }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(QUICK_MS);
      expect(error).toBeInstanceOf(DigitizeError);
      expect((error as DigitizeError).code).toBe('OCR_FAILED');
      expect((error as DigitizeError).message).toBe(
        `OCR model not found: ${join(empty, 'models', 'eng.traineddata.gz')}`,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
